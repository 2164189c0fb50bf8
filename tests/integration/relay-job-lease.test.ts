/**
 * One run of the relay job at a time, and notifications delivered at least once:
 * - a second host while the lease is held does nothing and says it skipped; an expired lease (a
 *   crashed holder's) is taken over;
 * - a run that dies between a notification's claim and its record: a later run, once the lease and
 *   the pending timeout have lapsed, sends it (counted as resent); nothing is sent twice otherwise;
 * - four hosts started together, again and again, under 30 % of SharePoint requests failing: one
 *   run at a time held the lease, and once faults stop every insight's reach is the number of its
 *   relays and every relay's timeline entry sits on its insight.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { runRelayJob, RelayJobOptions, RelayJobSummary } from '../../services/relay/job';
import type { NotificationSender } from '../../services/relay/notify';
import { JOB_LEASES_LIST_TITLE, LEASE_FIELDS } from '../../services/provisioning/jobLists';
import { ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { safeJson } from '../../services/relay/items';
import type { FaultConfig } from '../../workbench/tenant/faults';
import { addClosedInsight, addRelay, at, JobTenant, manualClock, notificationClaims, startJobTenant } from './relay-job-setup';

const TTL = 60_000;
const PENDING_TIMEOUT = 3 * TTL;

let j: JobTenant;
beforeAll(async () => {
  j = await startJobTenant();
}, 60000);
afterAll(() => j.t.close());

const run = (now: Date, extra: Partial<RelayJobOptions>): Promise<RelayJobSummary> => {
  j.setTenantNow(now);
  return runRelayJob(j.jobCtx(), {
    policy: j.policy, now, sender: j.jobUpn, dashboardUrl: 'https://intranet.example/dashboard', myRelaysUrl: 'https://intranet.example/my-relays',
    leaseTtlMs: TTL, pendingTimeoutMs: PENDING_TIMEOUT, ...extra
  });
};

async function leaseItem(): Promise<Record<string, unknown> | undefined> {
  const items: Record<string, unknown>[] = await j.admin.web.lists.getByTitle(JOB_LEASES_LIST_TITLE).items.filter(`${LEASE_FIELDS.leaseKey} eq 'relay-job'`)();
  return items[0];
}

async function pendingRelays(): Promise<number> {
  const items: unknown[] = await j.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select('Id').filter(`${RELAY_FIELDS.ingestState} eq 'pending'`).top(5000)();
  return items.length;
}

describe('the lease', () => {
  it('a second host while the lease is held does nothing and says so; once it lapses, the lease is taken over', async () => {
    const clock = manualClock();
    // Another host holds it for one more minute.
    const existing = await leaseItem();
    const values = { [LEASE_FIELDS.holder]: 'other-host:4242', [LEASE_FIELDS.runId]: 'other-run', [LEASE_FIELDS.expiresAt]: new Date(clock.now().getTime() + TTL).toISOString() };
    if (existing) await j.admin.web.lists.getByTitle(JOB_LEASES_LIST_TITLE).items.getById(existing.Id as number).update(values);
    else await j.admin.web.lists.getByTitle(JOB_LEASES_LIST_TITLE).items.add({ Title: 'relay-job', [LEASE_FIELDS.leaseKey]: 'relay-job', ...values });
    await addRelay(j, PERSONAS_UPN.agent, null, 'The courier left my parcel at the wrong door again.');
    expect(await pendingRelays()).toBe(1);

    const from = j.t.requests.length;
    const skipped = await run(at(1), { leaseClock: clock.now, leaseHolder: 'second-host:1' });
    expect(skipped).toMatchObject({ skipped: 'leaseHeld', ingest: null, failed: 0, failedSteps: [], steps: [] });
    expect(skipped.lease).toMatchObject({ holder: 'other-host:4242', runId: 'other-run', acquiredAt: null });
    // It only read the lease: no other list, no write.
    const requests = j.t.requests.slice(from).filter(r => r.url.includes('/_api/'));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every(r => r.method === 'GET' && decodeURIComponent(r.url).includes(JOB_LEASES_LIST_TITLE))).toBe(true);
    expect(await pendingRelays()).toBe(1);

    clock.advance(TTL + 1);
    const taken = await run(at(1), { leaseClock: clock.now, leaseHolder: 'second-host:1' });
    expect(taken.skipped).toBeNull();
    expect(taken.lease).toMatchObject({ holder: 'second-host:1', acquiredAt: clock.now().toISOString(), releasedAt: clock.now().toISOString(), lost: false });
    expect(taken.ingest).toMatchObject({ processed: 1, failed: 0 });
    expect(await pendingRelays()).toBe(0);
    const after = await leaseItem();
    expect(after).toMatchObject({ [LEASE_FIELDS.holder]: 'second-host:1', [LEASE_FIELDS.runId]: taken.lease.runId });
    // Released: it ends when the run did.
    expect(Date.parse(String(after![LEASE_FIELDS.expiresAt]))).toBeLessThanOrEqual(clock.now().getTime());
  });
});

describe('keeping the lease', () => {
  it('renews it while the run goes on; a run that could not keep it stops and leaves it to lapse', async () => {
    // Each look at the clock is 10 s later: a slow run, renewing after every 20 s.
    const slow = manualClock(Date.parse('2030-01-15T00:00:00Z'));
    const ticking = (): Date => {
      const d = slow.now();
      slow.advance(10_000);
      return d;
    };
    const renewed = await run(at(1.5), { leaseClock: ticking, leaseHolder: 'slow-host:1' });
    expect(renewed).toMatchObject({ skipped: null, failed: 0, lease: { lost: false } });
    expect(renewed.lease.renewals).toBeGreaterThan(0);
    expect(renewed.steps.map(s => s.name)).toEqual(['recheck', 'ingest', 'clock', 'outcomes', 'stats', 'expertise', 'expertiseIndex', 'communities']);
    expect(renewed.lease.releasedAt).not.toBeNull();

    // A run paused past its lease once it started reading insights: it sends nothing more.
    const base = Date.parse('2030-01-20T00:00:00Z');
    const from = j.t.requests.length;
    const readInsights = (): boolean => j.t.requests.slice(from).some(r => decodeURIComponent(r.url).includes(INSIGHTS_LIST_TITLE));
    const paused = (): Date => new Date(readInsights() ? base + 10 * TTL : base);
    const lost = await run(at(1.5), { leaseClock: paused, leaseHolder: 'paused-host:1' });
    expect(lost).toMatchObject({ skipped: null, failedSteps: ['ingest'], lease: { lost: true, releasedAt: null } });
    expect(lost.steps.map(s => [s.name, s.ok])).toEqual([['recheck', true], ['ingest', false]]);
    // Not released (it was no longer its own to release): it lapses, and the next run takes it.
    expect(await leaseItem()).toMatchObject({ [LEASE_FIELDS.holder]: 'paused-host:1' });
    const next = await run(at(1.5), { leaseClock: () => new Date(base + 11 * TTL), leaseHolder: 'next-host:1' });
    expect(next).toMatchObject({ skipped: null, failed: 0, lease: { holder: 'next-host:1', lost: false } });
  });
});

describe('a run that dies while sending', () => {
  it('leaves a pending claim that a later run sends once the lease and the pending timeout have lapsed', async () => {
    const clock = manualClock(Date.parse('2030-02-01T00:00:00Z'));
    const id = await addClosedInsight(j, 'Parcel lockers refused the pickup code', at(2));
    await addRelay(j, PERSONAS_UPN.agent, id, 'The locker said the code was wrong.', 'fr');
    await addRelay(j, PERSONAS_UPN.employee, id, 'The locker code did not work.', 'en');
    const before = j.mark();
    let sending!: () => void;
    const sendStarted = new Promise<void>(resolve => {
      sending = resolve;
    });
    // The host dies while sending: the send never returns, the run never records nor releases.
    const dying: NotificationSender = {
      send: async (_r, message) => {
        if (!/Parcel lockers/.test(message.subject)) return;
        sending();
        await new Promise<void>(() => undefined);
      }
    };
    void run(at(3), { leaseClock: clock.now, leaseHolder: 'dying-host:1', notificationSender: dying });
    await sendStarted;
    const [claim] = await notificationClaims(j, id);
    expect(claim.data).toMatchObject({ state: 'pending', attempts: 1, claimedAt: clock.now().toISOString() });

    // Another host meanwhile: the dead run's lease still runs.
    const held = await run(at(3), { leaseClock: clock.now, leaseHolder: 'next-host:1' });
    expect(held).toMatchObject({ skipped: 'leaseHeld', lease: { holder: 'dying-host:1' } });

    // The lease lapsed, the claim is younger than the pending timeout: left alone, counted as stuck.
    clock.advance(TTL + 1);
    const early = await run(at(3.1), { leaseClock: clock.now, leaseHolder: 'next-host:1' });
    expect(early.skipped).toBeNull();
    expect(early.outcomes).toMatchObject({ stuck: 1, resent: 0, sent: 0 });
    expect(j.since(before).filter(m => /Parcel lockers/.test(m.subject))).toEqual([]);

    // Past the pending timeout: it can only be a dead run's claim, so it is sent.
    clock.advance(PENDING_TIMEOUT);
    const late = await run(at(3.2), { leaseClock: clock.now, leaseHolder: 'next-host:1' });
    expect(late.outcomes).toMatchObject({ resent: 1, sent: 1, stuck: 0, failed: 0 });
    const sent = j.since(before).filter(m => /Parcel lockers/.test(m.subject));
    expect(sent.flatMap(m => m.to).sort()).toEqual([PERSONAS_UPN.agent, PERSONAS_UPN.employee].sort());
    expect((await notificationClaims(j, id))[0].data).toMatchObject({ state: 'sent', attempts: 2, sentTo: [PERSONAS_UPN.agent, PERSONAS_UPN.employee].sort() });

    // And never again.
    clock.advance(PENDING_TIMEOUT);
    const again = await run(at(3.3), { leaseClock: clock.now, leaseHolder: 'next-host:1' });
    expect(again.outcomes).toMatchObject({ sent: 0, resent: 0, stuck: 0 });
    expect(j.since(before).filter(m => /Parcel lockers/.test(m.subject))).toHaveLength(sent.length);
  });
});

describe('four hosts at once under faults', () => {
  afterEach(async () => {
    await fetch(`${j.t.origin}/_local/faults`, { method: 'DELETE' });
  });

  it('one run holds the lease at a time; afterwards every reach and every timeline entry is right', async () => {
    const themes = [
      'The driver left the parcel in the rain and the box was soaked',
      'The refund for my returned jacket never arrived on my card',
      'The mobile app crashes when I open my loyalty points',
      'The store was closed during the opening hours shown on the website'
    ];
    const people = [PERSONAS_UPN.agent, PERSONAS_UPN.employee, PERSONAS_UPN.manager];
    const ours: string[] = [];
    for (let i = 0; i < 36; i++) ours.push(await addRelay(j, people[i % people.length], null, `${themes[i % themes.length]} (case ${i})`, i % 2 ? 'fr' : 'en'));

    const faults: Partial<FaultConfig> = { failureRate: 0.3, failureStatuses: [429, 503], retryAfterSeconds: 0, seed: 4, paths: ['/_api/'] };
    const res = await fetch(`${j.t.origin}/_local/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) });
    expect(res.status).toBe(200);
    // Real elapsed time (after the instants the tests above used), moved on by a lease's length
    // after each wave, so that a lease whose release was faulted has lapsed for the next wave.
    const start = Date.now();
    let offset = Date.parse('2031-01-01T00:00:00Z') - start;
    const leaseClock = (): Date => new Date(Date.now() + offset);
    const summaries: RelayJobSummary[] = [];
    for (let wave = 0; wave < 4; wave++) {
      const runs = await Promise.all([0, 1, 2, 3].map(host => run(at(4 + wave / 10), { leaseClock, leaseHolder: `host-${host}:wave-${wave}` })));
      summaries.push(...runs);
      offset += TTL + 1000;
    }
    await fetch(`${j.t.origin}/_local/faults`, { method: 'DELETE' });

    // The hosts did overlap, and all but the holder stood aside.
    expect(summaries.filter(s => s.skipped === 'leaseHeld').length).toBeGreaterThanOrEqual(8);
    const held = summaries.filter(s => s.lease.acquiredAt !== null).sort((a, b) => Date.parse(a.lease.acquiredAt!) - Date.parse(b.lease.acquiredAt!));
    expect(held.length).toBeGreaterThanOrEqual(4);
    for (const s of summaries) expect(s.skipped === null).toBe(s.lease.acquiredAt !== null);
    // One at a time: each lease taken after the previous one was released (or had lapsed).
    for (let i = 1; i < held.length; i++) {
      const previous = held[i - 1].lease;
      const end = Date.parse(previous.releasedAt || previous.expiresAt!);
      expect(Date.parse(held[i].lease.acquiredAt!)).toBeGreaterThanOrEqual(end);
    }

    // At most a couple of fault-free runs finish what the faults left.
    for (let k = 0; k < 2 && (await pendingRelays()) > 0; k++) {
      offset += TTL + 1000;
      const s = await run(at(5 + k / 10), { leaseClock });
      expect(s.skipped).toBeNull();
    }
    expect(await pendingRelays()).toBe(0);

    const relays: Record<string, unknown>[] = await j.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items
      .select('Id', RELAY_FIELDS.clientId, RELAY_FIELDS.insightId).top(5000)();
    const insightOf = new Map(relays.map(r => [String(r[RELAY_FIELDS.clientId]), Number(r[RELAY_FIELDS.insightId])]));
    const relaysPerInsight = new Map<number, number>();
    for (const id of insightOf.values()) relaysPerInsight.set(id, (relaysPerInsight.get(id) || 0) + 1);
    // Every insight ingestion made or fed (the tests above add closed insights by hand, reach and all).
    const insights: Record<string, unknown>[] = (await j.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.select('Id', INSIGHT_FIELDS.key, INSIGHT_FIELDS.reach).top(5000)() as Record<string, unknown>[])
      .filter(i => String(i[INSIGHT_FIELDS.key]).startsWith('relay:'));
    expect(insights.length).toBeGreaterThanOrEqual(4);
    const wrongReach = insights
      .map(i => ({ id: i.Id, reach: Number(i[INSIGHT_FIELDS.reach] || 0), relays: relaysPerInsight.get(i.Id as number) || 0 }))
      .filter(i => i.reach !== i.relays);
    expect(wrongReach).toEqual([]);
    const entries: Record<string, unknown>[] = await j.admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items
      .select(ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.insightId, ACTIVITY_FIELDS.data).filter(`${ACTIVITY_FIELDS.kind} eq 'relay'`).top(5000)();
    const misattached = entries.filter(e => {
      const clientId = String(safeJson<{ clientId?: string }>(e[ACTIVITY_FIELDS.data], {}).clientId || '');
      return insightOf.has(clientId) && insightOf.get(clientId) !== Number(e[ACTIVITY_FIELDS.insightId]);
    });
    expect(misattached).toEqual([]);
    // One timeline entry per relay of this test, each on its relay's insight.
    const keys = entries.map(e => String(e[ACTIVITY_FIELDS.key]));
    for (const clientId of ours) expect(keys.filter(k => k === `relay:${clientId}`)).toHaveLength(1);
  }, 120000);
});
