/**
 * Strings of the portal header (resource `PortalHeaderStrings`, files ui/header/loc/<locale>.js).
 */
declare interface IPortalHeaderStrings {
  RelayButton: string;
  RelayPanelClose: string;
  LoadingForm: string;
  SearchLabel: string;
  SearchPlaceholder: string;
  SearchButton: string;
  BannerRegion: string;
  BannerDismiss: string;
  BannerWarning: string;
  BannerInfo: string;
}

declare module 'PortalHeaderStrings' {
  const strings: IPortalHeaderStrings;
  export = strings;
}
