/**
 * Strings of the "Find an expert" views (resource `ExpertSearchStrings`, files ui/expertise/search/loc/<locale>.js).
 * Placeholders are {0}, {1}, ... and are filled by `format()` from core/format.
 */
declare interface IExpertSearchStrings {
  Title: string;
  Intro: string;
  SearchLabel: string;
  SearchPlaceholder: string;
  SearchButton: string;
  FiltersLabel: string;
  FilterDepartment: string;
  FilterLocation: string;
  FilterLanguage: string;
  FilterAny: string;
  FilterCustomerFacing: string;
  ClearFilters: string;
  Building: string;
  Prompt: string;
  NoResults: string;
  NoResultsFilters: string;
  ResultsHeading: string;
  ResultsSummary: string;
  ResultsSummaryOne: string;
  PageOf: string;
  Previous: string;
  Next: string;
  PagingLabel: string;
  OpenProfile: string;
  ProfileShown: string;
  CustomerFacing: string;
  TopSkills: string;
  SkillWithLevel: string;
  WhyLabel: string;
  Level1: string;
  Level2: string;
  Level3: string;
  Level4: string;
  ReasonAnswersOnOne: string;
  ReasonAnswersOnOther: string;
  ReasonAnswersOne: string;
  ReasonAnswersOther: string;
  ReasonInsightsOnOne: string;
  ReasonInsightsOnOther: string;
  ReasonInsightsOne: string;
  ReasonInsightsOther: string;
  ReasonEndorsedOnOne: string;
  ReasonEndorsedOnOther: string;
  ReasonEndorsedOne: string;
  ReasonEndorsedOther: string;
  ReasonDeclaredOn: string;
  ReasonDeclared: string;
  ReasonTextMatch: string;
  ReasonTextEntries: string;
  FieldDisplayName: string;
  FieldJobTitle: string;
  FieldDepartment: string;
  FieldLocation: string;
  FieldAskMeAbout: string;
  FieldInterests: string;
  ListSeparator: string;
}

declare module 'ExpertSearchStrings' {
  const strings: IExpertSearchStrings;
  export = strings;
}
