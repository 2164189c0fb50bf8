import * as React from 'react';
import * as ReactDom from 'react-dom';
import { BaseApplicationCustomizer, PlaceholderContent, PlaceholderName } from '@microsoft/sp-application-base';
import { ThemeProvider } from '@microsoft/sp-component-base';
import type { ThemeChangedEventArgs } from '@microsoft/sp-component-base';
import * as suiteStrings from 'SuiteStrings';
import * as headerStrings from 'PortalHeaderStrings';
import * as captureStrings from 'RelayCaptureStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { PortalHeader } from '../../ui/header/PortalHeader';
import { createBannerApi } from '../../ui/header/bannerApi';
import { safePageUrl } from '../../ui/header/pageUrl';
import type { BannerApi } from '../../services/relay/api';
import { FeatureSwitch } from '../../ui/useFeatureState';
import type { HostTheme } from '../../ui/theme';
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

/**
 * Tenant-wide application customizer: renders the shared portal header in the Top placeholder
 * of every modern page. A thin shell; the header itself is ui/header/PortalHeader.
 */
export default class PortalHeaderApplicationCustomizer extends BaseApplicationCustomizer<IPortalHeaderApplicationCustomizerProperties> {
  private top: PlaceholderContent | undefined;
  private suite: SuiteContext | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };
  /** One per page: the banners are asked for once, whatever the placeholder changes. */
  private bannerApi: BannerApi | undefined;

  public async onInit(): Promise<void> {
    this.suite = await createContextFromSpfx(this.context);
    const themeProvider = this.context.serviceScope.consume(ThemeProvider.serviceKey);
    const theme = themeProvider.tryGetTheme();
    this.hostTheme = sharePointHostTheme(theme);
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
    if (!this.suite) return;
    if (!this.top) {
      this.top = this.context.placeholderProvider.tryCreateContent(PlaceholderName.Top, {
        onDispose: () => this.unmountTop()
      });
      if (!this.top) return;
    }
    const pages = headerPages(this.suite.siteUrl, this.properties || {});
    if (!this.bannerApi) this.bannerApi = createBannerApi(this.suite);
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(FeatureSwitch, { feature: 'portalHeader' },
          React.createElement(PortalHeader, {
            strings: headerStrings,
            captureStrings,
            me: this.context.pageContext.user.loginName,
            searchPageUrl: pages.searchPageUrl,
            relayPageUrl: pages.relayPageUrl,
            bannerApi: this.bannerApi
          }))),
      this.top.domElement
    );
  }

  private unmountTop(): void {
    if (this.top) ReactDom.unmountComponentAtNode(this.top.domElement);
    this.top = undefined;
  }

  protected onDispose(): void {
    this.unmountTop();
  }
}
