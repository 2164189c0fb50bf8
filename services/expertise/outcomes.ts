/**
 * The outcome evidence of expertise search (docs/expertise-data.md, "How evidence flows into the
 * search"): resolved customer insights and accepted answers in communities, counted per person and
 * taxonomy skill, for LocalProviderOptions.outcomes / SearchProviderOptions.outcomes.
 *
 * - "Customer insights" (services/provisioning/relayLists.ts): `Status eq 'resolved'` (indexed,
 *   first clause), credited to RespondedByUpn; the skills are those named by its title, summary and
 *   the policy's labels of its category and product.
 * - Accepted answers of the community spaces: "Community post stats"
 *   (services/provisioning/communityLists.ts), `IsAnswered eq 1` (indexed, first clause), credited to
 *   AcceptedAuthorUpn, which only the trusted job writes, from the accepted answer post's Author,
 *   when it records an acceptance made by the asker or a manager (docs/communities-data.md); the
 *   skills are those named by the question's title and text and the answer's text.
 * Skills come from core/expertise/outcomeSkills.ts (whole words and phrases of the taxonomy's
 * labels and synonyms). Both lists are read page by page (PAGE_SIZE), only the columns needed, once
 * per source (one read per page load; a failed read is retried on the next call). A site without a
 * list (provisioned before it was declared) counts nothing from it.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import { odataString } from '../../core/odata';
import { createSkillMatcher, insightMatchText } from '../../core/expertise/outcomeSkills';
import type { FeedbackPolicy, SkillDefinition } from '../../core/policy/types';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE } from '../provisioning/relayLists';
import { COMMUNITY_STATS_LIST_TITLE, STATS_FIELDS } from '../provisioning/communityLists';
import { toSuiteError } from '../errors';
import { walkItems } from '../listWalk';
import { normalizeUpn, PAGE_SIZE } from './records';
import type { OutcomeCount, OutcomeSource } from './localProvider';

const I = INSIGHT_FIELDS;
const Q = STATS_FIELDS;

/** The insight status that counts. */
export const RESOLVED_STATUS = 'resolved';
export const INSIGHT_OUTCOME_SELECT = ['Id', 'Title', I.summary, I.category, I.product, I.status, I.respondedBy];
export const QUESTION_OUTCOME_SELECT = ['Id', 'Title', Q.kind, Q.questionText, Q.acceptedText, Q.acceptedAuthorUpn, Q.isAnswered];

export interface OutcomeSourceOptions {
  skills: readonly SkillDefinition[];
  /** For the labels of insights' categories and products (English and French). */
  feedback?: Pick<FeedbackPolicy, 'categories' | 'products'>;
}

type Item = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Counts by person (normalized UPN), then by skill id. */
type Tally = Map<string, Map<string, { acceptedAnswers: number; resolvedInsights: number }>>;

/**
 * Every item of a list matching `filter`, page by page (in windows of ids when the filter alone
 * selects more than the list view threshold: services/listWalk.ts); nothing when the list does not
 * exist (404).
 */
async function readAll(sp: SPFI, list: string, filter: string, select: string[], each: (item: Item) => void): Promise<void> {
  try {
    for await (const page of walkItems<Item>(sp.web.lists.getByTitle(list), { select, filter, pageSize: PAGE_SIZE })) {
      for (const item of page) each(item);
    }
  } catch (e) {
    if (toSuiteError(e).status === 404) return;
    throw e;
  }
}

/** The filters of a read: everyone's outcomes (search), or one person's (the profile). */
interface OutcomeFilters { insights: string; questions: string }

const EVERYONE: OutcomeFilters = {
  insights: `${I.status} eq ${odataString(RESOLVED_STATUS)}`,
  questions: `${Q.isAnswered} eq 1`
};

async function readTally(sp: SPFI, options: OutcomeSourceOptions, filters: OutcomeFilters = EVERYONE): Promise<Tally> {
  const match = createSkillMatcher(options.skills);
  const tally: Tally = new Map();
  const credit = (upn: string, skills: string[], kind: 'acceptedAnswers' | 'resolvedInsights'): void => {
    const person = normalizeUpn(upn);
    if (!person || skills.length === 0) return;
    let bySkill = tally.get(person);
    if (!bySkill) tally.set(person, (bySkill = new Map()));
    for (const s of skills) {
      let c = bySkill.get(s);
      if (!c) bySkill.set(s, (c = { acceptedAnswers: 0, resolvedInsights: 0 }));
      c[kind]++;
    }
  };
  await Promise.all([
    readAll(sp, INSIGHTS_LIST_TITLE, filters.insights, INSIGHT_OUTCOME_SELECT, item => {
      // Defence in depth: only resolved insights count.
      if (item[I.status] !== RESOLVED_STATUS) return;
      const text = insightMatchText({
        title: str(item.Title), summary: str(item[I.summary]), category: str(item[I.category]), product: str(item[I.product])
      }, options.feedback);
      credit(str(item[I.respondedBy]), match(text), 'resolvedInsights');
    }),
    readAll(sp, COMMUNITY_STATS_LIST_TITLE, filters.questions, QUESTION_OUTCOME_SELECT, item => {
      if (item[Q.isAnswered] !== true || item[Q.kind] !== 'question') return;
      const text = [str(item.Title), str(item[Q.questionText]), str(item[Q.acceptedText])].join('\n');
      credit(str(item[Q.acceptedAuthorUpn]), match(text), 'acceptedAnswers');
    })
  ]);
  return tally;
}

/**
 * An OutcomeSource over "Customer insights" and the accepted answers the job recorded in "Community
 * post stats": counts of the persons asked
 * only (UPNs compared case-insensitively), per taxonomy skill. Both lists are read on the first call;
 * later calls answer from that read.
 */
export function createOutcomeSource(ctx: { sp: SPFI }, options: OutcomeSourceOptions): OutcomeSource {
  let pending: Promise<Tally> | null = null;
  return async personUpns => {
    if (!pending) {
      pending = readTally(ctx.sp, options);
      pending.catch(() => { pending = null; });
    }
    const tally = await pending;
    const out: OutcomeCount[] = [];
    const asked = new Set<string>();
    for (const raw of personUpns) {
      const upn = normalizeUpn(raw || '');
      if (!upn || asked.has(upn)) continue;
      asked.add(upn);
      const bySkill = tally.get(upn);
      if (bySkill) bySkill.forEach((c, skillKey) => out.push({ personUpn: upn, skillKey, ...c }));
    }
    return out;
  };
}

/**
 * One person's outcomes, for the profile: the insights they resolved (`RespondedByUpn eq <upn>`)
 * and the answers of theirs that were accepted (`AcceptedAuthorUpn eq <upn>`), both indexed first
 * clauses, so the profile never reads every resolved insight of the organisation. Statuses are
 * checked on the items read (an insight answered then reopened does not count).
 */
export async function outcomesOfPerson(ctx: { sp: SPFI }, personUpn: string, options: OutcomeSourceOptions): Promise<OutcomeCount[]> {
  const upn = normalizeUpn(personUpn || '');
  if (!upn) return [];
  const tally = await readTally(ctx.sp, options, {
    insights: `${I.respondedBy} eq ${odataString(upn)}`,
    questions: `${Q.acceptedAuthorUpn} eq ${odataString(upn)}`
  });
  const out: OutcomeCount[] = [];
  const bySkill = tally.get(upn);
  if (bySkill) bySkill.forEach((c, skillKey) => out.push({ personUpn: upn, skillKey, ...c }));
  return out;
}
