/**
 * plan(current, declared) is pure: these tests build what a site holds by hand and check the steps,
 * with no tenant and no request.
 */
import { plan, planField, Declared, ProvisionPlan } from '../../services/provisioning/plan';
import type { CurrentList, CurrentState, Principal, SpFieldInfo } from '../../services/provisioning/current';
import { describePlan } from '../../services/provisioning/apply';
import { ListSchema, SUITE_SETTINGS_LIST, SETTINGS_LIST_TITLE } from '../../services/provisioning/schema';
import type { PermissionLevel, SuiteRole } from '../../services/provisioning/schema';

const LEVELS: [PermissionLevel, number][] = [['Read', 1073741826], ['Contribute', 1073741827], ['Full Control', 1073741829]];
const ADMINS: Principal = { login: 'c:0t.c|tenant|admins', id: 11 };
const EVERYONE: Principal = { login: 'c:0-.f|rolemanager|spo-grid-all-users/t', id: 12 };
const ME = { Id: 7, LoginName: 'i:0#.f|membership|owner@example.org', IsSiteAdmin: false };

function state(lists: Record<string, CurrentList | null>, over: Partial<CurrentState> = {}): CurrentState {
  return {
    webUrl: 'https://contoso.example/sites/intranet',
    currentUser: ME,
    roleDefIds: new Map(LEVELS),
    principals: new Map<SuiteRole, Principal[]>([['tenantAdmins', [ADMINS]], ['everyone', [EVERYONE]]]),
    lists: new Map(Object.entries(lists)),
    policyItemExists: false,
    ...over
  };
}

function field(internalName: string, over: Partial<SpFieldInfo> = {}): SpFieldInfo {
  return { Id: `id-${internalName}`, InternalName: internalName, Title: internalName, TypeAsString: 'Text', Required: false, Indexed: false, EnforceUniqueValues: false, ...over };
}

/** The settings list exactly as declared, with its grants. */
function provisionedSettings(): CurrentList {
  return {
    id: 'list-1',
    info: { Description: SUITE_SETTINGS_LIST.description, EnableVersioning: true, ReadSecurity: 1, WriteSecurity: 1, NoCrawl: false, MajorVersionLimit: 500 },
    unique: true,
    fields: [
      field('PolicyJson', { Title: 'Policy (JSON)', TypeAsString: 'Note', Required: true }),
      field('SchemaVersion', { Title: 'Schema version', TypeAsString: 'Number' })
    ],
    assignments: [
      { principalId: 11, login: ADMINS.login, roleDefIds: [1073741829] },
      { principalId: 12, login: EVERYONE.login, roleDefIds: [1073741826] }
    ]
  };
}

const declared = (over: Partial<Declared> = {}): Declared => ({ lists: [SUITE_SETTINGS_LIST], ...over });

function report(p: ProvisionPlan): { changes: string[]; warnings: string[]; notes: string[] } {
  const out = { changes: [] as string[], warnings: [] as string[], notes: [] as string[] };
  describePlan(p, {
    change: c => out.changes.push(`${c.kind} ${c.target}${c.detail ? ` (${c.detail})` : ''}`),
    message: m => (m.op === 'warn' ? out.warnings : out.notes).push(m.text)
  });
  return out;
}

describe('plan()', () => {
  it('creates a missing list with its fields, unique permissions, grants and the initial policy', () => {
    const p = plan(state({ [SETTINGS_LIST_TITLE]: null }), declared({ policy: { json: '{}', schemaVersion: 1 }, hubSiteUrl: 'https://contoso.example/sites/intranet/' }));
    const [list] = p.lists;
    expect(list.create?.properties).toMatchObject({ EnableVersioning: true, MajorVersionLimit: 500, ReadSecurity: 1, WriteSecurity: 1, NoCrawl: false });
    expect(list.create?.baseTemplate).toBe(100);
    expect(report(p).changes).toEqual([
      `createdList ${SETTINGS_LIST_TITLE}`,
      `addedField ${SETTINGS_LIST_TITLE}/PolicyJson (Note)`,
      `addedField ${SETTINGS_LIST_TITLE}/SchemaVersion (Number)`,
      `brokeInheritance ${SETTINGS_LIST_TITLE} (new list)`,
      `addedRoleAssignment ${SETTINGS_LIST_TITLE}: ${ME.LoginName} -> Full Control (the provisioning account keeps control of the list)`,
      `addedRoleAssignment ${SETTINGS_LIST_TITLE}: ${ADMINS.login} -> Full Control`,
      `addedRoleAssignment ${SETTINGS_LIST_TITLE}: ${EVERYONE.login} -> Read`,
      `createdPolicyItem ${SETTINGS_LIST_TITLE}/policy`,
      'setHubSiteUrl SocialIntranetHubSiteUrl ((none) -> https://contoso.example/sites/intranet)'
    ]);
    expect(list.permissions.breakInheritance?.copy).toBe(true);
  });

  it('plans nothing for a site that holds what is declared', () => {
    const p = plan(state({ [SETTINGS_LIST_TITLE]: provisionedSettings() }, { policyItemExists: true, hubSiteUrl: 'https://contoso.example/sites/intranet' }),
      declared({ policy: { json: '{}', schemaVersion: 1 }, hubSiteUrl: 'https://contoso.example/sites/intranet' }));
    expect(report(p)).toEqual({ changes: [], warnings: [], notes: [] });
  });

  it('updates list settings, NoCrawl both ways, and notes a MajorVersionLimit the site does not report', () => {
    const current = provisionedSettings();
    current.info = { ...current.info, EnableVersioning: false, ReadSecurity: 2, NoCrawl: true, MajorVersionLimit: undefined };
    const out = report(plan(state({ [SETTINGS_LIST_TITLE]: current }), declared()));
    expect(out.changes).toEqual([`updatedList ${SETTINGS_LIST_TITLE} (EnableVersioning false -> true, ReadSecurity 2 -> 1, NoCrawl true -> false)`]);
    expect(out.notes).toEqual([
      `'${SETTINGS_LIST_TITLE}': the site does not report MajorVersionLimit, so it is not compared.`,
      'Tenant property SocialIntranetHubSiteUrl not set: no app catalog site given.'
    ]);
  });

  it('sets NoCrawl on a list declared out of search when the site does not report it', () => {
    const schema: ListSchema = { ...SUITE_SETTINGS_LIST, title: 'Secret', excludedFromSearch: true, permissions: { breakInheritance: false, grants: [] } };
    const current = { ...provisionedSettings(), unique: false, info: { ...provisionedSettings().info, NoCrawl: undefined } };
    const p = plan(state({ Secret: current }), { lists: [schema] });
    expect(p.lists[0].steps).toEqual([{ op: 'updateList', properties: { NoCrawl: true }, change: { kind: 'updatedList', target: 'Secret', detail: 'NoCrawl (not reported) -> true' } }]);
  });

  it('orders index and unique changes as SharePoint accepts them, and compares titles, required, choices and length', () => {
    const add = planField('L', { internalName: 'Ref', title: 'Reference', type: 'Text', maxLength: 64, unique: true },
      field('Ref', { Title: 'Ref', MaxLength: 255 }));
    expect(add).toMatchObject({
      op: 'updateField',
      bodies: [{ Title: 'Reference', MaxLength: 64, Indexed: true }, { EnforceUniqueValues: true }],
      change: { kind: 'updatedField', target: 'L/Ref', detail: 'Title "Ref" -> "Reference", MaxLength 255 -> 64, Indexed false -> true, EnforceUniqueValues false -> true' }
    });
    const drop = planField('L', { internalName: 'Ref', title: 'Ref', type: 'Text' }, field('Ref', { Indexed: true, EnforceUniqueValues: true }));
    expect(drop).toMatchObject({ bodies: [{ EnforceUniqueValues: false }, { Indexed: false }] });
    const choices = planField('L', { internalName: 'Kind', title: 'Kind', type: 'Choice', choices: ['a', 'b'], required: true },
      field('Kind', { TypeAsString: 'Choice', Choices: { results: ['a'] } }));
    expect(choices).toMatchObject({ bodies: [{ Required: true, Choices: ['a', 'b'] }] });
  });

  it('warns of a type conflict and leaves the column alone', () => {
    expect(planField('L', { internalName: 'Due', title: 'Due', type: 'Number' }, field('Due', { TypeAsString: 'DateTime' })))
      .toEqual({ op: 'warn', text: "L/Due is a DateTime column, declared Number: left as is (changing a column's type can lose data)." });
  });

  it('breaks an inheriting list: a site collection admin copies nothing, anyone else prunes what was copied', () => {
    const inheriting = { ...provisionedSettings(), unique: false, assignments: [{ principalId: 30, login: 'Intranet Members', roleDefIds: [1073741827] }] };
    const asOwner = report(plan(state({ [SETTINGS_LIST_TITLE]: inheriting }), declared()));
    expect(asOwner.changes).toEqual([
      `brokeInheritance ${SETTINGS_LIST_TITLE} (was inheriting)`,
      `addedRoleAssignment ${SETTINGS_LIST_TITLE}: ${ME.LoginName} -> Full Control (the provisioning account keeps control of the list)`,
      `addedRoleAssignment ${SETTINGS_LIST_TITLE}: ${ADMINS.login} -> Full Control`,
      `addedRoleAssignment ${SETTINGS_LIST_TITLE}: ${EVERYONE.login} -> Read`,
      `removedRoleAssignment ${SETTINGS_LIST_TITLE}: Intranet Members -> Contribute (copied from the site when inheritance was broken)`
    ]);
    expect(asOwner.warnings).toEqual([expect.stringContaining(`the provisioning account ${ME.LoginName} holds Full Control directly`)]);
    const asAdmin = plan(state({ [SETTINGS_LIST_TITLE]: inheriting }, { currentUser: { ...ME, IsSiteAdmin: true } }), declared());
    expect(asAdmin.lists[0].permissions.breakInheritance?.copy).toBe(false);
    expect(report(asAdmin).changes.filter(c => c.startsWith('removed'))).toEqual([]);
  });

  it('reports undeclared assignments on a list with unique permissions, never removes them', () => {
    const current = provisionedSettings();
    current.assignments.push({ principalId: 30, login: 'Intranet Members', roleDefIds: [1073741827] });
    const out = report(plan(state({ [SETTINGS_LIST_TITLE]: current }), declared()));
    expect(out.changes).toEqual([]);
    expect(out.warnings).toEqual([`'${SETTINGS_LIST_TITLE}': Intranet Members holds Contribute, which is not declared (left as is; remove it if it is not wanted).`]);
  });

  it('warns of a role without principals and of a list that should inherit but does not', () => {
    const schema: ListSchema = { ...SUITE_SETTINGS_LIST, title: 'Open', permissions: { breakInheritance: false, grants: [] } };
    const p = plan(state({ Open: provisionedSettings() }, { principals: new Map<SuiteRole, Principal[]>([['management', []]]) }), { lists: [schema] });
    expect(report(p).warnings).toEqual([
      "No principal given for the role 'management': its grants are skipped.",
      "'Open' has unique permissions but its declaration inherits the site's: left as is (provisioning never widens access)."
    ]);
  });

  it('writes the initial policy only when the item is missing, and creates a document library from its template', () => {
    const here = plan(state({ [SETTINGS_LIST_TITLE]: provisionedSettings() }, { policyItemExists: true }), declared({ policy: { json: '{}', schemaVersion: 1 } }));
    expect(here.lists[0].policyItem).toBeUndefined();
    const missing = plan(state({ [SETTINGS_LIST_TITLE]: provisionedSettings() }), declared({ policy: { json: '{"a":1}', schemaVersion: 1 } }));
    expect(missing.lists[0].policyItem).toMatchObject({ json: '{"a":1}', schemaVersion: 1 });
    const library: ListSchema = { ...SUITE_SETTINGS_LIST, title: 'Files', baseTemplate: 101 };
    expect(plan(state({ Files: null }), { lists: [library] }).lists[0].create?.baseTemplate).toBe(101);
  });

  it('refuses a grant of a permission level the site does not have', () => {
    expect(() => plan(state({ [SETTINGS_LIST_TITLE]: null }, { roleDefIds: new Map([['Read', 1]]) }), declared()))
      .toThrow("The site has no 'Full Control' permission level (RoleTypeKind 5).");
  });
});
