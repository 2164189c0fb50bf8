/**
 * What the Communities views need from the services, bound to the signed-in person: the
 * CommunityService (what a member does; the trusted job decides the rest) plus the relay's triage,
 * so that "N customers raised this" shows while a question is typed. Views take it as a prop, so
 * component tests pass fakes.
 */
import type { SuiteContext } from '../../services/context';
import type { TriageCandidate } from '../../services/relay/api';
import { CommunityService } from '../../services/community/service';
import { newClientId } from '../../core/relay/submission';
import { createRelayApi } from '../relay/relayApi';

type ServicePart = Pick<CommunityService,
  'browse' | 'myMemberships' | 'community' | 'members' | 'threads' | 'thread' | 'startThread' | 'reply' | 'edit' | 'remove' |
  'vote' | 'unvote' | 'follow' | 'unfollow' | 'join' | 'leave' | 'accept' | 'manageMember' | 'myRequests' | 'similarQuestions'>;

export interface CommunitiesApi extends ServicePart {
  /** UPN of the signed-in person. */
  readonly me: string;
  /** The site the drafts are kept for (one draft store per site and person). */
  readonly siteUrl: string;
  /** Open customer insights that look like `text` (the relay's triage). */
  insights(text: string): Promise<TriageCandidate[]>;
  /** A new client id (UUID v4): the idempotency key of a post, kept with its draft. */
  newId(): string;
}

const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

export function createCommunitiesApi(ctx: Pick<SuiteContext, 'sp' | 'graph' | 'siteUrl'>, me: string): CommunitiesApi {
  const newId = (): string => newClientId(randomBytes);
  const service = new CommunityService({ sp: ctx.sp }, { me, newId });
  const relay = createRelayApi(ctx, me);
  const bind = <K extends keyof ServicePart>(k: K): ServicePart[K] => (service[k] as unknown as (...a: unknown[]) => unknown).bind(service) as ServicePart[K];
  return {
    me,
    siteUrl: ctx.siteUrl,
    newId,
    insights: text => relay.triage({ text, category: '', product: '' }),
    browse: bind('browse'), myMemberships: bind('myMemberships'), community: bind('community'), members: bind('members'),
    threads: bind('threads'), thread: bind('thread'), startThread: bind('startThread'), reply: bind('reply'), edit: bind('edit'),
    remove: bind('remove'), vote: bind('vote'), unvote: bind('unvote'), follow: bind('follow'), unfollow: bind('unfollow'),
    join: bind('join'), leave: bind('leave'), accept: bind('accept'), manageMember: bind('manageMember'),
    myRequests: bind('myRequests'), similarQuestions: bind('similarQuestions')
  };
}
