/**
 * The relay's whole loop, in English and in French, through the real views and the relay job:
 * Émilie (frontline agent) relays a remark on staff courtesy with a phone number and a card number
 * in the customer's words; the relay job clusters it into an insight routed by the policy to her own
 * manager (the "service-quality" rule: level 1 of her manager chain); Marc-André finds it on the
 * dashboard in the Teams host, acknowledges and resolves it with a response and a reply for the
 * customer; the next job run tells Émilie (the local Graph outbox holds the mail); and "My relays"
 * shows her the outcome and the customer reply. The stored relay holds neither the phone nor the
 * card. Every page is checked by axe-core and logs no console error.
 */
import type { Page } from 'playwright-core';
import { personaByRole } from '../../workbench/tenant/seed';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { odataString } from '../../core/odata';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const agent = personaByRole('frontline-agent');
const manager = personaByRole('manager');
const admin = personaByRole('tenant-admin');

const journeys = [
  {
    locale: 'en-US',
    marker: 'Loop journey en',
    words: 'The cashier was rude and refused my return. Call me back at (418) 555-0142, I paid with 5500 0000 0000 0004.',
    labels: {
      channel: /Where the customer said it/, severity: /Severity/, category: /What it is about/, product: /Product or service/,
      words: /The customer’s own words/, submit: 'Send the relay', thanks: 'Thank you, your relay was received.',
      acknowledge: /^Acknowledge: /, open: /^Open: /, response: /Response to the employees/, reply: 'Ready-to-send reply for the customer',
      reason: 'Closure reason', resolve: 'Resolve', resolved: 'Resolved. Every relaying employee will be told.',
      myRelays: 'My relays', status: 'Resolved'
    },
    options: { channel: 'In person (store, counter)', severity: 'Normal', category: 'Staff courtesy and service quality', product: 'In-store shopping' },
    response: 'We coached the store team on returns; the manager called the customer.',
    reply: 'We are sorry. Your return is accepted at any of our stores, with or without the box.'
  },
  {
    locale: 'fr-FR',
    marker: 'Parcours boucle fr',
    words: 'Le caissier a été impoli et a refusé mon retour. Rappelez-moi au 06 98 76 54 32, j’ai payé avec la carte 5500 0000 0000 0004.',
    labels: {
      channel: /Où le client l’a dit/, severity: /Gravité/, category: /Sujet/, product: /Produit ou service/,
      words: /Les mots du client/, submit: 'Envoyer le relais', thanks: 'Merci, votre relais a bien été reçu.',
      acknowledge: /^Accuser réception : /, open: /^Ouvrir : /, response: /Réponse aux employés/, reply: 'Réponse prête à envoyer au client',
      reason: 'Motif de fermeture', resolve: 'Résoudre', resolved: 'Résolu. Chaque employé qui l\'a relayé en sera avisé.',
      myRelays: 'Mes relais', status: 'Résolu'
    },
    options: { channel: 'En personne (magasin, comptoir)', severity: 'Normale', category: 'Courtoisie et qualité du service', product: 'Achats en magasin' },
    response: 'Nous avons formé l’équipe du magasin sur les retours; la gérante a rappelé la cliente.',
    reply: 'Toutes nos excuses. Votre retour est accepté dans tous nos magasins, avec ou sans la boîte.'
  }
];

type Journey = typeof journeys[number];

const siteUrl = (): string => `${h.workbench.url}/sites/intranet`;

async function rest<T>(path: string): Promise<T> {
  const res = await fetch(`${siteUrl()}/_api/${path}`, { headers: { Accept: 'application/json;odata=nometadata', 'x-local-user': admin.upn } });
  expect(res.status).toBe(200);
  return await res.json() as T;
}

async function runRelayJob(): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.workbench.url}/_local/jobs/relay`, { method: 'POST' });
  expect(res.status).toBe(200);
  return await res.json() as Record<string, unknown>;
}

async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function relayAs(j: Journey): Promise<void> {
  const { page, context } = await h.newPage({ user: agent.upn, locale: j.locale });
  await page.goto('/relay');
  await page.getByTestId('relay-form').waitFor();
  await choose(page, j.labels.channel, j.options.channel);
  await choose(page, j.labels.severity, j.options.severity);
  await choose(page, j.labels.category, j.options.category);
  await choose(page, j.labels.product, j.options.product);
  await page.getByRole('textbox', { name: j.labels.words }).fill(`${j.words} ${j.marker}`);
  await page.getByTestId('relay-redaction').getByTestId('relay-stored-customerWords').waitFor();
  await page.getByRole('button', { name: j.labels.submit }).click();
  await page.getByText(j.labels.thanks).waitFor();
  await expectAccessible(page);
  await context.close();
}

test.each(journeys)('relay → job → manager resolves in Teams → the agent sees the outcome ($locale)', async j => {
  await relayAs(j);

  // The stored relay holds neither the phone nor the card.
  const relays = (await rest<{ value: Array<Record<string, unknown>> }>(
    `web/lists/getByTitle(${encodeURIComponent(odataString(RELAYS_LIST_TITLE))})/items?$top=50&$orderby=ID desc`
  )).value.filter(r => String(r[RELAY_FIELDS.customerWords]).includes(j.marker));
  expect(relays).toHaveLength(1);
  const stored = JSON.stringify(relays[0]);
  expect(stored).not.toMatch(/555.?0142|06 98 76 54 32|5500 0000 0000 0004|5500000000000004/);
  expect(relays[0][RELAY_FIELDS.ingestState]).toBe('pending');

  // The relay job clusters it and routes the new insight to Émilie's manager.
  const summary = await runRelayJob();
  expect(JSON.stringify(summary)).not.toContain(j.marker);
  const relay = await rest<Record<string, unknown>>(`web/lists/getByTitle(${encodeURIComponent(odataString(RELAYS_LIST_TITLE))})/items(${String(relays[0].Id)})`);
  expect(relay[RELAY_FIELDS.ingestState]).toBe('clustered');
  const insightId = Number(relay[RELAY_FIELDS.insightId]);
  expect(insightId).toBeGreaterThan(0);
  const insightPath = `web/lists/getByTitle(${encodeURIComponent(odataString(INSIGHTS_LIST_TITLE))})/items(${insightId})`;
  const insight = await rest<Record<string, unknown>>(insightPath);
  expect(String(insight[INSIGHT_FIELDS.ownerUpn]).toLowerCase()).toBe(manager.upn.toLowerCase());
  expect(insight[INSIGHT_FIELDS.ownerSource]).toBe('rule:service-quality-to-manager');

  // Marc-André acknowledges and resolves it from the dashboard in the Teams host.
  {
    const { page, context } = await h.newPage({ user: manager.upn, locale: j.locale });
    await page.goto('/teams?app=RelayDashboardWebPart&kind=tab');
    const row = page.getByTestId('relay-dashboard').locator(`[data-testid="insight-row"][data-insight="${insightId}"]`);
    await row.waitFor();
    await expectAccessible(page);
    await row.getByRole('button', { name: j.labels.acknowledge }).click();
    await row.getByRole('button', { name: j.labels.acknowledge }).waitFor({ state: 'detached' });
    await row.getByRole('button', { name: j.labels.open }).click();
    const panel = page.getByRole('dialog');
    await panel.getByTestId('panel-relays').waitFor();
    await panel.getByRole('textbox', { name: j.labels.response }).fill(j.response);
    await panel.getByRole('textbox', { name: j.labels.reply }).fill(j.reply);
    await panel.getByRole('textbox', { name: j.labels.reason }).fill('coaching');
    await panel.getByRole('button', { name: j.labels.resolve, exact: true }).click();
    await panel.getByText(j.labels.resolved).waitFor();
    await page.waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running'));
    await expectAccessible(page);
    await context.close();
  }
  expect((await rest<Record<string, unknown>>(insightPath))[INSIGHT_FIELDS.status]).toBe('resolved');

  // The next run tells every relaying employee, once, with the customer reply.
  await runRelayJob();
  await runRelayJob();
  const outbox = (await (await fetch(`${h.workbench.url}/_local/outbox`)).json() as { messages: Array<Record<string, unknown>> }).messages;
  const toAgent = outbox.filter(m => JSON.stringify(m).toLowerCase().includes(agent.upn.toLowerCase()) && String(m.body).includes(j.reply));
  expect(toAgent).toHaveLength(1);

  // "My relays" shows Émilie the outcome and the reply for the customer.
  {
    const { page, context } = await h.newPage({ user: agent.upn, locale: j.locale });
    await page.goto('/relay?view=my');
    const entry = page.getByTestId('my-relays').getByTestId('my-relay').filter({ hasText: j.marker });
    await entry.waitFor();
    await entry.getByTestId('my-relay-reply').waitFor();
    expect(await entry.getByTestId('my-relay-status').textContent()).toContain(j.labels.status);
    expect(await entry.getByTestId('my-relay-response').textContent()).toBe(j.response);
    expect(await entry.getByTestId('my-relay-reply').textContent()).toBe(j.reply);
    await expectAccessible(page);
    await context.close();
  }
});
