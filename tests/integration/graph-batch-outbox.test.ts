/**
 * JSON $batch (20 at most), sendMail and Teams activity notifications kept in the outbox,
 * through the Graph JS client.
 */
import { BatchRequestContent, BatchResponseContent, GraphError } from '@microsoft/microsoft-graph-client';
import { graphFor, startSeededTenant, SeededTenant, PERSONAS_UPN } from '../support/graph-client';
import type { OutboxMessage } from '../../workbench/tenant/types';

let t: SeededTenant;

beforeAll(async () => {
  t = await startSeededTenant();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await fetch(`${t.origin}/_local/outbox`, { method: 'DELETE' });
});

async function outbox(): Promise<OutboxMessage[]> {
  const res = await fetch(`${t.origin}/_local/outbox`);
  expect(res.status).toBe(200);
  return (await res.json() as { messages: OutboxMessage[] }).messages;
}

async function graphErrorOf(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    return e as GraphError;
  }
  throw new Error('expected the request to fail');
}

describe('$batch', () => {
  it('answers a batch of 20, each request with its own status', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.manager);
    const steps = Array.from({ length: 19 }, (_, i) => ({
      id: String(i + 1),
      request: new Request(`${t.graphBaseUrl}/v1.0/users?$top=1&$select=id,displayName&$filter=department eq 'IT'`, { method: 'GET' })
    }));
    steps[0] = { id: '1', request: new Request(`${t.graphBaseUrl}/v1.0/me`, { method: 'GET' }) };
    steps[1] = { id: '2', request: new Request(`${t.graphBaseUrl}/v1.0/me/manager?$select=displayName`, { method: 'GET' }) };
    steps.push({ id: '20', request: new Request(`${t.graphBaseUrl}/v1.0/users/nobody@northwind-retail.example`, { method: 'GET' }) });
    const content = new BatchRequestContent(steps);
    const payload = await content.getContent();
    expect((payload as { requests: unknown[] }).requests).toHaveLength(20);
    const raw = await graph.api('/$batch').post(payload);
    const responses = new BatchResponseContent(raw);
    const me = await responses.getResponseById('1').json() as { displayName: string };
    expect(me.displayName).toBe('Marc-André Gagnon');
    const manager = await responses.getResponseById('2').json() as { displayName: string };
    expect(manager.displayName).toBe("Catherine O'Neill");
    expect(responses.getResponseById('7').status).toBe(200);
    const missing = responses.getResponseById('20');
    expect(missing.status).toBe(404);
    expect((await missing.json() as { error: { code: string } }).error.code).toBe('Request_ResourceNotFound');
  });

  it('refuses a batch of 21 with 400 and performs none of it', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: '/me/sendMail',
      headers: { 'Content-Type': 'application/json' },
      body: { message: { subject: `n${i}`, toRecipients: [{ emailAddress: { address: PERSONAS_UPN.manager } }] } }
    }));
    const err = await graphErrorOf(graph.api('/$batch').post({ requests }));
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('20');
    expect(await outbox()).toHaveLength(0);
  });

  it('answers 424 to a request whose dependency failed', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const raw = await graph.api('/$batch').post({
      requests: [
        { id: 'a', method: 'GET', url: '/users/nobody@northwind-retail.example' },
        { id: 'b', method: 'GET', url: '/me', dependsOn: ['a'] },
        { id: 'c', method: 'GET', url: '/me' }
      ]
    }) as { responses: { id: string; status: number }[] };
    const status = Object.fromEntries(raw.responses.map(r => [r.id, r.status]));
    expect(status).toEqual({ a: 404, b: 424, c: 200 });
  });

  it('returns binary answers base64-encoded', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const raw = await graph.api('/$batch').post({ requests: [{ id: 'p', method: 'GET', url: '/me/photo/$value' }] }) as { responses: { body: string; headers: Record<string, string> }[] };
    expect(raw.responses[0].headers['Content-Type']).toBe('image/png');
    expect(Buffer.from(raw.responses[0].body, 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});

describe('outbound notifications', () => {
  it('keeps sendMail in the outbox (202), newest first', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.manager);
    for (const subject of ['Première', 'Seconde']) {
      await graph.api('/me/sendMail').post({
        message: {
          subject,
          body: { contentType: 'Text', content: `Bonjour Émilie — ${subject}` },
          toRecipients: [{ emailAddress: { address: PERSONAS_UPN.agent } }]
        },
        saveToSentItems: false
      });
    }
    const messages = await outbox();
    expect(messages.map(m => m.subject)).toEqual(['Seconde', 'Première']);
    expect(messages[0]).toMatchObject({ kind: 'mail', from: PERSONAS_UPN.manager, to: [PERSONAS_UPN.agent], body: 'Bonjour Émilie — Seconde' });
  });

  it('refuses to send as another user and to send without recipients', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const other = await graphErrorOf(graph.api(`/users/${PERSONAS_UPN.ceo}/sendMail`).post({
      message: { subject: 'x', toRecipients: [{ emailAddress: { address: PERSONAS_UPN.manager } }] }
    }));
    expect(other.statusCode).toBe(403);
    const none = await graphErrorOf(graph.api('/me/sendMail').post({ message: { subject: 'x', toRecipients: [] } }));
    expect(none.statusCode).toBe(400);
    expect(none.code).toBe('ErrorInvalidRecipients');
    expect(await outbox()).toHaveLength(0);
  });

  it('keeps Teams activity notifications in the outbox (204)', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    await graph.api(`/users/${PERSONAS_UPN.manager}/teamwork/sendActivityNotification`).post({
      topic: { source: 'text', value: 'Relais', webUrl: 'https://teams.microsoft.com/l/entity/app/relays' },
      activityType: 'relayAssigned',
      previewText: { content: 'Un relais vous attend' },
      templateParameters: [{ name: 'relayTitle', value: 'Livraison reportée au samedi' }]
    });
    const [m] = await outbox();
    expect(m).toMatchObject({ kind: 'teamsActivity', from: PERSONAS_UPN.agent, to: [PERSONAS_UPN.manager], subject: 'Un relais vous attend' });
    const bad = await graphErrorOf(graph.api(`/users/${PERSONAS_UPN.manager}/teamwork/sendActivityNotification`).post({ activityType: 'x' }));
    expect(bad.statusCode).toBe(400);
  });
});
