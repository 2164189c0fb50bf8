/**
 * The demo personas: fixed, memorable people of the demo organisation that the workbench's user
 * switch offers and tests sign in as (header `x-local-user: <upn>` or cookie `local-user`).
 * Their UPNs are stable across seeds. The domain `northwind-retail.example` uses the `.example`
 * top-level domain reserved by RFC 2606, so it can never be a real company's.
 */
export const DEMO_DOMAIN = 'northwind-retail.example';
export const DEMO_COMPANY = 'Northwind Retail & Services';
/** The demo tenant id (Entra directory id), used in claims such as spo-grid-all-users/<tenantId>. */
export const DEMO_TENANT_ID = '8f4c2a5e-1d3b-4e6f-9a7c-2b5d8e1f3a60';

export type PersonaRole =
  | 'frontline-agent'
  | 'manager'
  | 'director'
  | 'communications-officer'
  | 'tenant-admin'
  | 'employee'
  | 'community-manager'
  | 'executive'
  | 'guest';

export interface Persona {
  role: PersonaRole;
  upn: string;
  displayName: string;
  givenName: string;
  surname: string;
  /** Department key (see seed/org.ts DEPARTMENTS), null for guests and the CEO. */
  department: string | null;
  jobTitle: { en: string; fr: string };
  city: string;
  preferredLanguage: string;
  description: { en: string; fr: string };
}

export const PERSONAS: readonly Persona[] = [
  {
    role: 'frontline-agent',
    upn: `emilie.tremblay@${DEMO_DOMAIN}`,
    displayName: 'Émilie Tremblay',
    givenName: 'Émilie',
    surname: 'Tremblay',
    department: 'customer-service',
    jobTitle: { en: 'Customer service agent', fr: 'Agente du service à la clientèle' },
    city: 'Québec',
    preferredLanguage: 'fr-CA',
    description: {
      en: 'Call-centre agent in Québec who relays what customers say, several times a day.',
      fr: 'Agente du centre d’appels de Québec qui relaie ce que disent les clients, plusieurs fois par jour.'
    }
  },
  {
    role: 'manager',
    upn: `marc-andre.gagnon@${DEMO_DOMAIN}`,
    displayName: 'Marc-André Gagnon',
    givenName: 'Marc-André',
    surname: 'Gagnon',
    department: 'customer-service',
    jobTitle: { en: 'Customer service team manager', fr: 'Chef d’équipe, service à la clientèle' },
    city: 'Québec',
    preferredLanguage: 'fr-CA',
    description: {
      en: 'Manages Émilie’s team; answers relayed feedback from a Teams tab.',
      fr: 'Gère l’équipe d’Émilie; répond aux relais depuis un onglet Teams.'
    }
  },
  {
    role: 'director',
    upn: `catherine.oneill@${DEMO_DOMAIN}`,
    displayName: 'Catherine O\'Neill',
    givenName: 'Catherine',
    surname: 'O\'Neill',
    department: 'customer-service',
    jobTitle: { en: 'Director, Customer Service', fr: 'Directrice, Service à la clientèle' },
    city: 'Québec',
    preferredLanguage: 'en-CA',
    description: {
      en: 'Heads Customer Service; receives escalations when a team misses its targets.',
      fr: 'Dirige le Service à la clientèle; reçoit les escalades quand une équipe rate ses cibles.'
    }
  },
  {
    role: 'communications-officer',
    upn: `chloe.bergeron@${DEMO_DOMAIN}`,
    displayName: 'Chloé Bergeron',
    givenName: 'Chloé',
    surname: 'Bergeron',
    department: 'communications',
    jobTitle: { en: 'Internal communications advisor', fr: 'Conseillère en communications internes' },
    city: 'Montréal',
    preferredLanguage: 'fr-CA',
    description: {
      en: 'Curates highlights and banners for the whole company.',
      fr: 'Choisit les nouvelles à la une et les bannières pour toute l’entreprise.'
    }
  },
  {
    role: 'tenant-admin',
    upn: `david.chen@${DEMO_DOMAIN}`,
    displayName: 'David Chen',
    givenName: 'David',
    surname: 'Chen',
    department: 'it',
    jobTitle: { en: 'Microsoft 365 administrator', fr: 'Administrateur Microsoft 365' },
    city: 'Lévis',
    preferredLanguage: 'en-CA',
    description: {
      en: 'Tenant administrator: sets the suite’s policy and turns features on for pilot groups.',
      fr: 'Administrateur du locataire : règle la politique de la suite et active les fonctions pour des groupes pilotes.'
    }
  },
  {
    role: 'employee',
    upn: `olivia.smith@${DEMO_DOMAIN}`,
    displayName: 'Olivia Smith',
    givenName: 'Olivia',
    surname: 'Smith',
    department: 'finance',
    jobTitle: { en: 'Financial analyst', fr: 'Analyste financière' },
    city: 'Montréal',
    preferredLanguage: 'en-CA',
    description: {
      en: 'Plain employee: finds experts, keeps her profile, asks questions in communities.',
      fr: 'Employée : trouve des experts, tient son profil à jour, pose des questions dans les communautés.'
    }
  },
  {
    role: 'community-manager',
    upn: `karim.benali@${DEMO_DOMAIN}`,
    displayName: 'Karim Benali',
    givenName: 'Karim',
    surname: 'Benali',
    department: 'hr',
    jobTitle: { en: 'Community manager', fr: 'Gestionnaire de communautés' },
    city: 'Montréal',
    preferredLanguage: 'fr-CA',
    description: {
      en: 'Runs the communities under his own name; reviews flagged posts.',
      fr: 'Anime les communautés sous son propre nom; examine les publications signalées.'
    }
  },
  {
    role: 'executive',
    upn: `isabelle.lavoie@${DEMO_DOMAIN}`,
    displayName: 'Isabelle Lavoie',
    givenName: 'Isabelle',
    surname: 'Lavoie',
    department: null,
    jobTitle: { en: 'President and Chief Executive Officer', fr: 'Présidente-directrice générale' },
    city: 'Québec',
    preferredLanguage: 'fr-CA',
    description: {
      en: 'CEO, top of the org chart: where every escalation chain ends.',
      fr: 'PDG, au sommet de l’organigramme : là où finit toute chaîne d’escalade.'
    }
  },
  {
    role: 'guest',
    upn: `laura.weber_lean-partners.example#EXT#@${DEMO_DOMAIN}`,
    displayName: 'Laura Weber (Lean Partners)',
    givenName: 'Laura',
    surname: 'Weber',
    department: null,
    jobTitle: { en: 'External Lean consultant', fr: 'Consultante Lean externe' },
    city: 'Lausanne',
    preferredLanguage: 'fr-CH',
    description: {
      en: 'Guest user from a partner firm: sees less of the directory than employees do.',
      fr: 'Invitée d’une firme partenaire : voit moins de l’annuaire que les employés.'
    }
  }
];

export function personaByRole(role: PersonaRole): Persona {
  const p = PERSONAS.find(x => x.role === role);
  if (!p) throw new Error(`No persona with role ${role}`);
  return p;
}

export function personaByUpn(upn: string): Persona | undefined {
  const l = upn.toLowerCase();
  return PERSONAS.find(p => p.upn.toLowerCase() === l);
}
