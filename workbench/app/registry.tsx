/**
 * The suite's components as the workbench hosts them: each web part's manifest (for its title and
 * supported hosts) and the shared view its SPFx shell renders. Adding a web part = one entry here.
 */
import * as React from 'react';
import { ProfileView } from '../../ui/profile/ProfileView';
import { FeatureGate } from '../../ui/FeatureGate';
import { SettingsView } from '../../ui/settings/SettingsView';
import { SettingsService } from '../../services/settings';
import { useSuiteContext } from '../../ui/SuiteRoot';
import employeeProfileManifest from '../../webparts/employeeProfile/EmployeeProfileWebPart.manifest.json';
import suiteSettingsManifest from '../../webparts/suiteSettings/SuiteSettingsWebPart.manifest.json';
import settingsEn from '../../ui/settings/loc/en-us.js';
import settingsFr from '../../ui/settings/loc/fr-fr.js';
import { ExpertSearchView } from '../../ui/expertise/search/ExpertSearchView';
import { openProfileInTeams, personFromSubPageId } from '../../ui/profile/teamsLink';
import { createPersonBus, personToShow } from '../../ui/profile/personSelection';
import { workbenchTeamsJs } from './TeamsHost';
import { createExpertSearch, initialQueryOf } from '../../ui/expertise/search/provider';
import expertSearchManifest from '../../webparts/expertSearch/ExpertSearchWebPart.manifest.json';
import expertSearchEn from '../../ui/expertise/search/loc/en-us.js';
import expertSearchFr from '../../ui/expertise/search/loc/fr-fr.js';
import { RelayCaptureView } from '../../ui/relay/capture/RelayCaptureView';
import { createRelayApi } from '../../ui/relay/relayApi';
import { PortalHeader } from '../../ui/header/PortalHeader';
import { createBannerApi } from '../../ui/header/bannerApi';
import feedbackRelayManifest from '../../webparts/feedbackRelay/FeedbackRelayWebPart.manifest.json';
import relayCaptureEn from '../../ui/relay/capture/loc/en-us.js';
import relayCaptureFr from '../../ui/relay/capture/loc/fr-fr.js';
import headerEn from '../../ui/header/loc/en-us.js';
import headerFr from '../../ui/header/loc/fr-fr.js';
import { DashboardView } from '../../ui/relay/dashboard/DashboardView';
import { createDashboardApi } from '../../ui/relay/dashboardApi';
import relayDashboardManifest from '../../webparts/relayDashboard/RelayDashboardWebPart.manifest.json';
import relayDashboardEn from '../../ui/relay/dashboard/loc/en-us.js';
import relayDashboardFr from '../../ui/relay/dashboard/loc/fr-fr.js';
import { CommunitiesView } from '../../ui/communities/CommunitiesView';
import { createCommunitiesApi } from '../../ui/communities/communitiesApi';
import communitiesManifest from '../../webparts/communities/CommunitiesWebPart.manifest.json';
import communitiesEn from '../../ui/communities/loc/en-us.js';
import communitiesFr from '../../ui/communities/loc/fr-fr.js';
import { readCookie } from './local';

export type SupportedHost = 'SharePointWebPart' | 'TeamsTab' | 'TeamsPersonalApp' | 'SharePointFullPage' | 'TeamsMeetingApp';

interface Localized { default: string; [locale: string]: string }

export interface ManifestLike {
  id: string;
  alias: string;
  supportedHosts?: string[];
  preconfiguredEntries: Array<{ title: Localized; description: Localized }>;
}

export type WorkbenchPage = 'home' | 'admin' | 'relay' | 'dashboard' | 'communities';

export interface WorkbenchWebPart {
  manifest: ManifestLike;
  /** The workbench page that hosts it on SharePoint: the home page, the administration, relay, dashboard or communities page. */
  page: WorkbenchPage;
  /** Renders the web part's view; `params` are the page's query parameters (SPFx web parts read them too). */
  render: (params: URLSearchParams, locale: string) => React.ReactElement;
}

/** What the Suite settings web part shell renders: the settings view over the settings service. */
const SuiteSettings: React.FC<{ locale: string }> = ({ locale }) => {
  const ctx = useSuiteContext();
  const api = React.useMemo(() => new SettingsService(ctx), [ctx]);
  const strings = (locale === 'fr-FR' ? settingsFr : settingsEn) as ISuiteSettingsStrings;
  return <SettingsView api={api} strings={strings} />;
};

/**
 * The workbench's stand-in for SPFx dynamic data between the two web parts of the home page: Find
 * an expert publishes the selected person (its shell: a dynamic data source), the Employee profile
 * shows it (its shell: a connected DynamicProperty). See ui/profile/personSelection.ts.
 */
const homePageSelection = createPersonBus();

/** What the Employee profile shell renders: the connected selection when there is one, else `fallback`. */
const ConnectedProfile: React.FC<{ fallback: string | null }> = ({ fallback }) => {
  const [selection, setSelection] = React.useState<{ upn: string; n: number } | null>(null);
  React.useEffect(() => homePageSelection.subscribe(p => setSelection(prev => ({ upn: p.upn, n: prev ? prev.n + 1 : 1 }))), []);
  const person = personToShow({ connected: selection, url: fallback });
  return <ProfileView key={selection ? selection.n : 0} person={person} />;
};

/**
 * What the Find an expert web part shell renders. A result opens the person's profile as the shell
 * does: the page with `?person=<upn>` on the home page; in the Teams host, the profile personal app
 * through TeamsJS navigation with the person as sub-page id (TeamsHost.tsx emulates it).
 */
const ExpertSearch: React.FC<{ locale: string; initialQuery?: string; provider?: string | null }> = ({ locale, initialQuery, provider: kind }) => {
  const ctx = useSuiteContext();
  // The web part's `provider` property; here `?provider=sharepointSearch` tries the local tenant's search.
  // The prebuilt index is parsed and searched in the workbench's worker script (same origin, as SharePoint pages need).
  const provider = React.useMemo(() => createExpertSearch(ctx, kind, { prebuilt: { workerUrl: '/_workbench/expertise-worker.js' } }), [ctx, kind]);
  const strings = (locale === 'fr-FR' ? expertSearchFr : expertSearchEn) as IExpertSearchStrings;
  const open = (upn: string): void => {
    // In the Teams host, as the shell does in Teams: TeamsJS navigation to the profile personal app.
    if (window.location.pathname.startsWith('/teams')) openProfileInTeams(workbenchTeamsJs, upn).catch(() => undefined);
    else {
      // The home page's Employee profile is "connected" to this web part (dynamic data, emulated by
      // an in-page bus): it shows the person without navigating; the address keeps ?person= for a reload.
      window.history.pushState(null, '', `/?person=${encodeURIComponent(upn)}`);
      homePageSelection.publish(upn);
    }
  };
  return <FeatureGate feature="expertiseSearch"><ExpertSearchView provider={provider} strings={strings} onOpenPerson={open} initialQuery={initialQuery} showsProfileInPage={!window.location.pathname.startsWith('/teams')} /></FeatureGate>;
};

/** What the Relay customer feedback web part shell renders: the capture view for the signed-in user (`?view=my`: My relays). */
const FeedbackRelay: React.FC<{ locale: string; view: string | null }> = ({ locale, view }) => {
  const ctx = useSuiteContext();
  const me = readCookie('local-user') || '';
  const api = React.useMemo(() => createRelayApi(ctx, me), [ctx, me]);
  const strings = (locale === 'fr-FR' ? relayCaptureFr : relayCaptureEn) as IRelayCaptureStrings;
  return <FeatureGate feature="feedbackRelay"><RelayCaptureView api={api} strings={strings} initialTab={view === 'my' ? 'my' : 'relay'} /></FeatureGate>;
};

/** What the Customer insights dashboard web part shell renders: the dashboard for the signed-in user. */
const RelayDashboard: React.FC<{ locale: string }> = ({ locale }) => {
  const ctx = useSuiteContext();
  const me = readCookie('local-user') || '';
  const api = React.useMemo(() => createDashboardApi(ctx, me), [ctx, me]);
  const strings = (locale === 'fr-FR' ? relayDashboardFr : relayDashboardEn) as IRelayDashboardStrings;
  return <FeatureGate feature="feedbackRelay"><DashboardView api={api} strings={strings} /></FeatureGate>;
};

/** What the Communities web part shell renders: the directory, a community or a thread for the signed-in user. */
const Communities: React.FC<{ locale: string }> = ({ locale }) => {
  const ctx = useSuiteContext();
  const me = readCookie('local-user') || '';
  const api = React.useMemo(() => createCommunitiesApi(ctx, me), [ctx, me]);
  const strings = (locale === 'fr-FR' ? communitiesFr : communitiesEn) as ICommunitiesStrings;
  return <FeatureGate feature="communities"><CommunitiesView api={api} strings={strings} /></FeatureGate>;
};

/**
 * The portal header as the application customizer renders it, with the workbench's pages: the
 * search box goes to the home page (Find an expert) and "My relays" to the relay page.
 */
export const LocalPortalHeader: React.FC<{ locale: string }> = ({ locale }) => {
  const ctx = useSuiteContext();
  const bannerApi = React.useMemo(() => createBannerApi(ctx), [ctx]);
  const french = locale === 'fr-FR';
  return (
    <PortalHeader
      strings={(french ? headerFr : headerEn) as IPortalHeaderStrings}
      captureStrings={(french ? relayCaptureFr : relayCaptureEn) as IRelayCaptureStrings}
      me={readCookie('local-user') || ''}
      searchPageUrl="/"
      relayPageUrl="/relay"
      bannerApi={bannerApi}
    />
  );
};

export const webParts: WorkbenchWebPart[] = [
  {
    manifest: employeeProfileManifest as ManifestLike,
    page: 'home',
    render: params => <FeatureGate feature="profiles"><ConnectedProfile fallback={params.get('person') || personFromSubPageId(params.get('subPageId'))} /></FeatureGate>
  },
  {
    manifest: expertSearchManifest as ManifestLike,
    page: 'home',
    render: (params, locale) => <ExpertSearch locale={locale} initialQuery={initialQueryOf(params)} provider={params.get('provider')} />
  },
  {
    manifest: feedbackRelayManifest as ManifestLike,
    page: 'relay',
    render: (params, locale) => <FeedbackRelay locale={locale} view={params.get('view')} />
  },
  {
    manifest: relayDashboardManifest as ManifestLike,
    page: 'dashboard',
    render: (_params, locale) => <RelayDashboard locale={locale} />
  },
  {
    manifest: communitiesManifest as ManifestLike,
    page: 'communities',
    render: (_params, locale) => <Communities locale={locale} />
  },
  {
    manifest: suiteSettingsManifest as ManifestLike,
    page: 'admin',
    render: (_params, locale) => <SuiteSettings locale={locale} />
  }
];

export function localized(value: Localized, locale: string): string {
  return value[locale] || value[locale.split('-')[0]] || value.default;
}

export function supports(part: WorkbenchWebPart, host: SupportedHost): boolean {
  return (part.manifest.supportedHosts || ['SharePointWebPart']).indexOf(host) >= 0;
}
