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

export const SafeHtml: React.FC<{ html: string; className?: string }> = ({ html, className }) => {
  const clean = React.useMemo(() => sanitizeHtml(html), [html]);
  return <div className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
};
