/**
 * Users, org chart, photos and group membership, as Microsoft Graph v1.0 serves them.
 * - List users: https://learn.microsoft.com/en-us/graph/api/user-list
 * - Get user: https://learn.microsoft.com/en-us/graph/api/user-get (default property set, $select)
 * - Manager / direct reports: https://learn.microsoft.com/en-us/graph/api/user-list-manager ,
 *   https://learn.microsoft.com/en-us/graph/api/user-list-directreports
 * - Photo: https://learn.microsoft.com/en-us/graph/api/profilephoto-get (404 ImageNotFound without one)
 * - memberOf / checkMemberGroups: https://learn.microsoft.com/en-us/graph/api/user-list-memberof ,
 *   https://learn.microsoft.com/en-us/graph/api/directoryobject-checkmembergroups (at most 20 ids)
 * - Group members: https://learn.microsoft.com/en-us/graph/api/group-list-members
 */
import { createHash } from 'crypto';
import type { TenantContext, TenantRequest, TenantResponse } from '../types';
import { GRAPH_JSON, GraphHttpError, badRequest, notFound, unsupportedQuery } from './errors';
import {
  USER_PROPS, QueryOptions, readQueryOptions, resolveSelect, filterToSql, searchToSql, orderbyToSql,
  decodeSkipToken, nextLinkFor
} from './query';
import { avatarPng, AVATAR_SIZE } from './avatar';
import { skillLabel } from '../seed/skills';

export interface UserRecord {
  [column: string]: unknown;
  id: string;
  extra: string;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): TenantResponse {
  return { status, headers: { 'Content-Type': GRAPH_JSON, ...headers }, body };
}

/** The service root for this request, e.g. http://localhost:4321/graph/v1.0 */
export function serviceRoot(req: TenantRequest): string {
  return `${req.url.protocol}//${req.url.host}/graph/v1.0`;
}

function parseExtra(row: UserRecord): Record<string, unknown> {
  try {
    return JSON.parse(row.extra || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Serialises a `users` row as a Graph user with the given properties. */
export function toGraphUser(row: UserRecord, select: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let extra: Record<string, unknown> | null = null;
  for (const p of select) {
    const def = USER_PROPS[p];
    if (def.col === null) {
      extra = extra || parseExtra(row);
      const v = extra[p];
      if (p === 'skills') {
        const ids = Array.isArray(extra.skills) ? (extra.skills as string[]) : [];
        out.skills = ids.map(id => skillLabel(id, row.preferredLanguage as string | null));
      } else if (def.type === 'strings') out[p] = Array.isArray(v) ? v : [];
      else out[p] = v === undefined ? null : v;
      continue;
    }
    const key = def.col.startsWith('u.') ? def.col.slice(2) : `x_${p}`;
    const v = row[key];
    if (def.type === 'strings') out[p] = typeof v === 'string' ? (JSON.parse(v) as string[]) : [];
    else if (def.type === 'bool') out[p] = v === null || v === undefined ? null : v === 1;
    else out[p] = v === undefined ? null : v;
  }
  return out;
}

/** Columns to read: every `users` column, plus the JSON-extracted ones under x_<prop>. */
const SELECT_COLUMNS = ['u.*', ...Object.entries(USER_PROPS)
  .filter(([, d]) => d.col && !d.col.startsWith('u.'))
  .map(([p, d]) => `${d.col} AS x_${p}`)].join(', ');

export function userRowById(ctx: TenantContext, id: string): UserRecord | null {
  return (ctx.db.prepare(`SELECT ${SELECT_COLUMNS} FROM users u WHERE u.id = ?`).get(id) as UserRecord | undefined) || null;
}

/** `me`, an object id, or a userPrincipalName (case-insensitive). */
export function resolveUser(req: TenantRequest, ctx: TenantContext, ref: string): UserRecord {
  if (ref === 'me') return userRowById(ctx, req.user!.id)!;
  const row = ctx.db.prepare(`SELECT ${SELECT_COLUMNS} FROM users u WHERE u.id = ? OR u.userPrincipalName = ?`).get(ref, ref) as UserRecord | undefined;
  if (!row) throw notFound(ref);
  return row;
}

// ---------------------------------------------------------------------------------------------
// $expand=manager, and the manager chain with $levels
//
// "List manager", example 2 "Get manager chain up to the root level"
// (https://learn.microsoft.com/en-us/graph/api/user-list-manager#example-2-get-manager-chain-up-to-the-root-level):
// `GET /me?$expand=manager($levels=max;$select=id,displayName)&$select=id,displayName&$count=true`
// with the header `ConsistencyLevel: eventual`; each manager holds its own manager, nested up to
// the root. The request needs the advanced query parameters (header and $count=true), and the chain
// is read on one user only (Graph refuses $levels on a list of users). The local tenant accepts the
// value the doc shows, `max`, and answers 400 for any other.

interface Expand { manager: string[] | null; levels: number }

/** Deepest chain the local tenant walks (a guard against a cycle in seeded data). */
const MAX_MANAGER_LEVELS = 100;

function parseExpand(expand: string | null, single: boolean, q?: QueryOptions): Expand {
  const result: Expand = { manager: null, levels: 1 };
  if (!expand) return result;
  const m = /^\s*manager\s*(?:\(([^)]*)\))?\s*$/i.exec(expand);
  if (!m) {
    throw badRequest(`$expand=${expand} is not supported by the local tenant on users (supported: manager, manager($select=...;$levels=max)).`);
  }
  let select: string[] | null = null;
  for (const option of (m[1] || '').split(';').map(o => o.trim()).filter(Boolean)) {
    const o = /^\$(select|levels)\s*=\s*(.*)$/i.exec(option);
    if (!o) throw badRequest(`The option '${option}' of $expand=manager is not supported by the local tenant (supported: $select, $levels).`);
    if (o[1].toLowerCase() === 'select') select = o[2].split(',').map(x => x.trim()).filter(Boolean);
    else {
      if (o[2].trim().toLowerCase() !== 'max') throw badRequest(`$levels=${o[2].trim()} is not supported by the local tenant: use $levels=max.`);
      if (!single) throw badRequest('$levels on $expand=manager is supported on a single user only, not on a list of users.');
      if (!q || !q.eventual || !q.count) {
        throw unsupportedQuery('$levels on $expand=manager needs advanced query parameters: send the header ConsistencyLevel: eventual and $count=true.');
      }
      result.levels = MAX_MANAGER_LEVELS;
    }
  }
  result.manager = resolveSelect(select, single);
  return result;
}

function withManager(ctx: TenantContext, row: UserRecord, out: Record<string, unknown>, select: string[] | null, levels = 1): void {
  if (!select || !row.managerId || levels < 1) return;
  const m = userRowById(ctx, row.managerId as string);
  if (!m) return;
  const manager: Record<string, unknown> = { '@odata.type': '#microsoft.graph.user', ...toGraphUser(m, select) };
  out.manager = manager;
  withManager(ctx, m, manager, select, levels - 1);
}

// ---------------------------------------------------------------------------------------------
// Collections of users (/users, /directReports, /groups/{id}/members)

export interface UserListScope {
  /** Extra SQL condition over alias `u` (for example the reports of one manager). */
  where?: string;
  params?: unknown[];
  /** Fragment after `$metadata#` in @odata.context. */
  contextPath: string;
  /** Directory-object collections (directReports, members) tag each item with its @odata.type. */
  typed: boolean;
}

function checkAdvanced(q: QueryOptions, feature: string): void {
  if (!q.eventual || !q.count) {
    throw unsupportedQuery(`${feature} is supported only with advanced query parameters: send the header ConsistencyLevel: eventual and $count=true.`);
  }
}

/**
 * GET /users/$count (and /directReports/$count): the number as text/plain, only with
 * ConsistencyLevel: eventual ("Use the $count query parameter", https://learn.microsoft.com/en-us/graph/query-parameters#count-parameter).
 */
export function countUsers(req: TenantRequest, ctx: TenantContext, scope: UserListScope): TenantResponse {
  const q = readQueryOptions(req);
  if (!q.eventual) {
    throw new GraphHttpError(400, 'Request_BadRequest', "$count is not currently supported without the header 'ConsistencyLevel: eventual'.");
  }
  if (q.select || q.top !== null || q.orderby || q.expand || q.skiptoken) {
    throw badRequest('Only $filter and $search apply to a $count segment.');
  }
  const res = listUsers(req, ctx, scope, true);
  return { status: 200, headers: { 'Content-Type': 'text/plain;charset=utf-8' }, body: String(res.body) };
}

export function listUsers(req: TenantRequest, ctx: TenantContext, scope: UserListScope, countOnly = false): TenantResponse {
  const q = readQueryOptions(req);
  if (q.search !== null && !q.eventual) {
    // Graph's own wording for this refusal.
    throw unsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  }
  if (q.count && !q.eventual) {
    throw new GraphHttpError(400, 'Request_BadRequest', "$count is not currently supported without the header 'ConsistencyLevel: eventual'.");
  }
  const select = resolveSelect(q.select, false);
  const expand = parseExpand(q.expand, false);
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.where) {
    where.push(scope.where);
    params.push(...(scope.params || []));
  }
  if (q.filter !== null) {
    const f = filterToSql(q.filter);
    if (f.advanced) checkAdvanced(q, 'The ne and not operators and the endsWith function');
    where.push(`(${f.sql})`);
    params.push(...f.params);
  }
  if (q.search !== null) {
    const s = searchToSql(q.search.trim());
    where.push(`(${s.sql})`);
    params.push(...s.params);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (countOnly) {
    return json((ctx.db.prepare(`SELECT COUNT(*) AS n FROM users u ${whereSql}`).get(...params) as { n: number }).n);
  }
  const order = orderbyToSql(q.orderby, q.filter !== null, q.eventual);
  const pageSize = q.top || 100;
  const offset = q.skiptoken ? decodeSkipToken(q.skiptoken) : 0;
  const rows = ctx.db.prepare(`SELECT ${SELECT_COLUMNS} FROM users u ${whereSql} ORDER BY ${order ? `${order}, ` : ''}u.id LIMIT ? OFFSET ?`)
    .all(...params, pageSize + 1, offset) as UserRecord[];
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const value = page.map(r => {
    const o: Record<string, unknown> = scope.typed ? { '@odata.type': '#microsoft.graph.user', ...toGraphUser(r, select) } : toGraphUser(r, select);
    withManager(ctx, r, o, expand.manager);
    return o;
  });
  const body: Record<string, unknown> = {
    '@odata.context': `${serviceRoot(req)}/$metadata#${scope.contextPath}${q.select ? `(${select.join(',')})` : ''}`
  };
  if (q.count) {
    body['@odata.count'] = (ctx.db.prepare(`SELECT COUNT(*) AS n FROM users u ${whereSql}`).get(...params) as { n: number }).n;
  }
  if (more) body['@odata.nextLink'] = nextLinkFor(req, offset + pageSize);
  body.value = value;
  return json(body);
}

// ---------------------------------------------------------------------------------------------
// Single user, manager, reports

function noCollectionOptions(q: QueryOptions, what: string): void {
  for (const [k, v] of Object.entries({ $filter: q.filter, $search: q.search, $orderby: q.orderby, $top: q.top, $skiptoken: q.skiptoken })) {
    if (v !== null) throw badRequest(`Query option '${k}' is not allowed on ${what}: it reads a single object.`);
  }
}

export function getUser(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  const q = readQueryOptions(req);
  noCollectionOptions(q, 'a user');
  const select = resolveSelect(q.select, true);
  const expand = parseExpand(q.expand, true, q);
  const out: Record<string, unknown> = {
    '@odata.context': `${serviceRoot(req)}/$metadata#users${q.select ? `(${select.join(',')})` : ''}/$entity`,
    ...toGraphUser(row, select)
  };
  withManager(ctx, row, out, expand.manager, expand.levels);
  return json(out);
}

export function getManager(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  const q = readQueryOptions(req);
  noCollectionOptions(q, 'manager');
  if (q.expand) throw badRequest('$expand on manager is not supported by the local tenant.');
  const manager = row.managerId ? userRowById(ctx, row.managerId as string) : null;
  if (!manager) throw notFound('manager');
  const select = resolveSelect(q.select, false);
  return json({
    '@odata.context': `${serviceRoot(req)}/$metadata#directoryObjects/$entity`,
    '@odata.type': '#microsoft.graph.user',
    ...toGraphUser(manager, select)
  });
}

export function listDirectReports(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  return listUsers(req, ctx, { where: 'u.managerId = ?', params: [row.id], contextPath: 'directoryObjects', typed: true });
}

// ---------------------------------------------------------------------------------------------
// Photos

export function photoBytes(ctx: TenantContext, row: UserRecord): { contentType: string; data: Buffer } | null {
  const stored = ctx.db.prepare('SELECT contentType, data FROM graph_user_photos WHERE userId = ?').get(row.id) as { contentType: string; data: Buffer } | undefined;
  if (stored) return stored;
  const extra = parseExtra(row);
  if (extra.hasPhoto === true) return { contentType: 'image/png', data: avatarPng(row.id) };
  return null;
}

function imageNotFound(): GraphHttpError {
  // The message Graph (Exchange profile photo service) sends for a user without a photo.
  return new GraphHttpError(404, 'ImageNotFound', "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.");
}

export function getPhoto(req: TenantRequest, ctx: TenantContext, row: UserRecord, value: boolean): TenantResponse {
  const photo = photoBytes(ctx, row);
  if (!photo) throw imageNotFound();
  const etag = `W/"${createHash('sha1').update(photo.data).digest('hex')}"`;
  if (value) return { status: 200, headers: { 'Content-Type': photo.contentType, ETag: etag, 'Content-Length': String(photo.data.length) }, body: photo.data };
  const size = ctx.db.prepare('SELECT 1 FROM graph_user_photos WHERE userId = ?').get(row.id) ? null : AVATAR_SIZE;
  return json({
    '@odata.context': `${serviceRoot(req)}/$metadata#users('${row.id}')/photo/$entity`,
    '@odata.mediaContentType': photo.contentType,
    '@odata.mediaEtag': etag,
    id: size ? `${size}X${size}` : 'default',
    height: size,
    width: size
  });
}

/** PUT /me/photo/$value: only the user themself (delegated ProfilePhoto.ReadWrite.All aside). */
export function putPhoto(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  if (row.id !== req.user!.id) throw new GraphHttpError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  const contentType = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (!contentType.startsWith('image/')) throw badRequest(`A photo must be sent as image/jpeg or image/png, not '${contentType || '(none)'}'.`);
  if (req.body.length === 0) throw badRequest('The photo is empty.');
  if (req.body.length > 4 * 1024 * 1024) throw badRequest('A photo sent this way may not exceed 4 MB.');
  ctx.db.prepare('INSERT INTO graph_user_photos (userId, contentType, data) VALUES (?, ?, ?) ON CONFLICT(userId) DO UPDATE SET contentType = excluded.contentType, data = excluded.data')
    .run(row.id, contentType, req.body);
  return { status: 200 };
}

// ---------------------------------------------------------------------------------------------
// Groups

interface GroupRow { id: string; displayName: string; mailNickname: string; description: string | null }

function toGraphGroup(g: GroupRow): Record<string, unknown> {
  return {
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.mailNickname,
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    visibility: null,
    onPremisesSyncEnabled: null
  };
}

function simplePaging(req: TenantRequest, total: unknown[], q: QueryOptions): { page: unknown[]; next?: string } {
  const size = q.top || 100;
  const offset = q.skiptoken ? decodeSkipToken(q.skiptoken) : 0;
  const page = total.slice(offset, offset + size);
  return offset + size < total.length ? { page, next: nextLinkFor(req, offset + size) } : { page };
}

function groupSelect(q: QueryOptions, g: Record<string, unknown>): Record<string, unknown> {
  if (!q.select) return g;
  const out: Record<string, unknown> = { id: g.id };
  for (const s of q.select) {
    const key = Object.keys(g).find(k => k.toLowerCase() === s.toLowerCase());
    if (!key) throw badRequest(`Could not find a property named '${s}' on type 'microsoft.graph.group'.`, 'Request_BadRequest');
    out[key] = g[key];
  }
  return out;
}

export function listMemberOf(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  const q = readQueryOptions(req);
  if (q.filter !== null || q.search !== null || q.orderby !== null || q.expand !== null) {
    throw badRequest('The local tenant supports only $select, $top and paging on memberOf.');
  }
  const groups = ctx.db.prepare('SELECT g.* FROM groups g JOIN group_members m ON m.groupId = g.id WHERE m.userId = ? ORDER BY g.displayName')
    .all(row.id) as GroupRow[];
  const all = groups.map(g => ({ '@odata.type': '#microsoft.graph.group', ...groupSelect(q, toGraphGroup(g)) }));
  const { page, next } = simplePaging(req, all, q);
  const body: Record<string, unknown> = { '@odata.context': `${serviceRoot(req)}/$metadata#directoryObjects` };
  if (q.count) body['@odata.count'] = all.length;
  if (next) body['@odata.nextLink'] = next;
  body.value = page;
  return json(body);
}

function readGroupIds(req: TenantRequest): string[] {
  let body: { groupIds?: unknown };
  try {
    body = JSON.parse(req.body.toString('utf8') || '{}') as { groupIds?: unknown };
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (!Array.isArray(body.groupIds) || body.groupIds.some(g => typeof g !== 'string')) {
    throw badRequest("The body must be { \"groupIds\": [ \"<group id>\", ... ] }.", 'Request_BadRequest');
  }
  if (body.groupIds.length > 20) {
    throw badRequest('checkMemberGroups accepts at most 20 group ids in one request.', 'Request_BadRequest');
  }
  return body.groupIds as string[];
}

export function checkMemberGroups(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  const ids = readGroupIds(req);
  const mine = new Set((ctx.db.prepare('SELECT groupId FROM group_members WHERE userId = ?').all(row.id) as { groupId: string }[]).map(r => r.groupId));
  return json({
    '@odata.context': `${serviceRoot(req)}/$metadata#Collection(Edm.String)`,
    value: ids.filter(id => mine.has(id))
  });
}

export function getMemberGroups(req: TenantRequest, ctx: TenantContext, row: UserRecord): TenantResponse {
  const mine = (ctx.db.prepare('SELECT groupId FROM group_members WHERE userId = ? ORDER BY groupId').all(row.id) as { groupId: string }[]).map(r => r.groupId);
  return json({ '@odata.context': `${serviceRoot(req)}/$metadata#Collection(Edm.String)`, value: mine });
}

function groupRow(ctx: TenantContext, id: string): GroupRow {
  const g = ctx.db.prepare('SELECT * FROM groups WHERE id = ?').get(id) as GroupRow | undefined;
  if (!g) throw notFound(id);
  return g;
}

export function listGroups(req: TenantRequest, ctx: TenantContext): TenantResponse {
  const q = readQueryOptions(req);
  let groups = ctx.db.prepare('SELECT * FROM groups ORDER BY displayName').all() as GroupRow[];
  if (q.filter !== null) {
    // Only the two filters directory code commonly sends on groups.
    const m = /^\s*(displayName|mailNickname)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(q.filter)
      || /^\s*startswith\(\s*(displayName|mailNickname)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(q.filter);
    if (!m) throw badRequest(`The local tenant supports only "displayName eq '...'", "mailNickname eq '...'" and startswith on those two in $filter on groups, not: ${q.filter}`);
    const prop = m[1].toLowerCase() === 'displayname' ? 'displayName' : 'mailNickname';
    const v = m[2].replace(/''/g, "'").toLowerCase();
    const starts = /^\s*startswith/i.test(q.filter);
    groups = groups.filter(g => (starts ? g[prop].toLowerCase().startsWith(v) : g[prop].toLowerCase() === v));
  }
  if (q.search !== null || q.orderby !== null || q.expand !== null) {
    throw badRequest('The local tenant supports only $filter, $select, $top and paging on groups.');
  }
  const all = groups.map(g => groupSelect(q, toGraphGroup(g)));
  const { page, next } = simplePaging(req, all, q);
  const body: Record<string, unknown> = { '@odata.context': `${serviceRoot(req)}/$metadata#groups` };
  if (q.count) body['@odata.count'] = all.length;
  if (next) body['@odata.nextLink'] = next;
  body.value = page;
  return json(body);
}

export function getGroup(req: TenantRequest, ctx: TenantContext, id: string): TenantResponse {
  const q = readQueryOptions(req);
  noCollectionOptions(q, 'a group');
  const g = groupRow(ctx, id);
  return json({ '@odata.context': `${serviceRoot(req)}/$metadata#groups/$entity`, ...groupSelect(q, toGraphGroup(g)) });
}

export function listGroupMembers(req: TenantRequest, ctx: TenantContext, id: string): TenantResponse {
  groupRow(ctx, id);
  return listUsers(req, ctx, {
    where: 'u.id IN (SELECT userId FROM group_members WHERE groupId = ?)',
    params: [id],
    contextPath: 'directoryObjects',
    typed: true
  });
}
