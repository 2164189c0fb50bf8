/**
 * Community items ⇄ models, and the trust rules every reader applies to what it reads
 * (docs/communities-data.md, "What readers believe"):
 * - identity from the item's Author (services/sp/identity.ts), never from a column;
 * - a private community's post counts only inside that community's folder (only its members can
 *   write there), a public one's only outside every community folder;
 * - numbers only from the job-written statistics list.
 */
import type { Community, MemberRole, Post, PostKind, PostStats, Visibility } from '../../core/community/model';
import { EMPTY_STATS } from '../../core/community/model';
import { FOLDER_PREFIX, folderNameOf, isPostKind } from '../../core/community/rules';
import { EtagCarrier, etagOf } from '../sp/etag';
import { AUTHOR_SELECT, authorUpnOf, PersonValue } from '../sp/identity';
import { toSuiteError } from '../errors';
import { COMMUNITY_FIELDS as C, MEMBER_FIELDS as M, POST_FIELDS as P, STATS_FIELDS as S } from '../provisioning/communityLists';

export type StoredItem = Record<string, unknown> & { Id: number; Author?: PersonValue & { Title?: string | null } };

export const PAGE_SIZE = 500;
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export const COMMUNITY_SELECT = ['Id', 'Title', C.key, C.description, C.visibility, C.official, C.memberCount, C.lastActivity, C.managersJson, C.groupId];
export const POST_SELECT = ['Id', 'Title', P.clientId, P.communityKey, P.kind, P.rootId, P.parentId, P.body, P.language, 'Created', 'Modified',
  'FileDirRef', 'FileSystemObjectType', 'OData__UIVersionString', ...AUTHOR_SELECT, 'Author/Title'];
export const STATS_SELECT = ['Id', S.postId, S.communityKey, S.kind, S.rootId, S.score, S.answerCount, S.isAnswered, S.acceptedAnswerId,
  S.acceptedAuthorUpn, S.acceptedByUpn, S.acceptedAt, S.pinned, S.closed, S.lastActivity, 'FileDirRef'];

export function toCommunity(item: StoredItem): Community | null {
  const key = str(item[C.key]);
  if (!key) return null;
  let managers: Community['managers'] = [];
  try {
    const parsed = JSON.parse(str(item[C.managersJson]) || '[]') as unknown;
    if (Array.isArray(parsed)) managers = parsed.filter(m => m && typeof m.upn === 'string').map(m => ({ upn: String(m.upn), name: String(m.name || m.upn) }));
  } catch {
    managers = [];
  }
  return {
    id: item.Id, key, title: str(item.Title), description: str(item[C.description]),
    visibility: (item[C.visibility] === 'private' ? 'private' : 'public') as Visibility,
    official: item[C.official] === true, memberCount: num(item[C.memberCount]),
    managers, lastActivity: str(item[C.lastActivity]) || null
  };
}

/** The folder name a post lies in ('' for the root folder): the last segment of FileDirRef. */
export function folderOf(item: StoredItem): string {
  const dir = str(item.FileDirRef);
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  return last.toLowerCase().startsWith(FOLDER_PREFIX) ? last.toLowerCase() : '';
}

/** Whether an item lies where its community's items must: its folder (private) or no community folder (public). */
export function placedRight(item: StoredItem, visibility: Visibility | undefined, communityKey: string): boolean {
  if (visibility === undefined) return false;
  const folder = folderOf(item);
  return visibility === 'private' ? folder === folderNameOf(communityKey) : folder === '';
}

/** A post as readers may believe it, or null (a folder, a forged placement, an unknown kind). */
export function toPost(item: StoredItem, visibilityOf: (key: string) => Visibility | undefined): Post | null {
  if (num(item.FileSystemObjectType) === 1) return null;
  const kind = item[P.kind];
  const communityKey = str(item[P.communityKey]);
  if (!isPostKind(kind) || !communityKey) return null;
  if (!placedRight(item, visibilityOf(communityKey), communityKey)) return null;
  const author = authorUpnOf(item);
  if (!author) return null;
  const version = str(item.OData__UIVersionString);
  return {
    id: item.Id, kind: kind as PostKind, communityKey,
    rootId: num(item[P.rootId]), parentId: num(item[P.parentId]),
    title: str(item.Title), body: str(item[P.body]), language: str(item[P.language]) || 'en',
    author: { upn: author, name: str(item.Author && item.Author.Title) || author },
    created: str(item.Created), modified: str(item.Modified),
    edited: !!version && version !== '1.0', etag: etagOf(item as EtagCarrier)
  };
}

export function toStats(item: StoredItem | undefined, postId: number): PostStats {
  if (!item) return EMPTY_STATS(postId);
  const accepted = num(item[S.acceptedAnswerId]);
  return {
    postId, score: num(item[S.score]), answerCount: num(item[S.answerCount]),
    acceptedAnswerId: accepted > 0 ? accepted : null, acceptedAt: str(item[S.acceptedAt]) || null,
    pinned: item[S.pinned] === true, closed: item[S.closed] === true, lastActivity: str(item[S.lastActivity]) || null
  };
}

export const toRole = (v: unknown): MemberRole | null => (v === 'member' || v === 'manager' || v === 'pending' ? v : null);
export const MEMBER_SELECT = ['Id', M.key, M.communityKey, M.upn, M.role, 'Title'];

// ------------------------------------------------------------------ errors

export type CommunityErrorCode = 'invalid' | 'forbidden' | 'notFound' | 'conflict' | 'notMember' | 'closed' | 'unavailable';

export class CommunityError extends Error {
  public constructor(public readonly code: CommunityErrorCode, message: string, public readonly fields: ReadonlyArray<{ field: string; code: string; limit?: number }> = []) {
    super(message);
    this.name = 'CommunityError';
  }
}

export function toCommunityError(e: unknown, what: string): CommunityError {
  if (e instanceof CommunityError) return e;
  const s = toSuiteError(e);
  const code: CommunityErrorCode = s.kind === 'forbidden' ? 'forbidden' : s.kind === 'notFound' ? 'notFound' : s.kind === 'conflict' ? 'conflict' : 'unavailable';
  return new CommunityError(code, `${what}: ${code}${s.status ? ` (HTTP ${s.status})` : ''}`);
}

/** `Id eq a or Id eq b ...` over an indexed column, in chunks a URL can hold. */
export function anyOf(column: string, ids: readonly number[], chunk = 40): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += chunk) out.push(ids.slice(i, i + chunk).map(id => `${column} eq ${id}`).join(' or '));
  return out;
}
