/**
 * Contracts of the local tenant: a Node HTTP server that speaks the part of the SharePoint REST
 * and Microsoft Graph APIs the suite uses, over an embedded SQLite database.
 *
 * Dev only: nothing shipped imports `workbench/`.
 */
import type { IncomingHttpHeaders } from 'http';
import type { Database } from 'better-sqlite3';

/** A person of the demo directory, as the `users` table stores it (Graph's user resource). */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  preferredLanguage: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  employeeId: string | null;
  managerId: string | null;
  accountEnabled: boolean;
  /** 'Member' or 'Guest', as Graph's userType. */
  userType: string;
}

/** One HTTP request, read whole, with the demo user it runs as. */
export interface TenantRequest {
  method: string;
  /** Absolute URL as the client asked for it (host taken from the Host header). */
  url: URL;
  /** Decoded path name, e.g. `/sites/intranet/_api/web/lists/getbytitle('Relays')/items`. */
  path: string;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The demo user this request runs as (cookie `local-user` or header `x-local-user`), or null. */
  user: DirectoryUser | null;
}

export interface TenantResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; any other value is sent as JSON. */
  body?: unknown;
}

/** A notification that would leave the tenant (Graph sendMail, Teams activity), kept locally. */
export interface OutboxMessage {
  id: string;
  kind: 'mail' | 'teamsActivity';
  from: string;
  to: string[];
  subject: string;
  body: string;
  createdAt: string;
  payload: unknown;
}

export interface TenantContext {
  db: Database;
  /** Wall clock of the tenant; tests may pass a fixed one. */
  now: () => Date;
  /** Absolute URL of the intranet hub site for this request's host, e.g. http://localhost:4321/sites/intranet */
  siteUrl: (req: TenantRequest) => string;
}

export type Handler = (req: TenantRequest, ctx: TenantContext) => Promise<TenantResponse> | TenantResponse;

/** The server-relative URL of the one site the local tenant hosts. */
export const SITE_PATH = '/sites/intranet';
/** Where the Graph API is mounted (clients use it as `baseUrl` with version `v1.0`). */
export const GRAPH_PATH = '/graph';
