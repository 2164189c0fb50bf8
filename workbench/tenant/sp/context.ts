/**
 * Per-request context of the SharePoint emulation and the OData response shapes.
 *
 * Formats follow the `Accept` header ("JSON Light support in REST SharePoint API released",
 * https://devblogs.microsoft.com/microsoft365dev/json-light-support-in-rest-sharepoint-api-released/):
 * - `application/json;odata=verbose`: `{ d: { ... } }`, collections `{ d: { results: [...], __next } }`, `__metadata` per entity;
 * - `application/json;odata=minimalmetadata` and plain `application/json` (PnPjs v4's default, packages/sp/behaviors/defaults.ts):
 *   `{ "odata.metadata", value: [...], "odata.nextLink" }`, `odata.type/id/etag/editLink` per entity;
 * - `application/json;odata=nometadata`: the same without the `odata.*` annotations except `odata.nextLink`.
 */
import type { Database } from 'better-sqlite3';
import type { TenantContext, TenantRequest, TenantResponse } from '../types';
import { contentTypeFor, ODataFormat } from './errors';
import type { Caller } from './security';

export interface SpCtx {
  db: Database;
  req: TenantRequest;
  tenant: TenantContext;
  format: ODataFormat;
  /** e.g. http://127.0.0.1:5555/sites/intranet */
  siteUrl: string;
  caller: Caller;
  now: Date;
  /** Query options, with names lower-cased ($select, $filter, ..., and @aliases). */
  query: Map<string, string>;
  /** The method after X-HTTP-Method (MERGE, DELETE, ...). */
  method: string;
  body: Record<string, unknown>;
}

export function formatOf(accept: string | undefined): ODataFormat {
  const a = (accept || '').toLowerCase();
  if (a.includes('odata=verbose')) return 'verbose';
  if (a.includes('odata=nometadata')) return 'nometadata';
  return 'minimalmetadata';
}

export interface EntityMeta {
  type: string;
  /** Absolute URI of the entity. */
  uri: string;
  /** Relative edit link, e.g. Web/Lists(guid'...')/Items(1) */
  editLink?: string;
  etag?: string;
}

export function entity(ctx: SpCtx, meta: EntityMeta | null, props: Record<string, unknown>): Record<string, unknown> {
  if (!meta || ctx.format === 'nometadata') return props;
  if (ctx.format === 'verbose') {
    const m: Record<string, unknown> = { id: meta.uri, uri: meta.uri };
    if (meta.etag) m.etag = meta.etag;
    m.type = meta.type;
    return { __metadata: m, ...props };
  }
  const out: Record<string, unknown> = { 'odata.type': meta.type, 'odata.id': meta.uri };
  if (meta.etag) out['odata.etag'] = meta.etag;
  if (meta.editLink) out['odata.editLink'] = meta.editLink;
  return { ...out, ...props };
}

function json(ctx: SpCtx, status: number, body: unknown, headers: Record<string, string> = {}): TenantResponse {
  return { status, headers: { 'Content-Type': contentTypeFor(ctx.format), ...headers }, body };
}

export function single(ctx: SpCtx, metadataName: string, e: Record<string, unknown>, status = 200, headers: Record<string, string> = {}): TenantResponse {
  if (ctx.format === 'verbose') return json(ctx, status, { d: e }, headers);
  if (ctx.format === 'nometadata') return json(ctx, status, e, headers);
  return json(ctx, status, { 'odata.metadata': `${ctx.siteUrl}/_api/$metadata#${metadataName}/@Element`, ...e }, headers);
}

export function collection(ctx: SpCtx, metadataName: string, items: Record<string, unknown>[], next?: string): TenantResponse {
  if (ctx.format === 'verbose') {
    const d: Record<string, unknown> = { results: items };
    if (next) d.__next = next;
    return json(ctx, 200, { d });
  }
  const body: Record<string, unknown> = {};
  if (ctx.format === 'minimalmetadata') body['odata.metadata'] = `${ctx.siteUrl}/_api/$metadata#${metadataName}`;
  body.value = items;
  if (next) body['odata.nextLink'] = next;
  return json(ctx, 200, body);
}

/** A primitive result of a method, e.g. `GetStorageEntity` or `Recycle`. */
export function primitive(ctx: SpCtx, methodName: string, edmType: string, value: unknown): TenantResponse {
  if (ctx.format === 'verbose') return json(ctx, 200, { d: { [methodName]: value } });
  if (value === null) return json(ctx, 200, ctx.format === 'minimalmetadata' ? { 'odata.metadata': `${ctx.siteUrl}/_api/$metadata#${edmType}`, 'odata.null': true } : { 'odata.null': true });
  if (ctx.format === 'nometadata') return json(ctx, 200, { value });
  return json(ctx, 200, { 'odata.metadata': `${ctx.siteUrl}/_api/$metadata#${edmType}`, value });
}

export const noContent = (headers: Record<string, string> = {}): TenantResponse => ({ status: 204, headers });
export const emptyOk = (ctx: SpCtx): TenantResponse => ({ status: 200, headers: { 'Content-Type': contentTypeFor(ctx.format) }, body: '' });
