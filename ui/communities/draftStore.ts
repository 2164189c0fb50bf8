/**
 * Drafts of posts kept in the browser's local storage (per site, person, community and kind of
 * post), with the client id of the first attempt: a failed post, a reload or a closed tab loses
 * nothing, and a retry sends the same id, so the service answers the post it may already have
 * stored. A draft is cleared only once the service confirmed the post.
 */
export interface PostDraftState {
  title: string;
  body: string;
  clientId: string | null;
}

const PREFIX = 'social-intranet:community-draft:';

export function postDraftKey(siteUrl: string, me: string, scope: string): string {
  return `${PREFIX}${siteUrl.replace(/\/+$/, '').toLowerCase()}|${me.toLowerCase()}|${scope}`;
}

/** The browser's local storage, or null where it is unavailable (private mode, blocked storage). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

export function loadPostDraft(storage: Storage | null, key: string): PostDraftState | null {
  if (!storage) return null;
  try {
    const parsed = JSON.parse(storage.getItem(key) || 'null') as Partial<PostDraftState> | null;
    if (!parsed || typeof parsed !== 'object') return null;
    return {
      title: typeof parsed.title === 'string' ? parsed.title : '',
      body: typeof parsed.body === 'string' ? parsed.body : '',
      clientId: typeof parsed.clientId === 'string' ? parsed.clientId : null
    };
  } catch {
    return null;
  }
}

export function savePostDraft(storage: Storage | null, key: string, draft: PostDraftState): void {
  if (!storage) return;
  try {
    if (!draft.title.trim() && !draft.body.trim() && !draft.clientId) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form keeps working, the draft is simply not kept.
  }
}

export function clearPostDraft(storage: Storage | null, key: string): void {
  if (!storage) return;
  try {
    storage.removeItem(key);
  } catch {
    // nothing to do
  }
}
