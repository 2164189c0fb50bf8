define([], function () {
  return {
    PropertyPaneDescription: 'Lets employees relay customer feedback (customer contact and payment details are removed before storing) and follow their relays to the outcome. Open the page with ?view=my to show “My relays” first.'
  };
});
