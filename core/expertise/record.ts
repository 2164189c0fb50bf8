/**
 * A person's expertise record, as they write it: skills (taxonomy id or free label, with a level),
 * "ask me about", interests, languages, customer-facing. Pure validation and cleaning, and
 * the keys the endorsement list uses. Stored by services/expertise/records.ts; the rules are in
 * docs/expertise-data.md.
 */
import type { Proficiency, ProfileSkill, SkillKey } from './types';
import { normalizeLabel } from './normalize';

export interface ExpertiseRecord {
  /** The person the record describes (lower case). */
  personUpn: string;
  skills: ProfileSkill[];
  askMeAbout: string[];
  interests: string[];
  /** ISO 639-1 codes or BCP 47 tags ('fr', 'en-CA'). */
  languages: string[];
  customerFacing: boolean;
}

/** Bounds of a record (also in docs/expertise-data.md). */
export const RECORD_LIMITS = Object.freeze({
  skills: 50,
  /** Longest skill label, and longest skill id (the policy's ids are far shorter). */
  labelMaxLength: 80,
  entries: 20,
  entryMaxLength: 120,
  languages: 10
});

/**
 * Longest JSON of one skill entry a valid record can store: the fixed parts of
 * `{"skillId":"…","label":"…","proficiency":4},` plus an id and a label of 80 characters each,
 * every character escaped as JSON's longest escape (\u0001: 6 characters).
 */
const SKILL_JSON_MAX = '{"skillId":"","label":"","proficiency":4},'.length + 2 * RECORD_LIMITS.labelMaxLength * 6;

/**
 * Longest stored value, in characters, that a reader parses: what the editor's validated output
 * can reach, no more. A longer value cannot come from the editor (someone wrote the list with
 * plain REST), so it is not parsed at all: no cost for readers, no weight in the ranking.
 */
export const STORED_LIMITS = Object.freeze({
  skillsJson: 2 + RECORD_LIMITS.skills * SKILL_JSON_MAX,
  /** "Ask me about" and interests: one entry per line (a line break may be \r\n). */
  entries: RECORD_LIMITS.entries * (RECORD_LIMITS.entryMaxLength + 2)
});

export type RecordErrorCode = 'required' | 'invalidType' | 'tooMany' | 'tooLong' | 'invalidProficiency' | 'unknownSkill' | 'invalidLanguage';

export interface RecordFieldError {
  /** Dotted path, e.g. 'skills.3.proficiency'. */
  path: string;
  code: RecordErrorCode;
}

export type RecordValidation = { ok: true; record: ExpertiseRecord } | { ok: false; errors: RecordFieldError[] };

/** Collapses white space (including line breaks: entries are stored one per line) and trims. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

type ShapeIssue = { path: string; code: 'required' | 'invalidType' };

/**
 * The record's shape, checked by hand: the profile pages read and save records, and a schema
 * library for six fields would weigh more than the web part's own code.
 */
function shapeIssues(input: unknown): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const kind = (value: unknown, path: string, expected: 'string' | 'number' | 'boolean', optional = false): void => {
    if (value === undefined) {
      if (!optional) issues.push({ path, code: 'required' });
    } else if (typeof value !== expected || (expected === 'number' && Number.isNaN(value))) {
      issues.push({ path, code: 'invalidType' });
    }
  };
  const list = (value: unknown, path: string, each: (item: unknown, itemPath: string) => void): void => {
    if (value === undefined) issues.push({ path, code: 'required' });
    else if (!Array.isArray(value)) issues.push({ path, code: 'invalidType' });
    else value.forEach((item, i) => each(item, `${path}.${i}`));
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ path: '', code: input === undefined ? 'required' : 'invalidType' }];
  }
  const r = input as Record<string, unknown>;
  kind(r.personUpn, 'personUpn', 'string');
  list(r.skills, 'skills', (item, path) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({ path, code: item === undefined ? 'required' : 'invalidType' });
      return;
    }
    const s = item as Record<string, unknown>;
    kind(s.skillId, `${path}.skillId`, 'string', true);
    kind(s.label, `${path}.label`, 'string', true);
    kind(s.proficiency, `${path}.proficiency`, 'number');
  });
  for (const field of ['askMeAbout', 'interests', 'languages']) {
    list(r[field], field, (item, path) => kind(item, path, 'string'));
  }
  kind(r.customerFacing, 'customerFacing', 'boolean');
  return issues;
}

interface ShapedRecord {
  personUpn: string;
  skills: Array<{ skillId?: string; label?: string; proficiency: number }>;
  askMeAbout: string[];
  interests: string[];
  languages: string[];
  customerFacing: boolean;
}

/** Evidence key of a skill entry: the taxonomy id, or the normalized free label. */
export function skillKeyOf(skill: { skillId?: string; label: string }): SkillKey {
  const id = skill.skillId ? skill.skillId.trim() : '';
  return id !== '' ? id : normalizeLabel(skill.label);
}

function cleanEntries(values: string[], path: string, errors: RecordFieldError[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  values.forEach((raw, i) => {
    const v = cleanText(raw);
    if (v === '') return;
    if (v.length > RECORD_LIMITS.entryMaxLength) errors.push({ path: `${path}.${i}`, code: 'tooLong' });
    const key = normalizeLabel(v) || v.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(v);
  });
  if (out.length > RECORD_LIMITS.entries) errors.push({ path, code: 'tooMany' });
  return out;
}

/**
 * Validates and cleans a record: texts trimmed (white space collapsed), blanks dropped, duplicates
 * removed (free skills by normalized label, keeping the highest level; taxonomy skills by id),
 * bounds checked. `taxonomyIds`, when given, refuses ids the policy does not know.
 */
export function validateRecord(input: unknown, taxonomyIds?: ReadonlySet<string>): RecordValidation {
  const issues = shapeIssues(input);
  if (issues.length) return { ok: false, errors: issues };
  const r = input as ShapedRecord;
  const errors: RecordFieldError[] = [];
  const personUpn = r.personUpn.trim().toLowerCase();
  if (personUpn === '') errors.push({ path: 'personUpn', code: 'required' });

  const skills: ProfileSkill[] = [];
  const byKey = new Map<string, ProfileSkill>();
  r.skills.forEach((s, i) => {
    const skillId = s.skillId && s.skillId.trim() !== '' ? s.skillId.trim() : undefined;
    const label = cleanText(s.label || '');
    if (!skillId && label === '') return; // a blank row of the form
    if (label.length > RECORD_LIMITS.labelMaxLength) errors.push({ path: `skills.${i}.label`, code: 'tooLong' });
    if (skillId && skillId.length > RECORD_LIMITS.labelMaxLength) errors.push({ path: `skills.${i}.skillId`, code: 'tooLong' });
    if (skillId && taxonomyIds && !taxonomyIds.has(skillId)) errors.push({ path: `skills.${i}.skillId`, code: 'unknownSkill' });
    if (!Number.isInteger(s.proficiency) || s.proficiency < 1 || s.proficiency > 4) {
      errors.push({ path: `skills.${i}.proficiency`, code: 'invalidProficiency' });
      return;
    }
    const skill: ProfileSkill = { ...(skillId ? { skillId } : {}), label: label || (skillId as string), proficiency: s.proficiency as Proficiency };
    const key = skillKeyOf(skill);
    if (key === '') return;
    const existing = byKey.get(key);
    if (existing) {
      if (skill.proficiency > existing.proficiency) existing.proficiency = skill.proficiency;
      return;
    }
    byKey.set(key, skill);
    skills.push(skill);
  });
  if (skills.length > RECORD_LIMITS.skills) errors.push({ path: 'skills', code: 'tooMany' });

  const askMeAbout = cleanEntries(r.askMeAbout, 'askMeAbout', errors);
  const interests = cleanEntries(r.interests, 'interests', errors);

  const languages: string[] = [];
  r.languages.forEach((raw, i) => {
    const v = raw.trim();
    if (v === '') return;
    if (!LANGUAGE.test(v)) {
      errors.push({ path: `languages.${i}`, code: 'invalidLanguage' });
      return;
    }
    if (!languages.some(l => l.toLowerCase() === v.toLowerCase())) languages.push(v);
  });
  if (languages.length > RECORD_LIMITS.languages) errors.push({ path: 'languages', code: 'tooMany' });

  if (errors.length) return { ok: false, errors };
  return { ok: true, record: { personUpn, skills, askMeAbout, interests, languages, customerFacing: r.customerFacing } };
}

/**
 * Skills as stored (JSON), read leniently but within the editor's limits: entries that are not
 * skills are dropped, levels are clamped to 1..4, entries the editor could not have written (a
 * label or id longer than its limit) are dropped, duplicates (same skill key) count once at their
 * first place with the highest level, and the list is cut to RECORD_LIMITS.skills in stored order.
 * A value longer than STORED_LIMITS.skillsJson is not parsed at all (no skills): only a plain REST
 * write can produce one. A stored record is shown even if an older version wrote it differently.
 */
export function parseStoredSkills(json: string | null | undefined): ProfileSkill[] {
  if (!json || json.length > STORED_LIMITS.skillsJson) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: ProfileSkill[] = [];
  const byKey = new Map<string, ProfileSkill>();
  for (const e of raw as unknown[]) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const skillId = typeof o.skillId === 'string' && o.skillId.trim() !== '' ? o.skillId.trim() : undefined;
    const label = typeof o.label === 'string' ? cleanText(o.label) : '';
    if (!skillId && !label) continue;
    if (label.length > RECORD_LIMITS.labelMaxLength || (skillId && skillId.length > RECORD_LIMITS.labelMaxLength)) continue;
    const n = typeof o.proficiency === 'number' && Number.isFinite(o.proficiency) ? Math.round(o.proficiency) : 1;
    const skill: ProfileSkill = { ...(skillId ? { skillId } : {}), label: label || (skillId as string), proficiency: Math.min(4, Math.max(1, n)) as Proficiency };
    const key = skillKeyOf(skill);
    if (key === '') continue;
    const seen = byKey.get(key);
    if (seen) {
      if (skill.proficiency > seen.proficiency) seen.proficiency = skill.proficiency;
      continue;
    }
    if (out.length === RECORD_LIMITS.skills) continue; // cut: later entries only raise levels of kept ones
    byKey.set(key, skill);
    out.push(skill);
  }
  return out;
}

/**
 * Stored "ask me about" or interests (one entry per line), within the editor's limits: blank and
 * over-long lines dropped, duplicates once, at most RECORD_LIMITS.entries in stored order; a value
 * longer than STORED_LIMITS.entries is not parsed at all.
 */
export function parseStoredEntries(text: unknown): string[] {
  if (typeof text !== 'string' || text.length > STORED_LIMITS.entries) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const v = cleanText(line);
    if (v === '' || v.length > RECORD_LIMITS.entryMaxLength) continue;
    const key = normalizeLabel(v) || v.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
    if (out.length === RECORD_LIMITS.entries) break;
  }
  return out;
}

/** Stored languages (`fr;en`): valid tags only, duplicates once, at most RECORD_LIMITS.languages in stored order. */
export function parseStoredLanguages(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  const out: string[] = [];
  for (const raw of text.split(';')) {
    const v = raw.trim();
    if (v === '' || !LANGUAGE.test(v) || out.some(l => l.toLowerCase() === v.toLowerCase())) continue;
    out.push(v);
    if (out.length === RECORD_LIMITS.languages) break;
  }
  return out;
}

/** Longest text a SharePoint single line of text holds. */
export const ENDORSEMENT_KEY_MAX = 255;

/** 64-bit FNV-1a of a string (two 32-bit halves), as 16 hex digits: a stable short digest. */
function digest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The unique key of one endorsement: `${endorserUpn}|${personUpn}|${skillKey}`, lower case, so the
 * list's unique column refuses a second endorsement of the same skill by the same person (a double
 * click, a retry). Keys longer than a text column holds keep their first characters and end with
 * '#' and a digest of the whole key.
 */
export function endorsementKey(endorserUpn: string, personUpn: string, skillKey: SkillKey): string {
  const key = `${endorserUpn.trim()}|${personUpn.trim()}|${skillKey.trim()}`.toLowerCase();
  if (key.length <= ENDORSEMENT_KEY_MAX) return key;
  return `${key.slice(0, ENDORSEMENT_KEY_MAX - 17)}#${digest(key)}`;
}

/** The endorser named by a key (the part before the first '|'). */
export function endorserOfKey(key: string): string {
  const i = key.indexOf('|');
  return i < 0 ? '' : key.slice(0, i);
}

/**
 * Fallback keys. `PersonUpn` and `EndorsementKey` are unique columns anyone can fill, so a
 * colleague can take a person's key first (a squat, a forged endorsement). Readers trust an item
 * only when its author is the person (or endorser) its key names; when the normal key is taken by
 * someone else, the real person writes under the normal key plus '#' and a random nonce, which no
 * one can take ahead of them. Readers accept both forms. docs/expertise-data.md, "Keys".
 */
export const KEY_NONCE_LENGTH = 12;
/** KEY_NONCE_LENGTH lower-case letters or digits. */
const NONCE = /^[a-z0-9]{12}$/;

/** Whether a nonce has the form fallback keys use (lower-case letters and digits). */
export const isKeyNonce = (nonce: string): boolean => NONCE.test(nonce);

/** The fallback `PersonUpn` of a person: `${upn}#${nonce}`. */
export function profileFallbackKey(personUpn: string, nonce: string): string {
  if (!isKeyNonce(nonce)) throw new Error('profileFallbackKey: the nonce must be 12 lower-case letters or digits.');
  return `${personUpn.trim().toLowerCase()}#${nonce}`;
}

/**
 * The person a `PersonUpn` value names (lower case): the value itself, or, for a fallback key, the
 * part before its nonce. A UPN's domain holds no '#' (a guest's `…#EXT#@…` has it before the '@'),
 * so only a '#' after the last '@' starts a nonce.
 */
export function personOfProfileKey(key: string): string {
  const k = key.trim().toLowerCase();
  const hash = k.lastIndexOf('#');
  if (hash > k.lastIndexOf('@') && isKeyNonce(k.slice(hash + 1))) return k.slice(0, hash);
  return k;
}

/** The start every fallback endorsement key of (endorser, person, skill) shares, '#' included. */
export function endorsementFallbackPrefix(endorserUpn: string, personUpn: string, skillKey: SkillKey): string {
  return `${endorsementKey(endorserUpn, personUpn, skillKey).slice(0, ENDORSEMENT_KEY_MAX - KEY_NONCE_LENGTH - 1)}#`;
}

/** A fallback endorsement key: the normal key (cut to leave room) plus '#' and a nonce. */
export function endorsementFallbackKey(endorserUpn: string, personUpn: string, skillKey: SkillKey, nonce: string): string {
  if (!isKeyNonce(nonce)) throw new Error('endorsementFallbackKey: the nonce must be 12 lower-case letters or digits.');
  return `${endorsementFallbackPrefix(endorserUpn, personUpn, skillKey)}${nonce}`;
}

/** Whether `key` is the normal or a fallback key of (endorser, person, skill). */
export function isEndorsementKeyOf(key: string, endorserUpn: string, personUpn: string, skillKey: SkillKey): boolean {
  if (key === endorsementKey(endorserUpn, personUpn, skillKey)) return true;
  const prefix = endorsementFallbackPrefix(endorserUpn, personUpn, skillKey);
  return key.length === prefix.length + KEY_NONCE_LENGTH && key.startsWith(prefix) && isKeyNonce(key.slice(prefix.length));
}
