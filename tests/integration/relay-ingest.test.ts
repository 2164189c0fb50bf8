/**
 * Ingestion against the local tenant: employees submit relays through RelayService, the relay job's
 * identity clusters them (services/relay/ingest.ts). One problem told in French and in English ends
 * in one insight; a requested join is honoured; routing follows the policy; a run that crashes at
 * any step is finished by the next one without double counting or losing a relay.
 */
import { spfi, SPBrowser, SPFI } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { graphManagerChain, startRelayTenant, RelayTenant, submission } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { ingestPendingRelays, IngestOptions } from '../../services/relay/ingest';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import { odataString } from '../../core/odata';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../../services/provisioning/relayLists';
import type { Relay } from '../../core/relay/model';

let r: RelayTenant;
let chainOf: IngestOptions['managerChainOf'];

beforeAll(async () => {
  r = await startRelayTenant();
  chainOf = graphManagerChain(r);
}, 60000);
afterAll(() => r.t.close());

const relayAs = (upn: string): RelayService => new RelayService({ sp: r.sp(upn) }, { me: upn, policy: r.policy });
const ingest = (sp: SPFI = r.admin): ReturnType<typeof ingestPendingRelays> =>
  ingestPendingRelays({ sp }, { policy: r.policy, now: new Date('2026-11-02T15:00:00Z'), managerChainOf: chainOf });

interface Row { Id: number; [k: string]: unknown }
const relayRow = async (id: number): Promise<Row> => r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(id)() as Promise<Row>;
const insightRow = async (id: number): Promise<Row> => r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(id)() as Promise<Row>;
const activityOf = async (insightId: number): Promise<Row[]> =>
  r.admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items.filter(`${ACTIVITY_FIELDS.insightId} eq ${insightId}`).top(5000)() as Promise<Row[]>;
const insightsByKey = async (key: string): Promise<Row[]> =>
  r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.filter(`${INSIGHT_FIELDS.key} eq ${odataString(key)}`)() as Promise<Row[]>;
const pendingCount = async (): Promise<number> =>
  ((await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select('Id').filter(`${RELAY_FIELDS.ingestState} eq 'pending'`).top(5000)()) as Row[]).length;

/** The job's PnPjs, whose requests matching `crash` fail once each (the job dies there). */
function crashingSp(crash: (init: RequestInit) => boolean): SPFI {
  return spfi(r.t.siteUrl).using(SPBrowser({ baseUrl: r.t.siteUrl }), InjectHeaders({ 'x-local-user': PERSONAS_UPN.admin }), instance => {
    instance.on.pre(async function (url: string, init: RequestInit, result: unknown) {
      if (crash(init)) throw new Error('injected crash');
      return [url, init, result];
    });
    return instance;
  });
}
const bodyOf = (init: RequestInit): string => (typeof init.body === 'string' ? init.body : '');

describe('clustering', () => {
  it('the same problem in French and in English ends in one insight with reach 2', async () => {
    const en = await relayAs(PERSONAS_UPN.agent).submit(submission({
      category: 'billing', product: 'customer-account', customerWords: 'I was charged twice on my invoice this month and nobody can explain the double billing.'
    }));
    const fr = await relayAs(PERSONAS_UPN.employee).submit(submission({
      category: 'billing', product: 'customer-account', language: 'fr', customerWords: 'On m’a facturé deux fois sur ma facture ce mois-ci, double facturation.'
    }));
    const result = await ingest();
    // Stored by the service, already clean: the trusted pass rewrites nothing.
    expect(result).toMatchObject({ processed: 2, created: 1, joined: 1, failed: 0, rejected: 0, rewritten: 0 });
    const [a, b] = await Promise.all([relayRow(en.id), relayRow(fr.id)]);
    expect(a[RELAY_FIELDS.insightId]).toBe(b[RELAY_FIELDS.insightId]);
    expect(a[RELAY_FIELDS.ingestState]).toBe('clustered');
    expect(a[RELAY_FIELDS.dayKey]).toBe('2026-11-02');
    const insight = await insightRow(a[RELAY_FIELDS.insightId] as number);
    expect(insight).toMatchObject({ [INSIGHT_FIELDS.reach]: 2, [INSIGHT_FIELDS.status]: 'new', [INSIGHT_FIELDS.isOpen]: true, [INSIGHT_FIELDS.key]: `relay:${en.clientId}` });
    // Routed by the policy's rule for billing.
    expect(insight).toMatchObject({ [INSIGHT_FIELDS.ownerGroupId]: DEMO_GROUPS.billing.id, [INSIGHT_FIELDS.ownerSource]: 'rule:billing-to-billing' });
    const entries = await activityOf(insight.Id);
    expect(entries.map(e => e[ACTIVITY_FIELDS.key]).sort()).toEqual([`relay:${en.clientId}`, `relay:${fr.clientId}`].sort());
    // A second run has nothing to do.
    expect(await ingest()).toEqual({ processed: 0, created: 0, joined: 0, failed: 0, rejected: 0, rewritten: 0 });
  });

  it('a different problem gets its own insight; service quality goes to the relaying employee\'s manager', async () => {
    const relay = await relayAs(PERSONAS_UPN.agent).submit(submission({
      category: 'service-quality', product: 'in-store', customerWords: 'The cashier was rude and refused to open a second till despite the queue.'
    }));
    expect(await ingest()).toMatchObject({ processed: 1, created: 1 });
    const insight = await insightRow((await relayRow(relay.id))[RELAY_FIELDS.insightId] as number);
    expect(insight[INSIGHT_FIELDS.ownerUpn]).toBe(PERSONAS_UPN.manager.toLowerCase());
    expect(insight[INSIGHT_FIELDS.ownerSource]).toBe('rule:service-quality-to-manager');
    expect(insight[INSIGHT_FIELDS.reach]).toBe(1);
  });

  it('shared everyday words do not pull a relay into another category\'s insight; a near-identical misfiled relay still joins', async () => {
    const billing = await relayAs(PERSONAS_UPN.agent).submit(submission({
      category: 'billing', product: 'customer-account', language: 'fr', customerWords: 'J’ai reçu un rappel de paiement une semaine après avoir payé. C’est stressant.'
    }));
    const courtesy = await relayAs(PERSONAS_UPN.employee).submit(submission({
      category: 'service-quality', product: 'in-store', language: 'fr',
      customerWords: 'Le caissier a été impoli et a refusé mon retour. Rappelez-moi au 06 98 76 54 32, j’ai payé avec la carte 5500 0000 0000 0004.'
    }));
    const misfiled = await relayAs(PERSONAS_UPN.agent).submit(submission({
      category: 'other', product: 'customer-account', language: 'fr', customerWords: 'J’ai reçu un rappel de paiement une semaine après avoir payé.'
    }));
    await ingest();
    const [b, c, m] = await Promise.all([relayRow(billing.id), relayRow(courtesy.id), relayRow(misfiled.id)]);
    expect(c[RELAY_FIELDS.insightId]).not.toBe(b[RELAY_FIELDS.insightId]);
    expect(m[RELAY_FIELDS.insightId]).toBe(b[RELAY_FIELDS.insightId]);
  });

  it('a requested join is honoured even when the texts differ; a severity above raises the insight\'s', async () => {
    const first = await relayAs(PERSONAS_UPN.agent).submit(submission({
      category: 'loyalty', product: 'loyalty-card', customerWords: 'Points from last week never appeared on the loyalty card.'
    }));
    await ingest();
    const target = (await relayRow(first.id))[RELAY_FIELDS.insightId] as number;
    const joined = await relayAs(PERSONAS_UPN.employee).submit(submission({
      category: 'website', product: 'online-store', severity: 'urgent', joinInsightId: target, customerWords: 'Completely unrelated words about a checkout page.'
    }));
    expect(await ingest()).toMatchObject({ processed: 1, joined: 1, created: 0 });
    expect((await relayRow(joined.id))[RELAY_FIELDS.insightId]).toBe(target);
    expect(await insightRow(target)).toMatchObject({ [INSIGHT_FIELDS.reach]: 2, [INSIGHT_FIELDS.severity]: 'urgent' });
  });

  it('an anonymous relay is counted without its author in the timeline; refused when the policy forbids it', async () => {
    const forbidding = relayAs(PERSONAS_UPN.employee);
    await expect(forbidding.submit(submission({ anonymous: true }))).rejects.toMatchObject({ code: 'invalid', fields: ['anonymous'] });
    const allowing = new RelayService({ sp: r.sp(PERSONAS_UPN.employee) }, { me: PERSONAS_UPN.employee, policy: async () => ({ ...r.policy, allowAnonymous: true }) });
    const relay = await allowing.submit(submission({
      anonymous: true, category: 'phishing-fraud', product: 'customer-account', customerWords: 'A customer received a phishing email pretending to be our loyalty team.'
    }));
    await ingest();
    const insightId = (await relayRow(relay.id))[RELAY_FIELDS.insightId] as number;
    const [entry] = await activityOf(insightId);
    expect(entry[ACTIVITY_FIELDS.actorUpn]).toBeNull();
    // SharePoint still knows who created the relay (read security 2 rests on it).
    expect((await relayRow(relay.id))[RELAY_FIELDS.relayerUpn]).toBe(PERSONAS_UPN.employee.toLowerCase());
  });
});

describe('a crashed run is finished by the next one', () => {
  // Each case tells its own problem, so that the cases do not join each other's insights.
  const steps: Array<[string, string, string, (init: RequestInit) => boolean]> = [
    ['after creating the insight (attaching the relay fails)', 'refunds', 'Gift card balance vanished after a store return.',
      init => /"InsightId":\d/.test(bodyOf(init)) && !/IngestState/.test(bodyOf(init))],
    ['after attaching the relay (the claim fails)', 'tickets', 'Concert ticket printed with the wrong passenger name twice.',
      init => /"ActivityKey":"relay:/.test(bodyOf(init))],
    ['after the claim (counting fails)', 'website', 'Website login loops forever on the password reset page.',
      init => /"Reach":/.test(bodyOf(init)) && !/InsightKey/.test(bodyOf(init))],
    ['after counting (marking the relay fails)', 'product-quality', 'Kettle handle melts after a week, plastic smell everywhere.',
      init => /"IngestState":"clustered"/.test(bodyOf(init))]
  ];

  it.each(steps)('%s', async (_name, category, words, crashAt) => {
    const a = await relayAs(PERSONAS_UPN.agent).submit(submission({ category, product: 'gift-cards', customerWords: words }));
    const b = await relayAs(PERSONAS_UPN.employee).submit(submission({ category, product: 'gift-cards', customerWords: words }));
    let crashed = 0;
    const sp = crashingSp(init => {
      if (crashed === 0 && crashAt(init)) {
        crashed++;
        return true;
      }
      return false;
    });
    const first = await ingest(sp);
    expect(crashed).toBe(1);
    expect(first.failed).toBe(1);
    const second = await ingest();
    expect(second.failed).toBe(0);
    expect(await pendingCount()).toBe(0);
    const [ra, rb] = await Promise.all([relayRow(a.id), relayRow(b.id)]);
    expect(ra[RELAY_FIELDS.insightId]).toBe(rb[RELAY_FIELDS.insightId]);
    const insightId = ra[RELAY_FIELDS.insightId] as number;
    // One insight for the problem, counted once per relay, one timeline entry per relay.
    expect(await insightsByKey(`relay:${a.clientId}`)).toHaveLength(1);
    expect(await insightsByKey(`relay:${b.clientId}`)).toHaveLength(0);
    expect(await insightRow(insightId)).toMatchObject({ [INSIGHT_FIELDS.key]: `relay:${a.clientId}`, [INSIGHT_FIELDS.reach]: 2 });
    const keys = (await activityOf(insightId)).map(e => e[ACTIVITY_FIELDS.key]).sort();
    expect(keys).toEqual([`relay:${a.clientId}`, `relay:${b.clientId}`].sort());
  });
});

describe('concurrent changes', () => {
  it('a manager\'s change to the insight during a run is kept: the job\'s update gets 412, re-reads and applies again', async () => {
    const words = 'Store receipt printer prints blank receipts at every till.';
    const first = await relayAs(PERSONAS_UPN.agent).submit(submission({ category: 'store-service', product: 'in-store', customerWords: words }));
    await ingest();
    const insightId = (await relayRow(first.id))[RELAY_FIELDS.insightId] as number;
    const second = await relayAs(PERSONAS_UPN.employee).submit(submission({ category: 'store-service', product: 'in-store', customerWords: words }));
    let interfered = false;
    const manager = r.sp(PERSONAS_UPN.manager).web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.getById(insightId);
    const sp = spfi(r.t.siteUrl).using(SPBrowser({ baseUrl: r.t.siteUrl }), InjectHeaders({ 'x-local-user': PERSONAS_UPN.admin }), instance => {
      instance.on.pre(async function (url: string, init: RequestInit, result: unknown) {
        if (!interfered && /"Reach":/.test(bodyOf(init))) {
          interfered = true;
          await manager.update({ [INSIGHT_FIELDS.closureReason]: 'Looking into it' });
        }
        return [url, init, result];
      });
      return instance;
    });
    expect(await ingest(sp)).toMatchObject({ processed: 1, joined: 1, failed: 0 });
    expect(interfered).toBe(true);
    expect((await relayRow(second.id))[RELAY_FIELDS.insightId]).toBe(insightId);
    expect(await insightRow(insightId)).toMatchObject({ [INSIGHT_FIELDS.reach]: 2, [INSIGHT_FIELDS.closureReason]: 'Looking into it' });
    const statuses = r.t.requests.filter(q => q.method === 'POST' && q.url.includes(`items(${insightId})`)).map(q => q.status);
    expect(statuses).toContain(412);
  });
});

describe('my relays', () => {
  it('lists my relays newest first with their insight, 20 a page', async () => {
    const service = relayAs(PERSONAS_UPN.ceo);
    const sent: Relay[] = [];
    for (let i = 0; i < 23; i++) sent.push(await service.submit(submission({ customerWords: `Store ${i} closed early without notice on Sunday.`, category: 'store-service', product: 'in-store' })));
    await ingest();
    const first = await service.myRelays();
    expect(first.items).toHaveLength(20);
    expect(first.items[0].relay.id).toBe(sent[22].id);
    expect(first.items.every(x => x.insight !== null && x.insight.id === x.relay.insightId)).toBe(true);
    const second = await service.myRelays(first.next);
    expect(second.items.map(x => x.relay.id)).toEqual([sent[2].id, sent[1].id, sent[0].id]);
    expect(second.next).toBeNull();
    await expect(service.myRelays('not a token')).rejects.toMatchObject({ code: 'invalid' });
  });
});
