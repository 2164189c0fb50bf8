/**
 * Provisioning, step 2 of 3: the plan. `plan(current, declared)` compares what the site holds
 * (read by ./current.ts) with the declarations (./schema.ts) and answers every step a run must
 * take, in the order SharePoint accepts them, each with the change it reports. It is pure: no
 * request, no clock, so it is unit-tested without a tenant (tests/unit/provisioning-plan.test.ts).
 * A dry run reports the plan; ./apply.ts performs it.
 *
 * Two outcomes are only known once a step is done: a list just created (its fields and
 * assignments as the site made them) and a list whose inheritance was just broken (what was
 * copied). Apply reads that list again and plans its remaining steps with `planList` and
 * `planPermissions`, the same functions.
 */
import {
  FieldSchema, ListSchema, PermissionLevel, POLICY_ITEM_TITLE, ROLE_TYPE_KIND, SUITE_SETTINGS_LIST_TITLE, SuiteRole
} from './schema';
import type { CurrentAssignment, CurrentList, CurrentState, Principal } from './current';
import { HUB_SITE_URL_PROPERTY } from './schema';

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

export class ProvisionError extends Error {
  public constructor(message: string, public readonly cause?: unknown) {
    super(message);
    this.name = 'ProvisionError';
  }
}

/** A message of the plan: a difference provisioning leaves alone, or a comparison skipped. */
export type PlanMessage = { op: 'warn'; text: string } | { op: 'note'; text: string };

/** The steps on a list's settings and fields, in order. */
export type ListStep =
  | PlanMessage
  | { op: 'updateList'; properties: Record<string, unknown>; change: ProvisionChange }
  | { op: 'addField'; field: FieldSchema; change: ProvisionChange }
  /** Bodies sent one after the other (uniqueness dropped before its index, an index added before uniqueness). */
  | { op: 'updateField'; fieldId: string; odataType: string; bodies: Record<string, unknown>[]; change: ProvisionChange };

export type PermissionStep =
  | PlanMessage
  | { op: 'grant'; principal: Principal; level: PermissionLevel; roleDefId: number; change: ProvisionChange }
  | { op: 'removeGrant'; principalId: number; login: string; roleDefId: number; level: string; change: ProvisionChange };

export interface PermissionPlan {
  /** Break the list's inheritance first (copying the site's assignments, or not). */
  breakInheritance?: { copy: boolean; change: ProvisionChange };
  steps: PermissionStep[];
}

export interface ListPlan {
  schema: ListSchema;
  /** The list is missing: create it with these properties. */
  create?: { properties: Record<string, unknown>; baseTemplate: number; change: ProvisionChange };
  steps: ListStep[];
  permissions: PermissionPlan;
  /** The settings list has no policy item: write the initial policy. */
  policyItem?: { json: string; schemaVersion: number; change: ProvisionChange };
}

export interface ProvisionPlan {
  /** Before any list: roles without a principal (their grants are skipped). */
  warnings: string[];
  lists: ListPlan[];
  /** The tenant property pointing to the hub site, or why it is left alone. */
  tenantProperty?: { value: string; change: ProvisionChange } | PlanMessage;
}

/** What the run is asked to make true. */
export interface Declared {
  lists: readonly ListSchema[];
  /** The initial policy, already validated and serialized as the settings service stores it. */
  policy?: { json: string; schemaVersion: number };
  /** The hub URL for the tenant property; undefined when no app catalog was given. */
  hubSiteUrl?: string;
}

/** What plans of one run share: the site's permission levels, principals and account. */
export type PlanContext = Pick<CurrentState, 'roleDefIds' | 'principals' | 'currentUser'> & { policy?: Declared['policy'] };

const asArray = <T>(v: T[] | { results: T[] } | undefined | null): T[] => (!v ? [] : Array.isArray(v) ? v : v.results || []);

/** The TypeAsString SharePoint reports for a declared field. */
export function typeAsStringOf(f: FieldSchema): string {
  if (f.type === 'User') return f.multiple ? 'UserMulti' : 'User';
  if (f.type === 'Lookup') return f.multiple ? 'LookupMulti' : 'Lookup';
  return f.type;
}

/** The list properties a declaration decides. */
export function wantedListProperties(schema: ListSchema): Record<string, unknown> {
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
  return wanted;
}

function planListSettings(schema: ListSchema, state: CurrentList, created: boolean): ListStep[] {
  const steps: ListStep[] = [];
  const diff: Record<string, unknown> = {};
  const details: string[] = [];
  for (const [k, v] of Object.entries(wantedListProperties(schema))) {
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
        steps.push({ op: 'note', text: `'${schema.title}': the site does not report MajorVersionLimit, so it is not compared.` });
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
    steps.push({ op: 'updateList', properties: diff, change: { kind: 'updatedList', target: schema.title, detail: details.join(', ') } });
  }
  return steps;
}

function sameChoices(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function addedField(title: string, f: FieldSchema): ListStep {
  const detail = `${typeAsStringOf(f)}${f.indexed || f.unique ? ', indexed' : ''}${f.unique ? ', unique' : ''}`;
  return { op: 'addField', field: f, change: { kind: 'addedField', target: `${title}/${f.internalName}`, detail } };
}

/** One declared field against the site's: add it, update what differs, or warn of a type conflict. */
export function planField(title: string, f: FieldSchema, have: CurrentList['fields'][number] | undefined): ListStep | null {
  const target = `${title}/${f.internalName}`;
  if (!have) return addedField(title, f);
  if (have.TypeAsString !== typeAsStringOf(f)) {
    return { op: 'warn', text: `${target} is a ${have.TypeAsString} column, declared ${typeAsStringOf(f)}: left as is (changing a column's type can lose data).` };
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
  const bodies: Record<string, unknown>[] = [];
  if (!!have.EnforceUniqueValues && !wantUnique) {
    bodies.push({ EnforceUniqueValues: false });
    details.push('EnforceUniqueValues true -> false');
  }
  if (!!have.Indexed !== wantIndexed) set('Indexed', !!have.Indexed, wantIndexed);
  if (Object.keys(props).length) bodies.push(props);
  if (!have.EnforceUniqueValues && wantUnique) {
    bodies.push({ EnforceUniqueValues: true });
    details.push('EnforceUniqueValues false -> true');
  }
  if (!bodies.length) return null;
  return { op: 'updateField', fieldId: have.Id, odataType: have['odata.type'] || 'SP.Field', bodies, change: { kind: 'updatedField', target, detail: details.join(', ') } };
}

function planFields(schema: ListSchema, state: CurrentList | null): ListStep[] {
  const steps: ListStep[] = [];
  for (const f of schema.fields) {
    const have = state ? state.fields.find(x => x.InternalName.toLowerCase() === f.internalName.toLowerCase()) : undefined;
    const step = planField(schema.title, f, have);
    if (step) steps.push(step);
  }
  return steps;
}

interface Wanted { principal: Principal; level: PermissionLevel; roleDefId: number }

function wantedGrants(schema: ListSchema, ctx: PlanContext): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  for (const g of schema.permissions.grants) {
    const roleDefId = ctx.roleDefIds.get(g.level);
    if (roleDefId === undefined) throw new ProvisionError(`The site has no '${g.level}' permission level (RoleTypeKind ${ROLE_TYPE_KIND[g.level]}).`);
    for (const principal of ctx.principals.get(g.role) || []) {
      wanted.set(`${principal.id === null ? principal.login : principal.id}:${roleDefId}`, { principal, level: g.level, roleDefId });
    }
  }
  return wanted;
}

/**
 * The grants and removals of a list that has (or will have) unique permissions, from its
 * assignments. `broke`: provisioning breaks (or just broke) the inheritance in this run, so the
 * assignments it copied and nobody declared are removed; otherwise they are only reported.
 */
export function planGrants(schema: ListSchema, ctx: PlanContext, current: readonly CurrentAssignment[], broke: boolean): PermissionStep[] {
  const title = schema.title;
  const { currentUser } = ctx;
  const siteAdmin = !!currentUser.IsSiteAdmin;
  const steps: PermissionStep[] = [];
  // Granting adds to the assignments (what the site will hold), which the later checks read.
  const assignments = current.map(a => ({ ...a, roleDefIds: [...a.roleDefIds] }));
  const has = (principalId: number, roleDefId: number): boolean =>
    assignments.some(a => a.principalId === principalId && a.roleDefIds.includes(roleDefId));
  const grant = (principal: Principal, level: PermissionLevel, roleDefId: number, detail?: string): void => {
    if (principal.id !== null) {
      const pid = principal.id;
      const a = assignments.find(x => x.principalId === pid);
      if (a) a.roleDefIds.push(roleDefId);
      else assignments.push({ principalId: pid, login: principal.login, roleDefIds: [roleDefId] });
    }
    steps.push({ op: 'grant', principal, level, roleDefId, change: { kind: 'addedRoleAssignment', target: `${title}: ${principal.login} -> ${level}`, detail } });
  };
  const levelName = new Map<number, PermissionLevel>();
  for (const [level, id] of ctx.roleDefIds) levelName.set(id, level);
  const wanted = wantedGrants(schema, ctx);
  const declared = (principalId: number, roleDefId: number): boolean => wanted.has(`${principalId}:${roleDefId}`);

  // The account that broke inheritance keeps control of the list.
  const fullControl = ctx.roleDefIds.get('Full Control');
  if (broke && !siteAdmin && fullControl !== undefined && !has(currentUser.Id, fullControl) && !declared(currentUser.Id, fullControl)) {
    grant({ login: currentUser.LoginName, id: currentUser.Id }, 'Full Control', fullControl, 'the provisioning account keeps control of the list');
  }
  for (const w of wanted.values()) {
    if (w.principal.id !== null && has(w.principal.id, w.roleDefId)) continue;
    grant(w.principal, w.level, w.roleDefId);
  }

  // Assignments nobody declared.
  for (const a of assignments) {
    for (const rid of a.roleDefIds) {
      if (declared(a.principalId, rid)) continue;
      const level = levelName.get(rid) || `permission level ${rid}`;
      const mine = a.principalId === currentUser.Id;
      if (broke && (!mine || siteAdmin)) {
        steps.push({
          op: 'removeGrant', principalId: a.principalId, login: a.login, roleDefId: rid, level,
          change: {
            kind: 'removedRoleAssignment', target: `${title}: ${a.login} -> ${level}`,
            detail: mine ? 'given by SharePoint to the account that broke inheritance; a site collection admin does not need it' : 'copied from the site when inheritance was broken'
          }
        });
        continue;
      }
      steps.push({
        op: 'warn',
        text: mine
          ? `'${title}': the provisioning account ${a.login} holds ${level} directly; remove it once the declared roles can manage the list.`
          : `'${title}': ${a.login} holds ${level}, which is not declared (left as is; remove it if it is not wanted).`
      });
    }
  }
  return steps;
}

/**
 * Unique permissions holding the declared grants. When provisioning breaks inheritance itself:
 * - as a site collection admin (who keeps every right anyway), nothing is copied from the site;
 * - as anyone else, the site's assignments are copied first (so the account keeps access while it
 *   works), the account gets Full Control directly (what SharePoint does when it breaks without
 *   copying), the declared grants are added, then the copied assignments nobody declared are removed.
 * On a list that already has unique permissions, undeclared assignments are reported, never removed.
 * The grants planned after a break assume the copy holds the list's current assignments; apply
 * plans them again from what the site answers once the inheritance is broken.
 */
export function planPermissions(schema: ListSchema, ctx: PlanContext, found: CurrentList | null, created: boolean): PermissionPlan {
  const title = schema.title;
  if (!schema.permissions.breakInheritance) {
    const steps: PermissionStep[] = found && found.unique
      ? [{ op: 'warn', text: `'${title}' has unique permissions but its declaration inherits the site's: left as is (provisioning never widens access).` }]
      : [];
    return { steps };
  }
  if (found && found.unique) return { steps: planGrants(schema, ctx, found.assignments, false) };
  const copy = !ctx.currentUser.IsSiteAdmin;
  return {
    breakInheritance: { copy, change: { kind: 'brokeInheritance', target: title, detail: created ? 'new list' : 'was inheriting' } },
    steps: planGrants(schema, ctx, copy && found ? found.assignments : [], true)
  };
}

/**
 * The plan of one list. `created`: the list was just created in this run (its state read right
 * after), so nothing about it is a surprise worth a note and its policy item cannot exist yet.
 */
export function planList(schema: ListSchema, ctx: PlanContext, state: CurrentList | null, policyItemExists: boolean, created = false): ListPlan {
  const title = schema.title;
  const plan: ListPlan = { schema, steps: [], permissions: { steps: [] } };
  if (!state) {
    plan.create = {
      properties: wantedListProperties(schema),
      baseTemplate: schema.baseTemplate || 100,
      change: { kind: 'createdList', target: title, ...(schema.excludedFromSearch ? { detail: 'excluded from search (NoCrawl true)' } : {}) }
    };
  } else {
    plan.steps.push(...planListSettings(schema, state, created));
  }
  plan.steps.push(...planFields(schema, state));
  plan.permissions = planPermissions(schema, ctx, state, created || !state);
  if (title === SUITE_SETTINGS_LIST_TITLE && ctx.policy && !(state && !created && policyItemExists)) {
    plan.policyItem = { ...ctx.policy, change: { kind: 'createdPolicyItem', target: `${title}/${POLICY_ITEM_TITLE}` } };
  }
  return plan;
}

/** Everything a run must do to make the site hold what is declared. Pure. */
export function plan(current: CurrentState, declared: Declared): ProvisionPlan {
  const ctx: PlanContext = { roleDefIds: current.roleDefIds, principals: current.principals, currentUser: current.currentUser, policy: declared.policy };
  const warnings: string[] = [];
  for (const [role, list] of current.principals) {
    if (!list.length) warnings.push(`No principal given for the role '${role}': its grants are skipped.`);
  }
  const lists = declared.lists.map(schema => planList(schema, ctx, current.lists.get(schema.title) ?? null, current.policyItemExists));
  const result: ProvisionPlan = { warnings, lists };
  if (declared.hubSiteUrl === undefined) {
    result.tenantProperty = { op: 'note', text: `Tenant property ${HUB_SITE_URL_PROPERTY} not set: no app catalog site given.` };
  } else {
    const hub = declared.hubSiteUrl.replace(/\/+$/, '');
    const value = current.hubSiteUrl ?? null;
    if (value !== hub) {
      result.tenantProperty = { value: hub, change: { kind: 'setHubSiteUrl', target: HUB_SITE_URL_PROPERTY, detail: `${value === null ? '(none)' : value} -> ${hub}` } };
    }
  }
  return result;
}

/** The roles whose principals a run needs (every role a declaration grants). */
export function neededRoles(lists: readonly ListSchema[]): Set<SuiteRole> {
  const roles = new Set<SuiteRole>();
  for (const l of lists) for (const g of l.permissions.grants) roles.add(g.role);
  return roles;
}
