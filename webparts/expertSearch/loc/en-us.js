define([], function () {
  return {
    PropertyPaneDescription: 'Finds colleagues by skill, topic or name, and says why each one ranks.',
    SettingsGroupName: 'Settings',
    ProfilePageFieldLabel: 'Profile page',
    ProfilePageFieldDescription: 'Address of the page that holds the Employee profile web part. A result opens it with ?person= and the person. Leave empty to use this page.'
  };
});
