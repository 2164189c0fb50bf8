import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneTextField } from '@microsoft/sp-property-pane';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import * as strings from 'ExpertSearchWebPartStrings';
import * as suiteStrings from 'SuiteStrings';
import * as searchStrings from 'ExpertSearchStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { FeatureGate } from '../../ui/FeatureGate';
import { ExpertSearchView } from '../../ui/expertise/search/ExpertSearchView';
import { ExpertSearchProvider, initialQueryOf, localExpertSearch } from '../../ui/expertise/search/provider';
import type { HostTheme } from '../../ui/theme';
import { sharePointHostTheme, teamsHostTheme } from '../../ui/spfxHost';

export interface IExpertSearchWebPartProps {
  /** Page holding the Employee profile web part; empty: the current page. */
  profilePageUrl: string;
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

/** Thin shell: builds the local search provider from the SPFx context and renders the shared view. */
export default class ExpertSearchWebPart extends BaseClientSideWebPart<IExpertSearchWebPartProps> {
  private suite: SuiteContext | undefined;
  private provider: ExpertSearchProvider | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.suite = await createContextFromSpfx(this.context);
    this.provider = localExpertSearch(this.suite);
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
    const onOpenPerson = (upn: string): void => {
      window.location.assign(profileUrl(this.properties.profilePageUrl || '', window.location.href, upn));
    };
    // The portal header's search box sends people here with ?q=<text>: the view starts with that query.
    const initialQuery = initialQueryOf(window.location.search);
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(FeatureGate, { feature: 'expertiseSearch' },
          React.createElement(ExpertSearchView, { provider: this.provider, strings: searchStrings, onOpenPerson, initialQuery }))),
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
        groups: [{
          groupName: strings.SettingsGroupName,
          groupFields: [PropertyPaneTextField('profilePageUrl', { label: strings.ProfilePageFieldLabel, description: strings.ProfilePageFieldDescription })]
        }]
      }]
    };
  }
}
