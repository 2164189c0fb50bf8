/**
 * One pass of the community spaces' trusted work, run by the relay job's `communities` step
 * (services/relay/job/steps/communities.ts) under its lease, as the job identity:
 *
 * 1. requests: each pending request of "Community requests", decided from its Author (never a
 *    column) against the memberships and the policy's roles: join, leave, approvals, members and
 *    managers, accepting an answer, pin and close, creating and editing communities, recounts;
 * 2. new posts (ids above the highest post with statistics): a statistics item each, in its
 *    folder; the thread's answer count; @mentions notified once each (claims);
 * 3. scores: every post with a vote item newer than the votes bookmark, or with a recount asked
 *    for, recounted from its vote items.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Community, CommunityDraft, Post } from '../../../core/community/model';
import { isRequestKind, validateCommunity } from '../../../core/community/rules';
import { excerptOf, mentionsOf } from '../../../core/community/richText';
import type { Policy, RoleKey } from '../../../core/policy/types';
import type { MessageContent, Recipient } from '../../../core/relay/notifications';
import { odataString } from '../../../core/odata';
import { walkItems } from '../../listWalk';
import { etagOf, EtagCarrier } from '../../sp/etag';
import { authorUpnOf } from '../../sp/identity';
import { JOB_LEASES_LIST_TITLE, LEASE_FIELDS } from '../../provisioning/jobLists';
import {
  COMMUNITIES_LIST_TITLE, COMMUNITY_FIELDS as C, COMMUNITY_POSTS_LIST_TITLE, COMMUNITY_REQUESTS_LIST_TITLE, COMMUNITY_STATS_LIST_TITLE, COMMUNITY_VOTES_LIST_TITLE, REQUEST_FIELDS as R, STATS_FIELDS as S
} from '../../provisioning/communityLists';
import { num, PAGE_SIZE, POST_SELECT, StoredItem, str, toPost } from '../items';
import { createCommunity, membershipsOf, readCommunity, refreshCommunity, setMembership, SpaceContext } from './spaces';
import { acceptAnswer, allCommunities, ensureStats, readPost, recountScore, recountThread, setFlag, ThreadsContext } from './threads';

export interface MentionSink {
  /** Delivers one notification once (the relay job's claims: a unique key per post and person). */
  deliver(key: string, postId: number, recipient: Recipient, message: MessageContent, webUrl: string): Promise<'sent' | 'skipped' | 'failed'>;
}

export interface CommunityRunContext {
  sp: SPFI;
  graph: Client;
  policy: Policy;
  now: Date;
  log(line: string): void;
  keepLease?(): Promise<void>;
  /** Recipients by UPN (mail address, language), null when unknown or disabled. */
  recipientOf(upn: string): Promise<Recipient | null>;
  nameOf(upn: string): Promise<string>;
  mentions?: MentionSink;
  /** Where a thread opens (its id is added). */
  threadUrl(rootId: number): string;
  /** New posts handled per run at most (the rest next run). */
  maxPosts?: number;
}

export interface CommunityRunReport {
  requests: { done: number; refused: number; waiting: number; failed: number };
  posts: { synced: number; failed: number };
  mentions: { sent: number; skipped: number; failed: number };
  scores: { recounted: number; failed: number };
}

export const emptyCommunityReport = (): CommunityRunReport => ({
  requests: { done: 0, refused: 0, waiting: 0, failed: 0 }, posts: { synced: 0, failed: 0 },
  mentions: { sent: 0, skipped: 0, failed: 0 }, scores: { recounted: 0, failed: 0 }
});

/** The bookmark of the votes already counted: a job-only item of "Job leases" (never expires). */
export const VOTES_BOOKMARK_KEY = 'community-votes-bookmark';

/** Members of the policy's role groups, read once per run (Graph transitive members). */
function roleChecker(graph: Client, policy: Policy): (upn: string, roles: RoleKey[]) => Promise<boolean> {
  const cache = new Map<string, Promise<Set<string>>>();
  const membersOf = (groupId: string): Promise<Set<string>> => {
    let p = cache.get(groupId);
    if (!p) {
      p = (async () => {
        const out = new Set<string>();
        let res = await graph.api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`).select('userPrincipalName').top(999).get();
        for (;;) {
          for (const m of (res.value || []) as Array<{ userPrincipalName?: string }>) if (m.userPrincipalName) out.add(m.userPrincipalName.toLowerCase());
          if (!res['@odata.nextLink']) break;
          res = await graph.api(res['@odata.nextLink']).get();
        }
        return out;
      })();
      cache.set(groupId, p);
    }
    return p;
  };
  return async (upn, roles) => {
    for (const role of roles) {
      for (const g of policy.roles[role] || []) if ((await membersOf(g.id)).has(upn.toLowerCase())) return true;
    }
    return false;
  };
}

type Decision = { state: 'done' | 'refused' | 'waiting'; reason?: string };

/** Decides one request from its Author (the actor). */
async function decide(ctx: CommunityRunContext, item: StoredItem, communities: Map<string, Community>, recount: Set<number>,
  hasRole: (upn: string, roles: RoleKey[]) => Promise<boolean>): Promise<Decision> {
  const actor = authorUpnOf(item);
  const kind = item[R.kind];
  const key = str(item[R.communityKey]);
  const target = str(item[R.targetUpn]).toLowerCase();
  const postId = num(item[R.postId]);
  if (!actor || !isRequestKind(kind)) return { state: 'refused', reason: 'invalid' };
  const space: SpaceContext = { sp: ctx.sp, now: ctx.now, log: ctx.log, nameOf: ctx.nameOf };
  const threads: ThreadsContext = { sp: ctx.sp, now: ctx.now, redaction: ctx.policy.feedback.redaction, log: ctx.log, keepLease: ctx.keepLease };
  if (kind === 'recount') {
    if (postId) recount.add(postId);
    return { state: 'done' };
  }
  if (kind === 'create') {
    const draft = safeDraft(item[R.payload], key);
    if (!draft || validateCommunity(draft).length) return { state: 'refused', reason: 'invalid' };
    if (!(await hasRole(actor, ['communityManagers', 'tenantAdmins']))) return { state: 'refused', reason: 'notCommunityManager' };
    if (draft.official && !(await hasRole(actor, ['communications', 'tenantAdmins']))) return { state: 'refused', reason: 'officialNeedsRole' };
    return (await createCommunity(space, draft, actor)) ? { state: 'done' } : { state: 'refused', reason: 'exists' };
  }
  const community = communities.get(key) || (await readCommunity(ctx.sp, key));
  if (!community) return { state: 'refused', reason: 'noCommunity' };
  const members = await membershipsOf(ctx.sp, key);
  const managers = new Set([...members].filter(([, m]) => m.role === 'manager').map(([u]) => u));
  const isManager = managers.has(actor);
  const roleOf = (upn: string): string | undefined => members.get(upn)?.role;
  switch (kind) {
    case 'join':
      if (roleOf(actor) === 'member' || roleOf(actor) === 'manager') return { state: 'done' };
      if (community.visibility === 'public') { await setMembership(space, key, actor, 'member'); return { state: 'done' }; }
      if (roleOf(actor) !== 'pending') await setMembership(space, key, actor, 'pending');
      return { state: 'done', reason: 'awaitingApproval' };
    case 'leave':
      if (roleOf(actor) === 'manager' && managers.size === 1) return { state: 'refused', reason: 'lastManager' };
      await setMembership(space, key, actor, null);
      return { state: 'done' };
    case 'accept': {
      const outcome = await acceptAnswer(threads, { actorUpn: actor, answerId: postId, managers }, communities);
      if (outcome === 'accepted') return { state: 'done' };
      return outcome === 'waiting' ? { state: 'waiting' } : { state: 'refused', reason: 'notAllowed' };
    }
    default:
      break;
  }
  // Everything below is a manager's.
  if (!isManager) return { state: 'refused', reason: 'notManager' };
  switch (kind) {
    case 'approve':
      if (roleOf(target) !== 'pending') return { state: 'refused', reason: 'noPendingRequest' };
      await setMembership(space, key, target, 'member');
      return { state: 'done' };
    case 'decline':
      if (roleOf(target) === 'pending') await setMembership(space, key, target, null);
      return { state: 'done' };
    case 'addMember': case 'addManager':
      if (!target) return { state: 'refused', reason: 'invalid' };
      if (kind === 'addMember' && roleOf(target) === 'manager') return { state: 'done' };
      await setMembership(space, key, target, kind === 'addManager' ? 'manager' : 'member');
      return { state: 'done' };
    case 'removeMember': case 'removeManager':
      if (roleOf(target) === 'manager' && managers.size === 1) return { state: 'refused', reason: 'lastManager' };
      await setMembership(space, key, target, kind === 'removeManager' && roleOf(target) === 'manager' ? 'member' : null);
      return { state: 'done' };
    case 'pin': case 'unpin': case 'close': case 'reopen': {
      const post = await readPost(ctx.sp, postId, communities);
      if (!post || post.communityKey !== key || post.rootId !== 0) return { state: 'refused', reason: 'notFound' };
      await setFlag(threads, postId, kind === 'pin' || kind === 'unpin' ? 'IsPinned' : 'IsClosed', kind === 'pin' || kind === 'close');
      return { state: 'done' };
    }
    case 'update': {
      const draft = safeDraft(item[R.payload], key);
      if (!draft || validateCommunity(draft).length) return { state: 'refused', reason: 'invalid' };
      if (draft.visibility !== community.visibility) return { state: 'refused', reason: 'visibilityIsFixed' };
      if (draft.official !== community.official && !(await hasRole(actor, ['communications', 'tenantAdmins']))) return { state: 'refused', reason: 'officialNeedsRole' };
      const c = await readCommunity(ctx.sp, key);
      if (!c) return { state: 'refused', reason: 'noCommunity' };
      await ctx.sp.web.lists.getByTitle(COMMUNITIES_LIST_TITLE).items.getById(c.id).update({ Title: draft.title.trim(), [C.description]: draft.description, [C.official]: !!draft.official }, c.etag);
      return { state: 'done' };
    }
    default:
      return { state: 'refused', reason: 'invalid' };
  }
}

function safeDraft(payload: unknown, key: string): CommunityDraft | null {
  try {
    const d = JSON.parse(str(payload) || 'null') as Partial<CommunityDraft> | null;
    if (!d || typeof d !== 'object') return null;
    return { key, title: String(d.title || ''), description: String(d.description || ''), visibility: d.visibility === 'private' ? 'private' : 'public', official: d.official === true };
  } catch {
    return null;
  }
}

async function processRequests(ctx: CommunityRunContext, report: CommunityRunReport, communities: Map<string, Community>, recount: Set<number>): Promise<void> {
  const list = ctx.sp.web.lists.getByTitle(COMMUNITY_REQUESTS_LIST_TITLE);
  const hasRole = roleChecker(ctx.graph, ctx.policy);
  const pending: StoredItem[] = [];
  for await (const page of walkItems<StoredItem>(list, {
    select: ['Id', R.kind, R.communityKey, R.targetUpn, R.postId, R.payload, R.state, 'Author/Name', 'Author/EMail'],
    filter: `${R.state} eq 'pending'`, pageSize: PAGE_SIZE, expand: ['Author']
  })) pending.push(...page);
  for (const item of pending) {
    try {
      if (ctx.keepLease) await ctx.keepLease();
      const d = await decide(ctx, item, communities, recount, hasRole);
      if (d.state === 'waiting') { report.requests.waiting++; continue; }
      await list.items.getById(item.Id).update({ [R.state]: d.state, [R.reason]: d.reason || null }, etagOf(item as EtagCarrier) || '*');
      report.requests[d.state]++;
    } catch (e) {
      report.requests.failed++;
      ctx.log(`communities: request ${item.Id} failed (HTTP ${(e as { status?: number }).status ?? '?'})`);
    }
  }
}

/** New posts: statistics, answer counts, last activity and mentions. Stops at the first failure, so none is skipped. */
async function syncPosts(ctx: CommunityRunContext, report: CommunityRunReport, communities: Map<string, Community>): Promise<void> {
  const threads: ThreadsContext = { sp: ctx.sp, now: ctx.now, redaction: ctx.policy.feedback.redaction, log: ctx.log, keepLease: ctx.keepLease };
  const top = (await ctx.sp.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE).items.select('Id', S.postId).orderBy(S.postId, false).top(1)()) as StoredItem[];
  const after = top[0] ? num(top[0][S.postId]) : 0;
  const max = ctx.maxPosts ?? 2000;
  const visibility = (k: string): Community['visibility'] | undefined => communities.get(k)?.visibility;
  const activity = new Map<string, string>();
  let seen = 0;
  outer:
  for await (const page of walkItems<StoredItem>(ctx.sp.web.lists.getByTitle(COMMUNITY_POSTS_LIST_TITLE), {
    select: POST_SELECT, filter: `Id gt ${after}`, pageSize: PAGE_SIZE, expand: ['Author']
  })) {
    for (const item of page) {
      if (seen++ >= max) break outer;
      const post = toPost(item, visibility);
      if (!post) continue;
      try {
        const community = communities.get(post.communityKey) as Community;
        await ensureStats(threads, post, community);
        if (post.rootId) {
          const root = await readPost(ctx.sp, post.rootId, communities);
          if (root && root.communityKey === post.communityKey) await recountThread(threads, root, communities);
        }
        if (!activity.has(post.communityKey) || (activity.get(post.communityKey) as string) < post.created) activity.set(post.communityKey, post.created);
        await notifyMentions(ctx, report, post, community);
        report.posts.synced++;
      } catch (e) {
        report.posts.failed++;
        ctx.log(`communities: post ${post.id} failed (HTTP ${(e as { status?: number }).status ?? '?'})`);
        break outer;
      }
    }
  }
  const space: SpaceContext = { sp: ctx.sp, now: ctx.now, log: ctx.log, nameOf: ctx.nameOf };
  for (const [key, at] of activity) await refreshCommunity(space, key, at);
}

/** Each person a new post mentions, once (the claim's key names the post and the person). In a private community, members only. */
async function notifyMentions(ctx: CommunityRunContext, report: CommunityRunReport, post: Post, community: Community): Promise<void> {
  const names = mentionsOf(post.body).filter(u => u !== post.author.upn).slice(0, 20);
  if (!names.length || !ctx.mentions) return;
  const members = community.visibility === 'private' ? await membershipsOf(ctx.sp, community.key) : null;
  for (const upn of names) {
    const role = members ? members.get(upn)?.role : 'member';
    const recipient = role === 'member' || role === 'manager' ? await ctx.recipientOf(upn) : null;
    if (!recipient) { report.mentions.skipped++; continue; }
    const fr = recipient.language === 'fr';
    const where = post.title || community.title;
    const text = fr
      ? `${post.author.name} vous a mentionné dans « ${where} » (${community.title}) :\n\n${excerptOf(post.body, 300)}`
      : `${post.author.name} mentioned you in "${where}" (${community.title}):\n\n${excerptOf(post.body, 300)}`;
    const message: MessageContent = { subject: fr ? `${post.author.name} vous a mentionné` : `${post.author.name} mentioned you`, text, preview: text.slice(0, 150) };
    const outcome = await ctx.mentions.deliver(`notify:mention:${post.id}:${upn}`, post.id, recipient, message, ctx.threadUrl(post.rootId || post.id));
    report.mentions[outcome]++;
  }
}

async function readBookmark(sp: SPFI): Promise<{ id: number; etag: string; value: number } | null> {
  const items = (await sp.web.lists.getByTitle(JOB_LEASES_LIST_TITLE).items.select('Id', LEASE_FIELDS.holder)
    .filter(`${LEASE_FIELDS.leaseKey} eq ${odataString(VOTES_BOOKMARK_KEY)}`).top(1)()) as StoredItem[];
  return items[0] ? { id: items[0].Id, etag: etagOf(items[0] as EtagCarrier), value: Number(str(items[0][LEASE_FIELDS.holder])) || 0 } : null;
}

/** Scores of the posts with new votes (vote ids above the bookmark) or a recount asked for. */
async function recountScores(ctx: CommunityRunContext, report: CommunityRunReport, communities: Map<string, Community>, recount: Set<number>): Promise<void> {
  const threads: ThreadsContext = { sp: ctx.sp, now: ctx.now, redaction: ctx.policy.feedback.redaction, log: ctx.log, keepLease: ctx.keepLease };
  const bookmark = await readBookmark(ctx.sp);
  let last = bookmark ? bookmark.value : 0;
  for await (const page of walkItems<StoredItem>(ctx.sp.web.lists.getByTitle(COMMUNITY_VOTES_LIST_TITLE), { select: ['Id', 'PostId'], filter: `Id gt ${last}`, pageSize: PAGE_SIZE })) {
    for (const v of page) {
      recount.add(num(v.PostId));
      last = Math.max(last, v.Id);
    }
  }
  let failed = false;
  for (const postId of recount) {
    try {
      if ((await recountScore(threads, postId, communities)) !== null) report.scores.recounted++;
    } catch (e) {
      failed = true;
      report.scores.failed++;
      ctx.log(`communities: score of ${postId} failed (HTTP ${(e as { status?: number }).status ?? '?'})`);
    }
  }
  // The bookmark moves only when every post was recounted: a failure is counted again next run.
  if (failed || (bookmark && bookmark.value === last)) return;
  const list = ctx.sp.web.lists.getByTitle(JOB_LEASES_LIST_TITLE);
  if (bookmark) await list.items.getById(bookmark.id).update({ [LEASE_FIELDS.holder]: String(last) }, bookmark.etag);
  else await list.items.add({ Title: VOTES_BOOKMARK_KEY, [LEASE_FIELDS.leaseKey]: VOTES_BOOKMARK_KEY, [LEASE_FIELDS.holder]: String(last), [LEASE_FIELDS.expiresAt]: '9999-12-31T00:00:00Z' });
}

export async function runCommunities(ctx: CommunityRunContext, report: CommunityRunReport = emptyCommunityReport()): Promise<CommunityRunReport> {
  let communities = await allCommunities(ctx.sp);
  const recount = new Set<number>();
  await processRequests(ctx, report, communities, recount);
  communities = await allCommunities(ctx.sp);
  await syncPosts(ctx, report, communities);
  await recountScores(ctx, report, communities, recount);
  return report;
}
