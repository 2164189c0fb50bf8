define([], function () {
  return {
    PropertyPaneDescription: 'Open customer insights by cost of delay, spikes and trends, for the management and communications roles.',
    SettingsGroupName: 'About',
    AboutText: 'Nothing to configure: who may act is decided by the roles of the suite settings.'
  };
});
