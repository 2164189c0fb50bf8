/**
 * Who reads and writes what on the relay lists, through SharePoint's REST API itself (plain
 * fetch, no suite code in between): SharePoint, not the suite's views, keeps relays private
 * (read security 2; the management role's Design overrides it), insights read-only for employees
 * and the timeline for the management role only.
 */
import { PERSONAS_UPN } from '../support/graph-client';
import { startRelayTenant, RelayTenant, submission } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { ingestPendingRelays } from '../../services/relay/ingest';
import { odataString } from '../../core/odata';
import {
  INGEST_STATES, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../../services/provisioning/relayLists';
import { provisionSuite } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import '@pnp/sp/fields';
import type { Relay } from '../../core/relay/model';

let r: RelayTenant;
let agentRelay: Relay;
let employeeRelay: Relay;
let insightId: number;

beforeAll(async () => {
  r = await startRelayTenant();
  agentRelay = await new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy }).submit(submission());
  employeeRelay = await new RelayService({ sp: r.sp(PERSONAS_UPN.employee) }, { me: PERSONAS_UPN.employee, policy: r.policy })
    .submit(submission({ category: 'tickets', product: 'tickets', customerWords: 'The ticket shows the wrong date.' }));
  await ingestPendingRelays({ sp: r.admin }, { policy: r.policy, now: new Date('2026-11-02T15:00:00Z'), managerChainOf: async () => [] });
  const row = (await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(agentRelay.id)()) as Record<string, unknown>;
  insightId = row[RELAY_FIELDS.insightId] as number;
}, 60000);
afterAll(() => r.t.close());

const listUrl = (title: string): string => `${r.t.siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(title)}')`;

/** The caller's form digest (POST /_api/contextinfo), which SharePoint demands on every write. */
async function digestOf(upn: string): Promise<string> {
  const res = await fetch(`${r.t.siteUrl}/_api/contextinfo`, { method: 'POST', headers: { 'x-local-user': upn, Accept: 'application/json;odata=nometadata' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { FormDigestValue: string }).FormDigestValue;
}

async function rest(upn: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const digest: Record<string, string> = method === 'GET' ? {} : { 'X-RequestDigest': await digestOf(upn) };
  const res = await fetch(path, {
    method,
    headers: { 'x-local-user': upn, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', ...digest, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = {};
  }
  return { status: res.status, json };
}

const ids = (json: Record<string, unknown>): number[] => ((json.value as Array<{ Id: number }>) || []).map(i => i.Id);

describe('relays ("Customer feedback", read security 2)', () => {
  it('an employee reads only their own relays: a list query returns only them', async () => {
    const all = await rest(PERSONAS_UPN.employee, 'GET', `${listUrl(RELAYS_LIST_TITLE)}/items?$select=Id,${RELAY_FIELDS.relayerUpn}&$top=100`);
    expect(all.status).toBe(200);
    expect(ids(all.json)).toEqual([employeeRelay.id]);
    const filtered = await rest(PERSONAS_UPN.employee, 'GET',
      `${listUrl(RELAYS_LIST_TITLE)}/items?$select=Id&$filter=${encodeURIComponent(`${RELAY_FIELDS.relayerUpn} eq ${odataString(PERSONAS_UPN.agent.toLowerCase())}`)}`);
    expect(ids(filtered.json)).toEqual([]);
  });

  it('another employee\'s relay by id answers 404', async () => {
    const res = await rest(PERSONAS_UPN.employee, 'GET', `${listUrl(RELAYS_LIST_TITLE)}/items(${agentRelay.id})`);
    expect(res.status).toBe(404);
  });

  it('an employee cannot change another employee\'s relay', async () => {
    const res = await rest(PERSONAS_UPN.employee, 'POST', `${listUrl(RELAYS_LIST_TITLE)}/items(${agentRelay.id})`,
      { [RELAY_FIELDS.customerWords]: 'changed' }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
    expect([403, 404]).toContain(res.status);
  });

  it('a management-role member reads every relay', async () => {
    const all = await rest(PERSONAS_UPN.manager, 'GET', `${listUrl(RELAYS_LIST_TITLE)}/items?$select=Id&$top=100`);
    expect(ids(all.json).sort()).toEqual([agentRelay.id, employeeRelay.id].sort());
    expect((await rest(PERSONAS_UPN.manager, 'GET', `${listUrl(RELAYS_LIST_TITLE)}/items(${agentRelay.id})`)).status).toBe(200);
  });
});

describe('insights ("Customer insights")', () => {
  it('everyone reads them; an employee cannot update one (403); the management role can', async () => {
    const read = await rest(PERSONAS_UPN.employee, 'GET', `${listUrl(INSIGHTS_LIST_TITLE)}/items(${insightId})?$select=Id,${INSIGHT_FIELDS.reach}`);
    expect(read.status).toBe(200);
    const write = await rest(PERSONAS_UPN.employee, 'POST', `${listUrl(INSIGHTS_LIST_TITLE)}/items(${insightId})`,
      { [INSIGHT_FIELDS.reach]: 999 }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
    expect(write.status).toBe(403);
    // Refused for want of permission (not for a missing form digest).
    expect(JSON.stringify(write.json)).toMatch(/UnauthorizedAccessException|Access denied/i);
    const add = await rest(PERSONAS_UPN.agent, 'POST', `${listUrl(INSIGHTS_LIST_TITLE)}/items`, { Title: 'x', [INSIGHT_FIELDS.key]: 'forged' });
    expect(add.status).toBe(403);
    const byManager = await rest(PERSONAS_UPN.manager, 'POST', `${listUrl(INSIGHTS_LIST_TITLE)}/items(${insightId})`,
      { [INSIGHT_FIELDS.closureReason]: 'checked' }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
    expect(byManager.status).toBe(204);
  });
});

describe('the timeline ("Insight activity")', () => {
  it('nobody but the management role (and tenant admins) reads it', async () => {
    const url = `${listUrl(INSIGHT_ACTIVITY_LIST_TITLE)}/items?$select=Id&$top=10`;
    for (const upn of [PERSONAS_UPN.employee, PERSONAS_UPN.agent, PERSONAS_UPN.comms, PERSONAS_UPN.communityManager]) {
      const res = await rest(upn, 'GET', url);
      expect({ upn, refused: res.status === 403 || res.status === 404 }).toEqual({ upn, refused: true });
    }
    const manager = await rest(PERSONAS_UPN.manager, 'GET', url);
    expect(manager.status).toBe(200);
    expect(ids(manager.json).length).toBeGreaterThanOrEqual(2);
  });
});

describe('provisioning a site made before the "rejected" ingest state', () => {
  it('adds the new choice to the existing column, once', async () => {
    const list = r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE);
    const field = list.fields.getByInternalNameOrTitle(RELAY_FIELDS.ingestState);
    await field.update({ Choices: ['pending', 'clustered'] }, 'SP.FieldChoice');
    const again = await provisionSuite(r.admin, { roles: r.roles, lists: SUITE_LISTS });
    expect(again.changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'updatedField', target: `${RELAYS_LIST_TITLE}/${RELAY_FIELDS.ingestState}` })
    ]));
    expect(((await field.select('Choices')()) as { Choices: string[] }).Choices).toEqual([...INGEST_STATES]);
    expect(INGEST_STATES).toContain('rejected');
    expect((await provisionSuite(r.admin, { roles: r.roles, lists: SUITE_LISTS })).changes).toEqual([]);
  });
});
