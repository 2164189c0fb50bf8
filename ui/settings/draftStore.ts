/**
 * The unsaved draft of the settings form survives a page reload in sessionStorage (this tab only;
 * the policy holds no personal data). Storage may be unavailable (a sandboxed frame, a full quota):
 * then the draft simply lives as long as the page.
 */
const KEY = 'suite-settings-draft';

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' && window.sessionStorage ? window.sessionStorage : null;
  } catch {
    return null;
  }
}

/**
 * A kept draft and the ETag of the stored policy it was started from: saving it sends that ETag,
 * so a policy someone else saved in between is not silently overwritten (SharePoint answers 412).
 */
export interface KeptDraft {
  policy: unknown;
  baseEtag: string | null;
}

export function readDraft(): KeptDraft | null {
  try {
    const text = storage()?.getItem(KEY);
    const kept = text ? (JSON.parse(text) as Partial<KeptDraft>) : null;
    if (!kept || typeof kept !== 'object' || !('policy' in kept)) return null;
    return { policy: kept.policy, baseEtag: typeof kept.baseEtag === 'string' ? kept.baseEtag : null };
  } catch {
    return null;
  }
}

export function writeDraft(draft: unknown, baseEtag: string | null): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ policy: draft, baseEtag }));
  } catch {
    // Not kept across a reload; nothing else to do.
  }
}

export function clearDraft(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
