/**
 * The relay job's notification texts (English and French, same keys and placeholders) and the
 * recipient rules of the escalation ladder.
 */
import { NOTIFICATION_STRINGS, fill, notificationLanguageOf } from '../../core/relay/notificationText';
import {
  distinctRecipients, escalationMessage, escalationTargets, outcomeMessage, escalationNotificationKey, outcomeNotificationKey
} from '../../core/relay/notifications';
import type { GroupRef } from '../../core/policy/types';

const placeholders = (s: string): string[] => (s.match(/\{\w+\}/g) || []).sort();

describe('notification strings', () => {
  it('have the same keys and placeholders in English and French, and French is not English', () => {
    const { en, fr } = NOTIFICATION_STRINGS;
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, p: placeholders(fr[key]) }).toEqual({ key, p: placeholders(en[key]) });
      expect(fr[key].trim()).not.toBe('');
      if (en[key].length > 12) expect({ key, same: fr[key] === en[key] }).toEqual({ key, same: false });
    }
  });

  it('fill leaves unknown placeholders and the language follows the locale', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(notificationLanguageOf('fr-CA')).toBe('fr');
    expect(notificationLanguageOf('en-US', 'fr')).toBe('en');
    expect(notificationLanguageOf('', 'fr')).toBe('fr');
    expect(notificationLanguageOf('de-DE')).toBe('en');
  });
});

const insight = { id: 42, title: 'Delivery window missed twice, customer [phone] waited all day', category: 'Delivery', product: 'Home delivery', severity: 'High', reach: 7 };
const base = {
  clock: 'acknowledge' as const,
  insight,
  shareOfTarget: 0.8,
  dueAt: new Date('2026-11-23T19:30:00Z'),
  targetHours: 4,
  timeZone: 'America/Toronto',
  dashboardUrl: 'https://contoso.example/sites/intranet/SitePages/Customer-insights.aspx?insight=42'
};

describe('escalation messages', () => {
  it('warns the owner before the target, in English, with the due time in the policy zone and the link', () => {
    const m = escalationMessage({ ...base, kind: 'warning', toOwner: true, ownerName: '' }, 'en');
    expect(m.subject).toBe(`Reminder: customer insight waiting for an answer: ${insight.title}`);
    expect(m.text).toContain('An insight you own is close to its acknowledgement target: 80 % of the time is used');
    expect(m.text).toMatch(/Monday, November 23, 2026.*2:30/);
    expect(m.text).toContain('Relayed 7 times by employees');
    expect(m.text).not.toContain('time(s)');
    expect(escalationMessage({ ...base, kind: 'warning', toOwner: true, ownerName: '', insight: { ...base.insight, reach: 1 } }, 'en').text).toContain('Relayed once by employees');
    expect(escalationMessage({ ...base, kind: 'warning', toOwner: true, ownerName: '', insight: { ...base.insight, reach: 1 } }, 'fr').text).toContain('Relayé une fois par des employés');
    expect(m.text).toContain('Target: 4 business hours');
    expect(m.text).toContain(base.dashboardUrl);
    expect(m.preview.length).toBeLessThanOrEqual(150);
  });

  it('tells a manager about a breach in French', () => {
    const m = escalationMessage({ ...base, kind: 'breach', clock: 'resolve', shareOfTarget: 1, toOwner: false, ownerName: 'Dept – Billing' }, 'fr');
    expect(m.subject).toBe(`Cible manquée : constat client sans réponse : ${insight.title}`);
    expect(m.text).toContain('Un constat confié à Dept – Billing a manqué sa cible de résolution le lundi 23 novembre 2026');
    expect(m.text).toContain('Cible : 4 heures ouvrables');
    expect(m.text).toContain('Ouvrez-le dans le tableau de bord');
  });

  it('asks for a resolution, not an acknowledgement, when the resolution clock warns', () => {
    const m = escalationMessage({ ...base, kind: 'warning', clock: 'resolve', toOwner: true, ownerName: '' }, 'en');
    expect(m.text).toContain('Resolve it before the target');
    expect(m.text).not.toContain('Acknowledge it');
  });

  it('says how far past the target an escalation is', () => {
    const en = escalationMessage({ ...base, kind: 'escalation', shareOfTarget: 1.5, toOwner: false, ownerName: 'Marc-André Gagnon' }, 'en');
    expect(en.subject).toMatch(/^Escalation:/);
    expect(en.text).toContain('owned by Marc-André Gagnon missed its acknowledgement target');
    expect(en.text).toContain('150 % of the target');
    const fr = escalationMessage({ ...base, kind: 'escalation', shareOfTarget: 1.5, toOwner: true, ownerName: '' }, 'fr');
    expect(fr.text).toContain('dont vous êtes responsable a manqué sa cible de prise en charge');
    expect(fr.text).toContain('150 %');
  });
});

describe('outcome messages', () => {
  const input = {
    insight: { id: 42, title: insight.title },
    response: 'The carrier changed its routes; windows are now kept.',
    customerReply: 'Hello, your next delivery will arrive within the window you chose.',
    myRelaysUrl: 'https://contoso.example/sites/intranet/SitePages/My-relays.aspx'
  };
  it('gives the relayer the outcome, the response and the customer reply, in English', () => {
    const m = outcomeMessage({ ...input, status: 'resolved' }, 'en');
    expect(m.subject).toBe(`The customer feedback you relayed was resolved: ${insight.title}`);
    expect(m.text).toContain('has been resolved');
    expect(m.text).toContain(`The owner's response:\n${input.response}`);
    expect(m.text).toContain(`A reply you can send to the customer:\n${input.customerReply}`);
    expect(m.text).toContain(input.myRelaysUrl);
  });
  it('in French, for a declined insight without a customer reply', () => {
    const m = outcomeMessage({ ...input, status: 'declined', customerReply: '  ' }, 'fr');
    expect(m.subject).toMatch(/^Une réponse à la rétroaction client/);
    expect(m.text).toContain('ne sera pas retenue');
    expect(m.text).toContain('Aucune réponse pour le client');
    expect(m.text).not.toContain('Une réponse que vous pouvez envoyer');
  });
  it('keys one outcome per closing', () => {
    expect(outcomeNotificationKey(42, '2026-11-20T15:00:00.000Z')).toBe('notify:outcome:42:2026-11-20T15:00:00.000Z');
    expect(escalationNotificationKey('42:acknowledge:0.8')).toBe('notify:42:acknowledge:0.8');
  });
});

describe('escalation recipients', () => {
  const billing: GroupRef = { kind: 'entra', id: 'g-billing', name: 'Dept – Billing' };
  const fallback: GroupRef = { kind: 'entra', id: 'g-cs', name: 'Dept – Customer Service' };
  const person = { upn: 'Marc@Contoso.example', groupId: null, groupName: null };
  const group = { upn: null, groupId: billing.id, groupName: billing.name };

  it('reaches the owning person, or the owning group\'s leads, never every member of the group', () => {
    expect(escalationTargets('owner', person, fallback)).toEqual([{ kind: 'user', upn: 'marc@contoso.example' }]);
    expect(escalationTargets('owner', group, fallback)).toEqual([{ kind: 'groupLeads', group: billing, level: 1, fallback }]);
    expect(escalationTargets('owner', { upn: null, groupId: null, groupName: null }, fallback)).toEqual([{ kind: 'groupLeads', group: fallback, level: 1, fallback: null }]);
    expect(escalationTargets('owner', group, fallback).some(t => t.kind === 'groupMembers')).toBe(false);
  });

  it('goes up the owner\'s chain, or to the group\'s leads with the fallback owner behind them', () => {
    expect(escalationTargets('ownerManager', person, fallback)).toEqual([{ kind: 'managerOf', upn: 'marc@contoso.example', level: 1 }]);
    expect(escalationTargets('ownerManagersManager', person, fallback)).toEqual([{ kind: 'managerOf', upn: 'marc@contoso.example', level: 2 }]);
    expect(escalationTargets('ownerManager', group, fallback)).toEqual([{ kind: 'groupLeads', group: billing, level: 1, fallback }]);
    expect(escalationTargets('ownerManagersManager', { upn: null, groupId: fallback.id, groupName: fallback.name }, fallback))
      .toEqual([{ kind: 'groupLeads', group: fallback, level: 2, fallback: null }]);
  });

  it('a named group is told as such', () => {
    expect(escalationTargets({ group: billing }, person, fallback)).toEqual([{ kind: 'groupMembers', group: billing }]);
  });

  it('never tells anyone twice, nor the sender', () => {
    const out = distinctRecipients([
      { upn: 'b@x.example', address: 'b@x.example', language: 'en' },
      { upn: 'a@x.example', address: 'A@x.example', language: 'fr' },
      { upn: 'a@x.example', address: 'a@x.example', language: 'fr' },
      { upn: 'job@x.example', address: 'job@x.example', language: 'en' }
    ], 'JOB@x.example');
    expect(out.map(r => r.upn)).toEqual(['a@x.example', 'b@x.example']);
  });
});
