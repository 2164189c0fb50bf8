declare interface IFeedbackRelayWebPartStrings {
  PropertyPaneDescription: string;
}

declare module 'FeedbackRelayWebPartStrings' {
  const strings: IFeedbackRelayWebPartStrings;
  export = strings;
}
