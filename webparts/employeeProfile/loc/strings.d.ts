declare interface IEmployeeProfileWebPartStrings {
  PropertyPaneDescription: string;
  SettingsGroupName: string;
  PersonFieldLabel: string;
  PersonFieldDescription: string;
}

declare module 'EmployeeProfileWebPartStrings' {
  const strings: IEmployeeProfileWebPartStrings;
  export = strings;
}
