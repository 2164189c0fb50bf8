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
  ProfileManagerChain: string;
  ProfileDirectReports: string;
  ProfileNoDirectReports: string;
  ProfileOpenProfile: string;
  ProfileGuest: string;
  ProfileDisabled: string;

  ExpertiseTitle: string;
  ExpertiseLoading: string;
  ExpertiseNoRecord: string;
  ExpertiseNoRecordOwn: string;
  ExpertiseSkills: string;
  ExpertiseNoSkills: string;
  ExpertiseLevel1: string;
  ExpertiseLevel2: string;
  ExpertiseLevel3: string;
  ExpertiseLevel4: string;
  ExpertiseLevelLabel: string;
  ExpertiseEndorsementsOne: string;
  ExpertiseEndorsementsOther: string;
  ExpertiseAcceptedAnswersOne: string;
  ExpertiseAcceptedAnswersOther: string;
  ExpertiseResolvedInsightsOne: string;
  ExpertiseResolvedInsightsOther: string;
  ExpertiseEndorsedByYou: string;
  ExpertiseEndorse: string;
  ExpertiseEndorseLabel: string;
  ExpertiseWithdraw: string;
  ExpertiseWithdrawLabel: string;
  ExpertiseEvidenceLabel: string;
  ExpertiseAskMeAbout: string;
  ExpertiseInterests: string;
  ExpertiseLanguages: string;
  ExpertiseCustomerFacing: string;
  ExpertiseYes: string;
  ExpertiseNo: string;
  ExpertiseNone: string;
  ExpertiseEdit: string;
  ExpertiseEditTitle: string;
  ExpertiseAddSkill: string;
  ExpertiseAddSkillHint: string;
  ExpertiseAddSkillButton: string;
  ExpertiseRemoveSkill: string;
  ExpertiseSkillLevel: string;
  ExpertiseFreeSkill: string;
  /** Secondary text of a synonym suggestion: the skill it is filed under. */
  ExpertiseSuggestionOf: string;
  /** The option that adds the typed text as a free entry. */
  ExpertiseFreeOption: string;
  ExpertiseFreeOptionHint: string;
  ExpertiseAskMeAboutHint: string;
  ExpertiseInterestsHint: string;
  ExpertiseLanguagesHint: string;
  ExpertiseCustomerFacingLabel: string;
  ExpertiseSave: string;
  ExpertiseCancel: string;
  ExpertiseSaving: string;
  ExpertiseSaved: string;
  ExpertiseConflict: string;
  ExpertiseReload: string;
  ExpertiseClaimedByOther: string;
  ExpertiseFixErrors: string;
  ExpertiseErrorRequired: string;
  ExpertiseErrorInvalidType: string;
  ExpertiseErrorTooMany: string;
  ExpertiseErrorTooLong: string;
  ExpertiseErrorLineTooLong: string;
  ExpertiseErrorInvalidProficiency: string;
  ExpertiseErrorUnknownSkill: string;
  ExpertiseErrorInvalidLanguage: string;
}

declare module 'SuiteStrings' {
  const strings: ISuiteStrings;
  export = strings;
}
