declare interface IExpertSearchWebPartStrings {
  PropertyPaneDescription: string;
  SettingsGroupName: string;
  ProfilePageFieldLabel: string;
  ProfilePageFieldDescription: string;
}

declare module 'ExpertSearchWebPartStrings' {
  const strings: IExpertSearchWebPartStrings;
  export = strings;
}
