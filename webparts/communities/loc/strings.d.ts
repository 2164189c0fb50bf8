declare interface ICommunitiesWebPartStrings {
  PropertyPaneDescription: string;
}

declare module 'CommunitiesWebPartStrings' {
  const strings: ICommunitiesWebPartStrings;
  export = strings;
}
