/**
 * Smoke journey: open the intranet home page, switch user and language, open the Teams host in
 * each Teams theme. Every page is checked by axe-core and must log no console error.
 */
import type { Page } from 'playwright-core';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();

async function pick(page: Page, testId: string, optionName: RegExp | string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: optionName }).click();
}

test('the home page hosts the portal header and the profile web part for the signed-in user', async () => {
  const { page, context } = await h.newPage();
  await page.goto('/');
  const header = page.getByTestId('portal-header');
  await header.getByTestId('portal-header-user').waitFor();
  await expect(header.textContent()).resolves.toMatch(/Hello, /);
  const profile = page.getByTestId('profile-view');
  await profile.waitFor();
  const firstName = await profile.getByRole('heading', { level: 2 }).textContent();
  expect(firstName).toBeTruthy();
  await expectAccessible(page);

  // Switch to another demo user: the header and the profile follow.
  await page.getByTestId('user-switch').click();
  const options = page.getByRole('option');
  const count = await options.count();
  expect(count).toBeGreaterThanOrEqual(5);
  let switched = false;
  for (let i = 0; i < count && !switched; i++) {
    const text = (await options.nth(i).textContent()) || '';
    if (!text.startsWith(firstName || '\u0000')) {
      const otherName = text.split(' — ')[0];
      await Promise.all([page.waitForLoadState('load'), options.nth(i).click()]);
      await page.getByTestId('profile-view').getByRole('heading', { level: 2, name: otherName }).waitFor();
      await expect(page.getByTestId('portal-header-user').textContent()).resolves.toContain(otherName);
      switched = true;
    }
  }
  expect(switched).toBe(true);

  // Switch the language: the workbench, the header and the views speak French.
  await pick(page, 'language-switch', 'Français');
  await page.getByTestId('portal-header-user').waitFor();
  await expect(page.getByTestId('portal-header-user').textContent()).resolves.toMatch(/^Bonjour, /);
  await page.getByText('Coordonnées').first().waitFor();
  expect(await page.getAttribute('html', 'lang')).toMatch(/^fr/);
  await expectAccessible(page);
  await context.close();
});

test.each(['default', 'dark', 'contrast'])('the Teams host renders the profile as a personal app in the %s theme', async theme => {
  const { page, context } = await h.newPage({ teamsTheme: theme, locale: 'en-US' });
  await page.goto('/teams');
  await page.getByTestId('profile-view').waitFor();
  await page.getByTestId('profile-view').getByRole('heading', { level: 2 }).waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const expected = { default: 'rgb(255, 255, 255)', dark: 'rgb(31, 31, 31)', contrast: 'rgb(0, 0, 0)' }[theme];
  expect(background).toBe(expected);
  await expectAccessible(page);
  await context.close();
});

test('the Teams theme switch changes the theme', async () => {
  const { page, context } = await h.newPage();
  await page.goto('/teams');
  await page.getByTestId('profile-view').getByRole('heading', { level: 2 }).waitFor();
  await pick(page, 'teams-theme-switch', 'Dark');
  await page.getByTestId('profile-view').getByRole('heading', { level: 2 }).waitFor();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(31, 31, 31)');
  await context.close();
});

test('the outbox page lists what would have been sent', async () => {
  const { page, context } = await h.newPage();
  await page.goto('/outbox');
  await page.getByRole('heading', { level: 1, name: 'Notifications that would have been sent' }).waitFor();
  await expectAccessible(page);
  await context.close();
});

test('the home page works by keyboard: reach the profile, open the manager with Enter', async () => {
  const { page, context } = await h.newPage({ user: 'emilie.tremblay@northwind-retail.example', locale: 'en-US' });
  await page.goto('/');
  await page.getByTestId('profile-view').getByRole('heading', { level: 2, name: 'Émilie Tremblay' }).waitFor();
  const managerButton = page.getByRole('button', { name: /^Open the profile of / }).first();
  const managerName = ((await managerButton.getAttribute('aria-label')) || '').replace('Open the profile of ', '');
  // Tab from the top of the page until the manager's button has the focus.
  let focused = false;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await managerButton.evaluate(el => el === document.activeElement);
  }
  expect(focused).toBe(true);
  await page.keyboard.press('Enter');
  await page.getByTestId('profile-view').getByRole('heading', { level: 2, name: managerName }).waitFor();
  // The language switch opens and picks with the keyboard too.
  await page.getByTestId('language-switch').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'Français' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.getByText('Coordonnées').first().waitFor();
  await context.close();
});
