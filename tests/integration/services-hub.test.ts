/**
 * Components find the hub site through the tenant property that provisioning sets.
 */
import { createContextFromBaseUrl } from '../../services/connect';
import { resolveHubSiteUrl } from '../../services/hub';
import { HUB_SITE_URL_PROPERTY } from '../../services/provisioning/schema';
import { PERSONAS_UPN, SeededTenant, startSeededTenant } from '../support/graph-client';

let t: SeededTenant;
beforeAll(async () => { t = await startSeededTenant(); });
afterAll(async () => { await t.close(); });

function sp(upn: string) {
  return createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': upn } }).sp;
}

function forgetPage(): void {
  delete (globalThis as Record<string, unknown>).__socialIntranetHubSiteUrl;
}

test('without the tenant property, the current site is the hub', async () => {
  forgetPage();
  expect(await resolveHubSiteUrl(sp(PERSONAS_UPN.employee), 'https://contoso.sharepoint.com/sites/team')).toBe('https://contoso.sharepoint.com/sites/team');
});

test('with it, every component goes to the hub, reading the property once per page', async () => {
  forgetPage();
  await sp(PERSONAS_UPN.admin).web.setStorageEntity(HUB_SITE_URL_PROPERTY, 'https://contoso.sharepoint.com/sites/intranet/', 'hub', 'test');
  const before = t.requests.length;
  const urls = await Promise.all([1, 2, 3].map(() => resolveHubSiteUrl(sp(PERSONAS_UPN.employee), 'https://contoso.sharepoint.com/sites/team')));
  expect(urls).toEqual(Array(3).fill('https://contoso.sharepoint.com/sites/intranet'));
  expect(t.requests.slice(before).filter(r => /GetStorageEntity/i.test(r.url))).toHaveLength(1);
});

test('a value that is not an address is ignored', async () => {
  forgetPage();
  const scriptUrl = ['javascript', 'alert(1)'].join(':');
  await sp(PERSONAS_UPN.admin).web.setStorageEntity(HUB_SITE_URL_PROPERTY, scriptUrl, 'hub', 'test');
  expect(await resolveHubSiteUrl(sp(PERSONAS_UPN.employee), 'https://contoso.sharepoint.com/sites/team')).toBe('https://contoso.sharepoint.com/sites/team');
});
