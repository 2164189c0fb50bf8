/**
 * `npm run reset`: deletes and rebuilds the local tenant's database (.local/tenant.db) with the
 * demo seed. `--scale` adds 100,000 synthetic people for benchmarks (`--people=N` changes that
 * number). The database is opened through createLocalTenant so that every schema exists.
 *
 *   npm run reset
 *   npm run reset -- --scale
 *   npm run reset -- --reference-date=2026-11-02   (the demo's "today"; default: today)
 */
import * as fs from 'fs';
import * as path from 'path';
import { createLocalTenant } from '../tenant/server';
import { seedDemo, seedScale, PERSONAS } from '../tenant/seed';

export const DEFAULT_DB_FILE = path.resolve(__dirname, '..', '..', '.local', 'tenant.db');

export interface ResetOptions {
  dbFile?: string;
  scale?: boolean;
  scalePeople?: number;
  referenceDate?: Date;
  log?: (line: string) => void;
}

export function resetDatabase(options: ResetOptions = {}): void {
  const file = options.dbFile || process.env.LOCAL_TENANT_DB || DEFAULT_DB_FILE;
  const log = options.log || ((line: string) => console.log(line));
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
  const started = Date.now();
  const tenant = createLocalTenant({ dbFile: file });
  try {
    // The demo's "today": the day the database is built unless a date is given (all dates derive from it).
    const referenceDate = options.referenceDate || new Date(new Date().toISOString().slice(0, 10) + 'T12:00:00Z');
    const summary = seedDemo(tenant.db, { referenceDate });
    log(`Seeded ${summary.people} people (${summary.guests} guests, ${summary.disabled} disabled) in ${Object.keys(summary.departments).length} departments.`);
    if (options.scale) {
      const scale = seedScale(tenant.db, { people: options.scalePeople || 100000 });
      log(`Scale mode: added ${scale.people} synthetic people in ${Math.round(scale.ms)} ms.`);
    }
    log(`Database: ${path.relative(process.cwd(), file) || file} (${Date.now() - started} ms)`);
    log('Sign in as one of:');
    for (const p of PERSONAS) log(`  ${p.role.padEnd(24)} ${p.upn}`);
  } finally {
    tenant.close();
  }
}

function parseArgs(argv: string[]): ResetOptions {
  const o: ResetOptions = {};
  for (const a of argv) {
    if (a === '--scale') o.scale = true;
    else if (a.startsWith('--people=')) o.scalePeople = Number(a.slice('--people='.length));
    else if (a.startsWith('--reference-date=')) {
      const d = new Date(a.slice('--reference-date='.length));
      if (Number.isNaN(d.getTime())) throw new Error(`Invalid --reference-date: ${a}`);
      o.referenceDate = d;
    } else if (a.startsWith('--db=')) o.dbFile = path.resolve(a.slice('--db='.length));
    else throw new Error(`Unknown option ${a} (known: --scale, --people=N, --reference-date=YYYY-MM-DD, --db=FILE)`);
  }
  return o;
}

if (require.main === module) {
  try {
    resetDatabase(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
