/**
 * What the management role does with insights (InsightApi), over PnPjs. SharePoint enforces who
 * may: "Customer insights" is read by everyone and edited by the management role (Contribute);
 * "Insight activity" is read and added to by the management role only (docs/relay-data.md).
 *
 * - Every update is sent with the ETag the insight was read with: a concurrent change answers 412 and
 *   nothing is overwritten. The service then reads the insight again and answers what happened:
 *   'applied' (this user's own earlier attempt, whose answer was lost), 'alreadySo' (the insight
 *   already holds exactly this value, set by someone else) or InsightConflictError (superseded: who
 *   changed which field, from what to what, when; the view offers to apply again against the fresh copy).
 * - Every change writes a timeline entry whose unique ActivityKey names the insight, the ETag the change
 *   was applied against, the kind, the actor and the value: a retry by the same person finds their own
 *   entry (written by them: its Author is checked), and nobody else's entry is ever taken as theirs.
 * - Status changes keep the silence clock's inputs: StatusHistoryJson, IsOpen, the first
 *   acknowledgement (AcknowledgedAt/Day, AcknowledgeHours, AcknowledgeBreached) and the closing
 *   (ClosedAt/Day, ResolveHours, ResolveBreached), in business hours of the policy's calendar.
 * - merge moves every relay and every timeline entry of the source to the target (walked past the
 *   5,000-item threshold) and recomputes the target from what is attached, so a merge that failed half
 *   way is finished by running it again.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SuiteContext } from '../context';
import type { FeedbackPolicy } from '../../core/policy/types';
import type { PolicyMember } from '../../core/policy/audience';
import type { ActivityEntry, ActivityKind, Insight, InsightOwner, Relay } from '../../core/relay/model';
import { CLOSED_STATUSES, computeSilenceClock, InsightStatus, StatusEvent } from '../../core/relay/clock';
import { localDateKey, millisToHours } from '../../core/relay/calendar';
import { odataString } from '../../core/odata';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../provisioning/relayLists';
import {
  InsightActionResult, InsightActor, InsightApi, InsightChange, InsightChangeField, InsightConflictError, InsightQuery, RelayError
} from './api';
import {
  ACTIVITY_SELECT, activityFromItem, activityValues, countRelaysOf, INSIGHT_SELECT, insightFromItem, isDuplicateError, maxSeverity,
  normalizeUpn, ownerValues, PAGE_SIZE, RELAY_SELECT, relayFromItem, serializeStatusHistory, statusOf, StoredItem, toRelayError
} from './items';
import { SettingsService } from '../settings';
import { etagValue } from '../sp/etag';
import { AUTHOR_SELECT, authorUpnOf, EDITOR_SELECT, editorUpnOf, PersonValue } from '../sp/identity';
import { isThresholdError, walkItems } from '../listWalk';

/** Default and highest number of open insights the dashboard reads in one request. */
export const OPEN_INSIGHTS_DEFAULT = 2000;
const OPEN_INSIGHTS_MAX = 5000;
/** Changes per $batch when a merge moves relays and timeline entries. */
const MOVE_BATCH = 100;
/** Graph checkMemberGroups takes at most 20 ids per call. */
const CHECK_MEMBER_GROUPS_MAX = 20;

export interface InsightServiceOptions {
  /** The signed-in user's UPN. */
  me: string;
  /**
   * The feedback policy (calendar, severities, pause states): the object, or a function giving it.
   * Default: the policy in force, read once per page by SettingsService (needs ctx.graph and ctx.siteUrl).
   */
  policy?: FeedbackPolicy | (() => Promise<FeedbackPolicy>);
  /** The user's memberships (SettingsService.membership()): site group titles and the role groups. */
  membership?: () => Promise<PolicyMember>;
  /**
   * The ids (Entra object ids, or SharePoint group titles) of the groups the user belongs to, for
   * scope 'mine'. Default: the site groups of `membership`, and among the groups the routing rules
   * and the fallback owner name, those Graph's checkMemberGroups says the user is in.
   */
  groupIds?: () => Promise<string[]>;
  /** The clock (default: the wall clock). */
  now?: () => Date;
}

type Ctx = Pick<SuiteContext, 'sp'> & Partial<Pick<SuiteContext, 'graph' | 'siteUrl'>>;

const isClosed = (s: string): boolean => (CLOSED_STATUSES as readonly string[]).indexOf(s) >= 0;

/** A short, stable fingerprint of a text (FNV-1a), for idempotency keys of comments. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Timeline entries read after a 412 to tell who made each change (the newest ones). */
const RECENT_ENTRIES = 50;

/** What an action wants the insight to hold: after a 412, tells 'already so' from 'superseded'. */
type Holds = (fresh: Insight) => boolean;

/** A timeline entry to write once the update is stored; `value` names what the actor set (for its key). */
interface Planned {
  value: string;
  entry: Omit<ActivityEntry, 'id' | 'key' | 'insightId'>;
}

const sameOwner = (a: { upn: string | null; groupId: string | null }, b: { upn: string | null; groupId: string | null }): boolean =>
  normalizeUpn(a.upn || '') === normalizeUpn(b.upn || '') && (a.groupId || '') === (b.groupId || '');

/** The display name SharePoint returned with an expanded person ('' when absent). */
const titleOf = (person: unknown): string => {
  const t = person && typeof person === 'object' ? (person as { Title?: unknown }).Title : null;
  return typeof t === 'string' ? t : '';
};

/** The ETag version a timeline key was applied against (its third segment), NaN when not a number. */
const keyVersion = (key: string): number => Number(key.split(':')[2]);

export class InsightService implements InsightApi {
  private readonly sp: SPFI;
  private readonly graph: Client | undefined;
  private readonly ctx: Ctx;
  private readonly me: string;
  private readonly options: InsightServiceOptions;
  private readonly now: () => Date;
  private groupsPromise: Promise<string[]> | null = null;

  public constructor(ctx: Ctx, options: InsightServiceOptions) {
    this.ctx = ctx;
    this.sp = ctx.sp;
    this.graph = ctx.graph;
    this.me = normalizeUpn(options.me);
    this.options = options;
    this.now = options.now || (() => new Date());
  }

  private get insights(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  }

  private get activity(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE);
  }

  private get relays(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(RELAYS_LIST_TITLE);
  }

  private async policy(): Promise<FeedbackPolicy> {
    const p = this.options.policy;
    if (typeof p === 'function') return p();
    if (p) return p;
    if (!this.ctx.graph || !this.ctx.siteUrl) throw new Error('InsightService: no policy given and no context to read it.');
    return (await new SettingsService({ sp: this.sp, graph: this.ctx.graph, siteUrl: this.ctx.siteUrl }).load()).policy.feedback;
  }

  /** The groups whose insights are 'mine'. */
  private myGroups(): Promise<string[]> {
    if (this.options.groupIds) return this.options.groupIds();
    if (!this.groupsPromise) {
      this.groupsPromise = (async () => {
        const out = new Set<string>();
        const member = this.options.membership ? await this.options.membership() : null;
        for (const t of member?.siteGroupTitles || []) out.add(t);
        const policy = await this.policy();
        const named = new Set<string>();
        const sharepointNamed = new Set<string>();
        for (const g of [policy.fallbackOwner, ...policy.routing.map(r => (r.owner.kind === 'group' ? r.owner.group : null))]) {
          if (!g) continue;
          if (g.kind === 'entra') named.add(g.id);
          else sharepointNamed.add(g.id);
        }
        for (const id of member?.entraGroupIds || []) if (named.has(id)) out.add(id);
        const ids = Array.from(named).filter(id => !out.has(id));
        if (this.graph && ids.length > 0) {
          for (let i = 0; i < ids.length; i += CHECK_MEMBER_GROUPS_MAX) {
            const res = (await this.graph.api('/me/checkMemberGroups').post({ groupIds: ids.slice(i, i + CHECK_MEMBER_GROUPS_MAX) })) as { value: string[] };
            for (const id of res.value || []) out.add(id);
          }
        }
        return Array.from(out);
      })();
      this.groupsPromise.catch(() => {
        this.groupsPromise = null;
      });
    }
    return this.groupsPromise;
  }

  public async openInsights(query: InsightQuery, limit = OPEN_INSIGHTS_DEFAULT): Promise<Insight[]> {
    const clauses = [`${INSIGHT_FIELDS.isOpen} eq 1`];
    if (query.category) clauses.push(`${INSIGHT_FIELDS.category} eq ${odataString(query.category)}`);
    if (query.product) clauses.push(`${INSIGHT_FIELDS.product} eq ${odataString(query.product)}`);
    if (query.scope === 'mine') {
      const groups = await this.myGroups();
      const owners = [`${INSIGHT_FIELDS.ownerUpn} eq ${odataString(this.me)}`, ...groups.map(g => `${INSIGHT_FIELDS.ownerGroupId} eq ${odataString(g)}`)];
      clauses.push(`(${owners.join(' or ')})`);
    }
    try {
      const items = (await this.insights.items
        .select(...INSIGHT_SELECT)
        .filter(clauses.join(' and '))
        .orderBy(INSIGHT_FIELDS.lastSeen, false)
        .top(Math.max(1, Math.min(OPEN_INSIGHTS_MAX, Math.floor(limit))))()) as StoredItem[];
      return items.map(insightFromItem);
    } catch (e) {
      throw toRelayError(e, 'Open insights');
    }
  }

  public async get(id: number): Promise<Insight> {
    try {
      return insightFromItem((await this.insights.items.getById(id).select(...INSIGHT_SELECT)()) as StoredItem);
    } catch (e) {
      throw toRelayError(e, 'Insight');
    }
  }

  /** Every item matching `filter`, oldest first, also past the 5,000-item list view threshold. */
  private async walkAll(list: ReturnType<SPFI['web']['lists']['getByTitle']>, select: string[], filter: string, expand?: string[]): Promise<StoredItem[]> {
    const out: StoredItem[] = [];
    for await (const page of walkItems<StoredItem>(list, { select, filter, pageSize: PAGE_SIZE, expand })) out.push(...page);
    return out;
  }

  /** Every timeline entry (InsightId eq id, indexed; walked by Id), oldest first. */
  public async timeline(id: number): Promise<ActivityEntry[]> {
    try {
      const items = await this.walkAll(this.activity, ACTIVITY_SELECT, `${ACTIVITY_FIELDS.insightId} eq ${id}`);
      return items.map(activityFromItem).sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0) || a.id - b.id);
    } catch (e) {
      throw toRelayError(e, 'Timeline');
    }
  }

  /** The relays of an insight (InsightId eq id, indexed; walked by Id), oldest first. */
  public async relaysOf(id: number): Promise<Relay[]> {
    try {
      return (await this.walkAll(this.relays, RELAY_SELECT, `${RELAY_FIELDS.insightId} eq ${id}`, ['Author'])).map(relayFromItem);
    } catch (e) {
      throw toRelayError(e, 'Relays of the insight');
    }
  }

  private async activityByKey(key: string): Promise<StoredItem | null> {
    const items = (await this.activity.items.select(...ACTIVITY_SELECT, ...AUTHOR_SELECT).expand('Author')
      .filter(`${ACTIVITY_FIELDS.key} eq ${odataString(key)}`).top(1)()) as StoredItem[];
    return items[0] || null;
  }

  /** Adds a timeline entry; an entry with the same key already there is the same action (kept as is). */
  private async addEntry(entry: Omit<ActivityEntry, 'id'>): Promise<ActivityEntry> {
    try {
      const item = (await this.activity.items.add(activityValues(entry))) as StoredItem;
      return { ...entry, id: item.Id };
    } catch (e) {
      if (!isDuplicateError(e)) throw toRelayError(e, 'Timeline entry');
      const existing = await this.activityByKey(entry.key);
      if (!existing) throw toRelayError(e, 'Timeline entry');
      return activityFromItem(existing);
    }
  }

  /** The idempotency key of one change: insight, ETag applied against, kind, actor and value. */
  private keyOf(insight: Insight, kind: ActivityKind, value: string): string {
    return `${kind}:${insight.id}:${etagValue(insight.etag)}:${this.me}:${value}`;
  }

  /** The insight with who last changed it and when (Editor and Modified, set by SharePoint). */
  private async readWithEditor(id: number): Promise<StoredItem> {
    return (await this.insights.items.getById(id).select(...INSIGHT_SELECT, 'Modified', 'Editor/Title', ...EDITOR_SELECT).expand('Editor')()) as StoredItem;
  }

  /**
   * Applies `values` to the insight against its ETag, then writes the timeline entries. After a 412
   * the fresh insight decides the answer (afterConflict): nothing is ever applied blindly.
   */
  private async apply(insight: Insight, values: Record<string, unknown>, planned: Planned[], holds: Holds): Promise<InsightActionResult> {
    if (!insight.etag) throw new RelayError('conflict', 'The insight was read without an ETag; reload it.', [], 412);
    const drafts = planned.map(p => ({ ...p.entry, key: this.keyOf(insight, p.entry.kind, p.value), insightId: insight.id }));
    try {
      await this.insights.items.getById(insight.id).update(values, insight.etag);
    } catch (e) {
      if (statusOf(e) !== 412) throw toRelayError(e, 'Insight');
      return this.afterConflict(insight, drafts, holds);
    }
    for (const d of drafts) await this.addEntry(d);
    return { outcome: 'applied', insight: await this.get(insight.id) };
  }

  /**
   * What a 412 means for this user's action, from a fresh read:
   * - their own entry (same key, written by them) exists: their earlier attempt was applied;
   * - exactly one update since their copy, by them (Editor), holding their value: also theirs, its
   *   entries lost to a crash: they are written now;
   * - the insight holds their value, set by someone else: 'alreadySo', with who did it;
   * - else superseded: InsightConflictError with who changed what.
   */
  private async afterConflict(stale: Insight, drafts: Array<Omit<ActivityEntry, 'id'>>, holds: Holds): Promise<InsightActionResult> {
    try {
      const [item, own] = await Promise.all([this.readWithEditor(stale.id), drafts.length > 0 ? this.activityByKey(drafts[0].key) : Promise.resolve(null)]);
      const fresh = insightFromItem(item);
      const mine = !!own && authorUpnOf(own as { Author?: PersonValue }) === this.me;
      const nextVersion = Number(etagValue(stale.etag)) + 1;
      const lostEntries = !mine && holds(fresh) && editorUpnOf(item as { Editor?: PersonValue }) === this.me && Number(etagValue(fresh.etag)) === nextVersion;
      if (mine || lostEntries) {
        for (const d of drafts) await this.addEntry(d);
        return { outcome: 'applied', insight: fresh };
      }
      const changes = await this.changesSince(stale, fresh, item);
      if (holds(fresh)) return { outcome: 'alreadySo', insight: fresh, changes };
      throw new InsightConflictError(`Insight ${stale.id} was changed since it was read; this change was not applied.`, { current: fresh, changes });
    } catch (e) {
      throw toRelayError(e, 'Insight');
    }
  }

  /** The newest timeline entries of an insight, with their author (SharePoint's) and creation time. */
  private async recentEntries(id: number): Promise<Array<{ kind: string; key: string; by: InsightActor; at: string }>> {
    try {
      const items = (await this.activity.items
        .select('Id', 'Created', ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.kind, 'Author/Title', ...AUTHOR_SELECT).expand('Author')
        .filter(`${ACTIVITY_FIELDS.insightId} eq ${id}`)
        .orderBy('Id', false)
        .top(RECENT_ENTRIES)()) as StoredItem[];
      return items.map(i => ({
        kind: String(i[ACTIVITY_FIELDS.kind] || ''), key: String(i[ACTIVITY_FIELDS.key] || ''),
        by: { upn: authorUpnOf(i as { Author?: PersonValue }), name: titleOf(i.Author) }, at: String(i.Created || '')
      }));
    } catch (e) {
      // An insight with more than 5,000 entries (a large merge) is refused this query; its last editor answers instead.
      if (isThresholdError(e)) return [];
      throw e;
    }
  }

  /**
   * What changed between the copy acted on and the fresh insight, field by field (the stored values
   * decide). Who and when: the newest timeline entry of that kind applied since the copy (its Author
   * and Created, set by SharePoint), else the insight's Editor and Modified.
   */
  private async changesSince(stale: Insight, fresh: Insight, item: StoredItem): Promise<InsightChange[]> {
    const diffs: Array<{ field: InsightChangeField; kind: ActivityKind; from: string; to: string }> = [];
    if (stale.status !== fresh.status) diffs.push({ field: 'status', kind: 'status', from: stale.status, to: fresh.status });
    if (!sameOwner(stale.owner, fresh.owner)) diffs.push({ field: 'owner', kind: 'assign', from: '', to: '' });
    if (stale.response !== fresh.response) diffs.push({ field: 'response', kind: 'response', from: stale.response, to: fresh.response });
    if (stale.customerReply !== fresh.customerReply) diffs.push({ field: 'customerReply', kind: 'response', from: stale.customerReply, to: fresh.customerReply });
    if (stale.closureReason !== fresh.closureReason) diffs.push({ field: 'closureReason', kind: 'status', from: stale.closureReason, to: fresh.closureReason });
    if (diffs.length === 0) return [];
    const entries = await this.recentEntries(stale.id);
    const since = Number(etagValue(stale.etag));
    const editor: InsightActor = { upn: editorUpnOf(item as { Editor?: PersonValue }), name: titleOf(item.Editor) };
    const names = new Map<string, string>();
    for (const a of [editor, ...entries.map(e => e.by)]) if (a.upn && a.name) names.set(a.upn, a.name);
    const ownerText = (o: Insight['owner']): string => o.groupName || o.groupId || (o.upn ? names.get(normalizeUpn(o.upn)) || o.upn : '');
    return diffs.map(d => {
      const v = (e: { key: string }): number => keyVersion(e.key);
      const e = entries.find(x => x.kind === d.kind && (!Number.isFinite(since) || !Number.isFinite(v(x)) || v(x) >= since));
      const values = d.field === 'owner' ? { from: ownerText(stale.owner), to: ownerText(fresh.owner) } : { from: d.from, to: d.to };
      return { field: d.field, ...values, by: e ? e.by : editor, at: e && e.at ? e.at : String(item.Modified || '') };
    }).sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
  }

  /** The values and entry of a status change at `at` (clock fields included). */
  private statusChange(policy: FeedbackPolicy, insight: Insight, status: InsightStatus, at: Date, closureReason?: string): Record<string, unknown> {
    const history: StatusEvent[] = insight.statusHistory.length > 0
      ? [...insight.statusHistory]
      : [{ at: new Date(insight.firstSeen || at.toISOString()), status: 'new' }];
    history.push({ at, status });
    const values: Record<string, unknown> = {
      [INSIGHT_FIELDS.status]: status,
      [INSIGHT_FIELDS.statusHistory]: serializeStatusHistory(history),
      [INSIGHT_FIELDS.isOpen]: !isClosed(status)
    };
    const tz = policy.calendar.timeZone;
    const severity = policy.severities.find(s => s.key === insight.severity);
    const clock = severity
      ? computeSilenceClock({ insightId: String(insight.id), events: history, severity, calendar: policy.calendar, pauseStates: policy.pauseStates, now: at })
      : null;
    if (insight.acknowledgedAt === null && status !== 'new' && status !== 'duplicate') {
      values[INSIGHT_FIELDS.acknowledgedAt] = at.toISOString();
      values[INSIGHT_FIELDS.acknowledgedDay] = localDateKey(at, tz);
      if (clock) {
        values[INSIGHT_FIELDS.acknowledgeHours] = Math.round(millisToHours(clock.acknowledge.elapsedMs) * 100) / 100;
        values[INSIGHT_FIELDS.acknowledgeBreached] = clock.acknowledge.state === 'breached';
      }
    }
    if (isClosed(status) && !isClosed(insight.status)) {
      values[INSIGHT_FIELDS.closedAt] = at.toISOString();
      values[INSIGHT_FIELDS.closedDay] = localDateKey(at, tz);
      if (clock) {
        values[INSIGHT_FIELDS.resolveHours] = Math.round(millisToHours(clock.resolve.elapsedMs) * 100) / 100;
        values[INSIGHT_FIELDS.resolveBreached] = clock.resolve.state === 'breached';
      }
      if (closureReason !== undefined) values[INSIGHT_FIELDS.closureReason] = closureReason;
    } else if (!isClosed(status) && isClosed(insight.status)) {
      // Reopened: no longer closed (the history keeps when it was).
      values[INSIGHT_FIELDS.closedAt] = null;
      values[INSIGHT_FIELDS.closedDay] = null;
    }
    return values;
  }

  public async acknowledge(insight: Insight): Promise<InsightActionResult> {
    // Acknowledging asks for "no longer new": an insight someone moved on is already so.
    return this.changeStatus(insight, 'acknowledged', undefined, fresh => fresh.status !== 'new');
  }

  public async setStatus(insight: Insight, status: InsightStatus, closureReason?: string): Promise<InsightActionResult> {
    return this.changeStatus(insight, status, closureReason, fresh => fresh.status === status);
  }

  private async changeStatus(insight: Insight, status: InsightStatus, closureReason: string | undefined, holds: Holds): Promise<InsightActionResult> {
    if (status === 'duplicate') throw new RelayError('invalid', 'An insight becomes a duplicate by merging it.', ['status']);
    if (holds(insight)) return { outcome: 'alreadySo', insight, changes: [] };
    const policy = await this.policy();
    const at = this.now();
    const values = this.statusChange(policy, insight, status, at, closureReason);
    return this.apply(insight, values, [{
      value: status,
      entry: { kind: 'status', actorUpn: this.me, text: closureReason || '', data: { from: insight.status, to: status }, at: at.toISOString() }
    }], holds);
  }

  public async assign(insight: Insight, owner: { upn: string | null; groupId: string | null; groupName: string | null; department: string }): Promise<InsightActionResult> {
    const next: InsightOwner = { ...owner, upn: owner.upn ? normalizeUpn(owner.upn) : null, source: 'manual' };
    if (!next.upn && !next.groupId) throw new RelayError('invalid', 'An owner is a person or a group.', ['owner']);
    const at = this.now().toISOString();
    return this.apply(insight, ownerValues(next), [{
      value: fingerprint(`${next.upn || ''}|${next.groupId || ''}`),
      entry: {
        kind: 'assign', actorUpn: this.me, text: '', at,
        data: { from: { upn: insight.owner.upn, groupId: insight.owner.groupId, groupName: insight.owner.groupName }, to: { upn: next.upn, groupId: next.groupId, groupName: next.groupName } }
      }
    }], fresh => sameOwner(fresh.owner, next));
  }

  public async comment(insight: Insight, text: string): Promise<ActivityEntry> {
    const clean = (text || '').trim();
    if (!clean) throw new RelayError('invalid', 'The comment is empty.', ['text']);
    if (clean.length > 4000) throw new RelayError('invalid', 'The comment is too long.', ['text']);
    const key = this.keyOf(insight, 'comment', fingerprint(clean));
    return this.addEntry({ key, insightId: insight.id, kind: 'comment', actorUpn: this.me, text: clean, data: {}, at: this.now().toISOString() });
  }

  public async respond(insight: Insight, response: string, customerReply: string): Promise<InsightActionResult> {
    const r = (response || '').trim();
    if (!r) throw new RelayError('invalid', 'The response is empty.', ['response']);
    const reply = (customerReply || '').trim();
    const at = this.now().toISOString();
    return this.apply(insight, {
      [INSIGHT_FIELDS.response]: r,
      [INSIGHT_FIELDS.customerReply]: reply || null,
      [INSIGHT_FIELDS.respondedBy]: this.me
    }, [{ value: fingerprint(`${r}\n${reply}`), entry: { kind: 'response', actorUpn: this.me, text: r, data: { customerReply: reply }, at } }],
    fresh => fresh.response === r && fresh.customerReply === reply);
  }

  public async close(insight: Insight, status: 'resolved' | 'declined', closureReason: string, response: string, customerReply: string): Promise<InsightActionResult> {
    const r = (response || '').trim();
    const fields: string[] = [];
    if (status !== 'resolved' && status !== 'declined') fields.push('status');
    if (!r) fields.push('response');
    if (fields.length) throw new RelayError('invalid', 'Closing needs a status and a response.', fields);
    const reason = (closureReason || '').trim();
    const reply = (customerReply || '').trim();
    const policy = await this.policy();
    const atDate = this.now();
    const at = atDate.toISOString();
    const values = {
      ...this.statusChange(policy, insight, status, atDate, reason),
      [INSIGHT_FIELDS.response]: r,
      [INSIGHT_FIELDS.customerReply]: reply || null,
      [INSIGHT_FIELDS.respondedBy]: this.me
    };
    const holds: Holds = fresh => fresh.status === status && fresh.response === r && fresh.customerReply === reply && fresh.closureReason === reason;
    const planned: Planned[] = [
      { value: `${status}:${fingerprint(reason)}`, entry: { kind: 'status', actorUpn: this.me, text: reason, data: { from: insight.status, to: status }, at } }
    ];
    // "Save the response" then "Resolve": the response is already on the insight (and in the
    // timeline); only a changed response is a new timeline entry.
    if ((insight.response || '') !== r || (insight.customerReply || '') !== reply) {
      planned.push({ value: fingerprint(`${r}\n${reply}`), entry: { kind: 'response', actorUpn: this.me, text: r, data: { customerReply: reply }, at } });
    }
    return this.apply(insight, values, planned, holds);
  }

  /**
   * Sets `field` = target on every item of the list matching `filter` ($batch of MOVE_BATCH updates),
   * page by page as the walk reads them (past 5,000 matches too: walkItems). Paging is by Id, so the
   * items already moved do not shift the pages still to come.
   */
  private async moveAll(title: string, filter: string, field: string, target: number, select: string[], keep: (item: StoredItem) => boolean = () => false): Promise<number> {
    const list = this.sp.web.lists.getByTitle(title);
    let moved = 0;
    for await (const page of walkItems<StoredItem>(list, { select: ['Id', ...select], filter, pageSize: PAGE_SIZE })) {
      const items = page.filter(i => !keep(i));
      for (let i = 0; i < items.length; i += MOVE_BATCH) {
        const [batched, execute] = this.sp.batched();
        const listB = batched.web.lists.getByTitle(title);
        const all = items.slice(i, i + MOVE_BATCH).map(item => listB.items.getById(item.Id).update({ [field]: target }));
        await execute();
        await Promise.all(all);
      }
      moved += items.length;
    }
    return moved;
  }

  public async merge(source: Insight, target: Insight): Promise<Insight> {
    if (source.id === target.id) throw new RelayError('invalid', 'An insight cannot be merged into itself.', ['target']);
    const policy = await this.policy();
    const fresh = await this.get(source.id);
    const targetNow = await this.get(target.id);
    if (targetNow.status === 'duplicate') throw new RelayError('invalid', 'The target is itself merged into another insight.', ['target']);
    if (fresh.status === 'duplicate' && fresh.mergedInto !== target.id) throw new RelayError('conflict', 'The source was merged elsewhere meanwhile.', [], 412);
    const mergeKey = `merge:${source.id}:${target.id}`;
    const at = this.now();
    try {
      // 1. Every relay and every timeline entry of the source (except the merge's own entry).
      const relaysMoved = await this.moveAll(RELAYS_LIST_TITLE, `${RELAY_FIELDS.insightId} eq ${source.id}`, RELAY_FIELDS.insightId, target.id, []);
      const entriesMoved = await this.moveAll(INSIGHT_ACTIVITY_LIST_TITLE, `${ACTIVITY_FIELDS.insightId} eq ${source.id}`, ACTIVITY_FIELDS.insightId, target.id,
        [ACTIVITY_FIELDS.key], item => String(item[ACTIVITY_FIELDS.key] || '').startsWith(`${mergeKey}:`));
      // 2. The target, recomputed from what is attached (retrying never double counts).
      let merged: Insight | null = null;
      for (let attempt = 0; attempt < 5 && !merged; attempt++) {
        const t = attempt === 0 ? targetNow : await this.get(target.id);
        const reach = await countRelaysOf(this.relays, target.id);
        const firstSeen = [t.firstSeen, fresh.firstSeen].filter(s => Number.isFinite(Date.parse(s))).sort((a, b) => Date.parse(a) - Date.parse(b))[0] || t.firstSeen;
        const lastSeen = [t.lastSeen, fresh.lastSeen].filter(s => Number.isFinite(Date.parse(s))).sort((a, b) => Date.parse(b) - Date.parse(a))[0] || t.lastSeen;
        try {
          await this.insights.items.getById(target.id).update({
            [INSIGHT_FIELDS.reach]: reach,
            [INSIGHT_FIELDS.firstSeen]: firstSeen || null,
            [INSIGHT_FIELDS.lastSeen]: lastSeen || null,
            [INSIGHT_FIELDS.severity]: maxSeverity(policy, t.severity, fresh.severity)
          }, t.etag || '*');
          merged = t;
        } catch (e) {
          if (statusOf(e) !== 412) throw e;
        }
      }
      if (!merged) throw new RelayError('conflict', 'The target kept changing; try the merge again.', [], 412);
      const data = { sourceId: source.id, targetId: target.id, relaysMoved, entriesMoved };
      await this.addEntry({ key: `${mergeKey}:target`, insightId: target.id, kind: 'merge', actorUpn: this.me, text: fresh.title, data, at: at.toISOString() });
      // 3. The source: a closed duplicate pointing at the target.
      if (fresh.status !== 'duplicate') {
        const values = { ...this.statusChange(policy, fresh, 'duplicate', at), [INSIGHT_FIELDS.mergedInto]: target.id, [INSIGHT_FIELDS.isOpen]: false };
        await this.insights.items.getById(source.id).update(values, fresh.etag);
      }
      await this.addEntry({ key: `${mergeKey}:source`, insightId: source.id, kind: 'merge', actorUpn: this.me, text: targetNow.title, data, at: at.toISOString() });
    } catch (e) {
      throw toRelayError(e, 'Merge');
    }
    return this.get(target.id);
  }
}
