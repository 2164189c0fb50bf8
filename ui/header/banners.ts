/**
 * The company banners in force, asked for once per page (every header render and every
 * placeholder change reuses the answer), and the banners the user dismissed for this session.
 */
import type { Banner } from '../../core/relay/model';
import type { BannerApi } from '../../services/relay/api';

const cache = new WeakMap<BannerApi, Promise<Banner[]>>();

export function activeBanners(api: BannerApi): Promise<Banner[]> {
  let found = cache.get(api);
  if (!found) {
    found = api.active();
    cache.set(api, found);
    // A failed read is not kept: the next page (or render) asks again.
    found.catch(() => cache.delete(api));
  }
  return found;
}

const DISMISSED = 'social-intranet:banner-dismissed:';

function session(): Storage | null {
  try {
    return typeof sessionStorage !== 'undefined' ? sessionStorage : null;
  } catch {
    return null;
  }
}

/** Banners are dismissed by key (a banner published again under the same key stays dismissed). */
export function isDismissed(banner: Banner): boolean {
  const s = session();
  try {
    return !!s && s.getItem(DISMISSED + (banner.key || String(banner.id))) === '1';
  } catch {
    return false;
  }
}

export function dismiss(banner: Banner): void {
  const s = session();
  try {
    if (s) s.setItem(DISMISSED + (banner.key || String(banner.id)), '1');
  } catch {
    // Storage blocked: the banner is hidden until the next page only.
  }
}
