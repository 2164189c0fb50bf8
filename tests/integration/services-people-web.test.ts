/**
 * The suite's own services (services/people.ts, services/web.ts), built exactly as the workbench
 * builds them (services/connect.ts: PnPjs + Graph client from base URLs), against the local tenant.
 */
import { createContextFromBaseUrl } from '../../services/connect';
import { NotFoundError, PeopleService } from '../../services/people';
import { WebService } from '../../services/web';
import { PERSONAS_UPN, SeededTenant, startSeededTenant } from '../support/graph-client';

let t: SeededTenant;

beforeAll(async () => {
  t = await startSeededTenant();
});

afterAll(async () => {
  await t.close();
});

function contextFor(upn: string) {
  return createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'fr-FR', headers: { 'x-local-user': upn } });
}

describe('PeopleService', () => {
  it('loads the signed-in agent with manager, reports and photo in one request', async () => {
    const before = t.requests.length;
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.agent).graph).getProfile(null);
    expect(t.requests.length - before).toBe(1);
    expect(t.requests[t.requests.length - 1].url).toMatch(/\/graph\/v1\.0\/\$batch$/);
    expect(profile.person.userPrincipalName).toBe(PERSONAS_UPN.agent);
    expect(profile.person.displayName).toBe('Émilie Tremblay');
    expect(profile.manager && profile.manager.userPrincipalName).toBe(PERSONAS_UPN.manager);
    if (profile.photo) {
      const bytes = new Uint8Array(await profile.photo.arrayBuffer());
      expect(Array.from(bytes.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });

  it('shows the manager with the agent among the direct reports', async () => {
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.agent).graph).getProfile(PERSONAS_UPN.manager);
    expect(profile.person.userPrincipalName).toBe(PERSONAS_UPN.manager);
    expect(profile.directReports.map(r => r.userPrincipalName)).toContain(PERSONAS_UPN.agent);
    expect(profile.manager && profile.manager.userPrincipalName).toBe(PERSONAS_UPN.director);
  });

  it('gives the CEO no manager rather than an error', async () => {
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.employee).graph).getProfile(PERSONAS_UPN.ceo);
    expect(profile.manager).toBeNull();
    expect(profile.directReports.length).toBeGreaterThan(3);
  });

  it('returns a photo for most people and none without failing for the rest', async () => {
    const people = (await contextFor(PERSONAS_UPN.employee).graph.api('/users').select('id').top(40).get()) as { value: Array<{ id: string }> };
    const service = new PeopleService(contextFor(PERSONAS_UPN.employee).graph);
    const profiles = await Promise.all(people.value.map(p => service.getProfile(p.id)));
    const withPhoto = profiles.filter(p => p.photo !== null).length;
    expect(withPhoto).toBeGreaterThan(20);
    expect(withPhoto).toBeLessThan(40);
  });

  it('reports an unknown person as not found', async () => {
    await expect(new PeopleService(contextFor(PERSONAS_UPN.agent).graph).getProfile("nobody.o'hara@northwind-retail.example"))
      .rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('WebService', () => {
  it('reads the site title and the current user in one batched request', async () => {
    const service = new WebService(contextFor(PERSONAS_UPN.manager));
    const before = t.requests.length;
    const identity = await service.getSiteIdentity();
    const paths = (from: number): string[] => t.requests.slice(from).map(r => `${r.method} ${r.url.replace(/\?.*$/, '')}`);
    // Outside SharePoint, PnPjs first gets a request digest for the POST (SPFx takes it from the page).
    expect(paths(before)).toEqual(['POST /sites/intranet/_api/contextinfo', 'POST /sites/intranet/_api/$batch']);
    expect(identity.siteTitle).toBeTruthy();
    expect(identity.userTitle).toBe('Marc-André Gagnon');
    expect(identity.userLoginName).toBe(`i:0#.f|membership|${PERSONAS_UPN.manager}`);
    // The digest is reused: the next read is the batch alone.
    const again = t.requests.length;
    await service.getSiteIdentity();
    expect(paths(again)).toEqual(['POST /sites/intranet/_api/$batch']);
  });
});
