/** The Employee profile web part's property pane, loaded only in edit mode (loadPropertyPaneResources). */
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneDynamicField, PropertyPaneDynamicFieldSet, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import * as strings from 'EmployeeProfileWebPartStrings';

export function propertyPane(): IPropertyPaneConfiguration {
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
