/**
 * Ingestion: the relay job's step that turns pending relays into insights (clustering and routing).
 * It runs unattended with an identity that has full control of the relay lists; it may crash or be
 * throttled at any point, so every step is idempotent and the next run finishes what one left
 * (docs/relay-data.md, "Ingestion"):
 *
 * 1. Pending relays are read page by page (IngestState eq 'pending', indexed) and the open insights
 *    once (IsOpen eq 1, indexed, only the fields matching needs) into ONE matcher.
 * 2. For each relay, the target insight: the one a previous run already chose (the relay's
 *    InsightId), else the insight a previous run created for it (key 'relay:<clientId>'), else the
 *    insight the employee asked to join if it is still open, else the best match above the
 *    threshold (same category preferred), else a new insight (unique key 'relay:<clientId>',
 *    reach 0, routed with core/relay/routing.ts).
 * 3. The relay's InsightId is written (the decision is durable before anything is counted).
 * 4. The activity entry 'relay:<clientId>' is created: the unique key is the claim. Created now:
 *    reach + 1. Already there: a previous run claimed it and may have crashed before counting, so
 *    the reach is recounted from the relays attached (InsightId eq the insight), which step 3 makes
 *    exact. Either way, the insight (reach, last seen, severity max) is updated against its ETag;
 *    a 412 re-reads it and applies again.
 * 5. The relay is marked 'clustered' with its DayKey (policy time zone date of its creation).
 *
 * Before all of this, the trust boundary (`trustRelay`): anyone with Contribute can POST a relay
 * with plain REST, skipping the form and the service. So the job redacts every free-text field
 * again with the same core redaction, applies the form's limits, and takes the relayer from the
 * item's Author, never from RelayerUpn. A stored relay that differs from its clean form is
 * rewritten in place with the job's identity (PII removed, counts added to RedactionsJson,
 * RelayerUpn set to the Author); one over the limits is cut to them and marked 'rejected', never
 * clustered. Nothing but the clean relay reaches an insight or the timeline.
 *
 * Runs do not overlap (every run of the relay job holds its lease, services/relay/job/lease.ts); a relay that fails is counted in
 * `failed` and left pending for the next run.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SuiteContext } from '../context';
import type { FeedbackPolicy } from '../../core/policy/types';
import type { Relay } from '../../core/relay/model';
import { createMatcher, MatchDocument } from '../../core/relay/matching';
import { localDateKey } from '../../core/relay/calendar';
import { routeInsight } from '../../core/relay/routing';
import { odataString } from '../../core/odata';
import { walkItems } from '../listWalk';
import { RELAY_TRUST_EXPAND, RELAY_TRUST_SELECT, trustRelayItem } from './trust';
import {
  INSIGHT_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../provisioning/relayLists';
import {
  activityValues, countRelaysOf, etagOf, INSIGHT_MATCH_SELECT, isDuplicateError, maxSeverity, ownerValues, PAGE_SIZE, readAll,
  serializeStatusHistory, statusOf, StoredItem, summaryTitle
} from './items';

export interface ManagerRef {
  upn: string;
  displayName: string;
  department: string;
}

export interface IngestOptions {
  policy: FeedbackPolicy;
  now: Date;
  /** The relaying employee's manager chain, direct manager first (services/people.ts). */
  managerChainOf: (upn: string) => Promise<ManagerRef[]>;
  /** Minimum similarity (0..1) to join an existing insight (default DEFAULT_MATCH_THRESHOLD). */
  matchThreshold?: number;
  /** Minimum similarity to join an insight of ANOTHER category (default DEFAULT_CROSS_CATEGORY_THRESHOLD). */
  crossCategoryThreshold?: number;
  /** Pending relays read per page (default 200). */
  batchSize?: number;
  /** At most this many relays per run (default: all pending), so that a run's length is bounded. */
  maxRelays?: number;
  /** The relaying employee's business unit for routing rules that name one (optional). */
  businessUnitOf?: (upn: string) => Promise<string>;
}

export interface IngestResult {
  /** Relays clustered (created + joined). */
  processed: number;
  created: number;
  joined: number;
  failed: number;
  /** Relays over the form's limits: cut and marked 'rejected', not clustered. */
  rejected: number;
  /** Stored relays rewritten by the trusted pass (PII the form would have removed, a RelayerUpn not the Author's...). */
  rewritten: number;
}

/**
 * Minimum score to cluster a relay into an existing insight without a person deciding: higher than
 * triage's (core/relay/matching.ts's default 0.2, where a person picks among suggestions).
 */
export const DEFAULT_MATCH_THRESHOLD = 0.3;
/** Minimum similarity to join an insight of another category (a misfiled relay of the same problem). */
export const DEFAULT_CROSS_CATEGORY_THRESHOLD = 0.6;

export { isThresholdError } from '../listWalk';

/** How many times an insight update is re-applied after a 412 before the relay is left for the next run. */
const MAX_CONFLICT_RETRIES = 5;

interface OpenInsight extends MatchDocument {
  itemId: number;
  key: string;
}

const INSIGHT_KEY_PREFIX = 'relay:';
export const insightKeyOf = (clientId: string): string => `${INSIGHT_KEY_PREFIX}${clientId}`;
export const relayActivityKeyOf = (clientId: string): string => `relay:${clientId}`;

const laterIso = (a: string, b: string): string => {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isFinite(ta)) return b;
  if (!Number.isFinite(tb)) return a;
  return tb > ta ? b : a;
};

export { countRelaysOf, maxSeverity, readAll } from './items';

export async function ingestPendingRelays(ctx: Pick<SuiteContext, 'sp'>, options: IngestOptions): Promise<IngestResult> {
  const { policy } = options;
  const threshold = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
  const crossCategoryThreshold = Math.max(threshold, options.crossCategoryThreshold ?? DEFAULT_CROSS_CATEGORY_THRESHOLD);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 200, 5000));
  const relays = ctx.sp.web.lists.getByTitle(RELAYS_LIST_TITLE);
  const insights = ctx.sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  const activity = ctx.sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE);
  const result: IngestResult = { processed: 0, created: 0, joined: 0, failed: 0, rejected: 0, rewritten: 0 };

  /**
   * What this run knows of each insight it may update (from the open-insights read, a create, or
   * its own last update, whose answer carries the new ETag): saves a read per relay. A stale entry
   * costs a 412, then a fresh read.
   */
  const known = new Map<number, { etag: string; reach: number; lastSeen: string; severity: string }>();
  const know = (item: StoredItem): void => {
    const etag = etagOf(item);
    if (etag) {
      known.set(item.Id, {
        etag, reach: Number(item[INSIGHT_FIELDS.reach]) || 0, lastSeen: String(item[INSIGHT_FIELDS.lastSeen] || ''), severity: String(item[INSIGHT_FIELDS.severity] || '')
      });
    }
  };

  // The open insights, once: one matcher for the whole run.
  const open = new Map<number, OpenInsight>();
  const openByKey = new Map<string, number>();
  const openItems = await readAll<StoredItem>(insights.items
    .select(...INSIGHT_MATCH_SELECT)
    .filter(`${INSIGHT_FIELDS.isOpen} eq 1`)
    .top(PAGE_SIZE * 2));
  const docOf = (item: StoredItem): OpenInsight => ({
    id: String(item.Id),
    itemId: item.Id,
    key: String(item[INSIGHT_FIELDS.key] || ''),
    title: String(item.Title || ''),
    text: String(item[INSIGHT_FIELDS.summary] || ''),
    category: String(item[INSIGHT_FIELDS.category] || ''),
    product: String(item[INSIGHT_FIELDS.product] || '')
  });
  const matcher = createMatcher<OpenInsight>();
  const remember = (doc: OpenInsight): void => {
    open.set(doc.itemId, doc);
    openByKey.set(doc.key, doc.itemId);
    matcher.add(doc);
  };
  for (const item of openItems) {
    remember(docOf(item));
    know(item);
  }

  const insightByKey = async (key: string): Promise<StoredItem | null> => {
    const found = (await insights.items.select(...INSIGHT_MATCH_SELECT).filter(`${INSIGHT_FIELDS.key} eq ${odataString(key)}`).top(1)()) as StoredItem[];
    return found[0] || null;
  };

  const createInsight = async (relay: Relay): Promise<number> => {
    const key = insightKeyOf(relay.clientId);
    const chain = await options.managerChainOf(relay.relayerUpn);
    const businessUnit = options.businessUnitOf ? await options.businessUnitOf(relay.relayerUpn) : undefined;
    const owner = routeInsight(policy, { category: relay.category, product: relay.product, businessUnit }, chain);
    const at = relay.created || options.now.toISOString();
    const values = {
      Title: summaryTitle(relay.customerWords) || relay.category,
      [INSIGHT_FIELDS.key]: key,
      [INSIGHT_FIELDS.summary]: relay.customerWords,
      [INSIGHT_FIELDS.category]: relay.category,
      [INSIGHT_FIELDS.product]: relay.product,
      [INSIGHT_FIELDS.severity]: relay.severity,
      [INSIGHT_FIELDS.reach]: 0,
      [INSIGHT_FIELDS.firstSeen]: at,
      [INSIGHT_FIELDS.lastSeen]: at,
      ...ownerValues(owner),
      [INSIGHT_FIELDS.status]: 'new',
      [INSIGHT_FIELDS.statusHistory]: serializeStatusHistory([{ at: new Date(at), status: 'new' }]),
      [INSIGHT_FIELDS.isOpen]: true
    };
    let item: StoredItem | null;
    try {
      item = (await insights.items.add(values)) as StoredItem;
    } catch (e) {
      // A previous run created it and crashed before attaching the relay: use that one.
      if (!isDuplicateError(e)) throw e;
      item = await insightByKey(key);
      if (!item) throw e;
    }
    know(item);
    remember(docOf({ ...item, Title: values.Title, [INSIGHT_FIELDS.key]: key, [INSIGHT_FIELDS.summary]: relay.customerWords, [INSIGHT_FIELDS.category]: relay.category, [INSIGHT_FIELDS.product]: relay.product }));
    return item.Id;
  };

  const chooseTarget = async (relay: Relay): Promise<{ id: number; created: boolean }> => {
    const own = openByKey.get(insightKeyOf(relay.clientId));
    if (own !== undefined) return { id: own, created: false };
    if (relay.joinInsightId !== null && open.has(relay.joinInsightId)) return { id: relay.joinInsightId, created: false };
    const matches = matcher.match(
      { text: [relay.customerWords, relay.observation].filter(Boolean).join('\n'), category: relay.category, product: relay.product },
      { limit: 10, minScore: threshold }
    );
    // A relay joins an insight of its own category above the threshold; another category's only when
    // the texts are much closer (a misfiled relay), so that shared words ("paid", "call me back")
    // do not pull a complaint about a cashier into a billing insight.
    const best = matches.find(m => open.get(Number(m.id))?.category === relay.category)
      || matches.find(m => m.score >= crossCategoryThreshold);
    if (best) return { id: Number(best.id), created: false };
    return { id: await createInsight(relay), created: true };
  };

  const updateInsight = async (relay: Relay, insightId: number, recount: boolean): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      let current = known.get(insightId);
      if (!current) {
        know((await insights.items.getById(insightId).select('Id', INSIGHT_FIELDS.reach, INSIGHT_FIELDS.lastSeen, INSIGHT_FIELDS.severity)()) as StoredItem);
        current = known.get(insightId) || { etag: '*', reach: 0, lastSeen: '', severity: '' };
      }
      const reach = recount ? await countRelaysOf(relays, insightId) : current.reach + 1;
      const next = {
        reach,
        lastSeen: laterIso(current.lastSeen, relay.created || options.now.toISOString()),
        severity: maxSeverity(policy, current.severity, relay.severity)
      };
      try {
        const res = (await insights.items.getById(insightId).update({
          [INSIGHT_FIELDS.reach]: next.reach, [INSIGHT_FIELDS.lastSeen]: next.lastSeen, [INSIGHT_FIELDS.severity]: next.severity
        }, current.etag)) as { etag?: string | null } | undefined;
        if (res && res.etag) known.set(insightId, { ...next, etag: res.etag });
        else known.delete(insightId);
        return;
      } catch (e) {
        known.delete(insightId);
        if (statusOf(e) !== 412 || attempt >= MAX_CONFLICT_RETRIES) throw e;
      }
    }
  };

  /** The relay as it may be used (./trust.ts); null when it is over the limits (now 'rejected'). */
  const trustRelay = async (item: StoredItem): Promise<Relay | null> => {
    const trusted = await trustRelayItem(relays, item, policy);
    if (trusted.rewritten) result.rewritten++;
    return trusted.relay;
  };

  const ingestOne = async (relay: Relay): Promise<void> => {
    let target = relay.insightId;
    let created = false;
    if (target === null) {
      const chosen = await chooseTarget(relay);
      target = chosen.id;
      created = chosen.created;
      await relays.items.getById(relay.id).update({ [RELAY_FIELDS.insightId]: target });
    }
    // The claim: the unique activity key says whether this relay was ever counted.
    let claimed = true;
    try {
      await activity.items.add(activityValues({
        key: relayActivityKeyOf(relay.clientId),
        insightId: target,
        kind: 'relay',
        // Anonymous: the name stays out of the suite's views (SharePoint still records the author of the relay).
        actorUpn: relay.anonymous ? '' : relay.relayerUpn,
        text: summaryTitle(relay.customerWords),
        data: { relayId: relay.id, clientId: relay.clientId, category: relay.category, product: relay.product, severity: relay.severity, channel: relay.channel, anonymous: relay.anonymous, created },
        at: relay.created || options.now.toISOString()
      }));
    } catch (e) {
      if (!isDuplicateError(e)) throw e;
      claimed = false;
    }
    // A relay already attached before this run (relay.insightId set) or claimed before: recount.
    await updateInsight(relay, target, !claimed || relay.insightId !== null);
    const created_ = relay.created ? new Date(relay.created) : options.now;
    await relays.items.getById(relay.id).update({
      [RELAY_FIELDS.ingestState]: 'clustered',
      [RELAY_FIELDS.dayKey]: localDateKey(Number.isFinite(created_.getTime()) ? created_ : options.now, policy.calendar.timeZone)
    });
    if (created) result.created++;
    else result.joined++;
  };

  /**
   * The pending relays, oldest first. Normally one query on IngestState (indexed). With more than
   * 5,000 pending (the job was stopped for days), SharePoint refuses it (the first clause would
   * return more than the list view threshold): the list is then walked in windows of 5,000 ids,
   * each a range on Id (the primary key) narrowed by IngestState.
   */
  const pendingPages = (): AsyncGenerator<StoredItem[]> =>
    walkItems<StoredItem>(relays, { select: RELAY_TRUST_SELECT, expand: RELAY_TRUST_EXPAND, filter: `${RELAY_FIELDS.ingestState} eq 'pending'`, pageSize: batchSize });

  const maxRelays = options.maxRelays ?? Infinity;
  outer: for await (const page of pendingPages()) {
    for (const item of page) {
      if (result.processed + result.failed + result.rejected >= maxRelays) break outer;
      try {
        const relay = await trustRelay(item);
        if (relay === null) {
          result.rejected++;
          continue;
        }
        await ingestOne(relay);
        result.processed++;
      } catch {
        // Left pending for the next run; nothing of the relay is logged (customer words).
        result.failed++;
      }
    }
  }
  return result;
}
