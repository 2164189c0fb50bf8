/** Small pieces the Communities views share: rich text, dates, badges, error texts, the live region. */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import type { FieldError } from '../../core/community/rules';
import { plural } from '../../core/plural';
import { sanitizeRichText } from '../../services/community/richText';
import { CommunityError } from '../../services/community/items';
import { SafeHtml } from '../SafeHtml';

/**
 * A post's body: what was stored is never trusted (anyone can write any HTML with plain REST), so
 * it is sanitized again here, under the community allow-lists (`sanitizeRichText`), right before
 * it reaches the DOM.
 */
export const RichText: React.FC<{ html: string; className?: string }> = ({ html, className }) => (
  <SafeHtml html={html} className={className} sanitize={sanitizeRichText} />
);

export function formatDate(locale: string, iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
}

export function useCommunityStyles(): Record<'root' | 'meta' | 'badge' | 'list' | 'item' | 'row' | 'h2' | 'h3' | 'body' | 'section' | 'pending', string> {
  const theme = useTheme();
  return React.useMemo(() => mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, display: 'flex', flexDirection: 'column', gap: 12, padding: 16, maxWidth: 960 },
    meta: { color: theme.semanticColors.bodySubtext, margin: '2px 0' },
    badge: {
      display: 'inline-block', padding: '0 8px', marginRight: 6, borderRadius: 8, fontSize: theme.fonts.small.fontSize,
      border: `1px solid ${theme.semanticColors.bodyDivider}`, color: theme.semanticColors.bodyText
    },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    item: { padding: '12px 0', borderTop: `1px solid ${theme.semanticColors.bodyDivider}` },
    row: { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' },
    h2: { ...theme.fonts.xLarge, margin: '4px 0' },
    h3: { ...theme.fonts.large, margin: '4px 0' },
    body: { selectors: { p: { margin: '4px 0' } } },
    section: { display: 'flex', flexDirection: 'column', gap: 8 },
    pending: { color: theme.semanticColors.bodySubtext, fontStyle: 'italic' }
  }), [theme]);
}

/** A field's error in words (core/community/rules.ts codes). */
export function fieldErrorText(s: ICommunitiesStrings, locale: string, e: Pick<FieldError, 'field' | 'code' | 'limit'>): string {
  switch (e.code) {
    case 'required': return e.field === 'title' ? s.ErrorTitleRequired : s.ErrorBodyRequired;
    case 'tooShort': return plural(locale, s.ErrorTooShort, e.limit || 0);
    case 'tooLong': return plural(locale, s.ErrorTooLong, e.limit || 0);
    case 'tooManyMentions': return plural(locale, s.ErrorMentions, e.limit || 0);
    default: return s.ErrorInvalid;
  }
}

/** Why a post was not taken, in words; the draft is kept whatever happened. */
export function postErrorText(s: ICommunitiesStrings, e: unknown): string {
  const code = e instanceof CommunityError ? e.code : 'unavailable';
  switch (code) {
    case 'invalid': return s.PostErrorInvalid;
    case 'forbidden': case 'notMember': return s.PostErrorForbidden;
    case 'closed': return s.PostErrorClosed;
    case 'notFound': return s.PostErrorNotFound;
    case 'conflict': return s.ConflictError;
    default: return s.PostErrorUnavailable;
  }
}

export function actionErrorText(s: ICommunitiesStrings, e: unknown): string {
  return e instanceof CommunityError && e.code === 'conflict' ? s.ConflictError : s.ActionError;
}

/**
 * One polite live region per view: pending and accepted messages are read out by screen readers
 * and stay visible.
 */
export const LiveMessage: React.FC<{ message: string; testId?: string }> = ({ message, testId }) => (
  <div role="status" aria-live="polite" data-testid={testId || 'community-live'}>{message}</div>
);
