/**
 * A local intranet home page: the application customizer's Top placeholder (the portal header)
 * above a page canvas holding every web part that SharePoint pages can host.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { FeatureSwitch } from '../../ui/useFeatureState';
import { format } from '../../core/format';
import { LocalPortalHeader, localized, supports, webParts, WorkbenchPage } from './registry';

/** Each page's title and introduction. */
const PAGE_TEXT: Record<WorkbenchPage, (s: IWorkbenchStrings) => [string, string]> = {
  home: s => [s.HomeTitle, s.HomeIntro],
  admin: s => [s.AdminTitle, s.AdminIntro],
  relay: s => [s.RelayTitle, s.RelayIntro],
  dashboard: s => [s.DashboardTitle, s.DashboardIntro],
  communities: s => [s.CommunitiesTitle, s.CommunitiesIntro]
};

export const HomePage: React.FC<{ strings: IWorkbenchStrings; locale: string; page?: WorkbenchPage }> = ({ strings, locale, page = 'home' }) => {
  const theme = useTheme();
  const params = new URLSearchParams(window.location.search);
  const styles = mergeStyleSets({
    canvas: { maxWidth: 1200, margin: '0 auto', padding: '16px 24px' },
    title: { ...theme.fonts.xxLarge, margin: '8px 0' },
    intro: { color: theme.semanticColors.bodySubtext, marginTop: 0 },
    webPart: { border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, margin: '16px 0' }
  });
  return (
    <>
      <div data-placeholder="Top"><FeatureSwitch feature="portalHeader"><LocalPortalHeader locale={locale} /></FeatureSwitch></div>
      <main className={styles.canvas}>
        <h1 className={styles.title}>{PAGE_TEXT[page](strings)[0]}</h1>
        <p className={styles.intro}>{PAGE_TEXT[page](strings)[1]}</p>
        {webParts.filter(p => p.page === page && supports(p, 'SharePointWebPart')).map(p => {
          const title = localized(p.manifest.preconfiguredEntries[0].title, locale);
          return (
            <section key={p.manifest.id} className={styles.webPart} aria-label={format(strings.WebPartRegion, title)} data-webpart={p.manifest.alias}>
              {p.render(params, locale)}
            </section>
          );
        })}
      </main>
      <div data-placeholder="Bottom" />
    </>
  );
};
