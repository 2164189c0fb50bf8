define([], function () {
  return {
    PropertyPaneDescription: 'Les espaces communautaires pour tous : qui peut rejoindre, publier et modérer est décidé par les gestionnaires de chaque communauté et les paramètres de la suite. Rien à configurer ici.'
  };
});
