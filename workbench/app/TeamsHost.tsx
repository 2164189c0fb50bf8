/**
 * A Teams-like host: the suite's web parts that declare TeamsPersonalApp or TeamsTab, rendered
 * in Teams' default, dark or high-contrast theme, as Teams would host them.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Link } from '@fluentui/react/lib/Link';
import type { TeamsThemeName } from '../../ui/theme';
import { localized, supports, webParts } from './registry';
import teamsManifest from '../../teams/manifest.json';
import { parseTeamsDeepLink, TeamsNavigator } from '../../ui/profile/teamsLink';

/** Opens a static tab of the suite's Teams app (manifest entity id) with a sub-page id, as Teams would. */
function openStaticTab(entityId: string, subPageId: string | null | undefined): void {
  const tab = teamsManifest.staticTabs.find(t => t.entityId === entityId);
  const componentId = tab ? (/componentId=([0-9a-f-]+)/i.exec(tab.contentUrl) || [])[1] : undefined;
  const part = webParts.find(p => p.manifest.id === componentId);
  if (!part) throw new Error(`The Teams app has no static tab '${entityId}'.`);
  const next = new URLSearchParams(window.location.search);
  next.set('app', part.manifest.alias);
  next.set('kind', 'personal');
  next.delete('person');
  if (subPageId) next.set('subPageId', subPageId);
  else next.delete('subPageId');
  window.location.assign(`/teams?${next.toString()}`);
}

/**
 * TeamsJS as this host answers it, for the shells' Teams code paths: `pages.currentApp.navigateTo`
 * opens a static tab of the app with its sub-page id, and `app.openLink` follows the app's entity
 * deep links the same way ("Deep links to an application",
 * https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/build-and-test/deep-link-application).
 * The opened tab reads the person from `?subPageId=`, as a tab reads `page.subPageId` from
 * `app.getContext()` in Teams.
 */
export const workbenchTeamsJs: TeamsNavigator = {
  app: {
    openLink: async link => {
      const target = parseTeamsDeepLink(link);
      if (target && target.appId === teamsManifest.id) openStaticTab(target.entityId, target.subEntityId);
      else window.open(link, '_blank', 'noopener');
    }
  },
  pages: { currentApp: { isSupported: () => true, navigateTo: async ({ pageId, subPageId }) => openStaticTab(pageId, subPageId) } }
};

export const TeamsHost: React.FC<{ strings: IWorkbenchStrings; locale: string; themeName: TeamsThemeName }> = ({ strings, locale }) => {
  const theme = useTheme();
  const params = new URLSearchParams(window.location.search);
  const personal = webParts.filter(p => supports(p, 'TeamsPersonalApp'));
  const tabs = webParts.filter(p => supports(p, 'TeamsTab'));
  const kind = params.get('kind') === 'tab' ? 'tab' : 'personal';
  const pool = kind === 'tab' ? tabs : personal;
  const selected = pool.find(p => p.manifest.alias === params.get('app')) || personal[0] || tabs[0];
  const href = (alias: string, k: string): string => {
    const next = new URLSearchParams(window.location.search);
    next.set('app', alias);
    next.set('kind', k);
    next.delete('subPageId');
    return `/teams?${next.toString()}`;
  };
  const styles = mergeStyleSets({
    shell: { display: 'flex', minHeight: 'calc(100vh - 80px)', background: theme.semanticColors.bodyBackground, color: theme.semanticColors.bodyText },
    rail: { width: 220, padding: 12, borderRight: `1px solid ${theme.semanticColors.bodyDivider}`, background: theme.palette.neutralLighterAlt },
    railTitle: { ...theme.fonts.medium, fontWeight: 600, margin: '12px 0 4px' },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    item: { padding: '4px 0' },
    current: { fontWeight: 600 },
    stage: { flex: 1, minWidth: 0, padding: 16 },
    appTitle: { ...theme.fonts.xLarge, margin: '0 0 12px' }
  });
  const entries = (list: typeof webParts, k: 'personal' | 'tab'): JSX.Element => (
    <ul className={styles.list}>
      {list.map(p => {
        const isCurrent = selected === p && kind === k;
        return (
          <li key={`${k}-${p.manifest.id}`} className={styles.item}>
            <Link href={href(p.manifest.alias, k)} className={isCurrent ? styles.current : undefined} aria-current={isCurrent ? 'page' : undefined}>
              {localized(p.manifest.preconfiguredEntries[0].title, locale)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
  return (
    <div className={styles.shell}>
      <nav className={styles.rail} aria-label={strings.TeamsPersonalApps}>
        <h2 className={styles.railTitle}>{strings.TeamsPersonalApps}</h2>
        {entries(personal, 'personal')}
        <h2 className={styles.railTitle}>{strings.TeamsTabs}</h2>
        {entries(tabs, 'tab')}
      </nav>
      <main className={styles.stage} data-teams-kind={kind}>
        {selected
          ? <>
              <h1 className={styles.appTitle}>{localized(selected.manifest.preconfiguredEntries[0].title, locale)} · {kind === 'tab' ? strings.TeamsTab : strings.TeamsPersonalApp}</h1>
              {selected.render(params, locale)}
            </>
          : <p>{strings.TeamsNoApp}</p>}
      </main>
    </div>
  );
};
