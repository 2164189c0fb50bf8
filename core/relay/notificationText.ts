/**
 * The texts of the relay job's notifications, in English and French. The job runs in Node, not in a
 * web part, so these live here rather than in a `loc/` folder (SPFx resources load in the browser
 * only); tests/unit/relay-notifications.test.ts checks that both languages have the same keys and
 * placeholders. Placeholders are `{name}`; core/relay/notifications.ts fills them.
 */
export type NotificationLanguage = 'en' | 'fr';

export interface NotificationStrings {
  /** Subjects: {title} is the insight's (redacted) title. */
  warningSubject: string;
  breachSubject: string;
  escalationSubject: string;
  outcomeResolvedSubject: string;
  outcomeDeclinedSubject: string;
  greeting: string;
  /**
   * Leads, for the owner ('You') and for anyone else ('Other', {owner}: the owner's name or group).
   * {clock}: the clock's name; {share}: percentage of the target used; {due}: local date and time.
   */
  warningLeadYou: string;
  warningLeadOther: string;
  breachLeadYou: string;
  breachLeadOther: string;
  escalationLeadYou: string;
  escalationLeadOther: string;
  clockAcknowledge: string;
  clockResolve: string;
  detailsTitle: string;
  detailsCategory: string;
  detailsProduct: string;
  detailsSeverity: string;
  /** {reach}: number of relays; plural forms (core/plural.ts). */
  detailsReach: string;
  detailsTarget: string;
  warningAction: string;
  /** The warning's action when it is the resolution clock. */
  warningResolveAction: string;
  breachAction: string;
  escalationAction: string;
  /** {url} */
  openDashboard: string;
  outcomeResolvedLead: string;
  outcomeDeclinedLead: string;
  outcomeResponse: string;
  outcomeCustomerReply: string;
  outcomeNoCustomerReply: string;
  /** {url} */
  openMyRelays: string;
  footer: string;
  /** {hours}: a number of business hours. */
  hours: string;
  percent: string;
}

const en: NotificationStrings = {
  warningSubject: 'Reminder: customer insight waiting for an answer: {title}',
  breachSubject: 'Target missed: customer insight without an answer: {title}',
  escalationSubject: 'Escalation: customer insight still without an answer: {title}',
  outcomeResolvedSubject: 'The customer feedback you relayed was resolved: {title}',
  outcomeDeclinedSubject: 'An answer to the customer feedback you relayed: {title}',
  greeting: 'Hello,',
  warningLeadYou: 'An insight you own is close to its {clock} target: {share} of the time is used, and the target falls on {due}.',
  warningLeadOther: 'An insight owned by {owner} is close to its {clock} target: {share} of the time is used, and the target falls on {due}.',
  breachLeadYou: 'An insight you own missed its {clock} target on {due}.',
  breachLeadOther: 'An insight owned by {owner} missed its {clock} target on {due}.',
  escalationLeadYou: 'An insight you own missed its {clock} target on {due} and is now at {share} of the target.',
  escalationLeadOther: 'An insight owned by {owner} missed its {clock} target on {due} and is now at {share} of the target.',
  clockAcknowledge: 'acknowledgement',
  clockResolve: 'resolution',
  detailsTitle: 'Insight: {title}',
  detailsCategory: 'Category: {value}',
  detailsProduct: 'Product or service: {value}',
  detailsSeverity: 'Severity: {value}',
  detailsReach: 'one {Relayed once by employees} other {Relayed {reach} times by employees}',
  detailsTarget: 'Target: {hours}',
  warningAction: 'Acknowledge it, or say what happens next, before the target.',
  warningResolveAction: 'Resolve it before the target, or record that it waits on the customer or a third party.',
  breachAction: 'You are told because the owner\'s target was missed. Please make sure it gets an answer.',
  escalationAction: 'You are told because the insight is well past its target. Please make sure it gets an answer.',
  openDashboard: 'Open it on the dashboard: {url}',
  outcomeResolvedLead: 'The customer feedback you relayed has been resolved. Thank you for passing it on.',
  outcomeDeclinedLead: 'The customer feedback you relayed has been reviewed and will not be acted on for now. Thank you for passing it on.',
  outcomeResponse: 'The owner\'s response:',
  outcomeCustomerReply: 'A reply you can send to the customer:',
  outcomeNoCustomerReply: 'No reply for the customer was written.',
  openMyRelays: 'See all your relays: {url}',
  footer: 'Sent by the customer feedback relay of the intranet. Customer details were removed when the feedback was relayed.',
  hours: '{hours} business hours',
  percent: '{value} %'
};

const fr: NotificationStrings = {
  warningSubject: 'Rappel : constat client en attente d’une réponse : {title}',
  breachSubject: 'Cible manquée : constat client sans réponse : {title}',
  escalationSubject: 'Escalade : constat client toujours sans réponse : {title}',
  outcomeResolvedSubject: 'La rétroaction client que vous avez relayée est résolue : {title}',
  outcomeDeclinedSubject: 'Une réponse à la rétroaction client que vous avez relayée : {title}',
  greeting: 'Bonjour,',
  warningLeadYou: 'Un constat dont vous êtes responsable approche de sa cible de {clock} : {share} du temps est écoulé et la cible tombe le {due}.',
  warningLeadOther: 'Un constat confié à {owner} approche de sa cible de {clock} : {share} du temps est écoulé et la cible tombe le {due}.',
  breachLeadYou: 'Un constat dont vous êtes responsable a manqué sa cible de {clock} le {due}.',
  breachLeadOther: 'Un constat confié à {owner} a manqué sa cible de {clock} le {due}.',
  escalationLeadYou: 'Un constat dont vous êtes responsable a manqué sa cible de {clock} le {due} et en est maintenant à {share} de la cible.',
  escalationLeadOther: 'Un constat confié à {owner} a manqué sa cible de {clock} le {due} et en est maintenant à {share} de la cible.',
  clockAcknowledge: 'prise en charge',
  clockResolve: 'résolution',
  detailsTitle: 'Constat : {title}',
  detailsCategory: 'Catégorie : {value}',
  detailsProduct: 'Produit ou service : {value}',
  detailsSeverity: 'Gravité : {value}',
  detailsReach: 'one {Relayé une fois par des employés} other {Relayé {reach} fois par des employés}',
  detailsTarget: 'Cible : {hours}',
  warningAction: 'Prenez-le en charge, ou indiquez la suite, avant la cible.',
  warningResolveAction: 'Résolvez-le avant la cible, ou indiquez qu’il attend le client ou un tiers.',
  breachAction: 'Vous recevez ce message parce que la cible du responsable a été manquée. Veillez à ce qu’il reçoive une réponse.',
  escalationAction: 'Vous recevez ce message parce que le constat a largement dépassé sa cible. Veillez à ce qu’il reçoive une réponse.',
  openDashboard: 'Ouvrez-le dans le tableau de bord : {url}',
  outcomeResolvedLead: 'La rétroaction client que vous avez relayée a été résolue. Merci de l’avoir transmise.',
  outcomeDeclinedLead: 'La rétroaction client que vous avez relayée a été examinée et ne sera pas retenue pour l’instant. Merci de l’avoir transmise.',
  outcomeResponse: 'La réponse du responsable :',
  outcomeCustomerReply: 'Une réponse que vous pouvez envoyer au client :',
  outcomeNoCustomerReply: 'Aucune réponse pour le client n’a été rédigée.',
  openMyRelays: 'Voir toutes vos rétroactions relayées : {url}',
  footer: 'Envoyé par le relais de rétroaction client de l’intranet. Les renseignements sur le client ont été retirés au moment du relais.',
  hours: '{hours} heures ouvrables',
  percent: '{value} %'
};

export const NOTIFICATION_STRINGS: Readonly<Record<NotificationLanguage, NotificationStrings>> = { en, fr };

/** 'fr', 'fr-CA', 'fr-FR' -> 'fr'; anything else -> 'en' (or the fallback given). */
export function notificationLanguageOf(locale: string | null | undefined, fallback: NotificationLanguage = 'en'): NotificationLanguage {
  const l = (locale || '').trim().toLowerCase();
  if (l.startsWith('fr')) return 'fr';
  if (l.startsWith('en')) return 'en';
  return fallback;
}

/** Fills `{name}` placeholders; unknown names stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
