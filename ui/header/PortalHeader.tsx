/**
 * The portal header the application customizer renders in the Top placeholder of every page:
 * the intranet's name and the signed-in user, a "Find an expert" search box (it sends the user to
 * the expert search page with `?q=`), the "Relay customer feedback" button (its panel and form are
 * loaded on demand, only when opened), and the company banners in force.
 *
 * Kept light on purpose, as it loads on every page: native controls styled with the theme, no
 * policy schema (the settings service loads it in its own chunk), no relay form until asked.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { WebService } from '../../services/web';
import type { BannerApi } from '../../services/relay/api';
import type { Banner } from '../../core/relay/model';
import { format } from '../../core/format';
import { useI18n } from '../i18n';
import { useSuiteContext } from '../SuiteRoot';
import { useLoader } from '../useLoader';
import { useFeatureState } from '../useFeatureState';
import type { RelayViewApi } from '../relay/relayApi';
import { activeBanners, dismiss, isDismissed } from './banners';

const RelayCapturePanel = React.lazy(() => import(/* webpackChunkName: 'relay-capture' */ '../relay/capture/RelayCapturePanel'));

export interface PortalHeaderProps {
  strings: IPortalHeaderStrings;
  /** Strings of the capture form shown in the panel. */
  captureStrings: IRelayCaptureStrings;
  /** UPN of the signed-in user (the relay draft is kept per user). */
  me: string;
  /** The page that hosts "Find an expert": the query is sent as `?q=`. */
  searchPageUrl: string;
  /** The page that hosts the relay web part ("See my relays" opens it with `?view=my`); optional. */
  relayPageUrl?: string;
  /** The company banners; none are shown without it. */
  bannerApi?: BannerApi;
  /** The relay API for the panel (tests pass a fake); built from the suite's context otherwise. */
  relayApi?: RelayViewApi;
  /** Follows a link (tests); `window.location.assign` by default. */
  navigate?: (url: string) => void;
}

/** The expert search page's address with the query. */
export function searchUrl(pageUrl: string, current: string, query: string): string {
  const url = new URL(pageUrl.trim() || current, current);
  url.searchParams.set('q', query);
  return url.toString();
}

/** The relay page's address showing "My relays". */
export function myRelaysUrl(pageUrl: string, current: string): string {
  const url = new URL(pageUrl, current);
  url.searchParams.set('view', 'my');
  return url.toString();
}

let instances = 0;

export const PortalHeader: React.FC<PortalHeaderProps> = ({
  strings: h, captureStrings, me, searchPageUrl, relayPageUrl, bannerApi, relayApi, navigate
}) => {
  const ctx = useSuiteContext();
  const { strings, locale } = useI18n();
  const theme = useTheme();
  const [id] = React.useState(() => `portal-header-${++instances}`);
  const service = React.useMemo(() => new WebService(ctx), [ctx]);
  const { data } = useLoader(() => service.getSiteIdentity(), [service]);
  const relayFeature = useFeatureState('feedbackRelay');
  const banners = useLoader<Banner[]>(() => (bannerApi ? activeBanners(bannerApi) : Promise.resolve([])), [bannerApi]);
  const [dismissed, setDismissed] = React.useState<string[]>([]);
  const [query, setQuery] = React.useState('');
  const [panel, setPanel] = React.useState<'closed' | 'open' | 'hidden'>('closed');
  const buttonRef = React.useRef<HTMLButtonElement>(null);

  const go = navigate || ((url: string) => window.location.assign(url));
  const french = locale.toLowerCase().startsWith('fr');
  const shown = (banners.data || []).filter(b => dismissed.indexOf(b.key || String(b.id)) < 0 && !isDismissed(b));

  const control = {
    font: 'inherit', fontSize: 14, minHeight: 32, borderRadius: 2, padding: '0 10px',
    border: `1px solid ${theme.palette.white}`,
    selectors: { ':focus-visible': { outline: `2px solid ${theme.palette.white}`, outlineOffset: 2 } }
  };
  const styles = mergeStyleSets({
    root: { fontFamily: theme.fonts.medium.fontFamily },
    bar: {
      display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap',
      padding: '8px 16px', background: theme.palette.themeDarker, color: theme.palette.white, minHeight: 40
    },
    title: { ...theme.fonts.large, fontWeight: 600, margin: 0, color: 'inherit' },
    tools: { display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' },
    user: { color: 'inherit' },
    search: { display: 'flex', gap: 4, alignItems: 'center', margin: 0 },
    input: {
      ...control, width: 200, background: theme.palette.white, color: theme.palette.neutralPrimary,
      selectors: { ...control.selectors, '::placeholder': { color: theme.palette.neutralSecondary } }
    },
    button: { ...control, cursor: 'pointer', background: 'transparent', color: theme.palette.white },
    relay: { ...control, cursor: 'pointer', background: theme.palette.white, color: theme.palette.themeDarker, fontWeight: 600 },
    hidden: {
      position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', border: 0, whiteSpace: 'nowrap'
    },
    banners: { display: 'flex', flexDirection: 'column' },
    banner: {
      display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, padding: '6px 16px',
      color: theme.semanticColors.messageText, borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`
    },
    info: { background: theme.semanticColors.infoBackground },
    warning: { background: theme.semanticColors.warningBackground },
    dismiss: {
      font: 'inherit', cursor: 'pointer', background: 'transparent', color: 'inherit', minWidth: 32, minHeight: 32,
      border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 2,
      selectors: { ':focus-visible': { outline: `2px solid ${theme.semanticColors.focusBorder}`, outlineOffset: 1 } }
    },
    loading: { color: 'inherit' }
  });

  const submitSearch = (e: React.FormEvent): void => {
    e.preventDefault();
    go(searchUrl(searchPageUrl, window.location.href, query.trim()));
  };
  const close = (): void => {
    setPanel('hidden');
    if (buttonRef.current) buttonRef.current.focus();
  };
  const relayAllowed = !!relayFeature.data && relayFeature.data.state.allowed;
  // The host already knows who is signed in (SPFx pageContext): the greeting waits for no request.
  const userName = (ctx.user && ctx.user.displayName) || (data ? data.userTitle : '');

  return (
    <div className={styles.root} data-testid="portal-header">
      <nav className={styles.bar} aria-label={strings.HeaderLandmark}>
        <span className={styles.title}>{data ? data.siteTitle : strings.HeaderSiteFallback} · {strings.SuiteName}</span>
        <div className={styles.tools}>
          <form role="search" className={styles.search} onSubmit={submitSearch} aria-label={h.SearchLabel} data-testid="portal-header-search">
            <label htmlFor={`${id}-q`} className={styles.hidden}>{h.SearchLabel}</label>
            <input
              id={`${id}-q`}
              type="search"
              className={styles.input}
              placeholder={h.SearchPlaceholder}
              value={query}
              onChange={e => setQuery(e.target.value)}
              autoComplete="off"
            />
            <button type="submit" className={styles.button}>{h.SearchButton}</button>
          </form>
          {relayAllowed && (
            <button
              type="button"
              ref={buttonRef}
              className={styles.relay}
              aria-haspopup="dialog"
              aria-expanded={panel === 'open'}
              onClick={() => setPanel('open')}
              data-testid="portal-header-relay"
            >
              {h.RelayButton}
            </button>
          )}
          {userName && <span className={styles.user} data-testid="portal-header-user">{format(strings.HeaderGreeting, userName)}</span>}
        </div>
      </nav>
      {shown.length > 0 && (
        <div className={styles.banners} role="region" aria-label={h.BannerRegion} data-testid="portal-header-banners">
          {shown.map(b => (
            <div key={b.key || b.id} className={`${styles.banner} ${b.level === 'warning' ? styles.warning : styles.info}`} data-testid="portal-header-banner">
              <p role="status" style={{ margin: 0 }}>
                <span className={styles.hidden}>{b.level === 'warning' ? h.BannerWarning : h.BannerInfo} </span>
                {french && b.messageFr ? b.messageFr : b.message}
              </p>
              <button
                type="button"
                className={styles.dismiss}
                aria-label={h.BannerDismiss}
                title={h.BannerDismiss}
                onClick={() => { dismiss(b); setDismissed(d => [...d, b.key || String(b.id)]); }}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {panel !== 'closed' && relayAllowed && (
        <React.Suspense fallback={<span role="status" className={styles.hidden}>{h.LoadingForm}</span>}>
          <RelayCapturePanel
            isOpen={panel === 'open'}
            onDismiss={close}
            strings={captureStrings}
            closeLabel={h.RelayPanelClose}
            me={me}
            api={relayApi}
            myRelaysHref={relayPageUrl ? myRelaysUrl(relayPageUrl, window.location.href) : undefined}
          />
        </React.Suspense>
      )}
    </div>
  );
};
