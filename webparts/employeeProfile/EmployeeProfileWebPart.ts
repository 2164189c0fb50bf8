import type * as React from 'react';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import type { DynamicProperty } from '@microsoft/sp-component-base';
import type { IWebPartPropertiesMetadata } from '@microsoft/sp-webpart-base';
import { SuiteWebPartBase } from '../common/SuiteWebPartBase';
import { personFromSubPageId } from '../../ui/profile/teamsLink';
import { personToShow, SelectedPerson } from '../../ui/profile/personSelection';

export interface IEmployeeProfileWebPartProps {
  person: string;
  /** Connected in the property pane to a Find an expert web part's selected person (SPFx dynamic data). */
  selectedPerson?: DynamicProperty<SelectedPerson>;
}

type View = typeof import('./view');

/** Thin shell: the shared profile view, for the person the page, Teams, a connection or the property names. */
export default class EmployeeProfileWebPart extends SuiteWebPartBase<IEmployeeProfileWebPartProps, View> {
  private teamsPerson: string | null = null;
  private pane: typeof import('./propertyPane') | undefined;

  protected async onInit(): Promise<void> {
    const teams = this.context.sdks.microsoftTeams;
    // Opened from Find an expert in Teams (deep link or in-app navigation): the person is the sub-page id.
    const teamsPerson = teams ? teams.teamsJs.app.getContext().then(c => personFromSubPageId(c.page && c.page.subPageId)) : null;
    await super.onInit();
    this.teamsPerson = await teamsPerson;
  }

  protected loadView(): Promise<View> {
    return import(/* webpackChunkName: 'employee-profile-view' */ './view');
  }

  protected renderView(view: View): React.ReactElement {
    // SPFx calls render again when the connected source notifies a change.
    const connected = this.properties.selectedPerson ? this.properties.selectedPerson.tryGetValue() : undefined;
    const url = new URLSearchParams(window.location.search).get('person');
    return view.profileElement(personToShow({ connected, url, teams: this.teamsPerson, property: this.properties.person }));
  }

  /** Declares `selectedPerson` as a dynamic property, so SPFx builds it and `tryGetValue` always works. */
  protected get propertiesMetadata(): IWebPartPropertiesMetadata {
    return { selectedPerson: { dynamicPropertyType: 'object' } };
  }

  protected async loadPropertyPaneResources(): Promise<void> {
    this.pane = await import(/* webpackChunkName: 'employee-profile-pane' */ './propertyPane');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return this.pane ? this.pane.propertyPane() : { pages: [] };
  }
}
