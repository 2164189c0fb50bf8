define([], function () {
  return {
    SuiteName: 'Social intranet',
    Loading: 'Loading…',
    Retry: 'Try again',
    ErrorGeneric: 'Something went wrong. Nothing you entered was lost; try again in a moment.',
    ErrorThrottled: 'The service is busy. We will try again in {0} seconds.',
    ErrorOffline: 'You appear to be offline. Check your connection and try again.',
    ErrorForbidden: 'You do not have access to this information.',
    ErrorNotFound: 'This item no longer exists.',

    HeaderLandmark: 'Intranet tools',
    HeaderGreeting: 'Hello, {0}',
    HeaderSiteFallback: 'Intranet',

    ProfileTitle: 'Profile of {0}',
    ProfileNotFound: 'This person could not be found in the directory.',
    ProfilePhotoAlt: 'Photo of {0}',
    ProfileNoPhoto: 'No photo',
    ProfileJobTitle: 'Job title',
    ProfileDepartment: 'Department',
    ProfileOffice: 'Office',
    ProfileLanguage: 'Preferred language',
    ProfileContact: 'Contact',
    ProfileEmail: 'Email',
    ProfilePhone: 'Work phone',
    ProfileMobile: 'Mobile',
    ProfileChatInTeams: 'Chat in Teams',
    ProfileChatInTeamsLabel: 'Start a Teams chat with {0}',
    ProfileManager: 'Reports to',
    ProfileNoManager: 'No manager in the directory',
    ProfileDirectReports: 'Direct reports ({0})',
    ProfileNoDirectReports: 'No direct reports',
    ProfileOpenProfile: 'Open the profile of {0}',
    ProfileGuest: 'Guest',
    ProfileDisabled: 'Account disabled'
  };
});
