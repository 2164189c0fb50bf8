/**
 * The suite's shared strings (resource `SuiteStrings`, files ui/loc/<locale>.js).
 * Placeholders are {0}, {1}, ... and are filled by `format()` from core/format.
 */
declare interface ISuiteStrings {
  SuiteName: string;
  Loading: string;
  Retry: string;
  ErrorGeneric: string;
  ErrorThrottled: string;
  ErrorOffline: string;
  ErrorForbidden: string;
  ErrorNotFound: string;
  FeatureTurnedOff: string;
  FeatureNotForYou: string;
  SettingsNoticeLastKnownGood: string;
  SettingsNoticeDefaults: string;
  SettingsNoticeStoredInvalid: string;
  SettingsNoticeNotProvisioned: string;

  HeaderLandmark: string;
  HeaderGreeting: string;
  HeaderSiteFallback: string;

  ProfileTitle: string;
  ProfileNotFound: string;
  ProfilePhotoAlt: string;
  ProfileNoPhoto: string;
  ProfileJobTitle: string;
  ProfileDepartment: string;
  ProfileOffice: string;
  ProfileLanguage: string;
  ProfileContact: string;
  ProfileEmail: string;
  ProfilePhone: string;
  ProfileMobile: string;
  ProfileChatInTeams: string;
  ProfileChatInTeamsLabel: string;
  ProfileManager: string;
  ProfileNoManager: string;
  ProfileDirectReports: string;
  ProfileNoDirectReports: string;
  ProfileOpenProfile: string;
  ProfileGuest: string;
  ProfileDisabled: string;
}

declare module 'SuiteStrings' {
  const strings: ISuiteStrings;
  export = strings;
}
