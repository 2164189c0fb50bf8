/**
 * Expertise journey: an employee searches "gestion relation client" in the Find an expert web part,
 * in English and in French, on the intranet home page and in the Teams host's personal app, finds
 * the customer relationship expert with the reason she ranks, and opens her profile. Every page is
 * checked by axe-core and logs no console error.
 */
import type { Page } from 'playwright-core';
import { personaByRole } from '../../workbench/tenant/seed';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const employee = personaByRole('employee').upn;
const expert = personaByRole('frontline-agent'); // Émilie Tremblay, CRM at level 4, endorsed

const journeys = [
  { locale: 'en-US', open: `Open the profile of ${expert.displayName}`, reason: /endorsed (for .+ )?by \d+ colleagues/i },
  { locale: 'fr-FR', open: `Ouvrir le profil de ${expert.displayName}`, reason: /recommandé\(e\) (en .+ )?par \d+ collègues/i }
];

async function searchAndOpen(page: Page, journey: typeof journeys[number]): Promise<void> {
  const search = page.getByTestId('expert-search');
  await search.getByRole('searchbox').waitFor();
  await expectAccessible(page);
  await search.getByRole('searchbox').fill('gestion relation client');
  await search.getByRole('searchbox').press('Enter');
  const result = search.locator(`[data-testid="expert-result"][data-upn="${expert.upn}"]`);
  await result.waitFor();
  expect(await result.getByTestId('expert-reasons').textContent()).toMatch(journey.reason);
  expect(await search.getByTestId('expert-summary').textContent()).toMatch(/\d/);
  await expectAccessible(page);
  await Promise.all([page.waitForURL(/(person|subPageId)=/), result.getByRole('button', { name: journey.open }).click()]);
  await page.getByTestId('profile-view').getByRole('heading', { level: 2, name: expert.displayName }).waitFor();
  await expectAccessible(page);
}

test.each(journeys)('on the home page ($locale), an employee finds the CRM expert and opens her profile', async journey => {
  const { page, context } = await h.newPage({ user: employee, locale: journey.locale });
  await page.goto('/');
  // The home page's profile web part is connected to Find an expert (dynamic data, emulated): the
  // selected person shows without loading another page.
  await page.evaluate(() => { (window as unknown as { samePage: boolean }).samePage = true; });
  await searchAndOpen(page, journey);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(new URL(page.url()).searchParams.get('person')).toBe(expert.upn);
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  // Nothing changed where the user clicked: the view says where the profile is.
  expect(await page.getByTestId('expert-profile-shown').textContent()).toContain(expert.displayName);
  await context.close();
});

test.each(journeys)('in the Teams personal app ($locale), the same search opens the profile personal app', async journey => {
  const { page, context } = await h.newPage({ user: employee, locale: journey.locale, teamsTheme: 'dark' });
  await page.goto('/teams?app=ExpertSearchWebPart&kind=personal');
  await searchAndOpen(page, journey);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/teams');
  expect(url.searchParams.get('app')).toBe('EmployeeProfileWebPart');
  // Opened as Teams does it: TeamsJS navigation to the profile static tab, the person as sub-page id.
  expect(url.searchParams.get('subPageId')).toBe(expert.upn);
  expect(url.searchParams.get('person')).toBeNull();
  await context.close();
});

test('the portal header\'s ?q= starts the search, with the SharePoint Search provider too', async () => {
  const { page, context } = await h.newPage({ user: employee, locale: 'en-US' });
  for (const provider of ['local', 'sharepointSearch']) {
    await page.goto(`/?provider=${provider}&q=${encodeURIComponent('gestion relation client')}`);
    const search = page.getByTestId('expert-search');
    const result = search.locator(`[data-testid="expert-result"][data-upn="${expert.upn}"]`);
    await result.waitFor();
    expect(await search.getByRole('searchbox').inputValue()).toBe('gestion relation client');
    expect(await result.getByTestId('expert-reasons').textContent()).toMatch(journeys[0].reason);
  }
  await expectAccessible(page);
  await context.close();
});
