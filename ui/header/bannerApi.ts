/**
 * The company banners the header shows, from the suite's services. Kept apart from the relay form's
 * API so the header's entry bundle carries the banner reader only.
 */
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';

export function createBannerApi(_ctx: Pick<SuiteContext, 'sp' | 'siteUrl'>): BannerApi | undefined {
  // The banner service (services/relay/banners.ts) is wired here once it is available.
  return undefined;
}
