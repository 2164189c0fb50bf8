/**
 * Builds a SuiteContext from the SPFx context of a web part or extension (SharePoint or Teams).
 * Only web part and extension shells import this file.
 */
import type { BaseComponentContext } from '@microsoft/sp-component-base';
import { spfi } from '@pnp/sp';
import { SPFx } from '@pnp/sp/behaviors/spfx';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SuiteContext } from './context';
import { resolveHubSiteUrl } from './hub';

/**
 * The suite's services for a web part or extension: PnPjs bound to the intranet hub site (found
 * through the tenant property, else the current site), and the Graph client SharePoint provides.
 */
export async function createContextFromSpfx(context: BaseComponentContext, siteUrl?: string): Promise<SuiteContext> {
  const currentWeb = context.pageContext.web.absoluteUrl;
  const url = siteUrl || await resolveHubSiteUrl(spfi(currentWeb).using(SPFx(context)), currentWeb);
  const sp = spfi(url).using(SPFx(context));
  // MSGraphClientV3 wraps the Graph JS client 3.x that SharePoint loads; its API is the Client's.
  const graph = (await context.msGraphClientFactory.getClient('3')) as unknown as Client;
  return { sp, graph, siteUrl: url, locale: context.pageContext.cultureInfo.currentUICultureName };
}
