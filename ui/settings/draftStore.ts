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

export function readDraft(): unknown {
  try {
    const text = storage()?.getItem(KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function writeDraft(draft: unknown): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(draft));
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
