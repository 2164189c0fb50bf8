/**
 * The skills taxonomy of the demo organisation, in English and French, with the synonyms people
 * type when they look for someone ("gestion relation client", "CRM", "C-TPAT"). Features reuse it
 * (expertise search, profile editing); ids are stable.
 */
export interface Skill {
  id: string;
  en: string;
  fr: string;
  /** Other ways people write it, in either language (abbreviations, spellings without accents). */
  synonyms: string[];
}

export const SKILLS: readonly Skill[] = [
  { id: 'crm', en: 'Customer relationship management', fr: 'Gestion de la relation client', synonyms: ['CRM', 'GRC', 'gestion relation client', 'relation client', 'customer relations'] },
  { id: 'customer-welcome', en: 'Customer welcome', fr: 'Accueil client', synonyms: ['accueil', 'front desk', 'greeting customers', 'réception'] },
  { id: 'complaint-handling', en: 'Complaint handling', fr: 'Traitement des plaintes', synonyms: ['plaintes', 'réclamations', 'complaints', 'escalations'] },
  { id: 'de-escalation', en: 'Conflict de-escalation', fr: 'Désamorçage de conflits', synonyms: ['de-escalation', 'désescalade', 'difficult customers', 'clients difficiles'] },
  { id: 'call-center', en: 'Call centre operations', fr: 'Opérations de centre d’appels', synonyms: ['call center', 'centre d\'appels', 'contact center', 'téléphonie'] },
  { id: 'logistics', en: 'Logistics', fr: 'Logistique', synonyms: ['supply chain', 'chaîne d\'approvisionnement', 'distribution'] },
  { id: 'route-planning', en: 'Delivery route planning', fr: 'Planification des tournées', synonyms: ['routing', 'tournées de livraison', 'dispatch', 'répartition'] },
  { id: 'warehouse', en: 'Warehouse management', fr: 'Gestion d’entrepôt', synonyms: ['WMS', 'entreposage', 'inventory', 'inventaire'] },
  { id: 'ctpat', en: 'C-TPAT compliance', fr: 'Conformité C-TPAT', synonyms: ['C-TPAT', 'CTPAT', 'customs', 'douanes', 'Customs-Trade Partnership Against Terrorism'] },
  { id: 'customs', en: 'Customs brokerage', fr: 'Courtage en douane', synonyms: ['douane', 'import export', 'dédouanement'] },
  { id: 'billing', en: 'Billing', fr: 'Facturation', synonyms: ['invoicing', 'factures', 'invoices', 'accounts receivable', 'comptes clients'] },
  { id: 'collections', en: 'Collections', fr: 'Recouvrement', synonyms: ['payment reminders', 'relances de paiement', 'dunning'] },
  { id: 'refunds', en: 'Refunds and credits', fr: 'Remboursements et crédits', synonyms: ['refund', 'remboursement', 'chargeback', 'crédit'] },
  { id: 'accounting', en: 'Accounting', fr: 'Comptabilité', synonyms: ['bookkeeping', 'tenue de livres', 'CPA', 'IFRS'] },
  { id: 'financial-analysis', en: 'Financial analysis', fr: 'Analyse financière', synonyms: ['FP&A', 'budgeting', 'budget', 'prévisions'] },
  { id: 'sharepoint', en: 'SharePoint', fr: 'SharePoint', synonyms: ['SPO', 'SharePoint Online', 'intranet', 'SPFx'] },
  { id: 'power-platform', en: 'Power Platform', fr: 'Power Platform', synonyms: ['Power Automate', 'Power Apps', 'Power BI', 'flows'] },
  { id: 'cybersecurity', en: 'Cybersecurity', fr: 'Cybersécurité', synonyms: ['security', 'sécurité', 'phishing', 'hameçonnage'] },
  { id: 'networking', en: 'Networking', fr: 'Réseautique', synonyms: ['network', 'réseau', 'Wi-Fi', 'LAN'] },
  { id: 'service-desk', en: 'IT service desk', fr: 'Centre de services TI', synonyms: ['help desk', 'soutien technique', 'support', 'ITIL'] },
  { id: 'lean', en: 'Lean', fr: 'Lean', synonyms: ['lean management', 'kaizen', 'amélioration continue', 'continuous improvement'] },
  { id: 'poka-yoke', en: 'Poka-yoke', fr: 'Poka-yoke', synonyms: ['error-proofing', 'détrompeur', 'anti-erreur', 'mistake-proofing'] },
  { id: 'six-sigma', en: 'Six Sigma', fr: 'Six Sigma', synonyms: ['DMAIC', 'green belt', 'ceinture verte'] },
  { id: 'merchandising', en: 'Visual merchandising', fr: 'Marchandisage visuel', synonyms: ['merchandising', 'étalage', 'planogram', 'planogramme'] },
  { id: 'point-of-sale', en: 'Point of sale systems', fr: 'Systèmes de point de vente', synonyms: ['POS', 'caisse', 'PDV', 'cash register'] },
  { id: 'loyalty', en: 'Loyalty programs', fr: 'Programmes de fidélisation', synonyms: ['loyalty', 'fidélité', 'rewards', 'récompenses'] },
  { id: 'ecommerce', en: 'E-commerce operations', fr: 'Opérations de commerce en ligne', synonyms: ['e-commerce', 'commerce électronique', 'online store', 'boutique en ligne', 'Shopify'] },
  { id: 'seo', en: 'Search engine optimization', fr: 'Référencement naturel', synonyms: ['SEO', 'référencement', 'SEM'] },
  { id: 'ux', en: 'User experience design', fr: 'Conception de l’expérience utilisateur', synonyms: ['UX', 'UI', 'ergonomie', 'usability'] },
  { id: 'data-analysis', en: 'Data analysis', fr: 'Analyse de données', synonyms: ['analytics', 'SQL', 'Excel', 'tableaux de bord', 'dashboards'] },
  { id: 'internal-comms', en: 'Internal communications', fr: 'Communications internes', synonyms: ['internal communication', 'intranet', 'newsletter', 'infolettre'] },
  { id: 'copywriting', en: 'Copywriting', fr: 'Rédaction', synonyms: ['writing', 'rédaction web', 'content', 'contenu'] },
  { id: 'translation', en: 'French–English translation', fr: 'Traduction français-anglais', synonyms: ['translation', 'traduction', 'localisation', 'localization', 'révision'] },
  { id: 'crisis-comms', en: 'Crisis communications', fr: 'Communication de crise', synonyms: ['crisis', 'crise', 'media relations', 'relations de presse'] },
  { id: 'community-management', en: 'Community management', fr: 'Gestion de communautés', synonyms: ['community manager', 'animation de communauté', 'moderation', 'modération'] },
  { id: 'recruiting', en: 'Recruiting', fr: 'Recrutement', synonyms: ['hiring', 'embauche', 'talent acquisition', 'acquisition de talents'] },
  { id: 'training', en: 'Training and coaching', fr: 'Formation et accompagnement', synonyms: ['coaching', 'onboarding', 'intégration', 'formation'] },
  { id: 'labour-relations', en: 'Labour relations', fr: 'Relations de travail', synonyms: ['labor relations', 'syndicat', 'union', 'convention collective'] },
  { id: 'health-safety', en: 'Occupational health and safety', fr: 'Santé et sécurité au travail', synonyms: ['SST', 'CNESST', 'OHS', 'safety', 'sécurité'] },
  { id: 'project-management', en: 'Project management', fr: 'Gestion de projet', synonyms: ['PMP', 'agile', 'Scrum', 'chargé de projet'] },
  { id: 'privacy', en: 'Privacy and personal information protection', fr: 'Protection des renseignements personnels', synonyms: ['Law 25', 'Loi 25', 'GDPR', 'RGPD', 'privacy'] },
  { id: 'spanish', en: 'Spanish', fr: 'Espagnol', synonyms: ['español', 'espagnol'] },
  { id: 'german', en: 'German', fr: 'Allemand', synonyms: ['Deutsch', 'allemand'] }
];

const BY_ID = new Map(SKILLS.map(s => [s.id, s]));

export function skillById(id: string): Skill | undefined {
  return BY_ID.get(id);
}

/** The label of a skill in a language ('fr...' gives French, anything else English). */
export function skillLabel(id: string, language: string | null | undefined): string {
  const s = BY_ID.get(id);
  if (!s) return id;
  return language && language.toLowerCase().startsWith('fr') ? s.fr : s.en;
}
