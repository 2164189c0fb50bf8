/**
 * Find an expert over the prebuilt index, in Chromium: before a search, the home page reads neither
 * the directory nor an expertise list for it; the first search reads the index's two files and the
 * worker script (the index is parsed and searched in a Web Worker), then finds the CRM expert.
 */
import type { Request } from 'playwright-core';
import { personaByRole } from '../../workbench/tenant/seed';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const employee = personaByRole('employee').upn;
const expert = personaByRole('frontline-agent');

/**
 * What Find an expert would read: the directory, the expertise lists other than by one person (the
 * page's Employee profile web part reads the visitor's own record and endorsements, filtered by
 * their UPN), or the index.
 */
const expertiseRead = (url: string): boolean =>
  /\/graph\/v1\.0\/users(\?|$)/.test(url) || /ExpertiseIndex/i.test(url) ||
  (/getByTitle\('(Expertise profiles|Endorsements)'\)|\/lists\(guid'/i.test(url) && !/\$filter=PersonUpn\+eq\+'/.test(url));

test('the home page reads no directory and no expertise list before a search; the first search reads two files in a worker', async () => {
  const { page, context } = await h.newPage({ user: employee, locale: 'en-US' });
  const requests: string[] = [];
  const workers: string[] = [];
  page.on('request', (r: Request) => requests.push(decodeURIComponent(r.url())));
  page.on('worker', w => workers.push(w.url()));
  await page.goto('/');
  const search = page.getByTestId('expert-search');
  await search.getByRole('searchbox').waitFor();
  await page.waitForLoadState('networkidle');
  expect(requests.filter(expertiseRead)).toEqual([]);

  const before = requests.length;
  await search.getByRole('searchbox').fill('gestion relation client');
  await search.getByRole('searchbox').press('Enter');
  await search.locator(`[data-testid="expert-result"][data-upn="${expert.upn}"]`).waitFor();
  const during = requests.slice(before).filter(expertiseRead);
  expect(during).toHaveLength(2);
  expect(during.every(u => /ExpertiseIndex\/expertise-index\.[^/']+'\)\/\$value/.test(u))).toBe(true);
  expect(workers.some(u => u.endsWith('/_workbench/expertise-worker.js'))).toBe(true);
  expect(requests.slice(before).filter(u => /\/graph\/v1\.0\/users/.test(u))).toEqual([]);

  // A second search asks nothing more of the server.
  const after = requests.length;
  await search.getByRole('searchbox').fill('logistique');
  await search.getByRole('searchbox').press('Enter');
  await search.getByTestId('expert-results').waitFor();
  await page.waitForFunction(() => /logistique/i.test(document.querySelector('[data-testid="expert-search"] input')?.getAttribute('value') || 'logistique'));
  expect(requests.slice(after).filter(expertiseRead)).toEqual([]);
  await expectAccessible(page);
  await context.close();
});
