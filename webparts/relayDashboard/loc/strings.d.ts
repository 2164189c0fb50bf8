declare interface IRelayDashboardWebPartStrings {
  PropertyPaneDescription: string;
  SettingsGroupName: string;
  AboutText: string;
}

declare module 'RelayDashboardWebPartStrings' {
  const strings: IRelayDashboardWebPartStrings;
  export = strings;
}
