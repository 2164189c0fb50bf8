define([], function () {
  return {
    SuiteName: 'Intranet social',
    Loading: 'Chargement…',
    Retry: 'Réessayer',
    ErrorGeneric: 'Un problème est survenu. Rien de ce que vous avez saisi n’est perdu ; réessayez dans un instant.',
    ErrorThrottled: 'Le service est occupé. Nouvel essai dans {0} secondes.',
    ErrorOffline: 'Vous semblez hors ligne. Vérifiez votre connexion et réessayez.',
    ErrorForbidden: 'Vous n’avez pas accès à cette information.',
    ErrorNotFound: 'Cet élément n’existe plus.',

    HeaderLandmark: 'Outils de l’intranet',
    HeaderGreeting: 'Bonjour, {0}',
    HeaderSiteFallback: 'Intranet',

    ProfileTitle: 'Profil de {0}',
    ProfileNotFound: 'Cette personne est introuvable dans l’annuaire.',
    ProfilePhotoAlt: 'Photo de {0}',
    ProfileNoPhoto: 'Aucune photo',
    ProfileJobTitle: 'Poste',
    ProfileDepartment: 'Service',
    ProfileOffice: 'Bureau',
    ProfileLanguage: 'Langue préférée',
    ProfileContact: 'Coordonnées',
    ProfileEmail: 'Courriel',
    ProfilePhone: 'Téléphone professionnel',
    ProfileMobile: 'Mobile',
    ProfileChatInTeams: 'Discuter dans Teams',
    ProfileChatInTeamsLabel: 'Démarrer une conversation Teams avec {0}',
    ProfileManager: 'Relève de',
    ProfileNoManager: 'Aucun gestionnaire dans l’annuaire',
    ProfileDirectReports: 'Subordonnés directs ({0})',
    ProfileNoDirectReports: 'Aucun subordonné direct',
    ProfileOpenProfile: 'Ouvrir le profil de {0}',
    ProfileGuest: 'Invité',
    ProfileDisabled: 'Compte désactivé'
  };
});
