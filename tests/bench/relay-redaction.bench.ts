/**
 * Redaction budget: the form redacts and suggests on every keystroke, so a 10,000-character note
 * (past the 4,000-character limit of a field, as a REST writer may store) must take under 2 ms,
 * and the work must grow linearly with the text. Subject: `findPii` and `suggestPii` on one
 * 10,000-character note made of the corpus's notes; baseline: the same calls on the same text cut
 * into ten 1,000-character notes, in the same process. Linear work gives a ratio near 1; work that
 * grows faster than the text shows as a ratio well below it.
 */
import type { RedactionPolicy } from '../../core/policy/types';
import { findPii } from '../../core/relay/redaction';
import { suggestPii } from '../../core/relay/suggestions';
import corpus from '../unit/data/redaction-corpus.json';
import { Benchmark, BenchResult, time } from './harness';

const LENGTH = 10000;
const BUDGET_MS = 2;
const ALL: RedactionPolicy = { enabled: true, emails: true, phones: true, paymentCards: true, ibans: true, nationalIds: true };

function noteOf(length: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let k = 0; n < length; k++) {
    const text = (corpus.notes as Array<{ text: string }>)[k % corpus.notes.length].text;
    parts.push(text);
    n += text.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

const scan = (text: string): number => {
  const redactions = findPii(text, ALL);
  return redactions.length + suggestPii(text, ALL, { redactions }).length;
};

/** A note of the same length that stresses every reader: digits, "at", titles, street words. */
const hostile = (): string => '1 84 +1- a@ (at) Mme M. 12 rue 4111.1111 '.repeat(260).slice(0, LENGTH);

export const relayRedactionBenchmark: Benchmark = {
  name: 'relay redaction: a 10,000-character note',
  async run(log): Promise<BenchResult[]> {
    const note = noteOf(LENGTH);
    const tenths = Array.from({ length: 10 }, (_v, k) => note.slice(k * 1000, (k + 1) * 1000));
    const found = scan(note);
    if (found < 100) throw new Error(`only ${found} findings in the note: it is not the corpus`);
    const whole = await time(() => scan(note), 400, 40);
    const pieces = await time(() => { for (const t of tenths) scan(t); }, 400, 40);
    const bad = hostile();
    const hostileTiming = await time(() => scan(bad), 200, 20);
    const ratio = pieces.medianMs / whole.medianMs;
    log(`10,000 characters: ${whole.medianMs.toFixed(3)} ms median (p95 ${whole.p95Ms.toFixed(3)}), ten 1,000-character notes: ${pieces.medianMs.toFixed(3)} ms, ratio ${ratio.toFixed(2)}`);
    log(`hostile 10,000 characters: ${hostileTiming.medianMs.toFixed(3)} ms median (p95 ${hostileTiming.p95Ms.toFixed(3)})`);
    return [{
      name: 'relay redaction: a 10,000-character note',
      subject: 'findPii then suggestPii on one 10,000-character note made of the redaction corpus (redactions and suggestions)',
      baseline: 'the same calls on the same text cut into ten 1,000-character notes (linear work gives a ratio near 1)',
      timing: whole,
      baselineTiming: pieces,
      speedup: ratio,
      budget: `median < ${BUDGET_MS} ms, ratio > 0.5 (linear)`,
      withinBudget: whole.medianMs < BUDGET_MS && ratio > 0.5 && hostileTiming.medianMs < BUDGET_MS * 5,
      notes: [
        `${found} redactions and suggestions in the note.`,
        `A hostile note of the same length (digits, "(at)", titles, street words repeated): ${hostileTiming.medianMs.toFixed(2)} ms median, p95 ${hostileTiming.p95Ms.toFixed(2)} ms (checked under ${BUDGET_MS * 5} ms).`
      ]
    }];
  }
};
