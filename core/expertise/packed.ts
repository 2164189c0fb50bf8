/**
 * The prebuilt expertise index file: the searchable profiles of the organisation in a compact,
 * versioned JSON document, written by the trusted job and read by every employee's browser
 * (docs/expertise-ranking.md, "The prebuilt index"). Pure: no I/O, no clock.
 *
 * Why a document of profiles and not of posting lists: the browser's index (createExpertiseIndex)
 * builds its postings from the profiles faster than it could parse serialized postings, which are
 * several times larger; and giving the reader the same profiles guarantees the same results and
 * reasons as the index built in the browser from the lists.
 *
 * Compactness, since the file is read by every visitor who searches:
 * - the profiles are stored column by column, not as objects (no repeated keys);
 * - short values shared by many people (job titles, departments, sites, languages, skills, "ask
 *   me about" and interest entries) are numbers into one string table;
 * - an endorser who is indexed is the number of their row, not their UPN;
 * - a UPN that is the display name folded to `first.last@<domain>` is left out.
 * Only searchable people (members with an enabled account) are written: guests and disabled
 * accounts are not in the file at all, so no reader can see them.
 */
import type { ExpertProfile, ProfileSkill, Proficiency, SkillEvidence } from './types';

/** Version of the file's shape: a reader refuses any other (the next job run writes the new one). */
export const PACKED_INDEX_VERSION = 1;

/**
 * The profiles, column by column (gzip compresses a column of like values far better than rows
 * of mixed ones). Numbers are refs into `strings` unless said otherwise. Skills are flat
 * `ref × 4 + proficiency − 1` per skill; evidence is, per skill, [skillKeyRef, acceptedAnswers,
 * resolvedInsights, ...endorsers], indexed endorsers as row numbers sorted and delta-coded (the
 * first absolute), others as UPN strings after them.
 */
export interface PackedColumns {
  id: string[];
  /** '' when the UPN is the display name folded to `first.last@<domain>`; '+<n>' when it is that with <n> before the @. */
  upn: string[];
  name: string[];
  title: number[];
  department: number[];
  location: number[];
  /** Ref of the ';'-joined language tags. */
  languages: number[];
  /** '0'/'1' per row. */
  customerFacing: string;
  skills: number[][];
  askMeAbout: number[][];
  interests: number[][];
  evidence: Array<Array<Array<number | string>>>;
}

export interface PackedIndex {
  v: number;
  /** When the job read the sources of this file (ISO instant of its clock). */
  builtAt: string;
  /** When the last full build ran (an update keeps it). */
  fullBuiltAt: string;
  /** Fingerprint of the taxonomy the file was built with (a policy change triggers a full build). */
  taxonomy: string;
  /** The UPN domain of derivable UPNs. */
  domain: string;
  /** People in the directory (members and others), for the provider's choice by size. */
  directorySize: number;
  /** Table of shared strings; skills are `id\u0001label` (taxonomy) or `\u0001label` (free). */
  strings: string[];
  count: number;
  cols: PackedColumns;
}

export interface PackMeta {
  builtAt: string;
  fullBuiltAt: string;
  taxonomy: string;
  directorySize: number;
}

const SEP = '\u0001';

/** The local part of the UPN a display name gives by the usual rule (first.last), or ''. */
function derivedLocal(displayName: string): string {
  return displayName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean).join('.');
}

function packUpn(upn: string, displayName: string, domain: string): string {
  const local = derivedLocal(displayName);
  const suffix = `@${domain}`;
  if (!local || !upn.endsWith(suffix) || !upn.startsWith(local)) return upn;
  const middle = upn.slice(local.length, upn.length - suffix.length);
  if (middle === '') return '';
  return /^[0-9]{1,9}$/.test(middle) ? `+${middle}` : upn;
}

function unpackUpn(packed: string, displayName: string, domain: string): string {
  if (packed === '') return `${derivedLocal(displayName)}@${domain}`;
  if (packed.startsWith('+')) return `${derivedLocal(displayName)}${packed.slice(1)}@${domain}`;
  return packed;
}

function mostCommonDomain(profiles: readonly ExpertProfile[]): string {
  const counts = new Map<string, number>();
  for (const p of profiles) {
    const d = p.upn.slice(p.upn.lastIndexOf('@') + 1);
    counts.set(d, (counts.get(d) || 0) + 1);
  }
  let best = '';
  let n = -1;
  for (const [d, c] of counts) if (c > n) { best = d; n = c; }
  return best;
}

function packEndorsers(endorsers: readonly string[], rowOf: ReadonlyMap<string, number>): Array<number | string> {
  const rows: number[] = [];
  const others: string[] = [];
  for (const u of endorsers) {
    const row = rowOf.get(String(u).toLowerCase());
    if (row === undefined) others.push(String(u));
    else rows.push(row);
  }
  rows.sort((a, b) => a - b);
  const out: Array<number | string> = rows.map((r, i) => (i === 0 ? r : r - rows[i - 1]));
  return out.concat(others);
}

/** Writes the searchable profiles (guests and disabled accounts are dropped here). */
export function packIndex(profiles: readonly ExpertProfile[], meta: PackMeta): PackedIndex {
  const visible = profiles.filter(p => p.userType === 'Member' && p.accountEnabled === true);
  const domain = mostCommonDomain(visible);
  const strings: string[] = [];
  const refs = new Map<string, number>();
  const ref = (s: string): number => {
    let r = refs.get(s);
    if (r === undefined) {
      r = strings.length;
      strings.push(s);
      refs.set(s, r);
    }
    return r;
  };
  const rowOf = new Map<string, number>();
  visible.forEach((p, i) => rowOf.set(p.upn.toLowerCase(), i));
  const cols: PackedColumns = {
    id: [], upn: [], name: [], title: [], department: [], location: [], languages: [], customerFacing: '',
    skills: [], askMeAbout: [], interests: [], evidence: []
  };
  const flags: string[] = [];
  for (const p of visible) {
    cols.id.push(p.id);
    cols.upn.push(packUpn(p.upn, p.displayName, domain));
    cols.name.push(p.displayName);
    cols.title.push(ref(p.jobTitle));
    cols.department.push(ref(p.department));
    cols.location.push(ref(p.location));
    cols.languages.push(ref(p.languages.join(';')));
    flags.push(p.customerFacing ? '1' : '0');
    cols.skills.push(p.skills.map(s => ref(`${s.skillId || ''}${SEP}${s.label}`) * 4 + (s.proficiency - 1)));
    cols.askMeAbout.push(p.askMeAbout.map(ref));
    cols.interests.push(p.interests.map(ref));
    cols.evidence.push(Object.keys(p.evidence).map(key => {
      const e = p.evidence[key];
      return [ref(key), e.acceptedAnswers, e.resolvedInsights, ...packEndorsers(e.endorsers, rowOf)];
    }));
  }
  cols.customerFacing = flags.join('');
  return { v: PACKED_INDEX_VERSION, ...meta, domain, strings, count: visible.length, cols };
}

export class PackedIndexVersionError extends Error {
  public constructor(found: unknown) {
    super(`Expertise index file version ${String(found)} is not ${PACKED_INDEX_VERSION}.`);
    this.name = 'PackedIndexVersionError';
  }
}

function unpackEvidence(packed: ReadonlyArray<ReadonlyArray<number | string>>, str: (r: number) => string, upns: readonly string[]): Record<string, SkillEvidence> {
  const evidence: Record<string, SkillEvidence> = {};
  for (const e of packed) {
    const endorsers: string[] = [];
    let row = 0;
    for (let k = 3; k < e.length; k++) {
      const x = e[k];
      if (typeof x === 'number') {
        row = k === 3 ? x : row + x;
        endorsers.push(upns[row]);
      } else endorsers.push(x);
    }
    evidence[str(e[0] as number)] = { endorsers, acceptedAnswers: e[1] as number, resolvedInsights: e[2] as number };
  }
  return evidence;
}

/** Reads the profiles back (every one searchable: members with an enabled account). */
export function unpackIndex(doc: PackedIndex): ExpertProfile[] {
  if (!doc || doc.v !== PACKED_INDEX_VERSION) throw new PackedIndexVersionError(doc && doc.v);
  const { strings, domain, cols } = doc;
  const str = (r: number): string => strings[r] ?? '';
  const upns = cols.upn.map((u, i) => unpackUpn(u, cols.name[i], domain));
  const out: ExpertProfile[] = new Array(doc.count);
  for (let i = 0; i < doc.count; i++) {
    const skills: ProfileSkill[] = cols.skills[i].map(code => {
      const entry = str(Math.floor(code / 4));
      const at = entry.indexOf(SEP);
      const skill: ProfileSkill = { label: entry.slice(at + 1), proficiency: ((code % 4) + 1) as Proficiency };
      return at > 0 ? { skillId: entry.slice(0, at), ...skill } : skill;
    });
    const languages = str(cols.languages[i]);
    out[i] = {
      id: cols.id[i], upn: upns[i], displayName: cols.name[i], jobTitle: str(cols.title[i]), department: str(cols.department[i]),
      location: str(cols.location[i]), languages: languages ? languages.split(';') : [], customerFacing: cols.customerFacing[i] === '1',
      userType: 'Member', accountEnabled: true, skills, askMeAbout: cols.askMeAbout[i].map(str), interests: cols.interests[i].map(str),
      evidence: unpackEvidence(cols.evidence[i], str, upns)
    };
  }
  return out;
}

/** A stable fingerprint of a taxonomy (FNV-1a over its JSON): a changed policy taxonomy gives another. */
export function taxonomyFingerprint(taxonomy: unknown): string {
  const text = JSON.stringify(taxonomy);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
