/**
 * The job's expertise step: a profile squatted under a colleague's UPN and an endorsement forged in
 * a colleague's name, written through plain REST, are removed by the job with its identity; the
 * sweep walks both lists whole, so it runs at most once an hour whichever host runs the job.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { ENDORSEMENT_FIELDS, ENDORSEMENTS_LIST_TITLE, EXPERTISE_FIELDS, EXPERTISE_PROFILES_LIST_TITLE } from '../../services/provisioning/expertiseLists';
import { endorsementKey } from '../../core/expertise/record';
import { odataString } from '../../core/odata';
import { runRelayJob } from '../../services/relay/job';
import { EXPERTISE_SWEEP_INTERVAL_MS } from '../../services/relay/job/steps/expertise';
import { JobTenant, manualClock, startJobTenant, T0 } from './relay-job-setup';

let j: JobTenant;
beforeAll(async () => {
  j = await startJobTenant();
}, 90000);
afterAll(() => j && j.t.close());

const ATTACKER = PERSONAS_UPN.employee;
const VICTIM = PERSONAS_UPN.manager;

async function namedItems(): Promise<{ squats: number; forgeries: number }> {
  const profiles = await j.admin.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items
    .select('Id').filter(`${EXPERTISE_FIELDS.personUpn} eq ${odataString(VICTIM)}`)();
  const endorsements = await j.admin.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items
    .select('Id').filter(`${ENDORSEMENT_FIELDS.key} eq ${odataString(endorsementKey(VICTIM, PERSONAS_UPN.agent, 'crm'))}`)();
  return { squats: profiles.length, forgeries: endorsements.length };
}

it('removes a squat and a forged endorsement with the job identity, and sweeps again only after an hour', async () => {
  const as = spFor(j.t.siteUrl, ATTACKER).web.lists;
  await as.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.add({
    Title: VICTIM, [EXPERTISE_FIELDS.personUpn]: VICTIM, [EXPERTISE_FIELDS.skills]: JSON.stringify([{ label: 'Lean', proficiency: 4 }])
  });
  await as.getByTitle(ENDORSEMENTS_LIST_TITLE).items.add({
    Title: 'crm', [ENDORSEMENT_FIELDS.key]: endorsementKey(VICTIM, PERSONAS_UPN.agent, 'crm'),
    [ENDORSEMENT_FIELDS.personUpn]: PERSONAS_UPN.agent, [ENDORSEMENT_FIELDS.skillKey]: 'crm', [ENDORSEMENT_FIELDS.endorserUpn]: VICTIM
  });
  expect(await namedItems()).toEqual({ squats: 1, forgeries: 1 });

  const clock = manualClock();
  const run = () => runRelayJob(j.jobCtx(), {
    policy: j.policy, now: T0, sender: j.jobUpn, leaseClock: clock.now, steps: { ingest: false, clock: false, outcomes: false, stats: false }
  });
  const first = await run();
  expect(first.failedSteps).toEqual([]);
  expect(first.expertise).toMatchObject({ ran: true, sweep: { profiles: { forged: 1, removed: 1 }, endorsements: { forged: 1, removed: 1 } } });
  expect(await namedItems()).toEqual({ squats: 0, forgeries: 0 });

  // A new squat within the hour waits for the next sweep; readers ignore it meanwhile.
  await as.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.add({ Title: VICTIM, [EXPERTISE_FIELDS.personUpn]: VICTIM });
  clock.advance(10 * 60_000);
  const second = await run();
  expect(second.expertise).toMatchObject({ ran: false, sweep: null });
  expect((await namedItems()).squats).toBe(1);

  clock.advance(EXPERTISE_SWEEP_INTERVAL_MS);
  const third = await run();
  expect(third.expertise).toMatchObject({ ran: true, sweep: { profiles: { removed: 1 } } });
  expect((await namedItems()).squats).toBe(0);
}, 120000);
