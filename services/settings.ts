/**
 * The one settings service every web part, extension and job uses.
 *
 * - The policy document is one item ("policy") of the "Suite settings" list of the hub site; list
 *   versioning is the audit trail and SharePoint permissions decide who may write it.
 * - It is read once per page load, however many web parts the page holds: SPFx loads each web
 *   part's bundle separately, so the page-level cache lives on `window`, keyed by site URL.
 * - When the list cannot be read, the last policy read on this device is used, then the defaults,
 *   and the snapshot says so (the UI shows a notice). The cached copy is the policy document only:
 *   it holds no personal data.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { FeatureKey, GroupRef, Policy, RoleKey } from '../core/policy/types';
import { featureAccess, hasRole } from '../core/policy/audience';
import { defaultPolicy } from '../core/policy/defaults';
import { readPolicyJson } from '../core/policy/read';
import type { FeatureAccess, PolicyMember } from '../core/policy/audience';
import type { SuiteContext } from './context';
import { etagOf } from './sp/etag';
import { toSuiteError } from './errors';
import { odataString } from '../core/odata';
import { PolicyValidationError, PolicyVersion, SettingsAdminApi, SettingsSnapshot } from './settingsApi';
import { POLICY_FIELD, POLICY_ITEM_TITLE, SCHEMA_VERSION_FIELD, SETTINGS_LIST_TITLE } from './provisioning/schema';

/** What decides whether a policy audience or role includes the signed-in user. */
export type Membership = PolicyMember;
export type FeatureState = FeatureAccess;

interface StoredItem {
  Id: number;
  Modified: string;
  Editor?: { Title?: string };
  'odata.etag'?: string;
  __metadata?: { etag?: string };
  [field: string]: unknown;
}

interface VersionRow {
  VersionLabel: string;
  Created: string;
  Editor?: { LookupValue?: string } | null;
  [field: string]: unknown;
}

interface PageCache {
  snapshots: Map<string, Promise<SettingsSnapshot>>;
  memberships: Map<string, Promise<Membership>>;
  /** The snapshots and memberships already answered, for components that mount later on the page. */
  settled?: Map<string, SettingsSnapshot>;
  settledMemberships?: Map<string, Membership>;
}

const NO_GROUPS: Membership = { entraGroupIds: [], siteGroupTitles: [] };

const CACHE_KEY = '__socialIntranetSuiteSettings';
const LAST_KNOWN_GOOD_PREFIX = 'social-intranet:policy:';
/**
 * Longest wait for the policy item before the page goes on with the last policy read on the device
 * (or the defaults): during an outage PnPjs's retries, each waiting the server's Retry-After, kept
 * pages on "Loading…" for twenty seconds. The read goes on; a later page load uses what it found.
 */
export const POLICY_READ_DEADLINE_MS = 4000;

function withinDeadline<T>(pending: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('The settings list did not answer in time.'), { status: null })), ms);
    pending.then(v => { clearTimeout(timer); resolve(v); }, e => { clearTimeout(timer); reject(e); });
  });
}

/** Graph's checkMemberGroups takes at most 20 group ids per call. */
const CHECK_MEMBER_GROUPS_MAX = 20;

type PolicyCore = typeof import('../core/policy');
let policyCore: Promise<PolicyCore> | undefined;

/**
 * The schema (zod) and the full validation are loaded only to save, to read the history, or when
 * the stored document is not of the shape this code writes (core/policy/read.ts decides): reading
 * the policy on a page never needs them.
 */
function loadPolicyCore(): Promise<PolicyCore> {
  if (!policyCore) policyCore = import(/* webpackChunkName: 'suite-policy' */ '../core/policy');
  return policyCore;
}

function pageCache(): Required<PageCache> {
  const holder = (typeof window !== 'undefined' ? window : globalThis) as unknown as Record<string, PageCache | undefined>;
  let cache = holder[CACHE_KEY];
  if (!cache) {
    cache = { snapshots: new Map(), memberships: new Map() };
    holder[CACHE_KEY] = cache;
  }
  if (!cache.settled) cache.settled = new Map();
  if (!cache.settledMemberships) cache.settledMemberships = new Map();
  return cache as Required<PageCache>;
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage can be blocked by the browser's privacy settings
  }
}

/** Every Entra group a policy mentions (roles and audiences), to ask Graph about in one go. */
function entraGroupsIn(policy: Policy): string[] {
  const ids = new Set<string>();
  const add = (groups: GroupRef[] | undefined): void => {
    for (const g of groups || []) if (g.kind === 'entra') ids.add(g.id.toLowerCase());
  };
  for (const key of Object.keys(policy.roles) as RoleKey[]) add(policy.roles[key]);
  for (const key of Object.keys(policy.features) as FeatureKey[]) {
    const audience = policy.features[key].audience;
    if (!audience.everyone) add(audience.groups);
    add(audience.except);
  }
  return Array.from(ids);
}

export class SettingsService implements SettingsAdminApi {
  private readonly sp: SPFI;
  private readonly graph: Client;
  private readonly siteUrl: string;
  private readonly storage: Storage | null;

  constructor(ctx: Pick<SuiteContext, 'sp' | 'graph' | 'siteUrl'>, options: { storage?: Storage | null } = {}) {
    this.sp = ctx.sp;
    this.graph = ctx.graph;
    this.siteUrl = ctx.siteUrl.replace(/\/+$/, '').toLowerCase();
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
  }

  /** The policy in force: read once per page load and shared by every component of the page. */
  public load(options: { fresh?: boolean } = {}): Promise<SettingsSnapshot> {
    const cache = pageCache().snapshots;
    let pending = options.fresh ? undefined : cache.get(this.siteUrl);
    if (!pending) {
      pending = this.readSnapshot();
      cache.set(this.siteUrl, pending);
      const settled = pageCache().settled;
      pending.then(snapshot => settled.set(this.siteUrl, snapshot), () => undefined);
      // A failed read must not stick for the rest of the page's life.
      pending.catch(() => cache.delete(this.siteUrl));
    }
    return pending;
  }

  /**
   * What decides a feature before this page's read answers: the policy already read on the page,
   * else the last one read on this device, else the defaults (never a notice: it is provisional).
   */
  public cached(): SettingsSnapshot {
    const settled = pageCache().settled.get(this.siteUrl);
    if (settled) return settled;
    const remembered = this.recall();
    return { policy: remembered || defaultPolicy(), source: remembered ? 'lastKnownGood' : 'defaults', notice: null, etag: null, modified: null, modifiedBy: null };
  }

  /** The membership already known on the page, or none (no group yet) before it is. */
  public cachedMembership(): Membership {
    return pageCache().settledMemberships.get(this.siteUrl) || NO_GROUPS;
  }

  public async save(policy: Policy, etag: string | null): Promise<SettingsSnapshot> {
    const { validatePolicy, POLICY_SCHEMA_VERSION } = await loadPolicyCore();
    const checked = validatePolicy(policy);
    if (!checked.ok) throw new PolicyValidationError(checked.errors);
    const values = { [POLICY_FIELD]: JSON.stringify(checked.policy, null, 2), [SCHEMA_VERSION_FIELD]: POLICY_SCHEMA_VERSION };
    const list = this.sp.web.lists.getByTitle(SETTINGS_LIST_TITLE);
    const existing = await this.readItem();
    if (existing) {
      // Optimistic concurrency: SharePoint answers 412 when the item changed since `etag` was read.
      // Without an etag the caller never saw the stored policy: refuse rather than overwrite it.
      if (!etag) throw Object.assign(new Error('The stored policy changed; reload it before saving.'), { status: 412 });
      await list.items.getById(existing.Id).update(values, etag);
    } else {
      await list.items.add({ Title: POLICY_ITEM_TITLE, ...values });
    }
    // Roles and audiences may have changed: membership is asked again on next use.
    pageCache().memberships.delete(this.siteUrl);
    pageCache().settledMemberships.delete(this.siteUrl);
    return this.load({ fresh: true });
  }

  public async history(): Promise<PolicyVersion[]> {
    const item = await this.readItem();
    if (!item) return [];
    const [versions, { parsePolicyJson }] = await Promise.all([
      this.sp.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.getById(item.Id).versions() as Promise<VersionRow[]>,
      loadPolicyCore()
    ]);
    return versions.map(v => {
      const parsed = parsePolicyJson(String(v[POLICY_FIELD] ?? ''));
      return {
        versionLabel: v.VersionLabel,
        modified: v.Created,
        modifiedBy: (v.Editor && v.Editor.LookupValue) || '',
        policy: parsed.ok ? parsed.policy : null,
        errors: parsed.ok ? [] : parsed.errors
      };
    });
  }

  public async isTenantAdmin(): Promise<boolean> {
    const [snapshot, member] = await Promise.all([this.load(), this.membership()]);
    return hasRole(snapshot.policy, 'tenantAdmins', member);
  }

  /** Whether a feature is on for the signed-in user (off, or outside its audience). */
  public async featureState(feature: FeatureKey): Promise<{ state: FeatureState; snapshot: SettingsSnapshot }> {
    // The membership read starts with the policy read (no waterfall), but is waited for only when
    // the groups matter: off, or on for everyone without exceptions, they change nothing, so a
    // failed group read (an outage) hides neither the feature nor the portal header.
    const memberPending = this.membership();
    memberPending.catch(() => undefined);
    const snapshot = await this.load();
    const toggle = snapshot.policy.features[feature];
    const groupsMatter = !!toggle && toggle.enabled && !(toggle.audience.everyone && !(toggle.audience.except || []).length);
    const member = groupsMatter ? await memberPending : NO_GROUPS;
    return { state: featureAccess(snapshot.policy, feature, member), snapshot };
  }

  /**
   * The signed-in user's site groups (SharePoint) and, among the Entra groups the policy names,
   * those they belong to (Graph checkMemberGroups: one call per 20 groups). Once per page.
   *
   * Asked at the same time as the policy, not after it: the groups come from the policy last known
   * on the device (or the defaults), and only the groups the fresh policy adds are asked once it
   * arrives, which is rare.
   */
  public membership(): Promise<Membership> {
    const cache = pageCache().memberships;
    let pending = cache.get(this.siteUrl);
    if (!pending) {
      const asked = entraGroupsIn(this.cached().policy);
      const siteGroupsP = this.sp.web.currentUser.groups.select('Title')<Array<{ Title: string }>>();
      const firstP = this.memberOf(asked);
      pending = this.load().then(async snapshot => {
        const more = entraGroupsIn(snapshot.policy).filter(id => asked.indexOf(id) < 0);
        const [first, second, siteGroups] = await Promise.all([firstP, this.memberOf(more), siteGroupsP]);
        return { entraGroupIds: first.concat(second), siteGroupTitles: siteGroups.map(g => g.Title) };
      });
      cache.set(this.siteUrl, pending);
      const settled = pageCache().settledMemberships;
      pending.then(member => settled.set(this.siteUrl, member), () => undefined);
      pending.catch(() => cache.delete(this.siteUrl));
    }
    return pending;
  }

  /** The ids among `groupIds` the user belongs to (lower case). */
  private async memberOf(groupIds: string[]): Promise<string[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < groupIds.length; i += CHECK_MEMBER_GROUPS_MAX) chunks.push(groupIds.slice(i, i + CHECK_MEMBER_GROUPS_MAX));
    const answers = await Promise.all(chunks.map(ids =>
      this.graph.api('/me/checkMemberGroups').post({ groupIds: ids }) as Promise<{ value: string[] }>));
    return answers.reduce<string[]>((all, r) => all.concat(r.value || []), []).map(id => id.toLowerCase());
  }

  private async readItem(): Promise<StoredItem | null> {
    const items = (await this.sp.web.lists.getByTitle(SETTINGS_LIST_TITLE).items
      .select('Id', 'Modified', POLICY_FIELD, 'Editor/Title')
      .expand('Editor')
      .filter(`Title eq ${odataString(POLICY_ITEM_TITLE)}`)
      .orderBy('ID', true)
      .top(1)()) as StoredItem[];
    return items[0] || null;
  }

  private async readSnapshot(): Promise<SettingsSnapshot> {
    let item: StoredItem | null;
    try {
      item = await withinDeadline(this.readItem(), POLICY_READ_DEADLINE_MS);
    } catch (e) {
      const err = toSuiteError(e);
      if (err.kind === 'notFound') return this.fallback('notProvisioned');
      return this.fallback('unreachable');
    }
    if (!item) return { policy: defaultPolicy(), source: 'defaults', notice: null, etag: null, modified: null, modifiedBy: null };
    const text = String(item[POLICY_FIELD] ?? '');
    const meta = { etag: etagOf(item) || null, modified: item.Modified, modifiedBy: (item.Editor && item.Editor.Title) || null };
    // The document was validated when it was saved: the cheap reader suffices. Only a document of
    // another shape (an older version to upgrade, or a broken one) needs the full validation.
    let policy = readPolicyJson(text);
    if (!policy) {
      const parsed = (await loadPolicyCore()).parsePolicyJson(text);
      policy = parsed.ok ? parsed.policy : null;
    }
    if (!policy) {
      // An invalid stored document never takes effect: the last valid one stays in force.
      const previous = this.fallback('storedInvalid');
      return { ...previous, ...meta };
    }
    this.remember(policy);
    return { policy, source: 'list', notice: null, ...meta };
  }

  private fallback(why: 'unreachable' | 'storedInvalid' | 'notProvisioned'): SettingsSnapshot {
    const remembered = this.recall();
    if (why === 'notProvisioned') {
      return { policy: defaultPolicy(), source: 'defaults', notice: 'notProvisioned', etag: null, modified: null, modifiedBy: null };
    }
    if (remembered) {
      return { policy: remembered, source: 'lastKnownGood', notice: why === 'storedInvalid' ? 'storedInvalid' : 'usingLastKnownGood', etag: null, modified: null, modifiedBy: null };
    }
    return { policy: defaultPolicy(), source: 'defaults', notice: why === 'storedInvalid' ? 'storedInvalid' : 'usingDefaults', etag: null, modified: null, modifiedBy: null };
  }

  private remember(policy: Policy): void {
    try {
      if (this.storage) this.storage.setItem(LAST_KNOWN_GOOD_PREFIX + this.siteUrl, JSON.stringify(policy));
    } catch {
      // a full or blocked storage only costs the offline fallback
    }
  }

  /** The copy kept on this device: written by this code after a validated read, so the cheap reader suffices. */
  private recall(): Policy | null {
    try {
      const text = this.storage ? this.storage.getItem(LAST_KNOWN_GOOD_PREFIX + this.siteUrl) : null;
      return text ? readPolicyJson(text) : null;
    } catch {
      return null;
    }
  }
}

/** Forgets what this page has read (after a save, or in tests that simulate a new page load). */
export function clearSettingsPageCache(): void {
  const cache = pageCache();
  cache.snapshots.clear();
  cache.memberships.clear();
  cache.settled.clear();
  cache.settledMemberships.clear();
}
