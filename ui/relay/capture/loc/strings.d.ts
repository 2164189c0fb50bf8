/**
 * Strings of the relay's capture form and "My relays" (resource `RelayCaptureStrings`, files ui/relay/capture/loc/<locale>.js).
 * Placeholders are {0}, {1}, ... and are filled by `format()` from core/format.
 */
declare interface IRelayCaptureStrings {
  Title: string;
  Intro: string;
  TabRelay: string;
  TabMyRelays: string;
  TabsLabel: string;
  LoadingForm: string;
  ChannelLabel: string;
  SegmentLabel: string;
  SegmentHint: string;
  ProductLabel: string;
  CategoryLabel: string;
  SeverityLabel: string;
  ChoosePlaceholder: string;
  CustomerWordsLabel: string;
  CustomerWordsHint: string;
  ObservationLabel: string;
  ObservationHint: string;
  PromiseLabel: string;
  PromiseHint: string;
  PromiseDueLabel: string;
  AnonymousLabel: string;
  AnonymousHint: string;
  ErrorRequired: string;
  ErrorTooLong: string;
  ErrorInvalidChoice: string;
  ErrorInvalidDate: string;
  ErrorAnonymousNotAllowed: string;
  ErrorPromiseNeedsText: string;
  ErrorSummary: string;
  RedactionHeading: string;
  RedactionNone: string;
  /** {0}: how many items redaction removes (one / other, by the language's plural rules). */
  RedactionFoundOne: string;
  RedactionFoundOther: string;
  /** {0}: how many names and addresses are suggested for removal. */
  SuggestionsFoundOne: string;
  SuggestionsFoundOther: string;
  SuggestionsLabel: string;
  /** {0}: the words suggested. */
  SuggestionName: string;
  SuggestionAddress: string;
  SuggestionRemove: string;
  SuggestionRemoveLabel: string;
  SuggestionKeep: string;
  SuggestionKeepLabel: string;
  SuggestionRemovedNotice: string;
  SuggestionKeptNotice: string;
  RedactionRemoved: string;
  RedactionStoredAs: string;
  KindEmail: string;
  KindPhone: string;
  KindPaymentCard: string;
  KindIban: string;
  KindNationalId: string;
  Submit: string;
  Submitting: string;
  SubmitErrorUnavailable: string;
  SubmitErrorForbidden: string;
  SubmitErrorInvalid: string;
  SubmitErrorOther: string;
  Retry: string;
  SuccessTitle: string;
  SuccessBody: string;
  SeeMyRelays: string;
  RelayAnother: string;
  DraftRestored: string;
  DiscardDraft: string;
  TriageRegion: string;
  TriageLooksLike: string;
  TriageReachOne: string;
  TriageReachOther: string;
  TriageJoin: string;
  TriageJoined: string;
  TriageUndo: string;
  TriageAnswered: string;
  /** Label of the answered community question's box. */
  CommunityAnswerRegion: string;
  /** {0}: the question, {1}: its accepted answer. */
  CommunityAnswered: string;
  MyRelaysTitle: string;
  MyRelaysEmpty: string;
  MyRelaysLoadMore: string;
  MyRelaysLoading: string;
  RelayedOn: string;
  RelayedAnonymously: string;
  Pending: string;
  /** My relays: a relay the relay job refused (over the form's limits). */
  NotAccepted: string;
  /** {0}: the fields over their limit, named as below. */
  NotAcceptedFields: string;
  FieldCustomerWordsName: string;
  FieldObservationName: string;
  FieldPromiseTextName: string;
  FieldSegmentName: string;
  StatusLine: string;
  StatusNew: string;
  StatusAcknowledged: string;
  StatusInProgress: string;
  StatusWaitingOnCustomer: string;
  StatusWaitingOnThirdParty: string;
  StatusResolved: string;
  StatusDeclined: string;
  StatusDuplicate: string;
  ClockAcknowledgedIn: string;
  ClockWaiting: string;
  ClockOverdue: string;
  ClockInProgress: string;
  ClockPaused: string;
  ClockClosedIn: string;
  DurationMinutes: string;
  DurationHours: string;
  OutcomeHeading: string;
  OwnerResponse: string;
  CustomerReply: string;
  Copy: string;
  Copied: string;
  CopyFailed: string;
  /** How many times the insight was relayed (its reach counts relays, not people); plural forms. */
  Reach: string;
  /** What a redacted e-mail address, phone number, card, IBAN or national id reads as (the stored token is language-neutral). */
  TokenEmail: string;
  TokenPhone: string;
  TokenCard: string;
  TokenIban: string;
  TokenNationalId: string;
  /** While a submit is still trying after a failure (or a long wait): not sent yet, kept, still trying. */
  SubmitRetrying: string;
}

declare module 'RelayCaptureStrings' {
  const strings: IRelayCaptureStrings;
  export = strings;
}
