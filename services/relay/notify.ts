/**
 * How the relay job reaches people: the directory (who a recipient rule names, in which language)
 * and the sending itself, both through Microsoft Graph.
 *
 * - Mail: `POST /users/{sender}/sendMail` sends from the job's mailbox ("user: sendMail",
 *   https://learn.microsoft.com/en-us/graph/api/user-sendmail; 202 Accepted). The body is plain text
 *   (`contentType: 'text'`): nothing to escape, nothing to inject. One message per language (the
 *   same text to everyone who reads it), its recipients in Bcc so that relaying employees do not see
 *   each other: Exchange Online sends at most 30 messages a minute from one mailbox ("Exchange
 *   Online limits", sending limits, https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits#sending-limits),
 *   recipients count against a daily limit instead. Not saved to Sent Items (the 'Insight activity'
 *   list is the record).
 * - Teams activity feed (optional): `POST /users/{id}/teamwork/sendActivityNotification` with the
 *   `systemDefault` activity type ("Send activity feed notifications to users in Microsoft Teams",
 *   https://learn.microsoft.com/en-us/graph/teams-send-activityfeednotifications; the suite's Teams
 *   app must be installed for the recipient).
 * - Group members: `GET /groups/{id}/transitiveMembers` (nested groups included; "List group
 *   transitive members", https://learn.microsoft.com/en-us/graph/api/group-list-transitivemembers),
 *   users only, paged with `@odata.nextLink`. Department groups are security groups without a
 *   mailbox (`mail` null), so the job mails their members rather than the group.
 * - Managers: services/people.ts `managerChain` (one request, `$expand=manager($levels=max)`).
 *
 * Nothing here logs a message's text: titles and replies may still hold customer context.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GroupRef } from '../../core/policy/types';
import type { MessageContent, Recipient, RecipientTarget } from '../../core/relay/notifications';
import { notificationLanguageOf, NotificationLanguage } from '../../core/relay/notificationText';
import { managerChain } from '../people';

/** What is read of a recipient. */
const USER_SELECT = 'id,userPrincipalName,mail,preferredLanguage,accountEnabled,userType,displayName,department';
/** Members read per page of a group. */
const MEMBERS_PAGE = 100;
/** Most members of one group the job will mail (a guard against a rule naming a huge group). */
const MAX_GROUP_RECIPIENTS = 200;

interface GraphUserLite {
  '@odata.type'?: string;
  id?: string;
  userPrincipalName?: string | null;
  mail?: string | null;
  preferredLanguage?: string | null;
  accountEnabled?: boolean | null;
  displayName?: string | null;
  department?: string | null;
}

const statusCodeOf = (e: unknown): number | null => {
  const s = (e as { statusCode?: unknown; status?: unknown } | null);
  const v = s ? (typeof s.statusCode === 'number' ? s.statusCode : typeof s.status === 'number' ? s.status : null) : null;
  return v;
};

export interface DirectoryPerson {
  upn: string;
  displayName: string;
  department: string;
  address: string;
  language: NotificationLanguage;
  enabled: boolean;
}

/**
 * The directory as the job sees it, with a cache for one run (a person or a group asked about for
 * several insights is read once).
 */
export class RelayDirectory {
  private readonly people = new Map<string, Promise<DirectoryPerson | null>>();
  private readonly chains = new Map<string, Promise<DirectoryPerson[]>>();
  private readonly members = new Map<string, Promise<DirectoryPerson[]>>();

  constructor(
    private readonly graph: Client,
    /** Language of people whose profile names none (the policy's default locale). */
    private readonly defaultLanguage: NotificationLanguage,
    /** Entra group ids of the policy's management role (who counts as a group's lead). */
    private readonly managementGroupIds: readonly string[]
  ) {}

  private toPerson(u: GraphUserLite): DirectoryPerson | null {
    const upn = (u.userPrincipalName || '').trim().toLowerCase();
    if (!upn) return null;
    return {
      upn,
      displayName: u.displayName || upn,
      department: u.department || '',
      address: (u.mail || upn).trim(),
      language: notificationLanguageOf(u.preferredLanguage, this.defaultLanguage),
      enabled: u.accountEnabled !== false
    };
  }

  /** A person by UPN; null when the directory does not know them (left the company). */
  public person(upn: string): Promise<DirectoryPerson | null> {
    const key = upn.trim().toLowerCase();
    let p = this.people.get(key);
    if (!p) {
      p = (this.graph.api(`/users/${encodeURIComponent(key)}`).select(USER_SELECT).get() as Promise<GraphUserLite>)
        .then(u => this.toPerson(u), (e: unknown) => {
          if (statusCodeOf(e) === 404) return null;
          throw e;
        });
      this.people.set(key, p);
      p.catch(() => this.people.delete(key));
    }
    return p;
  }

  /** The manager chain of a person, nearest first (empty at the top or for someone unknown). */
  public managerChain(upn: string): Promise<DirectoryPerson[]> {
    const key = upn.trim().toLowerCase();
    let p = this.chains.get(key);
    if (!p) {
      p = managerChain(this.graph, key).then(
        chain => chain.map(m => this.toPerson({ ...m, preferredLanguage: m.preferredLanguage })).filter((m): m is DirectoryPerson => m !== null),
        (e: unknown) => {
          if (statusCodeOf(e) === 404 || (e as { name?: string } | null)?.name === 'NotFoundError') return [];
          throw e;
        });
      this.chains.set(key, p);
      p.catch(() => this.chains.delete(key));
    }
    return p;
  }

  /** Every user in a group (nested groups included), at most MAX_GROUP_RECIPIENTS. */
  public groupMembers(group: GroupRef): Promise<DirectoryPerson[]> {
    // SharePoint groups are not in Graph: the policy's escalation groups are Entra groups.
    if (group.kind !== 'entra') return Promise.resolve([]);
    const key = group.id.toLowerCase();
    let p = this.members.get(key);
    if (!p) {
      p = this.readMembers(group.id);
      this.members.set(key, p);
      p.catch(() => this.members.delete(key));
    }
    return p;
  }

  private async readMembers(groupId: string): Promise<DirectoryPerson[]> {
    const out: DirectoryPerson[] = [];
    let body: { value?: GraphUserLite[]; '@odata.nextLink'?: string };
    try {
      body = await this.graph.api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`).select(USER_SELECT).top(MEMBERS_PAGE).get();
    } catch (e) {
      if (statusCodeOf(e) === 404) return [];
      throw e;
    }
    for (;;) {
      for (const u of body.value || []) {
        if (u['@odata.type'] && u['@odata.type'] !== '#microsoft.graph.user') continue;
        const person = this.toPerson(u);
        if (person) out.push(person);
      }
      const next = body['@odata.nextLink'];
      if (!next || out.length >= MAX_GROUP_RECIPIENTS) break;
      body = await this.graph.api(next).get();
    }
    return out.slice(0, MAX_GROUP_RECIPIENTS);
  }

  /** Members of the management role's groups, by UPN. */
  private async managementUpns(): Promise<Set<string>> {
    const lists = await Promise.all(this.managementGroupIds.map(id => this.groupMembers({ kind: 'entra', id, name: id })));
    return new Set(lists.flat().map(p => p.upn));
  }

  /** A group's leads: its members who hold the management role. */
  public async groupLeads(group: GroupRef): Promise<DirectoryPerson[]> {
    const [members, management] = await Promise.all([this.groupMembers(group), this.managementUpns()]);
    const leads = members.filter(m => management.has(m.upn));
    // The most senior only: a lead whose manager is also a lead of the group is left to them.
    const chains = await Promise.all(leads.map(l => this.managerChain(l.upn)));
    const leadSet = new Set(leads.map(l => l.upn));
    return leads.filter((l, i) => !(chains[i][0] && leadSet.has(chains[i][0].upn)));
  }

  /** The people a recipient rule names, as recipients (disabled accounts left out). */
  public async resolve(target: RecipientTarget): Promise<Recipient[]> {
    let people: DirectoryPerson[] = [];
    switch (target.kind) {
      case 'user': {
        const p = await this.person(target.upn);
        people = p ? [p] : [];
        break;
      }
      case 'groupMembers':
        people = await this.groupMembers(target.group);
        break;
      case 'managerOf': {
        const chain = await this.managerChain(target.upn);
        const m = chain[target.level - 1];
        people = m ? [m] : [];
        break;
      }
      case 'groupLeads': {
        let leads = await this.groupLeads(target.group);
        if (!leads.length && target.fallback) leads = await this.groupLeads(target.fallback);
        if (target.level === 1) people = leads;
        else {
          const leadSet = new Set(leads.map(l => l.upn));
          const chains = await Promise.all(leads.map(l => this.managerChain(l.upn)));
          people = chains.map(c => c.find(m => !leadSet.has(m.upn))).filter((m): m is DirectoryPerson => !!m);
        }
        break;
      }
    }
    // A manager chain does not carry the language: ask the person when it is not known.
    const full = await Promise.all(people.map(async p => (target.kind === 'managerOf' || target.kind === 'groupLeads' ? (await this.person(p.upn)) || p : p)));
    return full.filter(p => p.enabled).map(p => ({ upn: p.upn, address: p.address, language: p.language }));
  }
}

/** Sends one message to its recipients (who all read its language). */
export interface NotificationSender {
  send(recipients: readonly Recipient[], message: MessageContent, webUrl: string): Promise<void>;
}

/** Most recipients of one message (Exchange Online allows 500 per message). */
export const MAX_RECIPIENTS_PER_MESSAGE = 100;

export interface GraphSenderOptions {
  /** The mailbox (UPN) notifications are sent from: the job's own account, or one it may send as. */
  sender: string;
  /** Also post to the recipient's Teams activity feed (needs the Teams app installed for them). */
  teamsActivity?: boolean;
}

export function graphNotificationSender(graph: Client, options: GraphSenderOptions): NotificationSender {
  const sender = options.sender.trim();
  return {
    async send(recipients, message, webUrl): Promise<void> {
      if (!recipients.length) return;
      const addresses = recipients.map(r => ({ emailAddress: { address: r.address } }));
      await graph.api(`/users/${encodeURIComponent(sender)}/sendMail`).post({
        message: {
          subject: message.subject,
          body: { contentType: 'text', content: message.text },
          // One recipient: To. Several: Bcc (they need not see each other).
          ...(addresses.length === 1 ? { toRecipients: addresses } : { bccRecipients: addresses })
        },
        saveToSentItems: false
      });
      if (options.teamsActivity) {
        for (const recipient of recipients) {
          await graph.api(`/users/${encodeURIComponent(recipient.upn)}/teamwork/sendActivityNotification`).post({
            topic: { source: 'text', value: message.subject.slice(0, 100), webUrl },
            activityType: 'systemDefault',
            previewText: { content: message.preview },
            templateParameters: [{ name: 'systemDefaultText', value: message.preview }]
          });
        }
      }
    }
  };
}
