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
import { seedIfEmpty, defaultPersonaUpn, provisionLocalSite } from './seeding';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkbenchOptions {
  port: number;
  host?: string;
  dbFile: string;
  /** Date the demo seed is built around (defaults to now). */
  referenceDate?: Date;
  log?: (line: string) => void;
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

function page(name: string, lang: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Social intranet · local workbench</title>
<link rel="icon" href="data:,">
</head>
<body data-page="${name}">
<div id="root"></div>
<script src="/_workbench/app.js"></script>
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
  '/teams': 'teams',
  '/outbox': 'outbox'
};

export async function startWorkbench(options: WorkbenchOptions): Promise<RunningWorkbench> {
  const log = options.log || (() => undefined);
  const tenant = createLocalTenant({ dbFile: options.dbFile });
  const seeded = seedIfEmpty(tenant.db, options.referenceDate || new Date());
  if (seeded) log(`Seeded the demo organisation into ${options.dbFile}`);
  const bundle = await buildWorkbenchBundle();
  // The MDL2 icon fonts ship inside @fluentui/font-icons-mdl2 (a dependency of @fluentui/react).
  const fontsDir = path.join(path.dirname(require.resolve('@fluentui/font-icons-mdl2')), '..', 'fonts');
  const defaultUser = defaultPersonaUpn(tenant.db);

  const server = http.createServer((req, res) => {
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
        send(res, { status: 200, headers, body: page(pageName, locale === 'fr-FR' ? 'fr' : 'en') });
        return;
      }
      if (pathname === '/_workbench/app.js') {
        send(res, { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }, body: bundle });
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
  const origin = `http://${host === '0.0.0.0' || host === 'localhost' ? '127.0.0.1' : host}:${port}`;
  const report = await provisionLocalSite(`${origin}/sites/intranet`, `${origin}/graph`);
  if (report.changes.length) log(`Provisioned the suite on the local hub site (${report.changes.length} changes)`);
  return {
    url,
    tenant,
    server,
    close: () => new Promise<void>(resolve => {
      server.close(() => {
        tenant.close();
        resolve();
      });
      server.closeAllConnections();
    })
  };
}
