/**
 * People: pure helpers over directory records (no I/O).
 */

/** A person as the suite shows them, whatever the source (Graph, SharePoint, search). */
export interface Person {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  /** Graph `userType`: 'Member' or 'Guest'. */
  userType: string | null;
  accountEnabled: boolean | null;
}

/** Up to two initials, from the first and last words of a name; letters only, accents kept. */
export function initials(displayName: string): string {
  const words = displayName
    .split(/[\s\-–—.,'’()]+/)
    .map(w => w.trim())
    .filter(w => /\p{L}/u.test(w));
  if (words.length === 0) return '?';
  const first = Array.from(words[0])[0];
  if (words.length === 1) return first.toLocaleUpperCase();
  const last = Array.from(words[words.length - 1])[0];
  return (first + last).toLocaleUpperCase();
}

/**
 * Deep link that opens a 1:1 Teams chat, as documented in "Deep link to start a chat"
 * (learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams):
 * https://teams.microsoft.com/l/chat/0/0?users=<user1>,<user2>
 * Returns null for an identifier that is not an address (nothing to link to).
 */
export function teamsChatLink(userPrincipalName: string | null | undefined): string | null {
  if (!userPrincipalName || !/^[^\s@,]+@[^\s@,]+$/.test(userPrincipalName)) return null;
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(userPrincipalName)}`;
}

/** A `tel:` link for a phone number as typed in the directory, or null when it has no digits. */
export function telLink(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  const plus = trimmed.startsWith('+') ? '+' : '';
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 3 ? `tel:${plus}${digits}` : null;
}

/** The name of a language (BCP 47 tag such as 'fr-CA') in the viewer's locale, or the tag itself. */
export function languageName(tag: string | null | undefined, viewerLocale: string): string | null {
  if (!tag) return null;
  try {
    const names = new Intl.DisplayNames([viewerLocale], { type: 'language' });
    return names.of(tag) || tag;
  } catch {
    return tag;
  }
}

/** True when a person should be shown to colleagues as a regular, active member. */
export function isActiveMember(p: Pick<Person, 'userType' | 'accountEnabled'>): boolean {
  return p.accountEnabled !== false && (p.userType || 'Member') === 'Member';
}
