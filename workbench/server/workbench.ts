/**
 * The local workbench server: one HTTP server for the local tenant (SharePoint REST, Graph,
 * /_local controls) and the workbench pages that mount the suite's views against it.
 * `npm start` runs it on http://localhost:4321; browser tests start it on a free port.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import * as esbuild from 'esbuild';
import { createLocalTenant, readCookie, send, LocalTenant, USER_COOKIE } from '../tenant/server';
import { seedIfEmpty, defaultPersonaUpn, provisionLocalSite, seedLocalRelays, buildLocalExpertiseIndex } from './seeding';
import { runRelayJobOnce } from '../../jobs/relay-job';
import type { RelayJobSummary } from '../../services/relay/job';
import { RELAY_JOB_UPN } from '../tenant/seed/service';
import { createStaticAsset, serveStaticAsset } from './assets';
import { findUserByUpn } from '../tenant/db';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkbenchOptions {
  port: number;
  host?: string;
  dbFile: string;
  /** Date the demo seed is built around (defaults to now). */
  referenceDate?: Date;
  log?: (line: string) => void;
  /**
   * Seconds between two runs of the relay job (0: never on its own, only POST /_local/jobs/relay).
   * Default 60; 0 when a reference date is given (tests run the job when they want it).
   */
  relayJobEverySeconds?: number;
}

export interface RunningWorkbench {
  url: string;
  tenant: LocalTenant;
  server: http.Server;
  close(): Promise<void>;
}

/** SPFx localized string files are AMD modules (`define([], function () { return {...}; })`). */
const amdStrings: esbuild.Plugin = {
  name: 'spfx-loc-amd',
  setup(build) {
    build.onLoad({ filter: /[\\/]loc[\\/][^\\/]+\.js$/ }, async args => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return {
        contents: `let __strings; const define = (deps, factory) => { __strings = (typeof deps === 'function' ? deps : factory)(); };\n${source}\nexport default __strings;`,
        loader: 'js'
      };
    });
  }
};

/** The expertise index worker (services/expertise/indexWorker.ts), a script of its own. */
export async function buildExpertiseWorkerBundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'workbench', 'app', 'expertiseWorker.ts')],
    bundle: true, write: false, format: 'iife', target: 'es2019', minify: true, logLevel: 'silent'
  });
  return result.outputFiles[0].text;
}

export async function buildWorkbenchBundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'workbench', 'app', 'main.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    minify: true,
    sourcemap: false,
    jsx: 'transform',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [amdStrings],
    logLevel: 'silent'
  });
  return result.outputFiles[0].text;
}

/**
 * The Content-Security-Policy SharePoint Online enforces for SPFx forbids inline script; the
 * workbench sends a policy as strict for scripts so that a violation shows here first.
 * (Fluent UI injects <style> elements, hence 'unsafe-inline' for styles only.)
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'"
].join('; ');

/** The signed-in user written into the page, as SharePoint writes its page context: no request to greet them. */
interface PageUser { upn: string; displayName: string }

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page(name: string, lang: string, script: string, user: PageUser | null): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Social intranet · local workbench</title>
<link rel="icon" href="data:,">
</head>
<body data-page="${name}"${user ? ` data-user-upn="${escapeAttribute(user.upn)}" data-user-name="${escapeAttribute(user.displayName)}"` : ''}>
<div id="root"></div>
<script src="${script}"></script>
</body>
</html>`;
}

const PAGES: Record<string, string> = {
  '/': 'home',
  '/sites/intranet': 'home',
  '/sites/intranet/sitepages/home.aspx': 'home',
  '/admin': 'admin',
  '/sites/intranet/sitepages/suite-settings.aspx': 'admin',
  '/relay': 'relay',
  '/sites/intranet/sitepages/relay-customer-feedback.aspx': 'relay',
  '/dashboard': 'dashboard',
  '/sites/intranet/sitepages/customer-insights.aspx': 'dashboard',
  '/communities': 'communities',
  '/sites/intranet/sitepages/communities.aspx': 'communities',
  '/teams': 'teams',
  '/outbox': 'outbox'
};

export async function startWorkbench(options: WorkbenchOptions): Promise<RunningWorkbench> {
  const log = options.log || (() => undefined);
  const tenant = createLocalTenant({ dbFile: options.dbFile });
  const seeded = seedIfEmpty(tenant.db, options.referenceDate || new Date());
  if (seeded) log(`Seeded the demo organisation into ${options.dbFile}`);
  const [bundle, expertiseWorker] = await Promise.all([buildWorkbenchBundle(), buildExpertiseWorkerBundle()]);
  const app = createStaticAsset('/_workbench/app.js', bundle, 'text/javascript; charset=utf-8');
  // The MDL2 icon fonts ship inside @fluentui/font-icons-mdl2 (a dependency of @fluentui/react).
  const fontsDir = path.join(path.dirname(require.resolve('@fluentui/font-icons-mdl2')), '..', 'fonts');
  const defaultUser = defaultPersonaUpn(tenant.db);
  let origin = '';
  // The job runs on the local tenant's clock (the wall clock), which dates the relays people send.
  const clock = (): Date => new Date();
  let relayJob: Promise<unknown> = Promise.resolve();
  /**
   * Runs the relay job as its service account (jobs/relay-job.ts, as a timer trigger would), one
   * run at a time in this process; the job's lease keeps it to one at a time with other hosts too
   * (`npm run job:relay` against the same tenant: whichever run does not hold it skips). Errors
   * are logged by status only: relays hold customer words.
   */
  const runRelayJob = (now?: Date): Promise<RelayJobSummary> => {
    const next = relayJob.then(() => runRelayJobOnce({
      RELAY_SITE_URL: `${origin}/sites/intranet`,
      GRAPH_BASE_URL: `${origin}/graph`,
      RELAY_SENDER: RELAY_JOB_UPN,
      LOCAL_USER: RELAY_JOB_UPN,
      RELAY_DASHBOARD_URL: `${origin}/sites/intranet/SitePages/Customer-insights.aspx`,
      RELAY_MY_RELAYS_URL: `${origin}/sites/intranet/SitePages/Relay-customer-feedback.aspx?view=my`
    }, { now: now || clock(), log }));
    relayJob = next.catch(() => undefined);
    return next;
  };

  const server = http.createServer((req, res) => {
    if ((req.url || '').split('?')[0].replace(/\/+$/, '') === '/_local/jobs/relay') {
      handleRelayJobRequest(req, res, runRelayJob);
      return;
    }
    tenant.handle(req, res).then(handled => {
      if (handled) return;
      const url = new URL(req.url || '/', 'http://localhost');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      const pageName = PAGES[pathname.toLowerCase()];
      if (pageName) {
        const headers: Record<string, string> = {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': CSP,
          'Cache-Control': 'no-store'
        };
        // First visit: sign in as the default demo user, as a SharePoint session would.
        if (!readCookie(req.headers.cookie, USER_COOKIE) && defaultUser) {
          headers['Set-Cookie'] = `${USER_COOKIE}=${encodeURIComponent(defaultUser)}; Path=/; SameSite=Lax`;
        }
        const locale = readCookie(req.headers.cookie, 'local-locale');
        const signedIn = findUserByUpn(tenant.db, readCookie(req.headers.cookie, USER_COOKIE) || defaultUser || '');
        const user = signedIn ? { upn: signedIn.userPrincipalName, displayName: signedIn.displayName } : null;
        send(res, { status: 200, headers, body: page(pageName, locale === 'fr-FR' ? 'fr' : 'en', app.path, user) });
        return;
      }
      if (pathname === '/_workbench/expertise-worker.js') {
        send(res, { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }, body: expertiseWorker });
        return;
      }
      if (pathname === app.path || pathname === '/_workbench/app.js') {
        serveStaticAsset(req, res, app, pathname === app.path);
        return;
      }
      const font = /^\/_workbench\/fonts\/([\w.-]+\.woff2?)$/.exec(pathname);
      if (font && fs.existsSync(path.join(fontsDir, font[1]))) {
        send(res, { status: 200, headers: { 'Content-Type': 'font/woff', 'Cache-Control': 'max-age=86400' }, body: fs.readFileSync(path.join(fontsDir, font[1])) });
        return;
      }
      send(res, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found' });
    }).catch(err => {
      send(res, { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: String(err) });
    });
  });
  const host = options.host || '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  origin = `http://${host === '0.0.0.0' || host === 'localhost' ? '127.0.0.1' : host}:${port}`;
  const report = await provisionLocalSite(`${origin}/sites/intranet`, `${origin}/graph`);
  if (report.changes.length) log(`Provisioned the suite on the local hub site (${report.changes.length} changes)`);
  const relays = await seedLocalRelays(tenant.db, `${origin}/sites/intranet`, `${origin}/graph`, options.referenceDate || new Date());
  if (relays.insights || relays.relays) log(`Seeded the demo relay history (${relays.insights} insights, ${relays.relays} relays)`);
  const index = await buildLocalExpertiseIndex(`${origin}/sites/intranet`, `${origin}/graph`, RELAY_JOB_UPN)
    .catch((e: unknown) => { log(`Expertise index not built: ${e instanceof Error ? e.name : 'error'}`); return null; });
  if (index && index.mode !== 'unchanged') log(`Expertise index: ${index.mode} build, ${index.people} people`);
  // The relay job every minute, as its timer trigger does in production (docs/relay-job.md).
  const every = options.relayJobEverySeconds ?? (options.referenceDate ? 0 : 60);
  const timer = every > 0 ? setInterval(() => {
    runRelayJob().then(s => {
      if (s.failed) log(`Relay job: ${s.failed} failure(s) (${s.failedSteps.join(', ') || s.skipped || 'items'})`);
    }, (e: unknown) => log(`Relay job failed: ${e instanceof Error ? e.name : 'error'}`));
  }, every * 1000) : null;
  if (timer) timer.unref();
  return {
    url,
    tenant,
    server,
    close: () => new Promise<void>(resolve => {
      if (timer) clearInterval(timer);
      server.close(() => {
        tenant.close();
        resolve();
      });
      server.closeAllConnections();
    })
  };
}

/**
 * POST /_local/jobs/relay: runs the relay job now and answers its summary (JSON). A body
 * `{ "now": "<ISO instant>" }` runs it at that instant (browser journeys move past a target).
 */
function handleRelayJobRequest(req: http.IncomingMessage, res: http.ServerResponse, run: (now?: Date) => Promise<RelayJobSummary>): void {
  const json = (status: number, body: unknown): void => send(res, { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(body) });
  if (req.method !== 'POST') {
    json(405, { error: { code: 'badRequest', message: `${req.method} is not allowed on /_local/jobs/relay: POST runs the relay job.` } });
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let now: Date | undefined;
    const text = Buffer.concat(chunks).toString('utf8').trim();
    if (text) {
      let body: { now?: unknown } | null = null;
      try {
        body = JSON.parse(text) as { now?: unknown };
      } catch {
        body = null;
      }
      const at = body && typeof body.now === 'string' ? new Date(body.now) : null;
      if (!body || (body.now !== undefined && !(at && Number.isFinite(at.getTime())))) {
        json(400, { error: { code: 'badRequest', message: 'The body must be empty or JSON { "now": "<ISO instant>" }.' } });
        return;
      }
      now = at || undefined;
    }
    run(now).then(summary => json(200, summary), (e: unknown) => {
      // The message only: SharePoint and Graph errors never quote a relay's text.
      json(500, { error: { code: 'jobFailed', message: e instanceof Error ? e.message : 'The relay job failed.' } });
    });
  });
}
