/**
 * The workbench runs the relay job: `POST /_local/jobs/relay` runs it now (or at the instant given)
 * as the job's service account and answers its summary; the demo relay history seeded at start gives
 * it insights to escalate and closings to tell; a second run at the same instant sends nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startWorkbench, RunningWorkbench } from '../../workbench/server/workbench';
import { TEST_REFERENCE_DATE } from '../support/graph-client';
import { RELAY_JOB_UPN } from '../../workbench/tenant/seed/service';
import type { RelayJobSummary } from '../../services/relay/job';

let wb: RunningWorkbench;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-job-wb-'));
  wb = await startWorkbench({ port: 0, dbFile: path.join(dir, 'tenant.db'), referenceDate: TEST_REFERENCE_DATE, relayJobEverySeconds: 0 });
}, 120000);
afterAll(async () => {
  await wb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (body?: string): Promise<Response> => fetch(`${wb.url}/_local/jobs/relay`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

describe('POST /_local/jobs/relay', () => {
  it('runs the job at the given instant and answers its summary; a rerun sends nothing', async () => {
    const now = '2026-11-02T16:00:00.000Z';
    const res = await post(JSON.stringify({ now }));
    expect(res.status).toBe(200);
    const summary = (await res.json()) as RelayJobSummary;
    expect(summary.failed).toBe(0);
    expect(summary.stats.days).toEqual(['2026-11-01', '2026-11-02']);
    expect(summary.clock.insights).toBeGreaterThan(5);
    expect(summary.clock.sent + summary.outcomes.sent).toBeGreaterThan(0);
    const outbox = (await (await fetch(`${wb.url}/_local/outbox`)).json()) as { messages: Array<{ from: string; subject: string }> };
    expect(outbox.messages.filter(m => m.from === RELAY_JOB_UPN).length).toBe(summary.clock.messages + summary.outcomes.messages);

    const again = (await (await post(JSON.stringify({ now }))).json()) as RelayJobSummary;
    expect(again.clock.messages + again.outcomes.messages).toBe(0);
    expect(again.stats.written).toBe(0);
  });

  it('refuses another method or a bad instant', async () => {
    expect((await fetch(`${wb.url}/_local/jobs/relay`)).status).toBe(405);
    expect((await post('{"now":"yesterday"}')).status).toBe(400);
  });
});
