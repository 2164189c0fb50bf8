/**
 * The demo seed: a deterministic generator of the demo organisation (same options, same directory,
 * byte for byte). No Math.random, no wall clock: the reference date is passed in.
 *
 *   CEO -> directors (one per department) -> managers (one per team) -> staff
 *
 * plus an executive assistant, a few guests (userType Guest) and a few disabled accounts; the fixed
 * personas of personas.ts sit at known places of the chart. Entra groups follow the chart.
 */
import { createRng, stableGuid, asciiAlias, Rng } from './prng';
import { DEPARTMENTS, EXECUTIVE_OFFICE, SITES, Department, Site, Title } from './org';
import { PERSONAS, Persona, PersonaRole, DEMO_DOMAIN, DEMO_COMPANY, personaByRole } from './personas';
import { SKILLS } from './skills';
import {
  Gender, GivenName, QUEBEC_GIVEN, QUEBEC_SURNAMES, ENGLISH_GIVEN, ENGLISH_SURNAMES, FRANCE_GIVEN, FRANCE_SURNAMES,
  SWISS_GIVEN, SWISS_SURNAMES, DIVERSE_GIVEN, DIVERSE_SURNAMES
} from './names';

export interface SeedDemoOptions {
  /** "Today" for the demo: hire dates and other dates are computed back from it. */
  referenceDate: Date;
  /** Number of directory accounts (members and guests); 320 by default, at least 60. */
  people?: number;
  /** Seed of the generator; the same seed gives the same organisation. */
  seed?: string | number;
}

export type Level = 'ceo' | 'assistant' | 'director' | 'manager' | 'staff' | 'guest';

export interface SeedPerson {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  jobTitle: string;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  preferredLanguage: string;
  mobilePhone: string | null;
  businessPhones: string[];
  employeeId: string | null;
  managerId: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  extra: PersonExtra;
  level: Level;
  departmentKey: string | null;
}

export interface PersonExtra {
  companyName: string;
  usageLocation: string;
  employeeHireDate: string | null;
  /** Skill ids (skills.ts). */
  skills: string[];
  /** ISO 639-1 codes of the languages the person works in. */
  languages: string[];
  customerFacing: boolean;
  hasPhoto: boolean;
  site: string | null;
  persona?: PersonaRole;
  aboutMe?: string;
}

export interface DemoGroup { id: string; displayName: string; mailNickname: string; description: string; members: string[] }

export interface DemoOrganisation {
  people: SeedPerson[];
  groups: DemoGroup[];
  ceoId: string;
}

export const GROUP_NICKNAMES = {
  tenantAdmins: 'tenant-admins',
  management: 'management',
  communications: 'communications-team',
  communityManagers: 'community-managers'
} as const;

/** Stable id of an Entra group of the demo, from its mailNickname (same in every seed). */
export const demoGroupId = (mailNickname: string): string => stableGuid(`group:${mailNickname}`);
/** Stable id of a demo user, from the UPN. */
export const demoUserId = (upn: string): string => stableGuid(`user:${upn.toLowerCase()}`);

// ---------------------------------------------------------------------------------------------

const GUESTS: { given: string; surname: string; company: string; domain: string; lang: string; title: Title; city: string; country: string }[] = [
  { given: 'Marco', surname: 'Rossi', company: 'Logistique Rossi', domain: 'logistique-rossi.example', lang: 'fr-CA',
    title: ['Carrier account manager', 'Chargé de compte transporteur', 'Chargée de compte transporteur'], city: 'Lévis', country: 'Canada' },
  { given: 'Aïcha', surname: 'Diallo', company: 'Agence Mosaïque', domain: 'agence-mosaique.example', lang: 'fr-FR',
    title: ['Agency consultant, communications', 'Consultant en communication (agence)', 'Consultante en communication (agence)'], city: 'Paris', country: 'France' },
  { given: 'Tom', surname: 'Becker', company: 'Lean Partners', domain: 'lean-partners.example', lang: 'en-GB',
    title: ['Lean coach', 'Coach Lean', 'Coach Lean'], city: 'Lausanne', country: 'Switzerland' }
];

function guestUpn(localPart: string, domain: string): string {
  return `${localPart}_${domain}#EXT#@${DEMO_DOMAIN}`;
}

/** Splits `total` by shares with the largest-remainder method (each part at least `min`). */
function apportion(total: number, shares: number[], min: number): number[] {
  const raw = shares.map(s => s * total);
  const out = raw.map(r => Math.max(min, Math.floor(r)));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length].i]++;
  for (let k = 0; left < 0; k++) {
    const i = order[order.length - 1 - (k % order.length)].i;
    if (out[i] > min) { out[i]--; left++; }
  }
  return out;
}

class PhoneBook {
  private next = new Map<string, number>();
  private fr = 0;
  private frMobile = 0;
  private ch = 0;

  /** North American numbers in the 555-0100..555-0199 range reserved for fiction (NANPA). */
  na(areaCodes: readonly string[]): string {
    const all = [...areaCodes, '418', '581', '367', '514', '438', '263', '819', '873', '450', '579'];
    for (const area of all) {
      const n = this.next.get(area) || 0;
      if (n < 100) {
        this.next.set(area, n + 1);
        return `+1 ${area} 555 01${String(n).padStart(2, '0')}`;
      }
    }
    throw new Error('The demo ran out of fictional North American phone numbers.');
  }

  /** French numbers in the ranges ARCEP keeps for fiction (01 99 00 xx xx, 06 39 98 xx xx). */
  france(mobile: boolean): string {
    const n = mobile ? this.frMobile++ : this.fr++;
    const d = String(n).padStart(4, '0');
    return mobile ? `+33 6 39 98 ${d.slice(0, 2)} ${d.slice(2)}` : `+33 1 99 00 ${d.slice(0, 2)} ${d.slice(2)}`;
  }

  /** Swiss numbers written as in Switzerland (made up, Lausanne's 021 area). */
  swiss(): string {
    const d = String(this.ch++).padStart(4, '0');
    return `+41 21 555 ${d.slice(0, 2)} ${d.slice(2)}`;
  }

  forSite(site: Site, mobile: boolean): string {
    if (site.phone === 'fr') return this.france(mobile);
    if (site.phone === 'ch') return mobile ? this.swiss() : this.swiss();
    return this.na(site.areaCodes || ['418']);
  }
}

function namePools(lang: string, rng: Rng): { given: GivenName[]; surnames: string[] } {
  const diverse = { given: DIVERSE_GIVEN, surnames: DIVERSE_SURNAMES };
  if (lang === 'fr-CA') return rng.chance(0.15) ? diverse : { given: QUEBEC_GIVEN, surnames: QUEBEC_SURNAMES };
  if (lang === 'en-CA') return rng.chance(0.25) ? diverse : { given: ENGLISH_GIVEN, surnames: ENGLISH_SURNAMES };
  if (lang === 'fr-FR') return rng.chance(0.3) ? diverse : { given: FRANCE_GIVEN, surnames: FRANCE_SURNAMES };
  if (lang === 'fr-CH') return rng.chance(0.15) ? diverse : rng.chance(0.15) ? { given: FRANCE_GIVEN, surnames: FRANCE_SURNAMES } : { given: SWISS_GIVEN, surnames: SWISS_SURNAMES };
  return { given: ENGLISH_GIVEN, surnames: ENGLISH_SURNAMES };
}

const isFrench = (lang: string): boolean => lang.toLowerCase().startsWith('fr');
const titleFor = (t: Title, lang: string, g: Gender): string => (isFrench(lang) ? (g === 'f' ? t[2] : t[1]) : t[0]);

function languagesOf(lang: string, rng: Rng): string[] {
  const primary = lang.slice(0, 2);
  const langs = [primary];
  const bilingualChance = lang === 'fr-CA' ? 0.65 : lang === 'en-CA' ? 0.55 : lang === 'fr-CH' ? 0.5 : 0.4;
  if (rng.chance(bilingualChance)) langs.push(primary === 'fr' ? 'en' : 'fr');
  if (lang === 'fr-CH' && rng.chance(0.4)) langs.push('de');
  if (rng.chance(0.05)) langs.push('es');
  return langs;
}

function isoDay(d: Date): string {
  return `${d.toISOString().slice(0, 10)}T00:00:00Z`;
}

const PERSONA_SKILLS: Record<PersonaRole, string[]> = {
  'frontline-agent': ['crm', 'complaint-handling', 'customer-welcome', 'de-escalation'],
  manager: ['crm', 'lean', 'poka-yoke', 'training'],
  director: ['crm', 'call-center', 'six-sigma', 'project-management'],
  'communications-officer': ['internal-comms', 'copywriting', 'translation', 'crisis-comms'],
  'tenant-admin': ['sharepoint', 'power-platform', 'cybersecurity', 'privacy'],
  employee: ['financial-analysis', 'data-analysis', 'accounting'],
  'community-manager': ['community-management', 'training', 'recruiting'],
  executive: ['lean', 'crisis-comms', 'crm'],
  guest: ['lean', 'poka-yoke', 'six-sigma', 'german']
};

/** Who has no photo among the personas (so both cases are easy to try). */
const PERSONAS_WITHOUT_PHOTO: PersonaRole[] = ['employee', 'guest'];

/** Builds the demo organisation in memory (no database). */
export function generateDemoOrganisation(options: SeedDemoOptions): DemoOrganisation {
  const total = options.people === undefined ? 320 : options.people;
  if (!Number.isInteger(total) || total < 60) throw new Error(`seedDemo: people must be an integer >= 60, not ${String(options.people)}`);
  const refMs = options.referenceDate.getTime();
  if (!Number.isFinite(refMs)) throw new Error('seedDemo: referenceDate must be a valid Date');
  const rng = createRng(options.seed === undefined ? 'northwind-demo' : options.seed);
  const phones = new PhoneBook();
  const usedUpns = new Set<string>(PERSONAS.map(p => p.upn.toLowerCase()));
  const usedNames = new Set<string>(PERSONAS.map(p => p.displayName));
  const people: SeedPerson[] = [];
  let employeeNo = 10000;

  const hireDate = (level: Level): string => {
    let days: number;
    if (level === 'ceo') days = 15 * 365 + 40;
    else if (rng.chance(0.04)) days = rng.int(5, 45); // recent hires
    else days = rng.int(level === 'director' ? 3 * 365 : 90, (level === 'staff' ? 12 : 18) * 365);
    return isoDay(new Date(refMs - days * 86400000));
  };

  const pickSkills = (dept: Department | null): string[] => {
    const pool = dept ? dept.skills : ['lean', 'crm', 'project-management'];
    const n = rng.int(2, Math.min(5, pool.length));
    const skills = rng.sample(pool, n);
    if (rng.chance(0.2)) {
      const other = rng.pick(SKILLS).id;
      if (!skills.includes(other)) skills.push(other);
    }
    return skills;
  };

  const uniqueUpn = (given: string, surname: string): string => {
    const base = `${asciiAlias(given)}.${asciiAlias(surname)}`;
    let upn = `${base}@${DEMO_DOMAIN}`;
    for (let i = 2; usedUpns.has(upn.toLowerCase()); i++) upn = `${base}${i}@${DEMO_DOMAIN}`;
    usedUpns.add(upn.toLowerCase());
    return upn;
  };

  const newName = (lang: string): { given: string; surname: string; g: Gender } => {
    for (let attempt = 0; ; attempt++) {
      const pools = namePools(lang, rng);
      const gn = rng.pick(pools.given);
      const surname = rng.pick(pools.surnames);
      const display = `${gn.name} ${surname}`;
      if (!usedNames.has(display) || attempt > 20) {
        usedNames.add(display);
        return { given: gn.name, surname, g: gn.g };
      }
    }
  };

  const addPerson = (p: {
    level: Level; dept: Department | null; site: Site; managerId: string | null; title: Title;
    customerFacing: boolean; persona?: Persona; lang?: string; departmentName?: string;
  }): SeedPerson => {
    const lang = p.persona ? p.persona.preferredLanguage : (p.lang || rng.weighted(p.site.languages.map(l => l.lang), p.site.languages.map(l => l.weight)));
    let given: string, surname: string, g: Gender, upn: string, jobTitle: string;
    if (p.persona) {
      given = p.persona.givenName;
      surname = p.persona.surname;
      g = /^(Émilie|Catherine|Chloé|Olivia|Isabelle|Laura)$/.test(given) ? 'f' : 'm';
      upn = p.persona.upn;
      jobTitle = isFrench(lang) ? p.persona.jobTitle.fr : p.persona.jobTitle.en;
    } else {
      ({ given, surname, g } = newName(lang));
      upn = uniqueUpn(given, surname);
      jobTitle = titleFor(p.title, lang, g);
    }
    const hasMobile = p.level !== 'staff' || rng.chance(0.45);
    const person: SeedPerson = {
      id: demoUserId(upn),
      userPrincipalName: upn,
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      mail: upn,
      jobTitle,
      department: p.departmentName !== undefined ? p.departmentName : p.dept ? p.dept.en : null,
      officeLocation: p.site.officeLocation,
      city: p.site.city,
      country: p.site.country,
      preferredLanguage: lang,
      mobilePhone: hasMobile ? phones.forSite(p.site, true) : null,
      businessPhones: [phones.forSite(p.site, false)],
      employeeId: `NW${employeeNo++}`,
      managerId: p.managerId,
      accountEnabled: true,
      userType: 'Member',
      level: p.level,
      departmentKey: p.dept ? p.dept.key : p.departmentName ? EXECUTIVE_OFFICE.key : null,
      extra: {
        companyName: DEMO_COMPANY,
        usageLocation: p.site.usageLocation,
        employeeHireDate: hireDate(p.level),
        skills: p.persona ? PERSONA_SKILLS[p.persona.role] : pickSkills(p.dept),
        languages: languagesOf(lang, rng),
        customerFacing: p.customerFacing,
        hasPhoto: p.persona ? !PERSONAS_WITHOUT_PHOTO.includes(p.persona.role) : rng.chance(0.85),
        site: p.site.key,
        ...(p.persona ? { persona: p.persona.role, aboutMe: isFrench(lang) ? p.persona.description.fr : p.persona.description.en } : {})
      }
    };
    people.push(person);
    return person;
  };

  // CEO and the executive office
  const ceo = addPerson({
    level: 'ceo', dept: null, site: SITES.quebec, managerId: null, persona: personaByRole('executive'),
    title: ['President and Chief Executive Officer', 'Président-directeur général', 'Présidente-directrice générale'],
    customerFacing: false, departmentName: EXECUTIVE_OFFICE.en
  });
  addPerson({
    level: 'assistant', dept: null, site: SITES.quebec, managerId: ceo.id, departmentName: EXECUTIVE_OFFICE.en,
    title: ['Executive assistant', 'Adjoint de direction', 'Adjointe de direction'], customerFacing: false
  });

  // Departments, sized by share
  const employees = total - (GUESTS.length + 1) - 2;
  const sizes = apportion(employees, DEPARTMENTS.map(d => d.share), 4);
  const placed: Partial<Record<PersonaRole, { dept: string; slot: 'director' | 'manager0' | 'staff0' }>> = {
    director: { dept: 'customer-service', slot: 'director' },
    manager: { dept: 'customer-service', slot: 'manager0' },
    'frontline-agent': { dept: 'customer-service', slot: 'staff0' },
    'communications-officer': { dept: 'communications', slot: 'staff0' },
    'tenant-admin': { dept: 'it', slot: 'staff0' },
    employee: { dept: 'finance', slot: 'staff0' },
    'community-manager': { dept: 'hr', slot: 'staff0' }
  };
  const personaAt = (dept: string, slot: string): Persona | undefined => {
    const role = (Object.keys(placed) as PersonaRole[]).find(r => placed[r]!.dept === dept && placed[r]!.slot === slot);
    return role ? personaByRole(role) : undefined;
  };

  DEPARTMENTS.forEach((dept, di) => {
    const size = sizes[di];
    const teams = Math.max(1, Math.round((size - 1) / 9));
    const staffTotal = size - 1 - teams;
    const director = addPerson({
      level: 'director', dept, site: SITES[dept.sites[0]], managerId: ceo.id, title: dept.director,
      customerFacing: false, persona: personaAt(dept.key, 'director')
    });
    for (let t = 0; t < teams; t++) {
      const site = SITES[dept.sites[t % dept.sites.length]];
      const manager = addPerson({
        level: 'manager', dept, site, managerId: director.id, title: dept.manager,
        customerFacing: dept.managersCustomerFacing, persona: t === 0 ? personaAt(dept.key, 'manager0') : undefined
      });
      const teamSize = Math.floor(staffTotal / teams) + (t < staffTotal % teams ? 1 : 0);
      for (let s = 0; s < teamSize; s++) {
        const persona = t === 0 && s === 0 ? personaAt(dept.key, 'staff0') : undefined;
        const role = rng.weighted(dept.staff, dept.staff.map(x => x.weight));
        const staffTitle = persona && persona.role === 'frontline-agent' ? dept.staff[0] : role;
        addPerson({
          level: 'staff', dept, site, managerId: manager.id, title: staffTitle.title,
          customerFacing: staffTitle.customerFacing, persona
        });
      }
    }
  });

  // A few former employees keep their (disabled) accounts
  const candidates = people.filter(p => p.level === 'staff' && !p.extra.persona);
  for (const p of rng.sample(candidates, 4)) p.accountEnabled = false;

  // Guests: the persona and partners; they have no manager and no department
  const guestPersona = personaByRole('guest');
  const guestSpecs = [
    { given: guestPersona.givenName, surname: guestPersona.surname, company: 'Lean Partners', domain: 'lean-partners.example', lang: guestPersona.preferredLanguage,
      title: [guestPersona.jobTitle.en, guestPersona.jobTitle.fr, guestPersona.jobTitle.fr] as Title, city: guestPersona.city, country: 'Switzerland', persona: guestPersona },
    ...GUESTS.map(g => ({ ...g, persona: undefined as Persona | undefined }))
  ];
  for (const g of guestSpecs) {
    const external = `${asciiAlias(g.given)}.${asciiAlias(g.surname)}@${g.domain}`;
    const upn = g.persona ? g.persona.upn : guestUpn(external.split('@')[0], g.domain);
    const gender: Gender = /^(Laura|Aïcha)$/.test(g.given) ? 'f' : 'm';
    people.push({
      id: demoUserId(upn),
      userPrincipalName: upn,
      displayName: g.persona ? g.persona.displayName : `${g.given} ${g.surname} (${g.company})`,
      givenName: g.given,
      surname: g.surname,
      mail: external,
      jobTitle: titleFor(g.title, g.lang, gender),
      department: null,
      officeLocation: null,
      city: g.city,
      country: g.country,
      preferredLanguage: g.lang,
      mobilePhone: null,
      businessPhones: [],
      employeeId: null,
      managerId: null,
      accountEnabled: true,
      userType: 'Guest',
      level: 'guest',
      departmentKey: null,
      extra: {
        companyName: g.company,
        usageLocation: g.country === 'France' ? 'FR' : g.country === 'Switzerland' ? 'CH' : 'CA',
        employeeHireDate: null,
        skills: g.persona ? PERSONA_SKILLS.guest : rng.sample(['lean', 'logistics', 'internal-comms', 'six-sigma'], 2),
        languages: languagesOf(g.lang, rng),
        customerFacing: false,
        hasPhoto: false,
        site: null,
        ...(g.persona ? { persona: g.persona.role as PersonaRole } : {})
      }
    });
  }

  // Entra groups, consistent with the chart
  const byRole = (role: PersonaRole): SeedPerson => people.find(p => p.extra.persona === role)!;
  const itDirector = people.find(p => p.level === 'director' && p.departmentKey === 'it')!;
  const commsPeople = people.filter(p => p.departmentKey === 'communications' && p.accountEnabled).map(p => p.id);
  const otherCommunityManagers = rng.sample(people.filter(p => p.userType === 'Member' && p.accountEnabled && p.level === 'staff'
    && !p.extra.persona && (p.departmentKey === 'communications' || p.departmentKey === 'customer-service')), 2);
  const group = (mailNickname: string, displayName: string, description: string, members: string[]): DemoGroup =>
    ({ id: demoGroupId(mailNickname), displayName, mailNickname, description, members: [...new Set(members)] });
  const groups: DemoGroup[] = [
    group(GROUP_NICKNAMES.tenantAdmins, 'Tenant admins', 'Administrators of the Microsoft 365 tenant and of the suite / Administrateurs du locataire et de la suite',
      [byRole('tenant-admin').id, itDirector.id]),
    group(GROUP_NICKNAMES.management, 'Management', 'CEO, directors and managers / Direction, directeurs et gestionnaires',
      people.filter(p => (p.level === 'ceo' || p.level === 'director' || p.level === 'manager') && p.accountEnabled).map(p => p.id)),
    group(GROUP_NICKNAMES.communications, 'Communications team', 'People who curate company-wide news / Équipe qui choisit les nouvelles de l’entreprise', commsPeople),
    group(GROUP_NICKNAMES.communityManagers, 'Community managers', 'People who run communities under their own name / Animateurs de communautés',
      [byRole('community-manager').id, ...otherCommunityManagers.map(p => p.id)]),
    ...DEPARTMENTS.map(d => group(`dept-${d.key}`, `Dept – ${d.en}`, `Everyone in ${d.en} / Tout le personnel : ${d.fr}`,
      people.filter(p => p.departmentKey === d.key).map(p => p.id)))
  ];

  return { people, groups, ceoId: ceo.id };
}
