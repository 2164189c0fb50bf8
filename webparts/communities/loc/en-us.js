define([], function () {
  return {
    PropertyPaneDescription: 'Community spaces for everyone: who may join, post and moderate is decided by each community\'s managers and the suite settings. Nothing to configure here.'
  };
});
