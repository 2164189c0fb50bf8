/** Strings of the local workbench's own chrome (resource files workbench/app/loc/<locale>.js). */
declare interface IWorkbenchStrings {
  WorkbenchName: string;
  SignedInAs: string;
  Language: string;
  Home: string;
  Admin: string;
  AdminTitle: string;
  AdminIntro: string;
  TeamsHost: string;
  Outbox: string;
  MainNavigation: string;
  HomeTitle: string;
  HomeIntro: string;
  WebPartRegion: string;
  TeamsTheme: string;
  TeamsThemeDefault: string;
  TeamsThemeDark: string;
  TeamsThemeContrast: string;
  TeamsPersonalApps: string;
  TeamsTabs: string;
  TeamsPersonalApp: string;
  TeamsTab: string;
  TeamsNoApp: string;
  OutboxTitle: string;
  OutboxEmpty: string;
  OutboxClear: string;
  OutboxTo: string;
  OutboxKindMail: string;
  OutboxKindTeams: string;
  RelayPage: string;
  RelayTitle: string;
  RelayIntro: string;
  DashboardPage: string;
  DashboardTitle: string;
  DashboardIntro: string;
  CommunitiesPage: string;
  CommunitiesTitle: string;
  CommunitiesIntro: string;
  NotSignedIn: string;
  /** Whom to sign in as on a page made for other personas; then one button per persona. */
  HintDashboard: string;
  HintAdmin: string;
  HintRelay: string;
  /** {0}: display name, {1}: job title. */
  HintSignInAs: string;
}
