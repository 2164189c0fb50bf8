import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import * as strings from 'FeedbackRelayWebPartStrings';
import * as suiteStrings from 'SuiteStrings';
import * as captureStrings from 'RelayCaptureStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { FeatureGate } from '../../ui/FeatureGate';
import { RelayCaptureView, RelayTab } from '../../ui/relay/capture/RelayCaptureView';
import { createRelayApi, RelayViewApi } from '../../ui/relay/relayApi';
import type { HostTheme } from '../../ui/theme';
import { sharePointHostTheme, teamsHostTheme } from '../../ui/spfxHost';

export type IFeedbackRelayWebPartProps = Record<string, never>;

/** The tab the page asks for: `?view=my` opens "My relays" (the header's "See my relays" link). */
export function initialTabOf(search: string): RelayTab {
  return new URLSearchParams(search).get('view') === 'my' ? 'my' : 'relay';
}

/**
 * Thin shell (SharePoint page, Teams tab and personal app): builds the relay API for the signed-in
 * user from the SPFx context and renders the shared capture view in the host's theme.
 */
export default class FeedbackRelayWebPart extends BaseClientSideWebPart<IFeedbackRelayWebPartProps> {
  private suite: SuiteContext | undefined;
  private api: RelayViewApi | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.suite = await createContextFromSpfx(this.context);
    this.api = createRelayApi(this.suite, this.context.pageContext.user.loginName);
    const teamsTheme = await teamsHostTheme(this.context, theme => {
      this.hostTheme = theme;
      this.render();
    });
    if (teamsTheme) this.hostTheme = teamsTheme;
  }

  protected onThemeChanged(theme: IReadonlyTheme | undefined): void {
    if (!theme || this.hostTheme.kind === 'teams') return;
    this.hostTheme = sharePointHostTheme(theme);
    if (this.suite) this.render();
  }

  public render(): void {
    if (!this.suite || !this.api) return;
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(FeatureGate, { feature: 'feedbackRelay' },
          React.createElement(RelayCaptureView, { api: this.api, strings: captureStrings, initialTab: initialTabOf(window.location.search) }))),
      this.domElement
    );
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return { pages: [{ header: { description: strings.PropertyPaneDescription }, groups: [] }] };
  }
}
