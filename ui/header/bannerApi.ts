/**
 * The company banners the header shows, from the suite's services. Kept apart from the relay form's
 * API so the header's entry bundle carries the banner reader only.
 */
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';
import { BannerService } from '../../services/relay/banners';

export function createBannerApi(ctx: Pick<SuiteContext, 'sp'>): BannerApi {
  return new BannerService(ctx);
}
