/**
 * OData query options on directory objects, as Microsoft Graph v1.0 accepts them, translated to SQL.
 *
 * What Graph does, and so what this file checks:
 * - "Use query parameters to customize responses", https://learn.microsoft.com/en-us/graph/query-parameters
 * - "Advanced query capabilities on Microsoft Entra ID objects",
 *   https://learn.microsoft.com/en-us/graph/aad-advanced-queries : `$search`, `$count`, the `ne` and `not`
 *   operators, `endsWith`, and `$filter` together with `$orderby` need the header
 *   `ConsistencyLevel: eventual` (and, for the operators, `$count=true`).
 * - "Paging Microsoft Graph data in your app", https://learn.microsoft.com/en-us/graph/paging :
 *   `@odata.nextLink` is an absolute URL carrying an opaque `$skiptoken`; `$skip` is not supported
 *   on users; a page of users holds 1..999 objects (100 by default).
 * Anything this emulation does not implement is refused with a 400 that names it.
 */
import type { Database } from 'better-sqlite3';
import { badRequest, unsupportedQuery } from './errors';
import type { TenantRequest } from '../types';

export type PropType = 'string' | 'bool' | 'strings' | 'date';

export interface PropDef {
  /** SQL expression of the column, over alias `u`; null when the value comes from `extra`. */
  col: string | null;
  type: PropType;
  /** Returned when no $select is given. */
  byDefault: boolean;
  /** Graph returns it only when reading one user (GET /users/{id}), never in a list. */
  singleOnly?: boolean;
  filterable: boolean;
}

/** The user properties the local tenant knows, named as Graph's user resource names them. */
export const USER_PROPS: Record<string, PropDef> = {
  id: { col: 'u.id', type: 'string', byDefault: true, filterable: true },
  businessPhones: { col: 'u.businessPhones', type: 'strings', byDefault: true, filterable: false },
  displayName: { col: 'u.displayName', type: 'string', byDefault: true, filterable: true },
  givenName: { col: 'u.givenName', type: 'string', byDefault: true, filterable: true },
  jobTitle: { col: 'u.jobTitle', type: 'string', byDefault: true, filterable: true },
  mail: { col: 'u.mail', type: 'string', byDefault: true, filterable: true },
  mobilePhone: { col: 'u.mobilePhone', type: 'string', byDefault: true, filterable: true },
  officeLocation: { col: 'u.officeLocation', type: 'string', byDefault: true, filterable: true },
  preferredLanguage: { col: 'u.preferredLanguage', type: 'string', byDefault: true, filterable: true },
  surname: { col: 'u.surname', type: 'string', byDefault: true, filterable: true },
  userPrincipalName: { col: 'u.userPrincipalName', type: 'string', byDefault: true, filterable: true },
  department: { col: 'u.department', type: 'string', byDefault: false, filterable: true },
  city: { col: 'u.city', type: 'string', byDefault: false, filterable: true },
  country: { col: 'u.country', type: 'string', byDefault: false, filterable: true },
  employeeId: { col: 'u.employeeId', type: 'string', byDefault: false, filterable: true },
  accountEnabled: { col: 'u.accountEnabled', type: 'bool', byDefault: false, filterable: true },
  userType: { col: 'u.userType', type: 'string', byDefault: false, filterable: true },
  companyName: { col: "json_extract(u.extra, '$.companyName')", type: 'string', byDefault: false, filterable: true },
  employeeHireDate: { col: "json_extract(u.extra, '$.employeeHireDate')", type: 'date', byDefault: false, filterable: false },
  usageLocation: { col: "json_extract(u.extra, '$.usageLocation')", type: 'string', byDefault: false, filterable: false },
  // Profile properties: "Only returned with $select. Supported only on the Get user API."
  // (user resource type, https://learn.microsoft.com/en-us/graph/api/resources/user)
  aboutMe: { col: null, type: 'string', byDefault: false, singleOnly: true, filterable: false },
  skills: { col: null, type: 'strings', byDefault: false, singleOnly: true, filterable: false },
  interests: { col: null, type: 'strings', byDefault: false, singleOnly: true, filterable: false },
  responsibilities: { col: null, type: 'strings', byDefault: false, singleOnly: true, filterable: false }
};

const PROP_BY_LOWER: Record<string, string> = Object.fromEntries(Object.keys(USER_PROPS).map(k => [k.toLowerCase(), k]));

/** Graph treats property names case-insensitively. */
export function userProp(name: string): string | null {
  return PROP_BY_LOWER[name.toLowerCase()] || null;
}

/** Registers the SQL helper functions the translated queries use (per connection). */
export function registerQueryFunctions(db: Database): void {
  db.function('gfold', { deterministic: true }, (v: unknown) => (v === null || v === undefined ? null : String(v).toLowerCase()));
  db.function('gsearch', { deterministic: true }, (v: unknown, term: unknown) => (searchMatches(v, term) ? 1 : 0));
  // Sort key close to a linguistic order: accents and case do not put "Émilie" after "Zoé".
  db.function('gsortkey', { deterministic: true }, (v: unknown) => (v === null || v === undefined ? null
    : String(v).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()));
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/**
 * Graph's `$search` on directory objects tokenizes the property value (spaces, punctuation, case
 * changes) and matches each word of the term as a prefix of a token ("displayName:wa" finds "Walter"
 * and "Ji-Wan"). Documented by example in https://learn.microsoft.com/en-us/graph/search-query-parameter
 * (section "Using $search on directory object collections").
 */
export function searchMatches(value: unknown, term: unknown): boolean {
  if (value === null || value === undefined || term === null || term === undefined) return false;
  const tokens = String(value).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(WORD_SPLIT).filter(Boolean);
  const words = String(term).toLowerCase().split(WORD_SPLIT).filter(Boolean);
  if (words.length === 0) return false;
  return words.every(w => tokens.some(t => t.startsWith(w)));
}

// ---------------------------------------------------------------------------------------------
// Query options

export interface QueryOptions {
  select: string[] | null;
  filter: string | null;
  search: string | null;
  orderby: string | null;
  top: number | null;
  skiptoken: string | null;
  count: boolean;
  expand: string | null;
  eventual: boolean;
}

const KNOWN_OPTIONS = new Set(['$select', '$filter', '$search', '$orderby', '$top', '$skiptoken', '$count', '$expand']);

export function readQueryOptions(req: TenantRequest): QueryOptions {
  const o: QueryOptions = {
    select: null, filter: null, search: null, orderby: null, top: null, skiptoken: null, count: false, expand: null,
    eventual: String(req.headers.consistencylevel || '').toLowerCase() === 'eventual'
  };
  for (const [rawKey, value] of req.url.searchParams) {
    const key = rawKey.toLowerCase();
    if (!key.startsWith('$')) continue; // Graph ignores parameters that are not OData options
    if (!KNOWN_OPTIONS.has(key)) {
      throw badRequest(`Query option '${rawKey}' is not supported by the local tenant (supported: ${[...KNOWN_OPTIONS].join(', ')}).`);
    }
    switch (key) {
      case '$select': o.select = value.split(',').map(s => s.trim()).filter(Boolean); break;
      case '$filter': o.filter = value; break;
      case '$search': o.search = value; break;
      case '$orderby': o.orderby = value; break;
      case '$expand': o.expand = value; break;
      case '$skiptoken': o.skiptoken = value; break;
      case '$count':
        if (value !== 'true' && value !== 'false') throw badRequest(`Invalid value '${value}' for $count: expected true or false.`);
        o.count = value === 'true';
        break;
      case '$top': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < 1 || n > 999) {
          throw badRequest(`Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`, 'Request_BadRequest');
        }
        o.top = n;
        break;
      }
    }
  }
  return o;
}

/** Validates $select against the user properties; returns the property names as Graph spells them. */
export function resolveSelect(select: string[] | null, single: boolean): string[] {
  if (!select) return Object.keys(USER_PROPS).filter(k => USER_PROPS[k].byDefault);
  const out: string[] = [];
  for (const s of select) {
    if (s === '*') {
      throw badRequest("'$select=*' is not supported by the local tenant; name the properties.");
    }
    const p = userProp(s);
    if (!p) throw badRequest(`Could not find a property named '${s}' on type 'microsoft.graph.user'.`, 'Request_BadRequest');
    if (USER_PROPS[p].singleOnly && !single) {
      throw badRequest(`The property '${p}' does not support being returned in a collection: read it from GET /users/{id}.`, 'Request_UnsupportedQuery');
    }
    if (!out.includes(p)) out.push(p);
  }
  if (!out.includes('id')) out.unshift('id');
  return out;
}

// ---------------------------------------------------------------------------------------------
// $filter

interface Tok { t: 'str' | 'num' | 'id' | '(' | ')' | ','; v: string }

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { toks.push({ t: c, v: c }); i++; continue; }
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw badRequest(`Unterminated string literal in $filter: ${src}`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") { v += "'"; i += 2; continue; } // OData doubles a quote inside a literal
          i++;
          break;
        }
        v += src[i++];
      }
      toks.push({ t: 'str', v });
      continue;
    }
    const m = /^[A-Za-z0-9_./$:-]+/.exec(src.slice(i));
    if (!m) throw badRequest(`Syntax error at position ${i} in $filter: '${src.slice(i, i + 10)}'`);
    toks.push({ t: /^-?\d+(\.\d+)?$/.test(m[0]) ? 'num' : 'id', v: m[0] });
    i += m[0].length;
  }
  return toks;
}

export interface SqlFragment { sql: string; params: unknown[]; advanced: boolean }

/** Translates a Graph `$filter` on users into a SQL condition over alias `u`. */
export function filterToSql(filter: string): SqlFragment {
  const toks = tokenize(filter);
  let pos = 0;
  let advanced = false;
  const params: unknown[] = [];
  const peek = (): Tok | undefined => toks[pos];
  const isKw = (k: string): boolean => !!peek() && peek()!.t === 'id' && peek()!.v.toLowerCase() === k;
  const expect = (t: Tok['t']): Tok => {
    const tok = toks[pos++];
    if (!tok || tok.t !== t) throw badRequest(`Syntax error in $filter: expected '${t}' at token ${pos} of: ${filter}`);
    return tok;
  };
  const column = (name: string): { col: string; def: PropDef } => {
    if (name.includes('/')) {
      throw badRequest(`'${name}': lambda operators (any/all) and navigation paths in $filter are not supported by the local tenant.`);
    }
    const p = userProp(name);
    if (!p) throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`, 'Request_BadRequest');
    const def = USER_PROPS[p];
    if (!def.filterable || !def.col) throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${p}' of resource 'User'.`);
    return { col: def.col, def };
  };
  const literal = (def: PropDef): unknown => {
    const tok = toks[pos++];
    if (!tok) throw badRequest(`Syntax error in $filter: a value is missing at the end of: ${filter}`);
    if (tok.t === 'id' && tok.v === 'null') return null;
    if (def.type === 'bool') {
      if (tok.t === 'id' && (tok.v === 'true' || tok.v === 'false')) return tok.v === 'true' ? 1 : 0;
      throw badRequest(`A binary operator with incompatible types was detected: expected true or false, found '${tok.v}'.`);
    }
    if (tok.t !== 'str') throw badRequest(`A binary operator with incompatible types was detected: expected a quoted string, found '${tok.v}'.`);
    return tok.v.toLowerCase();
  };
  const textOperand = (def: PropDef, col: string): string => (def.type === 'bool' ? col : `gfold(${col})`);

  function primary(): string {
    const tok = peek();
    if (!tok) throw badRequest(`Syntax error in $filter: unexpected end of: ${filter}`);
    if (tok.t === '(') {
      pos++;
      const inner = orExpr();
      expect(')');
      return `(${inner})`;
    }
    if (tok.t !== 'id') throw badRequest(`Syntax error in $filter near '${tok.v}': ${filter}`);
    if (tok.v.includes('/')) column(tok.v); // navigation paths and lambdas: refused with a clear message
    const fn = tok.v.toLowerCase();
    if ((fn === 'startswith' || fn === 'endswith') && toks[pos + 1] && toks[pos + 1].t === '(') {
      pos += 2;
      const { col, def } = column(expect('id').v);
      expect(',');
      const v = literal(def);
      expect(')');
      if (typeof v !== 'string') throw badRequest(`${tok.v} expects a string value.`);
      if (fn === 'endswith') advanced = true;
      const escaped = v.replace(/[\\%_]/g, m => `\\${m}`);
      params.push(fn === 'startswith' ? `${escaped}%` : `%${escaped}`);
      return `gfold(${col}) LIKE ? ESCAPE '\\'`;
    }
    if (toks[pos + 1] && toks[pos + 1].t === '(') {
      throw badRequest(`Function '${tok.v}' in $filter is not supported by the local tenant (supported: startswith, endswith).`);
    }
    pos++;
    const { col, def } = column(tok.v);
    const opTok = toks[pos++];
    if (!opTok || opTok.t !== 'id') throw badRequest(`Syntax error in $filter: an operator is missing after '${tok.v}'.`);
    const op = opTok.v.toLowerCase();
    if (op === 'in') {
      expect('(');
      const values: unknown[] = [];
      for (;;) {
        values.push(literal(def));
        const next = toks[pos++];
        if (next && next.t === ',') continue;
        if (next && next.t === ')') break;
        throw badRequest(`Syntax error in $filter: bad list after 'in': ${filter}`);
      }
      if (values.length > 15) throw badRequest("The 'in' operator accepts at most 15 values in the local tenant.");
      params.push(...values);
      return `${textOperand(def, col)} IN (${values.map(() => '?').join(', ')})`;
    }
    if (op !== 'eq' && op !== 'ne') {
      throw badRequest(`Operator '${opTok.v}' in $filter is not supported by the local tenant on users (supported: eq, ne, in, startswith, endswith, and, or, not).`);
    }
    const v = literal(def);
    if (op === 'ne') advanced = true;
    if (v === null) return op === 'eq' ? `${col} IS NULL` : `${col} IS NOT NULL`;
    params.push(v);
    return op === 'eq' ? `${textOperand(def, col)} = ?` : `(${col} IS NULL OR ${textOperand(def, col)} <> ?)`;
  }
  function unary(): string {
    if (isKw('not')) {
      pos++;
      advanced = true;
      return `NOT COALESCE((${unary()}), 0)`;
    }
    return primary();
  }
  function andExpr(): string {
    let left = unary();
    while (isKw('and')) { pos++; left = `${left} AND ${unary()}`; }
    return left;
  }
  function orExpr(): string {
    let left = andExpr();
    while (isKw('or')) { pos++; left = `(${left} OR ${andExpr()})`; }
    return left;
  }
  const sql = orExpr();
  if (pos < toks.length) throw badRequest(`Syntax error in $filter: unexpected '${toks[pos].v}' in: ${filter}`);
  return { sql, params, advanced };
}

// ---------------------------------------------------------------------------------------------
// $search

const SEARCHABLE = ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'jobTitle', 'department', 'officeLocation', 'employeeId'];

/**
 * `$search="displayName:wa" OR "mail:wa"`: each clause is a quoted property:term, combined with
 * AND / OR (OR binds looser than AND).
 */
export function searchToSql(search: string): SqlFragment {
  const params: unknown[] = [];
  const re = /\s*(?:"([^"]*)"|(AND|OR)\b)/y;
  const orParts: string[][] = [[]];
  let expectClause = true;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(search)) !== null) {
    last = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectClause) throw badRequest(`Syntax error in $search: join clauses with AND or OR: ${search}`);
      const colon = m[1].indexOf(':');
      if (colon <= 0) {
        throw badRequest(`Syntax error in $search: '${m[1]}' must be "property:value" (for example "displayName:ann").`, 'Request_UnsupportedQuery');
      }
      const prop = userProp(m[1].slice(0, colon).trim());
      if (!prop || !SEARCHABLE.includes(prop)) {
        throw unsupportedQuery(`Property '${m[1].slice(0, colon)}' is not searchable (searchable: ${SEARCHABLE.join(', ')}).`);
      }
      params.push(m[1].slice(colon + 1));
      orParts[orParts.length - 1].push(`gsearch(${USER_PROPS[prop].col}, ?) = 1`);
      expectClause = false;
    } else {
      if (expectClause) throw badRequest(`Syntax error in $search near '${m[2]}': ${search}`);
      if (m[2] === 'OR') orParts.push([]);
      expectClause = true;
    }
  }
  if (last !== search.trim().length && search.slice(last).trim() !== '') {
    throw badRequest(`Syntax error in $search: clauses must be double-quoted "property:value": ${search}`);
  }
  if (expectClause) throw badRequest(`Syntax error in $search: ${search || '(empty)'}`);
  return { sql: orParts.map(a => `(${a.join(' AND ')})`).join(' OR '), params, advanced: true };
}

// ---------------------------------------------------------------------------------------------
// $orderby

export function orderbyToSql(orderby: string | null, hasFilter: boolean, eventual: boolean): string {
  if (!orderby) return '';
  const parts = orderby.split(',').map(s => s.trim()).filter(Boolean);
  const sql: string[] = [];
  for (const part of parts) {
    const [name, dirRaw, extra] = part.split(/\s+/);
    const dir = (dirRaw || 'asc').toLowerCase();
    if (extra !== undefined || (dir !== 'asc' && dir !== 'desc')) throw badRequest(`Syntax error in $orderby: '${part}'.`);
    const p = userProp(name);
    if (!p || !USER_PROPS[p].col) throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    if (p !== 'displayName' && p !== 'userPrincipalName' && !eventual) {
      throw unsupportedQuery(`Sorting by '${p}' needs advanced query parameters (header ConsistencyLevel: eventual and $count=true); without them only displayName and userPrincipalName are sortable.`);
    }
    sql.push(`gsortkey(${USER_PROPS[p].col}) ${dir.toUpperCase()}`);
  }
  if (hasFilter && !eventual) {
    throw unsupportedQuery('Sorting and filtering in the same request ($orderby with $filter) is supported only with advanced query parameters: send ConsistencyLevel: eventual and $count=true.');
  }
  return sql.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Paging

export function encodeSkipToken(offset: number): string {
  return Buffer.from(`local-offset:${offset}`, 'utf8').toString('base64url');
}

export function decodeSkipToken(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^local-offset:(\d+)$/.exec(text);
  if (!m) throw badRequest(`The specified page token value has expired or is not valid: '${token}'.`, 'Directory_ExpiredPageToken');
  return Number(m[1]);
}

/** The absolute next link: the request's own URL with `$skiptoken` replaced. */
export function nextLinkFor(req: TenantRequest, offset: number): string {
  const u = new URL(req.url.toString());
  for (const k of [...u.searchParams.keys()]) if (k.toLowerCase() === '$skiptoken') u.searchParams.delete(k);
  const qs = u.searchParams.toString().replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return `${u.protocol}//${u.host}${u.pathname}?${qs ? `${qs}&` : ''}$skiptoken=${encodeSkipToken(offset)}`;
}
