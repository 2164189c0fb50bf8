/**
 * Demo relay history for the local workbench, so that the dashboard shows something true right
 * after `npm start`: about twelve weeks of relays in English and French across categories and
 * products (customer details already replaced by redaction tokens, as capture does), clustered into
 * insights in every status with their status histories, owners from the policy's routing rules,
 * responses and customer replies on the closed ones, a clear spike of delivery complaints in the
 * last seven days, two new insights whose first reminder falls due a few business minutes after
 * `now` (so that the job's first runs send a warning one can see in the outbox), then the daily
 * statistics of those weeks recomputed from the lists. Items are dated as their history says
 * (Created/Modified) when the caller can do so (`backdate`).
 *
 * Deterministic: a seeded PRNG (sfc32) plans everything from `now` (passed in) and the people given;
 * the same inputs give the same plan. Idempotent: every item has a stable unique key (InsightKey
 * 'demo:<topic>', relay ClientIds derived from the seed, ActivityKey), what exists is skipped, so a
 * second start writes nothing but the statistics that changed. Relays are written by their relaying
 * employee (the lists' read and write security apply); insights, their timeline and statistics by the
 * job's identity. Nothing shipped calls it.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { FeedbackPolicy } from '../../core/policy/types';
import type { ActivityEntry } from '../../core/relay/model';
import { dueNotifications } from '../../core/relay/escalation';
import { escalationNotificationKey } from '../../core/relay/notifications';
import type { InsightStatus, StatusEvent } from '../../core/relay/clock';
import { computeSilenceClock } from '../../core/relay/clock';
import { addBusinessMillis, businessMillisBetween, localDateKey, nextBusinessInstant } from '../../core/relay/calendar';
import { routeInsight, ChainManager } from '../../core/relay/routing';
import { previousDayKey } from '../../core/relay/dayStats';
import { odataString } from '../../core/odata';
import { seededRandom } from '../../core/random';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE
} from '../provisioning/relayLists';
import { activityValues, isDuplicateError, ownerValues, PAGE_SIZE, relayValues, serializeStatusHistory, StoredItem, summaryTitle } from './items';
import { recomputeDayStats } from './job';

// ------------------------------------------------------------------ randomness

/** A UUID-shaped id (version 4 layout) from the PRNG. */
function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ------------------------------------------------------------------ what customers say

interface Topic {
  key: string;
  category: string;
  product: string;
  severity: string;
  channel: string[];
  en: string[];
  fr: string[];
  /** What happened to it: the final status and how fast (business hours to acknowledge, to close). */
  fate: InsightStatus;
  ackHours?: number;
  closeHours?: number;
  /** Relays over the twelve weeks, and extra relays in the last seven days (the spike). */
  relays: number;
  spike?: number;
  /** Weeks ago the first relay came in (0 = this week). */
  startWeeksAgo: number;
  response?: { en: string; fr: string };
  customerReply?: { en: string; fr: string };
  closureReason?: string;
  /** For a duplicate: the topic it was merged into (planned before it). */
  mergedInto?: string;
  /**
   * A new insight planned so that its first reminder (the ladder's first step on the acknowledgement
   * target) falls due this many business minutes after `now`: a warning the job sends soon.
   */
  warnsInMinutes?: number;
}

const TOPICS: Topic[] = [
  {
    key: 'delivery-window-missed', category: 'delivery', product: 'home-delivery', severity: 'high', channel: ['phone', 'at-the-door', 'email'],
    en: ['I waited home all day and the delivery never came in the window I booked. Call me back at [phone].',
      'Second time the driver came two hours after the delivery window. I took the afternoon off for nothing.',
      'The tracking said "out for delivery" until 9 pm and then moved my delivery to tomorrow without warning.'],
    fr: ['J’ai attendu toute la journée et la livraison n’est jamais arrivée dans la plage réservée. Rappelez-moi au [phone].',
      'Deuxième fois que le livreur arrive deux heures après la plage de livraison. J’ai pris congé pour rien.',
      'Le suivi indiquait « en livraison » jusqu’à 21 h puis la livraison a été reportée au lendemain sans avertissement.'],
    fate: 'inProgress', ackHours: 2, relays: 7, spike: 18, startWeeksAgo: 11
  },
  {
    key: 'parcel-left-outside', category: 'delivery', product: 'home-delivery', severity: 'normal', channel: ['phone', 'email'],
    en: ['The parcel was left on the porch in the rain and the box was soaked.', 'Driver left my order outside without ringing; it was snowing.'],
    fr: ['Le colis a été laissé sur la galerie sous la pluie et la boîte était détrempée.', 'Le livreur a laissé ma commande dehors sans sonner; il neigeait.'],
    fate: 'resolved', ackHours: 3, closeHours: 20, relays: 9, startWeeksAgo: 10,
    response: { en: 'Drivers now use a weatherproof bag and must ring before leaving a parcel outside.', fr: 'Les livreurs utilisent maintenant un sac étanche et doivent sonner avant de laisser un colis dehors.' },
    customerReply: { en: 'Thank you for telling us. Our drivers now protect parcels from the weather and ring before leaving them.', fr: 'Merci de nous l’avoir signalé. Nos livreurs protègent maintenant les colis des intempéries et sonnent avant de les laisser.' },
    closureReason: 'Process changed'
  },
  {
    key: 'hold-time', category: 'call-centre', product: 'customer-service-line', severity: 'normal', channel: ['phone', 'social-media'],
    en: ['I was on hold for 45 minutes before anyone answered.', 'Your phone line hangs up after 30 minutes on hold, I tried three times.'],
    fr: ['J’ai attendu 45 minutes en ligne avant qu’on me réponde.', 'Votre ligne raccroche après 30 minutes d’attente, j’ai essayé trois fois.'],
    fate: 'acknowledged', ackHours: 6, relays: 8, startWeeksAgo: 6
  },
  {
    key: 'double-billing', category: 'billing', product: 'customer-account', severity: 'high', channel: ['email', 'phone'],
    en: ['I was charged twice for the same invoice, card ending [card]. Please refund one.', 'My statement shows the same payment two times this month.'],
    fr: ['J’ai été facturé deux fois pour la même facture, carte [card]. Remboursez-en une s’il vous plaît.', 'Mon relevé montre le même paiement deux fois ce mois-ci.'],
    fate: 'resolved', ackHours: 1.5, closeHours: 6, relays: 6, startWeeksAgo: 8,
    response: { en: 'A payment retry bug charged some cards twice; it is fixed and every duplicate was refunded.', fr: 'Une erreur de nouvelle tentative de paiement a débité certaines cartes deux fois; elle est corrigée et chaque doublon a été remboursé.' },
    customerReply: { en: 'We found the error that charged you twice and refunded the second payment; it will show within 5 business days.', fr: 'Nous avons trouvé l’erreur qui vous a débité deux fois et remboursé le second paiement; il paraîtra d’ici 5 jours ouvrables.' },
    closureReason: 'Fixed'
  },
  {
    key: 'payment-reminder-after-paying', category: 'billing', product: 'customer-account', severity: 'low', channel: ['email', 'mail'],
    en: ['I got a payment reminder a week after I paid. It is stressful.'],
    fr: ['J’ai reçu un rappel de paiement une semaine après avoir payé. C’est stressant.'],
    fate: 'waitingOnThirdParty', ackHours: 10, relays: 4, startWeeksAgo: 5
  },
  {
    key: 'refund-delay', category: 'refunds', product: 'online-store', severity: 'normal', channel: ['email', 'chat'],
    en: ['I returned the item a month ago and still have no refund. My email is [email].', 'Refund promised in 5 days, it has been three weeks.'],
    fr: ['J’ai retourné l’article il y a un mois et je n’ai toujours pas de remboursement. Mon courriel : [email].', 'Remboursement promis en 5 jours, ça fait trois semaines.'],
    fate: 'waitingOnCustomer', ackHours: 4, relays: 6, startWeeksAgo: 7
  },
  {
    key: 'phishing-sms', category: 'phishing-fraud', product: 'customer-account', severity: 'urgent', channel: ['sms', 'phone'],
    en: ['I got a text saying my account is locked with a link to a fake site that looks like yours.', 'Customer received an SMS asking to confirm a card number [card] on a strange link.'],
    fr: ['J’ai reçu un texto disant que mon compte est bloqué avec un lien vers un faux site qui ressemble au vôtre.', 'Une cliente a reçu un texto lui demandant de confirmer un numéro de carte [card] sur un lien étrange.'],
    fate: 'resolved', ackHours: 0.5, closeHours: 3, relays: 5, startWeeksAgo: 4,
    response: { en: 'The fake site was taken down and a warning is on our home page. We never ask for card numbers by text.', fr: 'Le faux site a été fermé et un avertissement est sur notre page d’accueil. Nous ne demandons jamais de numéro de carte par texto.' },
    customerReply: { en: 'That message was not from us and the site has been shut down. We never ask for your card number by text.', fr: 'Ce message ne venait pas de nous et le site a été fermé. Nous ne demandons jamais votre numéro de carte par texto.' },
    closureReason: 'Fixed'
  },
  {
    key: 'loyalty-points-missing', category: 'loyalty', product: 'loyalty-card', severity: 'low', channel: ['in-person', 'email'],
    en: ['My loyalty points from last month never showed up on my card.'],
    fr: ['Mes points de fidélité du mois dernier ne sont jamais apparus sur ma carte.'],
    fate: 'declined', ackHours: 12, closeHours: 40, relays: 3, startWeeksAgo: 9,
    response: { en: 'Points post 30 days after purchase, as the program rules say; nothing is missing.', fr: 'Les points sont versés 30 jours après l’achat, comme le prévoient les règles du programme; rien ne manque.' },
    customerReply: { en: 'Your points appear 30 days after each purchase; the ones from last month will show in the coming days.', fr: 'Vos points apparaissent 30 jours après chaque achat; ceux du mois dernier paraîtront dans les prochains jours.' },
    closureReason: 'Works as designed'
  },
  {
    key: 'checkout-lines', category: 'store-service', product: 'in-store', severity: 'normal', channel: ['in-person'],
    en: ['Only one cash open on Saturday morning, the line went to the back of the store.'],
    fr: ['Une seule caisse ouverte le samedi matin, la file allait jusqu’au fond du magasin.'],
    fate: 'new', relays: 3, startWeeksAgo: 0
  },
  {
    key: 'rude-agent', category: 'service-quality', product: 'customer-service-line', severity: 'normal', channel: ['phone'],
    en: ['The agent hung up on me when I asked for a manager.'],
    fr: ['L’agent m’a raccroché au nez quand j’ai demandé un responsable.'],
    fate: 'resolved', ackHours: 5, closeHours: 16, relays: 2, startWeeksAgo: 3,
    response: { en: 'We listened to the call with the team and reviewed how to transfer to a supervisor.', fr: 'Nous avons écouté l’appel avec l’équipe et revu la façon de transférer à un superviseur.' },
    customerReply: { en: 'We are sorry for that call. We reviewed it with our team; next time a supervisor will take your call.', fr: 'Nous sommes désolés pour cet appel. Nous l’avons revu avec l’équipe; la prochaine fois, un superviseur prendra votre appel.' },
    closureReason: 'Coaching'
  },
  {
    key: 'app-login-loop', category: 'website', product: 'mobile-app', severity: 'high', channel: ['chat', 'social-media', 'email'],
    en: ['Since the last update the app sends me back to the login screen every time.', 'Cannot sign in to the mobile app, it loops on the code screen.'],
    fr: ['Depuis la dernière mise à jour, l’application me renvoie à l’écran de connexion chaque fois.', 'Impossible de me connecter à l’application mobile, ça boucle sur l’écran du code.'],
    fate: 'new', relays: 4, startWeeksAgo: 0
  },
  {
    key: 'gift-card-balance', category: 'product-quality', product: 'gift-cards', severity: 'low', channel: ['in-person', 'phone'],
    en: ['My gift card shows a zero balance but I never used it.'],
    fr: ['Ma carte-cadeau affiche un solde de zéro mais je ne l’ai jamais utilisée.'],
    fate: 'inProgress', ackHours: 8, relays: 2, startWeeksAgo: 2
  },
  {
    key: 'delivery-moved-without-notice', category: 'delivery', product: 'online-store', severity: 'normal', channel: ['chat', 'email'],
    en: ['My online order delivery was moved to next week and nobody told me.'],
    fr: ['La livraison de ma commande en ligne a été déplacée à la semaine prochaine sans qu’on me prévienne.'],
    fate: 'duplicate', ackHours: 3, closeHours: 4, relays: 2, startWeeksAgo: 3, mergedInto: 'delivery-window-missed'
  },
  {
    key: 'ticket-resale', category: 'tickets', product: 'tickets', severity: 'normal', channel: ['email'],
    en: ['I cannot transfer my concert pass to my daughter, the site gives an error.'],
    fr: ['Je ne peux pas transférer mon laissez-passer à ma fille, le site affiche une erreur.'],
    fate: 'resolved', ackHours: 30, closeHours: 60, relays: 3, startWeeksAgo: 9,
    response: { en: 'Transfers work again since the ticketing update.', fr: 'Les transferts fonctionnent de nouveau depuis la mise à jour de la billetterie.' },
    customerReply: { en: 'Transfers work again: you can send the pass to your daughter from your account.', fr: 'Les transferts fonctionnent de nouveau : vous pouvez envoyer le laissez-passer à votre fille depuis votre compte.' },
    closureReason: 'Fixed'
  },
  // Last, so that the topics above keep their planned relays. Both are new and nearing their first
  // reminder: the owner's warning falls due in the first minutes of the workbench's run (in
  // working hours; at night or on a weekend, in the first minutes of the next working day).
  {
    key: 'shelf-price-mismatch', category: 'store-service', product: 'in-store', severity: 'normal', channel: ['in-person'],
    en: ['The shelf said $4.99 but I paid $6.49 at the cash, and the cashier would not change it.'],
    fr: ['L’étiquette indiquait 4,99 $ mais j’ai payé 6,49 $ à la caisse, et la caissière n’a pas voulu corriger.'],
    fate: 'new', relays: 2, startWeeksAgo: 0, warnsInMinutes: 2
  },
  {
    key: 'promo-code-refused', category: 'website', product: 'online-store', severity: 'high', channel: ['chat', 'email'],
    en: ['The promo code from your flyer is refused at checkout on the website.'],
    fr: ['Le code promo de votre circulaire est refusé au paiement sur le site web.'],
    fate: 'new', relays: 2, startWeeksAgo: 0, warnsInMinutes: 4
  }
];

// ------------------------------------------------------------------ the plan

export interface DemoRelayer {
  upn: string;
  /** 'en' or 'fr' (the relays they write are in that language). */
  language: string;
}

export interface PlannedRelay {
  clientId: string;
  relayerUpn: string;
  language: string;
  at: Date;
  dayKey: string;
  channel: string;
  customerWords: string;
}

export interface PlannedInsight {
  key: string;
  topic: Topic;
  relays: PlannedRelay[];
  history: StatusEvent[];
}

export interface DemoRelayPlanOptions {
  now: Date;
  policy: FeedbackPolicy;
  relayers: readonly DemoRelayer[];
  weeks?: number;
  seed?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A business instant (working hours) near `at`, not after `notAfter`. */
function businessNear(policy: FeedbackPolicy, at: Date, rand: () => number, notAfter: Date): Date {
  const start = nextBusinessInstant(policy.calendar, at);
  const within = addBusinessMillis(policy.calendar, start, Math.floor(rand() * 6 * HOUR));
  return within.getTime() <= notAfter.getTime() ? within : new Date(Math.min(start.getTime(), notAfter.getTime()));
}

/** The latest instant from which `ms` of business time end at `to` (whole seconds, so at least `ms`). */
function businessInstantBefore(policy: FeedbackPolicy, to: Date, ms: number): Date {
  // Binary search: the business time from an instant to `to` only shrinks as the instant moves later.
  let lo = to.getTime() - ms - 60 * DAY;
  let hi = to.getTime();
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessMillisBetween(policy.calendar, new Date(mid), to) >= ms) lo = mid;
    else hi = mid;
  }
  return new Date(Math.floor(lo / 1000) * 1000);
}

/**
 * When a new insight must have been created for its first reminder to fall due `minutes` business
 * minutes after `now` (from the next working instant when `now` is outside working hours).
 */
function createdForWarning(policy: FeedbackPolicy, topic: Topic, now: Date, minutes: number): Date {
  const severity = policy.severities.find(x => x.key === topic.severity) || policy.severities[0];
  const shares = policy.escalation.map(step => step.atShareOfTarget);
  const first = shares.length ? Math.min(...shares) : 1;
  const dueAt = addBusinessMillis(policy.calendar, nextBusinessInstant(policy.calendar, now), minutes * 60_000);
  return businessInstantBefore(policy, dueAt, severity.acknowledgeHours * first * HOUR);
}

/** The demo's insights and relays, planned from `now` (pure). */
export function planDemoRelays(options: DemoRelayPlanOptions): PlannedInsight[] {
  const rand = seededRandom(options.seed || 'northwind-relays');
  const weeks = options.weeks ?? 12;
  const { policy, now } = options;
  const relayers = options.relayers.filter(r => r.upn);
  if (!relayers.length) return [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const cutoff = new Date(now.getTime() - HOUR);
  const plans: PlannedInsight[] = [];
  for (const topic of TOPICS) {
    const firstAt = topic.warnsInMinutes !== undefined
      ? createdForWarning(policy, topic, now, topic.warnsInMinutes)
      : businessNear(policy, new Date(now.getTime() - Math.min(topic.startWeeksAgo, weeks - 1) * 7 * DAY - (2 + rand() * 3) * DAY), rand, cutoff);
    const span = Math.max(HOUR, cutoff.getTime() - firstAt.getTime());
    const times: Date[] = [firstAt];
    // Closed topics get their relays before they closed; open ones spread to now.
    for (let i = 1; i < topic.relays; i++) times.push(businessNear(policy, new Date(firstAt.getTime() + rand() * span * (topic.closeHours ? 0.3 : 1)), rand, cutoff));
    for (let i = 0; i < (topic.spike || 0); i++) times.push(businessNear(policy, new Date(now.getTime() - rand() * 6.5 * DAY), rand, cutoff));
    times.sort((a, b) => a.getTime() - b.getTime());
    const relays = times.map(at => {
      const relayer = pick(relayers);
      const language = relayer.language.startsWith('fr') ? 'fr' : 'en';
      return {
        clientId: uuidFrom(rand),
        relayerUpn: relayer.upn.toLowerCase(),
        language,
        at,
        dayKey: localDateKey(at, policy.calendar.timeZone),
        channel: pick(topic.channel),
        customerWords: pick(language === 'fr' ? topic.fr : topic.en)
      };
    });
    const created = relays[0].at;
    const history: StatusEvent[] = [{ at: created, status: 'new' }];
    const after = (hours: number): Date => addBusinessMillis(policy.calendar, created, hours * HOUR);
    const add = (at: Date, status: InsightStatus): void => {
      if (at.getTime() < now.getTime()) history.push({ at, status });
    };
    if (topic.fate !== 'new' && topic.ackHours !== undefined) {
      add(after(topic.ackHours), 'acknowledged');
      if (topic.fate === 'inProgress' || topic.fate === 'resolved' || topic.fate === 'declined') add(after(topic.ackHours + 1), 'inProgress');
      if (topic.fate === 'waitingOnCustomer' || topic.fate === 'waitingOnThirdParty') add(after(topic.ackHours + 2), topic.fate);
      if (topic.closeHours !== undefined && (topic.fate === 'resolved' || topic.fate === 'declined' || topic.fate === 'duplicate')) add(after(topic.closeHours), topic.fate);
    }
    plans.push({ key: `demo:${topic.key}`, topic, relays, history });
  }
  return plans;
}

// ------------------------------------------------------------------ writing

export interface SeedDemoRelaysOptions extends DemoRelayPlanOptions {
  /** PnPjs with full control of the relay lists (the relay job's identity). */
  sp: SPFI;
  /** PnPjs as a relaying employee (relays are theirs: read and write security 2). */
  spAs: (upn: string) => SPFI;
  /** The manager chain of an employee, nearest first (routing to a manager). */
  managerChainOf: (upn: string) => Promise<ChainManager[]>;
  /**
   * Dates a written item as its history says (its Created and Modified). SharePoint's REST API sets
   * both to the time of writing and refuses them in a payload; the local workbench passes a writer
   * that sets them in its database, so that "relayed on" and "open for" agree.
   */
  backdate?: (listTitle: string, itemId: number, created: Date, modified: Date) => void | Promise<void>;
}

export interface SeedDemoRelaysReport {
  insights: number;
  relays: number;
  activity: number;
  statsDays: number;
  /** True when the lists do not exist (nothing written). */
  notProvisioned?: boolean;
}

async function readColumn(query: AsyncIterable<unknown>, field: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const page of query) for (const item of page as StoredItem[]) out.add(String(item[field] || ''));
  return out;
}

const hoursBetween = (policy: FeedbackPolicy, from: Date, to: Date): number =>
  Math.round((businessMillisBetween(policy.calendar, from, to) / HOUR) * 100) / 100;

/** Writes the plan (what is missing only), then the daily statistics of the period. */
export async function seedDemoRelays(options: SeedDemoRelaysOptions): Promise<SeedDemoRelaysReport> {
  const { sp, policy, now } = options;
  const report: SeedDemoRelaysReport = { insights: 0, relays: 0, activity: 0, statsDays: 0 };
  const insights = sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  const activity = sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE);
  const plans = planDemoRelays(options);
  let firstDay = localDateKey(now, policy.calendar.timeZone);
  const ids = new Map<string, number>();

  for (const plan of plans) {
    let found: StoredItem[];
    try {
      found = (await insights.items.select('Id').filter(`${INSIGHT_FIELDS.key} eq ${odataString(plan.key)}`).top(1)()) as StoredItem[];
    } catch (e) {
      if ((e as { status?: number } | null)?.status === 404) return { ...report, notProvisioned: true };
      throw e;
    }
    const { topic, relays, history } = plan;
    if (relays[0].dayKey < firstDay) firstDay = relays[0].dayKey;
    let id: number;
    if (found[0]) id = found[0].Id;
    else {
      const first = relays[0];
      const owner = routeInsight(policy, { category: topic.category, product: topic.product }, await options.managerChainOf(first.relayerUpn));
      const status = history[history.length - 1].status;
      const closed = status === 'resolved' || status === 'declined' || status === 'duplicate';
      const ack = history.find(e => e.status !== 'new' && e.status !== 'duplicate');
      const closing = closed ? history[history.length - 1] : null;
      const severity = policy.severities.find(s => s.key === topic.severity) || policy.severities[0];
      const clock = computeSilenceClock({ insightId: plan.key, events: history, severity, calendar: policy.calendar, pauseStates: policy.pauseStates, now });
      const lastSeen = relays.filter(r => !closing || r.at <= closing.at).pop() || relays[0];
      const reply = (text?: { en: string; fr: string }): string | null => (text ? `${text.en}\n\n${text.fr}` : null);
      const title = summaryTitle(first.customerWords);
      const item = (await insights.items.add({
        Title: title,
        [INSIGHT_FIELDS.key]: plan.key,
        [INSIGHT_FIELDS.summary]: first.customerWords,
        [INSIGHT_FIELDS.category]: topic.category,
        [INSIGHT_FIELDS.product]: topic.product,
        [INSIGHT_FIELDS.severity]: topic.severity,
        [INSIGHT_FIELDS.reach]: relays.length,
        [INSIGHT_FIELDS.firstSeen]: first.at.toISOString(),
        [INSIGHT_FIELDS.lastSeen]: lastSeen.at.toISOString(),
        ...ownerValues(owner),
        [INSIGHT_FIELDS.status]: status,
        [INSIGHT_FIELDS.statusHistory]: serializeStatusHistory(history),
        [INSIGHT_FIELDS.closureReason]: closing ? topic.closureReason || null : null,
        [INSIGHT_FIELDS.response]: closing && topic.response ? reply(topic.response) : null,
        [INSIGHT_FIELDS.customerReply]: closing && topic.customerReply ? reply(topic.customerReply) : null,
        [INSIGHT_FIELDS.acknowledgedAt]: ack ? ack.at.toISOString() : null,
        [INSIGHT_FIELDS.acknowledgedDay]: ack ? localDateKey(ack.at, policy.calendar.timeZone) : null,
        [INSIGHT_FIELDS.acknowledgeHours]: ack ? hoursBetween(policy, first.at, ack.at) : null,
        [INSIGHT_FIELDS.closedAt]: closing ? closing.at.toISOString() : null,
        [INSIGHT_FIELDS.closedDay]: closing ? localDateKey(closing.at, policy.calendar.timeZone) : null,
        [INSIGHT_FIELDS.resolveHours]: closing && closing.status !== 'duplicate' ? hoursBetween(policy, first.at, closing.at) : null,
        [INSIGHT_FIELDS.mergedInto]: topic.mergedInto ? ids.get(`demo:${topic.mergedInto}`) ?? null : null,
        [INSIGHT_FIELDS.acknowledgeBreached]: clock.acknowledge.state === 'breached',
        [INSIGHT_FIELDS.resolveBreached]: clock.resolve.state === 'breached',
        [INSIGHT_FIELDS.isOpen]: !closed
      })) as StoredItem;
      id = item.Id;
      report.insights++;
      // Last changed by its latest status change, or by the latest relay it counts.
      const lastChange = Math.max(history[history.length - 1].at.getTime(), lastSeen.at.getTime());
      if (options.backdate) await options.backdate(INSIGHTS_LIST_TITLE, id, first.at, new Date(lastChange));
    }
    ids.set(plan.key, id);

    // The relays, each by its relaying employee, already clustered into the insight.
    const haveRelays = await readColumn(sp.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select('Id', RELAY_FIELDS.clientId)
      .filter(`${RELAY_FIELDS.insightId} eq ${id}`).top(PAGE_SIZE), RELAY_FIELDS.clientId);
    for (const r of relays) {
      if (haveRelays.has(r.clientId)) continue;
      const values = relayValues({
        channel: r.channel, segment: '', product: topic.product, category: topic.category, severity: topic.severity,
        customerWords: r.customerWords, observation: '', promiseText: '', promiseDue: '', anonymous: false, joinInsightId: null,
        clientId: r.clientId, redactions: countTokens(r.customerWords), language: r.language
      }, r.relayerUpn);
      try {
        const added = (await options.spAs(r.relayerUpn).web.lists.getByTitle(RELAYS_LIST_TITLE).items.add({
          ...values, [RELAY_FIELDS.insightId]: id, [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.dayKey]: r.dayKey
        })) as StoredItem;
        report.relays++;
        if (options.backdate) await options.backdate(RELAYS_LIST_TITLE, added.Id, r.at, r.at);
      } catch (e) {
        if (!isDuplicateError(e)) throw e;
      }
    }

    // The timeline: each relay and each status change.
    const haveKeys = await readColumn(activity.items.select('Id', ACTIVITY_FIELDS.key).filter(`${ACTIVITY_FIELDS.insightId} eq ${id}`).top(PAGE_SIZE), ACTIVITY_FIELDS.key);
    const entries = [
      ...relays.map(r => ({
        key: `relay:${r.clientId}`, insightId: id, kind: 'relay' as const, actorUpn: r.relayerUpn, text: summaryTitle(r.customerWords),
        data: { clientId: r.clientId, category: topic.category, product: topic.product, severity: topic.severity, channel: r.channel }, at: r.at.toISOString()
      })),
      ...history.slice(1).map((e, i) => ({
        key: `status:${plan.key}:${i + 1}`, insightId: id, kind: 'status' as const, actorUpn: '', text: e.status,
        data: { from: history[i].status, to: e.status }, at: e.at.toISOString()
      })),
      // The reminders and escalations the history already went through, recorded as sent (so the
      // job's first run does not send weeks of them at once; the timeline shows them).
      ...pastNotifications(policy, plan, id, now)
    ];
    for (const entry of entries) {
      if (haveKeys.has(entry.key)) continue;
      try {
        await activity.items.add(activityValues(entry));
        report.activity++;
      } catch (e) {
        if (!isDuplicateError(e)) throw e;
      }
    }
  }

  // Daily statistics of the whole period, recomputed from what the lists now hold.
  for (let day = localDateKey(now, policy.calendar.timeZone); day >= firstDay; day = previousDayKey(day)) {
    await recomputeDayStats(sp, day);
    report.statsDays++;
  }
  return report;
}

/** Notification entries (state 'sent') for the ladder's steps the demo history crossed before `now`. */
function pastNotifications(policy: FeedbackPolicy, plan: PlannedInsight, id: number, now: Date): Array<Omit<ActivityEntry, 'id'>> {
  const severity = policy.severities.find(s => s.key === plan.topic.severity) || policy.severities[0];
  if (!severity) return [];
  const clock = computeSilenceClock({ insightId: String(id), events: plan.history, severity, calendar: policy.calendar, pauseStates: policy.pauseStates, now });
  return dueNotifications(clock, policy.escalation, []).map(due => {
    const target = (due.clock === 'acknowledge' ? severity.acknowledgeHours : severity.resolveHours) * due.atShareOfTarget * HOUR;
    const at = addBusinessMillis(policy.calendar, plan.history[0].at, target);
    return {
      key: escalationNotificationKey(due.key), insightId: id, kind: 'notification' as const, actorUpn: '',
      text: `${due.kind} ${due.clock} ${due.atShareOfTarget}`,
      data: { state: 'sent', attempts: 1, sentTo: [], notification: due.kind, clock: due.clock, share: due.atShareOfTarget, demo: true },
      at: (at.getTime() < now.getTime() ? at : now).toISOString()
    };
  });
}

/** Counts of redaction tokens in a text ({ phone: 1 }), as capture records them. */
function countTokens(text: string): Record<string, number> {
  const kinds: Record<string, string> = { '[email]': 'email', '[phone]': 'phone', '[card]': 'paymentCard', '[IBAN]': 'iban', '[ID]': 'nationalId' };
  const out: Record<string, number> = {};
  for (const [token, kind] of Object.entries(kinds)) {
    const n = text.split(token).length - 1;
    if (n) out[kind] = n;
  }
  return out;
}
