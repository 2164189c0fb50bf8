import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneDynamicField, PropertyPaneDynamicFieldSet, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import type { DynamicProperty, IReadonlyTheme } from '@microsoft/sp-component-base';
import type { IWebPartPropertiesMetadata } from '@microsoft/sp-webpart-base';
import * as strings from 'EmployeeProfileWebPartStrings';
import * as suiteStrings from 'SuiteStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { ProfileView } from '../../ui/profile/ProfileView';
import { FeatureGate } from '../../ui/FeatureGate';
import type { HostTheme } from '../../ui/theme';
import { sharePointHostTheme, teamsHostTheme } from '../../ui/spfxHost';
import { personFromSubPageId } from '../../ui/profile/teamsLink';
import { personToShow, SelectedPerson } from '../../ui/profile/personSelection';

export interface IEmployeeProfileWebPartProps {
  person: string;
  /** Connected in the property pane to a Find an expert web part's selected person (SPFx dynamic data). */
  selectedPerson?: DynamicProperty<SelectedPerson>;
}

/** Thin shell: builds the services from the SPFx context and renders the shared profile view. */
export default class EmployeeProfileWebPart extends BaseClientSideWebPart<IEmployeeProfileWebPartProps> {
  private suite: SuiteContext | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };
  private teamsPerson: string | null = null;

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.suite = await createContextFromSpfx(this.context);
    const teamsTheme = await teamsHostTheme(this.context, theme => {
      this.hostTheme = theme;
      this.render();
    });
    if (teamsTheme) this.hostTheme = teamsTheme;
    const teams = this.context.sdks.microsoftTeams;
    if (teams) {
      // Opened from Find an expert (deep link or in-app navigation): the person is the sub-page id.
      const teamsContext = await teams.teamsJs.app.getContext();
      this.teamsPerson = personFromSubPageId(teamsContext.page && teamsContext.page.subPageId);
    }
  }

  protected onThemeChanged(theme: IReadonlyTheme | undefined): void {
    if (!theme || this.hostTheme.kind === 'teams') return;
    this.hostTheme = sharePointHostTheme(theme);
    if (this.suite) this.render();
  }

  public render(): void {
    if (!this.suite) return;
    const fromUrl = new URLSearchParams(window.location.search).get('person');
    // SPFx calls render again when the connected source notifies a change.
    const connected = this.properties.selectedPerson ? this.properties.selectedPerson.tryGetValue() : undefined;
    const person = personToShow({ connected, url: fromUrl, teams: this.teamsPerson, property: this.properties.person });
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(FeatureGate, { feature: 'profiles' }, React.createElement(ProfileView, { person }))),
      this.domElement
    );
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  /** Declares `selectedPerson` as a dynamic property, so SPFx builds it and `tryGetValue` always works. */
  protected get propertiesMetadata(): IWebPartPropertiesMetadata {
    return { selectedPerson: { dynamicPropertyType: 'object' } };
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
            PropertyPaneTextField('person', { label: strings.PersonFieldLabel, description: strings.PersonFieldDescription }),
            PropertyPaneDynamicFieldSet({
              label: strings.ConnectionGroupLabel,
              fields: [PropertyPaneDynamicField('selectedPerson', { label: strings.SelectedPersonFieldLabel })]
            })
          ]
        }]
      }]
    };
  }
}
