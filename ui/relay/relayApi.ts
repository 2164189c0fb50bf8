/**
 * What the relay's employee views (capture form, "My relays", the header's panel) need from the
 * services, bound to the signed-in user: RelayApi (services/relay/api.ts) plus the feedback policy
 * in force (read once per page by the settings service) and who and where the user is (the draft
 * is kept per user and per site). Views take it as a prop so component tests pass fakes.
 */
import type { FeedbackPolicy } from '../../core/policy/types';
import type { RelayApi } from '../../services/relay/api';
import type { SuiteContext } from '../../services/context';
import { RelayService } from '../../services/relay/relays';
import { SettingsService } from '../../services/settings';

export interface RelayViewApi extends RelayApi {
  /** UPN of the signed-in user. */
  readonly me: string;
  /** The hub site the relay lists live on. */
  readonly siteUrl: string;
  /** The feedback part of the policy in force (cached per page). */
  feedbackPolicy(): Promise<FeedbackPolicy>;
}

/** Builds the API for the signed-in user `me` from the suite's services. */
export function createRelayApi(ctx: Pick<SuiteContext, 'sp' | 'graph' | 'siteUrl'>, me: string): RelayViewApi {
  const settings = new SettingsService(ctx);
  const feedbackPolicy = (): Promise<FeedbackPolicy> => settings.load().then(s => s.policy.feedback);
  const service = new RelayService(ctx, { me, policy: feedbackPolicy });
  return {
    me,
    siteUrl: ctx.siteUrl,
    feedbackPolicy,
    submit: (submission, progress) => service.submit(submission, progress),
    triage: query => service.triage(query),
    answers: query => service.answers(query),
    myRelays: next => service.myRelays(next)
  };
}
