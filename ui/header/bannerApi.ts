/**
 * The company banners the header shows, from the suite's services. The header's view is itself a
 * chunk loaded on demand (the application customizer's entry holds only its lifecycle), so the
 * banner service is part of it: the banners are asked for as soon as the header mounts, without
 * waiting for one more chunk.
 */
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';
import { BannerService } from '../../services/relay/banners';

export function createBannerApi(ctx: Pick<SuiteContext, 'sp'>): BannerApi {
  return new BannerService(ctx);
}
