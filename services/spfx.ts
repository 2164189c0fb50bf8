/**
 * Builds a SuiteContext from the SPFx context of a web part or extension (SharePoint or Teams).
 * Only the shells' shared runtime (ui/spfxRuntime.ts, loaded on demand) calls this file.
 */
import type { BaseComponentContext } from '@microsoft/sp-component-base';
import { spfi } from '@pnp/sp';
import { SPFx } from '@pnp/sp/behaviors/spfx';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SuiteContext, SuiteUser } from './context';
import { resolveHubSiteUrl } from './hub';

const GRAPH_KEY = '__socialIntranetGraphClient';

/**
 * One Graph client per page, whichever component asks first: every component's factory hands out
 * an equivalent client, and sharing it shares its token cache.
 */
function pageGraphClient(context: BaseComponentContext): Promise<Client> {
  const holder = window as unknown as Record<string, Promise<Client> | undefined>;
  let pending = holder[GRAPH_KEY];
  if (!pending) {
    // MSGraphClientV3 wraps the Graph JS client 3.x that SharePoint loads; its API is the Client's.
    pending = context.msGraphClientFactory.getClient('3').then(client => client as unknown as Client);
    holder[GRAPH_KEY] = pending;
    pending.catch(() => { holder[GRAPH_KEY] = undefined; });
  }
  return pending;
}

/** The signed-in user as SPFx already knows them: one way for every shell. */
export function userFromSpfx(context: BaseComponentContext): SuiteUser {
  const user = context.pageContext.user;
  return { upn: (user.loginName || user.email || '').toLowerCase(), displayName: user.displayName || '' };
}

/**
 * The suite's services for a web part or extension: PnPjs bound to the intranet hub site (found
 * through the tenant property, else the current site; once per page), and the page's Graph client,
 * both asked for at the same time.
 */
export async function createContextFromSpfx(context: BaseComponentContext, siteUrl?: string): Promise<SuiteContext> {
  const currentWeb = context.pageContext.web.absoluteUrl;
  const graphP = pageGraphClient(context);
  const url = siteUrl || await resolveHubSiteUrl(spfi(currentWeb).using(SPFx(context)), currentWeb);
  const sp = spfi(url).using(SPFx(context));
  return { sp, graph: await graphP, siteUrl: url, locale: context.pageContext.cultureInfo.currentUICultureName, user: userFromSpfx(context) };
}
