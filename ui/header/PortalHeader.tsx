/**
 * The portal header the application customizer renders in the Top placeholder of every page:
 * the intranet's name and the signed-in user. Later features add their entry points here.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { WebService } from '../../services/web';
import { format } from '../../core/format';
import { useStrings } from '../i18n';
import { useSuiteContext } from '../SuiteRoot';
import { useLoader } from '../useLoader';

export const PortalHeader: React.FC = () => {
  const ctx = useSuiteContext();
  const strings = useStrings();
  const theme = useTheme();
  const service = React.useMemo(() => new WebService(ctx), [ctx]);
  const { data } = useLoader(() => service.getSiteIdentity(), [service]);
  const styles = mergeStyleSets({
    bar: {
      display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap',
      padding: '8px 16px', background: theme.palette.themeDarker, color: theme.palette.white,
      fontFamily: theme.fonts.medium.fontFamily, minHeight: 40
    },
    title: { ...theme.fonts.large, fontWeight: 600, margin: 0, color: 'inherit' },
    user: { color: 'inherit' }
  });
  return (
    <nav className={styles.bar} aria-label={strings.HeaderLandmark} data-testid="portal-header">
      <span className={styles.title}>{data ? data.siteTitle : strings.HeaderSiteFallback} · {strings.SuiteName}</span>
      {data && <span className={styles.user} data-testid="portal-header-user">{format(strings.HeaderGreeting, data.userTitle)}</span>}
    </nav>
  );
};
