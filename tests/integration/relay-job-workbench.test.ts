/**
 * The workbench runs the relay job: `POST /_local/jobs/relay` runs it now (or at the instant given)
 * as the job's service account and answers its summary. A relay sent through the local tenant is
 * ingested by the next run; a run later in business time sends the owner's reminder once. The demo
 * history seeded at start already holds the reminders it went through, so a run after its reference
 * date sends none of them (only the reminders of the insights seeded just before their first one).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startWorkbench, RunningWorkbench } from '../../workbench/server/workbench';
import { PERSONAS_UPN, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { RELAY_JOB_UPN } from '../../workbench/tenant/seed/service';
import type { RelayJobSummary } from '../../services/relay/job';
import { relayValues } from '../../services/relay/items';
import { INSIGHTS_LIST_TITLE, INSIGHT_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { emptyDraft } from '../../core/relay/model';
import { addBusinessMillis } from '../../core/relay/calendar';
import { defaultPolicy } from '../../core/policy';
import { odataString } from '../../core/odata';

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

const post = async (body?: string): Promise<Response> => fetch(`${wb.url}/_local/jobs/relay`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
const run = async (now?: Date): Promise<RelayJobSummary> => {
  const res = await post(now ? JSON.stringify({ now: now.toISOString() }) : undefined);
  expect(res.status).toBe(200);
  return (await res.json()) as RelayJobSummary;
};
const jobMail = async (): Promise<Array<{ to: string[]; subject: string }>> =>
  ((await (await fetch(`${wb.url}/_local/outbox`)).json()) as { messages: Array<{ from: string; to: string[]; subject: string }> }).messages.filter(m => m.from === RELAY_JOB_UPN);

describe('POST /_local/jobs/relay', () => {
  it('sends none of the demo history\'s past reminders', async () => {
    const summary = await run(new Date('2026-11-02T16:00:00Z'));
    expect(summary).toMatchObject({ failed: 0, failedSteps: [] });
    expect(summary.stats.days).toEqual(['2026-11-01', '2026-11-02']);
    expect(summary.clock.insights).toBeGreaterThan(5);
    expect(summary.outcomes.messages).toBe(0);
    // Only the two demo insights seeded just before their first reminder send anything: theirs are
    // due in the first minutes of the working day, not reminders of the past.
    const mail = await jobMail();
    expect(mail.length).toBe(summary.clock.messages);
    expect(mail.filter(m => !/The shelf said|L’étiquette indiquait|The promo code|Le code promo/.test(m.subject))).toEqual([]);
  });

  it('ingests a new relay, then reminds its owner once when the target nears', async () => {
    const sp = spFor(`${wb.url}/sites/intranet`, PERSONAS_UPN.agent);
    const clientId = '7a1c0de5-0000-4000-8000-000000000001';
    await sp.web.lists.getByTitle(RELAYS_LIST_TITLE).items.add(relayValues({
      ...emptyDraft({ channel: 'phone', product: 'customer-service-line', category: 'service-quality', severity: 'urgent', customerWords: 'The agent laughed when I asked for my refund status.' }),
      clientId, redactions: {}, language: 'fr'
    }, PERSONAS_UPN.agent));
    const first = await run();
    expect(first.ingest).toMatchObject({ processed: 1, created: 1, failed: 0 });

    const admin = spFor(`${wb.url}/sites/intranet`, PERSONAS_UPN.admin);
    const [insight] = await admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items
      .filter(`${INSIGHT_FIELDS.key} eq ${odataString(`relay:${clientId}`)}`)() as Array<Record<string, unknown>>;
    expect(insight[INSIGHT_FIELDS.ownerUpn]).toBe(PERSONAS_UPN.manager);
    // 54 business minutes after the relay: 90 % of the urgent one-hour acknowledgement target.
    const later = addBusinessMillis(defaultPolicy().feedback.calendar, new Date(String(insight[INSIGHT_FIELDS.firstSeen])), 54 * 60_000);
    // (Later than the demo's reference date, the demo's own insights cross steps too: only this one is checked.)
    const about = async (): Promise<string[][]> => (await jobMail()).filter(m => m.subject.includes('The agent laughed')).map(m => m.to);
    const reminded = await run(later);
    expect(reminded.failed).toBe(0);
    expect(await about()).toEqual([[PERSONAS_UPN.manager]]);
    await run(later);
    expect(await about()).toEqual([[PERSONAS_UPN.manager]]);
  });

  it('refuses another method or a bad instant', async () => {
    expect((await fetch(`${wb.url}/_local/jobs/relay`)).status).toBe(405);
    expect((await post('{"now":"yesterday"}')).status).toBe(400);
  });
});
