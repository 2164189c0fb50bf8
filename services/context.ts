/**
 * What every service needs: a PnPjs instance bound to the intranet hub site, a Microsoft Graph
 * client, and the user's locale. Built from the SPFx context in SharePoint and Teams
 * (services/spfx.ts) or from base URLs in the local workbench and tests (services/connect.ts).
 */
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';

/** The signed-in user as the host already knows them (SPFx `pageContext.user`): no request needed. */
export interface SuiteUser {
  /** The user principal name (SPFx `loginName`), lower case: how the suite names a person. */
  upn: string;
  displayName: string;
}

export interface SuiteContext {
  sp: SPFI;
  graph: Client;
  /** Absolute URL of the site the suite's lists live on. */
  siteUrl: string;
  /** The UI locale, e.g. 'en-US' or 'fr-FR'. */
  locale: string;
  /** The signed-in user, when the host knows them without a request (SPFx, the workbench page). */
  user?: SuiteUser;
}
