/**
 * Provisioning the suite's lists on the local tenant (seeded demo organisation) through PnPjs:
 * what the settings list looks like afterwards, that a second run is a no-op, that a newer schema
 * adds fields without losing items, and that SharePoint permissions (not the UI) keep the policy
 * writable by tenant admins only.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/security';
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor, spErrorOf } from '../support/sp-client';
import { setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { provisionSuite, ProvisionReport, ProvisionRoles, ProvisionError } from '../../services/provisioning/provision';
import {
  SUITE_SETTINGS_LIST, SETTINGS_LIST_TITLE, POLICY_FIELD, SCHEMA_VERSION_FIELD, POLICY_ITEM_TITLE, ListSchema, checkListSchemas
} from '../../services/provisioning/schema';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { defaultPolicy, POLICY_SCHEMA_VERSION } from '../../core/policy';

interface Snapshot {
  info: Record<string, unknown>;
  fields: Record<string, unknown>[];
  assignments: string[];
  items: Record<string, unknown>[];
}

/** The state provisioning owns, as an admin reads it over REST. */
async function snapshot(sp: SPFI, title: string): Promise<Snapshot> {
  const list = sp.web.lists.getByTitle(title);
  const info = await list.select('Id', 'Title', 'Description', 'EnableVersioning', 'ReadSecurity', 'WriteSecurity', 'HasUniqueRoleAssignments')();
  const fields = (await list.fields<Record<string, unknown>[]>()).map(f => ({
    Id: f.Id, InternalName: f.InternalName, Title: f.Title, TypeAsString: f.TypeAsString, Required: f.Required,
    Indexed: f.Indexed, EnforceUniqueValues: f.EnforceUniqueValues, Choices: f.Choices
  }));
  const ras = await list.roleAssignments.expand('Member', 'RoleDefinitionBindings')<{ Member: { LoginName: string }; RoleDefinitionBindings: { Name: string }[] }[]>();
  const assignments = ras.map(a =>
    `${a.Member.LoginName} = ${a.RoleDefinitionBindings.map(d => d.Name).sort().join('+')}`).sort();
  const items = await list.items.select('Id', 'Title', 'Modified', 'OData__UIVersionString')();
  return { info: { ...info, 'odata.metadata': undefined, 'odata.id': undefined, 'odata.editLink': undefined }, fields, assignments, items };
}

const kinds = (r: ProvisionReport): string[] => r.changes.map(c => `${c.kind} ${c.target}`);

let t: SeededTenant;
let admin: SPFI;
let roles: ProvisionRoles;
let adminsClaim: string;
let everyoneClaim: string;
const POLICY = JSON.stringify({ ...defaultPolicy(), defaultLocale: 'fr-FR' });
/** The policy as provisioning stored it (validated, indented). */
let storedPolicy: string;

/** Write requests outside `$batch` and `contextinfo` among those recorded since `from`. */
const writesSince = (from: number): string[] => t.requests.slice(from)
  .filter(r => r.method !== 'GET' && !/\/(\$batch|contextinfo)$/.test(r.url.split('?')[0]))
  .map(r => `${r.method} ${r.url}`);

beforeAll(async () => {
  t = await startSeededTenant();
  // The tenant admin persona writes through the list's grant to the Tenant admins group, not as a
  // site collection admin (who holds every right whatever the list says).
  setSiteAdmin(t.tenant.db, PERSONAS_UPN.admin, false);
  adminsClaim = `c:0t.c|tenant|${t.seed.groups['tenant-admins']}`;
  roles = {
    tenantAdmins: [adminsClaim],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`],
    communications: [`c:0t.c|tenant|${t.seed.groups['communications-team']}`],
    communityManagers: [`c:0t.c|tenant|${t.seed.groups['community-managers']}`]
  };
  admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  const everyone = await admin.web.siteUsers.filter("startswith(LoginName,'c:0-.f|rolemanager|spo-grid-all-users/')").select('LoginName')();
  everyoneClaim = everyone[0].LoginName;
});
afterAll(() => t.close());

describe('provisioning the suite settings list (as a tenant admin who is not a site collection admin)', () => {
  let first: ProvisionReport;
  let afterFirst: Snapshot;

  beforeAll(async () => {
    first = await provisionSuite(admin, { roles, initialPolicyJson: POLICY });
    afterFirst = await snapshot(admin, SETTINGS_LIST_TITLE);
    storedPolicy = (await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select(POLICY_FIELD)())[0][POLICY_FIELD];
  });

  it('creates the list, versioned, with its fields', async () => {
    expect(kinds(first)).toEqual(expect.arrayContaining([
      `createdList ${SETTINGS_LIST_TITLE}`,
      `addedField ${SETTINGS_LIST_TITLE}/${POLICY_FIELD}`,
      `addedField ${SETTINGS_LIST_TITLE}/${SCHEMA_VERSION_FIELD}`,
      `brokeInheritance ${SETTINGS_LIST_TITLE}`,
      `createdPolicyItem ${SETTINGS_LIST_TITLE}/${POLICY_ITEM_TITLE}`
    ]));
    expect(afterFirst.info).toMatchObject({
      Title: SETTINGS_LIST_TITLE, Description: SUITE_SETTINGS_LIST.description, EnableVersioning: true, ReadSecurity: 1, WriteSecurity: 1,
      HasUniqueRoleAssignments: true
    });
    const byName = new Map(afterFirst.fields.map(f => [f.InternalName, f]));
    expect(byName.get(POLICY_FIELD)).toMatchObject({ TypeAsString: 'Note', Title: 'Policy (JSON)', Required: true, Indexed: false });
    expect(byName.get(SCHEMA_VERSION_FIELD)).toMatchObject({ TypeAsString: 'Number', Title: 'Schema version', Required: false });
    // Plain text, not rich text: the field was created from schema XML with RichText="FALSE".
    const note = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).fields.getByInternalNameOrTitle(POLICY_FIELD)();
    expect(note.InternalName).toBe(POLICY_FIELD);
  });

  it('writes the initial policy once, validated, with its schema version', async () => {
    const items = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select('Title', POLICY_FIELD, SCHEMA_VERSION_FIELD)();
    expect(items).toEqual([expect.objectContaining({ Title: POLICY_ITEM_TITLE, [SCHEMA_VERSION_FIELD]: POLICY_SCHEMA_VERSION })]);
    expect(JSON.parse(items[0][POLICY_FIELD])).toEqual(JSON.parse(POLICY));
  });

  it('holds exactly the declared grants, plus the provisioning account, and nothing copied from the site', () => {
    expect(afterFirst.assignments).toEqual([
      `${adminsClaim} = Full Control`,
      `${everyoneClaim} = Read`,
      `i:0#.f|membership|${PERSONAS_UPN.admin} = Full Control`
    ].sort());
    // The site's groups were copied while breaking inheritance, then removed.
    expect(kinds(first)).toEqual(expect.arrayContaining([
      `removedRoleAssignment ${SETTINGS_LIST_TITLE}: Intranet Members -> Edit`,
      `removedRoleAssignment ${SETTINGS_LIST_TITLE}: Intranet Owners -> Full Control`,
      `removedRoleAssignment ${SETTINGS_LIST_TITLE}: Intranet Visitors -> Read`
    ]));
    // One warning per list with permissions of its own: the account keeps its direct Full Control.
    const ownPermissions = SUITE_LISTS.filter(l => l.permissions.breakInheritance).length;
    expect(first.warnings).toEqual(Array(ownPermissions).fill(expect.stringContaining(`the provisioning account i:0#.f|membership|${PERSONAS_UPN.admin} holds Full Control directly`)));
  });

  it('run twice: the second run reports nothing and changes nothing', async () => {
    const from = t.requests.length;
    const second = await provisionSuite(admin, { roles, initialPolicyJson: JSON.stringify(defaultPolicy()) });
    expect(second.changes).toEqual([]);
    expect(writesSince(from)).toEqual([]);
    expect(await snapshot(admin, SETTINGS_LIST_TITLE)).toEqual(afterFirst);
    // The existing policy was not overwritten.
    const [item] = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select(POLICY_FIELD)();
    expect(item[POLICY_FIELD]).toBe(storedPolicy);
  });

  it('refuses a direct REST write by a non-admin (403) and lets everyone read', async () => {
    const employee = spFor(t.siteUrl, PERSONAS_UPN.employee);
    const list = employee.web.lists.getByTitle(SETTINGS_LIST_TITLE);
    const [item] = await list.items.select('Id', POLICY_FIELD)();
    expect(item[POLICY_FIELD]).toBe(storedPolicy);
    const update = await spErrorOf(list.items.getById(item.Id).update({ [POLICY_FIELD]: '{"schemaVersion":1,"hacked":true}' }));
    expect(update.status).toBe(403);
    const add = await spErrorOf(list.items.add({ Title: POLICY_ITEM_TITLE, [POLICY_FIELD]: '{}' }));
    expect(add.status).toBe(403);
    // Site members hold Edit on the site: the list's own permissions are what refuse them.
    const manager = spFor(t.siteUrl, PERSONAS_UPN.manager);
    expect((await spErrorOf(manager.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.getById(item.Id).update({ Title: 'x' }))).status).toBe(403);
    const [again] = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select(POLICY_FIELD)();
    expect(again[POLICY_FIELD]).toBe(storedPolicy);
  });

  it('keeps the policy from guests (not in "Everyone except external users")', async () => {
    const guest = spFor(t.siteUrl, PERSONAS_UPN.guest);
    expect((await spErrorOf(guest.web.lists.getByTitle(SETTINGS_LIST_TITLE).items())).status).toBe(404);
  });

  it('lets a tenant admin write, and keeps each change as a version', async () => {
    const writer = spFor(t.siteUrl, PERSONAS_UPN.admin);
    const list = writer.web.lists.getByTitle(SETTINGS_LIST_TITLE);
    const [item] = await list.items.select('Id')();
    const before = await list.items.getById(item.Id).versions();
    const next = JSON.stringify({ schemaVersion: 1, defaultLocale: 'en-US' });
    await list.items.getById(item.Id).update({ [POLICY_FIELD]: next });
    const versions = await list.items.getById(item.Id).versions();
    expect(versions.length).toBe(before.length + 1);
    expect(versions[0][POLICY_FIELD]).toBe(next);
    expect(versions[1][POLICY_FIELD]).toBe(storedPolicy);
    afterFirst = await snapshot(admin, SETTINGS_LIST_TITLE);
  });

  it('a newer schema adds a field and an index without losing items or versions', async () => {
    const itemsBefore = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select('Id', POLICY_FIELD)();
    const newer: ListSchema = {
      ...SUITE_SETTINGS_LIST,
      fields: [
        SUITE_SETTINGS_LIST.fields[0],
        { ...SUITE_SETTINGS_LIST.fields[1], indexed: true },
        { internalName: 'ChangeNote', title: 'Change note', type: 'Text', maxLength: 200 }
      ]
    };
    const report = await provisionSuite(admin, { roles, lists: [newer] });
    expect(report.changes).toEqual([
      { kind: 'updatedField', target: `${SETTINGS_LIST_TITLE}/${SCHEMA_VERSION_FIELD}`, detail: 'Indexed false -> true' },
      { kind: 'addedField', target: `${SETTINGS_LIST_TITLE}/ChangeNote`, detail: 'Text' }
    ]);
    const after = await snapshot(admin, SETTINGS_LIST_TITLE);
    expect(after.fields.find(f => f.InternalName === SCHEMA_VERSION_FIELD)).toMatchObject({ Indexed: true });
    expect(after.fields.find(f => f.InternalName === 'ChangeNote')).toMatchObject({ TypeAsString: 'Text', Title: 'Change note' });
    expect(after.items).toEqual(afterFirst.items);
    expect(await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select('Id', POLICY_FIELD)()).toEqual(itemsBefore);
    // The older schema (without ChangeNote) deletes nothing; it turns the index it does not declare off.
    const older = await provisionSuite(admin, { roles });
    expect(older.changes).toEqual([
      { kind: 'updatedField', target: `${SETTINGS_LIST_TITLE}/${SCHEMA_VERSION_FIELD}`, detail: 'Indexed true -> false' }
    ]);
    const fields = (await snapshot(admin, SETTINGS_LIST_TITLE)).fields.map(f => f.InternalName);
    expect(fields).toContain('ChangeNote');
  });
});

describe('fields, unique values and conflicts', () => {
  const title = 'Provisioning test';
  const base: ListSchema = {
    title, description: 'test', versioning: false, readSecurity: 2, writeSecurity: 2,
    fields: [
      { internalName: 'Code', title: 'Code', type: 'Text', unique: true },
      { internalName: 'Kind', title: 'Kind', type: 'Choice', choices: ['a', 'b'], required: true },
      { internalName: 'Owner', title: 'Owner', type: 'User', indexed: true },
      { internalName: 'Due', title: 'Due date', type: 'DateTime', dateOnly: true },
      { internalName: 'Done', title: 'Done', type: 'Boolean' },
      { internalName: 'Tags', title: 'Tags', type: 'MultiChoice', choices: ['x', 'y'] },
      { internalName: 'Parent', title: 'Parent', type: 'Lookup', lookupList: SETTINGS_LIST_TITLE },
      { internalName: 'Ref', title: 'Reference', type: 'Number' }
    ],
    permissions: { breakInheritance: false, grants: [] }
  };

  it('creates every field type, with unique values on an indexed column, and read/write security', async () => {
    const report = await provisionSuite(admin, { roles, lists: [SUITE_SETTINGS_LIST, base] });
    expect(kinds(report)).toEqual([`createdList ${title}`, ...base.fields.map(f => `addedField ${title}/${f.internalName}`)]);
    const s = await snapshot(admin, title);
    expect(s.info).toMatchObject({ ReadSecurity: 2, WriteSecurity: 2, EnableVersioning: false, HasUniqueRoleAssignments: false });
    const byName = new Map(s.fields.map(f => [f.InternalName, f]));
    expect(byName.get('Code')).toMatchObject({ TypeAsString: 'Text', Indexed: true, EnforceUniqueValues: true });
    expect(byName.get('Kind')).toMatchObject({ TypeAsString: 'Choice', Required: true, Choices: ['a', 'b'] });
    expect(byName.get('Owner')).toMatchObject({ TypeAsString: 'User', Indexed: true });
    expect(byName.get('Due')).toMatchObject({ TypeAsString: 'DateTime', Title: 'Due date' });
    expect(byName.get('Tags')).toMatchObject({ TypeAsString: 'MultiChoice' });
    expect(byName.get('Parent')).toMatchObject({ TypeAsString: 'Lookup' });
    const list = admin.web.lists.getByTitle(title);
    await list.items.add({ Title: 'one', Code: 'A1', Kind: 'a' });
    const dup = await spErrorOf(list.items.add({ Title: 'two', Code: 'a1', Kind: 'b' }));
    expect(dup.code).toBe('-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException');
    expect((await provisionSuite(admin, { roles, lists: [SUITE_SETTINGS_LIST, base] })).changes).toEqual([]);
  });

  it('updates titles, choices, required and uniqueness in the right order, and leaves a type conflict alone', async () => {
    const next: ListSchema = {
      ...base,
      writeSecurity: 1,
      versioning: true,
      majorVersionLimit: 50,
      fields: [
        { internalName: 'Code', title: 'Product code', type: 'Text', indexed: true },
        { internalName: 'Kind', title: 'Kind', type: 'Choice', choices: ['a', 'b', 'c'] },
        { internalName: 'Owner', title: 'Owner', type: 'User', unique: true },
        { internalName: 'Due', title: 'Due date', type: 'Number' },
        ...base.fields.slice(4, -1),
        { internalName: 'Ref', title: 'Reference', type: 'Number', unique: true }
      ]
    };
    const report = await provisionSuite(admin, { roles, lists: [next] });
    expect(report.changes).toEqual([
      { kind: 'updatedList', target: title, detail: 'EnableVersioning false -> true, WriteSecurity 2 -> 1' },
      { kind: 'updatedField', target: `${title}/Code`, detail: 'Title "Code" -> "Product code", EnforceUniqueValues true -> false' },
      { kind: 'updatedField', target: `${title}/Kind`, detail: 'Required true -> false, Choices ["a","b"] -> ["a","b","c"]' },
      { kind: 'updatedField', target: `${title}/Owner`, detail: 'EnforceUniqueValues false -> true' },
      { kind: 'updatedField', target: `${title}/Ref`, detail: 'Indexed false -> true, EnforceUniqueValues false -> true' }
    ]);
    expect(report.warnings).toEqual([`${title}/Due is a DateTime column, declared Number: left as is (changing a column's type can lose data).`]);
    const byName = new Map((await snapshot(admin, title)).fields.map(f => [f.InternalName, f]));
    expect(byName.get('Code')).toMatchObject({ Title: 'Product code', Indexed: true, EnforceUniqueValues: false });
    expect(byName.get('Kind')).toMatchObject({ Required: false, Choices: ['a', 'b', 'c'] });
    expect(byName.get('Owner')).toMatchObject({ Indexed: true, EnforceUniqueValues: true });
    expect(byName.get('Due')).toMatchObject({ TypeAsString: 'DateTime' });
    expect(byName.get('Ref')).toMatchObject({ Indexed: true, EnforceUniqueValues: true });
    expect((await snapshot(admin, title)).info).toMatchObject({ EnableVersioning: true, WriteSecurity: 1, ReadSecurity: 2 });
    expect(await admin.web.lists.getByTitle(title).items.select('Code')()).toEqual([expect.objectContaining({ Code: 'A1' })]);
  });

  it('refuses unsound declarations before writing anything', async () => {
    const from = t.requests.length;
    const bad: ListSchema = {
      ...base, title: 'Never created',
      fields: [{ internalName: 'Body', title: 'Body', type: 'Note', indexed: true }, { internalName: '1st', title: 'x', type: 'Choice' }],
      permissions: { breakInheritance: false, grants: [{ role: 'everyone', level: 'Read' }] }
    };
    expect(checkListSchemas([bad])).toHaveLength(4);
    await expect(provisionSuite(admin, { roles, lists: [bad] })).rejects.toThrow(ProvisionError);
    await expect(provisionSuite(admin, { roles, initialPolicyJson: '{not json' })).rejects.toThrow('The initial policy is not valid');
    // A document the settings service would refuse is refused here too, naming the fields.
    const invalid = { ...defaultPolicy(), roles: { ...defaultPolicy().roles, tenantAdmins: [] } };
    await expect(provisionSuite(admin, { roles, lists: [{ ...base, title: 'Never created' }], initialPolicyJson: JSON.stringify(invalid) }))
      .rejects.toThrow(/The initial policy is not valid:\n- roles\.tenantAdmins: /);
    expect(t.requests.length).toBe(from);
  });
});

describe('provisioning as a site collection admin', () => {
  let t2: SeededTenant;
  afterAll(() => t2.close());

  it('copies nothing from the site, keeps no direct grant for itself, and sets the hub tenant property once', async () => {
    t2 = await startSeededTenant();
    const owner = `site.owner@${PERSONAS_UPN.admin.split('@')[1]}`;
    t2.tenant.db.prepare(`INSERT INTO users (id, userPrincipalName, displayName, mail, userType, accountEnabled)
      VALUES ('00000000-0000-4000-8000-00000000beef', ?, 'Site owner', ?, 'Member', 1)`).run(owner, owner);
    setSiteAdmin(t2.tenant.db, owner);
    const sp = spFor(t2.siteUrl, owner);
    const appCatalogSp = spFor(t2.origin, owner);
    const claim = `c:0t.c|tenant|${t2.seed.groups['tenant-admins']}`;
    const report = await provisionSuite(sp, { roles: { tenantAdmins: [claim] }, appCatalogSp });
    // The relay lists also grant the management and communications roles, not given here (the
    // community lists grant no role: community managers act through the trusted job).
    expect(report.warnings).toEqual([
      'No principal given for the role \'management\': its grants are skipped.',
      'No principal given for the role \'communications\': its grants are skipped.'
    ]);
    // Nothing was copied from the site, so nothing of the site's is removed (SharePoint's direct grant
    // to the account that breaks inheritance may be, where the tenant gives one).
    expect(kinds(report).filter(k => k.startsWith('removedRoleAssignment') && !k.includes(owner))).toEqual([]);
    expect(report.changes).toContainEqual({ kind: 'setHubSiteUrl', target: 'SocialIntranetHubSiteUrl', detail: `(none) -> ${t2.siteUrl}` });
    const s = await snapshot(sp, SETTINGS_LIST_TITLE);
    expect(s.assignments).toEqual([`${claim} = Full Control`, `${everyoneClaim} = Read`].sort());
    expect(s.items).toEqual([]);
    // Every component reads the hub from the tenant property, from any site.
    const entity = await spFor(t2.origin, PERSONAS_UPN.employee).web.getStorageEntity('SocialIntranetHubSiteUrl');
    expect(entity.Value).toBe(t2.siteUrl);
    const again = await provisionSuite(sp, { roles: { tenantAdmins: [claim] }, appCatalogSp });
    expect(again.changes).toEqual([]);
    // A moved hub is updated.
    const moved = await provisionSuite(sp, { roles: { tenantAdmins: [claim] }, appCatalogSp, hubSiteUrl: `${t2.origin}/sites/hub/` });
    expect(moved.changes).toEqual([{ kind: 'setHubSiteUrl', target: 'SocialIntranetHubSiteUrl', detail: `${t2.siteUrl} -> ${t2.origin}/sites/hub` }]);
  });
});
