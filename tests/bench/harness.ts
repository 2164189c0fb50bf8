/**
 * Benchmark harness: each benchmark measures a subject and a baseline in the same process, so
 * the figure that matters is the ratio between them (these machines are noisy; absolute times are
 * reported but only compared with the budget, never asserted by tests).
 */
import * as os from 'os';
import { median, percentile } from '../../core/stats';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

export interface BenchResult {
  name: string;
  /** What is measured, in one sentence. */
  subject: string;
  /** What it is compared with, in one sentence. */
  baseline: string;
  timing: Timing;
  baselineTiming: Timing;
  /** baseline median / subject median: how many times faster the subject is. */
  speedup: number;
  budget: string;
  withinBudget: boolean;
  notes: string[];
}

export interface Benchmark {
  name: string;
  run(log: (line: string) => void): Promise<BenchResult[]>;
}

/** Times `fn` `runs` times after `warmup` untimed runs. */
export async function time(fn: () => unknown | Promise<unknown>, runs: number, warmup = Math.min(5, runs)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { runs, medianMs: median(samples), p95Ms: percentile(samples, 95), minMs: Math.min(...samples) };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));

export function toMarkdown(results: BenchResult[], when: Date): string {
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`. Each benchmark runs its subject and its baseline in the same process;',
    'the speed-up (baseline median ÷ subject median) is the figure to compare between machines.',
    '',
    `Last run: ${when.toISOString()} on ${machine()}.`,
    '',
    '| benchmark | subject median (ms) | subject p95 (ms) | baseline median (ms) | speed-up | budget | within budget |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |'
  ];
  for (const r of results) {
    lines.push(`| ${r.name} | ${ms(r.timing.medianMs)} | ${ms(r.timing.p95Ms)} | ${ms(r.baselineTiming.medianMs)} | ${r.speedup.toFixed(1)}× | ${r.budget} | ${r.withinBudget ? 'yes' : '**no**'} |`);
  }
  lines.push('');
  for (const r of results) {
    lines.push(`## ${r.name}`, '', `- Subject: ${r.subject}`, `- Baseline: ${r.baseline}`,
      `- Runs: ${r.timing.runs} (subject), ${r.baselineTiming.runs} (baseline); best subject run ${ms(r.timing.minMs)} ms.`);
    for (const n of r.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}
