/**
 * Demo community spaces for the local workbench: communities of the demo organisation (public and
 * private, one official), believable questions, answers and discussions in English and French,
 * accepted answers (so the relay's capture form shows an existing answer at once, and the
 * answerers' profiles carry the evidence), votes and a private community's threads.
 *
 * Everything goes the way it does in production: people post as themselves (their services), the
 * job identity creates the communities and decides the acceptances (services/community/trusted/).
 * Idempotent: a site where the official community exists is left as it is. Deterministic client
 * ids, so an interrupted seed completes without doubles. Nothing shipped calls it.
 */
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Policy } from '../../core/policy/types';
import type { CommunityDraft } from '../../core/community/model';
import { textToHtml } from '../../core/community/richText';
import { CommunityService } from './service';
import { createCommunity, readCommunity, setMembership, SpaceContext } from './trusted/spaces';
import { runCommunities } from './trusted/run';

/** The official community the demo's answered questions are asked in. */
export const DEMO_COMMUNITY_KEY = 'customer-care-tips';

export interface DemoQuestion {
  title: string;
  body: string;
  answer: string;
  language: 'en' | 'fr';
  /** Days before `now` the answer was accepted (kept for ordering the list). */
  answeredDaysAgo: number;
}

export const DEMO_ANSWERED_QUESTIONS: readonly DemoQuestion[] = [
  {
    title: 'What do I tell a customer whose delivery missed the booked window?',
    body: 'The customer waited home all day and the delivery never came in the window they booked.',
    answer: 'Apologize, check the parcel in the carrier portal and book a new delivery window from the order page. A missed window gives a free delivery credit: add it from the customer account, then relay the case so logistics sees how often it happens.',
    language: 'en',
    answeredDaysAgo: 3
  },
  {
    title: 'Paiement en double sur la même facture : que faire?',
    body: 'Le client a été facturé deux fois : son relevé montre le même paiement en double ce mois-ci, sur la même carte.',
    answer: 'Le deuxième paiement est une autorisation en double : il disparaît seul sous 5 jours ouvrables. S’il est encore là après, ouvrez un remboursement depuis le compte client (motif « double facturation ») et donnez le numéro au client.',
    language: 'fr',
    answeredDaysAgo: 6
  },
  {
    title: 'Loyalty points missing from the card after a purchase',
    body: 'A customer says the loyalty points from last month never showed up on their card.',
    answer: 'Points post 48 hours after the purchase. After that, add the missing points by hand from the receipt number in the loyalty tool (up to 5,000 points); above that, send the receipt to the loyalty team.',
    language: 'en',
    answeredDaysAgo: 10
  },
  {
    title: 'Délai de remboursement après un retour en ligne',
    body: 'Le client a retourné l’article il y a trois semaines et n’a toujours pas de remboursement.',
    answer: 'Le remboursement part quand l’entrepôt reçoit le retour, puis la banque prend jusqu’à 10 jours. Vérifiez la réception du retour dans le suivi de commande; si elle date de plus de 10 jours, escaladez au service des remboursements avec le numéro de commande.',
    language: 'fr',
    answeredDaysAgo: 14
  },
  {
    title: 'Payment reminder sent after the customer already paid',
    body: 'The customer got a payment reminder a week after paying the invoice.',
    answer: 'Reminders are prepared three days ahead, so a payment made in that time still gets one. Confirm the payment in the account history, tell the customer to ignore the reminder, and no late fee will apply.',
    language: 'en',
    answeredDaysAgo: 20
  },
  {
    title: 'Livraison déplacée sans prévenir le client',
    body: 'La livraison d’une commande en ligne a été reportée à la semaine prochaine et personne n’a prévenu la cliente.',
    answer: 'Le transporteur reporte parfois une livraison sans avis quand la tournée est pleine. Proposez une nouvelle plage dans le portail du transporteur et activez les avis par texto sur la commande pour les prochains changements.',
    language: 'fr',
    answeredDaysAgo: 25
  },
  {
    title: 'How do I help a customer stuck in a login loop in the app?',
    body: 'Since the last update the mobile app sends the customer back to the login screen every time.',
    answer: 'Ask the customer to update the app, then sign out of every device from the website and sign in again. If the loop goes on, clearing the app data fixes it; the known issue is tracked by the digital team.',
    language: 'en',
    answeredDaysAgo: 33
  },
  {
    title: 'Carte-cadeau avec un solde à zéro jamais utilisée',
    body: 'La carte-cadeau d’un client affiche un solde de zéro alors qu’il ne l’a jamais utilisée.',
    answer: 'Une carte jamais activée en caisse affiche zéro. Retrouvez la transaction d’achat avec le reçu et activez la carte depuis l’outil des cartes-cadeaux; sans reçu, transmettez le numéro de la carte au service à la clientèle.',
    language: 'fr',
    answeredDaysAgo: 41
  }
];

export const DEMO_COMMUNITIES: ReadonlyArray<CommunityDraft> = [
  { key: DEMO_COMMUNITY_KEY, title: 'Customer care tips · Conseils service client', description: 'Official: answers for frontline staff, in English and French. Réponses pour le personnel en première ligne.', visibility: 'public', official: true },
  { key: 'store-operations', title: 'Store operations', description: 'Opening hours, inventory counts, tills and everything that keeps a store running.', visibility: 'public', official: false },
  { key: 'vie-au-bureau-quebec', title: 'Vie au bureau — Québec', description: 'Stationnement, cafétéria, activités du bureau de Québec.', visibility: 'public', official: false },
  { key: 'store-leads', title: 'Store leads', description: 'Private space for store managers: staffing, targets, difficult cases.', visibility: 'private', official: false }
];

/** Unanswered questions and discussions, so every tab of a community has something. */
const DEMO_THREADS: ReadonlyArray<{ community: string; kind: 'question' | 'discussion'; title: string; body: string; language: 'en' | 'fr'; replies?: string[] }> = [
  { community: DEMO_COMMUNITY_KEY, kind: 'question', title: 'Can a customer return an item bought with a gift card for cash?', body: 'The customer paid with a gift card and now wants the refund in cash.', language: 'en' },
  { community: DEMO_COMMUNITY_KEY, kind: 'question', title: 'Un client peut-il changer l’adresse de livraison après l’envoi?', body: 'La commande est partie hier, le client a déménagé.', language: 'fr' },
  { community: DEMO_COMMUNITY_KEY, kind: 'discussion', title: 'What phrases calm an angry caller? Share yours', body: 'I start with “Let me make sure I understood you”. What works for you?', language: 'en',
    replies: ['Naming the problem back to them before any solution.', 'Je dis toujours ce que je vais faire et quand je rappelle.'] },
  { community: 'store-operations', kind: 'question', title: 'When is the year-end inventory count this year?', body: 'Our store has not received the date yet.', language: 'en' },
  { community: 'store-operations', kind: 'discussion', title: 'Holiday opening hours: what worked last year', body: 'Longer evenings or earlier mornings? Tell us what your customers preferred.', language: 'en',
    replies: ['Earlier mornings at Lévis: the parking lot was full by 9.'] },
  { community: 'vie-au-bureau-quebec', kind: 'question', title: 'Le stationnement P2 est-il ouvert le samedi?', body: 'Je dois passer au bureau samedi matin.', language: 'fr' },
  { community: 'store-leads', kind: 'discussion', title: 'Staffing the week before Christmas', body: 'How many extra people are you planning per shift?', language: 'en',
    replies: ['Two per shift at Montmagny, three on Saturday.'] },
  { community: 'store-leads', kind: 'question', title: 'How do I handle an employee who refuses the new schedule?', body: 'Confidential: an employee refuses the rotation we agreed on.', language: 'en' }
];

export interface SeedDemoCommunitiesOptions {
  /** The job identity (creates communities, decides acceptances). */
  job: SPFI;
  graph: Client;
  policy: Policy;
  /** SharePoint as one person (people post as themselves). */
  spAs(upn: string): SPFI;
  now: Date;
  people: {
    /** Manages every demo community. */
    manager: string;
    /** Answer the questions (in turn). */
    experts: readonly string[];
    /** Ask, vote and join (in turn). */
    members: readonly string[];
    /** Members of the private community besides the manager. */
    leads: readonly string[];
  };
  questions?: readonly DemoQuestion[];
}

export interface SeedDemoCommunitiesReport {
  created: number;
  skipped: number;
}

/** Seeds the demo communities (see the module's comment). */
export async function seedDemoCommunities(options: SeedDemoCommunitiesOptions): Promise<SeedDemoCommunitiesReport> {
  const questions = options.questions || DEMO_ANSWERED_QUESTIONS;
  const { people, now } = options;
  const space: SpaceContext = { sp: options.job, now, log: () => undefined, nameOf: async upn => upn };
  if (await readCommunity(options.job, DEMO_COMMUNITY_KEY)) return { created: 0, skipped: questions.length };
  let seq = 0;
  const id = (): string => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const as = (upn: string): CommunityService => new CommunityService({ sp: options.spAs(upn) }, { me: upn, sanitize: h => h, newId: id });
  for (const draft of DEMO_COMMUNITIES) await createCommunity(space, draft, people.manager);
  for (const [i, upn] of people.members.entries()) {
    await setMembership(space, DEMO_COMMUNITY_KEY, upn, 'member');
    if (i % 2 === 0) await setMembership(space, 'store-operations', upn, 'member');
    if (i % 3 === 0) await setMembership(space, 'vie-au-bureau-quebec', upn, 'member');
  }
  for (const upn of people.experts) await setMembership(space, DEMO_COMMUNITY_KEY, upn, 'member');
  for (const upn of people.leads) await setMembership(space, 'store-leads', upn, 'member');
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];
  const accepts: Array<{ asker: string; answerId: number; communityKey: string }> = [];
  for (const [i, q] of questions.entries()) {
    const asker = pick(people.members, i);
    const question = await as(asker).startThread(DEMO_COMMUNITY_KEY, { kind: 'question', title: q.title, body: textToHtml(q.body), language: q.language }, id());
    const answer = await as(pick(people.experts, i)).reply(question.id, 'answer', textToHtml(q.answer), id(), q.language);
    for (let v = 0; v < (i % 4) + 1; v++) await as(pick(people.members, i + v + 1)).vote(answer);
    accepts.push({ asker, answerId: answer.id, communityKey: DEMO_COMMUNITY_KEY });
  }
  for (const [i, t] of DEMO_THREADS.entries()) {
    const author = t.community === 'store-leads' ? pick([people.manager, ...people.leads], i) : pick(people.members, i + 3);
    const root = await as(author).startThread(t.community, { kind: t.kind, title: t.title, body: textToHtml(t.body), language: t.language }, id());
    for (const [j, text] of (t.replies || []).entries()) {
      const who = t.community === 'store-leads' ? pick(people.leads, j) : pick(people.experts, i + j);
      await as(who).reply(root.id, 'comment', textToHtml(text), id(), t.language);
    }
  }
  // Acceptances go through the job like any other: the asker's request, decided from its Author.
  for (const a of accepts) await as(a.asker).accept({ id: a.answerId, communityKey: a.communityKey });
  const ctx = {
    sp: options.job, graph: options.graph, policy: options.policy, now, log: () => undefined,
    recipientOf: async () => null, nameOf: async (upn: string) => upn, threadUrl: (n: number) => String(n)
  };
  await runCommunities(ctx);
  await runCommunities(ctx);
  return { created: questions.length, skipped: 0 };
}
