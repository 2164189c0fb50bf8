define([], function () {
  return {
    RelayButton: 'Relayer une rétroaction client',
    RelayPanelClose: 'Fermer',
    LoadingForm: 'Chargement du formulaire…',
    SearchLabel: 'Trouver un expert',
    SearchPlaceholder: 'Trouver un expert',
    SearchButton: 'Rechercher',
    BannerRegion: 'Annonces de l’entreprise',
    BannerDismiss: 'Masquer cette annonce',
    BannerWarning: 'Avertissement :',
    BannerInfo: 'Information :'
  };
});
