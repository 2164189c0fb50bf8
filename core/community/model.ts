/**
 * Community spaces: the domain's shapes (pure). Storage and trust: docs/communities-data.md.
 *
 * A community is public (every employee reads and writes its threads) or private (only its members
 * do: SharePoint enforces it with one folder per private community, granted to the community's
 * group). A thread is a root post (a question or a discussion); answers belong to questions,
 * comments to any post. Numbers (score, answers, accepted answer, pinned, closed) are kept by the
 * trusted job, never by the post's author.
 */

export type Visibility = 'public' | 'private';
export type PostKind = 'question' | 'discussion' | 'answer' | 'comment';
export const POST_KINDS: readonly PostKind[] = ['question', 'discussion', 'answer', 'comment'];
export const ROOT_KINDS: readonly PostKind[] = ['question', 'discussion'];
export type MemberRole = 'member' | 'manager' | 'pending';

export interface Community {
  /** Stable key (lowercase letters, digits, dashes): the folder name and every post's CommunityKey. */
  key: string;
  title: string;
  description: string;
  visibility: Visibility;
  official: boolean;
  memberCount: number;
  /** Managers by UPN and display name (kept by the job from the memberships). */
  managers: Array<{ upn: string; name: string }>;
  lastActivity: string | null;
  /** The list item's id (for links). */
  id: number;
}

export interface Person {
  upn: string;
  name: string;
}

export interface Post {
  id: number;
  kind: PostKind;
  communityKey: string;
  /** The thread's root post id (0 for a root post itself). */
  rootId: number;
  /** The post answered or commented (0 for a root post). */
  parentId: number;
  title: string;
  /** Sanitized HTML (sanitize again before rendering: what was stored is never trusted). */
  body: string;
  language: string;
  /** From the item's Author, never from a column. */
  author: Person;
  created: string;
  modified: string;
  /** true when the item was changed after its creation (its versions hold the history). */
  edited: boolean;
  etag: string;
}

/** What the trusted job keeps for a post (score, answers, acceptance, moderation). */
export interface PostStats {
  postId: number;
  score: number;
  answerCount: number;
  acceptedAnswerId: number | null;
  acceptedAt: string | null;
  pinned: boolean;
  closed: boolean;
  lastActivity: string | null;
}

export const EMPTY_STATS = (postId: number): PostStats => ({
  postId, score: 0, answerCount: 0, acceptedAnswerId: null, acceptedAt: null, pinned: false, closed: false, lastActivity: null
});

/** A thread as a list shows it: the root post and its numbers. */
export interface ThreadSummary {
  post: Post;
  stats: PostStats;
}

export type ThreadOrder = 'newest' | 'unanswered' | 'mostVoted';

/**
 * What a member asks the trusted job to do. Everything that grants access, changes a count or
 * speaks for someone else goes through here; the job checks the Author of the request.
 */
export type RequestKind =
  | 'join' | 'leave' | 'approve' | 'decline' | 'addMember' | 'removeMember' | 'addManager' | 'removeManager'
  | 'accept' | 'pin' | 'unpin' | 'close' | 'reopen' | 'create' | 'update' | 'recount';
export const REQUEST_KINDS: readonly RequestKind[] = [
  'join', 'leave', 'approve', 'decline', 'addMember', 'removeMember', 'addManager', 'removeManager',
  'accept', 'pin', 'unpin', 'close', 'reopen', 'create', 'update', 'recount'
];
export type RequestState = 'pending' | 'done' | 'waiting' | 'refused';

export interface CommunityDraft {
  key: string;
  title: string;
  description: string;
  visibility: Visibility;
  official: boolean;
}

export interface PostDraft {
  kind: PostKind;
  title: string;
  /** Rich text as typed (sanitized by the service before it is stored). */
  body: string;
  language: string;
}
