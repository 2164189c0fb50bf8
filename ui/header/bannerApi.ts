/**
 * The company banners the header shows, from the suite's services. The banner service (PnPjs
 * lists and items, the relay lists' field names) loads as its own chunk on the first call, so the
 * header's entry bundle, which is on every page of the tenant, does not carry it.
 */
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';
import type { Banner } from '../../core/relay/model';

export function createBannerApi(ctx: Pick<SuiteContext, 'sp'>): BannerApi {
  let service: Promise<BannerApi> | undefined;
  const get = (): Promise<BannerApi> => {
    if (!service) {
      service = import(/* webpackChunkName: 'suite-banners' */ '../../services/relay/banners').then(m => new m.BannerService(ctx));
      service.catch(() => { service = undefined; });
    }
    return service;
  };
  return {
    active: () => get().then(s => s.active()),
    publish: (banner: Omit<Banner, 'id'>) => get().then(s => s.publish(banner)),
    end: (banner: Banner) => get().then(s => s.end(banner))
  };
}
