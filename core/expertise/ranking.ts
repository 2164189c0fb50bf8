/**
 * The ranking blend of expertise search, documented in docs/expertise-ranking.md:
 *
 *   score = text × relevance
 *         + mean over the query's clauses of the best matching skill's points, where a skill's points are
 *           proficiency × level / 4
 *         + endorsement     × log2(1 + distinct endorsers other than the person)
 *         + acceptedAnswer  × log2(1 + accepted answers)
 *         + resolvedInsight × log2(1 + resolved insights)
 *
 * `relevance` is the full-text score s saturated into 0..1: s / (s + textHalf), the same scale for every query.
 * Evidence weighs more than a claim: one accepted answer (2.5 points) is worth more than the highest
 * declared level (1 point) plus the whole text relevance (at most 1 point) together.
 */
import type { ExpertProfile, Proficiency, Reason, SkillKey } from './types';
import type { Taxonomy } from './taxonomy';
import { normalizeLabel } from './normalize';

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
  /** Per doubling of accepted answers: 1 → 2.5, 3 → 5. */
  acceptedAnswer: 2.5,
  /** Per doubling of resolved customer insights: 1 → 2.5, 3 → 5. */
  resolvedInsight: 2.5
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

export function skillPoints(
  signals: { proficiency?: Proficiency; endorsers: number; acceptedAnswers: number; resolvedInsights: number },
  weights: RankingWeights = RANKING_WEIGHTS
): SkillPoints {
  const proficiency = signals.proficiency ? weights.proficiency * (signals.proficiency / 4) : 0;
  const endorsements = weights.endorsement * Math.log2(1 + signals.endorsers);
  const acceptedAnswers = weights.acceptedAnswer * Math.log2(1 + signals.acceptedAnswers);
  const resolvedInsights = weights.resolvedInsight * Math.log2(1 + signals.resolvedInsights);
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
    const resolved = taxonomy.resolveTerms(terms);
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

/** What a query clause needs from ranking: which of a profile's skills satisfy it. */
export interface ClauseMatcher {
  matches(skill: RankedSkill): boolean;
}

/** For each clause, the profile's best skill satisfying it (highest points, then key), or undefined. */
export function bestSkills(skills: readonly RankedSkill[], clauses: readonly ClauseMatcher[]): Array<RankedSkill | undefined> {
  return clauses.map(clause => {
    let best: RankedSkill | undefined;
    for (const s of skills) {
      if (!clause.matches(s)) continue;
      if (!best || s.points.total > best.points.total || (s.points.total === best.points.total && s.key < best.key)) best = s;
    }
    return best;
  });
}

/** The blended score: text relevance (0..1, already saturated) plus the mean of the clauses' best skill points. */
export function blendScore(relevance: number, best: ReadonlyArray<RankedSkill | undefined>, weights: RankingWeights = RANKING_WEIGHTS): number {
  let skill = 0;
  for (const s of best) if (s) skill += s.points.total;
  return weights.text * relevance + (best.length > 0 ? skill / best.length : 0);
}

/**
 * Reasons for one result, strongest skill first; within a skill, signals by points (evidence
 * before claims when they weigh more). Points are the share of the score each signal brings.
 */
export function skillReasons(best: ReadonlyArray<RankedSkill | undefined>, labelOf: (skill: RankedSkill) => string): Reason[] {
  const share = new Map<string, { skill: RankedSkill; times: number }>();
  for (const s of best) {
    if (!s) continue;
    const e = share.get(s.key);
    if (e) e.times += 1;
    else share.set(s.key, { skill: s, times: 1 });
  }
  const n = best.length || 1;
  const groups = Array.from(share.values())
    .map(({ skill, times }) => ({ skill, factor: times / n }))
    .sort((a, b) => b.skill.points.total * b.factor - a.skill.points.total * a.factor || (a.skill.key < b.skill.key ? -1 : 1));
  const out: Reason[] = [];
  for (const { skill, factor } of groups) {
    const ref = { skillKey: skill.key, label: labelOf(skill), ...(skill.skillId ? { skillId: skill.skillId } : {}) };
    const own: Reason[] = [];
    if (skill.acceptedAnswers > 0) own.push({ kind: 'acceptedAnswers', ...ref, count: skill.acceptedAnswers, points: skill.points.acceptedAnswers * factor });
    if (skill.resolvedInsights > 0) own.push({ kind: 'resolvedInsights', ...ref, count: skill.resolvedInsights, points: skill.points.resolvedInsights * factor });
    if (skill.endorsers > 0) own.push({ kind: 'endorsements', ...ref, count: skill.endorsers, points: skill.points.endorsements * factor });
    if (skill.proficiency) own.push({ kind: 'declaredSkill', ...ref, proficiency: skill.proficiency, points: skill.points.proficiency * factor });
    // stable sort: ties keep the order above (evidence, endorsements, claim)
    own.sort((a, b) => b.points - a.points);
    out.push(...own);
  }
  return out;
}
