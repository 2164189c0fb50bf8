define([], function () {
  return {
    PropertyPaneDescription: 'Trouve des collègues par compétence, sujet ou nom, et dit pourquoi chacun figure dans les résultats.',
    SettingsGroupName: 'Paramètres',
    ProfilePageFieldLabel: 'Page de profil',
    ProfilePageFieldDescription: 'Adresse de la page qui contient le composant WebPart Profil d’employé. Un résultat l’ouvre avec ?person= et la personne. Laissez vide pour utiliser cette page.'
  };
});
