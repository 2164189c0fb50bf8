/**
 * Governance journey: the tenant admin turns the employee profile off for one group in the Suite
 * settings web part (form, review, save); a member of that group sees the "turned off" state while
 * others still use the profile. Every page is checked by axe-core and logs no console error.
 */
import { demoGroupId, personaByRole } from '../../workbench/tenant/seed';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const admin = personaByRole('tenant-admin').upn;
const agent = personaByRole('frontline-agent').upn; // Customer Service
const employee = personaByRole('employee').upn; // Finance

test('a plain employee sees the settings read-only', async () => {
  const { page, context } = await h.newPage({ user: employee, locale: 'en-US' });
  await page.goto('/admin');
  await page.getByTestId('settings-readonly').waitFor();
  expect(await page.getByTestId('settings-save').count()).toBe(0);
  await expectAccessible(page);
  await context.close();
});

test('the admin turns the profile off for Customer Service; its members see it off, others keep it', async () => {
  const { page, context } = await h.newPage({ user: admin, locale: 'en-US' });
  await page.goto('/admin');
  await page.getByTestId('settings-form').waitFor();
  await expectAccessible(page);

  await page.getByTestId('settings-feature-profiles-except-add').click();
  await page.getByTestId('settings-feature-profiles-except-0-id').fill(demoGroupId('dept-customer-service'));
  await page.getByTestId('settings-feature-profiles-except-0-name').fill('Customer Service');
  await page.getByTestId('settings-review').click();
  const changes = page.getByTestId('settings-changes');
  await changes.waitFor();
  expect(await changes.textContent()).toContain('Customer Service');
  await expectAccessible(page);
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-save-status').waitFor();
  await page.getByTestId('settings-history').waitFor();
  await context.close();

  const asAgent = await h.newPage({ user: agent, locale: 'en-US' });
  await asAgent.page.goto('/');
  await asAgent.page.getByTestId('feature-off').waitFor();
  expect(await asAgent.page.getByTestId('profile-view').count()).toBe(0);
  expect(await asAgent.page.getByTestId('feature-off').textContent()).toMatch(/not turned this feature on for you/);
  await expectAccessible(asAgent.page);
  await asAgent.context.close();

  const asEmployee = await h.newPage({ user: employee, locale: 'fr-FR' });
  await asEmployee.page.goto('/');
  await asEmployee.page.getByTestId('profile-view').getByRole('heading', { level: 2 }).waitFor();
  expect(await asEmployee.page.getByTestId('feature-off').count()).toBe(0);
  await asEmployee.context.close();
});

test('an invalid value gets a field-level error in French and nothing is saved', async () => {
  const { page, context } = await h.newPage({ user: admin, locale: 'fr-FR' });
  await page.goto('/admin');
  await page.getByTestId('settings-form').waitFor();
  const before = await page.getByTestId('settings-last-changed').textContent();
  await page.getByTestId('settings-feature-profiles-except-add').click();
  await page.getByTestId('settings-review').click();
  const errors = page.getByTestId('settings-errors');
  await errors.waitFor();
  // The empty group id of the new exception is reported on its field, in French.
  const summary = (await errors.textContent()) || '';
  expect(summary).toContain('Groupes exclus');
  expect(summary).toContain('Identifiant');
  expect(summary).toMatch(/^Corrigez ces champs/);
  expect(await page.getByTestId('settings-last-changed').textContent()).toBe(before);
  await expectAccessible(page);
  await context.close();
});
