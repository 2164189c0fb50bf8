/**
 * Builds a SuiteContext from the SPFx context of a web part or extension (SharePoint or Teams).
 * Only web part and extension shells import this file.
 */
import type { BaseComponentContext } from '@microsoft/sp-component-base';
import { spfi } from '@pnp/sp';
import { SPFx } from '@pnp/sp/behaviors/spfx';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SuiteContext } from './context';

export async function createContextFromSpfx(context: BaseComponentContext, siteUrl?: string): Promise<SuiteContext> {
  const url = siteUrl || context.pageContext.web.absoluteUrl;
  const sp = spfi(url).using(SPFx(context));
  // MSGraphClientV3 wraps the Graph JS client 3.x that SharePoint loads; its API is the Client's.
  const graph = (await context.msGraphClientFactory.getClient('3')) as unknown as Client;
  return { sp, graph, siteUrl: url, locale: context.pageContext.cultureInfo.currentUICultureName };
}
