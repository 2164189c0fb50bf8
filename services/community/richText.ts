/**
 * Sanitizing posts' rich text with DOMPurify (a dependency of the suite), under the allow-lists of
 * core/community/richText.ts. DOMPurify needs a DOM: the browser's window, or one passed in (tests,
 * a job host with a DOM). Without one it cannot sanitize, and answers the input unchanged; the suite
 * then keeps only the text (every tag escaped), never the markup.
 *
 * Sanitizing on write is a convenience: anyone with Contribute can store any HTML with plain REST,
 * so views sanitize again what they render (`sanitizeRichText` on every post body shown).
 */
import createDOMPurify from 'dompurify';
import { htmlToText, RICH_TEXT_POLICY, textToHtml } from '../../core/community/richText';

export type Sanitize = (html: string) => string;

type PurifyWindow = Parameters<typeof createDOMPurify>[0];

export function createSanitizer(win?: PurifyWindow): Sanitize {
  const host = win || (typeof window !== 'undefined' ? (window as unknown as PurifyWindow) : undefined);
  const purify = host ? createDOMPurify(host) : null;
  if (!purify || !purify.isSupported) return html => textToHtml(htmlToText(html));
  // Mentions are the one data attribute kept (other data-* attributes are dropped).
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'data-mention') data.forceKeepAttr = /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(data.attrValue);
  });
  // Links open in a new tab without giving the target page a handle on ours.
  purify.addHook('afterSanitizeAttributes', node => {
    if (node.tagName === 'A' && node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return html => purify.sanitize(String(html || ''), {
    ALLOWED_TAGS: [...RICH_TEXT_POLICY.ALLOWED_TAGS],
    ALLOWED_ATTR: [...RICH_TEXT_POLICY.ALLOWED_ATTR, 'target', 'rel'],
    ALLOWED_URI_REGEXP: RICH_TEXT_POLICY.ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false
  }) as string;
}

let shared: Sanitize | null = null;
/** The page's sanitizer (the browser's window), made once. */
export function sanitizeRichText(html: string): string {
  if (!shared) shared = createSanitizer();
  return shared(html);
}
