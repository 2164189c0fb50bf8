/**
 * Idempotent provisioning of the suite's lists from their declarations (./schema.ts), through
 * PnPjs v4 only. It runs in a browser-free Node script (tools/provision.ts) against a real site,
 * and against the local tenant at seed.
 *
 * Guarantees:
 * - it adds and updates, it never deletes: no list, field, item or data is removed; a field whose
 *   type differs from its declaration is reported as a warning and left alone;
 * - run twice, the second run changes nothing and reports no change;
 * - `dryRun` reads only and reports what a real run would change;
 * - the declarations are checked before anything is written, so a bad schema never half-applies.
 *
 * Reads are batched: one `$batch` reads the web, the caller, the permission levels and, for every
 * declared list, its settings, fields and role assignments.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/fields';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import { parsePolicyJson } from '../../core/policy';
import {
  checkListSchemas, FieldSchema, HUB_SITE_URL_PROPERTY, ListSchema, PermissionLevel, POLICY_ITEM_TITLE, ROLE_TYPE_KIND,
  SUITE_SETTINGS_FIELDS, SUITE_SETTINGS_LIST_TITLE, SuiteRole
} from './schema';
import { SUITE_LISTS } from './suiteLists';
import { odataString } from '../../core/odata';

export type ProvisionChangeKind =
  | 'createdList'
  | 'updatedList'
  | 'addedField'
  | 'updatedField'
  | 'brokeInheritance'
  | 'addedRoleAssignment'
  | 'removedRoleAssignment'
  | 'createdPolicyItem'
  | 'setHubSiteUrl';

export interface ProvisionChange {
  kind: ProvisionChangeKind;
  /** What changed: a list title, `<list>/<field>`, `<list>: <principal> -> <level>`, a tenant property key. */
  target: string;
  /** What exactly, e.g. `EnableVersioning false -> true`. */
  detail?: string;
}

export interface ProvisionReport {
  dryRun: boolean;
  /** Every change made (or, in a dry run, that a real run would make). Empty when the site is up to date. */
  changes: ProvisionChange[];
  /** Differences provisioning does not fix on its own (type conflicts, undeclared permissions...). */
  warnings: string[];
  /** Steps skipped on purpose (e.g. the tenant property without an app catalog). */
  notes: string[];
}

/**
 * The principals of each role, as SharePoint login names: claims of Entra groups
 * (`c:0t.c|tenant|<groupId>`), of users (`i:0#.f|membership|<upn>`, or a UPN), or the title of a
 * SharePoint site group. `everyone` defaults to the site's "Everyone except external users" claim
 * (`c:0-.f|rolemanager|spo-grid-all-users/<tenantId>`), found among the site users.
 */
export type ProvisionRoles = Partial<Record<SuiteRole, readonly string[]>>;

export interface ProvisionOptions {
  roles: ProvisionRoles;
  /** The lists to provision (default: every list of the suite, SUITE_LISTS). */
  lists?: readonly ListSchema[];
  /** The policy document (JSON) written to the settings list when its 'policy' item is missing; never overwrites. */
  initialPolicyJson?: string;
  /** Read only: report what would change. */
  dryRun?: boolean;
  /** The tenant app catalog site, to set the tenant property pointing to the hub site. */
  appCatalogSp?: SPFI;
  /** The hub site URL stored in the tenant property (default: the provisioned site's URL). */
  hubSiteUrl?: string;
  log?: (line: string) => void;
}

export class ProvisionError extends Error {
  public constructor(message: string, public readonly cause?: unknown) {
    super(message);
    this.name = 'ProvisionError';
  }
}

// ------------------------------------------------------------------ what SharePoint answers

interface SpFieldInfo {
  Id: string;
  InternalName: string;
  Title: string;
  TypeAsString: string;
  Required: boolean;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
  Description?: string | null;
  Choices?: string[] | { results: string[] };
  MaxLength?: number;
  'odata.type'?: string;
}

interface SpRoleDefinition {
  Id: number;
  Name: string;
  RoleTypeKind: number;
}

interface SpRoleAssignment {
  PrincipalId: number;
  Member?: { Id: number; LoginName: string; Title?: string };
  RoleDefinitionBindings?: SpRoleDefinition[] | { results: SpRoleDefinition[] };
}

interface SpUser {
  Id: number;
  LoginName: string;
  IsSiteAdmin?: boolean;
  Title?: string;
}

interface ListState {
  id: string;
  info: Record<string, unknown>;
  unique: boolean;
  fields: SpFieldInfo[];
  assignments: { principalId: number; login: string; roleDefIds: number[] }[];
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(value => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

function statusOf(e: unknown): number | null {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : null;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function unwrap<T>(s: Settled<T>, what: string): T {
  if (s.ok) return s.value;
  throw new ProvisionError(`${what}: ${messageOf(s.error)}`, s.error);
}

const asArray = <T>(v: T[] | { results: T[] } | undefined | null): T[] => (!v ? [] : Array.isArray(v) ? v : v.results || []);

/** The claim of "Everyone except external users" starts so (the tenant id follows). */
export const EVERYONE_EXCEPT_EXTERNAL_PREFIX = 'c:0-.f|rolemanager|spo-grid-all-users/';

// ------------------------------------------------------------------ field XML

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The TypeAsString SharePoint reports for a declared field. */
export function typeAsStringOf(f: FieldSchema): string {
  if (f.type === 'User') return f.multiple ? 'UserMulti' : 'User';
  if (f.type === 'Lookup') return f.multiple ? 'LookupMulti' : 'Lookup';
  return f.type;
}

/**
 * The Field schema XML that creates a declared field (`createFieldAsXml`): `Name`/`StaticName` fix
 * the internal name, `DisplayName` the title, whatever characters the title has.
 */
export function fieldSchemaXml(f: FieldSchema, lookupListId?: string): string {
  const attrs: [string, string][] = [
    ['Type', typeAsStringOf(f)],
    ['Name', f.internalName],
    ['StaticName', f.internalName],
    ['DisplayName', f.title]
  ];
  if (f.description) attrs.push(['Description', f.description]);
  attrs.push(['Required', f.required ? 'TRUE' : 'FALSE']);
  const indexed = !!(f.indexed || f.unique);
  if (indexed) attrs.push(['Indexed', 'TRUE']);
  if (f.unique) attrs.push(['EnforceUniqueValues', 'TRUE']);
  switch (f.type) {
    case 'Text':
      attrs.push(['MaxLength', String(f.maxLength ?? 255)]);
      break;
    case 'Note':
      attrs.push(['NumLines', '6'], ['RichText', 'FALSE'], ['UnlimitedLengthInDocumentLibrary', 'TRUE']);
      break;
    case 'DateTime':
      attrs.push(['Format', f.dateOnly ? 'DateOnly' : 'DateTime']);
      break;
    case 'Choice':
      attrs.push(['Format', 'Dropdown']);
      break;
    case 'User':
      attrs.push(['UserSelectionMode', f.allowGroups ? 'PeopleAndGroups' : 'PeopleOnly']);
      if (f.multiple) attrs.push(['Mult', 'TRUE']);
      break;
    case 'Lookup':
      attrs.push(['List', `{${lookupListId || ''}}`], ['ShowField', f.lookupField || 'Title']);
      if (f.multiple) attrs.push(['Mult', 'TRUE']);
      break;
    default:
      break;
  }
  const open = `<Field ${attrs.map(([k, v]) => `${k}="${xmlEscape(v)}"`).join(' ')}`;
  if (f.choices && f.choices.length) {
    return `${open}><CHOICES>${f.choices.map(c => `<CHOICE>${xmlEscape(c)}</CHOICE>`).join('')}</CHOICES></Field>`;
  }
  return `${open} />`;
}

/** SP.AddFieldOptions: AddToDefaultContentType (1) | AddFieldInternalNameHint (8) | AddFieldToDefaultView (16). */
const ADD_FIELD_OPTIONS = 1 | 8 | 16;

// ------------------------------------------------------------------ the routine

interface Principal {
  login: string;
  /** Null in a dry run when the principal is not yet a site user (ensureUser would add it). */
  id: number | null;
}

interface Run {
  sp: SPFI;
  dryRun: boolean;
  report: ProvisionReport;
  log: (line: string) => void;
  roleDefIds: Map<PermissionLevel, number>;
  principals: Map<SuiteRole, Principal[]>;
  currentUser: SpUser;
}

function change(run: Run, c: ProvisionChange): void {
  run.report.changes.push(c);
  run.log(`${run.dryRun ? 'would ' : ''}${c.kind}: ${c.target}${c.detail ? ` (${c.detail})` : ''}`);
}

function warn(run: Run, w: string): void {
  run.report.warnings.push(w);
  run.log(`warning: ${w}`);
}

async function write<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw new ProvisionError(`${what} failed: ${messageOf(e)}`, e);
  }
}

/** The list properties provisioning compares (named: SharePoint Online leaves some out by default). */
const LIST_PROPERTIES = ['Id', 'Title', 'Description', 'EnableVersioning', 'ReadSecurity', 'WriteSecurity', 'NoCrawl', 'HasUniqueRoleAssignments'];

/** Reads one list's state (settings, unique permissions, fields, role assignments) in the given batch. */
function readList(sp: SPFI, title: string): () => Promise<ListState | null> {
  // A fresh queryable per request: PnPjs queryables carry their query options and their batch registration.
  const list = (): ReturnType<typeof sp.web.lists.getByTitle> => sp.web.lists.getByTitle(title);
  const info = settle(list().select(...LIST_PROPERTIES)<Record<string, unknown>>());
  // Asked alone: a site that does not know the property (the local tenant) refuses the $select.
  const versions = settle(list().select('MajorVersionLimit')<{ MajorVersionLimit?: number }>());
  const fields = settle(list().fields<SpFieldInfo[]>());
  const ras = settle(list().roleAssignments.expand('Member', 'RoleDefinitionBindings')<SpRoleAssignment[]>());
  return async () => {
    const i = await info;
    if (!i.ok) {
      if (statusOf(i.error) === 404) {
        // The other reads of a missing list fail too; nothing to see.
        await Promise.all([versions, fields, ras]);
        return null;
      }
      throw new ProvisionError(`Reading the list '${title}' failed: ${messageOf(i.error)}`, i.error);
    }
    const v = await versions;
    return {
      id: String(i.value.Id),
      info: { ...i.value, MajorVersionLimit: v.ok ? v.value.MajorVersionLimit : undefined },
      unique: !!i.value.HasUniqueRoleAssignments,
      fields: unwrap(await fields, `Reading the fields of '${title}'`),
      assignments: unwrap(await ras, `Reading the role assignments of '${title}'`).map(a => ({
        principalId: a.PrincipalId,
        login: a.Member ? a.Member.LoginName : String(a.PrincipalId),
        roleDefIds: asArray(a.RoleDefinitionBindings).map(d => d.Id)
      }))
    };
  };
}

async function readListAlone(sp: SPFI, title: string): Promise<ListState>;
async function readListAlone(sp: SPFI, title: string, mayBeMissing: true): Promise<ListState | null>;
async function readListAlone(sp: SPFI, title: string, mayBeMissing?: true): Promise<ListState | null> {
  const [batched, execute] = sp.batched();
  const result = readList(batched, title);
  await write(`Reading the list '${title}'`, () => execute());
  const state = await result();
  if (!state && !mayBeMissing) throw new ProvisionError(`The list '${title}' was not found right after being created.`);
  return state;
}

/**
 * Provisions the suite's lists on the site `sp` points to. See the file header for the guarantees.
 * Throws a ProvisionError (naming the step) when SharePoint refuses a step; changes made before the
 * failure stay, and a new run continues from there.
 */
export async function provisionSuite(sp: SPFI, options: ProvisionOptions): Promise<ProvisionReport> {
  const lists = options.lists || SUITE_LISTS;
  const dryRun = !!options.dryRun;
  const log = options.log || ((): void => undefined);
  const report: ProvisionReport = { dryRun, changes: [], warnings: [], notes: [] };

  const errors = checkListSchemas(lists);
  if (errors.length) throw new ProvisionError(`The list declarations have mistakes:\n- ${errors.join('\n- ')}`);
  let policyJson: string | undefined;
  let policySchemaVersion: number | null = null;
  if (options.initialPolicyJson !== undefined) {
    // The settings service ignores a stored document that does not validate: refuse it here.
    const checked = parsePolicyJson(options.initialPolicyJson);
    if (!checked.ok) {
      const list = checked.errors.map(e => `${e.path || '(document)'}: ${e.code}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      throw new ProvisionError(`The initial policy is not valid:\n- ${list.join('\n- ')}`);
    }
    // Stored as the settings service stores it: upgraded to the current shape, indented.
    policyJson = JSON.stringify(checked.policy, null, 2);
    policySchemaVersion = checked.policy.schemaVersion;
  }

  const neededRoles = new Set<SuiteRole>();
  for (const l of lists) for (const g of l.permissions.grants) neededRoles.add(g.role);
  const discoverEveryone = neededRoles.has('everyone') && !(options.roles.everyone && options.roles.everyone.length);

  // One batch reads everything the run compares against.
  const [batched, execute] = sp.batched();
  const webP = settle(batched.web.select('Url', 'Title')<{ Url: string; Title: string }>());
  const userP = settle(batched.web.currentUser.select('Id', 'LoginName', 'IsSiteAdmin', 'Title')<SpUser>());
  const defsP = settle(batched.web.roleDefinitions<SpRoleDefinition[]>());
  const everyoneP = discoverEveryone
    ? settle(batched.web.siteUsers.filter(`startswith(LoginName,${odataString(EVERYONE_EXCEPT_EXTERNAL_PREFIX)})`).select('Id', 'LoginName')<SpUser[]>())
    : null;
  const listReads = lists.map(l => readList(batched, l.title));
  await write('Reading the site', () => execute());
  const web = unwrap(await webP, 'Reading the site');
  const currentUser = unwrap(await userP, 'Reading the signed-in user');
  const defs = unwrap(await defsP, 'Reading the permission levels');
  const states: (ListState | null)[] = [];
  for (const read of listReads) states.push(await read());
  log(`${dryRun ? 'Dry run on' : 'Provisioning'} ${web.Url} as ${currentUser.LoginName}${currentUser.IsSiteAdmin ? ' (site collection admin)' : ''}`);

  const roleDefIds = new Map<PermissionLevel, number>();
  for (const level of Object.keys(ROLE_TYPE_KIND) as PermissionLevel[]) {
    const d = defs.find(x => x.RoleTypeKind === ROLE_TYPE_KIND[level]);
    if (d) roleDefIds.set(level, d.Id);
  }

  const run: Run = { sp, dryRun, report, log, roleDefIds, principals: new Map(), currentUser };

  // Principals of the roles the declarations grant.
  const logins = new Map<SuiteRole, string[]>();
  for (const role of neededRoles) logins.set(role, [...(options.roles[role] || [])]);
  if (everyoneP) {
    const found = unwrap(await everyoneP, 'Looking for "Everyone except external users" among the site users');
    if (!found.length) {
      throw new ProvisionError('No "Everyone except external users" claim was found among the site users: pass the everyone role explicitly '
        + `(${EVERYONE_EXCEPT_EXTERNAL_PREFIX}<tenantId>).`);
    }
    logins.set('everyone', [found[0].LoginName]);
  }
  await resolvePrincipals(run, logins);

  for (let i = 0; i < lists.length; i++) {
    await provisionList(run, lists[i], states[i], policyJson, policySchemaVersion);
  }

  // The tenant property that points every component to the hub site.
  if (options.appCatalogSp) {
    const hub = (options.hubSiteUrl || web.Url).replace(/\/+$/, '');
    const current = await write(`Reading the tenant property ${HUB_SITE_URL_PROPERTY}`,
      () => options.appCatalogSp!.web.getStorageEntity(HUB_SITE_URL_PROPERTY)) as { Value?: string | null } | null;
    const value = current && typeof current.Value === 'string' ? current.Value : null;
    if (value !== hub) {
      if (!dryRun) {
        await write(`Setting the tenant property ${HUB_SITE_URL_PROPERTY}`, () => options.appCatalogSp!.web.setStorageEntity(
          HUB_SITE_URL_PROPERTY, hub, 'Social intranet suite: the hub site holding the suite\'s lists and settings', 'Set by npm run provision'));
      }
      change(run, { kind: 'setHubSiteUrl', target: HUB_SITE_URL_PROPERTY, detail: `${value === null ? '(none)' : value} -> ${hub}` });
    }
  } else {
    const note = `Tenant property ${HUB_SITE_URL_PROPERTY} not set: no app catalog site given.`;
    report.notes.push(note);
    log(note);
  }

  log(report.changes.length ? `${report.changes.length} change(s)${dryRun ? ' would be made' : ''}.` : 'Nothing to change: the site is up to date.');
  return report;
}

async function resolvePrincipals(run: Run, logins: Map<SuiteRole, string[]>): Promise<void> {
  const all = [...new Set([...logins.values()].flat())];
  const [batched, execute] = run.sp.batched();
  const pending = new Map<string, Promise<Settled<SpUser>>>();
  for (const login of all) {
    const isGroupTitle = !login.includes('|') && !login.includes('@');
    let p: Promise<SpUser>;
    if (isGroupTitle) p = batched.web.siteGroups.getByName(login).select('Id', 'LoginName')<SpUser>();
    else if (run.dryRun) p = batched.web.siteUsers.getByLoginName(login).select('Id', 'LoginName')<SpUser>();
    else p = batched.web.ensureUser(login) as unknown as Promise<SpUser>;
    pending.set(login, settle(p));
  }
  if (all.length) await write('Resolving the principals of the roles', () => execute());
  const resolved = new Map<string, Principal>();
  for (const login of all) {
    const r = await pending.get(login)!;
    if (r.ok) {
      const u = r.value as SpUser & { Id?: number };
      resolved.set(login, { login: u.LoginName || login, id: u.Id ?? null });
    } else if (run.dryRun && statusOf(r.error) === 404 && login.includes('|')) {
      resolved.set(login, { login, id: null });
    } else {
      throw new ProvisionError(`The principal '${login}' could not be resolved on the site: ${messageOf(r.error)}`, r.error);
    }
  }
  for (const [role, list] of logins) {
    run.principals.set(role, list.map(l => resolved.get(l)!));
    if (!list.length) warn(run, `No principal given for the role '${role}': its grants are skipped.`);
  }
}

function sameChoices(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function provisionList(run: Run, schema: ListSchema, found: ListState | null, policyJson: string | undefined, policyVersion: number | null): Promise<void> {
  const { sp, dryRun } = run;
  const title = schema.title;
  let state = found;
  let created = false;

  // 1. The list and its settings.
  const wanted: Record<string, unknown> = {
    Description: schema.description,
    EnableVersioning: schema.versioning,
    ReadSecurity: schema.readSecurity,
    WriteSecurity: schema.writeSecurity,
    // SP.List.NoCrawl, settable like the other list properties (MERGE on the list): "Gets or sets a
    // value that specifies that the crawler must not crawl the list",
    // https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee549433(v=office.14).
    // The declaration decides both ways, so a list turned searchable by hand is excluded again.
    NoCrawl: schema.excludedFromSearch === true
  };
  if (schema.versioning && schema.majorVersionLimit !== undefined) wanted.MajorVersionLimit = schema.majorVersionLimit;
  if (!state) {
    if (!dryRun) {
      // Created with NoCrawl already set, so the list is never crawlable, not even for a moment.
      await write(`Creating the list '${title}'`, () => sp.web.lists.add(title, schema.description, schema.baseTemplate || 100, false, { ...wanted }));
      state = await readListAlone(sp, title);
    }
    created = true;
    change(run, { kind: 'createdList', target: title, ...(schema.excludedFromSearch ? { detail: 'excluded from search (NoCrawl true)' } : {}) });
  }
  if (state) {
    const diff: Record<string, unknown> = {};
    const details: string[] = [];
    for (const [k, v] of Object.entries(wanted)) {
      const have = state.info[k];
      if (have === undefined && k === 'NoCrawl' && v === true) {
        // A site that does not report NoCrawl cannot prove the list is out of search: set it anyway
        // (setting it again is harmless), and say so.
        diff[k] = v;
        details.push('NoCrawl (not reported) -> true');
        continue;
      }
      if (have === undefined) {
        if (k === 'MajorVersionLimit' && !created) {
          const note = `'${title}': the site does not report MajorVersionLimit, so it is not compared.`;
          run.report.notes.push(note);
          run.log(note);
        }
        continue;
      }
      const same = typeof v === 'boolean' ? !!have === v : typeof v === 'number' ? Number(have) === v : (have ?? '') === v;
      if (!same) {
        diff[k] = v;
        details.push(`${k} ${JSON.stringify(have)} -> ${JSON.stringify(v)}`);
      }
    }
    if (details.length) {
      if (!dryRun) await write(`Updating the list '${title}'`, () => sp.web.lists.getByTitle(title).update(diff));
      change(run, { kind: 'updatedList', target: title, detail: details.join(', ') });
    }
  }

  // 2. Fields: add the missing ones, update the changed ones, never delete.
  for (const f of schema.fields) {
    const target = `${title}/${f.internalName}`;
    const have = state ? state.fields.find(x => x.InternalName.toLowerCase() === f.internalName.toLowerCase()) : undefined;
    if (!have) {
      if (!dryRun && state) {
        let lookupId: string | undefined;
        if (f.type === 'Lookup') {
          const target2 = f.lookupList as string;
          const info = await write(`Finding the lookup list '${target2}' of ${target}`,
            () => sp.web.lists.getByTitle(target2).select('Id')<{ Id: string }>());
          lookupId = info.Id;
        }
        const xml = fieldSchemaXml(f, lookupId);
        await write(`Adding the field ${target}`, () => sp.web.lists.getByTitle(title).fields.createFieldAsXml({ SchemaXml: xml, Options: ADD_FIELD_OPTIONS }));
      }
      change(run, { kind: 'addedField', target, detail: `${typeAsStringOf(f)}${f.indexed || f.unique ? ', indexed' : ''}${f.unique ? ', unique' : ''}` });
      continue;
    }
    if (have.TypeAsString !== typeAsStringOf(f)) {
      warn(run, `${target} is a ${have.TypeAsString} column, declared ${typeAsStringOf(f)}: left as is (changing a column's type can lose data).`);
      continue;
    }
    const props: Record<string, unknown> = {};
    const details: string[] = [];
    const set = (k: string, from: unknown, to: unknown): void => {
      props[k] = to;
      details.push(`${k} ${JSON.stringify(from)} -> ${JSON.stringify(to)}`);
    };
    if (have.Title !== f.title) set('Title', have.Title, f.title);
    if ((have.Description || '') !== (f.description || '')) set('Description', have.Description || '', f.description || '');
    if (!!have.Required !== !!f.required) set('Required', !!have.Required, !!f.required);
    if (f.choices) {
      const current = asArray(have.Choices);
      if (!sameChoices(current, f.choices)) set('Choices', current, [...f.choices]);
    }
    if (f.type === 'Text' && have.MaxLength !== undefined && Number(have.MaxLength) !== (f.maxLength ?? 255)) set('MaxLength', have.MaxLength, f.maxLength ?? 255);
    const wantIndexed = !!(f.indexed || f.unique);
    const wantUnique = !!f.unique;
    // Unique values need an index: drop uniqueness before the index, add the index before uniqueness.
    const steps: Record<string, unknown>[] = [];
    if (!!have.EnforceUniqueValues && !wantUnique) {
      steps.push({ EnforceUniqueValues: false });
      details.push('EnforceUniqueValues true -> false');
    }
    if (!!have.Indexed !== wantIndexed) set('Indexed', !!have.Indexed, wantIndexed);
    if (Object.keys(props).length) steps.push(props);
    if (!have.EnforceUniqueValues && wantUnique) {
      steps.push({ EnforceUniqueValues: true });
      details.push('EnforceUniqueValues false -> true');
    }
    if (!steps.length) continue;
    if (!dryRun) {
      const field = sp.web.lists.getByTitle(title).fields.getById(have.Id);
      for (const body of steps) {
        await write(`Updating the field ${target}`, () => field.update(body, have['odata.type'] || 'SP.Field'));
      }
    }
    change(run, { kind: 'updatedField', target, detail: details.join(', ') });
  }

  // 3. Permissions.
  await provisionPermissions(run, schema, state, created);

  // 4. The policy document, once.
  if (title === SUITE_SETTINGS_LIST_TITLE && policyJson !== undefined) {
    let exists = false;
    if (state && !created) {
      const items = await write(`Looking for the '${POLICY_ITEM_TITLE}' item of '${title}'`, () => sp.web.lists.getByTitle(title).items
        .filter(`Title eq ${odataString(POLICY_ITEM_TITLE)}`).select('Id').top(1)<{ Id: number }[]>());
      exists = items.length > 0;
    }
    if (!exists) {
      if (!dryRun) {
        await write(`Writing the initial policy to '${title}'`, () => sp.web.lists.getByTitle(title).items.add({
          Title: POLICY_ITEM_TITLE,
          [SUITE_SETTINGS_FIELDS.policyJson]: policyJson,
          [SUITE_SETTINGS_FIELDS.schemaVersion]: policyVersion
        }));
      }
      change(run, { kind: 'createdPolicyItem', target: `${title}/${POLICY_ITEM_TITLE}` });
    }
  }
}

/**
 * Unique permissions holding the declared grants. When provisioning breaks inheritance itself:
 * - as a site collection admin (who keeps every right anyway), nothing is copied from the site;
 * - as anyone else, the site's assignments are copied first (so the account keeps access while it
 *   works), the account gets Full Control directly (what SharePoint does when it breaks without
 *   copying), the declared grants are added, then the copied assignments nobody declared are removed.
 * On a list that already has unique permissions, undeclared assignments are reported, never removed.
 */
async function provisionPermissions(run: Run, schema: ListSchema, found: ListState | null, created: boolean): Promise<void> {
  const { sp, dryRun, currentUser } = run;
  const title = schema.title;
  const perms = schema.permissions;
  if (!perms.breakInheritance) {
    if (found && found.unique) {
      warn(run, `'${title}' has unique permissions but its declaration inherits the site's: left as is (provisioning never widens access).`);
    }
    return;
  }
  const list = (): ReturnType<typeof sp.web.lists.getByTitle> => sp.web.lists.getByTitle(title);
  const siteAdmin = !!currentUser.IsSiteAdmin;
  let broke = false;
  let assignments = found && found.unique ? found.assignments : [];
  if (!found || !found.unique) {
    const copy = !siteAdmin;
    if (!dryRun && found) {
      await write(`Breaking the permission inheritance of '${title}'`, () => list().breakRoleInheritance(copy, true));
      const after = await readListAlone(sp, title, true);
      if (!after) {
        throw new ProvisionError(`After breaking the permission inheritance of '${title}', ${currentUser.LoginName} can no longer see the list.`);
      }
      assignments = after.assignments;
    } else if (copy && found) {
      // Dry run: what breaking with copy would leave.
      assignments = found.assignments;
    }
    broke = true;
    change(run, { kind: 'brokeInheritance', target: title, detail: created ? 'new list' : 'was inheriting' });
  }
  assignments = assignments.map(a => ({ ...a, roleDefIds: [...a.roleDefIds] }));
  const has = (principalId: number, roleDefId: number): boolean =>
    assignments.some(a => a.principalId === principalId && a.roleDefIds.includes(roleDefId));
  const grant = async (principal: Principal, level: PermissionLevel, roleDefId: number, detail?: string): Promise<void> => {
    if (!dryRun) {
      const pid = principal.id as number;
      await write(`Granting ${level} on '${title}' to ${principal.login}`, () => list().roleAssignments.add(pid, roleDefId));
      const a = assignments.find(x => x.principalId === pid);
      if (a) a.roleDefIds.push(roleDefId);
      else assignments.push({ principalId: pid, login: principal.login, roleDefIds: [roleDefId] });
    }
    change(run, { kind: 'addedRoleAssignment', target: `${title}: ${principal.login} -> ${level}`, detail });
  };

  const levelName = new Map<number, PermissionLevel>();
  for (const [level, id] of run.roleDefIds) levelName.set(id, level);
  const wanted = new Map<string, { principal: Principal; level: PermissionLevel; roleDefId: number }>();
  for (const g of perms.grants) {
    const roleDefId = run.roleDefIds.get(g.level);
    if (roleDefId === undefined) throw new ProvisionError(`The site has no '${g.level}' permission level (RoleTypeKind ${ROLE_TYPE_KIND[g.level]}).`);
    for (const principal of run.principals.get(g.role) || []) {
      wanted.set(`${principal.id === null ? principal.login : principal.id}:${roleDefId}`, { principal, level: g.level, roleDefId });
    }
  }
  const declared = (principalId: number, roleDefId: number): boolean => wanted.has(`${principalId}:${roleDefId}`);

  // The account that broke inheritance keeps control of the list.
  const fullControl = run.roleDefIds.get('Full Control');
  if (broke && !siteAdmin && fullControl !== undefined && !has(currentUser.Id, fullControl) && !declared(currentUser.Id, fullControl)) {
    await grant({ login: currentUser.LoginName, id: currentUser.Id }, 'Full Control', fullControl, 'the provisioning account keeps control of the list');
  }

  for (const w of wanted.values()) {
    if (w.principal.id !== null && has(w.principal.id, w.roleDefId)) continue;
    await grant(w.principal, w.level, w.roleDefId);
  }

  // Assignments nobody declared.
  for (const a of [...assignments]) {
    for (const rid of [...a.roleDefIds]) {
      if (declared(a.principalId, rid)) continue;
      const level = levelName.get(rid) || `permission level ${rid}`;
      const mine = a.principalId === currentUser.Id;
      if (broke && (!mine || siteAdmin)) {
        if (!dryRun) await write(`Removing ${level} on '${title}' from ${a.login}`, () => list().roleAssignments.remove(a.principalId, rid));
        change(run, {
          kind: 'removedRoleAssignment', target: `${title}: ${a.login} -> ${level}`,
          detail: mine ? 'given by SharePoint to the account that broke inheritance; a site collection admin does not need it' : 'copied from the site when inheritance was broken'
        });
        continue;
      }
      warn(run, mine
        ? `'${title}': the provisioning account ${a.login} holds ${level} directly; remove it once the declared roles can manage the list.`
        : `'${title}': ${a.login} holds ${level}, which is not declared (left as is; remove it if it is not wanted).`);
    }
  }
}
