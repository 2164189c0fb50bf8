/**
 * The demo organisation: departments, sites and job titles of a bilingual (French/English) retailer
 * and service company headquartered in Quebec (stores, delivery, a call centre, an online shop).
 */

/** [English, French masculine, French feminine] */
export type Title = readonly [string, string, string];
export interface StaffTitle { title: Title; customerFacing: boolean; weight: number }

export interface Department {
  key: string;
  en: string;
  fr: string;
  /** Share of the employees (the shares add up to 1). */
  share: number;
  /** Site keys, the first one hosts the director and the first team. */
  sites: readonly string[];
  director: Title;
  manager: Title;
  managersCustomerFacing: boolean;
  staff: readonly StaffTitle[];
  /** Skill ids people of the department usually have (see skills.ts). */
  skills: readonly string[];
}

export interface Site {
  key: string;
  city: string;
  officeLocation: string;
  country: string;
  usageLocation: string;
  /** Mix of preferred languages at the site. */
  languages: readonly { lang: string; weight: number }[];
  phone: 'na' | 'fr' | 'ch';
  /** North American area codes of the site. */
  areaCodes?: readonly string[];
}

export const SITES: Record<string, Site> = {
  quebec: {
    key: 'quebec', city: 'Québec', officeLocation: 'Québec – Siège social', country: 'Canada', usageLocation: 'CA',
    languages: [{ lang: 'fr-CA', weight: 85 }, { lang: 'en-CA', weight: 15 }], phone: 'na', areaCodes: ['418', '581', '367']
  },
  montreal: {
    key: 'montreal', city: 'Montréal', officeLocation: 'Montréal – Bureau du centre-ville', country: 'Canada', usageLocation: 'CA',
    languages: [{ lang: 'fr-CA', weight: 60 }, { lang: 'en-CA', weight: 40 }], phone: 'na', areaCodes: ['514', '438', '263']
  },
  montmagny: {
    key: 'montmagny', city: 'Montmagny', officeLocation: 'Montmagny – Magasin et entrepôt', country: 'Canada', usageLocation: 'CA',
    languages: [{ lang: 'fr-CA', weight: 95 }, { lang: 'en-CA', weight: 5 }], phone: 'na', areaCodes: ['418', '367']
  },
  levis: {
    key: 'levis', city: 'Lévis', officeLocation: 'Lévis – Centre de distribution', country: 'Canada', usageLocation: 'CA',
    languages: [{ lang: 'fr-CA', weight: 85 }, { lang: 'en-CA', weight: 15 }], phone: 'na', areaCodes: ['581', '418', '367']
  },
  paris: {
    key: 'paris', city: 'Paris', officeLocation: 'Paris – Bureau Europe', country: 'France', usageLocation: 'FR',
    languages: [{ lang: 'fr-FR', weight: 92 }, { lang: 'en-GB', weight: 8 }], phone: 'fr'
  },
  lausanne: {
    key: 'lausanne', city: 'Lausanne', officeLocation: 'Lausanne – Commerce en ligne Europe', country: 'Switzerland', usageLocation: 'CH',
    languages: [{ lang: 'fr-CH', weight: 85 }, { lang: 'en-GB', weight: 15 }], phone: 'ch'
  }
};

const st = (en: string, frM: string, frF: string, customerFacing: boolean, weight = 1): StaffTitle =>
  ({ title: [en, frM, frF] as const, customerFacing, weight });

export const DEPARTMENTS: readonly Department[] = [
  {
    key: 'customer-service', en: 'Customer Service', fr: 'Service à la clientèle', share: 0.22,
    sites: ['quebec', 'montreal', 'paris', 'quebec', 'montreal'],
    director: ['Director, Customer Service', 'Directeur, Service à la clientèle', 'Directrice, Service à la clientèle'],
    manager: ['Customer service team manager', 'Chef d’équipe, service à la clientèle', 'Cheffe d’équipe, service à la clientèle'],
    managersCustomerFacing: true,
    staff: [
      st('Customer service agent', 'Agent du service à la clientèle', 'Agente du service à la clientèle', true, 6),
      st('Senior customer service agent', 'Agent principal du service à la clientèle', 'Agente principale du service à la clientèle', true, 2),
      st('Customer care specialist', 'Spécialiste des soins à la clientèle', 'Spécialiste des soins à la clientèle', true, 1),
      st('Contact centre quality analyst', 'Analyste qualité, centre de contact', 'Analyste qualité, centre de contact', false, 1)
    ],
    skills: ['crm', 'customer-welcome', 'complaint-handling', 'de-escalation', 'call-center', 'spanish', 'translation', 'refunds']
  },
  {
    key: 'delivery-logistics', en: 'Delivery & Logistics', fr: 'Livraison et logistique', share: 0.15,
    sites: ['levis', 'quebec', 'montmagny', 'montreal'],
    director: ['Director, Delivery & Logistics', 'Directeur, Livraison et logistique', 'Directrice, Livraison et logistique'],
    manager: ['Logistics supervisor', 'Superviseur, logistique', 'Superviseure, logistique'],
    managersCustomerFacing: false,
    staff: [
      st('Delivery driver', 'Livreur', 'Livreuse', true, 4),
      st('Dispatcher', 'Répartiteur', 'Répartitrice', true, 2),
      st('Warehouse clerk', 'Magasinier', 'Magasinière', false, 3),
      st('Logistics coordinator', 'Coordonnateur logistique', 'Coordonnatrice logistique', false, 1),
      st('Customs compliance specialist', 'Spécialiste de la conformité douanière', 'Spécialiste de la conformité douanière', false, 1)
    ],
    skills: ['logistics', 'route-planning', 'warehouse', 'ctpat', 'customs', 'health-safety', 'lean', 'poka-yoke']
  },
  {
    key: 'stores', en: 'Stores', fr: 'Magasins', share: 0.2,
    sites: ['quebec', 'montreal', 'montmagny', 'levis'],
    director: ['Director, Stores', 'Directeur, Magasins', 'Directrice, Magasins'],
    manager: ['Store manager', 'Directeur de magasin', 'Directrice de magasin'],
    managersCustomerFacing: true,
    staff: [
      st('Sales associate', 'Conseiller aux ventes', 'Conseillère aux ventes', true, 5),
      st('Cashier', 'Caissier', 'Caissière', true, 3),
      st('Visual merchandiser', 'Étalagiste', 'Étalagiste', false, 1),
      st('Assistant store manager', 'Directeur adjoint de magasin', 'Directrice adjointe de magasin', true, 1)
    ],
    skills: ['customer-welcome', 'merchandising', 'point-of-sale', 'loyalty', 'crm', 'lean', 'complaint-handling']
  },
  {
    key: 'ecommerce', en: 'E-commerce', fr: 'Commerce en ligne', share: 0.08,
    sites: ['montreal', 'lausanne'],
    director: ['Director, E-commerce', 'Directeur, Commerce en ligne', 'Directrice, Commerce en ligne'],
    manager: ['E-commerce manager', 'Gestionnaire, commerce en ligne', 'Gestionnaire, commerce en ligne'],
    managersCustomerFacing: false,
    staff: [
      st('E-commerce specialist', 'Spécialiste du commerce en ligne', 'Spécialiste du commerce en ligne', false, 2),
      st('Web developer', 'Développeur Web', 'Développeuse Web', false, 2),
      st('UX designer', 'Concepteur UX', 'Conceptrice UX', false, 1),
      st('Online order support agent', 'Agent de soutien aux commandes en ligne', 'Agente de soutien aux commandes en ligne', true, 2),
      st('SEO specialist', 'Spécialiste du référencement', 'Spécialiste du référencement', false, 1)
    ],
    skills: ['ecommerce', 'seo', 'ux', 'data-analysis', 'project-management', 'german']
  },
  {
    key: 'billing', en: 'Billing', fr: 'Facturation', share: 0.08,
    sites: ['quebec', 'paris'],
    director: ['Director, Billing', 'Directeur, Facturation', 'Directrice, Facturation'],
    manager: ['Billing supervisor', 'Superviseur, facturation', 'Superviseure, facturation'],
    managersCustomerFacing: false,
    staff: [
      st('Billing agent', 'Agent de facturation', 'Agente de facturation', true, 4),
      st('Collections officer', 'Agent de recouvrement', 'Agente de recouvrement', true, 2),
      st('Billing analyst', 'Analyste de la facturation', 'Analyste de la facturation', false, 1)
    ],
    skills: ['billing', 'collections', 'refunds', 'accounting', 'crm', 'privacy']
  },
  {
    key: 'it', en: 'IT', fr: 'Technologies de l’information', share: 0.09,
    sites: ['levis', 'quebec', 'montreal'],
    director: ['Director, Information Technology', 'Directeur, Technologies de l’information', 'Directrice, Technologies de l’information'],
    manager: ['IT manager', 'Gestionnaire TI', 'Gestionnaire TI'],
    managersCustomerFacing: false,
    staff: [
      st('Service desk technician', 'Technicien, centre de services', 'Technicienne, centre de services', false, 3),
      st('Systems administrator', 'Administrateur de systèmes', 'Administratrice de systèmes', false, 2),
      st('Software developer', 'Développeur logiciel', 'Développeuse logiciel', false, 2),
      st('Security analyst', 'Analyste en sécurité', 'Analyste en sécurité', false, 1),
      st('Network technician', 'Technicien réseau', 'Technicienne réseau', false, 1)
    ],
    skills: ['sharepoint', 'power-platform', 'cybersecurity', 'networking', 'service-desk', 'project-management', 'privacy']
  },
  {
    key: 'communications', en: 'Communications', fr: 'Communications', share: 0.04,
    sites: ['montreal', 'quebec'],
    director: ['Director, Communications', 'Directeur, Communications', 'Directrice, Communications'],
    manager: ['Communications manager', 'Chef des communications', 'Cheffe des communications'],
    managersCustomerFacing: false,
    staff: [
      st('Communications advisor', 'Conseiller en communication', 'Conseillère en communication', false, 2),
      st('Content writer', 'Rédacteur', 'Rédactrice', false, 1),
      st('Translator', 'Traducteur', 'Traductrice', false, 1),
      st('Graphic designer', 'Graphiste', 'Graphiste', false, 1)
    ],
    skills: ['internal-comms', 'copywriting', 'translation', 'crisis-comms', 'sharepoint', 'community-management']
  },
  {
    key: 'hr', en: 'HR', fr: 'Ressources humaines', share: 0.06,
    sites: ['montreal', 'quebec'],
    director: ['Director, Human Resources', 'Directeur, Ressources humaines', 'Directrice, Ressources humaines'],
    manager: ['HR manager', 'Gestionnaire RH', 'Gestionnaire RH'],
    managersCustomerFacing: false,
    staff: [
      st('HR advisor', 'Conseiller en ressources humaines', 'Conseillère en ressources humaines', false, 2),
      st('Recruiter', 'Recruteur', 'Recruteuse', false, 1),
      st('Training specialist', 'Spécialiste de la formation', 'Spécialiste de la formation', false, 1),
      st('Health and safety advisor', 'Conseiller en santé et sécurité', 'Conseillère en santé et sécurité', false, 1),
      st('Payroll technician', 'Technicien de la paie', 'Technicienne de la paie', false, 1)
    ],
    skills: ['recruiting', 'training', 'labour-relations', 'health-safety', 'community-management', 'privacy']
  },
  {
    key: 'finance', en: 'Finance', fr: 'Finances', share: 0.08,
    sites: ['montreal', 'quebec'],
    director: ['Chief Financial Officer', 'Chef de la direction financière', 'Cheffe de la direction financière'],
    manager: ['Finance manager', 'Gestionnaire, finances', 'Gestionnaire, finances'],
    managersCustomerFacing: false,
    staff: [
      st('Financial analyst', 'Analyste financier', 'Analyste financière', false, 2),
      st('Accountant', 'Comptable', 'Comptable', false, 2),
      st('Accounts payable clerk', 'Commis aux comptes fournisseurs', 'Commis aux comptes fournisseurs', false, 1),
      st('Internal auditor', 'Auditeur interne', 'Auditrice interne', false, 1)
    ],
    skills: ['accounting', 'financial-analysis', 'data-analysis', 'six-sigma', 'lean', 'billing']
  }
];

export const EXECUTIVE_OFFICE = { key: 'executive', en: 'Executive Office', fr: 'Direction générale' };

export function departmentByKey(key: string): Department | undefined {
  return DEPARTMENTS.find(d => d.key === key);
}
