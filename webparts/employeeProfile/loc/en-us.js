define([], function () {
  return {
    PropertyPaneDescription: 'Shows an employee profile from the directory.',
    SettingsGroupName: 'Settings',
    PersonFieldLabel: 'Person to show',
    PersonFieldDescription: 'An email address or user principal name. Leave empty to show the person viewing the page; a ?person= parameter in the page address takes precedence.',
    ConnectionGroupLabel: 'Show the person selected in another web part',
    SelectedPersonFieldLabel: 'Selected person (for example from Find an expert)'
  };
});
