/** The classes the settings view and its parts share, from the theme in force. */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';

export type SettingsClass = 'root' | 'h2' | 'h3' | 'sub' | 'bar' | 'actions' | 'summary' | 'summaryTitle' | 'list' | 'change' | 'changeKind'
  | 'table' | 'cell' | 'badge' | 'invalid' | 'detail';

export function useSettingsStyles(): Record<SettingsClass, string> {
  const theme = useTheme();
  return React.useMemo(() => mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, background: theme.semanticColors.bodyBackground, padding: 16, fontFamily: theme.fonts.medium.fontFamily },
    h2: { ...theme.fonts.xLarge, fontWeight: 600, margin: '0 0 4px' },
    h3: { ...theme.fonts.large, fontWeight: 600, margin: '24px 0 8px' },
    sub: { color: theme.semanticColors.bodySubtext, margin: '4px 0 12px' },
    bar: { margin: '8px 0' },
    actions: { display: 'flex', flexWrap: 'wrap', gap: 8, margin: '12px 0', alignItems: 'center' },
    summary: {
      border: `2px solid ${theme.semanticColors.errorText}`,
      borderRadius: 4,
      padding: '8px 12px',
      margin: '12px 0',
      background: theme.semanticColors.bodyBackground,
      selectors: { ':focus': { outline: `2px solid ${theme.semanticColors.focusBorder}` } }
    },
    summaryTitle: { fontWeight: 600, margin: '0 0 4px', color: theme.semanticColors.errorText },
    list: { margin: 0, paddingLeft: 20 },
    change: { margin: '4px 0' },
    changeKind: { fontWeight: 600 },
    table: { borderCollapse: 'collapse', width: '100%' },
    cell: { textAlign: 'left', padding: '6px 8px', borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`, verticalAlign: 'middle' },
    badge: { padding: '0 6px', border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, fontSize: 12 },
    invalid: { color: theme.semanticColors.errorText },
    detail: { display: 'block', color: theme.semanticColors.bodySubtext, fontSize: 12 }
  }), [theme]);
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}
