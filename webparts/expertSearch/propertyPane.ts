/** The Find an expert web part's property pane, loaded only in edit mode (loadPropertyPaneResources). */
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneDropdown, PropertyPaneLabel, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import * as strings from 'ExpertSearchWebPartStrings';

export function propertyPane(properties: { provider?: string; openProfile?: string }): IPropertyPaneConfiguration {
  return {
    pages: [{
      header: { description: strings.PropertyPaneDescription },
      groups: [{
        groupName: strings.SettingsGroupName,
        groupFields: [
          PropertyPaneTextField('profilePageUrl', { label: strings.ProfilePageFieldLabel, description: strings.ProfilePageFieldDescription }),
          PropertyPaneDropdown('provider', {
            label: strings.ProviderFieldLabel,
            // The keys of services/expertise/registry.ts; unset is 'auto', as the registry reads it.
            options: [
              { key: 'auto', text: strings.ProviderAuto },
              { key: 'prebuiltIndex', text: strings.ProviderPrebuiltIndex },
              { key: 'sharepointSearch', text: strings.ProviderSharePointSearch },
              { key: 'local', text: strings.ProviderLocal }
            ],
            selectedKey: properties.provider || 'auto'
          }),
          PropertyPaneLabel('provider', { text: strings.ProviderFieldDescription }),
          PropertyPaneDropdown('openProfile', {
            label: strings.OpenProfileFieldLabel,
            options: [{ key: 'page', text: strings.OpenProfilePage }, { key: 'connected', text: strings.OpenProfileConnected }],
            selectedKey: properties.openProfile || 'page'
          })
        ]
      }]
    }]
  };
}
