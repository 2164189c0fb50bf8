/**
 * What the profile's expertise section needs from the services, bound to the signed-in user: the
 * policy's skills (read once per page by the settings service), the person's record and
 * endorsements, endorsing, withdrawing and saving one's own record. Views take it as a prop so
 * that component tests can pass fakes.
 */
import type { SkillDefinition } from '../../core/policy/types';
import type { ExpertiseRecord } from '../../core/expertise/record';
import type { SuiteContext } from '../../services/context';
import { ExpertiseService, Endorsement, EndorseResult, RecordSnapshot, WithdrawResult } from '../../services/expertise/records';
import { SettingsService } from '../../services/settings';
import { outcomesOfPerson } from '../../services/expertise/outcomes';
import type { OutcomeCount } from '../../services/expertise/localProvider';

export interface ExpertiseApi {
  /** The policy's skills taxonomy (cached per page). */
  skills(): Promise<SkillDefinition[]>;
  getRecord(upn: string): Promise<RecordSnapshot | null>;
  endorsementsOf(upn: string): Promise<Endorsement[]>;
  endorse(personUpn: string, skillKey: string): Promise<EndorseResult>;
  withdraw(personUpn: string, skillKey: string): Promise<WithdrawResult>;
  saveOwnRecord(record: ExpertiseRecord, etag: string | null): Promise<RecordSnapshot>;
  /**
   * The person's outcome evidence per taxonomy skill: customer insights they resolved, answers of
   * theirs accepted in communities. Loaded after the record (it does not hold up the first render).
   */
  outcomesOf?(upn: string): Promise<OutcomeCount[]>;
}

/** Builds the API for the signed-in user `me` from the suite's services. */
export type ExpertiseApiFactory = (me: string) => ExpertiseApi;

export function createExpertiseApi(ctx: Pick<SuiteContext, 'sp' | 'graph' | 'siteUrl'>, me: string): ExpertiseApi {
  const settings = new SettingsService(ctx);
  let service: Promise<ExpertiseService> | undefined;
  // Saving checks taxonomy ids against the policy in force: the service is built once the policy is known.
  const get = (): Promise<ExpertiseService> => {
    if (!service) {
      service = settings.load().then(s => new ExpertiseService(ctx, { me, taxonomyIds: new Set(s.policy.skills.map(k => k.id)) }));
      service.catch(() => { service = undefined; });
    }
    return service;
  };
  // Reads do not need the taxonomy ids: they start at once, in parallel with the (cached) policy.
  const reader = new ExpertiseService(ctx, { me });
  return {
    skills: () => settings.load().then(s => s.policy.skills),
    getRecord: upn => reader.getRecord(upn),
    endorsementsOf: upn => reader.endorsementsOf(upn),
    endorse: (personUpn, skillKey) => reader.endorse(personUpn, skillKey),
    withdraw: (personUpn, skillKey) => reader.withdraw(personUpn, skillKey),
    saveOwnRecord: (record, etag) => get().then(s => s.saveOwnRecord(record, etag)),
    outcomesOf: upn => settings.load().then(s => outcomesOfPerson(ctx, upn, { skills: s.policy.skills, feedback: s.policy.feedback }))
  };
}
