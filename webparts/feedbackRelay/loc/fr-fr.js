define([], function () {
  return {
    PropertyPaneDescription: 'Permet aux employés de relayer les rétroactions des clients (les coordonnées et données de paiement du client sont retirées avant l’enregistrement) et de suivre leurs relais jusqu’à leur issue. Ouvrez la page avec ?view=my pour afficher d’abord « Mes relais ».'
  };
});
