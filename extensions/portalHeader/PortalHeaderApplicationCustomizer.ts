import { BaseApplicationCustomizer, PlaceholderContent, PlaceholderName } from '@microsoft/sp-application-base';
import { ThemeProvider } from '@microsoft/sp-component-base';
import type { ThemeChangedEventArgs } from '@microsoft/sp-component-base';
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';
import { safePageUrl } from '../../ui/header/pageUrl';
import type { HostTheme } from '../../ui/hostTheme';
import { sharePointHostTheme } from '../../ui/spfxHost';

/**
 * Properties, set in ClientSideInstance.xml / elements.xml (ClientSideComponentProperties) or
 * with the Tenant Wide Extensions list. Both are optional; see README.md next to this file.
 */
export interface IPortalHeaderApplicationCustomizerProperties {
  /** Page hosting the Find an expert web part; the header's search box opens it with ?q=. Default: the hub site's SitePages/Find-an-expert.aspx. */
  searchPageUrl?: string;
  /** Page hosting the Relay customer feedback web part ("See my relays" opens it with ?view=my). Default: the hub site's SitePages/Relay-customer-feedback.aspx. */
  relayPageUrl?: string;
  [key: string]: unknown;
}

/** Where the header sends searches and "My relays" when the properties leave them out: pages of the hub site. */
export function headerPages(hubSiteUrl: string, properties: IPortalHeaderApplicationCustomizerProperties): { searchPageUrl: string; relayPageUrl: string } {
  const hub = hubSiteUrl.replace(/\/+$/, '');
  return {
    searchPageUrl: safePageUrl(properties.searchPageUrl) || `${hub}/SitePages/Find-an-expert.aspx`,
    relayPageUrl: safePageUrl(properties.relayPageUrl) || `${hub}/SitePages/Relay-customer-feedback.aspx`
  };
}

type View = typeof import('./view');
type ShellRoot = typeof import('../../ui/shellRoot');

/**
 * Tenant-wide application customizer: renders the shared portal header in the Top placeholder of
 * every modern page. A thin shell: the header and the runtime are chunks shared with the web parts.
 */
export default class PortalHeaderApplicationCustomizer extends BaseApplicationCustomizer<IPortalHeaderApplicationCustomizerProperties> {
  private top: PlaceholderContent | undefined;
  private suite: SuiteContext | undefined;
  private root: ShellRoot | undefined;
  private view: View | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };
  /** One per page: the banners are asked for once, whatever the placeholder changes. */
  private bannerApi: BannerApi | undefined;

  public async onInit(): Promise<void> {
    const rootP = import(/* webpackChunkName: 'suite-shell' */ '../../ui/shellRoot');
    const [root, suite, view] = await Promise.all([
      rootP,
      rootP.then(r => r.createShellContext(this.context)),
      import(/* webpackChunkName: 'portal-header-view' */ './view')
    ]);
    this.root = root;
    this.suite = suite;
    this.view = view;
    this.bannerApi = view.createBannerApi(suite);
    const themeProvider = this.context.serviceScope.consume(ThemeProvider.serviceKey);
    this.hostTheme = sharePointHostTheme(themeProvider.tryGetTheme());
    themeProvider.themeChangedEvent.add(this, (args: ThemeChangedEventArgs) => {
      if (!args.theme) return;
      this.hostTheme = sharePointHostTheme(args.theme);
      this.renderTop();
    });
    // Placeholders come and go as the user navigates between pages without a reload.
    this.context.placeholderProvider.changedEvent.add(this, this.renderTop);
    this.renderTop();
  }

  private renderTop(): void {
    if (!this.suite || !this.root || !this.view || !this.bannerApi) return;
    if (!this.top) {
      this.top = this.context.placeholderProvider.tryCreateContent(PlaceholderName.Top, { onDispose: () => this.unmountTop() });
      if (!this.top) return;
    }
    const pages = headerPages(this.suite.siteUrl, this.properties || {});
    this.root.renderInSuite(this.top.domElement, this.suite, this.hostTheme, this.view.headerElement(this.suite, pages, this.bannerApi));
  }

  private unmountTop(): void {
    if (this.top && this.root) this.root.unmountSuite(this.top.domElement);
    this.top = undefined;
  }

  protected onDispose(): void {
    this.unmountTop();
  }
}
