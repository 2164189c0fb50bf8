/**
 * What the relay job tells people, as data: who an escalation step reaches, and the localized
 * subject and body of each message. Pure (time and URLs are passed in); the job resolves the
 * recipients against the directory (services/relay/job.ts) and sends (services/relay/notify.ts).
 *
 * Recipients of an escalation step (policy.feedback.escalation[].notify), docs/relay-job.md:
 * - 'owner': the owning person when the insight has one (a group owner whose member took it counts
 *   as that person); otherwise the owning group's leads (see below), never all its members;
 * - 'ownerManager' / 'ownerManagersManager': one and two levels up the owning person's manager
 *   chain. When the owner is a group, its "leads" stand for the owner's manager: the members of the
 *   group who hold the policy's management role (a department group holds its director and
 *   managers); two levels up is the leads' own managers. A group without leads uses the leads of
 *   the policy's fallback owner group; when nobody is found the notification is not sent and the
 *   job counts it as 'noRecipient' (a configuration problem to fix, never a mass mail);
 * - { group }: every member of the group.
 * Nobody is told twice about one notification, and the sender's own mailbox is never a recipient.
 *
 * Texts carry no customer data beyond the insight's title, which was redacted at capture.
 */
import type { EscalationStep, GroupRef } from '../policy/types';
import type { ClockKind } from './clock';
import type { NotificationKind } from './escalation';
import { fill, NOTIFICATION_STRINGS, NotificationLanguage } from './notificationText';
import { pluralForm } from '../plural';

export type RecipientTarget =
  /** One person, by UPN. */
  | { kind: 'user'; upn: string }
  /** Every member of a group. */
  | { kind: 'groupMembers'; group: GroupRef }
  /** The Nth manager up a person's chain (1 = their manager). */
  | { kind: 'managerOf'; upn: string; level: 1 | 2 }
  /**
   * The leads of a group (its members who hold the management role) at level 1, or the leads'
   * managers at level 2; `fallback` is asked the same way when the group has no leads.
   */
  | { kind: 'groupLeads'; group: GroupRef; level: 1 | 2; fallback: GroupRef | null };

export interface OwnerRef {
  upn: string | null;
  groupId: string | null;
  groupName: string | null;
}

/** Where one escalation step's message goes, before the directory is asked. */
export function escalationTargets(
  notify: EscalationStep['notify'],
  owner: OwnerRef,
  fallbackOwner: GroupRef | null
): RecipientTarget[] {
  const ownerGroup: GroupRef | null = owner.groupId ? { kind: 'entra', id: owner.groupId, name: owner.groupName || owner.groupId } : null;
  const upn = owner.upn ? owner.upn.trim().toLowerCase() : null;
  if (typeof notify === 'object' && notify && 'group' in notify) return [{ kind: 'groupMembers', group: notify.group }];
  if (notify === 'owner') {
    if (upn) return [{ kind: 'user', upn }];
    // A group owns it: its leads answer for it (a department group holds dozens of people who
    // do not act on insights; mailing every member taught them to ignore the mails).
    const group = ownerGroup || fallbackOwner;
    if (!group) return [];
    return [{ kind: 'groupLeads', group, level: 1, fallback: fallbackOwner && fallbackOwner.id !== group.id ? fallbackOwner : null }];
  }
  const level: 1 | 2 = notify === 'ownerManager' ? 1 : 2;
  if (upn) return [{ kind: 'managerOf', upn, level }];
  const group = ownerGroup || fallbackOwner;
  if (!group) return [];
  return [{ kind: 'groupLeads', group, level, fallback: fallbackOwner && fallbackOwner.id !== group.id ? fallbackOwner : null }];
}

/** A recipient found in the directory. */
export interface Recipient {
  upn: string;
  /** Mail address (Graph `mail`), or the UPN when the account has none. */
  address: string;
  language: NotificationLanguage;
}

/** Recipients without repeats (by address, case-insensitive), the sender left out, in a stable order. */
export function distinctRecipients(recipients: readonly Recipient[], sender: string): Recipient[] {
  const seen = new Set<string>([sender.trim().toLowerCase()]);
  const out: Recipient[] = [];
  for (const r of recipients) {
    const key = r.address.trim().toLowerCase();
    const upn = r.upn.trim().toLowerCase();
    if (!key || seen.has(key) || seen.has(upn)) continue;
    seen.add(key);
    seen.add(upn);
    out.push(r);
  }
  return out.sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : a.address.toLowerCase() > b.address.toLowerCase() ? 1 : 0));
}

export interface MessageContent {
  subject: string;
  /** Plain text (sent as Graph `body.contentType: 'text'`: nothing to escape, nothing to inject). */
  text: string;
  /** One line for a Teams activity feed (at most 150 characters). */
  preview: string;
}

export interface EscalationMessageInput {
  kind: NotificationKind;
  clock: ClockKind;
  /** Whether the recipient is the owner ("you own") or someone told about it. */
  toOwner: boolean;
  /** The owner's name (person or group) for other recipients. */
  ownerName: string;
  insight: { id: number; title: string; category: string; product: string; severity: string; reach: number };
  /** Share of the target used now (1.5 = 150 %). */
  shareOfTarget: number;
  /** When the target falls (or fell). */
  dueAt: Date;
  targetHours: number;
  timeZone: string;
  /** Link to the insight on the management dashboard. */
  dashboardUrl: string;
}

export interface OutcomeMessageInput {
  status: 'resolved' | 'declined';
  insight: { id: number; title: string };
  response: string;
  customerReply: string;
  /** Link to the employee's "My relays" page. */
  myRelaysUrl: string;
}

const LOCALES: Record<NotificationLanguage, string> = { en: 'en-CA', fr: 'fr-CA' };

/** A local date and time in the policy's zone, e.g. 'Monday, November 23, 2026, 2:30 p.m. EST'. */
export function formatDue(at: Date, timeZone: string, language: NotificationLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short'
  }).format(at);
}

function formatNumber(n: number, language: NotificationLanguage, digits = 1): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(n);
}

/** One line: no line breaks, at most `max` characters (an ellipsis when cut). */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function escalationMessage(input: EscalationMessageInput, language: NotificationLanguage): MessageContent {
  const s = NOTIFICATION_STRINGS[language];
  const title = oneLine(input.insight.title, 120);
  const clock = input.clock === 'acknowledge' ? s.clockAcknowledge : s.clockResolve;
  const share = fill(s.percent, { value: formatNumber(input.shareOfTarget * 100, language, 0) });
  const due = formatDue(input.dueAt, input.timeZone, language);
  const lead = {
    warning: input.toOwner ? s.warningLeadYou : s.warningLeadOther,
    breach: input.toOwner ? s.breachLeadYou : s.breachLeadOther,
    escalation: input.toOwner ? s.escalationLeadYou : s.escalationLeadOther
  }[input.kind];
  const subject = fill({ warning: s.warningSubject, breach: s.breachSubject, escalation: s.escalationSubject }[input.kind], { title });
  const action = { warning: input.clock === 'resolve' ? s.warningResolveAction : s.warningAction, breach: s.breachAction, escalation: s.escalationAction }[input.kind];
  const lines = [
    s.greeting,
    '',
    fill(lead, { owner: input.ownerName, clock, share, due }),
    '',
    fill(s.detailsTitle, { title }),
    fill(s.detailsCategory, { value: input.insight.category }),
    fill(s.detailsProduct, { value: input.insight.product }),
    fill(s.detailsSeverity, { value: input.insight.severity }),
    fill(pluralForm(LOCALES[language], s.detailsReach, input.insight.reach), { reach: formatNumber(input.insight.reach, language, 0) }),
    fill(s.detailsTarget, { hours: fill(s.hours, { hours: formatNumber(input.targetHours, language) }) }),
    '',
    action,
    fill(s.openDashboard, { url: input.dashboardUrl }),
    '',
    s.footer
  ];
  return { subject, text: lines.join('\n'), preview: oneLine(subject, 150) };
}

export function outcomeMessage(input: OutcomeMessageInput, language: NotificationLanguage): MessageContent {
  const s = NOTIFICATION_STRINGS[language];
  const title = oneLine(input.insight.title, 120);
  const resolved = input.status === 'resolved';
  const subject = fill(resolved ? s.outcomeResolvedSubject : s.outcomeDeclinedSubject, { title });
  const lines = [
    s.greeting,
    '',
    resolved ? s.outcomeResolvedLead : s.outcomeDeclinedLead,
    '',
    fill(s.detailsTitle, { title })
  ];
  if (input.response.trim()) lines.push('', s.outcomeResponse, input.response.trim());
  lines.push('', input.customerReply.trim() ? s.outcomeCustomerReply : s.outcomeNoCustomerReply);
  if (input.customerReply.trim()) lines.push(input.customerReply.trim());
  lines.push('', fill(s.openMyRelays, { url: input.myRelaysUrl }), '', s.footer);
  return { subject, text: lines.join('\n'), preview: oneLine(subject, 150) };
}

/** The activity key of an escalation notification: 'notify:<escalation key>'. */
export const escalationNotificationKey = (escalationKey: string): string => `notify:${escalationKey}`;

/** The activity key of the outcome notification of one closing: 'notify:outcome:<insightId>:<closedAt>'. */
export const outcomeNotificationKey = (insightId: number, closedAt: string): string => `notify:outcome:${insightId}:${closedAt}`;
