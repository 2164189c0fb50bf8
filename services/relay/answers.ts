/**
 * Answered-question deflection: a relay being typed is matched against the community spaces' real
 * accepted answers, so an existing answer shows at once (the relay still counts). Source: "Community
 * post stats" (services/provisioning/communityLists.ts, docs/communities-data.md), written only by
 * the trusted job when it records an acceptance: the question's title and text and the accepted
 * answer's text, redacted, and the answer's author from the answer post's Author. A private
 * community's questions are in its folder: SharePoint shows them to its members only.
 *
 * One request: `IsAnswered eq 1` (indexed first clause, so it works above the list view threshold),
 * the most recently accepted first (AcceptedAt, indexed), at most ANSWERS_READ items; matched here
 * with the relay matcher (core/relay/matching.ts: English and French share concept terms), so the
 * text being typed never leaves the browser.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SuiteContext } from '../context';
import { createMatcher, MatchDocument } from '../../core/relay/matching';
import { COMMUNITY_STATS_LIST_TITLE, STATS_FIELDS } from '../provisioning/communityLists';
import type { AnsweredQuestion } from './api';
import { statusOf, StoredItem, toRelayError } from './items';

/** Answered questions read per query (the most recently answered first). */
export const ANSWERS_READ = 500;
/** Answered questions returned by default. */
export const ANSWERS_LIMIT = 3;

const F = STATS_FIELDS;
const ANSWER_SELECT = ['Id', 'Title', F.postId, F.kind, F.isAnswered, F.questionText, F.acceptedText, F.acceptedAuthorUpn, F.acceptedAt];

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
    items = (await ctx.sp.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE).items
      .select(...ANSWER_SELECT)
      .filter(`${F.isAnswered} eq 1`)
      .orderBy(F.acceptedAt, false)
      .top(ANSWERS_READ)()) as StoredItem[];
  } catch (e) {
    if (statusOf(e) === 404) return [];
    throw toRelayError(e, 'Answered questions');
  }
  const byId = new Map<string, AnsweredQuestion>();
  const docs: MatchDocument[] = [];
  for (const item of items) {
    const answer = str(item[F.acceptedText]).trim();
    // Defence in depth: only questions answered and holding an accepted answer are offered.
    if (item[F.isAnswered] !== true || item[F.kind] !== 'question' || !answer) continue;
    const questionId = Number(item[F.postId]) || 0;
    const id = String(questionId);
    if (!questionId || byId.has(id)) continue;
    const title = str(item.Title).trim();
    const upn = str(item[F.acceptedAuthorUpn]).trim().toLowerCase();
    byId.set(id, { id: questionId, title, answer, answeredBy: upn || null, score: 0 });
    docs.push({ id, title, text: `${str(item[F.questionText])}\n${answer}` });
  }
  if (docs.length === 0) return [];
  return createMatcher(docs).match({ text }, { limit }).map(m => ({ ...(byId.get(m.id) as AnsweredQuestion), score: m.score }));
}
