/**
 * Rich text of posts, the pure part. Sanitizing HTML needs a DOM (DOMPurify, in the service layer:
 * services/community/richText.ts); what core needs is safe without one:
 * - RICH_TEXT_POLICY: the tags and attributes a post may keep (DOMPurify's allow-lists);
 * - htmlToText: the words of a post, for limits, matching, search and notifications (never for
 *   rendering: the result is text, to be escaped like any text);
 * - mentionsOf: the people a post names (`<span data-mention="upn">@Name</span>`);
 * - escapeHtml: text to HTML, the fallback when no DOM can sanitize (every tag is shown as text).
 */

export const RICH_TEXT_POLICY = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'span', 'h3', 'h4'],
  ALLOWED_ATTR: ['href', 'title', 'data-mention'],
  /** Only web and mail links (no javascript:, data: or vbscript: URLs). */
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i
} as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    const low = e.toLowerCase();
    if (low.startsWith('#x')) return String.fromCodePoint(parseInt(low.slice(2), 16) || 32);
    if (low.startsWith('#')) return String.fromCodePoint(Number(low.slice(1)) || 32);
    return ENTITIES[low] ?? m;
  });
}

const BLOCK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr)\b[^>]*>/gi;

/** The text of an HTML fragment: tags dropped (blocks become line breaks), entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return decodeEntities(
    String(html || '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(BLOCK, '\n')
      .replace(/<[^>]*>/g, '')
  ).replace(/[ \t\r\f\v]+/g, ' ').replace(/ *\n[ \n]*/g, '\n').trim();
}

/** Text as HTML: every character that HTML reads is escaped. */
export function escapeHtml(text: string): string {
  return String(text || '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] as string));
}

/** Text as a paragraph per line (the fallback of a sanitizer without a DOM). */
export const textToHtml = (text: string): string => text.split(/\n+/).filter(Boolean).map(l => `<p>${escapeHtml(l)}</p>`).join('');

const UPN = /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/;

/** The UPNs a post mentions, lowercase, each once, in order of appearance. */
export function mentionsOf(html: string): string[] {
  const out: string[] = [];
  const re = /data-mention\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(String(html || '')))) {
    const upn = decodeEntities(m[1] ?? m[2] ?? '').trim().toLowerCase();
    if (UPN.test(upn) && !out.includes(upn)) out.push(upn);
  }
  return out;
}

/** A short excerpt of a post's text, cut at a word. */
export function excerptOf(html: string, max = 200): string {
  const text = htmlToText(html).replace(/\n/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
