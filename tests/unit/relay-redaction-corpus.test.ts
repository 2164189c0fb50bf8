/**
 * Redaction measured on a corpus of call-centre notes kept as data (data/redaction-corpus.json):
 * what must be removed, what must be suggested, and harmless notes where nothing may be touched.
 * The figures (recall, false positives) are printed; the thresholds are the acceptance criteria.
 */
import type { RedactionPolicy } from '../../core/policy/types';
import { findPii, RedactionKind } from '../../core/relay/redaction';
import { suggestPii, SuggestionKind } from '../../core/relay/suggestions';
import corpus from './data/redaction-corpus.json';

const ALL: RedactionPolicy = { enabled: true, emails: true, phones: true, paymentCards: true, ibans: true, nationalIds: true };

interface Expected<K> { kind: K; value: string }
interface Note { text: string; secrets?: Array<Expected<RedactionKind>>; suggest?: Array<Expected<SuggestionKind>> }

const notes = corpus.notes as Note[];
const harmless = notes.filter(n => !n.secrets && !n.suggest);
const withSecrets = notes.filter(n => n.secrets);
const withSuggestions = notes.filter(n => n.suggest);

interface Span { kind: string; start: number; end: number }

/** Whether `value` (written once in `text`) lies wholly inside one span of the right kind. */
function covered(text: string, e: Expected<string>, spans: Span[]): boolean {
  const at = text.indexOf(e.value);
  if (at < 0) throw new Error(`corpus: ${JSON.stringify(e.value)} is not in ${JSON.stringify(text)}`);
  return spans.some(s => s.kind === e.kind && s.start <= at && s.end >= at + e.value.length);
}

/** Spans that touch none of the expected values: false positives. */
function extra(text: string, expected: Array<Expected<string>>, spans: Span[]): Span[] {
  const wanted = expected.map(e => { const at = text.indexOf(e.value); return [at, at + e.value.length]; });
  return spans.filter(s => !wanted.some(([a, b]) => s.start < b && a < s.end));
}

const figures: string[] = [];
afterAll(() => { console.log(figures.join('\n')); });

describe('redaction corpus', () => {
  it('is big enough: 60+ secrets, 40+ harmless notes, names and addresses in three countries', () => {
    expect(withSecrets.reduce((n, x) => n + (x.secrets || []).length, 0)).toBeGreaterThanOrEqual(60);
    expect(harmless.length).toBeGreaterThanOrEqual(40);
    const sug = withSuggestions.flatMap(n => n.suggest || []);
    expect(sug.filter(s => s.kind === 'name').length).toBeGreaterThanOrEqual(8);
    expect(sug.filter(s => s.kind === 'address').length).toBeGreaterThanOrEqual(8);
  });

  it('removes at least 98 % of the secrets, and nothing else in their notes', () => {
    let total = 0;
    let caught = 0;
    const missed: string[] = [];
    const over: string[] = [];
    for (const n of withSecrets) {
      const spans = findPii(n.text, ALL);
      for (const e of n.secrets || []) {
        total++;
        if (covered(n.text, e, spans)) caught++;
        else missed.push(`${e.kind}: ${n.text}`);
      }
      for (const s of extra(n.text, n.secrets || [], spans)) over.push(`${s.kind} "${n.text.slice(s.start, s.end)}" in: ${n.text}`);
    }
    figures.push(`redaction recall: ${caught}/${total} (${(100 * caught / total).toFixed(1)} %)`, ...missed.map(m => `  missed ${m}`), ...over.map(m => `  over ${m}`));
    expect(missed).toEqual([]);
    expect(caught / total).toBeGreaterThanOrEqual(0.98);
    expect(over).toEqual([]);
  });

  it('suggests at least 98 % of the names and street addresses, and nothing else in their notes', () => {
    let total = 0;
    let caught = 0;
    const missed: string[] = [];
    const over: string[] = [];
    for (const n of withSuggestions) {
      const spans = suggestPii(n.text, ALL, { redactions: findPii(n.text, ALL) });
      for (const e of n.suggest || []) {
        total++;
        if (covered(n.text, e, spans)) caught++;
        else missed.push(`${e.kind}: ${n.text} → ${JSON.stringify(spans.map(s => n.text.slice(s.start, s.end)))}`);
      }
      for (const s of extra(n.text, n.suggest || [], spans)) over.push(`${s.kind} "${n.text.slice(s.start, s.end)}" in: ${n.text}`);
    }
    figures.push(`suggestion recall: ${caught}/${total} (${(100 * caught / total).toFixed(1)} %)`, ...missed.map(m => `  missed ${m}`), ...over.map(m => `  over ${m}`));
    expect(missed).toEqual([]);
    expect(caught / total).toBeGreaterThanOrEqual(0.98);
    expect(over).toEqual([]);
  });

  it('touches none of the harmless notes (no redaction, no suggestion)', () => {
    const touched: string[] = [];
    for (const n of harmless) {
      const redactions = findPii(n.text, ALL);
      const suggestions = suggestPii(n.text, ALL, { redactions });
      for (const s of [...redactions, ...suggestions]) touched.push(`${s.kind} "${n.text.slice(s.start, s.end)}" in: ${n.text}`);
    }
    figures.push(`harmless notes touched: ${touched.length} spans over ${harmless.length} notes`, ...touched.map(m => `  ${m}`));
    expect(touched).toEqual([]);
  });
});
