/**
 * The one place HTML from data reaches the DOM: always sanitized with DOMPurify first
 * (no scripts, no event handlers, no javascript: URLs; SharePoint's CSP forbids them anyway).
 */
import * as React from 'react';
import DOMPurify from 'dompurify';

export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style']
  });
}

/**
 * `sanitize` replaces the default DOMPurify profile with a stricter one (community posts pass
 * `sanitizeRichText`, their own allow-lists); whatever it is, it runs right before rendering.
 */
export const SafeHtml: React.FC<{ html: string; className?: string; sanitize?: (html: string) => string }> = ({ html, className, sanitize = sanitizeHtml }) => {
  const clean = React.useMemo(() => sanitize(html), [html, sanitize]);
  return <div className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
};
