define([], function () {
  return {
    PropertyPaneDescription: 'Finds colleagues by skill, topic or name, and says why each one ranks.',
    SettingsGroupName: 'Settings',
    ProfilePageFieldLabel: 'Profile page',
    ProfilePageFieldDescription: 'Address of the page that holds the Employee profile web part. A result opens it with ?person= and the person. Leave empty to use this page.',
    ProviderFieldLabel: 'Search provider',
    ProviderAuto: 'Automatic (the prebuilt index, or SharePoint Search past 20,000 people)',
    ProviderPrebuiltIndex: 'The index the suite builds ahead of time',
    ProviderLocal: 'In the browser (up to a few thousand people)',
    ProviderSharePointSearch: 'SharePoint Search (large organisations)',
    ProviderFieldDescription: 'Automatic reads the index the suite’s job builds ahead of time (two files, at the first search), or asks SharePoint Search when the directory holds more than 20,000 people. In the browser reads the whole directory and the expertise lists once per visit: quickest up to a few thousand people. SharePoint Search asks the search index at each search: for larger organisations, once the search schema holds the suite’s managed properties.',
    SelectedPersonTitle: 'Selected person',
    OpenProfileFieldLabel: 'When a person is selected',
    OpenProfilePage: 'Open their profile page',
    OpenProfileConnected: 'Show them in the Employee profile web part connected on this page'
  };
});
