/**
 * Builds a SuiteContext from base URLs: what the local workbench, scripts and tests use.
 * In SharePoint and Teams, services/spfx.ts builds it from the SPFx context instead; the
 * services and views are the same.
 */
import { spfi, SPBrowser } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import { Client } from '@microsoft/microsoft-graph-client';
import type { SuiteContext } from './context';

export interface BaseUrlOptions {
  siteUrl: string;
  /** Graph root without the version, e.g. http://localhost:4321/graph */
  graphBaseUrl: string;
  locale: string;
  /** Extra headers for every request (scripts and tests pass `x-local-user`). */
  headers?: Record<string, string>;
}

export function createContextFromBaseUrl(options: BaseUrlOptions): SuiteContext {
  const headers = options.headers || {};
  const sp = spfi(options.siteUrl).using(SPBrowser({ baseUrl: options.siteUrl }), InjectHeaders(headers));
  const graph = Client.init({
    baseUrl: options.graphBaseUrl,
    defaultVersion: 'v1.0',
    // The local tenant authenticates by cookie or header; the token is not read.
    authProvider: done => done(null, 'local'),
    fetchOptions: { headers, credentials: 'same-origin' }
  });
  return { sp, graph, siteUrl: options.siteUrl, locale: options.locale };
}
