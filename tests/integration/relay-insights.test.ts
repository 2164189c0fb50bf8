/**
 * Acting on insights against the local tenant, as the management role: concurrent updates (ETag,
 * 'conflict', nothing lost), status changes and their clock fields, idempotent retries, the
 * timeline, the merge (every relay and all history kept, safe to run again), banners and statistics.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { startRelayTenant, RelayTenant, submission } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { InsightService } from '../../services/relay/insights';
import { BannerService } from '../../services/relay/banners';
import { StatsService } from '../../services/relay/stats';
import { ingestPendingRelays } from '../../services/relay/ingest';
import { RelayError } from '../../services/relay/api';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import type { Insight } from '../../core/relay/model';
import { RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE, RELAY_FIELDS } from '../../services/provisioning/relayLists';

let r: RelayTenant;
/** Monday 2026-11-02 16:00 in Montréal (21:00 UTC). */
let clock = new Date('2026-11-02T21:00:00Z');

beforeAll(async () => {
  r = await startRelayTenant();
}, 60000);
afterAll(() => r.t.close());

const insightsAs = (upn: string): InsightService => new InsightService({ sp: r.sp(upn) }, { me: upn, policy: r.policy, groupIds: async () => [DEMO_GROUPS.billing.id], now: () => clock });
const manager = (): InsightService => insightsAs(PERSONAS_UPN.manager);
const director = (): InsightService => insightsAs(PERSONAS_UPN.director);

/** A new insight with `n` relays (different relayers), ingested by the job's identity. */
async function newInsight(words: string, n = 1, category = 'billing'): Promise<Insight> {
  const relayers = [PERSONAS_UPN.agent, PERSONAS_UPN.employee, PERSONAS_UPN.comms];
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const upn = relayers[i % relayers.length];
    const relay = await new RelayService({ sp: r.sp(upn) }, { me: upn, policy: r.policy }).submit(submission({ category, product: 'customer-account', customerWords: words, joinInsightId: null }));
    ids.push(relay.id);
  }
  // Only the same words join (the category and product boosts take an identical text to 1.21).
  await ingestPendingRelays({ sp: r.admin }, { policy: r.policy, now: clock, managerChainOf: async () => [], matchThreshold: 1.15 });
  const row = (await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(ids[0])()) as Record<string, unknown>;
  return manager().get(row[RELAY_FIELDS.insightId] as number);
}

describe('concurrent managers', () => {
  it('both read, both write: the second gets conflict, reloads, applies again; both changes are kept', async () => {
    const insight = await newInsight('Invoice shows the old address after moving, every month since spring.');
    const [a, b] = [manager(), director()];
    const [seenByA, seenByB] = [await a.get(insight.id), await b.get(insight.id)];
    await a.respond(seenByA, 'We fixed the address sync; next invoice is right.', 'Your next invoice will show your new address.');
    const err = await b.setStatus(seenByB, 'inProgress').catch(e => e);
    expect(err).toBeInstanceOf(RelayError);
    expect(err.code).toBe('conflict');
    const reloaded = await b.get(insight.id);
    const after = (await b.setStatus(reloaded, 'inProgress')).insight;
    expect(after.status).toBe('inProgress');
    expect(after.response).toBe('We fixed the address sync; next invoice is right.');
    expect(after.respondedBy).toBe(PERSONAS_UPN.manager.toLowerCase());
    const kinds = (await a.timeline(insight.id)).map(e => `${e.kind}:${e.actorUpn}`);
    expect(kinds).toEqual(['relay:' + PERSONAS_UPN.agent.toLowerCase(), `response:${PERSONAS_UPN.manager.toLowerCase()}`, `status:${PERSONAS_UPN.director.toLowerCase()}`]);
  });

  it('the same action retried against the same ETag is applied once', async () => {
    const insight = await newInsight('Payment reminder letters arrive after the invoice is already paid.');
    const first = (await manager().acknowledge(insight)).insight;
    expect(first.status).toBe('acknowledged');
    // The response was lost: the view retries with the insight as it had it.
    const again = await manager().setStatus(insight, 'acknowledged');
    expect(again).toMatchObject({ outcome: 'applied', insight: { status: 'acknowledged' } });
    const statusEntries = (await manager().timeline(insight.id)).filter(e => e.kind === 'status');
    expect(statusEntries).toHaveLength(1);
    // A comment retried is one entry too.
    await manager().comment(first, 'Checking with the billing system team.');
    await manager().comment(first, 'Checking with the billing system team.');
    expect((await manager().timeline(insight.id)).filter(e => e.kind === 'comment')).toHaveLength(1);
  });
});

describe('status changes keep the clock', () => {
  it('acknowledge, pause, resolve: history, IsOpen, days and business hours', async () => {
    const insight = await newInsight('Online invoice PDF is blank when opened on a phone.');
    // First seen when relayed: 07:00 in Montréal (the tenant's clock); counting starts at the 08:30 opening.
    clock = new Date('2026-11-02T16:00:00Z'); // 11:00
    const acked = (await manager().acknowledge(insight)).insight;
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedDay: '2026-11-02', acknowledgeHours: 2.5, acknowledgeBreached: false, isOpen: true });
    clock = new Date('2026-11-03T14:00:00Z');
    const waiting = (await manager().setStatus(acked, 'waitingOnThirdParty')).insight;
    clock = new Date('2026-11-05T14:00:00Z');
    const closed = (await manager().close(waiting, 'resolved', 'Fixed by the PDF vendor', 'The vendor shipped a fix.', 'Please try opening the invoice again.')).insight;
    expect(closed).toMatchObject({ status: 'resolved', isOpen: false, closedDay: '2026-11-05', closureReason: 'Fixed by the PDF vendor', response: 'The vendor shipped a fix.' });
    // Monday 08:30 -> Tuesday 09:00 counted (8.5 h + 0.5 h), the pause until Thursday 09:00 is not.
    expect(closed.resolveHours).toBe(9);
    expect(closed.statusHistory.map(e => e.status)).toEqual(['new', 'acknowledged', 'waitingOnThirdParty', 'resolved']);
    // Closed insights leave the open list.
    expect((await manager().openInsights({ scope: 'all' })).some(i => i.id === insight.id)).toBe(false);
    clock = new Date('2026-11-02T21:00:00Z');
  });

  it('"Save the response" then "Resolve" puts the response in the timeline once; a changed response at closing is a new entry', async () => {
    const insight = await newInsight('Paper invoice arrives a week after the due date, twice now.');
    const responded = (await manager().respond(insight, 'Invoices now go out ten days earlier.', 'Your next invoice will arrive earlier.')).insight;
    const closed = (await manager().close(responded, 'resolved', '', 'Invoices now go out ten days earlier.', 'Your next invoice will arrive earlier.')).insight;
    expect(closed).toMatchObject({ status: 'resolved', response: 'Invoices now go out ten days earlier.' });
    const kinds = (await manager().timeline(insight.id)).map(e => e.kind);
    expect(kinds.filter(k => k === 'response')).toHaveLength(1);
    expect(kinds.filter(k => k === 'status')).toHaveLength(1);

    const other = await newInsight('Invoice total differs from the amount shown in the app.');
    const first = (await manager().respond(other, 'We are checking the rounding.', '')).insight;
    await manager().close(first, 'resolved', '', 'Rounding fixed in the app.', '');
    const responses = (await manager().timeline(other.id)).filter(e => e.kind === 'response').map(e => e.text);
    expect(responses.sort()).toEqual(['Rounding fixed in the app.', 'We are checking the rounding.']);
  });

  it('a reopened insight is open again, without its closing date; the history keeps both', async () => {
    const insight = await newInsight('Loyalty points expired a month early for long-time members.', 1, 'loyalty');
    const closed = (await manager().close(insight, 'declined', 'Policy', 'Points expire after 12 months.', 'Your points expired under the program rules.')).insight;
    expect(closed).toMatchObject({ isOpen: false, status: 'declined' });
    expect(closed.closedAt).not.toBeNull();
    const reopened = (await manager().setStatus(closed, 'inProgress')).insight;
    expect(reopened).toMatchObject({ isOpen: true, status: 'inProgress', closedAt: null, closedDay: '' });
    expect(reopened.statusHistory.map(e => e.status)).toEqual(['new', 'declined', 'inProgress']);
    expect((await manager().openInsights({ scope: 'all', category: 'loyalty' })).some(i => i.id === insight.id)).toBe(true);
  });

  it('an employee may read an insight but not act on it, nor read its timeline', async () => {
    const insight = await newInsight('Self-service kiosk asks for a PIN the customer never set.', 1, 'store-service');
    const employee = insightsAs(PERSONAS_UPN.employee);
    expect((await employee.get(insight.id)).id).toBe(insight.id);
    await expect(employee.setStatus(insight, 'inProgress')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(employee.timeline(insight.id)).rejects.toMatchObject({ code: expect.stringMatching(/^(forbidden|notFound)$/) });
    expect((await manager().get(insight.id)).status).toBe('new');
  });

  it('openInsights: scope mine is what I or my groups own', async () => {
    const insight = await newInsight('Refund credited to the wrong card after an exchange.', 1, 'refunds');
    expect(insight.owner.groupId).toBe(DEMO_GROUPS.billing.id);
    const mine = await manager().openInsights({ scope: 'mine' });
    expect(mine.some(i => i.id === insight.id)).toBe(true);
    const notMine = new InsightService({ sp: r.sp(PERSONAS_UPN.manager) }, { me: PERSONAS_UPN.manager, policy: r.policy, groupIds: async () => [] });
    expect((await notMine.openInsights({ scope: 'mine' })).some(i => i.id === insight.id)).toBe(false);
    const reassigned = (await manager().assign(insight, { upn: PERSONAS_UPN.manager, groupId: null, groupName: null, department: 'Customer Service' })).insight;
    expect(reassigned.owner).toMatchObject({ upn: PERSONAS_UPN.manager.toLowerCase(), groupId: null, source: 'manual' });
    expect((await notMine.openInsights({ scope: 'mine' })).some(i => i.id === insight.id)).toBe(true);
    expect((await notMine.openInsights({ scope: 'all', category: 'refunds' })).every(i => i.category === 'refunds' && i.isOpen)).toBe(true);
  });
});

describe('merge', () => {
  it('moves every relay and all history; reach is the sum; the source becomes a duplicate; running it again changes nothing', async () => {
    const source = await newInsight('Gift card refused at the self checkout terminal.', 2, 'store-service');
    const target = await newInsight('Self checkout rejects gift cards, cashier had to take over.', 3, 'store-service');
    await manager().comment(source, 'Seen at two stores.');
    const sourceHistory = (await manager().timeline(source.id)).map(e => e.key);
    const targetHistory = (await manager().timeline(target.id)).map(e => e.key);
    const relayIds = [...(await manager().relaysOf(source.id)), ...(await manager().relaysOf(target.id))].map(x => x.id).sort();
    expect(relayIds).toHaveLength(5);

    const merged = await manager().merge(source, target);
    expect(merged.reach).toBe(5);
    expect((await manager().relaysOf(target.id)).map(x => x.id).sort()).toEqual(relayIds);
    expect(await manager().relaysOf(source.id)).toEqual([]);
    const moved = (await manager().timeline(target.id)).map(e => e.key);
    expect(moved).toEqual(expect.arrayContaining([...sourceHistory, ...targetHistory, `merge:${source.id}:${target.id}:target`]));
    const src = await manager().get(source.id);
    expect(src).toMatchObject({ status: 'duplicate', mergedInto: target.id, isOpen: false });
    expect((await manager().timeline(source.id)).map(e => e.key)).toEqual([`merge:${source.id}:${target.id}:source`]);

    // Again (a retry after a lost answer): nothing doubles.
    const again = await manager().merge(source, target);
    expect(again.reach).toBe(5);
    expect((await manager().timeline(target.id)).length).toBe(moved.length);
  });

  it('a merge interrupted after moving the relays is finished by running it again', async () => {
    const source = await newInsight('Parcel locker code never arrives by text message.', 2, 'delivery');
    const target = await newInsight('No text message with the parcel locker code.', 1, 'delivery');
    // The interrupted merge: relays moved, nothing else.
    for (const relay of await manager().relaysOf(source.id)) {
      await r.sp(PERSONAS_UPN.manager).web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(relay.id).update({ [RELAY_FIELDS.insightId]: target.id });
    }
    const merged = await manager().merge(await manager().get(source.id), await manager().get(target.id));
    expect(merged.reach).toBe(3);
    expect((await manager().get(source.id)).status).toBe('duplicate');
    expect((await manager().timeline(target.id)).filter(e => e.kind === 'relay')).toHaveLength(3);
  });
});

describe('banners and statistics', () => {
  it('publish is idempotent by key; active shows started, not ended banners; end ends it', async () => {
    const comms = new BannerService({ sp: r.sp(PERSONAS_UPN.comms) }, { now: () => new Date('2026-11-02T15:00:00Z') });
    const banner = { key: 'spike:category:delivery:2026-W45', message: 'Delivery delays this week: we are on it.', messageFr: 'Retards de livraison cette semaine : nous nous en occupons.', level: 'warning' as const, startsAt: '2026-11-02T12:00:00Z', endsAt: '2026-11-09T12:00:00Z', source: 'spike:category:delivery' };
    const first = await comms.publish(banner);
    const second = await comms.publish(banner);
    expect(second.id).toBe(first.id);
    await comms.publish({ ...banner, key: 'later', startsAt: '2026-11-05T12:00:00Z' });
    await comms.publish({ ...banner, key: 'over', startsAt: '2026-10-01T12:00:00Z', endsAt: '2026-10-02T12:00:00Z' });
    const reader = new BannerService({ sp: r.sp(PERSONAS_UPN.employee) }, { now: () => new Date('2026-11-02T15:00:00Z') });
    expect((await reader.active()).map(b => b.key)).toEqual([banner.key]);
    await expect(new BannerService({ sp: r.sp(PERSONAS_UPN.employee) }).publish({ ...banner, key: 'mine' })).rejects.toMatchObject({ code: 'forbidden' });
    await comms.end(first);
    expect(await reader.active()).toEqual([]);
  });

  it('days reads a range; a bad item is skipped', async () => {
    const list = r.admin.web.lists.getByTitle(RELAY_STATS_LIST_TITLE);
    await list.items.add({ Title: '2026-10-30', DayKey: '2026-10-30', DataJson: JSON.stringify({ day: '2026-10-30', relays: 3, relaysByCategory: { delivery: 3 } }) });
    await list.items.add({ Title: '2026-10-31', DayKey: '2026-10-31', DataJson: '{not json' });
    await list.items.add({ Title: '2026-11-01', DayKey: '2026-11-01', DataJson: JSON.stringify({ relays: 1, relaysByCategory: { billing: 'x' } }) });
    await list.items.add({ Title: '2026-11-02', DayKey: '2026-11-02', DataJson: JSON.stringify({ relays: 2, closed: 1, resolveHoursByDepartment: { Billing: [4.5] } }) });
    const days = await new StatsService({ sp: r.sp(PERSONAS_UPN.manager) }).days('2026-10-30');
    expect(days.map(d => [d.day, d.relays])).toEqual([['2026-10-30', 3], ['2026-11-02', 2]]);
    expect(days[1].resolveHoursByDepartment).toEqual({ Billing: [4.5] });
    expect((await new StatsService({ sp: r.sp(PERSONAS_UPN.manager) }).days('2026-11-02')).map(d => d.day)).toEqual(['2026-11-02']);
    await expect(new StatsService({ sp: r.sp(PERSONAS_UPN.manager) }).days('yesterday')).rejects.toMatchObject({ code: 'invalid' });
  });
});
