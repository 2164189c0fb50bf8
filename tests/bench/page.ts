/**
 * `npm run bench:page`: the suite's pages in real Chromium against the workbench, with the local
 * tenant's latency at 100-200 ms (LOCAL_TENANT_LATENCY_MS), for this tree and, in the same run, a
 * baseline tree (by default commit cd03725, before the page-weight work; `--baseline <ref>`).
 *
 * For each web part: the round trips to SharePoint and Graph before its main content shows (the
 * longest chain of requests each started after the previous one answered) and the time to main
 * content, cold (a new browser profile) and warm (the same profile, a second visit). Writes its
 * section of docs/benchmarks.md.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, Browser, Page } from 'playwright-core';
import { chromiumPath } from '../e2e/support/browser';
import { PERSONAS_UPN } from '../support/graph-client';

const ROOT = path.resolve(__dirname, '..', '..');
const REFERENCE_DATE = new Date('2026-11-02T14:00:00Z');
const LATENCY = process.env.LOCAL_TENANT_LATENCY_MS || '100-200';
const RUNS = Number(process.env.BENCH_PAGE_RUNS || 3);
const MARK_START = '<!-- bench:page -->';
const MARK_END = '<!-- /bench:page -->';

interface Scenario {
  name: string;
  user: string;
  path: string;
  /** CSS selector of the web part's main content. */
  main: string;
  budget: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'portal header: greeting', user: PERSONAS_UPN.employee, path: '/', main: '[data-testid=portal-header-user]', budget: 0 },
  { name: 'Employee profile', user: PERSONAS_UPN.employee, path: '/', main: '[data-testid=profile-view] h2', budget: 3 },
  { name: 'Find an expert, ?q=', user: PERSONAS_UPN.employee, path: '/?q=logistique', main: '[data-testid=expert-result]', budget: 3 },
  { name: 'Relay form', user: PERSONAS_UPN.agent, path: '/relay', main: '[data-testid=relay-form]', budget: 3 },
  { name: 'My relays', user: PERSONAS_UPN.agent, path: '/relay?view=my', main: '[data-testid=my-relay]', budget: 3 },
  { name: 'Customer insights dashboard', user: PERSONAS_UPN.manager, path: '/dashboard', main: '[data-testid=insight-row]', budget: 3 },
  { name: 'Suite settings', user: PERSONAS_UPN.admin, path: '/admin', main: 'section[data-testid=settings-view]', budget: 3 }
];

interface Timed { url: string; start: number; end: number }

/** Longest chain of requests, each started after the one before it answered, among those done by `until`. */
export function roundTrips(requests: Timed[], until: number): number {
  const done = requests.filter(r => r.end <= until).sort((a, b) => a.start - b.start);
  const depth = new Map<Timed, number>();
  for (const r of done) {
    let d = 1;
    for (const before of done) if (before.end <= r.start) d = Math.max(d, (depth.get(before) || 1) + 1);
    depth.set(r, d);
  }
  return done.reduce((m, r) => Math.max(m, depth.get(r) || 0), 0);
}

/**
 * Installed in every page: the moment (page clock) the main content first matches, and a resource
 * timing buffer large enough for every request of the page. Both are read from the page's own
 * clock, so a busy test machine does not move them.
 */
function watchMain(selector: string): string {
  // A string, not a function: the page must not depend on how this file was compiled.
  return `(() => {
    window.__mainAt = null;
    performance.setResourceTimingBufferSize(10000);
    const check = () => { if (window.__mainAt === null && document.querySelector(${JSON.stringify(selector)})) window.__mainAt = performance.now(); };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

const READ_TIMINGS = `({
  mainAt: window.__mainAt,
  requests: performance.getEntriesByType('resource').map(e => ({ url: e.name, start: e.startTime, end: e.responseEnd }))
})`;

async function visit(page: Page, s: Scenario): Promise<{ trips: number; ms: number }> {
  await page.goto(s.path);
  await page.locator(s.main).first().waitFor({ timeout: 60000 });
  const seen = await page.evaluate<{ mainAt: number | null; requests: Timed[] }>(READ_TIMINGS);
  if (seen.mainAt === null) throw new Error(`${s.name}: the main content was not seen appearing`);
  const ms = seen.mainAt;
  // Only SharePoint and Graph requests count (not the page's own script and fonts).
  return { trips: roundTrips(seen.requests.filter(r => /\/_api\/|\/graph\//.test(r.url)), ms), ms };
}

const median = (values: number[]): number => {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

interface Figures { coldTrips: number; coldMs: number; warmTrips: number; warmMs: number }

async function measure(browser: Browser, baseURL: string, s: Scenario): Promise<Figures> {
  const cold: Array<{ trips: number; ms: number }> = [];
  const warm: Array<{ trips: number; ms: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ baseURL, locale: 'en-US' });
    await context.addInitScript(watchMain(s.main));
    await context.addCookies([{ name: 'local-user', value: encodeURIComponent(s.user), url: baseURL }]);
    const page = await context.newPage();
    cold.push(await visit(page, s));
    warm.push(await visit(page, s));
    await context.close();
  }
  return {
    coldTrips: median(cold.map(c => c.trips)), coldMs: median(cold.map(c => c.ms)),
    warmTrips: median(warm.map(c => c.trips)), warmMs: median(warm.map(c => c.ms))
  };
}

/** The baseline tree: `git archive` of a commit into a temporary folder, sharing this install. */
function baselineTree(ref: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-page-baseline-'));
  const tar = execFileSync('git', ['archive', '--format=tar', ref], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

type StartWorkbench = typeof import('../../workbench/server/workbench').startWorkbench;

/** A workbench of `tree`, seeded without latency; then every SharePoint and Graph request waits LATENCY. */
async function start(tree: string, db: string): Promise<{ url: string; close(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { startWorkbench } = require(path.join(tree, 'workbench', 'server', 'workbench.ts')) as { startWorkbench: StartWorkbench };
  const wb = await startWorkbench({ port: 0, dbFile: db, referenceDate: REFERENCE_DATE, relayJobEverySeconds: 0 });
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(LATENCY);
  if (!m) throw new Error(`LOCAL_TENANT_LATENCY_MS=${LATENCY} must be min-max or one number of milliseconds`);
  wb.tenant.faults.set({ latencyMs: { min: Number(m[1]), max: Number(m[2] ?? m[1]) }, paths: ['/_api/', '/graph/'] });
  return wb;
}

function toMarkdown(rows: Array<{ s: Scenario; now: Figures; before: Figures }>, ref: string): string {
  const L = [MARK_START, '## Page: round trips and time to main content', ''];
  L.push(`Written by \`npm run bench:page\`: Debian's Chromium (headless) against the workbench, the local tenant's latency at`);
  L.push(`${LATENCY} ms per request (LOCAL_TENANT_LATENCY_MS), ${RUNS} runs each (median). Baseline: commit \`${ref}\`, started in the same run on`);
  L.push('its own local tenant (same seed). Round trips: the longest chain of SharePoint/Graph requests, each started after the one');
  L.push('before it answered, before the main content shows. Cold: a new browser profile; warm: a second visit with the same profile');
  L.push('(the policy last read is on the device). The workbench builds its context from the page origin: in SharePoint the hub-site');
  L.push('lookup adds one round trip on a device\'s first visit (none after, services/hub.ts keeps it). Times depend on the machine\'s');
  L.push(`load; the round trips do not. Last run: ${new Date().toISOString()}, load average ${os.loadavg().map(l => l.toFixed(1)).join(', ')}.`, '');
  L.push('| web part | round trips, cold (before → now) | round trips, warm (before → now) | budget | time to main content, cold (before → now) | warm (before → now) |');
  L.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { s, now, before } of rows) {
    L.push(`| ${s.name} | ${before.coldTrips} → ${now.coldTrips} | ${before.warmTrips} → ${now.warmTrips} | ${s.budget} | ${Math.round(before.coldMs)} → ${Math.round(now.coldMs)} ms | ${Math.round(before.warmMs)} → ${Math.round(now.warmMs)} ms |`);
  }
  L.push('', MARK_END);
  return L.join('\n');
}

async function main(): Promise<void> {
  const refArg = process.argv.indexOf('--baseline');
  const ref = refArg > 0 ? process.argv[refArg + 1] : 'cd03725';
  // The latency is set on each tenant once seeded (the seed itself goes through HTTP).
  delete process.env.LOCAL_TENANT_LATENCY_MS;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-page-'));
  const baseTree = baselineTree(ref);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
  });
  const now = await start(ROOT, path.join(tmp, 'now.db'));
  const before = await start(baseTree, path.join(tmp, 'before.db'));
  const rows: Array<{ s: Scenario; now: Figures; before: Figures }> = [];
  try {
    for (const s of SCENARIOS) {
      // Alternated, so that a slower moment of the machine does not fall on one side only.
      const b = await measure(browser, before.url, s);
      const n = await measure(browser, now.url, s);
      rows.push({ s, now: n, before: b });
      console.log(`${s.name}: round trips ${b.coldTrips} -> ${n.coldTrips} (warm ${b.warmTrips} -> ${n.warmTrips}), ${Math.round(b.coldMs)} -> ${Math.round(n.coldMs)} ms`);
    }
  } finally {
    await browser.close();
    await now.close();
    await before.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(baseTree, { recursive: true, force: true });
  }
  const section = toMarkdown(rows, ref);
  console.log(`\n${section}`);
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = doc.indexOf(MARK_START);
  const next = at >= 0 ? doc.slice(0, at) + section + doc.slice(doc.indexOf(MARK_END) + MARK_END.length) : `${doc.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  console.log('Written to docs/benchmarks.md');
}

if (require.main === module) {
  main().catch(err => {
    console.error(err);
    process.exit(1);
  });
}
