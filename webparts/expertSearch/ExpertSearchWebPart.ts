import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneDropdown, PropertyPaneLabel, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import * as strings from 'ExpertSearchWebPartStrings';
import * as suiteStrings from 'SuiteStrings';
import * as searchStrings from 'ExpertSearchStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { FeatureGate } from '../../ui/FeatureGate';
import { ExpertSearchView } from '../../ui/expertise/search/ExpertSearchView';
import { createExpertSearch, ExpertSearchProvider, ExpertSearchProviderKind, initialQueryOf } from '../../ui/expertise/search/provider';
import type { HostTheme } from '../../ui/theme';
import { openProfileInTeams, profileDeepLink, TeamsNavigator } from '../../ui/profile/teamsLink';
import { PersonPropertyDefinition, PersonSelectionSource, SelectedPerson } from '../../ui/profile/personSelection';
import { sharePointHostTheme, teamsHostTheme } from '../../ui/spfxHost';

export interface IExpertSearchWebPartProps {
  /** Page holding the Employee profile web part; empty: the current page. */
  profilePageUrl: string;
  /**
   * Where the search runs: 'local' (default: the browser reads the directory and the lists once;
   * small and medium tenants) or 'sharepointSearch' (SharePoint Search finds the candidates; large
   * tenants). When to switch: docs/expertise-ranking.md.
   */
  provider?: ExpertSearchProviderKind;
  /**
   * What selecting a result does besides publishing the person as dynamic data: 'page' (default)
   * opens the profile page; 'connected' stays here, for an Employee profile web part on this page
   * connected to this one.
   */
  openProfile?: 'page' | 'connected';
}

/**
 * Where a person's profile opens: the configured profile page, or the current page, with
 * `?person=<upn>` (the Employee profile web part reads that parameter).
 */
export function profileUrl(pageUrl: string, current: string, upn: string): string {
  const url = new URL(pageUrl.trim() || current, current);
  url.searchParams.set('person', upn);
  return url.toString();
}

/** Thin shell: builds the chosen search provider from the SPFx context and renders the shared view. */
export default class ExpertSearchWebPart extends BaseClientSideWebPart<IExpertSearchWebPartProps> {
  private suite: SuiteContext | undefined;
  private provider: ExpertSearchProvider | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };
  /** The selected person, published as dynamic data ("Connect SharePoint Framework components using dynamic data"). */
  private selection = new PersonSelectionSource(id => this.context.dynamicDataSourceManager.notifyPropertyChanged(id));

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.context.dynamicDataSourceManager.initializeSource(this);
    this.suite = await createContextFromSpfx(this.context);
    this.provider = createExpertSearch(this.suite, this.properties.provider);
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
    if (!this.suite || !this.provider) return;
    const teams = this.context.sdks.microsoftTeams;
    const onOpenPerson = (upn: string): void => {
      this.selection.select(upn);
      if (this.properties.openProfile === 'connected' && !teams) return;
      // In Teams: the profile personal app, on that person (deep link / in-app navigation).
      if (teams) openProfileInTeams(teams.teamsJs as unknown as TeamsNavigator, upn).catch(() => window.location.assign(profileDeepLink(upn)));
      else window.location.assign(profileUrl(this.properties.profilePageUrl || '', window.location.href, upn));
    };
    // The portal header's search box sends people here with ?q=<text>: the view starts with that query.
    const initialQuery = initialQueryOf(window.location.search);
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(FeatureGate, { feature: 'expertiseSearch' },
          React.createElement(ExpertSearchView, { provider: this.provider, strings: searchStrings, onOpenPerson, initialQuery, showsProfileInPage: this.properties.openProfile === 'connected' && !teams }))),
      this.domElement
    );
  }

  /** The dynamic data source's callables (IDynamicDataCallables), passed to initializeSource. */
  public getPropertyDefinitions(): ReadonlyArray<PersonPropertyDefinition> {
    return this.selection.getPropertyDefinitions(strings.SelectedPersonTitle);
  }

  public getPropertyValue(propertyId: string): SelectedPerson | undefined {
    return this.selection.getPropertyValue(propertyId);
  }

  protected onPropertyPaneFieldChanged(propertyPath: string, oldValue: unknown, newValue: unknown): void {
    if (propertyPath === 'provider' && oldValue !== newValue && this.suite) {
      this.provider = createExpertSearch(this.suite, this.properties.provider);
      this.render();
    }
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
        groups: [{
          groupName: strings.SettingsGroupName,
          groupFields: [
            PropertyPaneTextField('profilePageUrl', { label: strings.ProfilePageFieldLabel, description: strings.ProfilePageFieldDescription }),
            PropertyPaneDropdown('provider', {
              label: strings.ProviderFieldLabel,
              options: [{ key: 'local', text: strings.ProviderLocal }, { key: 'sharepointSearch', text: strings.ProviderSharePointSearch }],
              selectedKey: this.properties.provider || 'local'
            }),
            PropertyPaneLabel('provider', { text: strings.ProviderFieldDescription }),
            PropertyPaneDropdown('openProfile', {
              label: strings.OpenProfileFieldLabel,
              options: [{ key: 'page', text: strings.OpenProfilePage }, { key: 'connected', text: strings.OpenProfileConnected }],
              selectedKey: this.properties.openProfile || 'page'
            })
          ]
        }]
      }]
    };
  }
}
