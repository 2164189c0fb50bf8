define([], function () {
  return {
    RelayButton: 'Relay customer feedback',
    RelayPanelClose: 'Close',
    LoadingForm: 'Loading the form…',
    SearchLabel: 'Find an expert',
    SearchPlaceholder: 'Find an expert',
    SearchButton: 'Search',
    BannerRegion: 'Company announcements',
    BannerDismiss: 'Dismiss this announcement',
    BannerWarning: 'Warning:',
    BannerInfo: 'Information:'
  };
});
