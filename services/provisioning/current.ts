/**
 * Provisioning, step 1 of 3: what the site holds now. One `$batch` reads the web, the signed-in
 * account, the permission levels and, for every declared list, its settings, fields and role
 * assignments; the roles' principals are resolved in a second one (`ensureUser` in a real run,
 * read-only look-ups in a dry run); then the policy item and the tenant property are looked up.
 * Nothing here decides what to change: that is ./plan.ts.
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
import { odataString } from '../../core/odata';
import { HUB_SITE_URL_PROPERTY, ListSchema, PermissionLevel, POLICY_ITEM_TITLE, ROLE_TYPE_KIND, SUITE_SETTINGS_LIST_TITLE, SuiteRole } from './schema';
import { neededRoles, ProvisionError } from './plan';

/** The claim of "Everyone except external users" starts so (the tenant id follows). */
export const EVERYONE_EXCEPT_EXTERNAL_PREFIX = 'c:0-.f|rolemanager|spo-grid-all-users/';

export interface SpFieldInfo {
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

export interface SpUser {
  Id: number;
  LoginName: string;
  IsSiteAdmin?: boolean;
  Title?: string;
}

export interface CurrentAssignment {
  principalId: number;
  login: string;
  roleDefIds: number[];
}

/** One list as the site has it. */
export interface CurrentList {
  id: string;
  /** The list properties provisioning compares (MajorVersionLimit undefined when the site does not report it). */
  info: Record<string, unknown>;
  unique: boolean;
  fields: SpFieldInfo[];
  assignments: CurrentAssignment[];
}

export interface Principal {
  login: string;
  /** Null in a dry run when the principal is not yet a site user (ensureUser would add it). */
  id: number | null;
}

export interface CurrentState {
  webUrl: string;
  currentUser: SpUser;
  /** The site's permission levels, by role type. */
  roleDefIds: Map<PermissionLevel, number>;
  /** The principals of each role a declaration grants (an empty list: none given). */
  principals: Map<SuiteRole, Principal[]>;
  /** Every declared list by title; null when the site does not have it. */
  lists: Map<string, CurrentList | null>;
  /** Whether the settings list holds the policy item (false when the list is missing or it was not asked). */
  policyItemExists: boolean;
  /** The tenant property's value (null: not set); undefined when no app catalog was given. */
  hubSiteUrl?: string | null;
}

export interface ReadOptions {
  lists: readonly ListSchema[];
  roles: Partial<Record<SuiteRole, readonly string[]>>;
  /** A dry run resolves principals with read-only look-ups instead of ensureUser. */
  dryRun: boolean;
  /** Look for the policy item (an initial policy was given). */
  policy: boolean;
  appCatalogSp?: SPFI;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(value => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

function statusOf(e: unknown): number | null {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : null;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function unwrap<T>(s: Settled<T>, what: string): T {
  if (s.ok) return s.value;
  throw new ProvisionError(`${what}: ${messageOf(s.error)}`, s.error);
}

/** Runs one request of the routine; a refusal becomes a ProvisionError naming the step. */
export async function step<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw new ProvisionError(`${what} failed: ${messageOf(e)}`, e);
  }
}

const asArray = <T>(v: T[] | { results: T[] } | undefined | null): T[] => (!v ? [] : Array.isArray(v) ? v : v.results || []);

/** The list properties provisioning compares (named: SharePoint Online leaves some out by default). */
const LIST_PROPERTIES = ['Id', 'Title', 'Description', 'EnableVersioning', 'ReadSecurity', 'WriteSecurity', 'NoCrawl', 'HasUniqueRoleAssignments'];

/** Reads one list's state (settings, unique permissions, fields, role assignments) in the given batch. */
function readList(sp: SPFI, title: string): () => Promise<CurrentList | null> {
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

/** Reads one list again, alone (after creating it or breaking its inheritance). */
export async function readListAlone(sp: SPFI, title: string): Promise<CurrentList | null> {
  const [batched, execute] = sp.batched();
  const result = readList(batched, title);
  await step(`Reading the list '${title}'`, () => execute());
  return result();
}

async function resolvePrincipals(sp: SPFI, logins: Map<SuiteRole, string[]>, dryRun: boolean): Promise<Map<SuiteRole, Principal[]>> {
  const all = [...new Set([...logins.values()].flat())];
  const [batched, execute] = sp.batched();
  const pending = new Map<string, Promise<Settled<SpUser>>>();
  for (const login of all) {
    const isGroupTitle = !login.includes('|') && !login.includes('@');
    let p: Promise<SpUser>;
    if (isGroupTitle) p = batched.web.siteGroups.getByName(login).select('Id', 'LoginName')<SpUser>();
    else if (dryRun) p = batched.web.siteUsers.getByLoginName(login).select('Id', 'LoginName')<SpUser>();
    else p = batched.web.ensureUser(login) as unknown as Promise<SpUser>;
    pending.set(login, settle(p));
  }
  if (all.length) await step('Resolving the principals of the roles', () => execute());
  const resolved = new Map<string, Principal>();
  for (const login of all) {
    const r = await pending.get(login)!;
    if (r.ok) {
      const u = r.value as SpUser & { Id?: number };
      resolved.set(login, { login: u.LoginName || login, id: u.Id ?? null });
    } else if (dryRun && statusOf(r.error) === 404 && login.includes('|')) {
      resolved.set(login, { login, id: null });
    } else {
      throw new ProvisionError(`The principal '${login}' could not be resolved on the site: ${messageOf(r.error)}`, r.error);
    }
  }
  const principals = new Map<SuiteRole, Principal[]>();
  for (const [role, list] of logins) principals.set(role, list.map(l => resolved.get(l)!));
  return principals;
}

async function readPolicyItemExists(sp: SPFI): Promise<boolean> {
  const items = await step(`Looking for the '${POLICY_ITEM_TITLE}' item of '${SUITE_SETTINGS_LIST_TITLE}'`, () => sp.web.lists
    .getByTitle(SUITE_SETTINGS_LIST_TITLE).items.filter(`Title eq ${odataString(POLICY_ITEM_TITLE)}`).select('Id').top(1)<{ Id: number }[]>());
  return items.length > 0;
}

async function readHubSiteUrl(appCatalogSp: SPFI): Promise<string | null> {
  const current = await step(`Reading the tenant property ${HUB_SITE_URL_PROPERTY}`,
    () => appCatalogSp.web.getStorageEntity(HUB_SITE_URL_PROPERTY)) as { Value?: string | null } | null;
  return current && typeof current.Value === 'string' ? current.Value : null;
}

/** Reads everything a plan compares against. */
export async function readCurrent(sp: SPFI, options: ReadOptions): Promise<CurrentState> {
  const { lists } = options;
  const roles = neededRoles(lists);
  const discoverEveryone = roles.has('everyone') && !(options.roles.everyone && options.roles.everyone.length);

  const [batched, execute] = sp.batched();
  const webP = settle(batched.web.select('Url', 'Title')<{ Url: string; Title: string }>());
  const userP = settle(batched.web.currentUser.select('Id', 'LoginName', 'IsSiteAdmin', 'Title')<SpUser>());
  const defsP = settle(batched.web.roleDefinitions<SpRoleDefinition[]>());
  const everyoneP = discoverEveryone
    ? settle(batched.web.siteUsers.filter(`startswith(LoginName,${odataString(EVERYONE_EXCEPT_EXTERNAL_PREFIX)})`).select('Id', 'LoginName')<SpUser[]>())
    : null;
  const listReads = lists.map(l => readList(batched, l.title));
  await step('Reading the site', () => execute());
  const web = unwrap(await webP, 'Reading the site');
  const currentUser = unwrap(await userP, 'Reading the signed-in user');
  const defs = unwrap(await defsP, 'Reading the permission levels');
  const states = new Map<string, CurrentList | null>();
  for (let i = 0; i < lists.length; i++) states.set(lists[i].title, await listReads[i]());

  const roleDefIds = new Map<PermissionLevel, number>();
  for (const level of Object.keys(ROLE_TYPE_KIND) as PermissionLevel[]) {
    const d = defs.find(x => x.RoleTypeKind === ROLE_TYPE_KIND[level]);
    if (d) roleDefIds.set(level, d.Id);
  }

  // Principals of the roles the declarations grant.
  const logins = new Map<SuiteRole, string[]>();
  for (const role of roles) logins.set(role, [...(options.roles[role] || [])]);
  if (everyoneP) {
    const found = unwrap(await everyoneP, 'Looking for "Everyone except external users" among the site users');
    if (!found.length) {
      throw new ProvisionError('No "Everyone except external users" claim was found among the site users: pass the everyone role explicitly '
        + `(${EVERYONE_EXCEPT_EXTERNAL_PREFIX}<tenantId>).`);
    }
    logins.set('everyone', [found[0].LoginName]);
  }
  const principals = await resolvePrincipals(sp, logins, options.dryRun);

  const settings = states.get(SUITE_SETTINGS_LIST_TITLE);
  const policyItemExists = options.policy && settings ? await readPolicyItemExists(sp) : false;
  const current: CurrentState = { webUrl: web.Url, currentUser, roleDefIds, principals, lists: states, policyItemExists };
  if (options.appCatalogSp) current.hubSiteUrl = await readHubSiteUrl(options.appCatalogSp);
  return current;
}
