/**
 * Two managers acting on one insight from the same stale copy, 100 rounds, against the local tenant:
 * nobody is told "done" for a change that was not theirs (0 false successes), and every change is
 * either stored or reported to its author as a conflict that says who changed what (0 lost updates).
 * Then merges of an insight holding 6,000 relays (past the list view threshold), also after a crash.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { spfi, SPBrowser, SPFI } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import { PERSONAS_UPN } from '../support/graph-client';
import { clientId, startRelayTenant, RelayTenant } from './relay-setup';
import { InsightService } from '../../services/relay/insights';
import { InsightConflict, isInsightConflict, RelayError } from '../../services/relay/api';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import type { Insight } from '../../core/relay/model';
import { bulkInsertItems } from '../../workbench/tenant/sp/admin';
import { walkItems } from '../../services/listWalk';
import { AUTHOR_SELECT, authorUpnOf, EDITOR_SELECT, editorUpnOf, PersonValue } from '../../services/sp/identity';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../../services/provisioning/relayLists';

let r: RelayTenant;
const clock = new Date('2026-11-02T21:00:00Z');
const A = PERSONAS_UPN.manager.toLowerCase();
const B = PERSONAS_UPN.director.toLowerCase();
const names = new Map<string, string>();

beforeAll(async () => {
  r = await startRelayTenant();
  for (const upn of [A, B]) names.set(upn, String(((await r.sp(upn).web.currentUser()) as { Title: string }).Title));
}, 60000);
afterAll(() => r.t.close());

const serviceOf = (upn: string, sp?: SPFI): InsightService =>
  new InsightService({ sp: sp || r.sp(upn) }, { me: upn, policy: r.policy, groupIds: async () => [DEMO_GROUPS.billing.id], now: () => clock });

/** `n` new insights written straight into the tenant (status new, no relays), their ids. */
function seedInsights(n: number, tag: string): number[] {
  const seen = '2026-11-02T13:00:00Z';
  const { firstId } = bulkInsertItems(r.t.tenant.db, INSIGHTS_LIST_TITLE, Array.from({ length: n }, (_x, i) => ({
    Title: `${tag} ${i}`, [INSIGHT_FIELDS.key]: `${tag}:${i}`, [INSIGHT_FIELDS.summary]: `${tag} ${i}`, [INSIGHT_FIELDS.category]: 'billing',
    [INSIGHT_FIELDS.product]: 'customer-account', [INSIGHT_FIELDS.severity]: 'normal', [INSIGHT_FIELDS.reach]: 0,
    [INSIGHT_FIELDS.firstSeen]: seen, [INSIGHT_FIELDS.lastSeen]: seen, [INSIGHT_FIELDS.ownerGroupId]: DEMO_GROUPS.billing.id,
    [INSIGHT_FIELDS.ownerGroupName]: DEMO_GROUPS.billing.name, [INSIGHT_FIELDS.ownerSource]: 'fallback', [INSIGHT_FIELDS.status]: 'new',
    [INSIGHT_FIELDS.isOpen]: true, [INSIGHT_FIELDS.statusHistory]: JSON.stringify([{ at: seen, status: 'new' }])
  })), PERSONAS_UPN.admin);
  return Array.from({ length: n }, (_x, i) => firstId + i);
}

// ------------------------------------------------------------------ the two managers

type Action =
  | { kind: 'acknowledge' }
  | { kind: 'status'; status: 'inProgress' | 'waitingOnCustomer' }
  | { kind: 'assign'; upn: string }
  | { kind: 'respond'; text: string }
  | { kind: 'close'; text: string }
  | { kind: 'comment'; text: string };

function run(s: InsightService, insight: Insight, a: Action): Promise<unknown> {
  switch (a.kind) {
    case 'acknowledge': return s.acknowledge(insight);
    case 'status': return s.setStatus(insight, a.status);
    case 'assign': return s.assign(insight, { upn: a.upn, groupId: null, groupName: null, department: 'Billing' });
    case 'respond': return s.respond(insight, a.text, '');
    case 'close': return s.close(insight, 'resolved', 'Fixed', a.text, '');
    default: return s.comment(insight, a.text);
  }
}

/** Whether the stored insight holds what the action set. */
function holds(stored: Insight, a: Action): boolean {
  switch (a.kind) {
    case 'acknowledge': return stored.status !== 'new';
    case 'status': return stored.status === a.status;
    case 'assign': return stored.owner.upn === a.upn && !stored.owner.groupId;
    case 'respond': return stored.response === a.text;
    case 'close': return stored.status === 'resolved' && stored.response === a.text;
    default: return true;
  }
}

const ENTRY_KIND: Record<Action['kind'], string> = { acknowledge: 'status', status: 'status', assign: 'assign', respond: 'response', close: 'status', comment: 'comment' };

/** The fields an action sets, as a conflict names them. */
const FIELDS: Record<Action['kind'], string[]> = {
  acknowledge: ['status'], status: ['status'], assign: ['owner'], respond: ['response'], close: ['status', 'response', 'closureReason'], comment: []
};

/** The five pairings, both managers acting on the same copy. */
function pairOf(round: number): [Action, Action] {
  const t = `round ${round}`;
  switch (round % 5) {
    case 0: return [{ kind: 'acknowledge' }, { kind: 'assign', upn: B }];
    case 1: return [{ kind: 'close', text: `Fixed in ${t}` }, { kind: 'comment', text: `Looking at ${t}` }];
    case 2: return [{ kind: 'status', status: 'inProgress' }, { kind: 'status', status: 'inProgress' }];
    case 3: return [{ kind: 'respond', text: `Same answer ${t}` }, { kind: 'respond', text: `Same answer ${t}` }];
    default: return round % 2 ? [{ kind: 'status', status: 'inProgress' }, { kind: 'status', status: 'waitingOnCustomer' }] : [{ kind: 'assign', upn: A }, { kind: 'assign', upn: B }];
  }
}

interface Told {
  actor: string;
  action: Action;
  told: 'done' | 'alreadySo' | 'conflict' | 'failed';
  conflict?: InsightConflict;
  error?: unknown;
}

async function settle(actor: string, action: Action, p: Promise<unknown>): Promise<Told> {
  try {
    const res = (await p) as { outcome?: string };
    return { actor, action, told: res && res.outcome === 'alreadySo' ? 'alreadySo' : 'done' };
  } catch (e) {
    if (e instanceof RelayError && e.code === 'conflict') return { actor, action, told: 'conflict', conflict: isInsightConflict(e) ? e.conflict : undefined };
    return { actor, action, told: 'failed', error: e };
  }
}

interface StoredEntry { kind: string; author: string; text: string; data: string }

async function storedState(id: number): Promise<{ insight: Insight; editor: string; entries: StoredEntry[] }> {
  const item = (await r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(id).select('Id', ...EDITOR_SELECT).expand('Editor')()) as { Editor?: PersonValue };
  const entries = (await r.admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items
    .select(ACTIVITY_FIELDS.kind, ACTIVITY_FIELDS.text, ACTIVITY_FIELDS.data, ...AUTHOR_SELECT).expand('Author')
    .filter(`${ACTIVITY_FIELDS.insightId} eq ${id}`).top(100)()) as Array<Record<string, unknown> & { Author?: PersonValue }>;
  return {
    insight: await serviceOf(A).get(id),
    editor: editorUpnOf(item),
    entries: entries.map(e => ({ kind: String(e[ACTIVITY_FIELDS.kind]), author: authorUpnOf(e), text: String(e[ACTIVITY_FIELDS.text] || ''), data: String(e[ACTIVITY_FIELDS.data] || '') }))
  };
}

/** Whether the stored timeline has the actor's own entry for the action (Author from SharePoint, not ActorUpn). */
function hasOwnEntry(entries: StoredEntry[], t: Told): boolean {
  return entries.some(e => e.author === t.actor && e.kind === ENTRY_KIND[t.action.kind] && (
    t.action.kind === 'status' ? e.data.includes(`"to":"${t.action.status}"`)
      : t.action.kind === 'assign' ? e.data.includes(`"to":{"upn":"${t.action.upn}"`)
        : t.action.kind === 'respond' || t.action.kind === 'comment' ? e.text === t.action.text
          : t.action.kind === 'close' ? e.data.includes('"to":"resolved"')
            : e.data.includes('"to":"acknowledged"')));
}

describe('two managers on one stale copy', () => {
  it('100 rounds: 0 false successes, 0 lost updates; a conflict names who changed which field, from what to what, when', async () => {
    const ids = seedInsights(100, 'concurrency');
    const falseSuccesses: string[] = [];
    const lost: string[] = [];
    const unnamed: string[] = [];
    let conflicts = 0;
    let alreadySo = 0;
    for (let round = 0; round < ids.length; round++) {
      const [actionA, actionB] = pairOf(round);
      const [a, b] = [serviceOf(A), serviceOf(B)];
      const copy = await a.get(ids[round]);
      // Both from the same copy, at the same time; who lands first varies, so alternate who starts.
      const starts = round % 2 === 0
        ? [settle(A, actionA, run(a, copy, actionA)), settle(B, actionB, run(b, copy, actionB))]
        : [settle(B, actionB, run(b, copy, actionB)), settle(A, actionA, run(a, copy, actionA))];
      const told = await Promise.all(starts);
      const stored = await storedState(ids[round]);
      for (const t of told) {
        const other = told.find(x => x !== t)!;
        const label = `round ${round} ${t.actor} ${t.action.kind}`;
        if (t.told === 'failed') lost.push(`${label}: ${String(t.error)}`);
        if (t.told === 'done') {
          const inInsight = t.action.kind === 'comment' || (holds(stored.insight, t.action) && stored.editor === t.actor);
          if (!inInsight || !hasOwnEntry(stored.entries, t)) falseSuccesses.push(label);
        }
        if (t.told === 'alreadySo') {
          alreadySo++;
          // Already so: the value is there, set by the other manager, and not recorded as this one's action.
          if (!holds(stored.insight, t.action) || stored.editor !== other.actor || hasOwnEntry(stored.entries, t)) falseSuccesses.push(`${label} (already so)`);
        }
        if (t.told === 'conflict') {
          conflicts++;
          if (holds(stored.insight, t.action)) lost.push(`${label}: conflict although stored`);
          const changes = t.conflict ? t.conflict.changes : [];
          const expected = FIELDS[other.action.kind].filter(f => f !== 'closureReason');
          const named = changes.length > 0 && changes.every(c => c.by.upn === other.actor && c.by.name === names.get(other.actor) && Number.isFinite(Date.parse(c.at)))
            && expected.every(f => changes.some(c => c.field === f));
          if (!named) unnamed.push(label);
          const status = changes.find(c => c.field === 'status');
          if (status && !(status.from === 'new' && status.to === stored.insight.status)) unnamed.push(`${label} (status from/to)`);
          // "Apply mine anyway": a second decision, against the fresh copy the conflict carries.
          if (t.conflict) {
            const again = (await run(t.actor === A ? a : b, t.conflict.current, t.action)) as { outcome: string };
            const after = await storedState(ids[round]);
            if (again.outcome !== 'applied' || !holds(after.insight, t.action) || !hasOwnEntry(after.entries, t)) lost.push(`${label}: apply mine anyway`);
          }
        }
      }
      // Every change is stored or reported: at least one of the two changes of the insight holds.
      if (!told.some(t => t.action.kind !== 'comment' && t.told !== 'conflict')) lost.push(`round ${round}: neither stored`);
    }
    expect(falseSuccesses).toEqual([]);
    expect(lost).toEqual([]);
    expect(unnamed).toEqual([]);
    // The mix really met both answers (same value: already so; different values: conflict).
    expect(alreadySo).toBeGreaterThanOrEqual(40);
    expect(conflicts).toBeGreaterThanOrEqual(30);
  }, 240000);

  it('a lost answer retried by the same person finds their own entry: applied once; the other manager retrying the same copy is not', async () => {
    const [id] = seedInsights(1, 'retry');
    const copy = await serviceOf(A).get(id);
    expect((await serviceOf(A).setStatus(copy, 'inProgress')).outcome).toBe('applied');
    // The answer was lost: the same person sends it again from the same copy.
    expect(await serviceOf(A).setStatus(copy, 'inProgress')).toMatchObject({ outcome: 'applied', insight: { status: 'inProgress' } });
    // The other manager, same copy, same value: already so, and said to be the first manager's doing.
    const other = await serviceOf(B).setStatus(copy, 'inProgress');
    expect(other.outcome).toBe('alreadySo');
    expect(other.outcome === 'alreadySo' && other.changes).toEqual([expect.objectContaining({ field: 'status', from: 'new', to: 'inProgress', by: { upn: A, name: names.get(A) } })]);
    const { entries } = await storedState(id);
    expect(entries.filter(e => e.kind === 'status').map(e => e.author)).toEqual([A]);
  });
});

// ------------------------------------------------------------------ merge past 5,000

/** A source insight with `n` relays and `n` timeline entries, a target with 3 of each, written straight into the tenant. */
function seedLargeMerge(n: number, tag: string): { source: number; target: number } {
  const [source, target] = seedInsights(2, tag);
  const relays = (insightId: number, count: number): Array<Record<string, unknown>> => Array.from({ length: count }, () => ({
    Title: 'Parcel late', [RELAY_FIELDS.clientId]: clientId(), [RELAY_FIELDS.relayerUpn]: PERSONAS_UPN.agent.toLowerCase(), [RELAY_FIELDS.channel]: 'phone',
    [RELAY_FIELDS.category]: 'billing', [RELAY_FIELDS.product]: 'customer-account', [RELAY_FIELDS.severity]: 'normal', [RELAY_FIELDS.customerWords]: 'Parcel late',
    [RELAY_FIELDS.language]: 'en', [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.insightId]: insightId, [RELAY_FIELDS.dayKey]: '2026-11-02'
  }));
  const rows = [...relays(source, n), ...relays(target, 3)];
  bulkInsertItems(r.t.tenant.db, RELAYS_LIST_TITLE, rows, PERSONAS_UPN.agent);
  bulkInsertItems(r.t.tenant.db, INSIGHT_ACTIVITY_LIST_TITLE, rows.map(row => ({
    Title: 'relay', [ACTIVITY_FIELDS.key]: `relay:${String(row[RELAY_FIELDS.clientId])}`, [ACTIVITY_FIELDS.insightId]: row[RELAY_FIELDS.insightId],
    [ACTIVITY_FIELDS.kind]: 'relay', [ACTIVITY_FIELDS.at]: '2026-11-02T13:00:00Z', [ACTIVITY_FIELDS.data]: '{}'
  })), PERSONAS_UPN.admin);
  return { source, target };
}

async function countWhere(title: string, filter: string): Promise<number> {
  let n = 0;
  for await (const page of walkItems<unknown>(r.admin.web.lists.getByTitle(title), { select: ['Id'], filter, pageSize: 5000 })) n += page.length;
  return n;
}

describe('merge past the list view threshold', () => {
  it('moves all 6,000 relays and their timeline entries of the source, and the target reach counts them', async () => {
    const { source, target } = seedLargeMerge(6000, 'large');
    const m = serviceOf(A);
    const merged = await m.merge(await m.get(source), await m.get(target));
    expect(merged.reach).toBe(6003);
    expect(await countWhere(RELAYS_LIST_TITLE, `${RELAY_FIELDS.insightId} eq ${source}`)).toBe(0);
    expect(await countWhere(RELAYS_LIST_TITLE, `${RELAY_FIELDS.insightId} eq ${target}`)).toBe(6003);
    expect(await countWhere(INSIGHT_ACTIVITY_LIST_TITLE, `${ACTIVITY_FIELDS.insightId} eq ${target}`)).toBe(6004);
    expect(await m.get(source)).toMatchObject({ status: 'duplicate', mergedInto: target, isOpen: false });
  }, 180000);

  it('a merge that crashed half way through the relays is finished by running it again, nothing counted twice', async () => {
    const { source, target } = seedLargeMerge(6000, 'crash');
    let batches = 0;
    const crashing = spfi(r.t.siteUrl).using(SPBrowser({ baseUrl: r.t.siteUrl }), InjectHeaders({ 'x-local-user': PERSONAS_UPN.manager }), instance => {
      instance.on.pre(async function (url: string, init: RequestInit, result: unknown) {
        if (/\$batch/.test(url) && ++batches > 30) throw new Error('injected crash');
        return [url, init, result];
      });
      return instance;
    });
    const m = serviceOf(A);
    await expect(serviceOf(A, crashing).merge(await m.get(source), await m.get(target))).rejects.toBeInstanceOf(RelayError);
    const half = await countWhere(RELAYS_LIST_TITLE, `${RELAY_FIELDS.insightId} eq ${target}`);
    expect(half).toBeGreaterThan(3);
    expect(half).toBeLessThan(6003);
    const merged = await m.merge(await m.get(source), await m.get(target));
    expect(merged.reach).toBe(6003);
    expect(await countWhere(RELAYS_LIST_TITLE, `${RELAY_FIELDS.insightId} eq ${source}`)).toBe(0);
    expect(await countWhere(INSIGHT_ACTIVITY_LIST_TITLE, `${ACTIVITY_FIELDS.insightId} eq ${target}`)).toBe(6004);
  }, 180000);
});
