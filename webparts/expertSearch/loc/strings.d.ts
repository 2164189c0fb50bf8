declare interface IExpertSearchWebPartStrings {
  PropertyPaneDescription: string;
  SettingsGroupName: string;
  ProfilePageFieldLabel: string;
  ProfilePageFieldDescription: string;
  ProviderFieldLabel: string;
  ProviderAuto: string;
  ProviderPrebuiltIndex: string;
  ProviderLocal: string;
  ProviderSharePointSearch: string;
  ProviderFieldDescription: string;
  SelectedPersonTitle: string;
  OpenProfileFieldLabel: string;
  OpenProfilePage: string;
  OpenProfileConnected: string;
}

declare module 'ExpertSearchWebPartStrings' {
  const strings: IExpertSearchWebPartStrings;
  export = strings;
}
