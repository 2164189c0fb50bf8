/**
 * What the "Relay customer feedback" web part shows (SharePoint page, Teams tab and personal app):
 * the capture form and "My relays", as two tabs.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Pivot, PivotItem } from '@fluentui/react/lib/Pivot';
import type { RelayViewApi } from '../relayApi';
import { RelayForm, RelayFormProps } from './RelayForm';
import { MyRelays } from '../myRelays/MyRelays';

export type RelayTab = 'relay' | 'my';

export interface RelayCaptureViewProps extends Omit<RelayFormProps, 'onShowMyRelays' | 'myRelaysHref'> {
  api: RelayViewApi;
  /** The tab shown first (the page's `?view=my` opens "My relays"). */
  initialTab?: RelayTab;
}

/** The insight an outcome mail's link names (`?insight=<id>`), or null. */
export function linkedInsightOf(search: string): number | null {
  const value = (new URLSearchParams(search).get('insight') || '').trim();
  return /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

export const RelayCaptureView: React.FC<RelayCaptureViewProps> = ({ initialTab = 'relay', ...formProps }) => {
  const theme = useTheme();
  const [linked] = React.useState(() => (typeof window !== 'undefined' ? linkedInsightOf(window.location.search) : null));
  // A link to one relay's outcome opens "My relays" on it.
  const [tab, setTab] = React.useState<RelayTab>(linked !== null ? 'my' : initialTab);
  const s = formProps.strings;
  const styles = mergeStyleSets({
    root: { padding: 16, color: theme.semanticColors.bodyText, background: theme.semanticColors.bodyBackground, fontFamily: theme.fonts.medium.fontFamily },
    body: { paddingTop: 12 }
  });
  return (
    <div className={styles.root} data-testid="relay-capture">
      <Pivot
        aria-label={s.TabsLabel}
        selectedKey={tab}
        onLinkClick={item => item && item.props.itemKey && setTab(item.props.itemKey as RelayTab)}
        overflowAriaLabel={s.TabsLabel}
      >
        <PivotItem itemKey="relay" headerText={s.TabRelay}>
          <div className={styles.body}><RelayForm {...formProps} onShowMyRelays={() => setTab('my')} /></div>
        </PivotItem>
        <PivotItem itemKey="my" headerText={s.TabMyRelays}>
          <div className={styles.body}><MyRelays api={formProps.api} strings={s} focusInsightId={linked} /></div>
        </PivotItem>
      </Pivot>
    </div>
  );
};
