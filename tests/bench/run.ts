/**
 * `npm run bench`: runs every benchmark, prints the figures and writes docs/benchmarks.md.
 * `npm run bench -- <name>` runs the benchmarks whose name contains <name>.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Benchmark, BenchResult, toMarkdown } from './harness';
import { tenantQueryBenchmark } from './tenant-query.bench';
import { relayMatchingBenchmark } from './relay-matching.bench';
import { expertiseSearchBenchmark } from './expertise-search.bench';
import { relayHeavyQueriesBenchmark, relayQueriesBenchmark } from './relay-queries.bench';
import { relayRedactionBenchmark } from './relay-redaction.bench';
import { communityBenchmark } from './community.bench';

const all: Benchmark[] = [tenantQueryBenchmark, relayMatchingBenchmark, expertiseSearchBenchmark, relayQueriesBenchmark, relayHeavyQueriesBenchmark, relayRedactionBenchmark, communityBenchmark];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const chosen = filter ? all.filter(b => b.name.includes(filter)) : all;
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    console.log(`== ${bench.name}`);
    results.push(...(await bench.run(line => console.log(`   ${line}`))));
  }
  const report = toMarkdown(results, new Date());
  console.log(`\n${report}`);
  if (!filter) {
    // The page benchmark (npm run bench:page) writes its own section: it is kept.
    const file = path.resolve(__dirname, '..', '..', 'docs', 'benchmarks.md');
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const page = /<!-- bench:page -->[\s\S]*<!-- \/bench:page -->/.exec(previous);
    fs.writeFileSync(file, `${report}\n${page ? `\n${page[0]}\n` : ''}`);
    console.log('Written to docs/benchmarks.md');
  }
  if (results.some(r => !r.withinBudget)) process.exitCode = 1;
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
