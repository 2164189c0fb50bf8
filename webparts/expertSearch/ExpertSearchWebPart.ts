import type * as React from 'react';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import * as strings from 'ExpertSearchWebPartStrings';
import { SuiteWebPartBase } from '../common/SuiteWebPartBase';
import type { SuiteContext } from '../../services/context';
import { openProfileInTeams, profileDeepLink, TeamsNavigator } from '../../ui/profile/teamsLink';
import { PersonPropertyDefinition, PersonSelectionSource, SelectedPerson } from '../../ui/profile/personSelection';

export interface IExpertSearchWebPartProps {
  /** Page holding the Employee profile web part; empty: the current page. */
  profilePageUrl: string;
  /** 'local' (default: the index is built in the browser) or 'sharepointSearch' (large tenants); see docs/expertise-ranking.md. */
  provider?: 'local' | 'sharepointSearch';
  /** 'page' (default) opens the profile page; 'connected' stays here, for a connected Employee profile web part. */
  openProfile?: 'page' | 'connected';
}

/** Where a person's profile opens: the configured profile page, or the current page, with `?person=<upn>`. */
export function profileUrl(pageUrl: string, current: string, upn: string): string {
  const url = new URL(pageUrl.trim() || current, current);
  url.searchParams.set('person', upn);
  return url.toString();
}

type View = typeof import('./view');

/** Thin shell: the chosen search provider and the shared view; publishes the selected person as dynamic data. */
export default class ExpertSearchWebPart extends SuiteWebPartBase<IExpertSearchWebPartProps, View> {
  private provider: ReturnType<View['createExpertSearch']> | undefined;
  private pane: typeof import('./propertyPane') | undefined;
  private selection = new PersonSelectionSource(id => this.context.dynamicDataSourceManager.notifyPropertyChanged(id));

  protected async onInit(): Promise<void> {
    this.context.dynamicDataSourceManager.initializeSource(this);
    await super.onInit();
  }

  protected loadView(): Promise<View> {
    return import(/* webpackChunkName: 'expert-search-view' */ './view');
  }

  protected onViewReady(view: View, suite: SuiteContext): void {
    this.provider = view.createExpertSearch(suite, this.properties.provider);
  }

  protected renderView(view: View): React.ReactElement {
    const teams = this.context.sdks.microsoftTeams;
    const stays = this.properties.openProfile === 'connected' && !teams;
    const onOpenPerson = (upn: string): void => {
      this.selection.select(upn);
      if (stays) return;
      // In Teams: the profile personal app, on that person (deep link / in-app navigation).
      if (teams) openProfileInTeams(teams.teamsJs as unknown as TeamsNavigator, upn).catch(() => window.location.assign(profileDeepLink(upn)));
      else window.location.assign(profileUrl(this.properties.profilePageUrl || '', window.location.href, upn));
    };
    return view.expertSearchElement({ provider: this.provider as NonNullable<typeof this.provider>, onOpenPerson, showsProfileInPage: stays });
  }

  /** The dynamic data source's callables (IDynamicDataCallables), passed to initializeSource. */
  public getPropertyDefinitions(): ReadonlyArray<PersonPropertyDefinition> {
    return this.selection.getPropertyDefinitions(strings.SelectedPersonTitle);
  }

  public getPropertyValue(propertyId: string): SelectedPerson | undefined {
    return this.selection.getPropertyValue(propertyId);
  }

  protected onPropertyPaneFieldChanged(propertyPath: string, oldValue: unknown, newValue: unknown): void {
    if (propertyPath === 'provider' && oldValue !== newValue && this.suite && this.view) {
      this.onViewReady(this.view, this.suite);
      this.render();
    }
  }

  protected async loadPropertyPaneResources(): Promise<void> {
    this.pane = await import(/* webpackChunkName: 'expert-search-pane' */ './propertyPane');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return this.pane ? this.pane.propertyPane(this.properties) : { pages: [] };
  }
}
