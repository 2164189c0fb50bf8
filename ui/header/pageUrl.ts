/**
 * The pages the header links to come from the extension's properties (set by an administrator in
 * Tenant Wide Extensions). Only web addresses are followed: an absolute http(s) URL or a path on
 * this host. Anything else (`javascript:`, `data:`, a protocol-relative `//host`) is ignored and the
 * default page is used, since SharePoint's content security policy and the suite never run script
 * from a link.
 */
export function safePageUrl(value: unknown): string {
  if (typeof value !== 'string') return '';
  const v = value.trim();
  if (/^https?:\/\/[^\s/]/i.test(v)) return v;
  if (v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\')) return v;
  return '';
}
