/**
 * The lists of expertise records and endorsements (issue "employee profiles and expertise search"),
 * declared once, for SUITE_LISTS (./suiteLists.ts). Who may write what, and why each column is
 * indexed: docs/expertise-data.md.
 */
import type { ListItemOf, ListSchema } from './schema';

export const EXPERTISE_PROFILES_LIST_TITLE = 'Expertise profiles';
export const ENDORSEMENTS_LIST_TITLE = 'Endorsements';

/** Internal names of the "Expertise profiles" columns. */
export const EXPERTISE_FIELDS = {
  personUpn: 'PersonUpn',
  skills: 'SkillsJson',
  askMeAbout: 'AskMeAbout',
  interests: 'Interests',
  languages: 'Languages',
  customerFacing: 'CustomerFacing'
} as const;

/** Internal names of the "Endorsements" columns. */
export const ENDORSEMENT_FIELDS = {
  key: 'EndorsementKey',
  personUpn: 'PersonUpn',
  skillKey: 'SkillKey',
  endorserUpn: 'EndorserUpn'
} as const;

/**
 * "Expertise profiles": one item per person, created and edited by that person only (write
 * security 2: people edit the items they created), read by everyone. Versioned: the history shows
 * what a person claimed and when. Tenant admins (Full Control, which overrides list behaviours)
 * and the trusted job's sweep remove items someone created under another person's name.
 *
 * Lengths: SharePoint bounds single lines of text (MaxLength, 1 to 255,
 * https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-visio/jj246597(v=office.15)),
 * so PersonUpn and Languages carry one. Multiple lines of text have no maximum length to set
 * (SP.FieldMultiLineText has only a display NumberOfLines,
 * https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-visio/jj246462(v=office.15)):
 * readers bound SkillsJson, AskMeAbout and Interests themselves (STORED_LIMITS, core/expertise/record.ts).
 */
export const EXPERTISE_PROFILES_LIST = {
  title: EXPERTISE_PROFILES_LIST_TITLE,
  description: 'Social intranet suite: each person\'s expertise record (skills and levels, ask me about, interests, languages). Only the person edits it; everyone reads it.',
  versioning: true,
  majorVersionLimit: 50,
  readSecurity: 1,
  writeSecurity: 2,
  fields: [
    { internalName: EXPERTISE_FIELDS.personUpn, title: 'Person (UPN)', type: 'Text', required: true, unique: true, indexed: true, maxLength: 255 },
    { internalName: EXPERTISE_FIELDS.skills, title: 'Skills (JSON)', type: 'Note', description: 'JSON array of { skillId?, label, proficiency 1..4 }.' },
    { internalName: EXPERTISE_FIELDS.askMeAbout, title: 'Ask me about', type: 'Note', description: 'One entry per line.' },
    { internalName: EXPERTISE_FIELDS.interests, title: 'Interests', type: 'Note', description: 'One entry per line.' },
    { internalName: EXPERTISE_FIELDS.languages, title: 'Languages', type: 'Text', maxLength: 255, description: 'Language codes separated by ";" (fr;en).' },
    { internalName: EXPERTISE_FIELDS.customerFacing, title: 'Customer-facing', type: 'Boolean' }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'everyone', level: 'Contribute' }
    ]
  }
} as const satisfies ListSchema;

/**
 * "Endorsements": one item per endorser, person and skill. The unique key makes a double click or
 * a retry harmless; write security 2 lets only the endorser withdraw (delete) their endorsement.
 */
export const ENDORSEMENTS_LIST = {
  title: ENDORSEMENTS_LIST_TITLE,
  description: 'Social intranet suite: endorsements of a colleague\'s skill (one per endorser, person and skill). Only the endorser can withdraw one; everyone reads them.',
  versioning: false,
  readSecurity: 1,
  writeSecurity: 2,
  fields: [
    { internalName: ENDORSEMENT_FIELDS.key, title: 'Endorsement key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 255 },
    { internalName: ENDORSEMENT_FIELDS.personUpn, title: 'Person (UPN)', type: 'Text', required: true, indexed: true, maxLength: 255 },
    { internalName: ENDORSEMENT_FIELDS.skillKey, title: 'Skill key', type: 'Text', required: true, maxLength: 255 },
    { internalName: ENDORSEMENT_FIELDS.endorserUpn, title: 'Endorser (UPN)', type: 'Text', required: true, indexed: true, maxLength: 255 }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'everyone', level: 'Contribute' }
    ]
  }
} as const satisfies ListSchema;

/** The document library of the prebuilt expertise index (its URL is its title under the hub site). */
export const EXPERTISE_INDEX_LIBRARY_TITLE = 'ExpertiseIndex';
/** The small file read first (version, size of the directory, the data file's name). */
export const EXPERTISE_INDEX_MANIFEST = 'expertise-index.manifest.json';

/**
 * "ExpertiseIndex": the index the trusted job builds from the directory, the expertise lists and
 * outcome evidence (services/expertise/indexBuild.ts), read by every employee's Find an expert.
 * Everyone reads; only tenant admins and the job (full control of the site) write, so readers can
 * trust the file as they trust the job. Kept out of search: it is data for the provider, not a
 * document to find. No spaces in the title, because REST derives the library's URL from it.
 */
export const EXPERTISE_INDEX_LIBRARY = {
  title: EXPERTISE_INDEX_LIBRARY_TITLE,
  description: 'Social intranet suite: the expertise search index, written by the suite\'s job. Everyone reads it; nobody edits it by hand.',
  baseTemplate: 101,
  versioning: false,
  readSecurity: 1,
  writeSecurity: 1,
  excludedFromSearch: true,
  fields: [],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'everyone', level: 'Read' }
    ]
  }
} as const satisfies ListSchema;

export type ExpertiseProfileItem = ListItemOf<typeof EXPERTISE_PROFILES_LIST>;
export type EndorsementItem = ListItemOf<typeof ENDORSEMENTS_LIST>;

/** Both lists, in provisioning order. */
export const EXPERTISE_LISTS: readonly ListSchema[] = [EXPERTISE_PROFILES_LIST, ENDORSEMENTS_LIST, EXPERTISE_INDEX_LIBRARY];
