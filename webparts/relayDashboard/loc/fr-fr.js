define([], function () {
  return {
    PropertyPaneDescription: 'Les signalements clients ouverts par coût du retard, les pics et les tendances, pour les rôles de gestion et des communications.',
    SettingsGroupName: 'À propos',
    AboutText: 'Rien à configurer : les rôles des paramètres de la suite décident qui peut agir.'
  };
});
