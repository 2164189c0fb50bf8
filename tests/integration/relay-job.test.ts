/**
 * The relay job against the local tenant (seeded demo organisation, suite provisioned, the job's
 * service account as a site collection admin sending from its own mailbox): the silence clock's
 * warning, breach and pause; closing the loop with every relayer; retry after a failed send; the
 * daily statistics; ingestion as the first step. The outbox of the local Graph is what was "sent".
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSeededTenant, PERSONAS_UPN, SeededTenant, graphFor } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { listOutbox } from '../../workbench/tenant/graph/outbox';
import { ensureRelayJobAccount } from '../../workbench/tenant/seed/service';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { createContextFromBaseUrl } from '../../services/connect';
import { runRelayJob, RelayJobOptions, RelayJobSummary } from '../../services/relay/job';
import { graphNotificationSender, NotificationSender } from '../../services/relay/notify';
import { relayValues, serializeStatusHistory, safeJson } from '../../services/relay/items';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE, STATS_FIELDS
} from '../../services/provisioning/relayLists';
import { defaultPolicy } from '../../core/policy';
import type { Policy } from '../../core/policy/types';
import type { InsightStatus } from '../../core/relay/clock';
import { emptyDraft } from '../../core/relay/model';
import { buildDayStats } from '../../core/relay/dayStats';
import { odataString } from '../../core/odata';
import type { OutboxMessage } from '../../workbench/tenant/types';

/** Monday 23 November 2026, 09:00 in Toronto (the policy's zone; working hours 08:30-17:00). */
const T0 = new Date('2026-11-23T14:00:00Z');
const at = (hoursAfterT0: number): Date => new Date(T0.getTime() + hoursAfterT0 * 3_600_000);

let t: SeededTenant;
let clock = T0;
let admin: SPFI;
let jobUpn: string;
let policy: Policy;
let marcManager: string;
let marcManagersManager: string;

const jobCtx = () => createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': jobUpn } });
const run = (now: Date, extra: Partial<RelayJobOptions> = {}): Promise<RelayJobSummary> => {
  clock = now;
  return runRelayJob(jobCtx(), { policy, now, sender: jobUpn, dashboardUrl: 'https://intranet.example/dashboard', myRelaysUrl: 'https://intranet.example/my-relays', ...extra });
};
/** The outbox's message ids now (it is ordered by the tenant clock, which the tests move back and forth). */
const mark = (): Set<string> => new Set(listOutbox(t.tenant.db).map(m => m.id));
const since = (before: Set<string>): OutboxMessage[] => listOutbox(t.tenant.db).filter(m => !before.has(m.id));

let keySeq = 0;
async function addInsight(values: Record<string, unknown>, history: Array<[Date, InsightStatus]>): Promise<number> {
  const status = history[history.length - 1][1];
  const item = await admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.add({
    Title: 'Driver left the parcel in the rain and the box was soaked',
    [INSIGHT_FIELDS.key]: `test:${++keySeq}`,
    [INSIGHT_FIELDS.summary]: 'Driver left the parcel in the rain and the box was soaked',
    [INSIGHT_FIELDS.category]: 'service-quality',
    [INSIGHT_FIELDS.product]: 'home-delivery',
    [INSIGHT_FIELDS.severity]: 'high',
    [INSIGHT_FIELDS.reach]: 1,
    [INSIGHT_FIELDS.firstSeen]: history[0][0].toISOString(),
    [INSIGHT_FIELDS.lastSeen]: history[0][0].toISOString(),
    [INSIGHT_FIELDS.ownerUpn]: PERSONAS_UPN.manager,
    [INSIGHT_FIELDS.ownerSource]: 'rule:service-quality-to-manager',
    [INSIGHT_FIELDS.department]: 'Customer Service',
    [INSIGHT_FIELDS.status]: status,
    [INSIGHT_FIELDS.statusHistory]: serializeStatusHistory(history.map(([a, s]) => ({ at: a, status: s }))),
    [INSIGHT_FIELDS.isOpen]: !['resolved', 'declined', 'duplicate'].includes(status),
    ...values
  });
  return (item as { Id: number }).Id;
}

async function addRelay(upn: string, insightId: number | null, language: string, day: string, category = 'delivery'): Promise<void> {
  const clientId = `00000000-0000-4000-8000-${String(++keySeq).padStart(12, '0')}`;
  const values = relayValues({
    ...emptyDraft({ channel: 'phone', product: 'home-delivery', category, severity: 'normal', customerWords: 'The parcel arrived soaked, the box fell apart.' }),
    clientId, redactions: {}, language
  }, upn);
  await spFor(t.siteUrl, upn).web.lists.getByTitle(RELAYS_LIST_TITLE).items.add(insightId === null ? values : {
    ...values, [RELAY_FIELDS.insightId]: insightId, [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.dayKey]: day
  });
}

async function insightItem(id: number): Promise<Record<string, unknown>> {
  return admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(id)();
}

async function claimsOf(id: number): Promise<Array<{ key: string; data: Record<string, unknown> }>> {
  const items: Record<string, unknown>[] = await admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items
    .select(ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.data).filter(`${ACTIVITY_FIELDS.insightId} eq ${id} and ${ACTIVITY_FIELDS.kind} eq 'notification'`)();
  return items.map(i => ({ key: String(i[ACTIVITY_FIELDS.key]), data: safeJson<Record<string, unknown>>(i[ACTIVITY_FIELDS.data], {}) }));
}

beforeAll(async () => {
  t = await startSeededTenant({ now: () => clock });
  jobUpn = ensureRelayJobAccount(t.tenant.db);
  const roles: ProvisionRoles = {
    tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`],
    communications: [`c:0t.c|tenant|${t.seed.groups['communications-team']}`],
    communityManagers: [`c:0t.c|tenant|${t.seed.groups['community-managers']}`]
  };
  admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  policy = defaultPolicy();
  await provisionSuite(admin, { roles, lists: SUITE_LISTS, initialPolicyJson: JSON.stringify(policy) });
  const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.admin);
  marcManager = String((await graph.api(`/users/${PERSONAS_UPN.manager}/manager`).get()).userPrincipalName).toLowerCase();
  marcManagersManager = String((await graph.api(`/users/${marcManager}/manager`).get()).userPrincipalName).toLowerCase();
}, 60000);
afterAll(() => t.close());

describe('the silence clock', () => {
  let id: number;
  beforeAll(async () => {
    id = await addInsight({}, [[T0, 'new']]);
  });

  it('warns the owner once at 80 % of the acknowledgement target; a second run at the same time sends nothing', async () => {
    const before = mark();
    const first = await run(at(3.5)); // 12:30 local: 3.5 of 4 business hours
    const sent = since(before).filter(m => m.subject.includes('Driver left the parcel'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'mail', from: jobUpn, to: [PERSONAS_UPN.manager] });
    // Marc reads French (fr-CA in the directory): the message is in French.
    expect(sent[0].subject).toMatch(/^Rappel : constat client en attente/);
    expect(sent[0].body).toContain(`https://intranet.example/dashboard?insight=${id}`);
    expect(first.clock.sent).toBeGreaterThanOrEqual(1);
    expect(first.failed).toBe(0);

    const n = mark();
    const second = await run(at(3.5));
    expect(since(n)).toEqual([]);
    expect(second.clock.sent).toBe(0);
    expect((await insightItem(id))[INSIGHT_FIELDS.acknowledgeBreached]).not.toBe(true);
  });

  it('past the target, tells the owner\'s manager of the breach once and marks the insight breached', async () => {
    const before = mark();
    await run(at(4.5));
    const sent = since(before).filter(m => m.subject.includes('Driver left the parcel'));
    expect(sent.map(m => m.to)).toEqual([[marcManager]]);
    expect(sent[0].body).toMatch(/Marc-André Gagnon/);
    const item = await insightItem(id);
    expect(item[INSIGHT_FIELDS.acknowledgeBreached]).toBe(true);
    expect(item[INSIGHT_FIELDS.resolveBreached]).not.toBe(true);
    const n = mark();
    await run(at(4.6));
    expect(since(n)).toEqual([]);
    const claims = await claimsOf(id);
    expect(claims.map(c => [c.key, c.data.state]).sort()).toEqual([
      [`notify:${id}:acknowledge:0.8`, 'sent'],
      [`notify:${id}:acknowledge:1`, 'sent']
    ]);
  });

  it('the next rung goes two levels up the owner\'s chain', async () => {
    const before = mark();
    await run(at(6.5)); // 15:30 local: 6 business hours of 4 = 150 %; 6.5 of 8 for the resolution
    const sent = since(before).filter(m => m.subject.includes('Driver left the parcel'));
    expect(sent.filter(m => /^(Escalation|Escalade)/.test(m.subject)).map(m => m.to)).toEqual([[marcManagersManager]]);
    // The resolution clock passed 80 % in the same run: its own warning, to the owner.
    expect(sent.filter(m => /^Rappel/.test(m.subject)).map(m => m.to)).toEqual([[PERSONAS_UPN.manager]]);
    expect(sent).toHaveLength(2);
  });

  it('a first run past the target sends the breach without the warning ("close to the target, 175 % used")', async () => {
    const late = await addInsight({ Title: 'Gift card balance shows zero after a top-up' }, [[T0, 'new']]);
    const before = mark();
    await run(at(5)); // the job was down: the first run is already past the acknowledgement target
    const sent = since(before).filter(m => m.subject.includes('Gift card balance'));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.filter(m => /^(Reminder|Rappel)/.test(m.subject))).toEqual([]);
    const keys = (await claimsOf(late)).map(c => c.key);
    expect(keys).not.toContain(`notify:${late}:acknowledge:0.8`);
    expect(keys).toContain(`notify:${late}:acknowledge:1`);
  });

  it('a pause stops the resolution clock: nothing is sent however long the customer takes', async () => {
    const paused = await addInsight({ Title: 'Waiting for the customer to send photos of the damage' },
      [[T0, 'new'], [at(0.5), 'acknowledged'], [at(1), 'waitingOnCustomer']]);
    const before = mark();
    await run(at(24 * 7)); // a week later, still waiting on the customer
    expect(since(before).filter(m => m.subject.includes('photos of the damage'))).toEqual([]);
    expect(await claimsOf(paused)).toEqual([]);
    const item = await insightItem(paused);
    expect(item[INSIGHT_FIELDS.resolveBreached]).not.toBe(true);
  });
});

describe('an insight owned by a group', () => {
  it('warns the group\'s leads (its members who hold the management role), not its every member, then tells them of the breach', async () => {
    const billing = t.seed.groups['dept-billing'];
    await addInsight({
      Title: 'Invoice PDF is blank when opened on a phone',
      [INSIGHT_FIELDS.category]: 'billing', [INSIGHT_FIELDS.product]: 'customer-account', [INSIGHT_FIELDS.severity]: 'urgent',
      [INSIGHT_FIELDS.ownerUpn]: null, [INSIGHT_FIELDS.ownerGroupId]: billing, [INSIGHT_FIELDS.ownerGroupName]: 'Dept – Billing',
      [INSIGHT_FIELDS.ownerSource]: 'rule:billing-to-billing', [INSIGHT_FIELDS.department]: 'Dept – Billing'
    }, [[T0, 'new']]);
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.admin);
    const upnsOf = async (url: string): Promise<Set<string>> =>
      new Set(((await graph.api(url).select('userPrincipalName').top(999).get()).value as Array<{ userPrincipalName: string }>).map(u => u.userPrincipalName.toLowerCase()));
    const members = await upnsOf(`/groups/${billing}/members`);
    const management = await upnsOf(`/groups/${t.seed.groups.management}/members`);

    const before = mark();
    await run(at(0.9)); // 54 minutes of a 1-hour acknowledgement target
    const warned = since(before).filter(m => m.subject.includes('Invoice PDF is blank'));
    const told = warned.flatMap(m => m.to);
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told.length).toBeLessThan(members.size / 4);
    for (const upn of told) {
      expect(members.has(upn)).toBe(true);
      expect(management.has(upn)).toBe(true);
    }

    const beforeBreach = mark();
    await run(at(1.1));
    const breach = since(beforeBreach).filter(m => m.subject.includes('Invoice PDF is blank') && /^(Target missed|Cible manquée)/.test(m.subject));
    const leads = breach.flatMap(m => m.to);
    expect(leads.length).toBeGreaterThanOrEqual(1);
    expect(leads.length).toBeLessThan(members.size);
    for (const upn of leads) {
      expect(members.has(upn)).toBe(true);
      expect(management.has(upn)).toBe(true);
    }
    for (const m of breach) expect(m.body).toMatch(/Dept – Billing/);
  });
});

describe('closing the loop', () => {
  it('tells every employee who relayed a closed insight, once each, in their language, with the customer reply', async () => {
    const closedAt = at(2);
    const id = await addInsight({
      Title: 'Parcels soaked by rain at the door',
      [INSIGHT_FIELDS.response]: 'Drivers now put parcels in a weatherproof bag when it rains.',
      [INSIGHT_FIELDS.customerReply]: 'Thank you for telling us: we have changed how parcels are left at the door.',
      [INSIGHT_FIELDS.closedAt]: closedAt.toISOString(),
      [INSIGHT_FIELDS.closedDay]: '2026-11-23',
      [INSIGHT_FIELDS.closureReason]: 'fixed'
    }, [[T0, 'new'], [at(1), 'acknowledged'], [closedAt, 'resolved']]);
    await addRelay(PERSONAS_UPN.agent, id, 'fr', '2026-11-23');
    await addRelay(PERSONAS_UPN.agent, id, 'fr', '2026-11-23');
    await addRelay(PERSONAS_UPN.employee, id, 'en', '2026-11-23');
    const before = mark();
    const summary = await run(at(3));
    const sent = since(before).filter(m => /Parcels soaked/.test(m.subject));
    expect(sent.map(m => m.to[0]).sort()).toEqual([PERSONAS_UPN.agent, PERSONAS_UPN.employee].sort());
    const fr = sent.find(m => m.to[0] === PERSONAS_UPN.agent)!;
    const en = sent.find(m => m.to[0] === PERSONAS_UPN.employee)!;
    expect(fr.subject).toMatch(/^La rétroaction client que vous avez relayée est résolue/);
    expect(fr.body).toContain('Une réponse que vous pouvez envoyer au client :\nThank you for telling us');
    expect(en.subject).toMatch(/^The customer feedback you relayed was resolved/);
    expect(en.body).toContain('Drivers now put parcels in a weatherproof bag');
    expect(en.body).toContain('https://intranet.example/my-relays?insight=');
    expect(summary.outcomes.messages).toBe(2);

    const n = mark();
    await run(at(3.2));
    expect(since(n).filter(m => /Parcels soaked/.test(m.subject))).toEqual([]);
    expect((await claimsOf(id)).map(c => c.key)).toEqual([`notify:outcome:${id}:${String((await insightItem(id))[INSIGHT_FIELDS.closedAt])}`]);
  });

  it('tells the person who wrote the relay (its Author), never the RelayerUpn the writer filled in', async () => {
    const id = await addInsight({
      Title: 'Self-checkout refuses coupons printed at home',
      [INSIGHT_FIELDS.response]: 'The scanners now read home-printed coupons.',
      [INSIGHT_FIELDS.customerReply]: 'Your coupon works now.',
      [INSIGHT_FIELDS.closedAt]: at(2).toISOString(),
      [INSIGHT_FIELDS.closedDay]: '2026-11-23'
    }, [[T0, 'new'], [at(2), 'resolved']]);
    // The agent writes a relay through plain REST claiming it came from the CEO.
    const values = relayValues({
      ...emptyDraft({ channel: 'phone', product: 'home-delivery', category: 'delivery', severity: 'normal', customerWords: 'The delivery coupon was refused at checkout.' }),
      clientId: `00000000-0000-4000-8000-${String(++keySeq).padStart(12, '0')}`, redactions: {}, language: 'en'
    }, PERSONAS_UPN.ceo);
    await spFor(t.siteUrl, PERSONAS_UPN.agent).web.lists.getByTitle(RELAYS_LIST_TITLE).items.add({
      ...values, [RELAY_FIELDS.insightId]: id, [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.dayKey]: '2026-11-23'
    });
    const [stored] = await admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select(RELAY_FIELDS.relayerUpn).filter(`${RELAY_FIELDS.insightId} eq ${id}`)();
    expect(String(stored[RELAY_FIELDS.relayerUpn]).toLowerCase()).toBe(PERSONAS_UPN.ceo.toLowerCase());
    const before = mark();
    const summary = await run(at(3));
    const sent = since(before).filter(m => /Self-checkout refuses coupons/.test(m.subject));
    expect(sent.map(m => m.to)).toEqual([[PERSONAS_UPN.agent]]);
    expect(since(before).some(m => m.to.includes(PERSONAS_UPN.ceo.toLowerCase()) || m.to.includes(PERSONAS_UPN.ceo))).toBe(false);
    expect(summary.outcomes.failed).toBe(0);
  });

  it('a send that fails is retried by the next run and sent once', async () => {
    const id = await addInsight({
      Title: 'Gift card balance shown twice',
      [INSIGHT_FIELDS.response]: 'Fixed in the app.',
      [INSIGHT_FIELDS.customerReply]: 'The balance is now shown once.',
      [INSIGHT_FIELDS.closedAt]: at(2).toISOString(),
      [INSIGHT_FIELDS.closedDay]: '2026-11-23'
    }, [[T0, 'new'], [at(2), 'declined']]);
    await addRelay(PERSONAS_UPN.employee, id, 'en', '2026-11-23');
    const real = graphNotificationSender(graphFor(t.graphBaseUrl, jobUpn) as never, { sender: jobUpn });
    let calls = 0;
    const flaky: NotificationSender = {
      send: async (r, m, u) => {
        calls++;
        if (/Gift card balance/.test(m.subject)) throw Object.assign(new Error('Service unavailable'), { statusCode: 503 });
        return real.send(r, m, u);
      }
    };
    const before = mark();
    const failing = await run(at(3), { notificationSender: flaky });
    expect(calls).toBeGreaterThan(0);
    expect(failing.outcomes.failed).toBe(1);
    expect(failing.failed).toBeGreaterThanOrEqual(1);
    expect(since(before).filter(m => /Gift card balance/.test(m.subject))).toEqual([]);
    expect((await claimsOf(id))[0].data).toMatchObject({ state: 'failed', attempts: 1 });

    const retry = await run(at(3.1));
    expect(retry.outcomes.retried).toBe(1);
    expect(since(before).filter(m => /Gift card balance/.test(m.subject)).map(m => m.to)).toEqual([[PERSONAS_UPN.employee]]);
    expect((await claimsOf(id))[0].data).toMatchObject({ state: 'sent', attempts: 2, sentTo: [PERSONAS_UPN.employee] });
    await run(at(3.2));
    expect(since(before).filter(m => /Gift card balance/.test(m.subject))).toHaveLength(1);
  });
});

describe('sending', () => {
  it('mails from the sender\'s mailbox as plain text and, when asked, posts to the Teams activity feed', async () => {
    const sender = graphNotificationSender(graphFor(t.graphBaseUrl, jobUpn) as never, { sender: jobUpn, teamsActivity: true });
    const before = mark();
    const subject = 'A subject long enough to be cut in the Teams preview '.repeat(4);
    await sender.send([{ upn: PERSONAS_UPN.employee, address: PERSONAS_UPN.employee, language: 'en' }],
      { subject, text: 'Line one\nhttps://intranet.example/dashboard?insight=1', preview: subject.slice(0, 149) + '…' }, 'https://intranet.example/dashboard?insight=1');
    const sent = since(before);
    expect(sent.map(m => m.kind).sort()).toEqual(['mail', 'teamsActivity']);
    const mail = sent.find(m => m.kind === 'mail')!;
    expect(mail).toMatchObject({ from: jobUpn, to: [PERSONAS_UPN.employee], body: 'Line one\nhttps://intranet.example/dashboard?insight=1' });
    expect((mail.payload as { message: { body: { contentType: string } } }).message.body.contentType).toBe('text');
    expect(sent.find(m => m.kind === 'teamsActivity')!.to).toEqual([PERSONAS_UPN.employee]);
  });

  it('a sender that is not the caller is refused (Send As), so nothing is sent', async () => {
    const sender = graphNotificationSender(graphFor(t.graphBaseUrl, jobUpn) as never, { sender: PERSONAS_UPN.ceo });
    const before = mark();
    await expect(sender.send([{ upn: PERSONAS_UPN.employee, address: PERSONAS_UPN.employee, language: 'en' }], { subject: 's', text: 't', preview: 'p' }, 'https://x.example'))
      .rejects.toMatchObject({ statusCode: 403 });
    expect(since(before)).toEqual([]);
  });
});

describe('a reopened insight closed again', () => {
  it('tells its relayers again, once for the new closing', async () => {
    const firstClose = at(1);
    const id = await addInsight({
      Title: 'Loyalty points expired without warning',
      [INSIGHT_FIELDS.response]: 'Points no longer expire.', [INSIGHT_FIELDS.customerReply]: 'Your points are back.',
      [INSIGHT_FIELDS.closedAt]: firstClose.toISOString(), [INSIGHT_FIELDS.closedDay]: '2026-11-23'
    }, [[T0, 'new'], [firstClose, 'resolved']]);
    await addRelay(PERSONAS_UPN.employee, id, 'en', '2026-11-23');
    const before = mark();
    await run(at(1.5));
    // Reopened (the fix did not hold), then resolved again later with a new response.
    const secondClose = at(2.5);
    const item = await admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(id)();
    await admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(id).update({
      [INSIGHT_FIELDS.response]: 'Points no longer expire, for every account this time.',
      [INSIGHT_FIELDS.closedAt]: secondClose.toISOString(),
      [INSIGHT_FIELDS.statusHistory]: serializeStatusHistory([
        { at: T0, status: 'new' }, { at: firstClose, status: 'resolved' }, { at: at(2), status: 'inProgress' }, { at: secondClose, status: 'resolved' }])
    }, (item as { 'odata.etag'?: string })['odata.etag'] || '*');
    await run(at(3));
    await run(at(3.1));
    const sent = since(before).filter(m => /Loyalty points expired/.test(m.subject));
    expect(sent.map(m => m.to)).toEqual([[PERSONAS_UPN.employee], [PERSONAS_UPN.employee]]);
    expect(sent.map(m => /for every account this time/.test(m.body)).sort()).toEqual([false, true]);
  });
});

describe('a notification that keeps failing', () => {
  it('is retried a bounded number of times, then given up', async () => {
    const id = await addInsight({
      Title: 'Store opening hours wrong on the website',
      [INSIGHT_FIELDS.response]: 'Hours corrected.', [INSIGHT_FIELDS.customerReply]: 'The hours are right now.',
      [INSIGHT_FIELDS.closedAt]: at(2).toISOString(), [INSIGHT_FIELDS.closedDay]: '2026-11-23'
    }, [[T0, 'new'], [at(2), 'resolved']]);
    await addRelay(PERSONAS_UPN.employee, id, 'en', '2026-11-23');
    let attempts = 0;
    const broken: NotificationSender = {
      send: async (rs, m) => {
        if (/Store opening hours/.test(m.subject)) {
          attempts++;
          throw Object.assign(new Error('Service unavailable'), { statusCode: 503 });
        }
      }
    };
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await run(at(3 + i / 10), { notificationSender: broken, maxAttempts: 3 }));
    expect(attempts).toBe(3);
    expect(runs.map(r => [r.outcomes.failed, r.outcomes.retried, r.outcomes.gaveUp])).toEqual([[1, 0, 0], [1, 1, 0], [1, 1, 0], [0, 0, 1]]);
    expect((await claimsOf(id))[0].data).toMatchObject({ state: 'failed', attempts: 3, sentTo: [], error: 'HTTP 503' });
  });
});

describe('the first step and the daily statistics', () => {
  it('ingests pending relays into insights', async () => {
    await addRelay(PERSONAS_UPN.agent, null, 'fr', '', 'billing');
    const summary = await run(at(3.3));
    expect(summary.ingest).toMatchObject({ processed: 1, failed: 0 });
    const relays: Record<string, unknown>[] = await admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items
      .filter(`${RELAY_FIELDS.ingestState} eq 'pending'`)();
    expect(relays).toEqual([]);
  });

  it('stores what the lists hold for today and yesterday; a rerun changes nothing', async () => {
    const summary = await run(at(3.4));
    expect(summary.stats.days).toEqual(['2026-11-22', '2026-11-23']);
    const read = async (day: string) => {
      const items: Record<string, unknown>[] = await admin.web.lists.getByTitle(RELAY_STATS_LIST_TITLE).items
        .filter(`${STATS_FIELDS.dayKey} eq ${odataString(day)}`)();
      expect(items).toHaveLength(1);
      return JSON.parse(String(items[0][STATS_FIELDS.data]));
    };
    const relays: Record<string, unknown>[] = await admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items
      .select(RELAY_FIELDS.category, RELAY_FIELDS.product).filter(`${RELAY_FIELDS.dayKey} eq '2026-11-23'`)();
    const closed: Record<string, unknown>[] = await admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items
      .filter(`${INSIGHT_FIELDS.closedDay} eq '2026-11-23'`)();
    const expected = buildDayStats('2026-11-23', {
      relays: relays.map(r => ({ category: String(r[RELAY_FIELDS.category]), product: String(r[RELAY_FIELDS.product]) })),
      acknowledged: [],
      closed: closed.map(i => ({
        department: String(i[INSIGHT_FIELDS.department]), status: String(i[INSIGHT_FIELDS.status]), resolveHours: null,
        acknowledgeBreached: i[INSIGHT_FIELDS.acknowledgeBreached] === true, resolveBreached: i[INSIGHT_FIELDS.resolveBreached] === true
      }))
    });
    const today = await read('2026-11-23');
    expect(today).toEqual(expected);
    // Every relay of the day, whatever the tests above added (at least one of theirs each).
    expect(today.relays).toBe(relays.length);
    expect(today.relays).toBeGreaterThanOrEqual(7);
    expect(today.relaysByCategory.billing).toBe(1);
    expect(today.relaysByCategory.delivery).toBe(today.relays - 1);
    expect(today.closed).toBe(closed.filter(i => ['resolved', 'declined'].includes(String(i[INSIGHT_FIELDS.status]))).length);
    expect(today.closed).toBeGreaterThanOrEqual(4);
    expect((await read('2026-11-22')).relays).toBe(0);

    const again = await run(at(3.45));
    expect(again.stats).toMatchObject({ written: 0, unchanged: 2 });
    expect(await read('2026-11-23')).toEqual(today);
  });
});
