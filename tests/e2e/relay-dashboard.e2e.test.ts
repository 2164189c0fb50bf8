/**
 * Dashboard journey, in English and in French: Marc-André (manager, management role) opens the
 * Customer insights dashboard in the Teams host, finds an insight relayed by his agent Émilie,
 * sees why it ranks (its cost-of-delay factors), acknowledges it in place, then resolves it from
 * its panel with a response to the employees and a ready-to-send customer reply. The stored insight
 * (read through SharePoint's REST API as the tenant admin) is resolved, closed and holds both
 * texts. Every page state is checked by axe-core and logs no console error.
 *
 * The insight is prepared through REST as the tenant admin (as the relay job, which holds full
 * control of the lists, would create it) and its relay through the relay service as Émilie.
 */
import { personaByRole } from '../../workbench/tenant/seed';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { RelayService } from '../../services/relay/relays';
import { randomUUID } from 'crypto';
import { toSubmission } from '../../core/relay/submission';
import { defaultPolicy } from '../../core/policy';
import { emptyDraft } from '../../core/relay/model';
import { spFor } from '../support/sp-client';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const agent = personaByRole('frontline-agent');
const manager = personaByRole('manager');
const admin = personaByRole('tenant-admin');

const journeys = [
  {
    locale: 'en-US',
    title: 'Parcels left at the wrong door (journey en)',
    labels: {
      app: 'Customer insights dashboard', acknowledge: 'Acknowledge: ', open: 'Open: ', response: /Response to the employees/,
      reply: 'Ready-to-send reply for the customer', reason: 'Closure reason', resolve: 'Resolve', resolved: 'Resolved. Every relaying employee will be told.',
      acknowledged: 'Acknowledged', explanation: 'How is this ordered?', cost: /relays × weight 4 × .* business hours? = /
    }
  },
  {
    locale: 'fr-FR',
    title: 'Colis laissés à la mauvaise porte (parcours fr)',
    labels: {
      app: 'Tableau de bord des signalements clients', acknowledge: 'Accuser réception : ', open: 'Ouvrir : ', response: /Réponse aux employés/,
      reply: 'Réponse prête à envoyer au client', reason: 'Motif de fermeture', resolve: 'Résoudre', resolved: 'Résolu. Chaque employé qui l\'a relayé en sera avisé.',
      acknowledged: 'Reçu', explanation: 'Comment est-ce classé?', cost: /relais × poids 4 × .* heures? ouvrables? = /
    }
  }
];

const siteUrl = (): string => `${h.workbench.url}/sites/intranet`;

/** Émilie's relay (through the relay service), and its insight created as the relay job would, owned by her manager. */
async function prepareInsight(title: string): Promise<number> {
  const policy = defaultPolicy().feedback;
  const relays = new RelayService({ sp: spFor(siteUrl(), agent.upn) }, { me: agent.upn, policy });
  const draft = emptyDraft({
    channel: 'at-the-door', product: 'home-delivery', category: 'delivery', severity: 'high',
    customerWords: `${title}: the courier left it at the neighbour's door again.`
  });
  const relay = await relays.submit(toSubmission(draft, policy, randomUUID(), 'en'));
  const adminSp = spFor(siteUrl(), admin.upn);
  const firstSeen = new Date(Date.now() - 3 * 3600_000).toISOString();
  const added = await adminSp.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.add({
    Title: title,
    [INSIGHT_FIELDS.key]: `relay:${relay.clientId}`,
    [INSIGHT_FIELDS.summary]: title,
    [INSIGHT_FIELDS.category]: 'delivery',
    [INSIGHT_FIELDS.product]: 'home-delivery',
    [INSIGHT_FIELDS.severity]: 'high',
    [INSIGHT_FIELDS.reach]: 3,
    [INSIGHT_FIELDS.firstSeen]: firstSeen,
    [INSIGHT_FIELDS.lastSeen]: firstSeen,
    [INSIGHT_FIELDS.ownerUpn]: manager.upn.toLowerCase(),
    [INSIGHT_FIELDS.ownerSource]: 'rule:manager-chain',
    [INSIGHT_FIELDS.department]: 'Customer Service',
    [INSIGHT_FIELDS.status]: 'new',
    [INSIGHT_FIELDS.statusHistory]: JSON.stringify([{ at: firstSeen, status: 'new' }]),
    [INSIGHT_FIELDS.isOpen]: true
  });
  const id = Number((added as { Id?: number; data?: { Id: number } }).Id ?? (added as { data: { Id: number } }).data.Id);
  await adminSp.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(relay.id).update({ [RELAY_FIELDS.insightId]: id, [RELAY_FIELDS.ingestState]: 'clustered' });
  return id;
}

async function storedInsight(id: number): Promise<Record<string, unknown>> {
  const res = await fetch(`${siteUrl()}/_api/web/lists/getByTitle('${INSIGHTS_LIST_TITLE}')/items(${id})`, {
    headers: { Accept: 'application/json;odata=nometadata', 'x-local-user': admin.upn }
  });
  expect(res.status).toBe(200);
  return await res.json() as Record<string, unknown>;
}

test.each(journeys)('Marc-André acknowledges and resolves an insight from the dashboard in Teams ($locale)', async j => {
  const id = await prepareInsight(j.title);
  const { page, context } = await h.newPage({ user: manager.upn, locale: j.locale });
  await page.goto('/teams?app=RelayDashboardWebPart&kind=personal');
  const dashboard = page.getByTestId('relay-dashboard');
  await dashboard.waitFor();
  const row = dashboard.locator(`[data-testid="insight-row"][data-insight="${id}"]`);
  await row.waitFor();
  expect(await dashboard.getByText(j.labels.explanation).count()).toBe(1);
  expect(await row.getByTestId('insight-cost').textContent()).toMatch(j.labels.cost);
  await page.getByTestId('chart-weekly').waitFor();
  await expectAccessible(page);

  // Acknowledge in place, by keyboard.
  await row.getByRole('button', { name: `${j.labels.acknowledge}${j.title}` }).focus();
  await page.keyboard.press('Enter');
  await row.getByRole('button', { name: `${j.labels.acknowledge}${j.title}` }).waitFor({ state: 'detached' });
  expect(await row.textContent()).toContain(j.labels.acknowledged);
  expect((await storedInsight(id))[INSIGHT_FIELDS.status]).toBe('acknowledged');

  // Resolve from the panel with a response and a customer reply.
  await row.getByRole('button', { name: `${j.labels.open}${j.title}` }).click();
  const panel = page.getByRole('dialog');
  await panel.getByTestId('panel-relays').waitFor();
  // People by name, never by address (the names arrive with one directory read after the relays).
  await panel.getByTestId('panel-relays').getByText(agent.displayName, { exact: false }).first().waitFor();
  expect(await panel.getByTestId('panel-relays').textContent()).toContain(agent.displayName);
  expect(await panel.getByTestId('panel-relays').textContent()).not.toContain('@');
  await page.waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running'));
  await expectAccessible(page);
  const response = `The carrier now photographs every delivery (${j.locale}).`;
  const reply = `Your parcels will be handed to you or photographed at your door (${j.locale}).`;
  await panel.getByRole('textbox', { name: j.labels.response }).fill(response);
  await panel.getByRole('textbox', { name: j.labels.reply }).fill(reply);
  await panel.getByRole('textbox', { name: j.labels.reason }).fill('carrier-process');
  await panel.getByRole('button', { name: j.labels.resolve, exact: true }).click();
  await panel.getByText(j.labels.resolved).waitFor();
  await expectAccessible(page);

  const stored = await storedInsight(id);
  expect([stored[INSIGHT_FIELDS.status], stored[INSIGHT_FIELDS.isOpen], stored[INSIGHT_FIELDS.response], stored[INSIGHT_FIELDS.customerReply]])
    .toEqual(['resolved', false, response, reply]);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  expect(await row.count()).toBe(0);
  await context.close();
});

test.each(journeys)('on a phone (375 px), a notification link opens its insight, people are named and chart labels stay readable ($locale)', async j => {
  const id = await prepareInsight(`${j.title} — phone`);
  const { page, context } = await h.newPage({ user: manager.upn, locale: j.locale });
  await page.setViewportSize({ width: 375, height: 812 });
  // The link of a reminder mail: `<dashboard>?insight=<id>`.
  await page.goto(`/dashboard?insight=${id}`);
  const panel = page.getByRole('dialog');
  await panel.getByText(`${j.title} — phone`, { exact: true }).first().waitFor();
  await panel.getByTestId('panel-relays').waitFor();
  await page.waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running'));
  await panel.getByTestId('panel-owner').getByText(manager.displayName, { exact: true }).waitFor();
  expect(await panel.getByTestId('panel-owner').textContent()).toBe(manager.displayName);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });

  const row = page.locator(`[data-testid="insight-row"][data-insight="${id}"]`);
  await row.getByText(manager.displayName, { exact: false }).first().waitFor();
  expect(await row.textContent()).toContain(manager.displayName);
  expect(await row.textContent()).not.toContain('@');
  const weekly = page.getByTestId('chart-weekly');
  await weekly.waitFor();
  // Rendered size of the axis labels: the drawing's 12 px scaled to the chart's width on screen.
  const sizes = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid^="chart-"] svg text')).map(t => {
    const svg = (t as SVGTextElement).ownerSVGElement as SVGSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Number((t as SVGTextElement).getAttribute('font-size')) * scale;
  }));
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  // Week labels never overlap, and read as the language writes them.
  const labels = await weekly.locator('svg text').allTextContents();
  expect(labels.some(l => (j.locale === 'fr-FR' ? /^S\d\d$/ : /^W\d\d$/).test(l))).toBe(true);
  const boxes = await weekly.locator('svg text').evaluateAll(ts => ts.filter(t => /^[WS]\d\d$/.test(t.textContent || '')).map(t => t.getBoundingClientRect()).map(r => [r.left, r.right]));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThanOrEqual(boxes[i - 1][1]);
  await expectAccessible(page);
  await context.close();
});

test.each(['dark', 'contrast'])('the dashboard, its charts and their tables follow the Teams %s theme (axe, contrast included)', async theme => {
  const id = await prepareInsight(`Wrong change given at the till (${theme})`);
  const { page, context } = await h.newPage({ user: manager.upn, locale: 'en-US', teamsTheme: theme });
  await page.goto('/teams?app=RelayDashboardWebPart&kind=tab');
  const dashboard = page.getByTestId('relay-dashboard');
  await dashboard.locator(`[data-testid="insight-row"][data-insight="${id}"]`).waitFor();
  const weekly = page.getByTestId('chart-weekly');
  await weekly.waitFor();
  await expectAccessible(page);
  // The table alternative, reached by keyboard.
  await weekly.getByRole('switch', { name: 'Show as table' }).focus();
  await page.keyboard.press('Space');
  await weekly.getByRole('table').waitFor();
  expect(await weekly.getByRole('columnheader').first().textContent()).toBe('Week');
  await expectAccessible(page);
  await context.close();
});

test('an employee outside the management role is told who the dashboard is for', async () => {
  const employee = personaByRole('employee');
  const { page, context } = await h.newPage({ user: employee.upn, locale: 'en-US' });
  await page.goto('/dashboard');
  // The dashboard's own notice (the workbench's page hint above it says whom to sign in as).
  await page.getByTestId('dashboard-role').getByText(/This dashboard is for the management role/).waitFor();
  expect(await page.getByTestId('insight-list').count()).toBe(0);
  await expectAccessible(page);
  await context.close();
});
