/**
 * Where the suite's lists live: the intranet hub site named by the tenant property
 * (storage entity) that provisioning sets. Tenant properties are readable from every site
 * ("Tenant properties", learn.microsoft.com/sharepoint/dev/spfx/tenant-properties), so a web part
 * on any page, or a Teams tab on a team's site, finds the hub in one request, once per page.
 */
import '@pnp/sp/webs';
import type { SPFI } from '@pnp/sp';
import { HUB_SITE_URL_PROPERTY } from './provisioning/schema';

const CACHE_KEY = '__socialIntranetHubSiteUrl';

function pageCache(): Map<string, Promise<string>> {
  const holder = (typeof window !== 'undefined' ? window : globalThis) as unknown as Record<string, Map<string, Promise<string>> | undefined>;
  let cache = holder[CACHE_KEY];
  if (!cache) {
    cache = new Map();
    holder[CACHE_KEY] = cache;
  }
  return cache;
}

/**
 * The hub site's absolute URL, or `currentWebUrl` when the tenant property is not set (a suite
 * installed on one site only) or cannot be read.
 */
export function resolveHubSiteUrl(sp: SPFI, currentWebUrl: string): Promise<string> {
  const cache = pageCache();
  const key = currentWebUrl.toLowerCase();
  let pending = cache.get(key);
  if (!pending) {
    pending = sp.web.getStorageEntity(HUB_SITE_URL_PROPERTY).then(
      entity => {
        const value = entity && typeof entity.Value === 'string' ? entity.Value.trim() : '';
        return /^https?:\/\//i.test(value) ? value.replace(/\/+$/, '') : currentWebUrl;
      },
      () => currentWebUrl
    );
    cache.set(key, pending);
  }
  return pending;
}
