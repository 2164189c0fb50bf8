/**
 * The prebuilt expertise index: the job's step builds it into the hub's "ExpertiseIndex" library;
 * the prebuilt provider reads it in two requests (never the directory, never a list) and gives the
 * same results and reasons as the in-browser provider for the benchmark's 30 queries; a saved
 * record and a new endorsement are in everyone's search after the next run; guests and disabled
 * accounts are not in the file at all.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { graphFor, PERSONAS_UPN } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { generateDemoOrganisation } from '../../workbench/tenant/seed';
import { seedDemoExpertise } from '../../services/expertise/demoSeed';
import { ExpertiseService } from '../../services/expertise/records';
import { runRelayJob } from '../../services/relay/job';
import { createContextFromBaseUrl } from '../../services/connect';
import { LocalExpertiseProvider } from '../../services/expertise/localProvider';
import { createOutcomeSource } from '../../services/expertise/outcomes';
import { PrebuiltIndexExpertSearch } from '../../services/expertise/prebuiltProvider';
import { createExpertSearch } from '../../services/expertise/registry';
import { EXPERTISE_INDEX_DATA, libraryFolder, readIndexFile } from '../../services/expertise/indexFiles';
import { unpackIndex, PackedIndex } from '../../core/expertise/packed';
import type { SearchQuery } from '../../core/expertise/types';
import { QUERIES } from '../bench/expertise-search.bench';
import { JobTenant, manualClock, startJobTenant, T0 } from './relay-job-setup';

let j: JobTenant;
const clock = manualClock();
const people = generateDemoOrganisation({ referenceDate: T0 }).people;
const onlyIndex = { ingest: false, clock: false, outcomes: false, stats: false, expertise: false } as const;
const runJob = () => runRelayJob(j.jobCtx(), { policy: j.policy, now: T0, sender: j.jobUpn, leaseClock: clock.now, steps: onlyIndex });
const ctxAs = (upn: string) => createContextFromBaseUrl({ siteUrl: j.t.siteUrl, graphBaseUrl: j.t.graphBaseUrl, locale: 'fr-FR', headers: { 'x-local-user': upn } });
const query = (q: Pick<SearchQuery, 'text' | 'filters'>, page = 1): SearchQuery => ({ ...q, page, pageSize: 20, locale: 'fr-FR' });

beforeAll(async () => {
  j = await startJobTenant();
  await seedDemoExpertise({ people, spAs: upn => spFor(j.t.siteUrl, upn), taxonomy: j.policy.skills });
}, 120000);
afterAll(() => j && j.t.close());

async function indexFile(): Promise<PackedIndex> {
  const text = await readIndexFile(spFor(j.t.siteUrl, PERSONAS_UPN.employee), libraryFolder('/sites/intranet'), EXPERTISE_INDEX_DATA);
  return JSON.parse(text as string) as PackedIndex;
}

it('builds the index in full at the first run, without guests or disabled accounts', async () => {
  const summary = await runJob();
  expect(summary.failedSteps).toEqual([]);
  const directory = j.t.tenant.db.prepare('SELECT COUNT(*) AS n, SUM(accountEnabled = 1 AND userType = \'Member\') AS members FROM users').get() as { n: number; members: number };
  expect(summary.expertiseIndex).toMatchObject({ mode: 'full', changed: directory.n });
  const profiles = unpackIndex(await indexFile());
  expect(profiles.length).toBe(directory.members);
  const hidden = new Set(people.filter(p => p.userType === 'Guest' || !p.accountEnabled).map(p => p.userPrincipalName.toLowerCase()));
  expect(hidden.size).toBe(j.t.seed.guests + j.t.seed.disabled);
  expect(profiles.some(p => hidden.has(p.upn))).toBe(false);
}, 60000);

it('answers the 30 benchmark queries as the in-browser provider does, in two requests, none to the directory or a list', async () => {
  const ctx = ctxAs(PERSONAS_UPN.employee);
  const local = new LocalExpertiseProvider({ sp: ctx.sp, graph: graphFor(j.t.graphBaseUrl, PERSONAS_UPN.employee) }, {
    taxonomy: j.policy.skills, outcomes: createOutcomeSource(ctx, { skills: j.policy.skills, feedback: j.policy.feedback })
  });
  await local.load();
  const prebuilt = new PrebuiltIndexExpertSearch(ctx);
  await prebuilt.load();
  const from = j.t.requests.length;
  for (const q of QUERIES) {
    const a = local.search(query(q));
    const b = await prebuilt.search(query(q));
    expect({ q: q.text, total: b.total, hits: b.results.map(h => [h.profile.upn, h.score, h.reasons]) })
      .toEqual({ q: q.text, total: a.total, hits: a.results.map(h => [h.profile.upn, h.score, h.reasons]) });
  }
  const requests = j.t.requests.slice(from).map(r => decodeURIComponent(r.url));
  expect(requests).toHaveLength(2);
  expect(requests.every(u => /getFileByServerRelativeUrl\('\/sites\/intranet\/ExpertiseIndex\/[^']+'\)\/\$value/.test(u))).toBe(true);
  expect(prebuilt.stats).toMatchObject({ requests: 2 });
  expect(prebuilt.facets('fr-FR').departments.length).toBeGreaterThan(0);
}, 120000);

it('shows a saved record and a new endorsement in everyone\'s search after the next run', async () => {
  const me = PERSONAS_UPN.employee;
  const service = new ExpertiseService({ sp: spFor(j.t.siteUrl, me) }, { me });
  const snapshot = (await service.getRecord(me))!;
  await service.saveOwnRecord({ ...snapshot.record, personUpn: me, askMeAbout: ['Zythologie brassicole'] }, snapshot.etag);
  const colleague = PERSONAS_UPN.agent;
  await new ExpertiseService({ sp: spFor(j.t.siteUrl, colleague) }, { me: colleague }).endorse(PERSONAS_UPN.manager, 'lean');
  const before = await new PrebuiltIndexExpertSearch(ctxAs(PERSONAS_UPN.director)).search(query({ text: 'zythologie', filters: {} }));
  expect(before.total).toBe(0);

  const summary = await runJob();
  expect(summary.expertiseIndex).toMatchObject({ mode: 'update' });
  const reader = createExpertSearch(ctxAs(PERSONAS_UPN.director), 'prebuiltIndex');
  await reader.load();
  const found = await reader.search(query({ text: 'zythologie', filters: {} }));
  expect(found.results.map(h => h.profile.upn)).toEqual([me]);
  const profile = unpackIndex(await indexFile()).find(p => p.upn === PERSONAS_UPN.manager)!;
  expect(profile.evidence.lean.endorsers).toContain(colleague);
}, 120000);

it('drops a disabled account at the next run that reads it', async () => {
  const upn = PERSONAS_UPN.agent;
  j.t.tenant.db.prepare('UPDATE users SET accountEnabled = 0 WHERE lower(userPrincipalName) = ?').run(upn);
  // Her colleague's new endorsement names her: the update reads her directory entry again.
  await new ExpertiseService({ sp: spFor(j.t.siteUrl, PERSONAS_UPN.employee) }, { me: PERSONAS_UPN.employee }).endorse(upn, 'lean');
  const summary = await runJob();
  expect(summary.expertiseIndex).toMatchObject({ mode: 'update' });
  expect(unpackIndex(await indexFile()).some(p => p.upn === upn)).toBe(false);
}, 120000);
