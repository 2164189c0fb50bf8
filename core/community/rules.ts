/**
 * Community rules (pure): limits, validation, keys, who may accept an answer, and thread order.
 * The same functions serve the form (feedback), the service (before writing) and the trusted job
 * (on what was stored, which anyone with Contribute may have written with plain REST).
 */
import type { CommunityDraft, PostDraft, PostKind, PostStats, RequestKind, ThreadOrder, ThreadSummary } from './model';
import { POST_KINDS, REQUEST_KINDS } from './model';
import { htmlToText } from './richText';

export const COMMUNITY_LIMITS = {
  /** Question and discussion titles (a Text column of 255 in SharePoint). */
  titleMin: 8,
  titleMax: 200,
  /** Rich text as stored (HTML), and its text. Note columns have no limit of their own. */
  bodyHtmlMax: 40_000,
  bodyTextMax: 10_000,
  /** Answers and comments need some words. */
  bodyTextMin: 2,
  commentTextMax: 2_000,
  /** People one post may mention (each is notified once). */
  mentionsMax: 20,
  communityTitleMax: 120,
  communityDescriptionMax: 2_000,
  keyMax: 48
} as const;

export type PostErrorCode = 'required' | 'tooShort' | 'tooLong' | 'invalidKind' | 'tooManyMentions' | 'invalidKey' | 'invalidParent';

export interface FieldError {
  field: 'kind' | 'title' | 'body' | 'mentions' | 'key' | 'description' | 'parent';
  code: PostErrorCode;
  limit?: number;
}

export const isRootKind = (kind: PostKind): boolean => kind === 'question' || kind === 'discussion';
export const isPostKind = (v: unknown): v is PostKind => typeof v === 'string' && (POST_KINDS as readonly string[]).includes(v);
export const isRequestKind = (v: unknown): v is RequestKind => typeof v === 'string' && (REQUEST_KINDS as readonly string[]).includes(v);

const KEY = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const isCommunityKey = (key: string): boolean => key.length <= COMMUNITY_LIMITS.keyMax && KEY.test(key);

/** A key from a title: accents folded, lowercase, dashes ("Service à la clientèle" -> "service-a-la-clientele"). */
export function communityKeyOf(title: string): string {
  return title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, COMMUNITY_LIMITS.keyMax).replace(/-+$/, '');
}

/**
 * Mistakes of a post draft (`body` is the sanitized HTML the service stores; `mentions` the
 * people it names). Answers and comments have no title; a comment is short.
 */
export function validatePost(draft: Pick<PostDraft, 'kind' | 'title' | 'body'>, mentions: readonly string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  if (!isPostKind(draft.kind)) return [{ field: 'kind', code: 'invalidKind' }];
  const L = COMMUNITY_LIMITS;
  if (isRootKind(draft.kind)) {
    const title = (draft.title || '').trim();
    if (!title) errors.push({ field: 'title', code: 'required' });
    else if (title.length < L.titleMin) errors.push({ field: 'title', code: 'tooShort', limit: L.titleMin });
    else if (title.length > L.titleMax) errors.push({ field: 'title', code: 'tooLong', limit: L.titleMax });
  }
  const html = draft.body || '';
  const text = htmlToText(html);
  const textMax = draft.kind === 'comment' ? L.commentTextMax : L.bodyTextMax;
  if (draft.kind !== 'question' && draft.kind !== 'discussion' && !text) errors.push({ field: 'body', code: 'required' });
  else if (text && text.length < L.bodyTextMin) errors.push({ field: 'body', code: 'tooShort', limit: L.bodyTextMin });
  if (text.length > textMax) errors.push({ field: 'body', code: 'tooLong', limit: textMax });
  else if (html.length > L.bodyHtmlMax) errors.push({ field: 'body', code: 'tooLong', limit: L.bodyHtmlMax });
  if (mentions.length > L.mentionsMax) errors.push({ field: 'mentions', code: 'tooManyMentions', limit: L.mentionsMax });
  return errors;
}

/** A reply must fit its parent: answers go to questions, comments to any post of the same thread. */
export function validateReply(kind: PostKind, parent: { kind: PostKind; rootId: number; id: number } | null): FieldError[] {
  if (kind === 'question' || kind === 'discussion') return [];
  if (!parent) return [{ field: 'parent', code: 'invalidParent' }];
  if (kind === 'answer' && parent.kind !== 'question') return [{ field: 'parent', code: 'invalidParent' }];
  if (kind === 'comment' && parent.kind === 'comment') return [{ field: 'parent', code: 'invalidParent' }];
  return [];
}

export function validateCommunity(draft: CommunityDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCommunityKey(draft.key)) errors.push({ field: 'key', code: 'invalidKey', limit: COMMUNITY_LIMITS.keyMax });
  const title = (draft.title || '').trim();
  if (!title) errors.push({ field: 'title', code: 'required' });
  else if (title.length > COMMUNITY_LIMITS.communityTitleMax) errors.push({ field: 'title', code: 'tooLong', limit: COMMUNITY_LIMITS.communityTitleMax });
  if ((draft.description || '').length > COMMUNITY_LIMITS.communityDescriptionMax) {
    errors.push({ field: 'description', code: 'tooLong', limit: COMMUNITY_LIMITS.communityDescriptionMax });
  }
  return errors;
}

// ------------------------------------------------------------------ keys (unique columns)

const norm = (upn: string): string => upn.trim().toLowerCase();
/** One vote per person and post: SharePoint refuses a second item with the same key. */
export const voteKey = (postId: number, upn: string): string => `vote:${postId}:${norm(upn)}`;
export const followKey = (postId: number, upn: string): string => `follow:${postId}:${norm(upn)}`;
export const memberKey = (communityKey: string, upn: string): string => `member:${communityKey}:${norm(upn)}`;
/** The folder of a private community, in every list that keeps its content apart. */
export const FOLDER_PREFIX = 'community-';
export const folderNameOf = (communityKey: string): string => `${FOLDER_PREFIX}${communityKey}`;

/**
 * The person and post a vote or follow key names, or null for a key of another shape. A key with a
 * fallback suffix ('#<nonce>', when someone else took the normal key first) names the same.
 */
const PERSON_POST_KEY = /^(vote|follow):(\d+):([^#]+)(?:#[a-z0-9]+)?$/;

export function parsePersonPostKey(key: string, prefix: 'vote' | 'follow'): { postId: number; upn: string } | null {
  const m = PERSON_POST_KEY.exec(key || '');
  if (!m || m[1] !== prefix) return null;
  return { postId: Number(m[2]), upn: m[3] };
}

/**
 * Whether a stored vote counts: its Author is the voter its key names (a forged vote counts for
 * nobody), and it lies where its post does (a private community's folder: only members can write
 * there). `voterUpn` comes from the item's Author.
 */
export function voteCounts(key: string, authorUpn: string, folderOk: boolean): { postId: number; upn: string } | null {
  const parsed = parsePersonPostKey(key, 'vote');
  if (!parsed || !authorUpn || parsed.upn !== norm(authorUpn) || !folderOk) return null;
  return parsed;
}

/** Score of each post: distinct trusted voters (a person counts once whatever their items). */
export function tallyVotes(votes: Iterable<{ key: string; authorUpn: string; folderOk: boolean }>): Map<number, number> {
  const voters = new Map<number, Set<string>>();
  for (const v of votes) {
    const ok = voteCounts(v.key, v.authorUpn, v.folderOk);
    if (!ok) continue;
    let set = voters.get(ok.postId);
    if (!set) voters.set(ok.postId, (set = new Set()));
    set.add(ok.upn);
  }
  const out = new Map<number, number>();
  voters.forEach((s, id) => out.set(id, s.size));
  return out;
}

// ------------------------------------------------------------------ acceptance

/**
 * Whether `actorUpn` may accept `answer` on `question`: the question's asker or a manager of the
 * community, the answer an answer of that question, in the same community, not closed. Every UPN
 * comes from SharePoint's Author of the items, never from a field.
 */
export function mayAccept(input: {
  actorUpn: string;
  question: { id: number; kind: PostKind; authorUpn: string; communityKey: string };
  answer: { kind: PostKind; rootId: number; parentId: number; communityKey: string };
  managers: ReadonlySet<string>;
  closed?: boolean;
}): boolean {
  const actor = norm(input.actorUpn);
  const { question, answer } = input;
  if (!actor || question.kind !== 'question' || answer.kind !== 'answer') return false;
  if (answer.rootId !== question.id || answer.parentId !== question.id || answer.communityKey !== question.communityKey) return false;
  if (input.closed) return false;
  return actor === norm(question.authorUpn) || input.managers.has(actor);
}

// ------------------------------------------------------------------ order

/** Pinned first, then the order asked for; ties by id (newest first), so every reader agrees. */
export function compareThreads(order: ThreadOrder): (a: ThreadSummary, b: ThreadSummary) => number {
  return (a, b) => {
    if (a.stats.pinned !== b.stats.pinned) return a.stats.pinned ? -1 : 1;
    if (order === 'mostVoted' && a.stats.score !== b.stats.score) return b.stats.score - a.stats.score;
    return b.post.id - a.post.id;
  };
}

/** Answers of a question: the accepted one first, then by score, then oldest first. */
export function compareAnswers(acceptedId: number | null): (a: { id: number; score: number }, b: { id: number; score: number }) => number {
  return (a, b) => {
    if (acceptedId !== null && (a.id === acceptedId) !== (b.id === acceptedId)) return a.id === acceptedId ? -1 : 1;
    if (a.score !== b.score) return b.score - a.score;
    return a.id - b.id;
  };
}

/** Whether a thread is unanswered: a question with no answer and none accepted. */
export const isUnanswered = (kind: PostKind, stats: Pick<PostStats, 'answerCount' | 'acceptedAnswerId'>): boolean =>
  kind === 'question' && stats.answerCount === 0 && stats.acceptedAnswerId === null;
