/**
 * Relay journey, in English and in French: Émilie (frontline agent) relays what a customer said,
 * with a phone number and a payment card in it, on the intranet's relay page; she sees what
 * redaction removes, sends, and finds the relay in "My relays". The item stored in SharePoint, read
 * through the REST API as the tenant admin, holds neither the phone nor the card, and the browser
 * keeps no draft. The header's button opens the same form on the home page. Every page is checked
 * by axe-core and logs no console error. Names and street addresses are suggested, not removed:
 * she removes one by keyboard and keeps another, and the stored relay holds exactly her choice.
 */
import type { Page } from 'playwright-core';
import { personaByRole } from '../../workbench/tenant/seed';
import { RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { odataString } from '../../core/odata';
import { BannerService } from '../../services/relay/banners';
import { spFor } from '../support/sp-client';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const agent = personaByRole('frontline-agent');
const admin = personaByRole('tenant-admin');

const journeys = [
  {
    locale: 'en-US',
    phone: '+1 418 555 0199',
    card: '4111 1111 1111 1111',
    words: (phone: string, card: string) => `Third time my parcel is late. Call me at ${phone}; I paid with ${card} and want a refund. Journey en`,
    labels: {
      channel: /Where the customer said it/, severity: /Severity/, category: /What it is about/, product: /Product or service/,
      words: /The customer’s own words/, submit: 'Send the relay', myRelays: 'See my relays', phone: 'phone number', card: 'payment card',
      thanks: 'Thank you, your relay was received.', headerButton: 'Relay customer feedback', pending: 'Received, being grouped'
    },
    options: { channel: 'Phone', severity: 'High', category: 'Delivery and delivery windows', product: 'Home delivery' }
  },
  {
    locale: 'fr-FR',
    phone: '06 12 34 56 78',
    card: '4111 1111 1111 1111',
    words: (phone: string, card: string) => `Mon colis est encore en retard. Rappelez-moi au ${phone} ; j’ai payé avec la carte ${card}. Parcours fr`,
    labels: {
      channel: /Où le client l’a dit/, severity: /Gravité/, category: /Sujet/, product: /Produit ou service/,
      words: /Les mots du client/, submit: 'Envoyer le relais', myRelays: 'Voir mes relais', phone: 'numéro de téléphone', card: 'carte de paiement',
      thanks: 'Merci, votre relais a bien été reçu.', headerButton: 'Relayer une rétroaction client', pending: 'Reçu, en cours de regroupement'
    },
    options: { channel: 'Téléphone', severity: 'Élevée', category: 'Livraison et plages de livraison', product: 'Livraison à domicile' }
  }
];

type Journey = typeof journeys[number];

async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function fill(page: Page, j: Journey): Promise<void> {
  await choose(page, j.labels.channel, j.options.channel);
  await choose(page, j.labels.severity, j.options.severity);
  await choose(page, j.labels.category, j.options.category);
  await choose(page, j.labels.product, j.options.product);
  await page.getByRole('textbox', { name: j.labels.words }).fill(j.words(j.phone, j.card));
}

/** Every relay item of the list, read as the tenant admin through SharePoint's REST API. */
async function storedRelays(marker: string): Promise<Array<Record<string, unknown>>> {
  const list = encodeURIComponent(odataString(RELAYS_LIST_TITLE));
  const url = `${h.workbench.url}/sites/intranet/_api/web/lists/getByTitle(${list})/items?$top=100&$orderby=ID desc`;
  const res = await fetch(url, { headers: { Accept: 'application/json;odata=nometadata', 'x-local-user': admin.upn } });
  expect(res.status).toBe(200);
  const body = await res.json() as { value: Array<Record<string, unknown>> };
  return body.value.filter(item => String(item[RELAY_FIELDS.customerWords] || '').includes(marker));
}

const localDrafts = (page: Page): Promise<string[]> =>
  page.evaluate(() => Object.keys(localStorage).filter(k => k.indexOf('relay-draft') >= 0).map(k => localStorage.getItem(k) || ''));

test.each(journeys)('Émilie relays feedback with a phone and a card ($locale): redacted before it is stored, then listed in My relays', async j => {
  const { page, context } = await h.newPage({ user: agent.upn, locale: j.locale });
  await page.goto('/relay');
  const form = page.getByTestId('relay-form');
  await form.waitFor();
  await expectAccessible(page);

  await fill(page, j);
  const preview = page.getByTestId('relay-redaction');
  await preview.getByTestId('relay-redaction-customerWords').waitFor();
  const previewText = await preview.textContent() || '';
  expect(previewText).toContain(`(${j.labels.phone})`);
  expect(previewText).toContain(`(${j.labels.card})`);
  const storedAs = await preview.getByTestId('relay-stored-customerWords').textContent() || '';
  expect(storedAs).toContain('[phone]');
  expect(storedAs).toContain('[card]');
  expect(storedAs).not.toContain(j.phone);
  expect(storedAs).not.toContain('4111');
  // The draft kept for safety is the redacted one.
  await page.waitForFunction(() => Object.keys(localStorage).some(k => k.indexOf('relay-draft') >= 0 && (localStorage.getItem(k) || '').indexOf('[card]') >= 0));
  for (const draft of await localDrafts(page)) {
    expect(draft).not.toContain('4111');
    expect(draft).not.toContain(j.phone);
  }
  await expectAccessible(page);

  await page.getByRole('button', { name: j.labels.submit }).click();
  await page.getByText(j.labels.thanks).waitFor();
  await expectAccessible(page);
  expect(await localDrafts(page)).toEqual([]);

  const marker = j.locale === 'en-US' ? 'Journey en' : 'Parcours fr';
  const items = await storedRelays(marker);
  expect(items).toHaveLength(1);
  const stored = JSON.stringify(items[0]);
  expect(stored).not.toContain(j.phone);
  expect(stored).not.toContain('4111');
  expect(stored).not.toContain(j.phone.replace(/\D/g, ''));
  expect(String(items[0][RELAY_FIELDS.customerWords])).toContain('[phone]');
  expect(String(items[0][RELAY_FIELDS.customerWords])).toContain('[card]');
  expect(String(items[0][RELAY_FIELDS.relayerUpn]).toLowerCase()).toBe(agent.upn.toLowerCase());

  await page.getByText(j.labels.myRelays).click();
  const mine = page.getByTestId('my-relays');
  const entry = mine.getByTestId('my-relay').filter({ hasText: marker });
  await entry.waitFor();
  // My relays shows the stored (language-neutral) token in the reader's language.
  expect(await entry.textContent()).toContain(j.locale === 'fr-FR' ? '[carte]' : '[card]');
  await expectAccessible(page);
  await context.close();
});

async function faults(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${h.workbench.url}/_local/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test.each(journeys)('during an outage the form says within 10 s that the relay is not sent yet, and a reload keeps the header and the draft ($locale)', async j => {
  const { page, context } = await h.newPage({ user: agent.upn, locale: j.locale });
  await page.goto('/relay');
  await page.getByTestId('relay-form').waitFor();
  await page.getByTestId('portal-header').waitFor();
  await fill(page, j);
  await page.waitForFunction(() => Object.keys(localStorage).some(k => k.indexOf('relay-draft') >= 0));
  // SharePoint down, asking to come back in 2 s (what users met: 65 s of "Sending…").
  await faults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 2, paths: ['/_api/'] });
  try {
    let started = Date.now();
    await page.getByRole('button', { name: j.labels.submit }).click();
    await page.getByTestId('relay-still-trying').or(page.getByTestId('relay-submit-error')).first().waitFor({ timeout: 10000 });
    expect(Date.now() - started).toBeLessThan(10000);
    expect(await page.getByTestId('portal-header').isVisible()).toBe(true);
    await page.getByTestId('relay-submit-error').waitFor({ timeout: 10000 });

    // A reload during the outage: the header, the form and the draft are back within seconds.
    started = Date.now();
    await page.reload();
    await page.getByTestId('relay-restored').waitFor({ timeout: 10000 });
    await page.getByTestId('portal-header').waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(10000);
    expect(await page.getByRole('textbox', { name: j.labels.words }).inputValue()).toContain(j.locale === 'fr-FR' ? 'Parcours fr' : 'Journey en');
  } finally {
    await faults({ failureRate: 0 });
  }
  // The simulated outage's failed requests are the only errors the console may show.
  const errors = h.errors.splice(0);
  expect(errors.filter(e => !/503|Service Unavailable|Failed to load resource/.test(e))).toEqual([]);
  await context.close();
});

const suggestionJourneys = [
  {
    ...journeys[0],
    text: 'My name is Jennifer Walsh, the parcel for 88 Maple Street, apt 4 was left in the rain. Suggestion journey en',
    name: 'Jennifer Walsh', address: '88 Maple Street, apt 4',
    remove: (w: string) => `Remove “${w}”`, keep: (w: string) => `Keep “${w}” as written`,
    stored: 'My name is Jennifer Walsh, the parcel for [address] was left in the rain. Suggestion journey en'
  },
  {
    ...journeys[1],
    text: 'Je m’appelle Gaétan Bélanger, le colis pour le 12 rue de la Roquette, 75011 Paris est perdu. Parcours suggestions fr',
    name: 'Gaétan Bélanger', address: '12 rue de la Roquette, 75011 Paris',
    remove: (w: string) => `Retirer « ${w} »`, keep: (w: string) => `Garder « ${w} » tel quel`,
    stored: 'Je m’appelle [name], le colis pour le [address] est perdu. Parcours suggestions fr'
  }
];

test.each(suggestionJourneys)('Émilie removes a suggested name or address by keyboard and keeps another ($locale): the stored relay has exactly what she chose', async j => {
  const { page, context } = await h.newPage({ user: agent.upn, locale: j.locale });
  await page.goto('/relay');
  await page.getByTestId('relay-form').waitFor();
  await choose(page, j.labels.channel, j.options.channel);
  await choose(page, j.labels.severity, j.options.severity);
  await choose(page, j.labels.category, j.options.category);
  await choose(page, j.labels.product, j.options.product);
  await page.getByRole('textbox', { name: j.labels.words }).fill(j.text);
  const preview = page.getByTestId('relay-redaction');
  await preview.getByTestId('relay-suggestion').first().waitFor();
  const marks = await preview.getByTestId('relay-stored-customerWords').locator('mark').allTextContents();
  expect(marks).toEqual([j.name, j.address]);
  await expectAccessible(page);

  const english = j.locale === 'en-US';
  // English: keep the name, remove the address; French: remove both. Keyboard only.
  const first = preview.getByRole('button', { name: english ? j.keep(j.name) : j.remove(j.name) });
  await first.focus();
  await page.keyboard.press('Enter');
  // the next suggestion's "Remove" has the focus: one key removes the address
  const removeAddress = preview.getByRole('button', { name: j.remove(j.address) });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'relay-suggestion-remove');
  expect(await removeAddress.evaluate(el => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.getByRole('textbox', { name: j.labels.words }).inputValue()).toBe(j.stored);
  expect(await preview.getByTestId('relay-suggestion').count()).toBe(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: j.labels.submit }).click();
  await page.getByText(j.labels.thanks).waitFor();
  const marker = english ? 'Suggestion journey en' : 'Parcours suggestions fr';
  const items = await storedRelays(marker);
  expect(items).toHaveLength(1);
  // Stored after the service's own redaction pass (the same rules the job applies): what she kept is there, what she removed is not.
  expect(String(items[0][RELAY_FIELDS.customerWords])).toBe(j.stored);
  expect(JSON.stringify(items[0])).not.toContain(j.address);
  await context.close();
});

test.each(journeys)('the header button opens the relay form on the home page ($locale)', async j => {
  const { page, context } = await h.newPage({ user: agent.upn, locale: j.locale });
  await page.goto('/');
  const button = page.getByTestId('portal-header').getByRole('button', { name: j.labels.headerButton });
  await button.waitFor();
  await expectAccessible(page);
  await button.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: j.labels.channel }).waitFor();
  // The panel slides and fades in: colours are measured once its animations are over.
  await page.waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running'));
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await button.evaluate(el => el === document.activeElement)).toBe(true);

  // The header's search box sends the query to Find an expert (the home page in the workbench).
  const search = page.getByTestId('portal-header').getByRole('searchbox');
  await search.fill('gestion relation client');
  await Promise.all([page.waitForURL(/\?q=/), search.press('Enter')]);
  expect(new URL(page.url()).searchParams.get('q')).toBe('gestion relation client');
  const expertSearch = page.getByTestId('expert-search');
  await expertSearch.getByTestId('expert-summary').waitFor();
  expect(await expertSearch.getByRole('searchbox').inputValue()).toBe('gestion relation client');
  await expectAccessible(page);
  await context.close();
});

test('in the Teams host (personal app, dark theme and tab, high contrast), the relay web part shows the form and My relays', async () => {
  for (const [kind, theme] of [['personal', 'dark'], ['tab', 'contrast']]) {
    const { page, context } = await h.newPage({ user: agent.upn, locale: 'en-US', teamsTheme: theme });
    await page.goto(`/teams?app=FeedbackRelayWebPart&kind=${kind}`);
    await page.getByTestId('relay-form').waitFor();
    await expectAccessible(page);
    await page.getByRole('tab', { name: 'My relays' }).click();
    await page.getByTestId('my-relays').waitFor();
    await expectAccessible(page);
    await context.close();
  }
});

test('a banner published by communications shows in the header in French, and stays dismissed for the session', async () => {
  const officer = personaByRole('communications-officer');
  const banners = new BannerService({ sp: spFor(`${h.workbench.url}/sites/intranet`, officer.upn) });
  await banners.publish({
    key: 'e2e:phone-lines', level: 'warning', startsAt: null, endsAt: new Date(Date.now() + 86400000).toISOString(), source: 'communications',
    message: 'Phone lines are down in Québec City until 3 pm.', messageFr: 'Les lignes téléphoniques sont en panne à Québec jusqu’à 15 h.'
  });
  const { page, context } = await h.newPage({ user: agent.upn, locale: 'fr-FR' });
  await page.goto('/');
  const region = page.getByRole('region', { name: 'Annonces de l’entreprise' });
  await region.getByText('Les lignes téléphoniques sont en panne à Québec jusqu’à 15 h.').waitFor();
  await expectAccessible(page);
  await region.getByRole('button', { name: 'Masquer cette annonce' }).click();
  await region.waitFor({ state: 'detached' });
  // After a reload the banners are read again, and the dismissed one stays hidden.
  await Promise.all([
    page.waitForResponse(r => decodeURIComponent(r.url()).includes("getByTitle('Company banners')/items") && r.status() === 200),
    page.reload()
  ]);
  await page.getByTestId('portal-header').getByRole('search').waitFor();
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 100))));
  expect(await page.getByRole('region', { name: 'Annonces de l’entreprise' }).count()).toBe(0);
  await context.close();
});
