/**
 * Demo answered questions for the local workbench, so that the relay's capture form shows an
 * existing answer (deflection, services/relay/answers.ts) right after `npm start`: eight questions
 * in English and French about the demo's frequent customer complaints (delivery windows, double
 * billing, loyalty points, refund delays...), each with its accepted answer.
 *
 * Idempotent: the questions live in one community (DEMO_COMMUNITY_KEY); those already there (same
 * title) are skipped, so a second start writes nothing. Deterministic: AnsweredAt is computed from
 * `now`. Written by the identity given (the workbench uses the community manager persona, who
 * accepts answers). Nothing shipped calls it; the community spaces will write real questions.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import { odataString } from '../../core/odata';
import { COMMUNITY_QUESTION_FIELDS as F, COMMUNITY_QUESTIONS_LIST_TITLE } from '../provisioning/communityLists';

/** The community the demo's questions are asked in. */
export const DEMO_COMMUNITY_KEY = 'customer-care-tips';

export interface DemoQuestion {
  title: string;
  body: string;
  answer: string;
  language: 'en' | 'fr';
  /** Days before `now` the answer was accepted. */
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

export interface SeedDemoQuestionsOptions {
  /** Who writes the questions (and accepts the answers). */
  sp: SPFI;
  /** UPN recorded as the accepted answers' author. */
  answeredByUpn: string;
  now: Date;
  questions?: readonly DemoQuestion[];
}

export interface SeedDemoQuestionsReport {
  created: number;
  skipped: number;
}

/** Writes the demo's answered questions that are not there yet (see the module's comment). */
export async function seedDemoCommunityQuestions(options: SeedDemoQuestionsOptions): Promise<SeedDemoQuestionsReport> {
  const questions = options.questions || DEMO_ANSWERED_QUESTIONS;
  const list = options.sp.web.lists.getByTitle(COMMUNITY_QUESTIONS_LIST_TITLE);
  // CommunityKey is indexed; the demo community holds a handful of questions.
  const existing = (await list.items
    .select('Id', 'Title')
    .filter(`${F.communityKey} eq ${odataString(DEMO_COMMUNITY_KEY)}`)
    .top(500)()) as Array<{ Id: number; Title: string | null }>;
  const titles = new Set(existing.map(i => (i.Title || '').trim()));
  let created = 0;
  for (const q of questions) {
    if (titles.has(q.title)) continue;
    await list.items.add({
      Title: q.title,
      [F.body]: q.body,
      [F.communityKey]: DEMO_COMMUNITY_KEY,
      [F.isAnswered]: true,
      [F.acceptedAnswer]: q.answer,
      [F.acceptedAnswerByUpn]: options.answeredByUpn.trim().toLowerCase(),
      [F.answeredAt]: new Date(options.now.getTime() - q.answeredDaysAgo * 86400000).toISOString(),
      [F.language]: q.language
    });
    titles.add(q.title);
    created++;
  }
  return { created, skipped: questions.length - created };
}
