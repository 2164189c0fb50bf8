/**
 * What the management dashboard needs from the services, bound to the signed-in user: the
 * insight, statistics and banner APIs (services/relay/api.ts) and, read once per page by the
 * settings service, the policy in force and the roles the user holds. The view takes it as a prop
 * so component tests pass fakes; createDashboardApi builds the real one from a SuiteContext.
 */
import type { Policy } from '../../core/policy/types';
import { hasRole } from '../../core/policy/audience';
import type { BannerApi, InsightApi, StatsApi } from '../../services/relay/api';
import type { SuiteContext } from '../../services/context';
import { SettingsService } from '../../services/settings';
import { InsightService } from '../../services/relay/insights';
import { StatsService } from '../../services/relay/stats';
import { BannerService } from '../../services/relay/banners';
import { graphPeopleNames, PeopleNamesApi } from '../../services/relay/names';

export interface DashboardAccess {
  policy: Policy;
  /** Holds the management role: sees and acts on insights. */
  management: boolean;
  /** Holds the communications role: may publish a company banner from a spike. */
  communications: boolean;
}

export interface DashboardApi {
  /** UPN of the signed-in user (assign to me). */
  readonly me: string;
  readonly insights: InsightApi;
  readonly stats: StatsApi;
  readonly banners: BannerApi;
  /** People's names for the UPNs insights and timelines hold (optional: without it, UPNs are shown). */
  readonly people?: PeopleNamesApi;
  /** The policy in force and the user's roles (the settings service's page cache: policy + membership). */
  access(): Promise<DashboardAccess>;
}

/** The dashboard's services over PnPjs, for the signed-in user `me`. */
export function createDashboardApi(ctx: SuiteContext, me: string): DashboardApi {
  const settings = new SettingsService(ctx);
  const access = async (): Promise<DashboardAccess> => {
    const [snapshot, member] = await Promise.all([settings.load(), settings.membership()]);
    return {
      policy: snapshot.policy,
      management: hasRole(snapshot.policy, 'management', member),
      communications: hasRole(snapshot.policy, 'communications', member)
    };
  };
  return {
    me,
    insights: new InsightService(ctx, {
      me,
      policy: async () => (await settings.load()).policy.feedback,
      membership: () => settings.membership()
    }),
    stats: new StatsService(ctx),
    banners: new BannerService(ctx),
    people: graphPeopleNames(ctx.graph),
    access
  };
}
