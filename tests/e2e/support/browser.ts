/**
 * Browser test support: the workbench on a free port with a fresh database, Debian's Chromium
 * through playwright-core, console-error collection and an axe-core check of every page visited.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startWorkbench, RunningWorkbench } from '../../../workbench/server/workbench';

/** Chromium from Debian's package (Playwright's own download cannot work on these machines). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find(p => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
  return found;
}

export interface Harness {
  workbench: RunningWorkbench;
  browser: Browser;
  /** Console errors and uncaught page errors seen so far, per page. */
  errors: string[];
  newPage(options?: { user?: string; locale?: string; teamsTheme?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suite-e2e-'));
  const workbench = await startWorkbench({ port: 0, dbFile: path.join(dir, 'tenant.db'), referenceDate: new Date('2026-11-02T14:00:00Z') });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
  });
  const errors: string[] = [];
  return {
    workbench,
    browser,
    errors,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: workbench.url, locale: options.locale === 'fr-FR' ? 'fr-FR' : 'en-US' });
      const cookies = [] as Array<{ name: string; value: string; url: string }>;
      if (options.user) cookies.push({ name: 'local-user', value: encodeURIComponent(options.user), url: workbench.url });
      if (options.locale) cookies.push({ name: 'local-locale', value: options.locale, url: workbench.url });
      if (options.teamsTheme) cookies.push({ name: 'local-teams-theme', value: options.teamsTheme, url: workbench.url });
      if (cookies.length) await context.addCookies(cookies);
      const page = await context.newPage();
      page.on('console', msg => { if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()}`); });
      page.on('pageerror', err => errors.push(`${page.url()}: ${err.message}`));
      return { context, page };
    },
    async close() {
      await browser.close();
      await workbench.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

export interface AxeFinding { id: string; impact: string | null | undefined; help: string; targets: string[] }

/** Serious and critical axe-core violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
}

/**
 * One workbench and one Chromium per test file, closed after it; after every test, no console
 * error may have been logged. Returns the harness (usable inside tests, once started).
 */
export function harnessForThisFile(): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness();
  });
  afterAll(async () => {
    if (current) await current.close();
  });
  afterEach(() => {
    expect(current ? current.errors.splice(0) : []).toEqual([]);
  });
  return new Proxy({} as Harness, {
    get(_target, property: keyof Harness) {
      if (!current) throw new Error('The browser harness is used before it started (use it inside tests).');
      const value = current[property];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    }
  });
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}
