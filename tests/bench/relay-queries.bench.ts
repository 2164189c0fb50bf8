/**
 * The relay's queries at scale (docs/relay-data.md): with 100,000 relays, 20,000 insights (3,000
 * open) and 100,000 timeline entries, each query the views make, end to end through the suite's
 * services and PnPjs over HTTP, against the same requests answered by a full table scan
 * (`x-local-force-scan: 1`, a dev-only switch of the local tenant) in the same process.
 */
import type { SPFI } from '@pnp/sp';
import { PERSONAS_UPN } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { startRelayTenant, seedRelaysAtScale, RELAY_SCALE, SCALE_CATEGORIES, SCALE_PRODUCTS, scaleText } from '../integration/relay-setup';
import { RelayService } from '../../services/relay/relays';
import { InsightService } from '../../services/relay/insights';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import { Benchmark, BenchResult, time, Timing } from './harness';

/** Budget of a query answering one screen; the dashboard's whole open list (1,200 insights, 32 columns) gets 1 s. */
const BUDGET_MS = 100;
const LIST_BUDGET_MS = 1000;

export const relayQueriesBenchmark: Benchmark = {
  name: 'relay: the views\' queries over 100,000 relays and 20,000 insights',
  async run(log): Promise<BenchResult[]> {
    const r = await startRelayTenant();
    try {
      const seedMs = seedRelaysAtScale(r);
      log(`seeded in ${seedMs} ms`);
      const scanHeaders = { 'x-local-force-scan': '1' };
      const agent = (sp: SPFI): RelayService => new RelayService({ sp }, { me: PERSONAS_UPN.agent, policy: r.policy });
      const manager = (sp: SPFI): InsightService => new InsightService({ sp }, { me: PERSONAS_UPN.manager, policy: r.policy, groupIds: async () => [DEMO_GROUPS.billing.id] });
      const indexed = { relays: agent(spFor(r.t.siteUrl, PERSONAS_UPN.agent)), insights: manager(spFor(r.t.siteUrl, PERSONAS_UPN.manager)) };
      const scanned = { relays: agent(spFor(r.t.siteUrl, PERSONAS_UPN.agent, scanHeaders)), insights: manager(spFor(r.t.siteUrl, PERSONAS_UPN.manager, scanHeaders)) };
      type Side = typeof indexed;
      const cases: Array<{ name: string; subject: string; run: (s: Side) => Promise<unknown>; size: (v: unknown) => number; budgetMs?: number }> = [
        {
          name: 'relay: triage (open insights of a category or product, matched)', subject: 'triage of a 9-word text: one request (top 500 by LastSeen) and the matcher',
          run: s => s.relays.triage({ text: scaleText(42), category: SCALE_CATEGORIES[42 % SCALE_CATEGORIES.length], product: SCALE_PRODUCTS[42 % SCALE_PRODUCTS.length] }),
          size: v => (v as unknown[]).length
        },
        { name: 'relay: My relays, first page', subject: 'the agent\'s 20 newest relays (of 1,000) and their insights: two requests', run: s => s.relays.myRelays(), size: v => (v as { items: unknown[] }).items.length },
        { name: 'relay: open insights, scope mine', subject: 'open insights owned by the manager or the Billing group (1,200 of 3,000): one request', run: s => s.insights.openInsights({ scope: 'mine' }), size: v => (v as unknown[]).length, budgetMs: LIST_BUDGET_MS },
        { name: 'relay: timeline of an insight', subject: 'the 5 timeline entries of one insight among 100,000 entries', run: s => s.insights.timeline(1234), size: v => (v as unknown[]).length }
      ];
      const results: BenchResult[] = [];
      for (const c of cases) {
        const a = await c.run(indexed);
        const b = await c.run(scanned);
        if (c.size(a) !== c.size(b) || c.size(a) === 0) throw new Error(`${c.name}: indexed and scanned answers differ`);
        const timing: Timing = await time(() => c.run(indexed), 30, 3);
        const base: Timing = await time(() => c.run(scanned), 5, 1);
        log(`${c.name}: ${timing.medianMs.toFixed(1)} ms median, scan ${base.medianMs.toFixed(1)} ms`);
        const budgetMs = c.budgetMs ?? BUDGET_MS;
        results.push({
          name: c.name,
          subject: c.subject,
          baseline: 'the same requests answered by a full table scan of the lists (x-local-force-scan: 1), same process',
          timing,
          baselineTiming: base,
          speedup: base.medianMs / timing.medianMs,
          budget: `median < ${budgetMs} ms`,
          withinBudget: timing.medianMs < budgetMs,
          notes: [
            `${RELAY_SCALE.RELAYS.toLocaleString('en-US')} relays, ${RELAY_SCALE.INSIGHTS.toLocaleString('en-US')} insights (${RELAY_SCALE.OPEN.toLocaleString('en-US')} open), ${(RELAY_SCALE.INSIGHTS * 5).toLocaleString('en-US')} timeline entries; through the suite's services and PnPjs v4 over HTTP on loopback.`,
            'Every query filters first on an indexed column (docs/relay-data.md, "The queries").',
            ...(c.budgetMs ? ['Most of this time is the local tenant writing 1,200 items of 32 columns (about 0.2 ms an item); the index matters less when the answer is a large share of the open insights.'] : [])
          ]
        });
      }
      return results;
    } finally {
      await r.t.close();
    }
  }
};
