/**
 * The demo relay history is dated as it happened and is alive at start: each seeded relay's and
 * insight's Created/Modified agree with its timeline (no "Relayed on <today>" beside "Open for
 * 476 h"), and some new insights near their first reminder make the relay job send a warning a few
 * minutes after the seed's instant, not only breaches already recorded as sent.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { createContextFromBaseUrl } from '../../services/connect';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { seedLocalRelays } from '../../workbench/server/seeding';
import { planDemoRelays } from '../../services/relay/demoSeed';
import { runRelayJob } from '../../services/relay/job';
import { ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { RELAY_JOB_UPN } from '../../workbench/tenant/seed/service';
import { listOutbox } from '../../workbench/tenant/graph/outbox';
import { defaultPolicy } from '../../core/policy';
import { computeSilenceClock } from '../../core/relay/clock';
import { dueNotifications } from '../../core/relay/escalation';

/** Tuesday 3 November 2026, 10:00 in Toronto (the policy's zone; working hours 08:30-17:00). */
const SEED_AT = new Date('2026-11-03T15:00:00Z');
const MINUTE = 60_000;

let t: SeededTenant;
let clock = SEED_AT;
let admin: SPFI;
const policy = defaultPolicy();

async function all(list: string, fields: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const page of admin.web.lists.getByTitle(list).items.select(...fields).top(500)) out.push(...(page as Record<string, unknown>[]));
  return out;
}

const seconds = (iso: unknown): number => Math.floor(Date.parse(String(iso)) / 1000);

beforeAll(async () => {
  t = await startSeededTenant({ now: () => clock });
  const roles: ProvisionRoles = {
    tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`]
  };
  admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, { roles, lists: SUITE_LISTS, initialPolicyJson: JSON.stringify(policy) });
  await seedLocalRelays(t.tenant.db, t.siteUrl, t.graphBaseUrl, SEED_AT);
}, 120000);
afterAll(() => t.close());

describe('the seeded relay history', () => {
  it('dates every relay when its timeline says it was relayed', async () => {
    const relays = await all(RELAYS_LIST_TITLE, ['Id', 'Created', 'Modified', RELAY_FIELDS.clientId]);
    const timeline = new Map((await all(INSIGHT_ACTIVITY_LIST_TITLE, [ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.at]))
      .map(a => [String(a[ACTIVITY_FIELDS.key]), a[ACTIVITY_FIELDS.at]]));
    expect(relays.length).toBeGreaterThan(50);
    for (const r of relays) {
      const at = timeline.get(`relay:${String(r[RELAY_FIELDS.clientId])}`);
      expect(at).toBeDefined();
      expect(seconds(r.Created)).toBe(seconds(at));
      expect(seconds(r.Modified)).toBe(seconds(at));
    }
    // Twelve weeks of them, not all today.
    const days = new Set(relays.map(r => String(r.Created).slice(0, 10)));
    expect(days.size).toBeGreaterThan(20);
  });

  it('dates every insight from its first relay to its last change, never after the seed', async () => {
    const insights = await all(INSIGHTS_LIST_TITLE, ['Id', 'Created', 'Modified', INSIGHT_FIELDS.firstSeen, INSIGHT_FIELDS.statusHistory]);
    for (const i of insights) {
      const history = JSON.parse(String(i[INSIGHT_FIELDS.statusHistory])) as Array<{ at: string }>;
      expect(seconds(i.Created)).toBe(seconds(i[INSIGHT_FIELDS.firstSeen]));
      expect(seconds(i.Created)).toBe(seconds(history[0].at));
      expect(seconds(i.Modified)).toBeGreaterThanOrEqual(seconds(history[history.length - 1].at));
      expect(seconds(i.Modified)).toBeLessThanOrEqual(seconds(SEED_AT.toISOString()));
    }
  });

  it('makes the relay job send a warning a few minutes after the seed, and none at the seed instant', async () => {
    const ctx = createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': RELAY_JOB_UPN } });
    const run = (now: Date) => {
      clock = now;
      return runRelayJob(ctx, { policy, now, sender: RELAY_JOB_UPN });
    };
    const warnings = async (): Promise<string[]> => (await all(INSIGHT_ACTIVITY_LIST_TITLE, [ACTIVITY_FIELDS.kind, ACTIVITY_FIELDS.text, ACTIVITY_FIELDS.data]))
      .filter(a => a[ACTIVITY_FIELDS.kind] === 'notification' && String(a[ACTIVITY_FIELDS.text]).startsWith('warning '))
      .filter(a => { const d = JSON.parse(String(a[ACTIVITY_FIELDS.data])) as { state?: string; demo?: boolean }; return d.state === 'sent' && !d.demo; })
      .map(a => String(a[ACTIVITY_FIELDS.text]));

    const atSeed = await run(SEED_AT);
    expect(atSeed.failed).toBe(0);
    expect(atSeed.clock.messages).toBe(0);
    expect(await warnings()).toEqual([]);

    const soon = await run(new Date(SEED_AT.getTime() + 5 * MINUTE));
    expect(soon.failed).toBe(0);
    expect(soon.clock.messages).toBeGreaterThanOrEqual(1);
    expect((await warnings()).length).toBeGreaterThanOrEqual(1);
    expect(listOutbox(t.tenant.db).filter(m => m.from === RELAY_JOB_UPN).length).toBeGreaterThanOrEqual(1);
  });
});

describe('the plan, seeded outside working hours', () => {
  it('has insights whose first reminder falls due in the first minutes of the next working day', () => {
    // Monday 2 November 2026, 07:00 in Toronto: before the working day starts at 08:30.
    const now = new Date('2026-11-02T12:00:00Z');
    const opening = new Date('2026-11-02T13:30:00Z');
    const plans = planDemoRelays({ now, policy: policy.feedback, relayers: [{ upn: 'a@x.example', language: 'en' }, { upn: 'b@x.example', language: 'fr' }] });
    /** The insights with a warning due at `at`, if nothing had been sent. */
    const warnedAt = (at: Date): Set<string> => new Set(plans.filter(p => {
      const severity = policy.feedback.severities.find(s => s.key === p.topic.severity)!;
      const c = computeSilenceClock({ insightId: p.key, events: p.history, severity, calendar: policy.feedback.calendar, pauseStates: policy.feedback.pauseStates, now: at });
      return dueNotifications(c, policy.feedback.escalation, []).some(d => d.kind === 'warning');
    }).map(p => p.key));
    const before = warnedAt(now);
    const after = warnedAt(new Date(opening.getTime() + 5 * MINUTE));
    const fresh = [...after].filter(k => !before.has(k));
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    // Nothing new is due before the working day starts (the clock stands still at night).
    expect(warnedAt(new Date(opening.getTime() - MINUTE))).toEqual(before);
    // Every relay of the plan is in the past.
    for (const p of plans) for (const r of p.relays) expect(r.at.getTime()).toBeLessThanOrEqual(now.getTime());
  });
});
