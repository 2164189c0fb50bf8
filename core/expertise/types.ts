/**
 * Expertise search: the shapes shared by the local index, the ranking blend and (later) the
 * SharePoint Search provider. Pure data; no sentences: the UI turns reasons into words.
 * The ranking is documented in docs/expertise-ranking.md.
 */
import type { SkillDefinition } from '../policy/types';

export type { SkillDefinition };

/** Declared level: 1 = notions, 2 = practitioner, 3 = advanced, 4 = expert. */
export type Proficiency = 1 | 2 | 3 | 4;

/** A skill on a profile: from the policy's taxonomy (`skillId`) or a free entry (`label` only). */
export interface ProfileSkill {
  skillId?: string;
  /** The label as shown on the profile (for taxonomy skills, informative only: the taxonomy wins). */
  label: string;
  proficiency: Proficiency;
}

/** What others and outcomes say about one skill of a person. */
export interface SkillEvidence {
  /** Ids (UPNs) of the colleagues who endorse the skill. Counted distinct, never the person themself. */
  endorsers: string[];
  /** Accepted answers in communities on the skill. */
  acceptedAnswers: number;
  /** Resolved customer insights on the skill. */
  resolvedInsights: number;
}

/**
 * Key of a skill in `ExpertProfile.evidence`: the taxonomy id for taxonomy skills, the normalized
 * label (`skillKeyOf`, core/expertise/normalize.ts) for free entries.
 */
export type SkillKey = string;

export interface ExpertProfile {
  /** Stable id (the directory object id). */
  id: string;
  upn: string;
  displayName: string;
  jobTitle: string;
  department: string;
  /** Office / site, e.g. 'Québec'. */
  location: string;
  /** ISO 639-1 codes (or BCP 47 tags) of the languages the person works in. */
  languages: string[];
  customerFacing: boolean;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  skills: ProfileSkill[];
  askMeAbout: string[];
  interests: string[];
  evidence: Record<SkillKey, SkillEvidence>;
}

export interface SearchFilters {
  /** Exact department (accent- and case-insensitive). */
  department?: string;
  /** Exact location (accent- and case-insensitive). */
  location?: string;
  /** Language code; 'fr' matches 'fr-CA' and the reverse (primary subtag). */
  language?: string;
  customerFacing?: boolean;
}

export interface SearchQuery {
  /** Free text, English or French. Blank lists every visible profile (filters still apply). */
  text: string;
  filters: SearchFilters;
  /** 1-based page number. */
  page: number;
  /** Results per page (1..MAX_PAGE_SIZE). */
  pageSize: number;
  /** UI locale, e.g. 'fr-FR': picks the taxonomy label put in reasons. */
  locale: string;
}

/** Text fields of a profile that a query can match (besides skills). */
export type TextField = 'displayName' | 'jobTitle' | 'department' | 'location' | 'askMeAbout' | 'interests';

/** The skill a reason is about. */
export interface ReasonSkill {
  /** Key in `ExpertProfile.evidence`: taxonomy id or normalized free label. */
  skillKey: SkillKey;
  /** Taxonomy id; absent for free entries. */
  skillId?: string;
  /** Taxonomy label in the query's locale, or the free entry as the person wrote it. */
  label: string;
}

/**
 * Why a result ranks where it does. `points` is the share of the result's score that the reason
 * brings (see docs/expertise-ranking.md), so reasons can be ordered and checked.
 */
export type Reason =
  | (ReasonSkill & { kind: 'declaredSkill'; proficiency: Proficiency; points: number })
  | (ReasonSkill & { kind: 'endorsements'; count: number; points: number })
  | (ReasonSkill & { kind: 'acceptedAnswers'; count: number; points: number })
  | (ReasonSkill & { kind: 'resolvedInsights'; count: number; points: number })
  | {
      kind: 'textMatch';
      /** Profile fields the query matched, in a fixed order. */
      fields: TextField[];
      /** The "ask me about" and interest entries that matched, as written. */
      entries: string[];
      points: number;
    };

export type ReasonKind = Reason['kind'];

export interface SearchHit {
  profile: ExpertProfile;
  /** The blend: `relevance` × the text weight plus the points of the skill reasons. */
  score: number;
  /** Full-text relevance within this query, 0..1 (1 = the best text match of the query). */
  relevance: number;
  reasons: Reason[];
}

export interface SearchResult {
  /** Number of matching visible profiles, all pages. */
  total: number;
  page: number;
  pageSize: number;
  results: SearchHit[];
}

/** The local index (and, behind the same interface, other providers). */
export interface ExpertiseIndex {
  search(query: SearchQuery): SearchResult;
  /** Adds a profile; replaces it when its id is already indexed. */
  add(profile: ExpertProfile): void;
  /** Replaces the profile with the same id (adds it when absent). */
  replace(profile: ExpertProfile): void;
  /** Removes a profile (by object or id); unknown ids are ignored. */
  remove(profile: ExpertProfile | string): void;
  has(id: string): boolean;
  /** Number of searchable profiles (guests and disabled accounts are not counted). */
  readonly size: number;
}
