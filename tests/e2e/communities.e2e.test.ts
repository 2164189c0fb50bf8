/**
 * The Communities journey, in English and in French, through the real views, the local tenant and
 * the relay job's communities step. Olivia browses the directory, opens the official community and
 * asks a question, seeing an answered question like hers while she types; Émilie answers it; Olivia
 * votes for the answer and accepts it, which shows as being recorded until the job runs; after the
 * next run the answer shows as accepted with its vote counted. Then a private community: a non-member
 * asks to join, its manager approves, and after the job's runs the new member reads its posts.
 * Every page is checked by axe-core and logs no console error.
 */
import type { Page } from 'playwright-core';
import { personaByRole } from '../../workbench/tenant/seed';
import { expectAccessible, harnessForThisFile } from './support/browser';

const h = harnessForThisFile();
const asker = personaByRole('employee');
const answerer = personaByRole('frontline-agent');
const manager = personaByRole('community-manager');

const journeys = [
  {
    locale: 'en-US',
    marker: 'journey en',
    title: 'The delivery missed the booked window again',
    similar: 'What do I tell a customer whose delivery missed the booked window?',
    answer: 'Book a new window from the order page and add the free delivery credit.',
    joiner: personaByRole('employee'),
    labels: {
      community: 'Customer care tips · Conseils service client', ask: 'Ask a question', question: /Your question/, post: 'Post',
      answer: 'Your answer', postAnswer: 'Post the answer', voteUp: 'Vote up', withdraw: 'Withdraw my vote', accept: 'Accept this answer',
      pending: 'Accepted — being recorded', accepted: 'Accepted answer', score: '1 vote', askToJoin: /^Ask to join/, waiting: 'Your request is waiting',
      approve: /^Approve/, approved: 'Approved — being recorded', privateThread: 'Staffing the week before Christmas'
    }
  },
  {
    locale: 'fr-FR',
    marker: 'parcours fr',
    title: 'Livraison déplacée sans prévenir la cliente',
    similar: 'Livraison déplacée sans prévenir le client',
    answer: 'Proposez une nouvelle plage dans le portail du transporteur et activez les avis par texto.',
    joiner: personaByRole('communications-officer'),
    labels: {
      community: 'Customer care tips · Conseils service client', ask: 'Poser une question', question: /Votre question/, post: 'Publier',
      answer: 'Votre réponse', postAnswer: 'Publier la réponse', voteUp: 'Voter pour', withdraw: 'Retirer mon vote', accept: 'Accepter cette réponse',
      pending: 'Acceptée — en cours d’enregistrement', accepted: 'Réponse acceptée', score: '1 vote positif', askToJoin: /^Demander à rejoindre/, waiting: 'Votre demande est en attente',
      approve: /^Approuver/, approved: 'Approuvée — en cours d’enregistrement', privateThread: 'Staffing the week before Christmas'
    }
  }
];

type Journey = typeof journeys[number];

async function runRelayJob(): Promise<void> {
  const res = await fetch(`${h.workbench.url}/_local/jobs/relay`, { method: 'POST' });
  expect(res.status).toBe(200);
  await res.json();
}

async function openAs(upn: string, j: Journey, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { page, context } = await h.newPage({ user: upn, locale: j.locale });
  await page.goto(path);
  await page.getByTestId('communities').waitFor();
  return { page, close: () => context.close() };
}

async function askQuestion(j: Journey): Promise<number> {
  const { page, close } = await openAs(asker.upn, j, '/communities');
  const directory = page.getByTestId('community-directory');
  await directory.getByTestId('all-communities').waitFor();
  await expectAccessible(page);
  await directory.getByTestId('all-communities').getByRole('button', { name: j.labels.community, exact: true }).click();
  await page.getByTestId('community-page').getByTestId('community-threads').waitFor();
  await expectAccessible(page);

  await page.getByRole('button', { name: j.labels.ask, exact: true }).click();
  const form = page.getByTestId('community-post-form');
  await form.getByRole('textbox', { name: j.labels.question }).fill(`${j.title} (${j.marker})`);
  // While typing: the answered question like hers, with its accepted answer.
  await form.getByTestId('similar-question').getByText(j.similar, { exact: true }).waitFor();
  await expectAccessible(page);
  await form.getByRole('button', { name: j.labels.post, exact: true }).click();
  const thread = page.getByTestId('community-thread');
  await thread.waitFor();
  await thread.getByRole('heading', { name: `${j.title} (${j.marker})` }).waitFor();
  await expectAccessible(page);
  const id = Number(await thread.getAttribute('data-thread'));
  expect(new URL(page.url()).searchParams.get('thread')).toBe(String(id));
  await close();
  return id;
}

async function answerIt(j: Journey, threadId: number): Promise<void> {
  const { page, close } = await openAs(answerer.upn, j, `/communities?thread=${threadId}`);
  const form = page.getByTestId('answer-form');
  await form.getByRole('textbox', { name: j.labels.answer }).fill(j.answer);
  await form.getByRole('button', { name: j.labels.postAnswer }).click();
  await page.getByTestId('answer').filter({ hasText: j.answer }).waitFor();
  await expectAccessible(page);
  await close();
}

test.each(journeys)('browse → ask with a similar question → answer → vote → accept → job → accepted ($locale)', async j => {
  const threadId = await askQuestion(j);
  await answerIt(j, threadId);
  // The job's run of the minute sees the new posts (their statistics, the answer count).
  await runRelayJob();

  // Olivia votes and accepts: both wait for the job.
  {
    const { page, close } = await openAs(asker.upn, j, `/communities?thread=${threadId}`);
    const answer = page.getByTestId('answer').filter({ hasText: j.answer });
    await answer.getByRole('button', { name: j.labels.voteUp }).click();
    await answer.getByRole('button', { name: j.labels.withdraw }).waitFor();
    await answer.getByRole('button', { name: j.labels.accept }).click();
    await answer.getByTestId('accept-pending').getByText(j.labels.pending).waitFor();
    expect(await page.getByTestId('community-thread').getByTestId('community-live').textContent()).toBe(j.labels.pending);
    await expectAccessible(page);
    // Still pending after a reload: her request is read back until the job decided it.
    await page.reload();
    await page.getByTestId('answer').filter({ hasText: j.answer }).getByTestId('accept-pending').waitFor();
    await close();
  }

  await runRelayJob();

  {
    const { page, close } = await openAs(asker.upn, j, `/communities?thread=${threadId}`);
    const answer = page.getByTestId('answer').filter({ hasText: j.answer });
    await answer.getByTestId('accepted-badge').getByText(j.labels.accepted).waitFor();
    expect(await answer.getAttribute('data-accepted')).toBe('true');
    expect(await answer.getByTestId('answer-score').textContent()).toBe(j.labels.score);
    expect(await answer.getByTestId('accept-pending').count()).toBe(0);
    await expectAccessible(page);
    await close();
  }
});

test.each(journeys)('a private community: ask to join → the manager approves → after the job the member reads its posts ($locale)', async j => {
  {
    const { page, close } = await openAs(j.joiner.upn, j, '/communities?community=store-leads');
    await page.getByTestId('community-private').waitFor();
    expect(await page.getByTestId('thread-row').count()).toBe(0);
    await page.getByRole('button', { name: j.labels.askToJoin }).click();
    await page.getByTestId('membership-pending').getByText(j.labels.waiting).waitFor();
    await expectAccessible(page);
    await close();
  }

  // The job turns the request into a pending membership, which the managers see.
  await runRelayJob();

  {
    const { page, close } = await openAs(manager.upn, j, '/communities?community=store-leads');
    const request = page.getByTestId('join-request').filter({ hasText: j.joiner.upn.toLowerCase() });
    await request.waitFor();
    await expectAccessible(page);
    await request.getByRole('button', { name: j.labels.approve }).click();
    await request.getByText(j.labels.approved).waitFor();
    await expectAccessible(page);
    await close();
  }

  await runRelayJob();

  {
    const { page, close } = await openAs(j.joiner.upn, j, '/communities?community=store-leads');
    await page.getByTestId('thread-row').filter({ hasText: j.labels.privateThread }).waitFor();
    expect(await page.getByTestId('community-private').count()).toBe(0);
    await expectAccessible(page);
    await close();
  }
});
