define([], function () {
  return {
    PropertyPaneDescription: 'Trouve des collègues par compétence, sujet ou nom, et dit pourquoi chacun figure dans les résultats.',
    SettingsGroupName: 'Paramètres',
    ProfilePageFieldLabel: 'Page de profil',
    ProfilePageFieldDescription: 'Adresse de la page qui contient le composant WebPart Profil d’employé. Un résultat l’ouvre avec ?person= et la personne. Laissez vide pour utiliser cette page.',
    ProviderFieldLabel: 'Fournisseur de recherche',
    ProviderAuto: 'Automatique (l’index préparé, ou la recherche SharePoint au-delà de 20 000 personnes)',
    ProviderPrebuiltIndex: 'L’index que la suite prépare à l’avance',
    ProviderLocal: 'Dans le navigateur (jusqu’à quelques milliers de personnes)',
    ProviderSharePointSearch: 'Recherche SharePoint (grandes organisations)',
    ProviderFieldDescription: 'Automatique lit l’index que la tâche de la suite prépare à l’avance (deux fichiers, à la première recherche), ou interroge la recherche SharePoint quand l’annuaire compte plus de 20 000 personnes. Dans le navigateur lit tout l’annuaire et les listes d’expertise une fois par visite : le plus rapide jusqu’à quelques milliers de personnes. La recherche SharePoint interroge l’index de recherche à chaque recherche : pour les organisations plus grandes, une fois que le schéma de recherche contient les propriétés gérées de la suite.',
    SelectedPersonTitle: 'Personne sélectionnée',
    OpenProfileFieldLabel: 'Quand une personne est sélectionnée',
    OpenProfilePage: 'Ouvrir sa page de profil',
    OpenProfileConnected: 'L’afficher dans le composant WebPart Profil d’employé connecté sur cette page'
  };
});
