/**
 * Answered-question deflection: a relay being typed is matched against the community's answered
 * questions, so an existing answer shows at once (the relay still counts). Storage: "Community
 * questions" (services/provisioning/communityLists.ts, docs/relay-data.md), written by the community
 * spaces when they are built; the demo's questions come from services/community/demoSeed.ts.
 *
 * One request: `IsAnswered eq 1` (indexed first clause, so it works above the list view threshold),
 * the most recently answered first (AnsweredAt, indexed), at most ANSWERS_READ items; matched here
 * with the relay matcher (core/relay/matching.ts: English and French share concept terms), so the
 * text being typed never leaves the browser.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SuiteContext } from '../context';
import { createMatcher, MatchDocument } from '../../core/relay/matching';
import { COMMUNITY_QUESTION_FIELDS, COMMUNITY_QUESTIONS_LIST_TITLE } from '../provisioning/communityLists';
import type { AnsweredQuestion } from './api';
import { statusOf, StoredItem, toRelayError } from './items';

/** Answered questions read per query (the most recently answered first). */
export const ANSWERS_READ = 500;
/** Answered questions returned by default. */
export const ANSWERS_LIMIT = 3;

const F = COMMUNITY_QUESTION_FIELDS;
const ANSWER_SELECT = ['Id', F.title, F.body, F.isAnswered, F.acceptedAnswer, F.acceptedAnswerByUpn, F.answeredAt, F.language];

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The answered questions that look like `query.text`, best first (score descending, then id), those
 * scoring at least the matcher's minimum only, at most `query.limit` (default ANSWERS_LIMIT).
 * A site without the list (provisioned before it was declared) answers []; other failures throw
 * RelayError.
 */
export async function answeredQuestions(ctx: Pick<SuiteContext, 'sp'>, query: { text: string; limit?: number }): Promise<AnsweredQuestion[]> {
  const text = (query.text || '').trim();
  const limit = query.limit === undefined ? ANSWERS_LIMIT : Math.max(0, Math.floor(query.limit));
  if (text.length < 3 || limit === 0) return [];
  let items: StoredItem[];
  try {
    items = (await ctx.sp.web.lists.getByTitle(COMMUNITY_QUESTIONS_LIST_TITLE).items
      .select(...ANSWER_SELECT)
      .filter(`${F.isAnswered} eq 1`)
      .orderBy(F.answeredAt, false)
      .top(ANSWERS_READ)()) as StoredItem[];
  } catch (e) {
    if (statusOf(e) === 404) return [];
    throw toRelayError(e, 'Answered questions');
  }
  const byId = new Map<string, AnsweredQuestion>();
  const docs: MatchDocument[] = [];
  for (const item of items) {
    const answer = str(item[F.acceptedAnswer]).trim();
    // Defence in depth: only questions answered and holding an accepted answer are offered.
    if (item[F.isAnswered] !== true || !answer) continue;
    const id = String(item.Id);
    const title = str(item[F.title]).trim();
    const upn = str(item[F.acceptedAnswerByUpn]).trim().toLowerCase();
    byId.set(id, { id: item.Id, title, answer, answeredBy: upn || null, score: 0 });
    docs.push({ id, title, text: `${str(item[F.body])}\n${answer}` });
  }
  if (docs.length === 0) return [];
  return createMatcher(docs).match({ text }, { limit }).map(m => ({ ...(byId.get(m.id) as AnsweredQuestion), score: m.score }));
}
