/**
 * Submitting relays under bad conditions, against the local tenant: 500 submissions while 30 % of
 * SharePoint requests fail with 429 or 503 (fault injection, as Dev Proxy's
 * GenericRandomErrorPlugin), creates whose answer is lost after SharePoint performed them, double
 * submits, and what the service refuses before any request.
 */
import { spfi, SPBrowser, SPFI } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { startRelayTenant, RelayTenant, submission } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { RelayError } from '../../services/relay/api';
import { RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import type { FaultConfig } from '../../workbench/tenant/faults';

let r: RelayTenant;

beforeAll(async () => {
  r = await startRelayTenant();
}, 60000);
afterAll(() => r.t.close());
afterEach(async () => {
  await fetch(`${r.t.origin}/_local/faults`, { method: 'DELETE' });
});

async function setFaults(c: Partial<FaultConfig>): Promise<void> {
  const res = await fetch(`${r.t.origin}/_local/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(c) });
  expect(res.status).toBe(200);
}

/** Every relay's client id, read by the tenant admin (who reads every relay) page by page. */
async function storedClientIds(): Promise<string[]> {
  const out: string[] = [];
  for await (const page of r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select('Id', RELAY_FIELDS.clientId).top(1000)) {
    out.push(...(page as Array<Record<string, string>>).map(i => i[RELAY_FIELDS.clientId]));
  }
  return out;
}

const noWait = async (): Promise<void> => undefined;

describe('500 submissions while 30 % of requests are throttled', () => {
  it('stores exactly one relay per submission: none lost, none doubled', async () => {
    const before = new Set(await storedClientIds());
    await setFaults({ failureRate: 0.3, failureStatuses: [429, 503], retryAfterSeconds: 0, seed: 2026, paths: ['/_api/'] });
    const relayers = [PERSONAS_UPN.agent, PERSONAS_UPN.employee, PERSONAS_UPN.comms, PERSONAS_UPN.ceo, PERSONAS_UPN.director];
    const services = relayers.map(upn => new RelayService({ sp: r.sp(upn) }, { me: upn, policy: r.policy, retry: { attempts: 8 }, sleep: noWait }));
    const sent = Array.from({ length: 500 }, (_x, i) => submission({ customerWords: `Relay number ${i}: the parcel arrived late again.` }));
    const requestsBefore = r.t.requests.length;
    const failures: RelayError[] = [];
    // Ten employees' browsers at a time.
    for (let i = 0; i < sent.length; i += 10) {
      const results = await Promise.allSettled(sent.slice(i, i + 10).map((s, k) => services[(i + k) % services.length].submit(s)));
      for (const res of results) if (res.status === 'rejected') failures.push(res.reason as RelayError);
    }
    await setFaults({ failureRate: 0 });
    const throttled = r.t.requests.slice(requestsBefore).filter(q => q.status === 429 || q.status === 503).length;
    expect(throttled).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    const stored = (await storedClientIds()).filter(id => !before.has(id));
    expect(stored).toHaveLength(500);
    expect(new Set(stored).size).toBe(500);
    expect(new Set(stored)).toEqual(new Set(sent.map(s => s.clientId)));
  }, 120000);
});

/** PnPjs for `upn` whose answers to item creates are lost (after SharePoint performed them) `times` times. */
function losingAnswers(upn: string, times: number): { sp: SPFI; lost: () => number } {
  let lost = 0;
  const sp = spfi(r.t.siteUrl).using(SPBrowser({ baseUrl: r.t.siteUrl }), InjectHeaders({ 'x-local-user': upn }), instance => {
    instance.on.parse.prepend(async function (url: URL, response: Response, result: unknown) {
      if (response.status === 201 && /\/items$/.test(url.pathname) && lost < times) {
        lost++;
        throw new TypeError('network connection lost');
      }
      return [url, response, result];
    });
    return instance;
  });
  return { sp, lost: () => lost };
}

describe('idempotent creates', () => {
  it('a create whose answer was lost is found by its client id, not made twice', async () => {
    const { sp, lost } = losingAnswers(PERSONAS_UPN.agent, 1);
    const service = new RelayService({ sp }, { me: PERSONAS_UPN.agent, policy: r.policy, sleep: noWait });
    const s = submission();
    const relay = await service.submit(s);
    expect(lost()).toBe(1);
    expect(relay).toMatchObject({ clientId: s.clientId, relayerUpn: PERSONAS_UPN.agent.toLowerCase(), ingestState: 'pending' });
    expect((await storedClientIds()).filter(id => id === s.clientId)).toHaveLength(1);
  });

  it('a double submit answers the first relay', async () => {
    const service = new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy });
    const s = submission();
    const [a, b] = await Promise.all([service.submit(s), service.submit(s)]);
    expect(b.id).toBe(a.id);
    expect((await service.submit(s)).id).toBe(a.id);
  });

  it('another person\'s client id is refused', async () => {
    const s = submission();
    await new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy }).submit(s);
    await expect(new RelayService({ sp: r.sp(PERSONAS_UPN.employee) }, { me: PERSONAS_UPN.employee, policy: r.policy }).submit(s))
      .rejects.toMatchObject({ code: 'forbidden' });
  });

  it('gives up with unavailable when SharePoint keeps failing, and stores nothing', async () => {
    await setFaults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 0, paths: ['/_api/'] });
    const s = submission();
    const err = await new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy, sleep: noWait }).submit(s).catch(e => e);
    expect(err).toBeInstanceOf(RelayError);
    expect(err.code).toBe('unavailable');
    await setFaults({ failureRate: 0 });
    expect((await storedClientIds()).filter(id => id === s.clientId)).toEqual([]);
  });
});

describe('an outage', () => {
  it('admits failure within seconds: one request per attempt (no retries multiplied inside), waits bounded, progress told', async () => {
    // SharePoint down, asking to come back in 2 s: what a user met for 65 s before.
    await setFaults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 2, paths: ['/_api/'] });
    const waits: number[] = [];
    const told: number[] = [];
    const started = Date.now();
    try {
      const service = new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, {
        me: PERSONAS_UPN.agent, policy: r.policy, sleep: async ms => { waits.push(ms); }
      });
      const err = await service.submit(submission(), { onRetrying: n => told.push(n) }).catch(e => e);
      expect(err).toMatchObject({ code: 'unavailable' });
    } finally {
      await setFaults({ failureRate: 0 });
    }
    // Our waits are faked: the real time spent is PnPjs's, which must not retry the create itself.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6000);
    expect(waits.every(w => w <= 4000)).toBe(true);
    // The form hears of the first failure at once, not after the last one.
    expect(told[0]).toBe(1);
    expect(told.length).toBe(waits.length);
  }, 60000);
});

describe('what is refused before storing', () => {
  const service = (): RelayService => new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy });

  it('invalid fields are named', async () => {
    const err = await service().submit(submission({ category: 'nope', customerWords: '  ', clientId: 'not-a-uuid' })).catch(e => e);
    expect(err).toMatchObject({ code: 'invalid' });
    expect((err as RelayError).fields.sort()).toEqual(['category', 'clientId', 'customerWords']);
  });

  it('PII a client left in is redacted before storing', async () => {
    const relay = await service().submit(submission({ customerWords: 'Call me back at 514-555-0199 or write to jane.doe@example.com about the delivery.' }));
    const stored = (await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(relay.id)()) as Record<string, unknown>;
    expect(String(stored[RELAY_FIELDS.customerWords])).not.toMatch(/514-555-0199|jane\.doe/);
    expect(String(stored.Title)).not.toMatch(/514-555-0199|jane\.doe/);
    expect(JSON.parse(String(stored[RELAY_FIELDS.redactions]))).toMatchObject({ phone: 1, email: 1 });
  });
});
