/**
 * CommunityService: what a member does in the community spaces, as the signed-in person
 * (docs/communities-data.md). Reads apply the trust rules of ./items.ts; writes are idempotent
 * (client ids and person-post keys in unique columns) and send ETags; whatever a member must not
 * decide alone (joining, approving, accepting, pinning, counting) is a request to the trusted job.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/folders';
import '@pnp/sp/batching';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import type { Community, CommunityDraft, MemberRole, Post, PostDraft, PostKind, PostStats, RequestKind, RequestState, ThreadOrder, ThreadSummary, Visibility } from '../../core/community/model';
import { compareAnswers, folderNameOf, followKey, isRootKind, validateCommunity, validatePost, validateReply, voteKey } from '../../core/community/rules';
import { htmlToText, mentionsOf } from '../../core/community/richText';
import { createQuestionIndex, QuestionIndex } from '../../core/community/similar';
import { odataString } from '../../core/odata';
import { authorUpnOf, normalizeUpn } from '../sp/identity';
import { isDuplicateError } from '../errors';
import { walkItems } from '../listWalk';
import {
  COMMUNITIES_LIST_TITLE, COMMUNITY_FIELDS as C, COMMUNITY_FOLLOWS_LIST_TITLE, COMMUNITY_MEMBERS_LIST_TITLE, COMMUNITY_POSTS_LIST_TITLE,
  COMMUNITY_REQUESTS_LIST_TITLE, COMMUNITY_STATS_LIST_TITLE, COMMUNITY_VOTES_LIST_TITLE, FOLLOW_FIELDS, MEMBER_FIELDS as M, POST_FIELDS as P,
  REQUEST_FIELDS as R, STATS_FIELDS as S, VOTE_FIELDS
} from '../provisioning/communityLists';
import {
  anyOf, COMMUNITY_SELECT, CommunityError, MEMBER_SELECT, num, PAGE_SIZE, POST_SELECT, STATS_SELECT, StoredItem, str, toCommunity,
  toCommunityError, toPost, toRole, toStats
} from './items';
import { Sanitize, sanitizeRichText } from './richText';

export const THREADS_PAGE = 20;
/** Answered questions read for "similar questions" (the most recently accepted first). */
export const SIMILAR_READ = 2000;

export interface CommunityServiceOptions {
  /** The signed-in person's UPN. */
  me: string;
  sanitize?: Sanitize;
  /** Client ids (UUID v4) for idempotent creates. */
  newId: () => string;
}

export interface ThreadPage {
  threads: ThreadSummary[];
  /** Pass back as `after` for the next page; null at the end. */
  next: string | null;
}

export interface ThreadView {
  community: Community;
  root: Post;
  stats: PostStats;
  answers: Array<{ post: Post; stats: PostStats; comments: Post[] }>;
  /** Comments on the root post (discussions: the replies). */
  comments: Post[];
  myVotes: Set<number>;
  following: boolean;
}

export interface CommunityRequest {
  id: number;
  key: string;
  kind: RequestKind;
  communityKey: string;
  targetUpn: string | null;
  postId: number | null;
  state: RequestState;
  reason: string | null;
}

export interface PostVersion {
  label: string;
  title: string;
  body: string;
  modified: string;
  editorUpn: string;
}

export interface SimilarQuestion {
  questionId: number;
  communityKey: string;
  title: string;
  answer: string;
  score: number;
}

type VoteState = 'voted' | 'alreadyVoted' | 'removed' | 'notVoted';

export class CommunityService {
  private readonly me: string;
  private readonly sanitize: Sanitize;
  private communityCache: Promise<Map<string, Community>> | null = null;
  private readonly roots = new Map<string, Promise<string>>();
  private questionIndex: Promise<{ index: QuestionIndex; byId: Map<number, SimilarQuestion> }> | null = null;

  public constructor(private readonly ctx: { sp: SPFI }, private readonly options: CommunityServiceOptions) {
    this.me = normalizeUpn(options.me);
    this.sanitize = options.sanitize || sanitizeRichText;
  }

  private list(title: string): IList {
    return this.ctx.sp.web.lists.getByTitle(title);
  }

  // ---------------------------------------------------------------- communities

  /** Every community (one request per 500), cached for the service's life. */
  public async communities(refresh = false): Promise<Map<string, Community>> {
    if (!this.communityCache || refresh) {
      const load = async (): Promise<Map<string, Community>> => {
        const out = new Map<string, Community>();
        for await (const page of walkItems<StoredItem>(this.list(COMMUNITIES_LIST_TITLE), { select: COMMUNITY_SELECT, filter: 'Id gt 0', pageSize: PAGE_SIZE })) {
          for (const item of page) {
            const c = toCommunity(item);
            if (c) out.set(c.key, c);
          }
        }
        return out;
      };
      this.communityCache = load();
      this.communityCache.catch(() => { this.communityCache = null; });
    }
    try {
      return await this.communityCache;
    } catch (e) {
      throw toCommunityError(e, 'Communities');
    }
  }

  /**
   * Communities to browse: official first, then by last activity (then title), filtered by words of
   * the title or description, a page at a time (`after`: the last key shown).
   */
  public async browse(query: { text?: string; pageSize?: number; after?: string | null } = {}): Promise<{ communities: Community[]; next: string | null }> {
    const words = htmlToText(query.text || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/\s+/).filter(Boolean);
    const fold = (s: string): string => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const all = [...(await this.communities()).values()]
      .filter(c => words.every(w => fold(`${c.title} ${c.description}`).includes(w)))
      .sort((a, b) => (a.official !== b.official ? (a.official ? -1 : 1)
        : (b.lastActivity || '').localeCompare(a.lastActivity || '') || a.title.localeCompare(b.title)));
    const size = query.pageSize || THREADS_PAGE;
    const from = query.after ? all.findIndex(c => c.key === query.after) + 1 : 0;
    const page = all.slice(from, from + size);
    return { communities: page, next: from + size < all.length && page.length ? page[page.length - 1].key : null };
  }

  public async community(key: string): Promise<Community> {
    const c = (await this.communities()).get(key);
    if (!c) throw new CommunityError('notFound', `Community ${key}`);
    return c;
  }

  /** The signed-in person's memberships (member, manager, or pending approval), by community key. */
  public async myMemberships(): Promise<Map<string, MemberRole>> {
    const out = new Map<string, MemberRole>();
    try {
      for await (const page of walkItems<StoredItem>(this.list(COMMUNITY_MEMBERS_LIST_TITLE), {
        select: MEMBER_SELECT, filter: `${M.upn} eq ${odataString(this.me)}`, pageSize: PAGE_SIZE
      })) {
        for (const item of page) {
          const role = toRole(item[M.role]);
          if (role) out.set(str(item[M.communityKey]), role);
        }
      }
    } catch (e) {
      throw toCommunityError(e, 'Memberships');
    }
    return out;
  }

  /** A community's members and managers (and, for its managers, the people waiting for approval). */
  public async members(communityKey: string): Promise<Array<{ upn: string; role: MemberRole }>> {
    const out: Array<{ upn: string; role: MemberRole }> = [];
    for await (const page of walkItems<StoredItem>(this.list(COMMUNITY_MEMBERS_LIST_TITLE), {
      select: MEMBER_SELECT, filter: `${M.communityKey} eq ${odataString(communityKey)}`, pageSize: PAGE_SIZE
    })) {
      for (const item of page) {
        const role = toRole(item[M.role]);
        if (role) out.push({ upn: str(item[M.upn]), role });
      }
    }
    return out;
  }

  private visibilityOf(map: Map<string, Community>): (key: string) => Visibility | undefined {
    return key => map.get(key)?.visibility;
  }

  // ---------------------------------------------------------------- threads

  /**
   * One page of a community's threads. Two requests when the communities are not cached yet (a
   * batch of the communities and the first query, then the other list), one batch plus one
   * request otherwise: newest reads posts then their statistics; unanswered and most voted read
   * the statistics (indexed Score, AnswerCount) then the posts.
   */
  public async threads(communityKey: string, order: ThreadOrder = 'newest', paging: { after?: string | null; pageSize?: number } = {}): Promise<ThreadPage> {
    const size = Math.min(paging.pageSize || THREADS_PAGE, 100);
    const [batched, execute] = this.ctx.sp.batched();
    const communitiesP = this.communityCache ? this.communityCache : this.loadCommunityOn(batched, communityKey);
    const posts = batched.web.lists.getByTitle(COMMUNITY_POSTS_LIST_TITLE);
    const stats = batched.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE);
    const keyClause = `${C.key} eq ${odataString(communityKey)}`;
    const roots = `(${P.kind} eq 'question' or ${P.kind} eq 'discussion')`;
    let firstP: Promise<StoredItem[]>;
    if (order === 'newest') {
      const q = posts.items.select(...POST_SELECT).expand('Author').filter(`${keyClause} and ${roots}`).orderBy('Id', false).top(size);
      if (paging.after) q.query.set('$skiptoken', `Paged=TRUE&p_ID=${Number(paging.after)}`);
      firstP = q() as Promise<StoredItem[]>;
    } else {
      const filter = order === 'unanswered'
        ? `${keyClause} and ${S.kind} eq 'question' and ${S.answerCount} eq 0`
        : `${keyClause} and (${S.kind} eq 'question' or ${S.kind} eq 'discussion')`;
      const q = stats.items.select(...STATS_SELECT).filter(filter).orderBy(order === 'mostVoted' ? S.score : S.postId, false).top(size);
      if (paging.after) q.query.set('$skiptoken', paging.after);
      firstP = q() as Promise<StoredItem[]>;
    }
    try {
      await execute();
      const [map, first] = await Promise.all([communitiesP, firstP]);
      const visibility = this.visibilityOf(map);
      if (!map.has(communityKey)) throw new CommunityError('notFound', `Community ${communityKey}`);
      let postItems: StoredItem[];
      let statItems: StoredItem[];
      if (order === 'newest') {
        postItems = first;
        statItems = await this.readByIds(COMMUNITY_STATS_LIST_TITLE, S.postId, postItems.map(p => p.Id), STATS_SELECT);
      } else {
        statItems = first;
        postItems = await this.readByIds(COMMUNITY_POSTS_LIST_TITLE, 'Id', statItems.map(s => num(s[S.postId])), POST_SELECT, ['Author']);
      }
      const statsById = new Map(statItems.filter(s => str(s[S.communityKey]) === communityKey).map(s => [num(s[S.postId]), s]));
      const postsById = new Map<number, Post>();
      for (const item of postItems) {
        const post = toPost(item, visibility);
        if (post && post.communityKey === communityKey && isRootKind(post.kind)) postsById.set(post.id, post);
      }
      const ordered = order === 'newest' ? postItems.map(p => p.Id) : statItems.map(s => num(s[S.postId]));
      const threads = ordered.filter(id => postsById.has(id)).map(id => ({ post: postsById.get(id) as Post, stats: toStats(statsById.get(id), id) }));
      let next: string | null = null;
      if (first.length === size) {
        const last = first[first.length - 1];
        next = order === 'newest' ? String(last.Id)
          : order === 'mostVoted' ? `Paged=TRUE&p_${S.score}=${num(last[S.score])}&p_ID=${last.Id}` : `Paged=TRUE&p_${S.postId}=${num(last[S.postId])}&p_ID=${last.Id}`;
      }
      return { threads, next };
    } catch (e) {
      throw toCommunityError(e, 'Threads');
    }
  }

  /** One community (its key is unique and indexed), read in the page's batch when nothing is cached yet. */
  private loadCommunityOn(batched: SPFI, key: string): Promise<Map<string, Community>> {
    return (batched.web.lists.getByTitle(COMMUNITIES_LIST_TITLE).items.select(...COMMUNITY_SELECT)
      .filter(`${C.key} eq ${odataString(key)}`).top(1)() as Promise<StoredItem[]>)
      .then(items => {
        const out = new Map<string, Community>();
        const c = items[0] ? toCommunity(items[0]) : null;
        if (c) out.set(c.key, c);
        return out;
      });
  }

  /** Items whose `column` is one of `ids` (an indexed column), in chunks. */
  private async readByIds(listTitle: string, column: string, ids: readonly number[], select: string[], expand: string[] = []): Promise<StoredItem[]> {
    if (!ids.length) return [];
    const out: StoredItem[] = [];
    for (const filter of anyOf(column, ids)) {
      let q = this.list(listTitle).items.select(...select).filter(filter).top(PAGE_SIZE);
      if (expand.length) q = q.expand(...expand);
      out.push(...((await q()) as StoredItem[]));
    }
    return out;
  }

  /** A thread: its root, answers (accepted first, then by score), comments, my votes and whether I follow it. */
  public async thread(rootId: number): Promise<ThreadView> {
    try {
      const posts = this.list(COMMUNITY_POSTS_LIST_TITLE);
      const [rootItem, replies, map] = await Promise.all([
        posts.items.getById(rootId).select(...POST_SELECT).expand('Author')() as Promise<StoredItem>,
        this.walkAll(COMMUNITY_POSTS_LIST_TITLE, `${P.rootId} eq ${rootId}`, POST_SELECT, ['Author']),
        this.communities()
      ]);
      const visibility = this.visibilityOf(map);
      const root = toPost(rootItem, visibility);
      if (!root || !isRootKind(root.kind)) throw new CommunityError('notFound', `Thread ${rootId}`);
      const community = map.get(root.communityKey) as Community;
      const belongs = (p: Post | null): p is Post => !!p && p.rootId === rootId && p.communityKey === root.communityKey && !isRootKind(p.kind);
      const children = replies.map(i => toPost(i, visibility)).filter(belongs);
      const ids = [rootId, ...children.map(c => c.id)];
      const [statItems, votes, follows] = await Promise.all([
        this.walkAll(COMMUNITY_STATS_LIST_TITLE, `${S.rootId} eq ${rootId} or ${S.postId} eq ${rootId}`, STATS_SELECT),
        this.readByIds(COMMUNITY_VOTES_LIST_TITLE, VOTE_FIELDS.postId, ids, ['Id', VOTE_FIELDS.key, VOTE_FIELDS.postId]),
        this.list(COMMUNITY_FOLLOWS_LIST_TITLE).items.select('Id').filter(`${FOLLOW_FIELDS.key} eq ${odataString(followKey(rootId, this.me))}`).top(1)() as Promise<StoredItem[]>
      ]);
      const statsById = new Map(statItems.filter(s => str(s[S.communityKey]) === root.communityKey).map(s => [num(s[S.postId]), s]));
      const stats = toStats(statsById.get(rootId), rootId);
      const commentsOf = (id: number): Post[] => children.filter(c => c.kind === 'comment' && c.parentId === id).sort((a, b) => a.id - b.id);
      const answers = children.filter(c => c.kind === 'answer' && c.parentId === rootId)
        .map(post => ({ post, stats: toStats(statsById.get(post.id), post.id), comments: commentsOf(post.id) }))
        .sort((a, b) => compareAnswers(stats.acceptedAnswerId)({ id: a.post.id, score: a.stats.score }, { id: b.post.id, score: b.stats.score }));
      const mine = new Set<number>();
      for (const v of votes) if (str(v[VOTE_FIELDS.key]).startsWith(`${voteKey(num(v[VOTE_FIELDS.postId]), this.me)}`)) mine.add(num(v[VOTE_FIELDS.postId]));
      return { community, root, stats, answers, comments: commentsOf(rootId), myVotes: mine, following: follows.length > 0 };
    } catch (e) {
      throw toCommunityError(e, 'Thread');
    }
  }

  private async walkAll(listTitle: string, filter: string, select: string[], expand: string[] = []): Promise<StoredItem[]> {
    const out: StoredItem[] = [];
    for await (const page of walkItems<StoredItem>(this.list(listTitle), { select, filter, pageSize: PAGE_SIZE, expand })) out.push(...page);
    return out;
  }

  // ---------------------------------------------------------------- posting

  /** The list's root folder, server-relative (read once): where AddValidateUpdateItemUsingPath starts. */
  private rootOf(listTitle: string): Promise<string> {
    let p = this.roots.get(listTitle);
    if (!p) {
      p = this.list(listTitle).rootFolder.select('ServerRelativeUrl')().then(f => String((f as { ServerRelativeUrl: string }).ServerRelativeUrl).replace(/\/$/, ''));
      p.catch(() => this.roots.delete(listTitle));
      this.roots.set(listTitle, p);
    }
    return p;
  }

  /** Where a community's items go in a list: its folder when private, the root folder when public. */
  private async folderFor(listTitle: string, community: Community): Promise<string> {
    const root = await this.rootOf(listTitle);
    return community.visibility === 'private' ? `${root}/${folderNameOf(community.key)}` : root;
  }

  /**
   * Creates an item in `folder` from form values; the new id, or null when a unique column already
   * holds the value (SharePoint's duplicate-value answer, as a field exception or as an error).
   */
  private async addInFolder(listTitle: string, folder: string, values: Record<string, string | number | null>): Promise<number | null> {
    const formValues = Object.entries(values).map(([FieldName, v]) => ({ FieldName, FieldValue: v === null ? '' : String(v) }));
    let result: Array<{ FieldName?: string; FieldValue?: string; HasException?: boolean; ErrorMessage?: string | null; ErrorCode?: number }>;
    try {
      result = await this.list(listTitle).addValidateUpdateItemUsingPath(formValues, folder);
    } catch (e) {
      if (isDuplicateError(e)) return null;
      throw e;
    }
    const failed = result.filter(r => r.HasException);
    if (failed.some(r => isDuplicateError({ message: `${r.ErrorCode} ${r.ErrorMessage}` }))) return null;
    if (failed.length) throw new CommunityError('invalid', `${listTitle}: ${failed.map(f => f.FieldName).join(', ')} refused`);
    const id = result.find(r => r.FieldName === 'Id');
    return id ? Number(id.FieldValue) : null;
  }

  private async postByClientId(clientId: string, visibility: (key: string) => Visibility | undefined): Promise<Post | null> {
    const items = (await this.list(COMMUNITY_POSTS_LIST_TITLE).items.select(...POST_SELECT).expand('Author')
      .filter(`${P.clientId} eq ${odataString(clientId)}`).top(1)()) as StoredItem[];
    if (!items[0]) return null;
    if (authorUpnOf(items[0]) !== this.me) throw new CommunityError('conflict', 'That client id belongs to another post.');
    return toPost(items[0], visibility);
  }

  /** Asks a question or starts a discussion. */
  public async startThread(communityKey: string, draft: PostDraft, clientId = this.options.newId()): Promise<Post> {
    if (!isRootKind(draft.kind)) throw new CommunityError('invalid', 'A thread is a question or a discussion.', [{ field: 'kind', code: 'invalidKind' }]);
    return this.create(await this.community(communityKey), draft, null, clientId);
  }

  /** Answers a question (`kind: 'answer'`) or comments a post (`kind: 'comment'`). */
  public async reply(parentId: number, kind: 'answer' | 'comment', body: string, clientId = this.options.newId(), language = 'en'): Promise<Post> {
    const map = await this.communities();
    const parentItem = (await this.list(COMMUNITY_POSTS_LIST_TITLE).items.getById(parentId).select(...POST_SELECT).expand('Author')()
      .catch(e => { throw toCommunityError(e, 'Reply'); })) as StoredItem;
    const parent = toPost(parentItem, this.visibilityOf(map));
    const errors = validateReply(kind, parent);
    if (!parent || errors.length) throw new CommunityError('invalid', 'This post cannot be answered that way.', errors);
    const rootId = parent.rootId || parent.id;
    const rootStats = await this.readByIds(COMMUNITY_STATS_LIST_TITLE, S.postId, [rootId], STATS_SELECT);
    if (rootStats[0] && rootStats[0][S.closed] === true) throw new CommunityError('closed', 'This thread is closed.');
    return this.create(map.get(parent.communityKey) as Community, { kind, title: '', body, language }, { rootId, parentId }, clientId);
  }

  private async create(community: Community, draft: PostDraft, reply: { rootId: number; parentId: number } | null, clientId: string): Promise<Post> {
    const body = this.sanitize(draft.body || '');
    const errors = validatePost({ kind: draft.kind, title: draft.title, body }, mentionsOf(body));
    if (errors.length) throw new CommunityError('invalid', 'The post is not valid.', errors);
    const map = await this.communities();
    const visibility = this.visibilityOf(map);
    try {
      const id = await this.addInFolder(COMMUNITY_POSTS_LIST_TITLE, await this.folderFor(COMMUNITY_POSTS_LIST_TITLE, community), {
        Title: isRootKind(draft.kind) ? draft.title.trim() : `${draft.kind} ${reply ? reply.parentId : ''}`.trim(),
        [P.clientId]: clientId, [P.communityKey]: community.key, [P.kind]: draft.kind,
        [P.rootId]: reply ? reply.rootId : 0, [P.parentId]: reply ? reply.parentId : 0,
        [P.body]: body, [P.language]: (draft.language || 'en').slice(0, 16)
      });
      // A retried create (the same client id): the post made the first time.
      if (id === null) {
        const existing = await this.postByClientId(clientId, visibility);
        if (!existing) throw new CommunityError('conflict', 'The post could not be created.');
        return existing;
      }
      const item = (await this.list(COMMUNITY_POSTS_LIST_TITLE).items.getById(id).select(...POST_SELECT).expand('Author')()) as StoredItem;
      const post = toPost(item, visibility);
      if (!post) throw new CommunityError('unavailable', 'The post was stored where it cannot be read.');
      return post;
    } catch (e) {
      throw toCommunityError(e, 'Post');
    }
  }

  /** Edits one's own post with the ETag it was read with (412: someone changed it: `conflict`). Versions keep the history. */
  public async edit(post: Pick<Post, 'id' | 'kind' | 'etag'>, change: { title?: string; body: string }): Promise<Post> {
    const body = this.sanitize(change.body || '');
    const errors = validatePost({ kind: post.kind, title: change.title || '', body }, mentionsOf(body));
    if (errors.length) throw new CommunityError('invalid', 'The post is not valid.', errors);
    try {
      const values: Record<string, unknown> = { [P.body]: body };
      if (isRootKind(post.kind)) values.Title = (change.title || '').trim();
      await this.list(COMMUNITY_POSTS_LIST_TITLE).items.getById(post.id).update(values, post.etag || '*');
      const item = (await this.list(COMMUNITY_POSTS_LIST_TITLE).items.getById(post.id).select(...POST_SELECT).expand('Author')()) as StoredItem;
      const fresh = toPost(item, this.visibilityOf(await this.communities()));
      if (!fresh) throw new CommunityError('notFound', `Post ${post.id}`);
      return fresh;
    } catch (e) {
      throw toCommunityError(e, 'Edit');
    }
  }

  /** Deletes one's own post (with its ETag). */
  public async remove(post: Pick<Post, 'id' | 'etag'>): Promise<void> {
    try {
      await this.list(COMMUNITY_POSTS_LIST_TITLE).items.getById(post.id).delete(post.etag || '*');
    } catch (e) {
      throw toCommunityError(e, 'Delete');
    }
  }

  /** The versions of a post, newest first (SharePoint's version history). */
  public async history(postId: number): Promise<PostVersion[]> {
    try {
      const versions = (await this.list(COMMUNITY_POSTS_LIST_TITLE).items.getById(postId).versions()) as Array<Record<string, unknown>>;
      return versions.map(v => {
        const editor = (v.Editor || {}) as { Email?: string; LookupValue?: string };
        return { label: str(v.VersionLabel), title: str(v.Title), body: str(v[P.body]), modified: str(v.Created), editorUpn: normalizeUpn(editor.Email || '') };
      });
    } catch (e) {
      throw toCommunityError(e, 'History');
    }
  }

  // ---------------------------------------------------------------- votes and follows

  /** Votes a post up, once: SharePoint's unique key refuses a second vote (`alreadyVoted`). */
  public async vote(post: Pick<Post, 'id' | 'communityKey'>): Promise<VoteState> {
    return (await this.personPost(COMMUNITY_VOTES_LIST_TITLE, VOTE_FIELDS.key, voteKey(post.id, this.me), post)) ? 'voted' : 'alreadyVoted';
  }

  /** Withdraws one's vote, then asks the job to count the post again. */
  public async unvote(post: Pick<Post, 'id' | 'communityKey'>): Promise<VoteState> {
    const removed = await this.removePersonPost(COMMUNITY_VOTES_LIST_TITLE, VOTE_FIELDS.key, voteKey(post.id, this.me));
    if (removed) await this.request('recount', post.communityKey, { postId: post.id });
    return removed ? 'removed' : 'notVoted';
  }

  public async follow(post: Pick<Post, 'id' | 'communityKey'>): Promise<boolean> {
    await this.personPost(COMMUNITY_FOLLOWS_LIST_TITLE, FOLLOW_FIELDS.key, followKey(post.id, this.me), post);
    return true;
  }

  public async unfollow(post: Pick<Post, 'id'>): Promise<boolean> {
    return this.removePersonPost(COMMUNITY_FOLLOWS_LIST_TITLE, FOLLOW_FIELDS.key, followKey(post.id, this.me));
  }

  /**
   * Creates the person's item for a post under `key`; false when they already have one. A key that
   * someone else took first (a forged item under my name) is stepped around with a fallback key
   * (`key#nonce`): readers count trusted authors, not items.
   */
  private async personPost(listTitle: string, keyField: string, key: string, post: Pick<Post, 'id' | 'communityKey'>): Promise<boolean> {
    try {
      const community = await this.community(post.communityKey);
      const folder = await this.folderFor(listTitle, community);
      const values = { Title: key.slice(0, 255), [keyField]: key, PostId: post.id, CommunityKey: post.communityKey };
      if ((await this.addInFolder(listTitle, folder, values)) !== null) return true;
      const mine = await this.ownItems(listTitle, keyField, key);
      if (mine.length) return false;
      // The normal key is someone else's: read security 2 hides it from me, so it is not mine.
      const fallback = `${key}#${this.options.newId().replace(/[^a-z0-9]/gi, '').slice(0, 12).toLowerCase()}`;
      return (await this.addInFolder(listTitle, folder, { ...values, Title: fallback.slice(0, 255), [keyField]: fallback })) !== null;
    } catch (e) {
      throw toCommunityError(e, listTitle);
    }
  }

  private async ownItems(listTitle: string, keyField: string, key: string): Promise<StoredItem[]> {
    const filter = `${keyField} eq ${odataString(key)} or startswith(${keyField},${odataString(`${key}#`)})`;
    const items = (await this.list(listTitle).items.select('Id', keyField).expand('Author').select('Id', keyField, 'Author/Name', 'Author/EMail').filter(filter).top(50)()) as StoredItem[];
    return items.filter(i => authorUpnOf(i) === this.me);
  }

  private async removePersonPost(listTitle: string, keyField: string, key: string): Promise<boolean> {
    try {
      const mine = await this.ownItems(listTitle, keyField, key);
      for (const item of mine) await this.list(listTitle).items.getById(item.Id).delete();
      return mine.length > 0;
    } catch (e) {
      throw toCommunityError(e, listTitle);
    }
  }

  // ---------------------------------------------------------------- requests to the trusted job

  /**
   * Asks the trusted job to do something only it may do. Idempotent by `clientId`. The job checks
   * the request's Author (the asker or a manager...) and records `done` or `refused` with a reason.
   */
  public async request(kind: RequestKind, communityKey: string, details: { targetUpn?: string; postId?: number; payload?: unknown } = {}, clientId = this.options.newId()): Promise<CommunityRequest> {
    const values = {
      Title: `${kind} ${communityKey}`.slice(0, 255), [R.key]: clientId, [R.kind]: kind, [R.communityKey]: communityKey,
      [R.targetUpn]: details.targetUpn ? normalizeUpn(details.targetUpn) : null, [R.postId]: details.postId ?? null,
      [R.payload]: details.payload === undefined ? null : JSON.stringify(details.payload), [R.state]: 'pending'
    };
    const list = this.list(COMMUNITY_REQUESTS_LIST_TITLE);
    try {
      const item = (await list.items.add(values)) as StoredItem;
      return toRequest(item);
    } catch (e) {
      if (!isDuplicateError(e)) throw toCommunityError(e, 'Request');
      const existing = (await list.items.filter(`${R.key} eq ${odataString(clientId)}`).top(1)()) as StoredItem[];
      if (!existing[0]) throw new CommunityError('conflict', 'That request id belongs to someone else.');
      return toRequest(existing[0]);
    }
  }

  /** The signed-in person's requests (read security 2: their own only), newest first. */
  public async myRequests(communityKey: string): Promise<CommunityRequest[]> {
    const items = await this.walkAll(COMMUNITY_REQUESTS_LIST_TITLE, `${R.communityKey} eq ${odataString(communityKey)}`, ['Id', R.key, R.kind, R.communityKey, R.targetUpn, R.postId, R.state, R.reason]);
    return items.map(toRequest).reverse();
  }

  public join(communityKey: string): Promise<CommunityRequest> { return this.request('join', communityKey); }
  public leave(communityKey: string): Promise<CommunityRequest> { return this.request('leave', communityKey); }
  /** The asker or a manager accepts an answer (the job checks who asks, from the request's Author). */
  public accept(answer: Pick<Post, 'id' | 'communityKey'>): Promise<CommunityRequest> { return this.request('accept', answer.communityKey, { postId: answer.id }); }
  public moderate(kind: 'pin' | 'unpin' | 'close' | 'reopen', root: Pick<Post, 'id' | 'communityKey'>): Promise<CommunityRequest> { return this.request(kind, root.communityKey, { postId: root.id }); }
  public manageMember(kind: 'approve' | 'decline' | 'addMember' | 'removeMember' | 'addManager' | 'removeManager', communityKey: string, upn: string): Promise<CommunityRequest> {
    return this.request(kind, communityKey, { targetUpn: upn });
  }
  /** Creates or edits a community (community managers; `official` needs the communications or admin role). */
  public saveCommunity(draft: CommunityDraft, isNew: boolean): Promise<CommunityRequest> {
    const errors = validateCommunity(draft);
    if (errors.length) return Promise.reject(new CommunityError('invalid', 'The community is not valid.', errors));
    return this.request(isNew ? 'create' : 'update', draft.key, { payload: draft });
  }

  // ---------------------------------------------------------------- similar questions

  /**
   * Questions with an accepted answer that look like `text`, in every community the person may read
   * (a private community's statistics are in its folder: SharePoint trims them). The index is read
   * once (SIMILAR_READ most recently accepted, from the job-written statistics: redacted texts) and
   * each call is a lookup in memory.
   */
  public async similarQuestions(text: string, limit = 5): Promise<SimilarQuestion[]> {
    if (!this.questionIndex) {
      this.questionIndex = this.loadQuestionIndex();
      this.questionIndex.catch(() => { this.questionIndex = null; });
    }
    const { index, byId } = await this.questionIndex;
    return index.similar(text, { limit }).map(m => ({ ...(byId.get(m.id) as SimilarQuestion), score: m.score }));
  }

  private async loadQuestionIndex(): Promise<{ index: QuestionIndex; byId: Map<number, SimilarQuestion> }> {
    const byId = new Map<number, SimilarQuestion>();
    const index = createQuestionIndex();
    const q = this.list(COMMUNITY_STATS_LIST_TITLE).items
      .select('Id', 'Title', S.postId, S.communityKey, S.kind, S.isAnswered, S.questionText, S.acceptedText)
      .filter(`${S.isAnswered} eq 1`).orderBy(S.acceptedAt, false).top(PAGE_SIZE);
    for await (const page of q) {
      for (const item of page as StoredItem[]) {
        const id = num(item[S.postId]);
        const answer = str(item[S.acceptedText]);
        if (item[S.kind] !== 'question' || !answer || byId.has(id)) continue;
        const doc = { id, title: str(item.Title), body: str(item[S.questionText]), answer, communityKey: str(item[S.communityKey]) };
        index.add(doc);
        byId.set(id, { questionId: id, communityKey: doc.communityKey, title: doc.title, answer, score: 0 });
      }
      if (byId.size >= SIMILAR_READ) break;
    }
    return { index, byId };
  }
}

function toRequest(item: StoredItem): CommunityRequest {
  return {
    id: item.Id, key: str(item[R.key]), kind: str(item[R.kind]) as RequestKind, communityKey: str(item[R.communityKey]),
    targetUpn: str(item[R.targetUpn]) || null, postId: num(item[R.postId]) || null,
    state: (str(item[R.state]) || 'pending') as RequestState, reason: str(item[R.reason]) || null
  };
}

export type { PostKind };
