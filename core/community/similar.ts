/**
 * "Similar questions" while a question is typed: the relay's bilingual matcher
 * (core/relay/matching.ts: accent folding, English and French stop words and shared concept terms,
 * typo tolerance, a TF-IDF cosine over an inverted index) over the questions that have an accepted
 * answer. The index is built once per page from the questions read; each keystroke is one lookup.
 */
import { createMatcher, Matcher, MatchDocument } from '../relay/matching';
import { htmlToText } from './richText';

export interface AnsweredQuestionDoc {
  id: number;
  title: string;
  /** The question's body and its accepted answer, as HTML or text. */
  body: string;
  answer: string;
  communityKey: string;
}

/** Below this a question is not offered (the triage threshold of the relay). */
export const SIMILAR_MIN_SCORE = 0.2;
export const SIMILAR_LIMIT = 5;

export interface QuestionIndex {
  readonly size: number;
  add(q: AnsweredQuestionDoc): void;
  remove(id: number): void;
  similar(text: string, options?: { limit?: number; minScore?: number; exhaustive?: boolean }): Array<{ id: number; score: number }>;
}

const toDoc = (q: AnsweredQuestionDoc): MatchDocument => ({
  id: String(q.id), title: q.title, text: `${htmlToText(q.body)}\n${htmlToText(q.answer)}`
});

export function createQuestionIndex(questions: Iterable<AnsweredQuestionDoc> = []): QuestionIndex {
  const docs: MatchDocument[] = [];
  for (const q of questions) docs.push(toDoc(q));
  const matcher: Matcher<MatchDocument> = createMatcher(docs, { defaultMinScore: SIMILAR_MIN_SCORE, defaultLimit: SIMILAR_LIMIT });
  return {
    get size() { return matcher.size; },
    add: q => matcher.add(toDoc(q)),
    remove: id => { matcher.remove(String(id)); },
    similar(text, options = {}) {
      const query = (text || '').trim();
      if (query.length < 3) return [];
      const opts = { limit: options.limit ?? SIMILAR_LIMIT, minScore: options.minScore ?? SIMILAR_MIN_SCORE };
      const found = options.exhaustive ? matcher.matchExhaustive({ text: query }, opts) : matcher.match({ text: query }, opts);
      return found.map(m => ({ id: Number(m.id), score: m.score }));
    }
  };
}
