/**
 * The policy that works out of the box: every feature on for everyone, and the rules of the demo
 * organisation (Northwind Retail, a bilingual retailer and service company headquartered in Québec).
 * An organisation that deploys the suite replaces the groups, categories and calendar in the
 * "Suite settings" web part; everything else is a reasonable start.
 *
 * Figures come from the design's reference notes, "Facts and figures to build against" (cited
 * below as reference.md with its line numbers), unless a comment says otherwise.
 */
import type { FeatureToggle, GroupRef, LocalizedText, Policy, PolicyOption, RoutingRule, Severity, SkillDefinition } from './types';
import { POLICY_SCHEMA_VERSION } from './version';

const entra = (id: string, name: string): GroupRef => ({ kind: 'entra', id, name });

/**
 * Entra groups of the demo organisation. The ids are those the demo seed gives them
 * (`demoGroupId(mailNickname)` in the local tenant's seed, a stable hash of the mail nickname);
 * they are written out because shipped code never imports the dev-only seed.
 * tests/unit/policy-defaults.test.ts checks that they still match the seed.
 */
export const DEMO_GROUPS = {
  /** mailNickname 'tenant-admins' */
  tenantAdmins: entra('726573dc-4c7a-47ff-97e1-1f746d4bdd11', 'Tenant admins'),
  /** mailNickname 'management' */
  management: entra('faecb575-67f9-42e8-95a5-a02d4e1dc9e0', 'Management'),
  /** mailNickname 'communications-team' */
  communications: entra('1219121c-67d8-4f34-8c36-f18506715169', 'Communications team'),
  /** mailNickname 'community-managers' */
  communityManagers: entra('61e402b8-1f3c-417b-9bd7-5c587a2aa5c8', 'Community managers'),
  /** Department groups: mailNickname 'dept-<department key>'. */
  customerService: entra('1b3470b0-107a-4fae-81b3-7781af6bbe09', 'Dept – Customer Service'),
  deliveryLogistics: entra('2dd982c2-ceb2-429b-8301-fed2cb2e5a2b', 'Dept – Delivery & Logistics'),
  stores: entra('549cfad2-02b6-40d4-a0cf-cd7f5f28345d', 'Dept – Stores'),
  ecommerce: entra('f3fad93a-4be4-4269-b127-8ee0f1caf0ac', 'Dept – E-commerce'),
  billing: entra('53f21e9b-5f0c-48cf-aaaf-38290f6538da', 'Dept – Billing'),
  it: entra('f9e32a76-3e62-49cc-8ee0-7b889a5c6c22', 'Dept – IT'),
  communicationsDept: entra('a0d40c97-700a-448c-96dd-63910e2687da', 'Dept – Communications'),
  hr: entra('27535d77-8d2b-4af9-98e0-7a54b8622101', 'Dept – HR'),
  finance: entra('b52f2531-3fb7-4584-b730-bf1d8bad804c', 'Dept – Finance')
} as const;

const t = (en: string, fr: string): LocalizedText => ({ en, fr });
const option = (key: string, en: string, fr: string): PolicyOption => ({ key, label: t(en, fr), active: true });

/** What customers talk about, after the stories frontline staff tell (journeys.md, "Feedback history"). */
const CATEGORIES: PolicyOption[] = [
  option('delivery', 'Delivery and delivery windows', 'Livraison et plages de livraison'),
  option('call-centre', 'Call centre and phone lines', 'Centre d’appels et lignes téléphoniques'),
  option('billing', 'Billing and payment reminders', 'Facturation et rappels de paiement'),
  option('refunds', 'Refunds and credits', 'Remboursements et crédits'),
  option('phishing-fraud', 'Phishing and fraud', 'Hameçonnage et fraude'),
  option('tickets', 'Tickets and reservations', 'Billets et réservations'),
  option('loyalty', 'Loyalty program', 'Programme de fidélité'),
  option('store-service', 'Store service', 'Service en magasin'),
  option('service-quality', 'Staff courtesy and service quality', 'Courtoisie et qualité du service'),
  option('website', 'Website and mobile app', 'Site Web et application mobile'),
  option('product-quality', 'Product quality', 'Qualité des produits'),
  option('other', 'Other', 'Autre')
];

/** What the company sells or runs. */
const PRODUCTS: PolicyOption[] = [
  option('home-delivery', 'Home delivery', 'Livraison à domicile'),
  option('online-store', 'Online store', 'Boutique en ligne'),
  option('mobile-app', 'Mobile app', 'Application mobile'),
  option('in-store', 'In-store shopping', 'Achats en magasin'),
  option('loyalty-card', 'Loyalty card', 'Carte de fidélité'),
  option('customer-account', 'Customer account and invoices', 'Compte client et factures'),
  option('gift-cards', 'Gift cards', 'Cartes-cadeaux'),
  option('tickets', 'Tickets and passes', 'Billets et laissez-passer'),
  option('customer-service-line', 'Customer service line', 'Ligne du service à la clientèle')
];

/** Where the customer said it. */
const CHANNELS: PolicyOption[] = [
  option('phone', 'Phone', 'Téléphone'),
  option('email', 'Email', 'Courriel'),
  option('in-person', 'In person (store, counter)', 'En personne (magasin, comptoir)'),
  option('chat', 'Chat', 'Clavardage'),
  option('social-media', 'Social media', 'Réseaux sociaux'),
  option('sms', 'Text message', 'Texto'),
  option('at-the-door', 'At the door (delivery)', 'À la porte (livraison)'),
  option('mail', 'Postal mail', 'Courrier postal')
];

/**
 * Four levels, as Zendesk's SLA policies have (reference.md l. 93). Targets are the "common
 * ladder" of reference.md l. 95-96 (first response / resolution, in business hours): urgent 1 h / 4 h,
 * high 4 h / 8 h, normal 8 h / 24 h, low 24 h / 48 h. Weights (cost of delay = reach x weight x time
 * open) double at each level: the suite's own choice, no published figure.
 */
const SEVERITIES: Severity[] = [
  { key: 'urgent', label: t('Urgent', 'Urgente'), weight: 8, acknowledgeHours: 1, resolveHours: 4 },
  { key: 'high', label: t('High', 'Élevée'), weight: 4, acknowledgeHours: 4, resolveHours: 8 },
  { key: 'normal', label: t('Normal', 'Normale'), weight: 2, acknowledgeHours: 8, resolveHours: 24 },
  { key: 'low', label: t('Low', 'Faible'), weight: 1, acknowledgeHours: 24, resolveHours: 48 }
];

const toGroup = (id: string, category: string, group: GroupRef): RoutingRule => ({ id, when: { category }, owner: { kind: 'group', group } });

/**
 * By category to the department that can act; the first matching rule wins (as Zendesk applies the
 * first matching SLA policy, reference.md l. 93-94). Remarks on staff courtesy go to the relaying
 * employee's own manager. Product quality and "other" fall through to the fallback owner.
 */
const ROUTING: RoutingRule[] = [
  toGroup('delivery-to-logistics', 'delivery', DEMO_GROUPS.deliveryLogistics),
  toGroup('call-centre-to-customer-service', 'call-centre', DEMO_GROUPS.customerService),
  toGroup('billing-to-billing', 'billing', DEMO_GROUPS.billing),
  toGroup('refunds-to-billing', 'refunds', DEMO_GROUPS.billing),
  toGroup('phishing-to-it', 'phishing-fraud', DEMO_GROUPS.it),
  toGroup('tickets-to-customer-service', 'tickets', DEMO_GROUPS.customerService),
  toGroup('loyalty-to-stores', 'loyalty', DEMO_GROUPS.stores),
  toGroup('store-service-to-stores', 'store-service', DEMO_GROUPS.stores),
  { id: 'service-quality-to-manager', when: { category: 'service-quality' }, owner: { kind: 'managerChain', level: 1 } },
  toGroup('website-to-ecommerce', 'website', DEMO_GROUPS.ecommerce)
];

/**
 * Québec's statutory holidays (Act respecting labour standards, s. 60, and the National Holiday
 * Act; CNESST, "Jours fériés, chômés et payés"): New Year's Day, Good Friday (the employer may
 * choose Easter Monday instead), National Patriots' Day (the Monday before May 25), the Fête
 * nationale (June 24), Canada Day (July 1), Labour Day (first Monday of September), Thanksgiving
 * (second Monday of October) and Christmas Day. Not in reference.md.
 */
const QUEBEC_HOLIDAYS_2026_2027 = [
  '2026-01-01', '2026-04-03', '2026-05-18', '2026-06-24', '2026-07-01', '2026-09-07', '2026-10-12', '2026-12-25',
  '2027-01-01', '2027-03-26', '2027-05-24', '2027-06-24', '2027-07-01', '2027-09-06', '2027-10-11', '2027-12-25'
];

const skill = (id: string, en: string, fr: string, synonyms: string[]): SkillDefinition => ({ id, label: t(en, fr), synonyms });

/**
 * The skills taxonomy of the demo organisation, with the synonyms people type in English and
 * French. A copy of the local tenant's seed taxonomy (same ids), which profiles in the demo use;
 * tests/unit/policy-defaults.test.ts checks the two stay equal.
 */
const SKILLS: SkillDefinition[] = [
  skill('crm', 'Customer relationship management', 'Gestion de la relation client', ['CRM', 'GRC', 'gestion relation client', 'relation client', 'customer relations']),
  skill('customer-welcome', 'Customer welcome', 'Accueil client', ['accueil', 'front desk', 'greeting customers', 'réception']),
  skill('complaint-handling', 'Complaint handling', 'Traitement des plaintes', ['plaintes', 'réclamations', 'complaints', 'escalations']),
  skill('de-escalation', 'Conflict de-escalation', 'Désamorçage de conflits', ['de-escalation', 'désescalade', 'difficult customers', 'clients difficiles']),
  skill('call-center', 'Call centre operations', 'Opérations de centre d’appels', ['call center', 'centre d\'appels', 'contact center', 'téléphonie']),
  skill('logistics', 'Logistics', 'Logistique', ['supply chain', 'chaîne d\'approvisionnement', 'distribution']),
  skill('route-planning', 'Delivery route planning', 'Planification des tournées', ['routing', 'tournées de livraison', 'dispatch', 'répartition']),
  skill('warehouse', 'Warehouse management', 'Gestion d’entrepôt', ['WMS', 'entreposage', 'inventory', 'inventaire']),
  skill('ctpat', 'C-TPAT compliance', 'Conformité C-TPAT', ['C-TPAT', 'CTPAT', 'customs', 'douanes', 'Customs-Trade Partnership Against Terrorism']),
  skill('customs', 'Customs brokerage', 'Courtage en douane', ['douane', 'import export', 'dédouanement']),
  skill('billing', 'Billing', 'Facturation', ['invoicing', 'factures', 'invoices', 'accounts receivable', 'comptes clients']),
  skill('collections', 'Collections', 'Recouvrement', ['payment reminders', 'relances de paiement', 'dunning']),
  skill('refunds', 'Refunds and credits', 'Remboursements et crédits', ['refund', 'remboursement', 'chargeback', 'crédit']),
  skill('accounting', 'Accounting', 'Comptabilité', ['bookkeeping', 'tenue de livres', 'CPA', 'IFRS']),
  skill('financial-analysis', 'Financial analysis', 'Analyse financière', ['FP&A', 'budgeting', 'budget', 'prévisions']),
  skill('sharepoint', 'SharePoint', 'SharePoint', ['SPO', 'SharePoint Online', 'intranet', 'SPFx']),
  skill('power-platform', 'Power Platform', 'Power Platform', ['Power Automate', 'Power Apps', 'Power BI', 'flows']),
  skill('cybersecurity', 'Cybersecurity', 'Cybersécurité', ['security', 'sécurité', 'phishing', 'hameçonnage']),
  skill('networking', 'Networking', 'Réseautique', ['network', 'réseau', 'Wi-Fi', 'LAN']),
  skill('service-desk', 'IT service desk', 'Centre de services TI', ['help desk', 'soutien technique', 'support', 'ITIL']),
  skill('lean', 'Lean', 'Lean', ['lean management', 'kaizen', 'amélioration continue', 'continuous improvement']),
  skill('poka-yoke', 'Poka-yoke', 'Poka-yoke', ['error-proofing', 'détrompeur', 'anti-erreur', 'mistake-proofing']),
  skill('six-sigma', 'Six Sigma', 'Six Sigma', ['DMAIC', 'green belt', 'ceinture verte']),
  skill('merchandising', 'Visual merchandising', 'Marchandisage visuel', ['merchandising', 'étalage', 'planogram', 'planogramme']),
  skill('point-of-sale', 'Point of sale systems', 'Systèmes de point de vente', ['POS', 'caisse', 'PDV', 'cash register']),
  skill('loyalty', 'Loyalty programs', 'Programmes de fidélisation', ['loyalty', 'fidélité', 'rewards', 'récompenses']),
  skill('ecommerce', 'E-commerce operations', 'Opérations de commerce en ligne', ['e-commerce', 'commerce électronique', 'online store', 'boutique en ligne', 'Shopify']),
  skill('seo', 'Search engine optimization', 'Référencement naturel', ['SEO', 'référencement', 'SEM']),
  skill('ux', 'User experience design', 'Conception de l’expérience utilisateur', ['UX', 'UI', 'ergonomie', 'usability']),
  skill('data-analysis', 'Data analysis', 'Analyse de données', ['analytics', 'SQL', 'Excel', 'tableaux de bord', 'dashboards']),
  skill('internal-comms', 'Internal communications', 'Communications internes', ['internal communication', 'intranet', 'newsletter', 'infolettre']),
  skill('copywriting', 'Copywriting', 'Rédaction', ['writing', 'rédaction web', 'content', 'contenu']),
  skill('translation', 'French–English translation', 'Traduction français-anglais', ['translation', 'traduction', 'localisation', 'localization', 'révision']),
  skill('crisis-comms', 'Crisis communications', 'Communication de crise', ['crisis', 'crise', 'media relations', 'relations de presse']),
  skill('community-management', 'Community management', 'Gestion de communautés', ['community manager', 'animation de communauté', 'moderation', 'modération']),
  skill('recruiting', 'Recruiting', 'Recrutement', ['hiring', 'embauche', 'talent acquisition', 'acquisition de talents']),
  skill('training', 'Training and coaching', 'Formation et accompagnement', ['coaching', 'onboarding', 'intégration', 'formation']),
  skill('labour-relations', 'Labour relations', 'Relations de travail', ['labor relations', 'syndicat', 'union', 'convention collective']),
  skill('health-safety', 'Occupational health and safety', 'Santé et sécurité au travail', ['SST', 'CNESST', 'OHS', 'safety', 'sécurité']),
  skill('project-management', 'Project management', 'Gestion de projet', ['PMP', 'agile', 'Scrum', 'chargé de projet']),
  skill('privacy', 'Privacy and personal information protection', 'Protection des renseignements personnels', ['Law 25', 'Loi 25', 'GDPR', 'RGPD', 'privacy']),
  skill('spanish', 'Spanish', 'Espagnol', ['español', 'espagnol']),
  skill('german', 'German', 'Allemand', ['Deutsch', 'allemand']),
];

/** A new copy of the default policy (callers may change it freely). */
export function defaultPolicy(): Policy {
  const everyone = (): FeatureToggle => ({ enabled: true, audience: { everyone: true } });
  return {
    schemaVersion: POLICY_SCHEMA_VERSION,
    features: {
      profiles: everyone(),
      expertiseSearch: everyone(),
      communities: everyone(),
      feedbackRelay: everyone(),
      highlights: everyone(),
      portalHeader: everyone()
    },
    roles: {
      tenantAdmins: [{ ...DEMO_GROUPS.tenantAdmins }],
      management: [{ ...DEMO_GROUPS.management }],
      communications: [{ ...DEMO_GROUPS.communications }],
      communityManagers: [{ ...DEMO_GROUPS.communityManagers }]
    },
    feedback: {
      categories: CATEGORIES.map(o => ({ ...o, label: { ...o.label } })),
      products: PRODUCTS.map(o => ({ ...o, label: { ...o.label } })),
      channels: CHANNELS.map(o => ({ ...o, label: { ...o.label } })),
      severities: SEVERITIES.map(s => ({ ...s, label: { ...s.label } })),
      routing: ROUTING.map(r => ({
        id: r.id,
        when: { ...r.when },
        owner: r.owner.kind === 'group' ? { kind: 'group', group: { ...r.owner.group } } : { ...r.owner }
      })),
      // Complaints nobody else owns land with Customer Service, who speak with customers every day.
      fallbackOwner: { ...DEMO_GROUPS.customerService },
      calendar: {
        // Québec City and Montréal keep Eastern time; America/Toronto is its canonical IANA zone.
        timeZone: 'America/Toronto',
        workingDays: [1, 2, 3, 4, 5],
        workingHours: { start: '08:30', end: '17:00' },
        holidays: [...QUEBEC_HOLIDAYS_2026_2027]
      },
      // Waiting on the customer or a third party stops the clock (Salesforce: elapsed minus stopped
      // time; Jira Service Management: a pause moves the target by its length; reference.md l. 97-98).
      pauseStates: ['waitingOnCustomer', 'waitingOnThirdParty'],
      // A warning before the target (Salesforce's warning actions, reference.md l. 97), the breach
      // to the owner's manager, then one level up at 150 %: the suite's ladder.
      escalation: [
        { atShareOfTarget: 0.8, notify: 'owner' },
        { atShareOfTarget: 1, notify: 'ownerManager' },
        { atShareOfTarget: 1.5, notify: 'ownerManagersManager' }
      ],
      // Customer PII never reaches the lists: every kind is redacted at capture (issue 4: "on by default").
      redaction: { enabled: true, emails: true, phones: true, paymentCards: true, ibans: true, nationalIds: true },
      // Relays name who relayed them, so the answer can come back to that person.
      allowAnonymous: false,
      // Two years of relay texts; insights keep their counts after that. The suite's choice.
      retentionDays: 730
    },
    moderation: {
      // Each organisation writes its own list.
      blockedTerms: [],
      // Discourse: 5 flaggers close a topic, and a flag weighs 1 + the flagger's trust level, 5 for
      // staff (reference.md l. 84-85): five members, or one community manager, hide a post.
      flagHideThreshold: 5,
      // Community managers approve new members' first posts (journeys.md); 3 is Discourse's
      // day-one allowance of new topics for a new user (reference.md l. 83-84).
      premoderateNewMembers: true,
      newMemberPostsToApprove: 3,
      // Discourse lets a new user post 3 topics and 10 replies on their first day (reference.md
      // l. 83-84); the suite allows that per hour to every member. 20 flags a day is Discourse's
      // `max_flags_per_day` site setting default (not in reference.md).
      rateLimits: { postsPerHour: 3, repliesPerHour: 10, flagsPerDay: 20 }
    },
    // A category or product spikes when this week's count is 3 standard deviations above its
    // 28-day baseline, with at least 5 relays: the suite's choice (the three-sigma rule).
    spikes: { zScore: 3, minimumCount: 5, baselineDays: 28, windowDays: 7 },
    skills: SKILLS.map(s => ({ id: s.id, label: { ...s.label }, synonyms: [...s.synonyms] })),
    // The company is headquartered in Québec, where French is the official language of work.
    defaultLocale: 'fr-FR'
  };
}
