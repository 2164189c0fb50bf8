/**
 * The relay job's reads past SharePoint's 5,000-item list view threshold: an insight with 6,000
 * relays (and 6,000 timeline entries) tells every distinct relayer its outcome once, in the
 * language of their latest relay; a day with 6,000 relays gets its statistics written.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { bulkInsertItems } from '../../workbench/tenant/sp/admin';
import { runRelayJob } from '../../services/relay/job';
import { odataString } from '../../core/odata';
import { INSIGHT_ACTIVITY_LIST_TITLE, RELAY_FIELDS, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE, STATS_FIELDS } from '../../services/provisioning/relayLists';
import { addClosedInsight, at, JobTenant, nextClientId, notificationClaims, startJobTenant } from './relay-job-setup';

const RELAYS = 6000;
const PEOPLE = 40;
const DAY = '2026-11-23';

let j: JobTenant;
let insightId: number;
let people: string[];

beforeAll(async () => {
  j = await startJobTenant();
  people = (j.t.tenant.db.prepare(`SELECT userPrincipalName AS upn FROM users WHERE accountEnabled = 1 AND userType = 'Member' AND userPrincipalName <> ? ORDER BY userPrincipalName LIMIT ${PEOPLE}`)
    .all(j.jobUpn) as Array<{ upn: string }>).map(u => u.upn.toLowerCase());
  expect(people).toHaveLength(PEOPLE);
  insightId = await addClosedInsight(j, 'Delivery slots vanish at checkout', at(2));
  // 150 relays by each person, the last one in French for every other person; each claims (in
  // RelayerUpn) to come from someone else, which must not matter.
  const perPerson = RELAYS / PEOPLE;
  people.forEach((upn, p) => {
    bulkInsertItems(j.t.tenant.db, RELAYS_LIST_TITLE, Array.from({ length: perPerson }, (_x, k) => ({
      Title: 'Delivery slots vanish', [RELAY_FIELDS.clientId]: nextClientId(), [RELAY_FIELDS.relayerUpn]: people[(p + 1) % PEOPLE],
      [RELAY_FIELDS.channel]: 'phone', [RELAY_FIELDS.category]: k % 3 ? 'delivery' : 'website', [RELAY_FIELDS.product]: 'home-delivery',
      [RELAY_FIELDS.severity]: 'normal', [RELAY_FIELDS.customerWords]: 'The delivery slot vanished at checkout.',
      [RELAY_FIELDS.language]: k === perPerson - 1 && p % 2 ? 'fr' : 'en',
      [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.insightId]: insightId, [RELAY_FIELDS.dayKey]: DAY
    })), upn, undefined, j.jobUpn);
  });
  bulkInsertItems(j.t.tenant.db, INSIGHT_ACTIVITY_LIST_TITLE, Array.from({ length: RELAYS }, (_x, i) => ({
    Title: 'relay', ActivityKey: `seed:${i}`, InsightId: insightId, Kind: 'relay', At: at(1).toISOString(), DataJson: '{}'
  })), j.jobUpn);
}, 120000);
afterAll(() => j.t.close());

it('tells each of the 6,000 relays\' authors once, in the language of their latest relay, and writes the day\'s statistics', async () => {
  const before = j.mark();
  j.setTenantNow(at(3));
  const summary = await runRelayJob(j.jobCtx(), { policy: j.policy, now: at(3), sender: j.jobUpn, myRelaysUrl: 'https://intranet.example/my-relays' });
  expect(summary).toMatchObject({ failed: 0, failedSteps: [], skipped: null });
  expect(summary.outcomes).toMatchObject({ insights: 1, sent: 1, recipients: PEOPLE, failed: 0 });

  const sent = j.since(before).filter(m => m.subject.includes('Delivery slots vanish'));
  const told = sent.flatMap(m => m.to).sort();
  expect(told).toEqual([...people].sort());
  const french = new Set(sent.filter(m => /^La rétroaction client/.test(m.subject)).flatMap(m => m.to));
  expect([...french].sort()).toEqual(people.filter((_u, p) => p % 2).sort());
  expect((await notificationClaims(j, insightId)).map(c => c.data.state)).toEqual(['sent']);

  expect(summary.stats).toMatchObject({ days: ['2026-11-22', DAY], written: 2 });
  const [day] = await j.admin.web.lists.getByTitle(RELAY_STATS_LIST_TITLE).items.filter(`${STATS_FIELDS.dayKey} eq ${odataString(DAY)}`)() as Array<Record<string, unknown>>;
  const stats = JSON.parse(String(day[STATS_FIELDS.data])) as { relays: number; relaysByCategory: Record<string, number>; closed: number };
  expect(stats.relays).toBe(RELAYS);
  expect(stats.relaysByCategory).toEqual({ delivery: 4000, website: 2000 });
  expect(stats.closed).toBe(1);
}, 120000);
