/**
 * The policy's version history carries each version's own time and author: SharePoint's
 * `items(<id>)/versions` answers each version's Created/Modified/Editor, and the settings service's
 * history shows them. Two saves at different times by two administrators give two rows that differ.
 */
import { createContextFromBaseUrl } from '../../services/connect';
import { SettingsService, clearSettingsPageCache } from '../../services/settings';
import { provisionSuite } from '../../services/provisioning/provision';
import { SETTINGS_LIST_TITLE } from '../../services/provisioning/schema';
import { demoGroupId } from '../../workbench/tenant/seed';
import { PERSONAS_UPN, SeededTenant, startSeededTenant, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor } from '../support/sp-client';

let t: SeededTenant;
let clock = new Date(TEST_REFERENCE_DATE);
let otherAdmin: { upn: string; name: string };

const claim = (nickname: string): string => `c:0t.c|tenant|${demoGroupId(nickname)}`;

function service(upn: string): SettingsService {
  const ctx = createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': upn } });
  return new SettingsService(ctx, { storage: null });
}

beforeAll(async () => {
  t = await startSeededTenant({ now: () => clock });
  await provisionSuite(spFor(t.siteUrl, PERSONAS_UPN.admin), { roles: { tenantAdmins: [claim('tenant-admins')] } });
  // The other member of "Tenant admins" (the IT director): a second author for the history.
  otherAdmin = t.tenant.db.prepare(`SELECT u.userPrincipalName AS upn, u.displayName AS name FROM group_members m
    JOIN users u ON u.id = m.userId WHERE m.groupId = ? AND u.userPrincipalName <> ?`)
    .get(demoGroupId('tenant-admins'), PERSONAS_UPN.admin) as { upn: string; name: string };
});

afterAll(async () => {
  await t.close();
});

const T1 = '2026-11-02T13:05:00.000Z';
const T2 = '2026-11-04T09:30:00.000Z';

test('two saves at different times by two admins: history shows two times and the right editors', async () => {
  clearSettingsPageCache();
  clock = new Date(T1);
  const admin = service(PERSONAS_UPN.admin);
  const first = await admin.load();
  await admin.save({ ...first.policy, moderation: { ...first.policy.moderation, flagHideThreshold: 7 } }, first.etag);

  clearSettingsPageCache();
  clock = new Date(T2);
  const other = service(otherAdmin.upn);
  const seen = await other.load();
  await other.save({ ...seen.policy, moderation: { ...seen.policy.moderation, flagHideThreshold: 9 } }, seen.etag);

  const history = await service(PERSONAS_UPN.admin).history();
  expect(history.map(v => [v.versionLabel, new Date(v.modified).toISOString(), v.modifiedBy]))
    .toEqual([['2.0', T2, otherAdmin.name], ['1.0', T1, 'David Chen']]);
});

test('through REST, each version answers its own Created, Modified and Editor', async () => {
  const list = spFor(t.siteUrl, PERSONAS_UPN.admin).web.lists.getByTitle(SETTINGS_LIST_TITLE);
  const [item] = await list.items.select('Id', 'Created')();
  expect(new Date(item.Created).toISOString()).toBe(T1);
  const versions = await list.items.getById(item.Id).versions() as Array<{ VersionLabel: string; Created: string; Modified: string; Editor: { LookupValue: string } }>;
  expect(versions.map(v => [v.VersionLabel, new Date(v.Created).toISOString(), new Date(v.Modified).toISOString(), v.Editor.LookupValue]))
    .toEqual([['2.0', T2, T2, otherAdmin.name], ['1.0', T1, T1, 'David Chen']]);
  const one = await list.items.getById(item.Id).versions.getById(1024)() as { Created: string };
  expect(new Date(one.Created).toISOString()).toBe(T2);
});
