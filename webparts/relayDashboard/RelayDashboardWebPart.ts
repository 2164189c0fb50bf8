import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneLabel } from '@microsoft/sp-property-pane';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import * as strings from 'RelayDashboardWebPartStrings';
import * as suiteStrings from 'SuiteStrings';
import * as dashboardStrings from 'RelayDashboardStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { FeatureGate } from '../../ui/FeatureGate';
import { DashboardView } from '../../ui/relay/dashboard/DashboardView';
import { createDashboardApi, DashboardApi } from '../../ui/relay/dashboardApi';
import type { HostTheme } from '../../ui/theme';
import { sharePointHostTheme, teamsHostTheme } from '../../ui/spfxHost';

/** Thin shell: builds the dashboard's services from the SPFx context (SharePoint or Teams) and renders the shared view. */
export default class RelayDashboardWebPart extends BaseClientSideWebPart<Record<string, never>> {
  private suite: SuiteContext | undefined;
  private api: DashboardApi | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.suite = await createContextFromSpfx(this.context);
    const user = this.context.pageContext.user;
    this.api = createDashboardApi(this.suite, user.email || user.loginName);
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
          React.createElement(DashboardView, { api: this.api, strings: dashboardStrings }))),
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
    return {
      pages: [{
        header: { description: strings.PropertyPaneDescription },
        groups: [{ groupName: strings.SettingsGroupName, groupFields: [PropertyPaneLabel('about', { text: strings.AboutText })] }]
      }]
    };
  }
}
