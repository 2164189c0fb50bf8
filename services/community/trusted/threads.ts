/**
 * The trusted side, part 2: what the job keeps for threads — a statistics item per post (in the
 * post's folder), answer counts, scores recounted from vote items, accepted answers — always
 * re-decided from fresh items with their ETags (withEtagRetry), so concurrent voters, answerers and
 * a second run lose nothing and count nothing twice.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/folders';
import type { SPFI } from '@pnp/sp';
import type { Community, Post, Visibility } from '../../../core/community/model';
import { folderNameOf, mayAccept, tallyVotes } from '../../../core/community/rules';
import { htmlToText } from '../../../core/community/richText';
import { redact } from '../../../core/relay/redaction';
import type { RedactionPolicy } from '../../../core/policy/types';
import { isDuplicateError } from '../../errors';
import { walkItems } from '../../listWalk';
import { withEtagRetry } from '../../sp/retry';
import { etagOf, EtagCarrier } from '../../sp/etag';
import { authorUpnOf } from '../../sp/identity';
import {
  COMMUNITIES_LIST_TITLE, COMMUNITY_POSTS_LIST_TITLE, COMMUNITY_STATS_LIST_TITLE, COMMUNITY_VOTES_LIST_TITLE, POST_FIELDS as P, STATS_FIELDS as S, VOTE_FIELDS
} from '../../provisioning/communityLists';
import { COMMUNITY_SELECT, num, PAGE_SIZE, placedRight, POST_SELECT, STATS_SELECT, StoredItem, str, toCommunity, toPost } from '../items';

/** Text copied into the statistics at acceptance, at most (the rest stays in the posts). */
export const COPIED_TEXT_MAX = 4000;

export interface ThreadsContext {
  sp: SPFI;
  now: Date;
  redaction: RedactionPolicy;
  log(line: string): void;
  keepLease?(): Promise<void>;
}

export async function allCommunities(sp: SPFI): Promise<Map<string, Community>> {
  const out = new Map<string, Community>();
  for await (const page of walkItems<StoredItem>(sp.web.lists.getByTitle(COMMUNITIES_LIST_TITLE), { select: COMMUNITY_SELECT, filter: 'Id gt 0', pageSize: PAGE_SIZE })) {
    for (const item of page) {
      const c = toCommunity(item);
      if (c) out.set(c.key, c);
    }
  }
  return out;
}

const roots = new WeakMap<SPFI, Map<string, Promise<string>>>();
async function folderPath(sp: SPFI, listTitle: string, community: Community): Promise<string> {
  let byList = roots.get(sp);
  if (!byList) roots.set(sp, (byList = new Map()));
  let root = byList.get(listTitle);
  if (!root) {
    root = sp.web.lists.getByTitle(listTitle).rootFolder.select('ServerRelativeUrl')().then(f => String((f as { ServerRelativeUrl: string }).ServerRelativeUrl));
    byList.set(listTitle, root);
  }
  return community.visibility === 'private' ? `${await root}/${folderNameOf(community.key)}` : root;
}

export async function statsOf(sp: SPFI, postId: number): Promise<StoredItem | null> {
  const items = (await sp.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE).items.select(...STATS_SELECT)
    .filter(`${S.postId} eq ${postId}`).top(1)()) as StoredItem[];
  return items[0] || null;
}

/** The statistics item of a post, made in the post's folder when missing. */
export async function ensureStats(ctx: ThreadsContext, post: Post, community: Community): Promise<void> {
  const list = ctx.sp.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE);
  const values: Record<string, string> = {
    Title: post.title.slice(0, 255), [S.postId]: String(post.id), [S.communityKey]: post.communityKey, [S.kind]: post.kind,
    [S.rootId]: String(post.rootId), [S.score]: '0', [S.answerCount]: '0', [S.isAnswered]: '0', [S.lastActivity]: post.created
  };
  try {
    const result = await list.addValidateUpdateItemUsingPath(Object.entries(values).map(([FieldName, FieldValue]) => ({ FieldName, FieldValue })),
      await folderPath(ctx.sp, COMMUNITY_STATS_LIST_TITLE, community));
    const failed = result.filter(r => r.HasException);
    if (failed.length && !failed.some(r => isDuplicateError({ message: `${(r as { ErrorCode?: number }).ErrorCode} ${r.ErrorMessage}` }))) {
      throw new Error(`stats of post ${post.id}: ${failed.map(f => f.FieldName).join(', ')} refused`);
    }
  } catch (e) {
    if (!isDuplicateError(e)) throw e;
  }
}

/** Updates a post's statistics from their fresh state (`decide` returns the change, or null). */
export async function updateStats(ctx: ThreadsContext, postId: number, decide: (item: StoredItem) => Record<string, unknown> | null): Promise<boolean> {
  const list = ctx.sp.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE);
  const r = await withEtagRetry(() => statsOf(ctx.sp, postId), item => {
    if (!item) return null;
    const change = decide(item);
    if (!change || Object.entries(change).every(([k, v]) => item[k] === v)) return null;
    return () => list.items.getById(item.Id).update(change, etagOf(item as EtagCarrier) || '*');
  }, { retries: 8 });
  return r.written;
}

/** The trusted posts of a thread (answers and comments whose placement and community match the root). */
async function repliesOf(sp: SPFI, root: Post, visibility: (k: string) => Visibility | undefined): Promise<Post[]> {
  const out: Post[] = [];
  for await (const page of walkItems<StoredItem>(sp.web.lists.getByTitle(COMMUNITY_POSTS_LIST_TITLE), {
    select: POST_SELECT, filter: `${P.rootId} eq ${root.id}`, pageSize: PAGE_SIZE, expand: ['Author']
  })) {
    for (const item of page) {
      const p = toPost(item, visibility);
      if (p && p.communityKey === root.communityKey && p.rootId === root.id) out.push(p);
    }
  }
  return out;
}

/** Answer count and last activity of a thread, recounted from its trusted replies. */
export async function recountThread(ctx: ThreadsContext, root: Post, communities: Map<string, Community>): Promise<void> {
  const replies = await repliesOf(ctx.sp, root, k => communities.get(k)?.visibility);
  const answers = replies.filter(p => p.kind === 'answer' && p.parentId === root.id).length;
  const last = replies.reduce((m, p) => (p.created > m ? p.created : m), root.created);
  await updateStats(ctx, root.id, item => ({
    [S.answerCount]: answers,
    ...(str(item[S.lastActivity]) < last ? { [S.lastActivity]: last } : {})
  }));
}

/** A post as the job reads it (any folder), trusted or null. */
export async function readPost(sp: SPFI, id: number, communities: Map<string, Community>): Promise<Post | null> {
  try {
    const item = (await sp.web.lists.getByTitle(COMMUNITY_POSTS_LIST_TITLE).items.getById(id).select(...POST_SELECT).expand('Author')()) as StoredItem;
    return toPost(item, k => communities.get(k)?.visibility);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

/**
 * A post's score from its vote items: distinct trusted voters (Author is the voter the key names;
 * the vote lies where the post's community keeps its votes), written with the statistics' ETag.
 */
export async function recountScore(ctx: ThreadsContext, postId: number, communities: Map<string, Community>): Promise<number | null> {
  const stats = await statsOf(ctx.sp, postId);
  if (!stats) return null;
  const key = str(stats[S.communityKey]);
  const visibility = communities.get(key)?.visibility;
  const votes: Array<{ key: string; authorUpn: string; folderOk: boolean }> = [];
  for await (const page of walkItems<StoredItem>(ctx.sp.web.lists.getByTitle(COMMUNITY_VOTES_LIST_TITLE), {
    select: ['Id', VOTE_FIELDS.key, VOTE_FIELDS.communityKey, 'FileDirRef', 'Author/Name', 'Author/EMail'], filter: `${VOTE_FIELDS.postId} eq ${postId}`, pageSize: PAGE_SIZE, expand: ['Author']
  })) {
    for (const v of page) {
      votes.push({ key: str(v[VOTE_FIELDS.key]), authorUpn: authorUpnOf(v), folderOk: str(v[VOTE_FIELDS.communityKey]) === key && placedRight(v, visibility, key) });
    }
    if (ctx.keepLease) await ctx.keepLease();
  }
  const score = tallyVotes(votes).get(postId) || 0;
  await updateStats(ctx, postId, () => ({ [S.score]: score }));
  return score;
}

const copyText = (html: string, policy: RedactionPolicy): string => redact(htmlToText(html).slice(0, COPIED_TEXT_MAX + 320), policy).text.slice(0, COPIED_TEXT_MAX);

export type AcceptOutcome = 'accepted' | 'refused' | 'waiting';

/**
 * Records an accepted answer when `actorUpn` (the request's Author) is the question's asker or a
 * manager of its community, both posts trusted (Author, placement, thread). The statistics get the
 * answer's Author (the expertise evidence), the acceptor, and the texts redacted with the relay's
 * core (relay deflection and similar questions read them).
 */
export async function acceptAnswer(ctx: ThreadsContext, input: { actorUpn: string; answerId: number; managers: ReadonlySet<string> }, communities: Map<string, Community>): Promise<AcceptOutcome> {
  const answer = await readPost(ctx.sp, input.answerId, communities);
  if (!answer || answer.kind !== 'answer') return 'refused';
  const question = await readPost(ctx.sp, answer.rootId, communities);
  if (!question) return 'refused';
  const stats = await statsOf(ctx.sp, question.id);
  if (!stats) return 'waiting';
  const ok = mayAccept({
    actorUpn: input.actorUpn, managers: input.managers, closed: stats[S.closed] === true,
    question: { id: question.id, kind: question.kind, authorUpn: question.author.upn, communityKey: question.communityKey },
    answer: { kind: answer.kind, rootId: answer.rootId, parentId: answer.parentId, communityKey: answer.communityKey }
  });
  if (!ok) return 'refused';
  await updateStats(ctx, question.id, () => ({
    Title: question.title.slice(0, 255),
    [S.acceptedAnswerId]: answer.id, [S.acceptedAuthorUpn]: answer.author.upn, [S.acceptedByUpn]: input.actorUpn.toLowerCase(),
    [S.acceptedAt]: ctx.now.toISOString(), [S.isAnswered]: true,
    [S.questionText]: copyText(question.body, ctx.redaction), [S.acceptedText]: copyText(answer.body, ctx.redaction), [S.language]: question.language
  }));
  return 'accepted';
}

export const setFlag = (ctx: ThreadsContext, postId: number, field: 'IsPinned' | 'IsClosed', value: boolean): Promise<boolean> =>
  updateStats(ctx, postId, () => ({ [field]: value }));

export { num };
