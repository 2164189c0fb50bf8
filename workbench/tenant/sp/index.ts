/**
 * SharePoint REST emulation of the local tenant: every `/_api` request of the site, as PnPjs v4 sends it.
 * See docs/local-tenant-sharepoint.md for what is emulated and what is not.
 */
import { createHash } from 'crypto';
import type { Handler, TenantContext, TenantRequest, TenantResponse } from '../types';
import { SITE_PATH } from '../types';
import { findUserById } from '../db';
import {
  breakInheritance, ensurePrincipal, ensureSiteGroup, findSiteGroup, principalById, PrincipalRow, resetInheritance,
  toSiteGroup, toSiteUser
} from './admin';
import { handleBatch } from './batch';
import { collection, emptyOk, entity, formatOf, primitive, single, SpCtx } from './context';
import { accessDenied, badRequest, Codes, errorResponse, Messages, notSupported, SpError } from './errors';
import { folderByName } from './folders';
import { addValidateUpdateItemUsingPath, assertItemVisible, createItem, deleteItem, getItem, queryItems, updateItem } from './items';
import { versionsResource } from './versions';
import { searchResource } from './search';
import { fileResource, folderResource } from './files';
import {
  createField, createList, deleteField, deleteList, fieldFromSchemaXml, FieldRow, fieldsOf, findList, itemCount, ListRow,
  updateField, FieldCreateInfo, isoNow, columnOf, noCrawlOf, setNoCrawl
} from './lists';
import { evalFilter, parseFilter, parseOrderBy, parseSelect } from './odata';
import { Perm, SITE_ID, WEB_ID, WEB_TITLE } from './schema';
import { callerOf, demand, has, itemScope, listScope, maskJson, permissionsOn } from './security';

export { initSharePointSchema } from './schema';
export { sharePointError } from './errors';

// ------------------------------------------------------------------ path parsing

interface Segment { name: string; args: string | null }

/** Splits `web/lists/getbytitle('a/b')/items(3)` into segments, respecting quotes and parentheses. */
export function parseSegments(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    let name = '';
    while (i < path.length && path[i] !== '/' && path[i] !== '(') name += path[i++];
    let args: string | null = null;
    if (path[i] === '(') {
      let depth = 0;
      let inStr = false;
      let j = i;
      for (; j < path.length; j++) {
        const ch = path[j];
        if (inStr) {
          if (ch === '\'' && path[j + 1] === '\'') j++;
          else if (ch === '\'') inStr = false;
        } else if (ch === '\'') inStr = true;
        else if (ch === '(') depth++;
        else if (ch === ')') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= path.length) throw badRequest(`The expression "${path}" is not valid: unbalanced parentheses.`);
      args = path.slice(i + 1, j);
      i = j + 1;
    }
    if (name || args !== null) out.push({ name, args });
    if (path[i] === '/') i++;
    else if (i < path.length && path[i] !== '(') throw badRequest(`The expression "${path}" is not valid.`);
  }
  return out;
}

type ArgValue = string | number | boolean | null;

function literal(ctx: SpCtx, raw: string): ArgValue {
  const s = raw.trim();
  if (s.startsWith('@')) {
    const v = ctx.query.get(s.toLowerCase());
    if (v === undefined) throw badRequest(`The parameter alias '${s}' has no value in the query string.`);
    return literal(ctx, v);
  }
  let m = /^'((?:[^']|'')*)'$/.exec(s);
  if (m) return m[1].replace(/''/g, '\'');
  m = /^guid'([^']*)'$/i.exec(s);
  if (m) return m[1];
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  if (/^null$/i.test(s)) return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  throw badRequest(`The argument '${s}' is not a valid literal.`);
}

function args(ctx: SpCtx, seg: Segment): { positional: ArgValue[]; named: Record<string, ArgValue> } {
  const positional: ArgValue[] = [];
  const named: Record<string, ArgValue> = {};
  if (seg.args === null || seg.args.trim() === '') return { positional, named };
  const parts: string[] = [];
  let cur = '';
  let inStr = false;
  for (let i = 0; i < seg.args.length; i++) {
    const ch = seg.args[i];
    if (ch === '\'') inStr = !inStr;
    if (ch === ',' && !inStr) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const part of parts) {
    const m = /^\s*([A-Za-z_]\w*)\s*=(.*)$/.exec(part);
    if (m && !part.trim().startsWith('\'')) named[m[1].toLowerCase()] = literal(ctx, m[2]);
    else positional.push(literal(ctx, part));
  }
  return { positional, named };
}

const one = (ctx: SpCtx, seg: Segment): ArgValue => {
  const a = args(ctx, seg);
  if (a.positional.length !== 1) throw badRequest(`'${seg.name}' expects one argument.`);
  return a.positional[0];
};

// ------------------------------------------------------------------ generic helpers

const is = (seg: Segment | undefined, name: string): boolean => !!seg && seg.name.toLowerCase() === name;

function methodNotAllowed(ctx: SpCtx): SpError {
  return new SpError(405, Codes.invalidOperation, `The HTTP method '${ctx.method}' is not supported on this resource.`);
}

function notFound(path: string): SpError {
  return notSupported(`the endpoint '${path}' (not part of the emulated SharePoint REST subset)`);
}

/** $filter / $orderby / $top / $select over a small in-memory collection (lists, fields, users, groups). */
function applyQuery(ctx: SpCtx, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  let out = rows;
  const f = ctx.query.get('$filter');
  if (f) {
    const e = parseFilter(f);
    out = out.filter(r => evalFilter(e, r));
  }
  const ob = parseOrderBy(ctx.query.get('$orderby') ?? null);
  if (ob.length) {
    out = [...out].sort((a, b) => {
      for (const o of ob) {
        const key = Object.keys(a).find(k => k.toLowerCase() === o.path[0].toLowerCase()) || o.path[0];
        const x = a[key] as string | number;
        const y = b[key] as string | number;
        if (x === y) continue;
        const c = x < y ? -1 : 1;
        return o.desc ? -c : c;
      }
      return 0;
    });
  }
  const top = ctx.query.get('$top');
  if (top !== undefined) out = out.slice(0, Number(top));
  if (ctx.query.has('$skip')) out = out.slice(Number(ctx.query.get('$skip')));
  return out;
}

/** A queried small collection as entities: metadata from the whole object, properties after $select. */
function entities(ctx: SpCtx, rows: Record<string, unknown>[], type: string, uri: (r: Record<string, unknown>) => string): Record<string, unknown>[] {
  return applyQuery(ctx, rows).map(r => entity(ctx, { type, uri: uri(r) }, selectProps(ctx, r)));
}

function selectProps(ctx: SpCtx, r: Record<string, unknown>): Record<string, unknown> {
  const sel = parseSelect(ctx.query.get('$select') ?? null);
  if (!sel) return r;
  const out: Record<string, unknown> = {};
  for (const path of sel) {
    if (path.length > 1) throw notSupported(`the $select path '${path.join('/')}' on this resource`);
    const key = Object.keys(r).find(k => k.toLowerCase() === path[0].toLowerCase());
    if (key === undefined) throw new SpError(400, Codes.argument, `The field or property '${path[0]}' does not exist.`);
    out[key] = r[key];
  }
  return out;
}

function withMeta(ctx: SpCtx, type: string, uri: string, props: Record<string, unknown>): Record<string, unknown> {
  const selected = selectProps(ctx, props);
  return entity(ctx, { type, uri }, selected);
}

// ------------------------------------------------------------------ web, site, users, groups

function webProps(ctx: SpCtx): Record<string, unknown> {
  const lastMod = ctx.db.prepare('SELECT MAX(lastItemModified) AS m FROM sp_lists').get() as { m: string | null };
  return {
    AllowRssFeeds: true, Configuration: 0, Created: '2024-01-01T00:00:00Z', Description: '', Id: WEB_ID, IsMultilingual: true,
    Language: 1033, LastItemModifiedDate: lastMod.m || '2024-01-01T00:00:00Z', ServerRelativeUrl: SITE_PATH, SiteLogoUrl: null,
    Title: WEB_TITLE, Url: ctx.siteUrl, WebTemplate: 'SITEPAGEPUBLISHING', HasUniqueRoleAssignments: true
  };
}

function siteUserEntity(ctx: SpCtx, p: PrincipalRow): Record<string, unknown> {
  if (p.principalType === 8) return withMeta(ctx, 'SP.Group', `${ctx.siteUrl}/_api/Web/SiteGroups/GetById(${p.id})`, toSiteGroup(ctx.db, p) as unknown as Record<string, unknown>);
  return withMeta(ctx, 'SP.User', `${ctx.siteUrl}/_api/Web/GetUserById(${p.id})`, toSiteUser(p) as unknown as Record<string, unknown>);
}

function groupEntity(ctx: SpCtx, p: PrincipalRow): Record<string, unknown> {
  return withMeta(ctx, 'SP.Group', `${ctx.siteUrl}/_api/Web/SiteGroups/GetById(${p.id})`, toSiteGroup(ctx.db, p) as unknown as Record<string, unknown>);
}

function userByLogin(ctx: SpCtx, login: string): PrincipalRow {
  const p = ctx.db.prepare('SELECT * FROM sp_principals WHERE loginName = ? AND principalType <> 8').get(login) as PrincipalRow | undefined;
  if (!p) throw new SpError(404, Codes.spException, 'User cannot be found.');
  return p;
}

function siteUsers(ctx: SpCtx, rest: Segment[], scopeGroup: PrincipalRow | null): TenantResponse {
  demand(ctx.db, ctx.caller, 'web', Perm.BrowseUserInfo);
  const [s0, s1] = rest;
  const members = (): PrincipalRow[] => scopeGroup
    ? ctx.db.prepare('SELECT p.* FROM sp_group_members m JOIN sp_principals p ON p.id = m.memberId WHERE m.groupId = ? ORDER BY p.id').all(scopeGroup.id) as PrincipalRow[]
    : ctx.db.prepare('SELECT * FROM sp_principals WHERE principalType <> 8 ORDER BY id').all() as PrincipalRow[];
  const manageMembers = (): void => {
    if (!scopeGroup) {
      demand(ctx.db, ctx.caller, 'web', Perm.ManagePermissions);
      return;
    }
    const perms = permissionsOn(ctx.db, ctx.caller, 'web');
    const isOwner = scopeGroup.ownerId !== null && (ctx.caller.principalIds.includes(scopeGroup.ownerId));
    const memberEdit = scopeGroup.allowMembersEditMembership === 1 && ctx.caller.principalIds.includes(scopeGroup.id);
    if (!has(perms, Perm.ManagePermissions) && !isOwner && !memberEdit) throw accessDenied();
  };
  if (scopeGroup && ctx.method === 'GET' && scopeGroup.onlyAllowMembersViewMembership === 1) {
    // "Who can view the membership of the group? Group Members": others are refused.
    const isMember = ctx.caller.principalIds.includes(scopeGroup.id);
    const isOwner = scopeGroup.ownerId !== null && ctx.caller.principalIds.includes(scopeGroup.ownerId);
    if (!isMember && !isOwner && !has(permissionsOn(ctx.db, ctx.caller, 'web'), Perm.ManagePermissions)) throw accessDenied();
  }
  if (!s0) {
    if (ctx.method === 'GET') return collection(ctx, 'SP.ApiData.Users', entities(ctx, members().map(p => toSiteUser(p) as unknown as Record<string, unknown>), 'SP.User', u => `${ctx.siteUrl}/_api/Web/GetUserById(${u.Id})`));
    if (ctx.method === 'POST') {
      manageMembers();
      const login = String(ctx.body.LoginName || '');
      const p = ensurePrincipal(ctx.db, login);
      if (scopeGroup) ctx.db.prepare('INSERT OR IGNORE INTO sp_group_members (groupId, memberId) VALUES (?, ?)').run(scopeGroup.id, p.id);
      return single(ctx, 'SP.ApiData.Users', siteUserEntity(ctx, p), 201);
    }
    throw methodNotAllowed(ctx);
  }
  const name = s0.name.toLowerCase();
  if (name === 'removebyid' || name === 'removebyloginname') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    manageMembers();
    const v = one(ctx, s0);
    const p = name === 'removebyid' ? principalById(ctx.db, Number(v)) : userByLogin(ctx, String(v));
    if (!p) throw new SpError(404, Codes.spException, 'User cannot be found.');
    if (scopeGroup) ctx.db.prepare('DELETE FROM sp_group_members WHERE groupId = ? AND memberId = ?').run(scopeGroup.id, p.id);
    else {
      ctx.db.prepare('DELETE FROM sp_group_members WHERE memberId = ?').run(p.id);
      ctx.db.prepare('DELETE FROM sp_role_assignments WHERE principalId = ?').run(p.id);
    }
    return emptyOk(ctx);
  }
  let p: PrincipalRow | undefined;
  if (name === 'getbyid') p = principalById(ctx.db, Number(one(ctx, s0)));
  else if (name === 'getbyemail') p = ctx.db.prepare('SELECT * FROM sp_principals WHERE email = ? AND principalType <> 8').get(String(one(ctx, s0))) as PrincipalRow | undefined;
  else if (name === 'getbyloginname' || (name === '' && s0.args !== null)) {
    const v = one(ctx, s0);
    p = userByLogin(ctx, String(v).replace(/^!@v::/, ''));
  } else throw notFound(`siteusers/${s0.name}`);
  if (!p || p.principalType === 8) throw new SpError(404, Codes.spException, 'User cannot be found.');
  if (scopeGroup && !ctx.db.prepare('SELECT 1 FROM sp_group_members WHERE groupId = ? AND memberId = ?').get(scopeGroup.id, p.id)) {
    throw new SpError(404, Codes.spException, 'User cannot be found.');
  }
  return userResource(ctx, p, rest.slice(1), s1);
}

function userResource(ctx: SpCtx, p: PrincipalRow, rest: Segment[], _s?: Segment): TenantResponse {
  if (!rest.length) {
    if (ctx.method === 'GET') return single(ctx, 'SP.ApiData.Users', siteUserEntity(ctx, p));
    if (ctx.method === 'DELETE') {
      demand(ctx.db, ctx.caller, 'web', Perm.ManagePermissions);
      ctx.db.prepare('DELETE FROM sp_group_members WHERE memberId = ?').run(p.id);
      return emptyOk(ctx);
    }
    throw methodNotAllowed(ctx);
  }
  if (is(rest[0], 'groups') && rest.length === 1 && ctx.method === 'GET') {
    const groups = ctx.db.prepare('SELECT p.* FROM sp_group_members m JOIN sp_principals p ON p.id = m.groupId WHERE m.memberId = ? ORDER BY p.id').all(p.id) as PrincipalRow[];
    return collection(ctx, 'SP.ApiData.Groups', entities(ctx, groups.map(g => toSiteGroup(ctx.db, g) as unknown as Record<string, unknown>), 'SP.Group', g => `${ctx.siteUrl}/_api/Web/SiteGroups/GetById(${g.Id})`));
  }
  throw notFound(rest.map(s => s.name).join('/'));
}

function siteGroups(ctx: SpCtx, rest: Segment[]): TenantResponse {
  demand(ctx.db, ctx.caller, 'web', Perm.Open);
  const [s0] = rest;
  if (!s0 || (s0.name === '' && s0.args === null)) {
    if (ctx.method === 'GET') {
      const rows = ctx.db.prepare('SELECT * FROM sp_principals WHERE principalType = 8 ORDER BY id').all() as PrincipalRow[];
      return collection(ctx, 'SP.ApiData.Groups', entities(ctx, rows.map(g => toSiteGroup(ctx.db, g) as unknown as Record<string, unknown>), 'SP.Group', g => `${ctx.siteUrl}/_api/Web/SiteGroups/GetById(${g.Id})`));
    }
    if (ctx.method === 'POST') {
      demand(ctx.db, ctx.caller, 'web', Perm.CreateGroups);
      const title = String(ctx.body.Title || '');
      if (!title) throw badRequest('The group title cannot be empty.');
      if (findSiteGroup(ctx.db, title)) throw new SpError(500, Codes.spException, `The specified name is already in use.`);
      ensureSiteGroup(ctx.db, title, { description: ctx.body.Description === undefined ? undefined : String(ctx.body.Description), owner: ctx.caller.principal.loginName });
      return single(ctx, 'SP.ApiData.Groups', groupEntity(ctx, findSiteGroup(ctx.db, title) as PrincipalRow), 201);
    }
    throw methodNotAllowed(ctx);
  }
  const name = s0.name.toLowerCase();
  if (name === 'removebyid' || name === 'removebyloginname') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    demand(ctx.db, ctx.caller, 'web', Perm.ManagePermissions);
    const v = one(ctx, s0);
    const g = name === 'removebyid' ? principalById(ctx.db, Number(v)) : findSiteGroup(ctx.db, String(v));
    if (!g || g.principalType !== 8) throw new SpError(404, Codes.spException, 'Group cannot be found.');
    ctx.db.prepare('DELETE FROM sp_principals WHERE id = ?').run(g.id);
    return emptyOk(ctx);
  }
  let g: PrincipalRow | undefined;
  if (name === 'getbyid' || (name === '' && s0.args !== null)) g = principalById(ctx.db, Number(one(ctx, s0)));
  else if (name === 'getbyname') g = findSiteGroup(ctx.db, String(one(ctx, s0)));
  else throw notFound(`sitegroups/${s0.name}`);
  if (!g || g.principalType !== 8) throw new SpError(404, Codes.spException, 'Group cannot be found.');
  return groupResource(ctx, g, rest.slice(1));
}

function groupResource(ctx: SpCtx, g: PrincipalRow, rest: Segment[]): TenantResponse {
  if (!rest.length) {
    if (ctx.method === 'GET') return single(ctx, 'SP.ApiData.Groups', groupEntity(ctx, g));
    if (ctx.method === 'MERGE' || ctx.method === 'PATCH') {
      demand(ctx.db, ctx.caller, 'web', Perm.ManagePermissions);
      const b = ctx.body;
      if (b.Title !== undefined) ctx.db.prepare('UPDATE sp_principals SET title = ?, loginName = ? WHERE id = ?').run(String(b.Title), String(b.Title), g.id);
      if (b.Description !== undefined) ctx.db.prepare('UPDATE sp_principals SET description = ? WHERE id = ?').run(String(b.Description), g.id);
      if (b.OnlyAllowMembersViewMembership !== undefined) ctx.db.prepare('UPDATE sp_principals SET onlyAllowMembersViewMembership = ? WHERE id = ?').run(b.OnlyAllowMembersViewMembership ? 1 : 0, g.id);
      if (b.AllowMembersEditMembership !== undefined) ctx.db.prepare('UPDATE sp_principals SET allowMembersEditMembership = ? WHERE id = ?').run(b.AllowMembersEditMembership ? 1 : 0, g.id);
      return { status: 204 };
    }
    throw methodNotAllowed(ctx);
  }
  if (is(rest[0], 'users')) return siteUsers(ctx, rest.slice(1), g);
  throw notFound(rest.map(s => s.name).join('/'));
}

// ------------------------------------------------------------------ roles and permissions

function roleDefEntity(ctx: SpCtx, r: { id: number; name: string; description: string; sortOrder: number; roleTypeKind: number; low: number; high: number; hidden: number }): Record<string, unknown> {
  return withMeta(ctx, 'SP.RoleDefinition', `${ctx.siteUrl}/_api/Web/RoleDefinitions(${r.id})`, {
    BasePermissions: { High: String(r.high >>> 0), Low: String(r.low >>> 0) }, Description: r.description, Hidden: r.hidden === 1,
    Id: r.id, Name: r.name, Order: r.sortOrder, RoleTypeKind: r.roleTypeKind
  });
}

type RoleRow = Parameters<typeof roleDefEntity>[1];

function roleDefinitions(ctx: SpCtx, rest: Segment[]): TenantResponse {
  demand(ctx.db, ctx.caller, 'web', Perm.Open);
  const [s0] = rest;
  if (!s0) {
    if (ctx.method === 'GET') {
      const rows = ctx.db.prepare('SELECT * FROM sp_role_definitions ORDER BY sortOrder').all() as RoleRow[];
      return collection(ctx, 'SP.ApiData.RoleDefinitions', rows.map(r => roleDefEntity(ctx, r)));
    }
    if (ctx.method === 'POST') {
      demand(ctx.db, ctx.caller, 'web', Perm.ManagePermissions);
      const b = ctx.body as { Name?: string; Description?: string; Order?: number; BasePermissions?: { High: string; Low: string } };
      if (!b.Name || !b.BasePermissions) throw badRequest('Name and BasePermissions are required.');
      const max = ctx.db.prepare('SELECT MAX(id) AS m FROM sp_role_definitions').get() as { m: number };
      const id = Math.max(max.m + 1, 1073741924);
      ctx.db.prepare('INSERT INTO sp_role_definitions (id, name, description, sortOrder, roleTypeKind, low, high) VALUES (?, ?, ?, ?, 0, ?, ?)')
        .run(id, b.Name, b.Description || '', b.Order || 160, Number(b.BasePermissions.Low) >>> 0, Number(b.BasePermissions.High) >>> 0);
      return single(ctx, 'SP.ApiData.RoleDefinitions', roleDefEntity(ctx, ctx.db.prepare('SELECT * FROM sp_role_definitions WHERE id = ?').get(id) as RoleRow), 201);
    }
    throw methodNotAllowed(ctx);
  }
  const name = s0.name.toLowerCase();
  let r: RoleRow | undefined;
  if (name === 'getbyid' || (name === '' && s0.args !== null)) r = ctx.db.prepare('SELECT * FROM sp_role_definitions WHERE id = ?').get(Number(one(ctx, s0))) as RoleRow | undefined;
  else if (name === 'getbyname') r = ctx.db.prepare('SELECT * FROM sp_role_definitions WHERE name = ?').get(String(one(ctx, s0))) as RoleRow | undefined;
  else if (name === 'getbytype') r = ctx.db.prepare('SELECT * FROM sp_role_definitions WHERE roleTypeKind = ?').get(Number(one(ctx, s0))) as RoleRow | undefined;
  else throw notFound(`roledefinitions/${s0.name}`);
  if (!r) throw new SpError(404, Codes.spException, 'Permission level cannot be found.');
  if (ctx.method !== 'GET') throw methodNotAllowed(ctx);
  return single(ctx, 'SP.ApiData.RoleDefinitions', roleDefEntity(ctx, r));
}

/** Role assignments, inheritance and effective permissions of a securable scope ('web', 'list:..', 'item:..'). */
function securable(ctx: SpCtx, scope: string, seg: Segment, rest: Segment[]): TenantResponse | null {
  const name = seg.name.toLowerCase();
  if (name === 'effectivebasepermissions') {
    return single(ctx, 'SP.ApiData.BasePermissions', entity(ctx, { type: 'SP.BasePermissions', uri: `${ctx.siteUrl}/_api/EffectiveBasePermissions` }, maskJson(permissionsOn(ctx.db, ctx.caller, scope))));
  }
  if (name === 'getusereffectivepermissions') {
    demand(ctx.db, ctx.caller, scope, Perm.ManagePermissions);
    const login = String(one(ctx, seg));
    const p = ensurePrincipal(ctx.db, login);
    const user = p.principalType === 1 && p.directoryId ? findUserById(ctx.db, p.directoryId) : null;
    if (!user) throw new SpError(404, Codes.spException, 'User cannot be found.');
    const other = callerOf(ctx.db, user);
    return primitive(ctx, 'GetUserEffectivePermissions', 'SP.BasePermissions', maskJson(permissionsOn(ctx.db, other, scope)));
  }
  if (name === 'breakroleinheritance') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    if (scope === 'web') throw badRequest('The root web of a site collection cannot inherit permissions.');
    demand(ctx.db, ctx.caller, scope, Perm.ManagePermissions);
    const a = args(ctx, seg);
    breakInheritance(ctx.db, scope, a.named.copyroleassignments === true || a.positional[0] === true, a.named.clearsubscopes === true || a.positional[1] === true);
    return emptyOk(ctx);
  }
  if (name === 'resetroleinheritance') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    if (scope === 'web') throw badRequest('The root web of a site collection cannot inherit permissions.');
    demand(ctx.db, ctx.caller, scope, Perm.ManagePermissions);
    resetInheritance(ctx.db, scope);
    return emptyOk(ctx);
  }
  if (name === 'hasuniqueroleassignments') {
    const v = scope === 'web' || !!ctx.db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope = ?').get(scope);
    return primitive(ctx, 'HasUniqueRoleAssignments', 'Edm.Boolean', v);
  }
  if (name !== 'roleassignments') return null;
  // roleassignments(<principalId>) is the same as roleassignments/getbyprincipalid(<principalId>).
  const [s0] = seg.args !== null ? [{ name: '', args: seg.args }, ...rest] : rest;
  const uniqueScope = scope === 'web' ? 'web' : (ctx.db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope = ?').get(scope) ? scope : null);
  const effScope = uniqueScope || (scope.startsWith('item:') && ctx.db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope = ?').get(`list:${scope.split(':')[1]}`) ? `list:${scope.split(':')[1]}` : 'web');
  const assignment = (principalId: number): Record<string, unknown> => {
    const props: Record<string, unknown> = { PrincipalId: principalId };
    const expand = (ctx.query.get('$expand') || '').toLowerCase().split(',').map(s => s.trim());
    if (expand.includes('member')) {
      const p = principalById(ctx.db, principalId);
      if (p) props.Member = siteUserEntity(ctx, p);
    }
    if (expand.includes('roledefinitionbindings')) {
      const defs = ctx.db.prepare(`SELECT d.* FROM sp_role_assignments a JOIN sp_role_definitions d ON d.id = a.roleDefId WHERE a.scope = ? AND a.principalId = ?`).all(effScope, principalId) as RoleRow[];
      const arr = defs.map(d => roleDefEntity(ctx, d));
      props.RoleDefinitionBindings = ctx.format === 'verbose' ? { results: arr } : arr;
    }
    return entity(ctx, { type: 'SP.RoleAssignment', uri: `${ctx.siteUrl}/_api/Web/RoleAssignments/GetByPrincipalId(${principalId})` }, props);
  };
  if (!s0) {
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx);
    demand(ctx.db, ctx.caller, scope, Perm.Open);
    const ids = ctx.db.prepare('SELECT DISTINCT principalId FROM sp_role_assignments WHERE scope = ? ORDER BY principalId').all(effScope) as { principalId: number }[];
    return collection(ctx, 'SP.ApiData.RoleAssignments', ids.map(r => assignment(r.principalId)));
  }
  const sn = s0.name.toLowerCase();
  if (sn === 'addroleassignment' || sn === 'removeroleassignment') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    demand(ctx.db, ctx.caller, scope, Perm.ManagePermissions);
    if (!uniqueScope) {
      throw new SpError(400, Codes.spException, 'This operation is not allowed on an object that inherits permissions.');
    }
    const a = args(ctx, s0);
    const pid = Number(a.named.principalid ?? a.positional[0]);
    const rid = Number(a.named.roledefid ?? a.positional[1]);
    if (!principalById(ctx.db, pid)) throw new SpError(404, Codes.spException, 'Principal cannot be found.');
    if (!ctx.db.prepare('SELECT 1 FROM sp_role_definitions WHERE id = ?').get(rid)) throw new SpError(404, Codes.spException, 'Permission level cannot be found.');
    if (sn === 'addroleassignment') ctx.db.prepare('INSERT OR IGNORE INTO sp_role_assignments (scope, principalId, roleDefId) VALUES (?, ?, ?)').run(uniqueScope, pid, rid);
    else ctx.db.prepare('DELETE FROM sp_role_assignments WHERE scope = ? AND principalId = ? AND roleDefId = ?').run(uniqueScope, pid, rid);
    return emptyOk(ctx);
  }
  if (sn === 'getbyprincipalid' || (sn === '' && s0.args !== null)) {
    const pid = Number(one(ctx, s0));
    if (!ctx.db.prepare('SELECT 1 FROM sp_role_assignments WHERE scope = ? AND principalId = ?').get(effScope, pid)) {
      throw new SpError(404, Codes.argument, 'Can not find the principal with id: ' + pid + '.');
    }
    if (ctx.method === 'DELETE') {
      demand(ctx.db, ctx.caller, scope, Perm.ManagePermissions);
      if (!uniqueScope) throw new SpError(400, Codes.spException, 'This operation is not allowed on an object that inherits permissions.');
      ctx.db.prepare('DELETE FROM sp_role_assignments WHERE scope = ? AND principalId = ?').run(uniqueScope, pid);
      return emptyOk(ctx);
    }
    return single(ctx, 'SP.ApiData.RoleAssignments', assignment(pid));
  }
  throw notFound(`roleassignments/${s0.name}`);
}

// ------------------------------------------------------------------ lists and fields

function listProps(ctx: SpCtx, l: ListRow): Record<string, unknown> {
  return {
    AllowContentTypes: true, BaseTemplate: l.baseTemplate, BaseType: 0, ContentTypesEnabled: false, Created: l.created,
    DefaultViewUrl: `${SITE_PATH}/Lists/${l.entityName.replace(/List$/, '')}/AllItems.aspx`, Description: l.description,
    EnableAttachments: false, EnableVersioning: l.enableVersioning === 1, EntityTypeName: l.entityName, Hidden: l.hidden === 1,
    Id: l.id, ItemCount: itemCount(ctx.db, l), LastItemModifiedDate: l.lastItemModified, LastItemUserModifiedDate: l.lastItemModified,
    ListItemEntityTypeFullName: `SP.Data.${l.entityName}Item`, NoCrawl: noCrawlOf(l), ParentWebUrl: SITE_PATH, ReadSecurity: l.readSecurity,
    Title: l.title, WriteSecurity: l.writeSecurity,
    HasUniqueRoleAssignments: !!ctx.db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope = ?').get(listScope(l.id))
  };
}

function listEntity(ctx: SpCtx, l: ListRow): Record<string, unknown> {
  return entity(ctx, { type: 'SP.List', uri: `${ctx.siteUrl}/_api/Web/Lists(guid'${l.id}')`, etag: '"1"', editLink: `Web/Lists(guid'${l.id}')` }, selectProps(ctx, listProps(ctx, l)));
}

const FIELD_TYPES: Record<number, string> = {
  1: 'SP.FieldNumber', 2: 'SP.FieldText', 3: 'SP.FieldMultiLineText', 4: 'SP.FieldDateTime', 5: 'SP.Field', 6: 'SP.FieldChoice',
  7: 'SP.FieldLookup', 8: 'SP.Field', 9: 'SP.FieldNumber', 10: 'SP.FieldCurrency', 14: 'SP.FieldGuid', 15: 'SP.FieldMultiChoice', 20: 'SP.FieldUser'
};

function fieldProps(f: FieldRow): Record<string, unknown> {
  const p: Record<string, unknown> = {
    CanBeDeleted: !f.builtin, DefaultValue: f.defaultValue, Description: f.description, EnforceUniqueValues: f.enforceUnique === 1,
    EntityPropertyName: f.internalName, FieldTypeKind: f.typeKind, Hidden: f.hidden === 1, Id: f.id, Indexed: f.indexed === 1,
    InternalName: f.internalName, ReadOnlyField: f.readOnly === 1, Required: f.required === 1, StaticName: f.internalName,
    Title: f.title, TypeAsString: f.typeAsString, Sealed: f.builtin === 1
  };
  if (f.maxLength !== null) p.MaxLength = f.maxLength;
  if (f.choices) p.Choices = JSON.parse(f.choices);
  if (f.typeKind === 7 || f.typeKind === 20) {
    p.AllowMultipleValues = f.allowMultiple === 1;
    if (f.typeKind === 7) {
      p.LookupList = `{${f.lookupListId}}`;
      p.LookupField = f.lookupField;
    }
  }
  return p;
}

function fieldEntity(ctx: SpCtx, l: ListRow, f: FieldRow): Record<string, unknown> {
  const props = fieldProps(f);
  if (ctx.format === 'verbose' && Array.isArray(props.Choices)) props.Choices = { __metadata: { type: 'Collection(Edm.String)' }, results: props.Choices };
  return entity(ctx, { type: FIELD_TYPES[f.typeKind] || 'SP.Field', uri: `${ctx.siteUrl}/_api/Web/Lists(guid'${l.id}')/Fields(guid'${f.id}')`, editLink: `Web/Lists(guid'${l.id}')/Fields(guid'${f.id}')` }, selectProps(ctx, props));
}

const LIST_UPDATABLE = new Set(['title', 'description', 'readsecurity', 'writesecurity', 'enableversioning', 'hidden', 'contenttypesenabled',
  'allowcontenttypes', 'enableattachments', 'basetemplate', 'nocrawl', 'onquicklaunch', 'enableminorversions', 'majorversionlimit']);

/** SP.List.NoCrawl is an Edm.Boolean: anything else answers 400 rather than being guessed. */
function noCrawlValue(v: unknown): boolean {
  if (typeof v !== 'boolean') throw badRequest(`The value ${JSON.stringify(v)} is not valid for NoCrawl (Edm.Boolean).`);
  return v;
}

function listsCollection(ctx: SpCtx, rest: Segment[]): TenantResponse {
  const [s0] = rest;
  if (!s0) {
    if (ctx.method === 'GET') {
      demand(ctx.db, ctx.caller, 'web', Perm.Open);
      const rows = ctx.db.prepare('SELECT * FROM sp_lists ORDER BY n').all() as ListRow[];
      const visible = rows.filter(l => has(permissionsOn(ctx.db, ctx.caller, listScope(l.id)), Perm.ViewListItems));
      return collection(ctx, 'SP.ApiData.Lists', entities(ctx, visible.map(l => listProps(ctx, l)), 'SP.List', p => `${ctx.siteUrl}/_api/Web/Lists(guid'${p.Id}')`));
    }
    if (ctx.method === 'POST') {
      demand(ctx.db, ctx.caller, 'web', Perm.ManageLists);
      const b = ctx.body;
      for (const k of Object.keys(b)) {
        if (k !== '__metadata' && !LIST_UPDATABLE.has(k.toLowerCase())) throw notSupported(`the list property '${k}' on create`);
      }
      const l = createList(ctx.db, {
        Title: String(b.Title || ''), Description: b.Description === undefined ? '' : String(b.Description),
        BaseTemplate: b.BaseTemplate === undefined ? 100 : Number(b.BaseTemplate), ReadSecurity: b.ReadSecurity as number | undefined,
        WriteSecurity: b.WriteSecurity as number | undefined, EnableVersioning: !!b.EnableVersioning, Hidden: !!b.Hidden,
        NoCrawl: b.NoCrawl === undefined ? undefined : noCrawlValue(b.NoCrawl)
      }, ctx.now);
      return single(ctx, 'SP.ApiData.Lists', listEntity(ctx, l), 201);
    }
    throw methodNotAllowed(ctx);
  }
  const name = s0.name.toLowerCase();
  let l: ListRow | undefined;
  let label = '';
  if (name === 'getbytitle') {
    label = String(one(ctx, s0));
    l = findList(ctx.db, { title: label });
  } else if (name === 'getbyid' || (name === '' && s0.args !== null)) {
    label = String(one(ctx, s0)).replace(/[{}]/g, '');
    l = findList(ctx.db, { id: label });
  } else throw notFound(`lists/${s0.name}`);
  if (!l) {
    throw new SpError(404, Codes.argument, name === 'getbytitle'
      ? `List '${label}' does not exist at site with URL '${ctx.siteUrl}'.`
      : 'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.');
  }
  return listResource(ctx, l, rest.slice(1));
}

function listResource(ctx: SpCtx, l: ListRow, rest: Segment[]): TenantResponse {
  const scope = listScope(l.id);
  if (!has(permissionsOn(ctx.db, ctx.caller, scope), Perm.ViewListItems)) {
    // A list the caller cannot see does not exist for them (security trimming).
    throw new SpError(404, Codes.argument, `List '${l.title}' does not exist at site with URL '${ctx.siteUrl}'.`);
  }
  if (!rest.length) {
    if (ctx.method === 'GET') return single(ctx, 'SP.ApiData.Lists', listEntity(ctx, l));
    if (ctx.method === 'MERGE' || ctx.method === 'PATCH') {
      demand(ctx.db, ctx.caller, scope, Perm.ManageLists);
      const b = ctx.body;
      for (const k of Object.keys(b)) {
        if (k !== '__metadata' && !LIST_UPDATABLE.has(k.toLowerCase())) throw notSupported(`updating the list property '${k}'`);
      }
      if (b.BaseTemplate !== undefined && Number(b.BaseTemplate) !== l.baseTemplate) throw badRequest('The BaseTemplate of a list cannot change.');
      if (b.Title !== undefined && String(b.Title).toLowerCase() !== l.title.toLowerCase() && findList(ctx.db, { title: String(b.Title) })) {
        throw new SpError(500, Codes.spException, 'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.');
      }
      const sec = (v: unknown, allowed: number[], prop: string): number => {
        const n = Number(v);
        if (!allowed.includes(n)) throw badRequest(`The value ${JSON.stringify(v)} is not valid for ${prop}.`);
        return n;
      };
      ctx.db.prepare(`UPDATE sp_lists SET title = ?, description = ?, readSecurity = ?, writeSecurity = ?, enableVersioning = ?, hidden = ? WHERE n = ?`).run(
        b.Title !== undefined ? String(b.Title) : l.title,
        b.Description !== undefined ? String(b.Description) : l.description,
        b.ReadSecurity !== undefined ? sec(b.ReadSecurity, [1, 2], 'ReadSecurity') : l.readSecurity,
        b.WriteSecurity !== undefined ? sec(b.WriteSecurity, [1, 2, 4], 'WriteSecurity') : l.writeSecurity,
        b.EnableVersioning !== undefined ? (b.EnableVersioning ? 1 : 0) : l.enableVersioning,
        b.Hidden !== undefined ? (b.Hidden ? 1 : 0) : l.hidden, l.n);
      // NoCrawl (SP.List.NoCrawl, settable by MERGE): search stops answering the list's items at once (./search.ts).
      if (b.NoCrawl !== undefined) setNoCrawl(ctx.db, l, noCrawlValue(b.NoCrawl));
      return { status: 204, headers: { ETag: '"1"' } };
    }
    if (ctx.method === 'DELETE') {
      demand(ctx.db, ctx.caller, scope, Perm.ManageLists);
      deleteList(ctx.db, l);
      return emptyOk(ctx);
    }
    throw methodNotAllowed(ctx);
  }
  const [s0, s1] = rest;
  const name = s0.name.toLowerCase();
  if (name === 'rootfolder' && rest.length === 1) {
    // The list's root folder (SP.Folder): where AddValidateUpdateItemUsingPath's FolderPath starts (./folders.ts).
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx);
    demand(ctx.db, ctx.caller, scope, Perm.ViewListItems);
    const url = `${new URL(ctx.siteUrl).pathname.replace(/\/$/, '')}/Lists/${l.entityName.replace(/List$/, '')}`;
    return single(ctx, 'SP.ApiData.Folders', entity(ctx, { type: 'SP.Folder', uri: `${ctx.siteUrl}/_api/Web/Lists(guid'${l.id}')/RootFolder` },
      { Name: url.split('/').pop(), ServerRelativeUrl: url, ServerRelativePath: { DecodedUrl: url }, UniqueId: l.id, Exists: true }));
  }
  if (name === 'addvalidateupdateitemusingpath') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    return addValidateUpdateItemUsingPath(ctx, l);
  }
  if (name === 'items' || name === 'getitembyid') {
    let id: number | null = null;
    let after = rest.slice(1);
    if (name === 'getitembyid') id = Number(one(ctx, s0));
    else if (s0.args !== null) id = Number(one(ctx, s0));
    else if (s1 && is(s1, 'getbyid')) {
      id = Number(one(ctx, s1));
      after = rest.slice(2);
    } else if (s1 && s1.name === '' && s1.args !== null) {
      id = Number(one(ctx, s1));
      after = rest.slice(2);
    }
    if (id === null) {
      if (after.length) throw notFound(`items/${after.map(s => s.name).join('/')}`);
      if (ctx.method === 'GET') return queryItems(ctx, l);
      if (ctx.method === 'POST') return createItem(ctx, l);
      throw methodNotAllowed(ctx);
    }
    if (!Number.isInteger(id)) throw badRequest('The item id is not valid.');
    if (!after.length) {
      if (ctx.method === 'GET') return getItem(ctx, l, id);
      if (ctx.method === 'MERGE' || ctx.method === 'PATCH' || ctx.method === 'PUT') return updateItem(ctx, l, id);
      if (ctx.method === 'DELETE') return deleteItem(ctx, l, id, false);
      throw methodNotAllowed(ctx);
    }
    if (is(after[0], 'recycle') && ctx.method === 'POST') return deleteItem(ctx, l, id, true);
    assertItemVisible(ctx, l, id);
    if (is(after[0], 'versions')) {
      demand(ctx.db, ctx.caller, itemScope(l.id, id), Perm.ViewVersions);
      let versionId: number | null = after[0].args !== null ? Number(one(ctx, after[0])) : null;
      if (versionId === null && after[1] && (is(after[1], 'getbyid') || (after[1].name === '' && after[1].args !== null))) versionId = Number(one(ctx, after[1]));
      if (after.length > (after[0].args !== null ? 1 : versionId !== null ? 2 : 1)) throw notFound(`items(${id})/${after.map(s => s.name).join('/')}`);
      return versionsResource(ctx, l, id, versionId);
    }
    const r = securable(ctx, itemScope(l.id, id), after[0], after.slice(1));
    if (r) return r;
    throw notFound(`items(${id})/${after.map(s => s.name).join('/')}`);
  }
  if (name === 'fields') return fieldsResource(ctx, l, s0.args !== null ? [{ name: '', args: s0.args }, ...rest.slice(1)] : rest.slice(1));
  if (name === 'itemcount') return primitive(ctx, 'ItemCount', 'Edm.Int32', itemCount(ctx.db, l));
  const r = securable(ctx, scope, s0, rest.slice(1));
  if (r) return r;
  throw notFound(`lists/.../${rest.map(s => s.name).join('/')}`);
}

/**
 * GET web/getFolderByServerRelativePath(decodedUrl='/sites/intranet/Lists/<Name>/<folder>')/listItemAllFields:
 * a list folder's item (./folders.ts), trimmed like any item (404 when the caller cannot see it).
 * "Folder.ListItemAllFields", https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-folders-and-files-with-rest
 */
function folderItem(ctx: SpCtx, seg: Segment): TenantResponse {
  if (ctx.method !== 'GET') throw methodNotAllowed(ctx);
  const a = args(ctx, seg);
  const path = String(a.named.decodedurl ?? a.positional[0] ?? '');
  const m = /\/Lists\/([^/]+)\/([^/]+)$/i.exec(path);
  const lists = ctx.db.prepare('SELECT * FROM sp_lists').all() as ListRow[];
  const list = m ? lists.find(l => l.entityName.replace(/List$/, '').toLowerCase() === m[1].toLowerCase()) : undefined;
  const id = list && m ? folderByName(ctx.db, list.id, decodeURIComponent(m[2])) : 0;
  if (!list || !id) throw new SpError(404, Codes.spException, `File Not Found.`);
  return getItem(ctx, list, id);
}

function fieldCreateInfo(b: Record<string, unknown>): FieldCreateInfo {
  const allowed = new Set(['__metadata', 'title', 'fieldtypekind', 'required', 'indexed', 'enforceuniquevalues', 'allowmultiplevalues', 'choices',
    'lookuplistid', 'lookupfieldname', 'maxlength', 'defaultvalue', 'description', 'hidden', 'internalname', 'staticname',
    'selectionmode', 'displayformat', 'datetimecalendartype', 'friendlydisplayformat', 'currencylocaleid', 'editformat', 'fillinchoice',
    'numberoflines', 'richtext', 'allowhyperlink', 'appendonly', 'restrictedmode', 'minimumvalue', 'maximumvalue', 'decimals',
    'selectiongroup', 'unlimitedlengthindocumentlibrary', 'isrelationship', 'relationshipdeletebehavior', 'group']);
  for (const k of Object.keys(b)) {
    if (!allowed.has(k.toLowerCase())) throw notSupported(`the field property '${k}' on create`);
  }
  return {
    Title: String(b.Title || ''), FieldTypeKind: Number(b.FieldTypeKind), Required: !!b.Required, Indexed: !!b.Indexed,
    EnforceUniqueValues: !!b.EnforceUniqueValues, AllowMultipleValues: !!b.AllowMultipleValues,
    Choices: b.Choices as FieldCreateInfo['Choices'], LookupListId: b.LookupListId as string | undefined,
    LookupFieldName: b.LookupFieldName as string | undefined, MaxLength: b.MaxLength as number | undefined,
    DefaultValue: b.DefaultValue as string | undefined, Description: b.Description as string | undefined, Hidden: !!b.Hidden,
    InternalName: (b.InternalName || b.StaticName) as string | undefined
  };
}

function fieldsResource(ctx: SpCtx, l: ListRow, rest: Segment[]): TenantResponse {
  const scope = listScope(l.id);
  const [s0] = rest;
  const created = (f: FieldRow): TenantResponse => single(ctx, 'SP.ApiData.Fields', fieldEntity(ctx, l, f), 201);
  if (!s0) {
    if (ctx.method === 'GET') {
      return collection(ctx, 'SP.ApiData.Fields', entities(ctx, fieldsOf(ctx.db, l).map(fieldProps), 'SP.Field', p => `${ctx.siteUrl}/_api/Web/Lists(guid'${l.id}')/Fields(guid'${p.Id}')`));
    }
    if (ctx.method === 'POST') {
      demand(ctx.db, ctx.caller, scope, Perm.ManageLists);
      return created(createField(ctx.db, l, fieldCreateInfo(ctx.body)));
    }
    throw methodNotAllowed(ctx);
  }
  const name = s0.name.toLowerCase();
  if (name === 'createfieldasxml' || name === 'addfield') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    demand(ctx.db, ctx.caller, scope, Perm.ManageLists);
    const params = (ctx.body.parameters || {}) as Record<string, unknown>;
    if (name === 'createfieldasxml') {
      if (typeof params.SchemaXml !== 'string') throw badRequest('parameters.SchemaXml is required.');
      return created(createField(ctx.db, l, fieldFromSchemaXml(ctx.db, params.SchemaXml)));
    }
    return created(createField(ctx.db, l, fieldCreateInfo(params)));
  }
  const fields = fieldsOf(ctx.db, l);
  let f: FieldRow | undefined;
  const v = s0.args !== null ? String(one(ctx, s0)) : '';
  if (name === 'getbyid' || (name === '' && s0.args !== null)) f = fields.find(x => x.id.toLowerCase() === v.replace(/[{}]/g, '').toLowerCase());
  else if (name === 'getbytitle') f = fields.find(x => x.title.toLowerCase() === v.toLowerCase());
  else if (name === 'getbyinternalnameortitle') f = fields.find(x => x.internalName.toLowerCase() === v.toLowerCase()) || fields.find(x => x.title.toLowerCase() === v.toLowerCase());
  else throw notFound(`fields/${s0.name}`);
  if (!f) throw new SpError(404, Codes.argument, `Column '${v}' does not exist. It may have been deleted by another user.`);
  if (rest.length > 1) throw notFound(`fields/.../${rest.slice(1).map(s => s.name).join('/')}`);
  if (ctx.method === 'GET') return single(ctx, 'SP.ApiData.Fields', fieldEntity(ctx, l, f));
  demand(ctx.db, ctx.caller, scope, Perm.ManageLists);
  if (ctx.method === 'MERGE' || ctx.method === 'PATCH') {
    updateField(ctx.db, l, f, ctx.body);
    return { status: 204 };
  }
  if (ctx.method === 'DELETE') {
    deleteField(ctx.db, l, f);
    return emptyOk(ctx);
  }
  throw methodNotAllowed(ctx);
}

// ------------------------------------------------------------------ tenant properties, digest

/**
 * Tenant properties ("storage entities") live in the tenant app catalog and are readable from any
 * site: `GetStorageEntity('key')`; `SetStorageEntity` / `RemoveStorageEntity` need tenant (here: site
 * collection) admin rights. "Tenant properties" https://learn.microsoft.com/en-us/sharepoint/dev/spfx/tenant-properties
 */
function storageEntity(ctx: SpCtx, seg: Segment): TenantResponse {
  const name = seg.name.toLowerCase();
  if (name === 'getstorageentity') {
    const key = String(one(ctx, seg));
    const row = ctx.db.prepare('SELECT * FROM storage_entities WHERE key = ?').get(key) as { value: string; description: string | null; comment: string | null } | undefined;
    if (!row) return primitive(ctx, 'GetStorageEntity', 'SP.StorageEntity', null);
    return single(ctx, 'SP.StorageEntity', entity(ctx, { type: 'SP.StorageEntity', uri: `${ctx.siteUrl}/_api/web/GetStorageEntity('${key}')` },
      { Comment: row.comment, Description: row.description, Value: row.value }));
  }
  if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
  if (!ctx.caller.isSiteAdmin) throw accessDenied();
  if (name === 'setstorageentity') {
    const b = ctx.body as { key?: string; value?: string; description?: string; comments?: string };
    if (!b.key) throw badRequest('key is required.');
    ctx.db.prepare(`INSERT INTO storage_entities (key, value, description, comment) VALUES (?, ?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value, description = excluded.description, comment = excluded.comment`)
      .run(b.key, String(b.value ?? ''), b.description ?? null, b.comments ?? null);
    return emptyOk(ctx);
  }
  ctx.db.prepare('DELETE FROM storage_entities WHERE key = ?').run(String(one(ctx, seg)));
  return emptyOk(ctx);
}

const DIGEST_SECRET = 'local-tenant-form-digest';

function digestFor(ctx: SpCtx): string {
  const hash = createHash('sha256').update(`${DIGEST_SECRET}|${ctx.siteUrl}`).digest('hex').toUpperCase().slice(0, 128);
  return `0x${hash},${new Date(ctx.now.getTime()).toUTCString().replace(/^\w+, /, '')}`;
}

/**
 * POSTs need a form digest from `/_api/contextinfo` (or an Authorization header, which the SPFx and
 * PnPjs token flows send): "Complete basic operations using SharePoint REST endpoints".
 * The digest is checked for shape, not per user (PnPjs caches one digest per web across users).
 */
function checkDigest(ctx: SpCtx): void {
  const h = ctx.req.headers;
  if (h.authorization) return;
  const d = h['x-requestdigest'];
  const value = Array.isArray(d) ? d[0] : d;
  if (!value || !/^0x[0-9A-F]+,/.test(value)) throw new SpError(403, Codes.digest, Messages.digest);
}

// ------------------------------------------------------------------ entry point

function queryMap(url: URL): Map<string, string> {
  const m = new Map<string, string>();
  url.searchParams.forEach((v, k) => m.set(k.toLowerCase(), v));
  return m;
}

function parseBody(req: TenantRequest): Record<string, unknown> {
  if (!req.body || req.body.length === 0) return {};
  const text = req.body.toString('utf8');
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v as Record<string, unknown> : {};
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

export function route(ctx: SpCtx, apiPath: string): TenantResponse {
  const segs = parseSegments(apiPath);
  const [s0, s1] = segs;
  if (!s0) throw notFound('/_api');
  const n0 = s0.name.toLowerCase();
  if (n0 === 'contextinfo') {
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
    const info = {
      FormDigestTimeoutSeconds: 1800, FormDigestValue: digestFor(ctx), LibraryVersion: '16.0.25000.12000',
      SiteFullUrl: ctx.siteUrl, SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'], WebFullUrl: ctx.siteUrl
    };
    if (ctx.format === 'verbose') return { status: 200, headers: { 'Content-Type': 'application/json;odata=verbose;charset=utf-8' }, body: { d: { GetContextWebInformation: { __metadata: { type: 'SP.ContextWebInformation' }, ...info } } } };
    return single(ctx, 'SP.ContextWebInformation', entity(ctx, { type: 'SP.ContextWebInformation', uri: `${ctx.siteUrl}/_api/contextinfo` }, info));
  }
  if (ctx.method === 'POST' || ctx.method === 'MERGE' || ctx.method === 'PATCH' || ctx.method === 'DELETE' || ctx.method === 'PUT') checkDigest(ctx);
  if (n0 === 'site') {
    demand(ctx.db, ctx.caller, 'web', Perm.Open);
    if (segs.length > 1) {
      if (is(s1, 'rootweb') && segs.length === 2) return single(ctx, 'SP.ApiData.Webs', withMeta(ctx, 'SP.Web', `${ctx.siteUrl}/_api/Web`, webProps(ctx)));
      throw notFound(`site/${segs.slice(1).map(s => s.name).join('/')}`);
    }
    return single(ctx, 'SP.Site', withMeta(ctx, 'SP.Site', `${ctx.siteUrl}/_api/site`, {
      Id: SITE_ID, IsHubSite: true, HubSiteId: SITE_ID, ServerRelativeUrl: SITE_PATH, Url: ctx.siteUrl, ReadOnly: false
    }));
  }
  // SharePoint Search (POST _api/search/postquery): ./search.ts.
  if (n0 === 'search') return searchResource(ctx, segs.slice(1));
  if (n0 !== 'web') throw notFound(apiPath);
  const rest = segs.slice(1);
  if (!rest.length) {
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx);
    demand(ctx.db, ctx.caller, 'web', Perm.Open);
    return single(ctx, 'SP.ApiData.Webs', withMeta(ctx, 'SP.Web', `${ctx.siteUrl}/_api/Web`, webProps(ctx)));
  }
  const n1 = rest[0].name.toLowerCase();
  if ((n1 === 'getfolderbyserverrelativepath' || n1 === 'getfolderbyserverrelativeurl') && rest[1] && is(rest[1], 'listitemallfields') && rest.length === 2) {
    return folderItem(ctx, rest[0]);
  }
  switch (n1) {
    case 'getstorageentity': case 'setstorageentity': case 'removestorageentity':
      return storageEntity(ctx, rest[0]);
    case 'currentuser':
      return userResource(ctx, ctx.caller.principal, rest.slice(1));
    case 'ensureuser': {
      if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
      demand(ctx.db, ctx.caller, 'web', Perm.BrowseUserInfo);
      const login = String(ctx.body.logonName ?? (rest[0].args !== null ? one(ctx, rest[0]) : ''));
      if (!login) throw badRequest('logonName is required.');
      return single(ctx, 'SP.ApiData.Users', siteUserEntity(ctx, ensurePrincipal(ctx.db, login)));
    }
    case 'getuserbyid': {
      demand(ctx.db, ctx.caller, 'web', Perm.BrowseUserInfo);
      const p = principalById(ctx.db, Number(one(ctx, rest[0])));
      if (!p || p.principalType === 8) throw new SpError(404, Codes.spException, 'User cannot be found.');
      return userResource(ctx, p, rest.slice(1));
    }
    case 'siteusers':
      if (rest[0].args !== null) return siteUsers(ctx, [{ name: '', args: rest[0].args }, ...rest.slice(1)], null);
      return siteUsers(ctx, rest.slice(1), null);
    case 'sitegroups':
      if (rest[0].args !== null) return siteGroups(ctx, [{ name: 'getbyid', args: rest[0].args }, ...rest.slice(1)]);
      return siteGroups(ctx, rest.slice(1));
    case 'associatedownergroup': case 'associatedmembergroup': case 'associatedvisitorgroup': {
      demand(ctx.db, ctx.caller, 'web', Perm.Open);
      const suffix = n1 === 'associatedownergroup' ? 'Owners' : n1 === 'associatedmembergroup' ? 'Members' : 'Visitors';
      const g = findSiteGroup(ctx.db, `${WEB_TITLE} ${suffix}`);
      if (!g) throw new SpError(404, Codes.spException, 'Group cannot be found.');
      return groupResource(ctx, g, rest.slice(1));
    }
    case 'roledefinitions':
      if (rest[0].args !== null) return roleDefinitions(ctx, [{ name: 'getbyid', args: rest[0].args }, ...rest.slice(1)]);
      return roleDefinitions(ctx, rest.slice(1));
    case 'getfolderbyserverrelativeurl':
      demand(ctx.db, ctx.caller, 'web', Perm.Open);
      return folderResource(ctx, String(one(ctx, rest[0])), rest.slice(1).map(x => ({ name: x.name.toLowerCase(), named: args(ctx, x).named })));
    case 'getfilebyserverrelativeurl':
      demand(ctx.db, ctx.caller, 'web', Perm.Open);
      return fileResource(ctx, String(one(ctx, rest[0])), rest.slice(1).map(x => ({ name: x.name.toLowerCase() })));
    case 'lists':
      if (rest[0].args !== null) return listsCollection(ctx, [{ name: 'getbyid', args: rest[0].args }, ...rest.slice(1)]);
      return listsCollection(ctx, rest.slice(1));
    case 'webs':
      // One site, one web: no subwebs.
      if (rest.length > 1 || ctx.method !== 'GET') throw notFound(`web/${rest.map(x => x.name).join('/')}`);
      demand(ctx.db, ctx.caller, 'web', Perm.Open);
      return collection(ctx, 'SP.ApiData.Webs', []);
    case 'allproperties': {
      // The web's property bag (read only over REST, as in SharePoint; the seed writes it with setWebProperty).
      if (rest.length > 1 || ctx.method !== 'GET') throw notFound(`web/${rest.map(x => x.name).join('/')}`);
      demand(ctx.db, ctx.caller, 'web', Perm.Open);
      const props: Record<string, unknown> = {};
      for (const r of ctx.db.prepare('SELECT key, value FROM sp_property_bag ORDER BY key').all() as { key: string; value: string }[]) props[r.key] = r.value;
      return single(ctx, 'SP.PropertyValues', entity(ctx, { type: 'SP.PropertyValues', uri: `${ctx.siteUrl}/_api/web/AllProperties` }, selectProps(ctx, props)));
    }
    case 'getlist': {
      const url = String(one(ctx, rest[0]));
      const title = decodeURIComponent(url.replace(/\/$/, '').split('/').pop() || '');
      const l = findList(ctx.db, { title }) || (ctx.db.prepare('SELECT * FROM sp_lists').all() as ListRow[]).find(x => x.entityName.replace(/List$/, '').toLowerCase() === title.toLowerCase());
      if (!l) throw new SpError(404, Codes.argument, 'List does not exist.');
      return listResource(ctx, l, rest.slice(1));
    }
    default: {
      const r = securable(ctx, 'web', rest[0], rest.slice(1));
      if (r) return r;
      throw notFound(`web/${rest.map(s => s.name).join('/')}`);
    }
  }
}

export function makeContext(req: TenantRequest, tenant: TenantContext, siteUrl: string): SpCtx {
  const xm = req.headers['x-http-method'];
  const method = ((Array.isArray(xm) ? xm[0] : xm) || req.method).toUpperCase();
  const accept = req.headers.accept;
  const format = formatOf(Array.isArray(accept) ? accept[0] : accept);
  return {
    db: tenant.db, req, tenant, format, siteUrl,
    caller: callerOf(tenant.db, req.user!),
    now: tenant.now(), query: queryMap(req.url), method,
    body: {}
  };
}

function apiPathOf(path: string): { apiPath: string; rootSite: boolean } {
  const lower = path.toLowerCase();
  const at = lower.indexOf('/_api');
  const apiPath = path.slice(at + 5).replace(/^\/+/, '');
  return { apiPath, rootSite: at === 0 };
}

/** Every `/_api` request of the site (the user is already resolved by server.ts). */
export const handleSharePoint: Handler = async (req, tenant) => {
  const { apiPath, rootSite } = apiPathOf(req.path);
  const siteUrl = rootSite ? `${req.url.protocol}//${req.url.host}` : tenant.siteUrl(req);
  const accept = req.headers.accept;
  const format = formatOf(Array.isArray(accept) ? accept[0] : accept);
  try {
    if (!req.user) throw new SpError(401, Codes.accessDenied, Messages.accessDenied);
    const ctx = makeContext(req, tenant, siteUrl);
    if (apiPath.toLowerCase() === '$batch') {
      if (req.method !== 'POST') throw methodNotAllowed(ctx);
      checkDigest(ctx);
      return await handleBatch(ctx, (sub) => handleOne(sub, tenant));
    }
    return handleOne(req, tenant, ctx);
  } catch (e) {
    if (e instanceof SpError) return errorResponse(format, e.status, e.code, e.message);
    throw e;
  }
};

/** Handles one request (a top-level one, or one part of a $batch). */
export function handleOne(req: TenantRequest, tenant: TenantContext, existing?: SpCtx): TenantResponse {
  const { apiPath, rootSite } = apiPathOf(req.path);
  const siteUrl = rootSite ? `${req.url.protocol}//${req.url.host}` : tenant.siteUrl(req);
  const accept = req.headers.accept;
  const format = formatOf(Array.isArray(accept) ? accept[0] : accept);
  try {
    const ctx = existing || makeContext(req, tenant, siteUrl);
    ctx.body = parseBody(req);
    // Writes are atomic per request.
    return ctx.db.transaction(() => route(ctx, apiPath))();
  } catch (e) {
    if (e instanceof SpError) return errorResponse(format, e.status, e.code, e.message);
    throw e;
  }
}

// Re-exported for tests and tools.
export { columnOf, isoNow };
