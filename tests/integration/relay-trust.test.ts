/**
 * The relay's trust boundary on the trusted side, attacked as an employee would: relays POSTed
 * straight to "Customer feedback" with PnPjs `items.add` (plain REST, no RelayService, no form),
 * then the relay job's ingestion. PII, size and a forged RelayerUpn must not get past the job;
 * "My relays" must work for an employee with 6,000 relays; a failing duplicate look-up in submit
 * must surface as a RelayError.
 */
import { spfi, SPBrowser } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { clientId, graphManagerChain, startRelayTenant, RelayTenant, submission } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { InsightService } from '../../services/relay/insights';
import { RelayError } from '../../services/relay/api';
import { ingestPendingRelays, IngestOptions } from '../../services/relay/ingest';
import { RELAY_LIMITS } from '../../core/relay/submission';
import { bulkInsertItems } from '../../workbench/tenant/sp/admin';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../../services/provisioning/relayLists';

let r: RelayTenant;
let chainOf: IngestOptions['managerChainOf'];

beforeAll(async () => {
  r = await startRelayTenant();
  chainOf = graphManagerChain(r);
}, 60000);
afterAll(() => r.t.close());

const ingest = (): ReturnType<typeof ingestPendingRelays> =>
  ingestPendingRelays({ sp: r.admin }, { policy: r.policy, now: new Date('2026-11-02T15:00:00Z'), managerChainOf: chainOf });
const relayAs = (upn: string): RelayService => new RelayService({ sp: r.sp(upn) }, { me: upn, policy: r.policy });

type Row = Record<string, unknown> & { Id: number };
const relayRow = async (id: number): Promise<Row> => r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(id)() as Promise<Row>;
const insightRow = async (id: number): Promise<Row> => r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(id)() as Promise<Row>;
const activityOf = async (insightId: number): Promise<Row[]> =>
  r.admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items.filter(`${ACTIVITY_FIELDS.insightId} eq ${insightId}`).top(500)() as Promise<Row[]>;

/** A relay as an employee POSTs it with plain REST: every column as they like it, no redaction, no limits. */
async function postRaw(upn: string, values: Record<string, unknown>): Promise<{ id: number; clientId: string }> {
  const id = clientId();
  const item = (await r.sp(upn).web.lists.getByTitle(RELAYS_LIST_TITLE).items.add({
    Title: 'raw relay', [RELAY_FIELDS.clientId]: id, [RELAY_FIELDS.relayerUpn]: upn.toLowerCase(), [RELAY_FIELDS.channel]: 'phone',
    [RELAY_FIELDS.product]: 'home-delivery', [RELAY_FIELDS.category]: 'delivery', [RELAY_FIELDS.severity]: 'normal',
    [RELAY_FIELDS.customerWords]: 'A relay.', [RELAY_FIELDS.language]: 'en', [RELAY_FIELDS.ingestState]: 'pending', ...values
  })) as { Id: number };
  return { id: item.Id, clientId: id };
}

const PII = /jane\.doe|example\.com|4111|1111 1111|514-555|555-0199/;

describe('PII POSTed straight into a relay', () => {
  it('never reaches the insight or the timeline, and is gone from the stored relay after the run', async () => {
    const raw = await postRaw(PERSONAS_UPN.employee, {
      Title: 'jane.doe@example.com 514-555-0199',
      [RELAY_FIELDS.category]: 'refunds', [RELAY_FIELDS.product]: 'gift-cards',
      [RELAY_FIELDS.customerWords]: 'Refund my gift card 4111 1111 1111 1111 now, write to jane.doe@example.com or call 514-555-0199.',
      [RELAY_FIELDS.observation]: 'She asked to be called back at 514-555-0199.',
      [RELAY_FIELDS.promiseText]: 'Confirmation to jane.doe@example.com',
      [RELAY_FIELDS.segment]: 'jane.doe@example.com',
      [RELAY_FIELDS.redactions]: JSON.stringify({ leaked: 'jane.doe@example.com' })
    });
    const result = await ingest();
    expect(result).toMatchObject({ failed: 0, rewritten: 1, rejected: 0 });
    const stored = await relayRow(raw.id);
    expect(stored[RELAY_FIELDS.ingestState]).toBe('clustered');
    for (const field of ['Title', RELAY_FIELDS.customerWords, RELAY_FIELDS.observation, RELAY_FIELDS.promiseText, RELAY_FIELDS.segment, RELAY_FIELDS.redactions]) {
      expect({ field, value: String(stored[field]) }).toEqual({ field, value: expect.not.stringMatching(PII) });
    }
    expect(String(stored[RELAY_FIELDS.customerWords])).toBe('Refund my gift card [card] now, write to [email] or call [phone].');
    // Counts only, of what this pass removed (the forged "leaked" value is dropped).
    expect(JSON.parse(String(stored[RELAY_FIELDS.redactions]))).toEqual({ paymentCard: 1, email: 3, phone: 2 });
    const insight = await insightRow(stored[RELAY_FIELDS.insightId] as number);
    expect(String(insight.Title)).not.toMatch(PII);
    expect(String(insight[INSIGHT_FIELDS.summary])).not.toMatch(PII);
    expect(String(insight[INSIGHT_FIELDS.summary])).toContain('[card]');
    const entries = await activityOf(insight.Id);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(JSON.stringify(e)).not.toMatch(PII);
  });
});

describe('a 1 MB relay POSTed straight into the list', () => {
  it('is rejected: not clustered, its text cut to the form\'s limit, and My relays says it was not accepted', async () => {
    const huge = `Parcel lost ${'and nobody answers '.repeat(55000)}`;
    expect(huge.length).toBeGreaterThan(1000000);
    const before = ((await r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.select('Id').top(5000)()) as Row[]).length;
    const raw = await postRaw(PERSONAS_UPN.agent, { [RELAY_FIELDS.customerWords]: huge, [RELAY_FIELDS.observation]: 'o'.repeat(5000) });
    expect(await ingest()).toMatchObject({ rejected: 1, failed: 0 });
    const stored = await relayRow(raw.id);
    expect(stored[RELAY_FIELDS.ingestState]).toBe('rejected');
    expect(stored[RELAY_FIELDS.insightId]).toBeNull();
    expect(String(stored[RELAY_FIELDS.customerWords]).length).toBe(RELAY_LIMITS.customerWords);
    expect(String(stored[RELAY_FIELDS.observation]).length).toBe(RELAY_LIMITS.observation);
    // Nothing reached the insights list.
    const insights = (await r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.select('Id', INSIGHT_FIELDS.key, INSIGHT_FIELDS.summary).top(5000)()) as Row[];
    expect(insights).toHaveLength(before);
    expect(insights.some(i => i[INSIGHT_FIELDS.key] === `relay:${raw.clientId}`)).toBe(false);
    expect(Math.max(...insights.map(i => String(i[INSIGHT_FIELDS.summary] || '').length))).toBeLessThanOrEqual(RELAY_LIMITS.customerWords);
    // A second run leaves it alone.
    expect(await ingest()).toMatchObject({ rejected: 0, processed: 0 });
    const mine = await relayAs(PERSONAS_UPN.agent).myRelays();
    const shown = mine.items.find(x => x.relay.id === raw.id);
    expect(shown).toBeDefined();
    expect(shown!.relay).toMatchObject({ ingestState: 'rejected', rejection: { reason: 'tooLong', fields: ['customerWords', 'observation'] } });
    expect(shown!.insight).toBeNull();
  }, 60000);
});

describe('a relay whose RelayerUpn claims the CEO', () => {
  it('is its real author\'s everywhere: routing, the timeline, the relays of the insight, My relays, the client id check', async () => {
    const author = PERSONAS_UPN.employee.toLowerCase();
    const ceo = PERSONAS_UPN.ceo.toLowerCase();
    const forged = submission({
      category: 'service-quality', product: 'in-store', customerWords: 'The fitting rooms were locked all afternoon and nobody had the key.'
    });
    const raw = await postRaw(author, {
      [RELAY_FIELDS.clientId]: forged.clientId, [RELAY_FIELDS.relayerUpn]: ceo, [RELAY_FIELDS.category]: forged.category,
      [RELAY_FIELDS.product]: forged.product, [RELAY_FIELDS.customerWords]: forged.customerWords
    });
    // The client id check: the author's own submit answers their relay; the CEO's is refused.
    expect((await relayAs(author).submit(forged)).id).toBe(raw.id);
    await expect(relayAs(ceo).submit(forged)).rejects.toMatchObject({ code: 'forbidden' });

    await ingest();
    const stored = await relayRow(raw.id);
    // Routed by the author's manager chain (rule service-quality-to-manager), not the CEO's.
    const insight = await insightRow(stored[RELAY_FIELDS.insightId] as number);
    const authorsManager = (await chainOf(author))[0].upn.toLowerCase();
    const ceosManager = ((await chainOf(ceo))[0] || { upn: '' }).upn.toLowerCase();
    expect(authorsManager).not.toBe(ceosManager);
    expect(insight).toMatchObject({ [INSIGHT_FIELDS.ownerUpn]: authorsManager, [INSIGHT_FIELDS.ownerSource]: 'rule:service-quality-to-manager' });
    // The timeline's actor is the author.
    const [entry] = (await activityOf(insight.Id)).filter(e => e[ACTIVITY_FIELDS.key] === `relay:${forged.clientId}`);
    expect(entry[ACTIVITY_FIELDS.actorUpn]).toBe(author);
    // The management role's view of the insight's relays.
    const relays = await new InsightService({ sp: r.sp(PERSONAS_UPN.manager) }, { me: PERSONAS_UPN.manager, policy: r.policy, groupIds: async () => [] })
      .relaysOf(insight.Id);
    expect(relays.find(x => x.id === raw.id)).toMatchObject({ relayerUpn: author });
    // The column is made the author's, so the outcome message goes to them.
    expect(stored[RELAY_FIELDS.relayerUpn]).toBe(author);
    expect((await relayAs(author).myRelays()).items.map(x => x.relay.id)).toContain(raw.id);
    expect((await relayAs(ceo).myRelays()).items.map(x => x.relay.id)).not.toContain(raw.id);
  }, 60000);
});

describe('a failing duplicate look-up', () => {
  it('surfaces as a RelayError, not a raw PnPjs error', async () => {
    const s = submission();
    await relayAs(PERSONAS_UPN.agent).submit(s);
    // The same submit again (a double click): the create is refused as a duplicate, then the look-up by ClientId fails.
    let looked = 0;
    const sp = spfi(r.t.siteUrl).using(SPBrowser({ baseUrl: r.t.siteUrl }), InjectHeaders({ 'x-local-user': PERSONAS_UPN.agent }), instance => {
      instance.on.pre(async function (url: string, init: RequestInit, result: unknown) {
        if (init.method !== 'POST' && decodeURIComponent(url).includes(s.clientId)) {
          looked++;
          throw new Error('connection reset');
        }
        return [url, init, result];
      });
      return instance;
    });
    const err = await new RelayService({ sp }, { me: PERSONAS_UPN.agent, policy: r.policy, sleep: async () => undefined }).submit(s).catch(e => e);
    expect(looked).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(RelayError);
    expect((err as RelayError).code).toBe('unavailable');
  });
});

describe('My relays of an employee with 6,000 relays', () => {
  it('answers page 1 and page 2 newest first, in about two requests a page', async () => {
    const heavy = PERSONAS_UPN.director.toLowerCase();
    const base = Date.parse('2026-06-01T12:00:00Z');
    bulkInsertItems(r.t.tenant.db, RELAYS_LIST_TITLE, Array.from({ length: 6000 }, (_x, i) => ({
      Title: `Relay ${i}`, [RELAY_FIELDS.clientId]: clientId(), [RELAY_FIELDS.relayerUpn]: heavy, [RELAY_FIELDS.channel]: 'phone',
      [RELAY_FIELDS.category]: 'delivery', [RELAY_FIELDS.product]: 'home-delivery', [RELAY_FIELDS.severity]: 'normal',
      [RELAY_FIELDS.customerWords]: `Heavy relay ${i}`, [RELAY_FIELDS.language]: 'en', [RELAY_FIELDS.ingestState]: 'clustered',
      Created: new Date(base + i * 60000).toISOString()
    })), heavy);
    // One relay claiming to be theirs, by someone else: the director reads it (management role), but it is not theirs.
    const claim = await postRaw(PERSONAS_UPN.agent, { [RELAY_FIELDS.relayerUpn]: heavy, [RELAY_FIELDS.ingestState]: 'clustered' });
    const latest = (await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select('Id', 'Title').orderBy('Id', false).top(5)()) as Row[];
    const newest = (latest.find(x => x.Title === 'Relay 5999') as Row).Id;
    expect(latest[0].Id).toBe(claim.id);
    const service = relayAs(heavy);

    const page1 = await service.myRelays();
    expect(page1.items.map(x => x.relay.id)).toEqual(Array.from({ length: 20 }, (_x, k) => newest - k));
    expect(page1.items.map(x => x.relay.id)).not.toContain(claim.id);
    expect(page1.items.every(x => x.relay.relayerUpn === heavy)).toBe(true);
    expect(page1.next).not.toBeNull();

    const sent = r.t.requests.length;
    const page2 = await service.myRelays(page1.next);
    expect(page2.items.map(x => x.relay.id)).toEqual(Array.from({ length: 20 }, (_x, k) => newest - 20 - k));
    expect(r.t.requests.length - sent).toBeLessThanOrEqual(2);

    // The last page: the oldest ten, among other people's relays, and no page after it.
    const oldest = newest - 5999;
    const last = await service.myRelays(page2.next!.replace(/p_ID=\d+$/, `p_ID=${oldest + 10}`));
    expect(last.items.map(x => x.relay.id)).toEqual(Array.from({ length: 10 }, (_x, k) => oldest + 9 - k));
    expect(last.next).toBeNull();
  }, 120000);
});
