/**
 * The ranking blend of expertise search, documented in docs/expertise-ranking.md:
 *
 *   score = text × relevance
 *         + mean over the query's clauses of the best matching skill's points, where a skill's points are
 *           proficiency × level / 4
 *         + endorsement     × log2(1 + distinct endorsers other than the person)
 *         + match × acceptedAnswer  × (1 − e^(−answers / outcomeScale))
 *         + match × resolvedInsight × (1 − e^(−insights / outcomeScale))
 *
 * `relevance` is the full-text score s saturated into 0..1: s / (s + textHalf), the same scale for every query.
 * `match` (0..1) is how fully the clause names the skill (1 for a label or synonym, less for one
 * word of a longer label, a prefix or a typo: `clauseRelevance`). Outcomes saturate so that one
 * answer is a hint, not a verdict: alone it weighs less than a declared level 3 with one endorsement.
 */
import type { ExpertProfile, Proficiency, Reason, SkillKey } from './types';
import type { Taxonomy } from './taxonomy';
import { editDistance, fuzzyDistance, normalizeLabel } from './normalize';

/** Every weight of the blend, in one place. */
export const RANKING_WEIGHTS = Object.freeze({
  /** Full-text relevance, in 0..1 (see textHalf). */
  text: 1,
  /** Text score (BM25-like, see docs/expertise-ranking.md) at which relevance is 0.5: relevance = s / (s + textHalf). */
  textHalf: 8,
  /** Declared proficiency, scaled by level / 4 (an expert's claim is worth 1). */
  proficiency: 1,
  /** Per doubling of distinct endorsers: 1 → 0.5, 3 → 1, 7 → 1.5, 15 → 2. */
  endorsement: 0.5,
  /** Ceiling of accepted answers, approached as 1 − e^(−n / outcomeScale): 1 → 1.13, 3 → 2.53, 10 → 3.86. */
  acceptedAnswer: 4,
  /** Ceiling of resolved customer insights, same curve as accepted answers. */
  resolvedInsight: 4,
  /** Number of answers (or insights) at which 63 % of the ceiling is reached. */
  outcomeScale: 3
});

export type RankingWeights = typeof RANKING_WEIGHTS;

/** One skill of a profile as ranking sees it: declared, evidenced, or both; signals cleaned. */
export interface RankedSkill {
  /** Evidence key: taxonomy id, or normalized label of a free entry. */
  key: SkillKey;
  /** Set when the skill is in the taxonomy. */
  skillId?: string;
  /** Free entries: the label as written (taxonomy skills take their label from the taxonomy). */
  label: string;
  /** Analyzed label of a free entry (empty for taxonomy skills, matched through the taxonomy). */
  terms: string[];
  /** Declared level; absent when the skill only has evidence. */
  proficiency?: Proficiency;
  endorsers: number;
  acceptedAnswers: number;
  resolvedInsights: number;
  points: SkillPoints;
}

export interface SkillPoints {
  proficiency: number;
  endorsements: number;
  acceptedAnswers: number;
  resolvedInsights: number;
  total: number;
}

/** A non-negative whole count from untrusted data (NaN, negatives and fractions cleaned). */
export function cleanCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function cleanProficiency(value: unknown): Proficiency {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 1;
  return Math.min(4, Math.max(1, n)) as Proficiency;
}

const identity = (s: string): string => s.trim().toLowerCase();

/** Distinct endorsers (case-insensitive ids), never the person themself (by id or UPN), never blank. */
export function distinctEndorsers(endorsers: readonly unknown[] | undefined, person: { id: string; upn: string }): Set<string> {
  const self = new Set([identity(person.id || ''), identity(person.upn || '')]);
  const out = new Set<string>();
  for (const e of endorsers || []) {
    if (typeof e !== 'string') continue;
    const who = identity(e);
    if (who !== '' && !self.has(who)) out.add(who);
  }
  return out;
}

/** 1 − e^(−n / scale): 0 for none, diminishing returns, never above 1. */
function saturate(n: number, scale: number): number {
  return n > 0 ? 1 - Math.exp(-n / Math.max(scale, 1e-9)) : 0;
}

export function skillPoints(
  signals: { proficiency?: Proficiency; endorsers: number; acceptedAnswers: number; resolvedInsights: number },
  weights: RankingWeights = RANKING_WEIGHTS
): SkillPoints {
  const proficiency = signals.proficiency ? weights.proficiency * (signals.proficiency / 4) : 0;
  const endorsements = weights.endorsement * Math.log2(1 + signals.endorsers);
  const acceptedAnswers = weights.acceptedAnswer * saturate(signals.acceptedAnswers, weights.outcomeScale);
  const resolvedInsights = weights.resolvedInsight * saturate(signals.resolvedInsights, weights.outcomeScale);
  return { proficiency, endorsements, acceptedAnswers, resolvedInsights, total: proficiency + endorsements + acceptedAnswers + resolvedInsights };
}

/**
 * The skills of a profile, merged by key: declared skills (a free entry that spells exactly one
 * taxonomy skill counts as that skill), then evidence (a skill with evidence but no declaration is
 * kept: outcomes count even when the person did not claim the skill). Duplicates keep the highest
 * level; evidence under two keys of the same skill is not added up (the larger count wins) and
 * endorsers are merged as one set.
 */
export function prepareSkills(
  profile: ExpertProfile,
  taxonomy: Taxonomy,
  analyze: (text: string) => string[],
  weights: RankingWeights = RANKING_WEIGHTS,
  label: (text: string) => string = normalizeLabel
): RankedSkill[] {
  interface Draft { key: string; skillId?: string; label: string; terms: string[]; proficiency?: Proficiency; endorsers: Set<string>; answers: number; insights: number }
  const drafts = new Map<string, Draft>();

  const labelOf = label;
  const resolve = (skillId: string | undefined, label: string): Draft | undefined => {
    if (skillId && taxonomy.skills.has(skillId)) return draftFor(skillId, skillId, label, []);
    const terms = analyze(label || skillId || '');
    if (skillId) return draftFor(skillId, skillId, label || skillId, terms); // retired taxonomy id: matched by its label
    const resolved = taxonomy.resolveLabel(label);
    if (resolved) return draftFor(resolved, resolved, label, []);
    const key = labelOf(label);
    return key === '' || terms.length === 0 ? undefined : draftFor(key, undefined, label, terms);
  };
  function draftFor(key: string, skillId: string | undefined, label: string, terms: string[]): Draft {
    let d = drafts.get(key);
    if (!d) drafts.set(key, (d = { key, skillId, label: label.trim(), terms, endorsers: new Set(), answers: 0, insights: 0 }));
    return d;
  }

  for (const s of profile.skills || []) {
    if (!s || (typeof s.label !== 'string' && typeof s.skillId !== 'string')) continue;
    const d = resolve(typeof s.skillId === 'string' && s.skillId.trim() !== '' ? s.skillId.trim() : undefined, typeof s.label === 'string' ? s.label : '');
    if (!d) continue;
    const level = cleanProficiency(s.proficiency);
    if (!d.proficiency || level > d.proficiency) d.proficiency = level;
  }
  const evidence = profile.evidence || {};
  for (const rawKey of Object.keys(evidence)) {
    const ev = evidence[rawKey];
    if (!ev) continue;
    const d = drafts.get(rawKey) || (taxonomy.skills.has(rawKey) ? resolve(rawKey, rawKey) : resolve(undefined, rawKey));
    if (!d) continue;
    distinctEndorsers(ev.endorsers, profile).forEach(e => d.endorsers.add(e));
    d.answers = Math.max(d.answers, cleanCount(ev.acceptedAnswers));
    d.insights = Math.max(d.insights, cleanCount(ev.resolvedInsights));
  }

  const out: RankedSkill[] = [];
  drafts.forEach(d => {
    const signals = { proficiency: d.proficiency, endorsers: d.endorsers.size, acceptedAnswers: d.answers, resolvedInsights: d.insights };
    if (!d.proficiency && signals.endorsers === 0 && signals.acceptedAnswers === 0 && signals.resolvedInsights === 0) return;
    out.push({ key: d.key, skillId: d.skillId, label: d.label || d.key, terms: d.terms, ...signals, points: skillPoints(signals, weights) });
  });
  return out;
}

/** What a query clause needs from ranking: which of a profile's skills satisfy it, and how fully. */
export interface ClauseMatcher {
  matches(skill: RankedSkill): boolean;
  /** How fully the clause names a matching skill, 0..1 (1 when not given): see clauseRelevance. */
  relevance?(skill: RankedSkill): number;
}

/** A clause's best skill, with how fully the clause names it and the points it brings. */
export interface ClauseBest {
  skill: RankedSkill;
  relevance: number;
  points: number;
}

/**
 * How fully a query word names a skill, from the skill's analyzed labels and synonyms: for the best
 * phrase holding a matching word, the word's closeness (1 exact, typed letters / word letters for a
 * prefix, 1 − edits / letters for a typo) divided by the phrase's number of words. "logistique" names
 * Logistics (1); "gestion" names half of "Gestion de communautés" (0.5); "logis" about half of "logistique".
 */
export function clauseRelevance(term: string, prefix: boolean, phrases: readonly (readonly string[])[]): number {
  let best = 0;
  for (const phrase of phrases) {
    if (phrase.length === 0) continue;
    for (const word of phrase) {
      let close = 0;
      if (word === term) close = 1;
      else if (prefix && word.startsWith(term)) close = term.length / word.length;
      else {
        const max = fuzzyDistance(term);
        const d = max > 0 ? editDistance(term, word, max) : max + 1;
        if (d <= max) close = 1 - d / Math.max(word.length, term.length);
      }
      best = Math.max(best, close / phrase.length);
    }
  }
  return best;
}

/** A skill's points for a clause that names it with `relevance`: claims count whole, outcomes by relevance. */
export function clausePoints(skill: RankedSkill, relevance: number): number {
  const p = skill.points;
  return p.proficiency + p.endorsements + relevance * (p.acceptedAnswers + p.resolvedInsights);
}

/** For each clause, the profile's best skill satisfying it (highest clause points, then key), or undefined. */
export function bestSkills(skills: readonly RankedSkill[], clauses: readonly ClauseMatcher[]): Array<ClauseBest | undefined> {
  return clauses.map(clause => {
    let best: ClauseBest | undefined;
    for (const s of skills) {
      if (!clause.matches(s)) continue;
      const relevance = clause.relevance ? Math.min(1, Math.max(0, clause.relevance(s))) : 1;
      const points = clausePoints(s, relevance);
      if (!best || points > best.points || (points === best.points && s.key < best.skill.key)) best = { skill: s, relevance, points };
    }
    return best;
  });
}

type Best = RankedSkill | ClauseBest | undefined;
const asBest = (b: Best): ClauseBest | undefined => (!b ? undefined : 'skill' in b ? b : { skill: b, relevance: 1, points: b.points.total });

/** The blended score: text relevance (0..1, already saturated) plus the mean of the clauses' best skill points. */
export function blendScore(relevance: number, best: ReadonlyArray<Best>, weights: RankingWeights = RANKING_WEIGHTS): number {
  let skill = 0;
  for (const b of best) { const s = asBest(b); if (s) skill += s.points; }
  return weights.text * relevance + (best.length > 0 ? skill / best.length : 0);
}

/**
 * Reasons for one result, strongest skill first; within a skill, signals by points (evidence
 * before claims when they weigh more). Points are the share of the score each signal brings.
 */
export function skillReasons(best: ReadonlyArray<Best>, labelOf: (skill: RankedSkill) => string): Reason[] {
  // per skill: its share of the clauses, and the outcomes' share (relevance summed over those clauses)
  const share = new Map<string, { skill: RankedSkill; times: number; outcome: number; points: number }>();
  for (const b of best) {
    const s = asBest(b);
    if (!s) continue;
    const e = share.get(s.skill.key);
    if (e) { e.times += 1; e.outcome += s.relevance; e.points += s.points; }
    else share.set(s.skill.key, { skill: s.skill, times: 1, outcome: s.relevance, points: s.points });
  }
  const n = best.length || 1;
  const groups = Array.from(share.values())
    .map(({ skill, times, outcome, points }) => ({ skill, factor: times / n, outcomeFactor: outcome / n, total: points / n }))
    .sort((a, b) => b.total - a.total || (a.skill.key < b.skill.key ? -1 : 1));
  const out: Reason[] = [];
  for (const { skill, factor, outcomeFactor } of groups) {
    const ref = { skillKey: skill.key, label: labelOf(skill), ...(skill.skillId ? { skillId: skill.skillId } : {}) };
    const own: Reason[] = [];
    if (skill.acceptedAnswers > 0) own.push({ kind: 'acceptedAnswers', ...ref, count: skill.acceptedAnswers, points: skill.points.acceptedAnswers * outcomeFactor });
    if (skill.resolvedInsights > 0) own.push({ kind: 'resolvedInsights', ...ref, count: skill.resolvedInsights, points: skill.points.resolvedInsights * outcomeFactor });
    if (skill.endorsers > 0) own.push({ kind: 'endorsements', ...ref, count: skill.endorsers, points: skill.points.endorsements * factor });
    if (skill.proficiency) own.push({ kind: 'declaredSkill', ...ref, proficiency: skill.proficiency, points: skill.points.proficiency * factor });
    // stable sort: ties keep the order above (evidence, endorsements, claim)
    own.sort((a, b) => b.points - a.points);
    out.push(...own);
  }
  return out;
}
