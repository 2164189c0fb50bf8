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
const DEVICE_KEY_PREFIX = 'social-intranet:hub:';

function deviceStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage can be blocked by the browser's privacy settings
  }
}

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
 *
 * The answer is also kept on the device: on the next page it is used at once, so the components'
 * requests do not wait one round trip for it, and the property is read again in the background
 * (a hub that moved is followed from the page after).
 */
export function resolveHubSiteUrl(sp: SPFI, currentWebUrl: string, storage: Storage | null = deviceStorage()): Promise<string> {
  const cache = pageCache();
  const key = currentWebUrl.toLowerCase();
  let pending = cache.get(key);
  if (!pending) {
    const read = sp.web.getStorageEntity(HUB_SITE_URL_PROPERTY).then(
      entity => {
        const value = entity && typeof entity.Value === 'string' ? entity.Value.trim() : '';
        const url = /^https?:\/\//i.test(value) ? value.replace(/\/+$/, '') : currentWebUrl;
        try {
          if (storage) storage.setItem(DEVICE_KEY_PREFIX + key, url);
        } catch {
          // a full or blocked storage only costs one round trip on the next page
        }
        return url;
      },
      () => currentWebUrl
    );
    let remembered: string | null = null;
    try {
      remembered = storage ? storage.getItem(DEVICE_KEY_PREFIX + key) : null;
    } catch {
      remembered = null;
    }
    pending = remembered && /^https?:\/\//i.test(remembered) ? Promise.resolve(remembered) : read;
    cache.set(key, pending);
  }
  return pending;
}
