define([], function () {
  return {
    PropertyPaneDescription: 'Affiche le profil d’un employé tiré de l’annuaire.',
    SettingsGroupName: 'Paramètres',
    PersonFieldLabel: 'Personne à afficher',
    PersonFieldDescription: 'Une adresse courriel ou un nom d’utilisateur principal. Laissez vide pour afficher la personne qui consulte la page ; un paramètre ?person= dans l’adresse de la page a priorité.',
    ConnectionGroupLabel: 'Afficher la personne sélectionnée dans un autre composant WebPart',
    SelectedPersonFieldLabel: 'Personne sélectionnée (par exemple dans Trouver un expert)'
  };
});
