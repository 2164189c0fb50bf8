/**
 * What the frontline employee does with the relay (RelayApi): store a redacted relay, see the open
 * insights that look like the one being typed, and list their own relays with their outcome.
 *
 * SharePoint decides who reads what ("Customer feedback" has read security 2: each employee reads
 * only the relays they created; docs/relay-data.md). This service adds validation, redaction again
 * before storing (defence in depth), the idempotent create and the retries.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import { BrowserFetch } from '@pnp/queryable';
import type { SuiteContext } from '../context';
import type { FeedbackPolicy } from '../../core/policy/types';
import type { Insight, Relay, RelaySubmission } from '../../core/relay/model';
import { createMatcher, MatchDocument } from '../../core/relay/matching';
import { addRedactionCounts, isClientId, toSubmission, validateDraft } from '../../core/relay/submission';
import { odataString } from '../../core/odata';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../provisioning/relayLists';
import { AnsweredQuestion, MyRelay, Page, RelayApi, RelayError, SubmitProgress, TriageCandidate } from './api';
import { answeredQuestions } from './answers';
import { walkItemsNewestFirst } from '../listWalk';
import {
  INSIGHT_MATCH_SELECT, INSIGHT_SELECT, insightFromItem, isDuplicateError, isTransient, normalizeUpn, RELAY_SELECT, relayFromItem,
  relayValues, retryAfterSeconds, statusOf, StoredItem, toRelayError
} from './items';

/** "My relays" page size. */
export const MY_RELAYS_PAGE_SIZE = 20;
/** Open insights read for triage (the most recently seen first). */
export const TRIAGE_READ = 500;
/** Candidates shown by triage. */
export const TRIAGE_LIMIT = 5;

export interface RetryOptions {
  /** Attempts of one create, PnPjs's own retries of a throttled request not counted (default 4). */
  attempts: number;
  /** First backoff in milliseconds, doubled at each attempt, when the server gave no Retry-After (default 500). */
  baseDelayMs: number;
  /** Longest single wait, a server's Retry-After included (default 4 s). */
  maxDelayMs: number;
  /**
   * Most time spent waiting between attempts in one submit (default 6 s): past it the form is told
   * at once, keeps the draft and tries again later, rather than saying "Sending…" for a minute.
   */
  budgetMs: number;
}

export interface RelayServiceOptions {
  /** The signed-in user's UPN. */
  me: string;
  /**
   * The feedback policy in force: the object itself, or a function giving it (e.g.
   * `() => settings.load().then(s => s.policy.feedback)`), asked at each submit so a policy
   * changed meanwhile applies.
   */
  policy: FeedbackPolicy | (() => Promise<FeedbackPolicy>);
  retry?: Partial<RetryOptions>;
  /** Waits (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 4000, budgetMs: 6000 };

const realSleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/** Whether the request may have reached SharePoint and been performed (network failure, 5xx other than 503). */
function outcomeUnknown(e: unknown): boolean {
  const status = statusOf(e);
  return status === null || status === 500 || status === 502 || status === 504;
}

/**
 * The token of "My relays": the Id of the last relay shown, and whether the pages come from Id
 * windows (the filter alone selected more than the threshold), so that later pages go there at once.
 */
interface MyRelaysCursor {
  below: number;
  windowed: boolean;
}
const encodeNext = (c: MyRelaysCursor): string => `${c.windowed ? 'Windowed' : 'Paged'}=TRUE&p_ID=${c.below}`;
function decodeNext(next: string): MyRelaysCursor | null {
  const m = /^(Paged|Windowed)=TRUE&p_ID=(\d+)$/.exec(next);
  return m && Number(m[2]) > 0 ? { below: Number(m[2]), windowed: m[1] === 'Windowed' } : null;
}

export class RelayService implements RelayApi {
  private readonly sp: SPFI;
  private readonly me: string;
  private readonly policySource: RelayServiceOptions['policy'];
  private readonly retry: RetryOptions;
  private readonly sleep: (ms: number) => Promise<void>;

  public constructor(ctx: Pick<SuiteContext, 'sp'>, options: RelayServiceOptions) {
    this.sp = ctx.sp;
    this.me = normalizeUpn(options.me);
    this.policySource = options.policy;
    this.retry = { ...DEFAULT_RETRY, ...(options.retry || {}) };
    this.sleep = options.sleep || realSleep;
  }

  private get relays(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(RELAYS_LIST_TITLE);
  }

  private get insights(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  }

  private policy(): Promise<FeedbackPolicy> {
    return typeof this.policySource === 'function' ? this.policySource() : Promise.resolve(this.policySource);
  }

  private async relayByClientId(clientId: string): Promise<StoredItem | null> {
    // One try: the submit's loop decides whether to look again.
    const items = (await this.relays.items.using(BrowserFetch())
      .select(...RELAY_SELECT).expand('Author')
      .filter(`${RELAY_FIELDS.clientId} eq ${odataString(clientId)}`)
      .top(1)()) as StoredItem[];
    return items[0] || null;
  }

  /**
   * The stored relay with this client id if it is mine (its Author is me, whatever its RelayerUpn
   * says); 'forbidden' when the id is someone else's.
   */
  private async existing(clientId: string): Promise<Relay | null> {
    const item = await this.relayByClientId(clientId);
    if (!item) return null;
    const relay = relayFromItem(item);
    if (relay.relayerUpn !== this.me) throw new RelayError('forbidden', 'This client id belongs to another relay.', [], 403);
    return relay;
  }

  /**
   * Every failure leaves as a RelayError (the form localizes it and keeps the draft), including a
   * failed look-up of a duplicate client id or a policy that could not be read.
   */
  public async submit(submission: RelaySubmission, progress: SubmitProgress = {}): Promise<Relay> {
    try {
      return await this.store(submission, progress);
    } catch (e) {
      throw toRelayError(e, 'Relay');
    }
  }

  private async store(submission: RelaySubmission, progress: SubmitProgress): Promise<Relay> {
    const policy = await this.policy();
    const errors = validateDraft(submission, policy);
    const fields: string[] = errors.map(e => e.field);
    if (!isClientId(submission.clientId || '')) fields.push('clientId');
    if (fields.length > 0) throw new RelayError('invalid', 'The relay is not valid.', Array.from(new Set(fields)));
    // Redacted again here: a client that skipped or altered redaction still stores no PII the policy removes.
    const clean = toSubmission(submission, policy, submission.clientId, submission.language || 'en');
    clean.redactions = addRedactionCounts(submission.redactions, clean.redactions);
    const values = relayValues(clean, this.me);

    let lastError: unknown = null;
    let waited = 0;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0) {
        // The previous create may have been performed: look before creating again.
        if (lastError !== null && outcomeUnknown(lastError)) {
          try {
            const found = await this.existing(clean.clientId);
            if (found) return found;
          } catch (e) {
            if (e instanceof RelayError) throw e;
          }
        }
        const after = retryAfterSeconds(lastError);
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        const wait = after !== null ? Math.min(this.retry.maxDelayMs, after * 1000) : backoff;
        if (waited + wait > this.retry.budgetMs) break;
        if (progress.onRetrying) progress.onRetrying(attempt);
        waited += wait;
        await this.sleep(wait);
      }
      try {
        // This loop is the only one retrying the create: PnPjs's own retries (3 tries a request,
        // waiting each Retry-After) multiplied it into 12 requests and a minute of "Sending…".
        const item = (await this.relays.items.using(BrowserFetch()).add(values)) as StoredItem;
        // The answer of a create carries no Author: SharePoint made the caller the author.
        return { ...relayFromItem(item), relayerUpn: this.me };
      } catch (e) {
        if (isDuplicateError(e)) {
          const found = await this.existing(clean.clientId);
          if (found) return found;
          // Not visible to me: another person's relay holds this client id.
          throw new RelayError('forbidden', 'This client id belongs to another relay.', [], 403);
        }
        const status = statusOf(e);
        if (status === 401 || status === 403) throw new RelayError('forbidden', 'You may not relay feedback here.', [], status);
        if (status === 400) throw new RelayError('invalid', 'SharePoint refused the relay.', [], 400);
        if (!isTransient(e)) throw toRelayError(e, 'Relay');
        lastError = e;
      }
    }
    // One last look when the last attempt may have been performed (a 503 or a 429 was not).
    if (lastError !== null && outcomeUnknown(lastError)) {
      try {
        const found = await this.existing(clean.clientId);
        if (found) return found;
      } catch (e) {
        if (e instanceof RelayError) throw e;
      }
    }
    throw new RelayError('unavailable', 'SharePoint is not answering; the relay is kept, try again later.', [], statusOf(lastError));
  }

  /**
   * Open insights like the text being typed. One request: open insights (IsOpen eq 1, indexed
   * first clause) of the category or the product, the most recently seen first; matched here, so
   * the text being typed never leaves the browser.
   */
  public async triage(query: { text: string; category: string; product: string }): Promise<TriageCandidate[]> {
    const text = (query.text || '').trim();
    if (text.length < 3) return [];
    const scope: string[] = [];
    if (query.category) scope.push(`${INSIGHT_FIELDS.category} eq ${odataString(query.category)}`);
    if (query.product && query.product !== query.category) scope.push(`${INSIGHT_FIELDS.product} eq ${odataString(query.product)}`);
    const filter = `${INSIGHT_FIELDS.isOpen} eq 1${scope.length ? ` and (${scope.join(' or ')})` : ''}`;
    let items: StoredItem[];
    try {
      items = (await this.insights.items
        .select(...INSIGHT_MATCH_SELECT)
        .filter(filter)
        .orderBy(INSIGHT_FIELDS.lastSeen, false)
        .top(TRIAGE_READ)()) as StoredItem[];
    } catch (e) {
      throw toRelayError(e, 'Triage');
    }
    const byId = new Map<string, Insight>();
    const docs: MatchDocument[] = [];
    for (const item of items) {
      const insight = insightFromItem(item);
      byId.set(String(insight.id), insight);
      docs.push({ id: String(insight.id), title: insight.title, text: insight.summary, category: insight.category, product: insight.product });
    }
    const matcher = createMatcher(docs);
    return matcher.match({ text, category: query.category, product: query.product }, { limit: TRIAGE_LIMIT }).map(m => {
      const i = byId.get(m.id) as Insight;
      return {
        insight: { id: i.id, title: i.title, category: i.category, product: i.product, reach: i.reach, status: i.status, response: i.response, lastSeen: i.lastSeen },
        score: m.score
      };
    });
  }

  /**
   * Answered community questions like the text being typed (services/relay/answers.ts): one request
   * on "Community post stats" (IsAnswered eq 1 first), matched here; [] where the list does not exist.
   */
  public answers(query: { text: string; category: string; product: string }): Promise<AnsweredQuestion[]> {
    return answeredQuestions({ sp: this.sp }, { text: query.text });
  }

  /**
   * My relays, newest first, 20 a page, and the page's insights in one more request (Id eq a or
   * Id eq b ...: at most 20 items through the Id primary key, far under the threshold).
   *
   * The relays: RelayerUpn eq me (indexed) ordered by Id descending, paged with SharePoint's
   * $skiptoken. An employee with more than 5,000 relays makes SharePoint refuse that query (its
   * first clause selects more than the threshold); the pages then come from Id windows walked
   * downwards (services/listWalk.ts), and the token says so, so that later pages go there at
   * once: one request a page for a heavy relayer, plus the insights. A relay is mine when its
   * Author is me: RelayerUpn only narrows the query (read security 2 already limits an employee
   * to their own items; the management role reads all, so a relay claiming my UPN is left out).
   */
  public async myRelays(next?: string | null): Promise<Page<MyRelay>> {
    const cursor = next ? decodeNext(next) : null;
    if (next && !cursor) throw new RelayError('invalid', 'The page token is not valid.', ['next']);
    const shown: Relay[] = [];
    let more = false;
    let windowed = cursor ? cursor.windowed : false;
    try {
      const pages = walkItemsNewestFirst<StoredItem>(this.relays, {
        select: RELAY_SELECT, expand: ['Author'], filter: `${RELAY_FIELDS.relayerUpn} eq ${odataString(this.me)}`,
        pageSize: MY_RELAYS_PAGE_SIZE + 1, below: cursor ? cursor.below : null, windowed
      });
      outer: for await (const page of pages) {
        windowed = page.windowed;
        for (const item of page.items) {
          const relay = relayFromItem(item);
          if (relay.relayerUpn !== this.me) continue;
          if (shown.length === MY_RELAYS_PAGE_SIZE) {
            more = true;
            break outer;
          }
          shown.push(relay);
        }
      }
    } catch (e) {
      throw toRelayError(e, 'My relays');
    }
    const insights = await this.insightsOf(shown);
    return {
      items: shown.map(relay => ({ relay, insight: relay.insightId !== null ? insights.get(relay.insightId) || null : null })),
      next: more ? encodeNext({ below: shown[shown.length - 1].id, windowed }) : null
    };
  }

  private async insightsOf(relays: Relay[]): Promise<Map<number, Insight>> {
    const ids = Array.from(new Set(relays.map(r => r.insightId).filter((id): id is number => id !== null)));
    const insights = new Map<number, Insight>();
    if (ids.length === 0) return insights;
    try {
      const found = (await this.insights.items
        .select(...INSIGHT_SELECT)
        .filter(ids.map(id => `Id eq ${id}`).join(' or '))
        .top(ids.length)()) as StoredItem[];
      for (const item of found) insights.set(item.Id, insightFromItem(item));
    } catch (e) {
      throw toRelayError(e, 'My relays');
    }
    return insights;
  }
}
