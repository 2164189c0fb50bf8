/**
 * Profile journeys, in English and in French: an employee opens a colleague's profile
 * (`/?person=<upn>`), endorses a skill (the count goes up and stays after a reload), withdraws the
 * endorsement, then edits and saves their own expertise record. Every page is checked by axe-core
 * and logs no console error.
 */
import type { Page } from 'playwright-core';
import { personaByRole } from '../../workbench/tenant/seed';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();

async function countOf(page: Page, key: string): Promise<number> {
  const value = await page.locator(`[data-testid="expertise-skill"][data-skill-key="${key}"] [data-testid="expertise-endorsements"]`).getAttribute('data-count');
  return Number(value);
}

interface Journey {
  locale: 'en-US' | 'fr-FR';
  viewer: string;
  colleague: string;
  words: { endorsement: RegExp; addSkill: string; askMeAbout: string; saved: RegExp; free: string; topic: string; typed: string; synonym: string; skill: string };
}

const journeys: Journey[] = [
  {
    locale: 'en-US',
    viewer: personaByRole('employee').upn,
    colleague: personaByRole('frontline-agent').upn,
    words: { endorsement: /endorsements?$/, addSkill: 'Add a skill', askMeAbout: 'Ask me about', saved: /has been saved/, free: 'Sea kayaking', topic: 'Month-end closing checklists', typed: 'pow', synonym: 'Power BI, listed under Power Platform', skill: 'Power Platform' }
  },
  {
    locale: 'fr-FR',
    viewer: personaByRole('community-manager').upn,
    colleague: personaByRole('communications-officer').upn,
    words: { endorsement: /recommandations?$/, addSkill: 'Ajouter une compétence', askMeAbout: 'Posez-moi des questions sur', saved: /a été enregistrée/, free: 'Kayak de mer', topic: 'Animation de communautés en ligne', typed: 'CYBERSECURITE', synonym: 'Cybersécurité', skill: 'Cybersécurité' }
  }
];

describe.each(journeys)('profile in $locale', ({ locale, viewer, colleague, words }) => {
  test('endorses a colleague\'s skill, sees it after a reload, then withdraws it', async () => {
    const { page, context } = await h.newPage({ user: viewer, locale });
    await page.goto(`/?person=${encodeURIComponent(colleague)}`);
    const skill = page.getByTestId('expertise-skill').filter({ has: page.getByTestId('expertise-endorse') }).first();
    await skill.waitFor();
    // Never on someone else's profile: no edit button.
    expect(await page.getByTestId('expertise-edit').count()).toBe(0);
    const key = await skill.getAttribute('data-skill-key') as string;
    const before = await countOf(page, key);
    expect(await skill.getByTestId('expertise-endorsements').textContent()).toMatch(words.endorsement);
    await expectAccessible(page);

    await skill.getByTestId('expertise-endorse').click();
    const row = page.locator(`[data-testid="expertise-skill"][data-skill-key="${key}"]`);
    await row.getByTestId('expertise-withdraw').waitFor();
    expect(await countOf(page, key)).toBe(before + 1);
    await row.getByTestId('expertise-mine').waitFor();

    await page.reload();
    await row.getByTestId('expertise-withdraw').waitFor();
    expect(await countOf(page, key)).toBe(before + 1);
    await expectAccessible(page);

    await row.getByTestId('expertise-withdraw').click();
    await row.getByTestId('expertise-endorse').waitFor();
    expect(await countOf(page, key)).toBe(before);
    await page.reload();
    await row.getByTestId('expertise-endorse').waitFor();
    expect(await countOf(page, key)).toBe(before);
    await context.close();
  });

  test('edits and saves their own record; nobody can endorse it', async () => {
    const { page, context } = await h.newPage({ user: viewer, locale });
    await page.goto('/');
    await page.getByTestId('expertise-edit').waitFor();
    expect(await page.getByTestId('expertise-endorse').count()).toBe(0);
    await expectAccessible(page);

    await page.getByTestId('expertise-edit').click();
    await page.getByTestId('expertise-editor').waitFor();
    const combo = page.getByRole('combobox', { name: words.addSkill });
    // typing suggests taxonomy skills (accents and case aside); arrows move, Enter adds
    await combo.pressSequentially(words.typed);
    const suggestion = page.getByRole('option', { name: words.synonym, exact: true });
    await suggestion.waitFor();
    await expectAccessible(page);
    const options = await page.getByRole('option').evaluateAll(list => list.map(o => o.id));
    const target = await suggestion.getAttribute('id');
    for (let i = 0; i <= options.indexOf(target as string); i++) await combo.press('ArrowDown');
    expect(await combo.getAttribute('aria-activedescendant')).toBe(target);
    await combo.press('Enter');
    await page.getByTestId('expertise-editor-skill').filter({ hasText: words.skill }).waitFor();
    await combo.fill(words.free);
    await page.getByTestId('expertise-add-skill-button').click();
    await page.getByTestId('expertise-editor-skill').filter({ hasText: words.free }).waitFor();
    const ask = page.getByRole('textbox', { name: words.askMeAbout });
    const current = await ask.inputValue();
    await ask.fill(`${current}\n${words.topic}`.trim());
    await expectAccessible(page);
    await page.getByTestId('expertise-save').click();

    await page.getByTestId('expertise-saved').waitFor();
    expect(await page.getByTestId('expertise-saved').textContent()).toMatch(words.saved);
    await page.getByTestId('expertise-skill').filter({ hasText: words.free }).waitFor();
    expect(await page.getByTestId('expertise-ask-me-about').textContent()).toContain(words.topic);

    await page.reload();
    await page.getByTestId('expertise-skill').filter({ hasText: words.free }).waitFor();
    expect(await page.getByTestId('expertise-ask-me-about').textContent()).toContain(words.topic);
    await expectAccessible(page);
    await context.close();
  });
});

test('the profile shows the whole manager chain from the top, read in the first Graph batch; a manager opens by keyboard', async () => {
  const agent = personaByRole('frontline-agent');
  const director = personaByRole('director');
  const ceo = personaByRole('executive');
  const { page, context } = await h.newPage({ user: personaByRole('employee').upn, locale: 'en-US' });
  const graphCalls: string[] = [];
  page.on('request', r => { if (r.url().includes('/graph/')) graphCalls.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await page.goto(`/?person=${encodeURIComponent(agent.upn)}`);
  const chain = page.getByRole('list', { name: `Management chain of ${agent.displayName}, from the top` });
  await chain.waitFor();
  const names = await chain.getByRole('listitem').allTextContents();
  expect(names[0]).toContain(ceo.displayName);
  expect(names[names.length - 1]).toContain(personaByRole('manager').displayName);
  expect(names[names.length - 2]).toContain(director.displayName);
  expect(graphCalls.filter(c => c.endsWith('/$batch'))).toHaveLength(1);
  await expectAccessible(page);

  await chain.getByRole('button', { name: `Open the profile of ${director.displayName}` }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('profile-view').getByRole('heading', { level: 2, name: director.displayName }).waitFor();
  await context.close();
});
