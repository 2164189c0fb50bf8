/**
 * Given names and surnames for the demo organisation, by cultural pool, with grammatical gender for
 * French job titles ('f' or 'm'). Common names in Quebec, English Canada, France and French-speaking
 * Switzerland, plus the diversity of Montréal and Paris. Fictional people: any resemblance is chance.
 */
export type Gender = 'f' | 'm';
export interface GivenName { name: string; g: Gender }

const f = (...names: string[]): GivenName[] => names.map(name => ({ name, g: 'f' as Gender }));
const m = (...names: string[]): GivenName[] => names.map(name => ({ name, g: 'm' as Gender }));

export const QUEBEC_GIVEN: GivenName[] = [
  ...f('Émilie', 'Geneviève', 'Mélanie', 'Josée', 'Andréanne', 'Noémie', 'Léa', 'Chloé', 'Zoé', 'Rosalie', 'Maude', 'Marie-Ève',
    'Stéphanie', 'Isabelle', 'Julie', 'Catherine', 'Véronique', 'Annie', 'Valérie', 'Sophie', 'Audrey', 'Camille', 'Élodie',
    'Sarah-Maude', 'Laurence', 'Frédérique', 'Myriam', 'Karine', 'Nathalie', 'Hélène', 'Gabrielle', 'Océane', 'Maëlle'),
  ...m('Marc-André', 'Jean-François', 'Étienne', 'Frédéric', 'Sébastien', 'Mathieu', 'Maxime', 'Benoît', 'Réjean', 'Gaétan',
    'François', 'Jérôme', 'Olivier', 'Samuel', 'Félix', 'Louis-Philippe', 'Simon', 'Vincent', 'Alexandre', 'Guillaume',
    'Pierre-Luc', 'Dominic', 'Éric', 'Yannick', 'Jonathan', 'Patrice', 'Charles-Antoine', 'Mathis', 'Thomas', 'Gabriel', 'Raphaël')
];

export const QUEBEC_SURNAMES: string[] = [
  'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier',
  'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier',
  'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', 'St-Pierre', 'Nadeau', 'Martin',
  'Landry', 'Mercier', 'Ménard', 'Théberge', 'Bédard', 'Béliveau', 'Duchesne', 'Gélinas', 'Desjardins', 'Bérubé', 'Deschênes',
  'Létourneau', 'Rousseau', 'Lachance', 'Giroux', 'Hébert', 'Vézina', 'Turcotte', 'Charest', 'Brisson', 'Lemieux'
];

export const ENGLISH_GIVEN: GivenName[] = [
  ...f('Olivia', 'Emma', 'Ava', 'Charlotte', 'Amelia', 'Hannah', 'Grace', 'Megan', 'Emily', 'Jessica', 'Sarah', 'Rachel',
    'Lauren', 'Madison', 'Abigail', 'Claire', 'Fiona', 'Heather', 'Kathleen', 'Siobhan'),
  ...m('Liam', 'Noah', 'William', 'James', 'Benjamin', 'Ethan', 'Jack', 'Ryan', 'Connor', 'Owen', 'Lucas', 'Nathan', 'Matthew',
    'Andrew', 'Daniel', 'Patrick', 'Sean', 'Graham', 'Ian', 'Kevin')
];

export const ENGLISH_SURNAMES: string[] = [
  'Smith', 'Brown', 'Wilson', 'MacDonald', 'Campbell', 'Taylor', 'Anderson', 'Johnson', 'O\'Brien', 'Murphy', 'Clarke', 'Young',
  'Walker', 'Stewart', 'Kelly', 'Thompson', 'Robertson', 'Fraser', 'McLean', 'Reid', 'Sullivan', 'Hughes', 'Baker', 'Mitchell',
  'O\'Connor', 'Graham', 'Ross', 'Scott', 'Morrison', 'Bennett'
];

export const FRANCE_GIVEN: GivenName[] = [
  ...f('Manon', 'Inès', 'Jade', 'Louise', 'Ambre', 'Clémence', 'Margaux', 'Pauline', 'Anaïs', 'Céline', 'Sandrine', 'Aurélie',
    'Mathilde', 'Juliette', 'Élise', 'Agathe'),
  ...m('Hugo', 'Lucas', 'Théo', 'Arthur', 'Jules', 'Nicolas', 'Julien', 'Romain', 'Quentin', 'Baptiste', 'Clément', 'Aurélien',
    'Loïc', 'Gaël', 'Maël', 'Benoît')
];

export const FRANCE_SURNAMES: string[] = [
  'Dubois', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry',
  'Roussel', 'Perrin', 'Morel', 'Mathieu', 'Chevalier', 'François', 'Lemaire', 'Gérard', 'Bonnet', 'Barbier', 'Renaud'
];

export const SWISS_GIVEN: GivenName[] = [
  ...f('Léonie', 'Mélissa', 'Aline', 'Noémie', 'Lara', 'Séverine', 'Nadia', 'Anouk'),
  ...m('Loïc', 'Yves', 'Cédric', 'Fabien', 'Rémy', 'Luca', 'Noé', 'Jérémie')
];

export const SWISS_SURNAMES: string[] = [
  'Favre', 'Rochat', 'Bovet', 'Chappuis', 'Pittet', 'Jaquier', 'Müller', 'Schneider', 'Cuendet', 'Rey', 'Mottier', 'Perret'
];

/** Names common in the diverse populations of Montréal and Paris (Maghreb, West Africa, Haiti, Asia, Latin America...). */
export const DIVERSE_GIVEN: GivenName[] = [
  ...f('Yasmine', 'Amira', 'Fatou', 'Aïcha', 'Nour', 'Mei', 'Priya', 'Sofia', 'Valentina', 'Linh', 'Fabiola', 'Rania', 'Wen'),
  ...m('Karim', 'Mehdi', 'Mamadou', 'Ousmane', 'Youssef', 'Wei', 'Arjun', 'Diego', 'Mateo', 'Jean-Baptiste', 'Ricardo', 'Minh', 'Samir')
];

export const DIVERSE_SURNAMES: string[] = [
  'Benali', 'Haddad', 'Diallo', 'Traoré', 'Nguyen', 'Tran', 'Chen', 'Wang', 'Singh', 'Patel', 'Joseph', 'Pierre-Louis',
  'Rodriguez', 'Santos', 'Khalil', 'Bouazza', 'Saint-Fleur', 'Kowalski', 'Rossi', 'Kim', 'Ndiaye', 'El Amrani'
];
