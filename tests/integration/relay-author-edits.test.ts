/**
 * Relays their author rewrites with plain REST after the job dealt with them (write security 2
 * lets them): a customer's card put back, the relay moved to another insight, a CEO named as the
 * relayer, or a relay written as already 'clustered' so that ingestion would never redact it. The
 * job's re-check step gives the job's decisions back and trusts the text again; and ingestion never
 * believes an insight the author wrote into a pending relay.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { runRelayJob } from '../../services/relay/job';
import { RECHECK_INTERVAL_MS } from '../../services/relay/job/steps/recheck';
import { relayValues } from '../../services/relay/items';
import { odataString } from '../../core/odata';
import { emptyDraft } from '../../core/relay/model';
import { addRelay, JobTenant, manualClock, nextClientId, startJobTenant, T0 } from './relay-job-setup';

let j: JobTenant;
const clock = manualClock();
beforeAll(async () => {
  j = await startJobTenant();
}, 90000);
afterAll(() => j && j.t.close());

const AGENT = PERSONAS_UPN.agent;
const CARD = '4539 1488 0343 6467';
const EMAIL = 'jean.tremblay@example.com';

const run = async () => {
  clock.advance(RECHECK_INTERVAL_MS + 60_000);
  const summary = await runRelayJob(j.jobCtx(), { policy: j.policy, now: T0, sender: j.jobUpn, leaseClock: clock.now, steps: { clock: false, outcomes: false, stats: false, expertise: false } });
  expect(summary.failedSteps).toEqual([]);
  return summary;
};

interface Stored { Id: number; [field: string]: unknown }
const relayByClientId = async (clientId: string): Promise<Stored> =>
  ((await j.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.filter(`${RELAY_FIELDS.clientId} eq ${odataString(clientId)}`)()) as Stored[])[0];
const claimOf = async (clientId: string): Promise<Stored | undefined> =>
  ((await j.admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items.filter(`${ACTIVITY_FIELDS.key} eq ${odataString(`relay:${clientId}`)}`)()) as Stored[])[0];
const asAgent = () => spFor(j.t.siteUrl, AGENT).web.lists.getByTitle(RELAYS_LIST_TITLE);
const hasSecret = (r: Stored): boolean => JSON.stringify(r).includes('4539') || JSON.stringify(r).includes(EMAIL);

it('gives a clustered relay edited by its author its insight, its relayer and a redacted text back', async () => {
  const delivery = await addRelay(j, AGENT, null, 'The delivery was rescheduled to Saturday and nobody asked the customer.');
  const billing = await addRelay(j, AGENT, null, 'The invoice reminder by SMS names neither the service nor the amount due.');
  await run();
  const first = await relayByClientId(delivery);
  const other = await relayByClientId(billing);
  expect(first[RELAY_FIELDS.ingestState]).toBe('clustered');
  const insight = first[RELAY_FIELDS.insightId];
  expect(other[RELAY_FIELDS.insightId]).not.toBe(insight);

  // The author rewrites it: a card and an e-mail back in, another insight, the CEO as relayer.
  await asAgent().items.getById(first.Id).update({
    [RELAY_FIELDS.customerWords]: `Call me at ${EMAIL}, card ${CARD}, the delivery was rescheduled.`,
    [RELAY_FIELDS.insightId]: other[RELAY_FIELDS.insightId],
    [RELAY_FIELDS.relayerUpn]: PERSONAS_UPN.ceo.toLowerCase()
  });
  const summary = await run();
  expect(summary.recheck).toMatchObject({ ran: true, rechecked: 1, restored: 1, rewritten: 1 });
  const after = await relayByClientId(delivery);
  expect(after[RELAY_FIELDS.insightId]).toBe(insight);
  expect(after[RELAY_FIELDS.ingestState]).toBe('clustered');
  expect(after[RELAY_FIELDS.relayerUpn]).toBe(AGENT.toLowerCase());
  expect(hasSecret(after)).toBe(false);
  expect(String(after[RELAY_FIELDS.customerWords])).toContain('the delivery was rescheduled');

  // Written last by the job now: the next look leaves it alone.
  const quiet = await run();
  expect(quiet.recheck).toMatchObject({ ran: true, rechecked: 0 });
}, 120000);

it('sends a relay written as already clustered back to ingestion, which redacts it and chooses its insight', async () => {
  const target = await relayByClientId(await addRelay(j, AGENT, null, 'Refunds are blocked by the system and cash is handed back with a note.'));
  await run();
  const decoy = Number((await relayByClientId(String(target[RELAY_FIELDS.clientId])))[RELAY_FIELDS.insightId]);
  // Written by the author with the job's columns already filled in, as plain REST allows.
  const sneaky = nextClientId();
  await asAgent().items.add(relayValues({
    ...emptyDraft({ channel: 'phone', product: 'loyalty', category: 'loyalty', severity: 'normal', customerWords: `My card ${CARD} was charged twice for the same loyalty renewal, e-mail ${EMAIL}.` }),
    clientId: sneaky, redactions: {}, language: 'en'
  }, AGENT));
  const written = await relayByClientId(sneaky);
  await asAgent().items.getById(written.Id).update({ [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.insightId]: decoy, [RELAY_FIELDS.dayKey]: '2026-11-23' });
  expect(await claimOf(sneaky)).toBeUndefined();
  const summary = await run();
  expect(summary.recheck).toMatchObject({ requeued: 1 });
  const stored = await relayByClientId(sneaky);
  expect(stored[RELAY_FIELDS.ingestState]).toBe('clustered');
  expect(hasSecret(stored)).toBe(false);
  const claim = await claimOf(sneaky);
  expect(claim).toBeDefined();
  // The job chose: a loyalty complaint does not join the refunds insight the author named.
  expect(stored[RELAY_FIELDS.insightId]).toBe(claim![ACTIVITY_FIELDS.insightId]);
  expect(stored[RELAY_FIELDS.insightId]).not.toBe(decoy);
}, 120000);

it('never believes an insight the author wrote into a pending relay', async () => {
  const refund = await relayByClientId(await addRelay(j, AGENT, null, 'A ticket was printed with the wrong passenger name at the counter.'));
  await run();
  const decoy = Number((await relayByClientId(String(refund[RELAY_FIELDS.clientId])))[RELAY_FIELDS.insightId]);
  const clientId = await addRelay(j, AGENT, null, 'Phishing mails imitate our payment reminders and customers are scared.');
  const item = await relayByClientId(clientId);
  await asAgent().items.getById(item.Id).update({ [RELAY_FIELDS.insightId]: decoy });
  await run();
  const stored = await relayByClientId(clientId);
  expect(stored[RELAY_FIELDS.insightId]).not.toBe(decoy);
  expect(stored[RELAY_FIELDS.insightId]).toBe((await claimOf(clientId))![ACTIVITY_FIELDS.insightId]);
}, 120000);
