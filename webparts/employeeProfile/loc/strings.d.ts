declare interface IEmployeeProfileWebPartStrings {
  PropertyPaneDescription: string;
  SettingsGroupName: string;
  PersonFieldLabel: string;
  PersonFieldDescription: string;
  ConnectionGroupLabel: string;
  SelectedPersonFieldLabel: string;
}

declare module 'EmployeeProfileWebPartStrings' {
  const strings: IEmployeeProfileWebPartStrings;
  export = strings;
}
