/**
 * SharePoint Search for the local tenant: the part of `POST /_api/search/postquery` the suite uses.
 *
 * What SharePoint documents, and what is emulated:
 * - the request: `{ request: { Querytext, SourceId, SelectProperties, RowLimit, StartRow, Refiners,
 *   RefinementFilters, SortList, ... } }`, arrays plain (JSON light, as PnPjs v4 posts them) or as
 *   `{ results: [...] }` (verbose); "SharePoint Search REST API overview",
 *   https://learn.microsoft.com/en-us/sharepoint/dev/general-development/sharepoint-search-rest-api-overview
 * - the answer: `PrimaryQueryResult.RelevantResults` with `TotalRows`, `RowCount` and
 *   `Table.Rows[].Cells[{ Key, Value, ValueType }]`, every value a string (same page), and
 *   `RefinementResults.Refiners[{ Name, Entries[{ RefinementName, RefinementValue, RefinementCount,
 *   RefinementToken }] }]` when `Refiners` is set;
 * - sources: Local SharePoint Results (the default, 8413cd39-2156-4e00-b54d-11efd9abdb89: the site's
 *   list items, except lists with NoCrawl, security trimmed: see `searchTrimOf`) and Local People Results (b09a7990-05ea-4af9-81ef-edfab16c4e31:
 *   the directory's people); "Manage result sources",
 *   https://learn.microsoft.com/en-us/sharepoint/manage-result-sources
 * - at most 500 rows per request (a larger RowLimit answers 500 rows), paging with StartRow;
 *   "Search limits for SharePoint", https://learn.microsoft.com/en-us/sharepoint/search-limits
 * - KQL ("Keyword Query Language (KQL) syntax reference",
 *   https://learn.microsoft.com/en-us/sharepoint/dev/general-development/keyword-query-language-kql-syntax-reference):
 *   free terms (implicitly AND), quoted phrases, `AND`, `OR`, `NOT` and `-`, `+`, parentheses, a
 *   trailing `*` (prefix), property restrictions `Property:value`, `Property:"a phrase"`,
 *   `Property=value` (the whole value) and `path:"<url>"` (the address starts with it), `*` alone
 *   (everything); at most 4,096 characters ("KQL queries you create programmatically ... have a
 *   default length limit of 4,096 characters"). Matching ignores case and accents.
 *
 * Not emulated, answered 400 naming what is unsupported (the local tenant's rule): other sources,
 * NEAR/ONEAR/WORDS/XRANK, comparison operators (<, >, <>, ..), a `*` inside a word,
 * RefinementFilters, SortList, unknown managed properties in a restriction. Ranking is a plain
 * count of matched query words (then DocId): callers re-rank, as the suite does.
 *
 * Managed properties of people rows: AccountName (claims), UserName, WorkEmail, PreferredName,
 * JobTitle, Department, OfficeNumber, BaseOfficeLocation, PreferredLanguage, Path
 * (person.aspx?accountname=), and two the suite's search schema adds (docs/expertise-ranking.md):
 * UserType ("Member" or "Guest") and AccountEnabled ("true" or "false"), from the directory.
 * Managed properties of list items: Title, Path, ListId, ListItemID, contentclass, Author,
 * AuthorOWSUSER ("email | name | claims"), Created, LastModifiedTime, and each column under the name
 * SharePoint gives site columns' automatic managed properties: `<InternalName>OWSTEXT` (text),
 * `OWSMTXT` (notes), `OWSBOOL` ("1" or "0"), `OWSNMBR` (numbers), `OWSDATE` (dates), `OWSCHCS` (choices).
 */
import type { SpCtx } from './context';
import { badRequest, contentTypeFor, notSupported } from './errors';
import type { TenantResponse } from '../types';
import { FieldRow, FieldType, fieldsOf, itemTable, ListRow, noCrawlOf, q } from './lists';
import { principalById } from './admin';
import { Perm } from './schema';
import { has, itemScope, listHasItemScopes, listScope, permissionsOn } from './security';

export const LOCAL_SHAREPOINT_RESULTS = '8413cd39-2156-4e00-b54d-11efd9abdb89';
export const LOCAL_PEOPLE_RESULTS = 'b09a7990-05ea-4af9-81ef-edfab16c4e31';
export const MAX_ROW_LIMIT = 500;
export const DEFAULT_ROW_LIMIT = 10;
export const MAX_QUERY_TEXT = 4096;

// ------------------------------------------------------------------ text

/** Lower case, accents removed, cut into words of letters and digits. */
export function words(text: string): string[] {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// ------------------------------------------------------------------ KQL

export type KqlNode =
  | { kind: 'all' }
  | { kind: 'and' | 'or'; items: KqlNode[] }
  | { kind: 'not'; item: KqlNode }
  | { kind: 'text'; words: string[]; prefix: boolean }
  | { kind: 'prop'; name: string; op: ':' | '='; value: string; words: string[]; prefix: boolean };

interface Token { kind: 'word' | 'phrase' | '(' | ')'; text: string }

const unsupported = (what: string): Error => badRequest(`The local tenant does not support ${what} in KQL (see docs/local-tenant-sharepoint.md).`);

function tokenize(kql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < kql.length) {
    const ch = kql[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(' || ch === ')') { out.push({ kind: ch, text: ch }); i++; continue; }
    if (ch === '"') {
      const end = kql.indexOf('"', i + 1);
      if (end < 0) throw badRequest('The KQL query has an unbalanced double quote.');
      out.push({ kind: 'phrase', text: kql.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < kql.length && !/\s/.test(kql[j]) && kql[j] !== '(' && kql[j] !== ')') {
      if (kql[j] === '"') break;
      j++;
    }
    out.push({ kind: 'word', text: kql.slice(i, j) });
    i = j;
  }
  return out;
}

const RESTRICTION = /^([A-Za-z][\w.-]*)(:|=|<>|<=|>=|<|>)(.*)$/;

/** Parses the KQL subset above; throws 400 naming anything else. */
export function parseKql(kql: string): KqlNode {
  if (kql.length > MAX_QUERY_TEXT) throw badRequest(`The query text is ${kql.length} characters long; the limit is ${MAX_QUERY_TEXT}.`);
  const tokens = tokenize(kql);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (t: Token | undefined, op: string): boolean => !!t && t.kind === 'word' && t.text === op;

  const term = (raw: string, phrase: boolean): KqlNode => {
    if (!phrase && raw === '*') return { kind: 'all' };
    const prefix = !phrase && raw.endsWith('*');
    const body = prefix ? raw.slice(0, -1) : raw;
    if (!phrase && body.includes('*')) throw unsupported(`a wildcard inside a word ("${raw}")`);
    return { kind: 'text', words: words(body), prefix };
  };

  function primary(): KqlNode {
    const t = tokens[pos++];
    if (!t) throw badRequest('The KQL query ends where a term was expected.');
    if (t.kind === '(') {
      const inner = orExpr();
      if (!peek() || peek()!.kind !== ')') throw badRequest('The KQL query has an unbalanced parenthesis.');
      pos++;
      return inner;
    }
    if (t.kind === ')') throw badRequest('The KQL query has an unbalanced parenthesis.');
    if (t.kind === 'phrase') return term(t.text, true);
    if (/^(NEAR|ONEAR|WORDS|XRANK)(\(|$)/.test(t.text)) throw unsupported(`the ${t.text.replace(/\(.*/, '')} operator`);
    const m = RESTRICTION.exec(t.text);
    if (m) {
      const [, name, op] = m;
      if (op !== ':' && op !== '=') throw unsupported(`the ${op} operator (property restriction on ${name})`);
      let value = m[3];
      let phrase = false;
      if (value === '' && peek() && peek()!.kind === 'phrase') { value = tokens[pos++].text; phrase = true; }
      if (value === '') throw badRequest(`The property restriction ${name}${op} has no value.`);
      if (value.startsWith('(')) throw unsupported(`grouped values in a property restriction (${name}${op}(...))`);
      const prefix = !phrase && value.endsWith('*');
      const body = prefix ? value.slice(0, -1) : value;
      if (!phrase && body.includes('*')) throw unsupported(`a wildcard inside a value ("${value}")`);
      return { kind: 'prop', name: name.toLowerCase(), op: op as ':' | '=', value: body, words: words(body), prefix };
    }
    return term(t.text, false);
  }
  function unary(): KqlNode {
    const t = peek();
    if (isOp(t, 'NOT')) { pos++; return { kind: 'not', item: unary() }; }
    if (t && t.kind === 'word' && t.text.startsWith('-') && t.text.length > 1) {
      tokens[pos] = { kind: 'word', text: t.text.slice(1) };
      return { kind: 'not', item: primary() };
    }
    if (t && t.kind === 'word' && t.text.startsWith('+') && t.text.length > 1) tokens[pos] = { kind: 'word', text: t.text.slice(1) };
    return primary();
  }
  function andExpr(): KqlNode {
    const items = [unary()];
    for (;;) {
      const t = peek();
      if (!t || t.kind === ')' || isOp(t, 'OR')) break;
      if (isOp(t, 'AND')) pos++;
      items.push(unary());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }
  function orExpr(): KqlNode {
    const items = [andExpr()];
    while (isOp(peek(), 'OR')) { pos++; items.push(andExpr()); }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }
  if (tokens.length === 0) throw badRequest('The query text is empty.');
  const root = orExpr();
  if (pos < tokens.length) throw badRequest('The KQL query has an unbalanced parenthesis.');
  return root;
}

// ------------------------------------------------------------------ documents

export interface SearchDoc {
  docId: number;
  path: string;
  /** Managed properties by lower-case name: the name as SharePoint spells it, and the value. */
  props: Map<string, { name: string; value: string | null; type: string }>;
  /** Words of the full-text index. */
  text: string[];
  /** Refinable values (multi-valued properties split), by lower-case name. */
  refinable: Map<string, string[]>;
}

function doc(docId: number, path: string, values: Array<[string, string | null, string]>, fullText: Array<string | null>, refinable: Record<string, string[]>): SearchDoc {
  const props = new Map<string, { name: string; value: string | null; type: string }>();
  for (const [name, value, type] of values) props.set(name.toLowerCase(), { name, value, type });
  const text: string[] = [];
  for (const t of fullText) if (t) text.push(...words(t));
  const r = new Map<string, string[]>();
  for (const [k, v] of Object.entries(refinable)) r.set(k.toLowerCase(), v.filter(Boolean));
  return { docId, path, props, text, refinable: r };
}

interface UserRow {
  id: string; userPrincipalName: string; displayName: string; mail: string | null; jobTitle: string | null;
  department: string | null; officeLocation: string | null; city: string | null; preferredLanguage: string | null;
  accountEnabled: number; userType: string; rowid: number;
}

/**
 * People rows, built once and kept until the database changes (any write: `total_changes()`), so
 * that a directory of 100,000 people answers in tens of milliseconds instead of seconds.
 */
const peopleCache = new WeakMap<object, { key: string; docs: SearchDoc[] }>();

function peopleDocs(ctx: SpCtx): SearchDoc[] {
  const origin = new URL(ctx.siteUrl).origin;
  const changes = (ctx.db.prepare('SELECT total_changes() AS n, (SELECT COUNT(*) FROM users) AS c').get() as { n: number; c: number });
  const key = `${origin}|${changes.n}|${changes.c}`;
  const cached = peopleCache.get(ctx.db);
  if (cached && cached.key === key) return cached.docs;
  const docs = buildPeopleDocs(ctx, origin);
  peopleCache.set(ctx.db, { key, docs });
  return docs;
}

function buildPeopleDocs(ctx: SpCtx, origin: string): SearchDoc[] {
  const rows = ctx.db.prepare(`SELECT rowid, id, userPrincipalName, displayName, mail, jobTitle, department, officeLocation, city,
    preferredLanguage, accountEnabled, userType FROM users ORDER BY rowid`).all() as UserRow[];
  return rows.map(u => {
    const upn = u.userPrincipalName.toLowerCase();
    const account = `i:0#.f|membership|${upn}`;
    const location = u.city || u.officeLocation;
    return doc(u.rowid, `${origin}/person.aspx?accountname=${encodeURIComponent(account)}`, [
      ['AccountName', account, 'Edm.String'],
      ['UserName', upn, 'Edm.String'],
      ['WorkEmail', u.mail || upn, 'Edm.String'],
      ['PreferredName', u.displayName, 'Edm.String'],
      ['JobTitle', u.jobTitle, 'Edm.String'],
      ['Department', u.department, 'Edm.String'],
      ['OfficeNumber', u.officeLocation, 'Edm.String'],
      ['BaseOfficeLocation', location, 'Edm.String'],
      ['PreferredLanguage', u.preferredLanguage, 'Edm.String'],
      ['UserType', u.userType === 'Guest' ? 'Guest' : 'Member', 'Edm.String'],
      ['AccountEnabled', u.accountEnabled === 0 ? 'false' : 'true', 'Edm.Boolean'],
      ['contentclass', 'urn:content-class:SPSPeople', 'Edm.String']
    ], [u.displayName, u.jobTitle, u.department, u.officeLocation, u.city, upn], {
      Department: [u.department || ''], BaseOfficeLocation: [location || ''], PreferredLanguage: [u.preferredLanguage || ''],
      UserType: [u.userType === 'Guest' ? 'Guest' : 'Member'], AccountEnabled: [u.accountEnabled === 0 ? 'false' : 'true']
    });
  });
}

const SUFFIX: Partial<Record<number, [string, string]>> = {
  [FieldType.Text]: ['OWSTEXT', 'Edm.String'],
  [FieldType.Note]: ['OWSMTXT', 'Edm.String'],
  [FieldType.Boolean]: ['OWSBOOL', 'Edm.Boolean'],
  [FieldType.Number]: ['OWSNMBR', 'Edm.Double'],
  [FieldType.Integer]: ['OWSNMBR', 'Edm.Double'],
  [FieldType.DateTime]: ['OWSDATE', 'Edm.DateTime'],
  [FieldType.Choice]: ['OWSCHCS', 'Edm.String']
};

/** How search trims one list's items for the caller. */
export interface ListTrim {
  /** Only the caller's own items (read security 2 without Override List Behaviors). */
  ownOnly: boolean;
  /** Some items have unique permissions: check each one. */
  itemScopes: boolean;
}

/**
 * How search may answer one list's items for the caller, or null when it answers none of them.
 *
 * - A list with NoCrawl is never crawled ("Gets or sets a value that specifies that the crawler must
 *   not crawl the list", SP.List.NoCrawl,
 *   https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee549433(v=office.14)),
 *   so none of its items is in the index, for anyone, site collection admins included. SharePoint
 *   drops them from the index at the next crawl; here they are gone at once (stricter).
 * - Search trims results at query time to what the user may read ("Search in SharePoint performs
 *   query-time security trimming of search results",
 *   https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-use-a-custom-security-trimmer-for-sharepoint-server-search-results;
 *   "Permissions on content also affects whether it appears in search results", "Enable content to
 *   be searchable", https://support.microsoft.com/office/enable-content-to-be-searchable-d7ba92db-8618-43fe-87ee-adf03d973062):
 *   View Items on the list, read security 2 ("Users have Read access only to items that they
 *   create", https://learn.microsoft.com/en-us/sharepoint/dev/schema/readsecurity-element) unless the
 *   caller holds Override List Behaviors ("... change or override settings which allow users to
 *   read/edit only their own items", "User permissions and permission levels in SharePoint Server",
 *   https://learn.microsoft.com/en-us/sharepoint/administration/user-permissions-and-permission-levels),
 *   and View Items on each item with unique permissions.
 *   These are the rules `items.ts` applies to a list query, so search never shows more than REST does.
 */
export function searchTrimOf(ctx: SpCtx, list: ListRow): ListTrim | null {
  if (list.hidden === 1 || noCrawlOf(list)) return null;
  const mask = permissionsOn(ctx.db, ctx.caller, listScope(list.id));
  if (!has(mask, Perm.ViewListItems)) return null;
  return {
    ownOnly: list.readSecurity !== 1 && !has(mask, Perm.OverrideListBehaviors),
    itemScopes: listHasItemScopes(ctx.db, list.id)
  };
}

/** Items of every crawled list the caller may read, security trimmed as the list answers them. */
function itemDocs(ctx: SpCtx): SearchDoc[] {
  const out: SearchDoc[] = [];
  const lists = ctx.db.prepare('SELECT * FROM sp_lists ORDER BY n').all() as ListRow[];
  for (const list of lists) {
    const trim = searchTrimOf(ctx, list);
    if (!trim) continue;
    const { ownOnly, itemScopes } = trim;
    const fields = fieldsOf(ctx.db, list).filter(f => !f.builtin && SUFFIX[f.typeKind]);
    const urlName = list.entityName.replace(/List$/, '');
    const rows = ctx.db.prepare(`SELECT * FROM ${q(itemTable(list))} ${ownOnly ? 'WHERE AuthorId = ?' : ''} ORDER BY ID`)
      .all(...(ownOnly ? [ctx.caller.principal.id] : [])) as Array<Record<string, unknown>>;
    const authors = new Map<number, string>();
    const authorOf = (id: unknown): string | null => {
      if (typeof id !== 'number') return null;
      let v = authors.get(id);
      if (v === undefined) {
        const p = principalById(ctx.db, id);
        const login = p ? p.loginName : '';
        const upn = login.split('|').pop() || '';
        v = p ? `${upn} | ${p.title} | ${login}` : '';
        authors.set(id, v);
      }
      return v || null;
    };
    for (const r of rows) {
      const id = Number(r.ID);
      if (itemScopes && !has(permissionsOn(ctx.db, ctx.caller, itemScope(list.id, id)), Perm.ViewListItems)) continue;
      const values: Array<[string, string | null, string]> = [
        ['Title', r.Title == null ? null : String(r.Title), 'Edm.String'],
        ['ListId', list.id, 'Edm.String'],
        ['ListItemID', String(id), 'Edm.String'],
        ['contentclass', 'STS_ListItem_GenericList', 'Edm.String'],
        ['Author', (authorOf(r.AuthorId) || '').split(' | ')[1] || null, 'Edm.String'],
        ['AuthorOWSUSER', authorOf(r.AuthorId), 'Edm.String'],
        ['Created', String(r.Created), 'Edm.DateTime'],
        ['LastModifiedTime', String(r.Modified), 'Edm.DateTime']
      ];
      const text: Array<string | null> = [r.Title == null ? null : String(r.Title)];
      const refinable: Record<string, string[]> = {};
      for (const f of fields as FieldRow[]) {
        const [suffix, type] = SUFFIX[f.typeKind] as [string, string];
        const raw = r[f.internalName];
        const value = raw === null || raw === undefined ? null : f.typeKind === FieldType.Boolean ? (raw === 1 ? '1' : '0') : String(raw);
        const name = `${f.internalName}${suffix}`;
        values.push([name, value, type]);
        if (value !== null && f.typeKind !== FieldType.Boolean) text.push(value);
        refinable[name] = value === null ? [] : f.typeKind === FieldType.Text ? value.split(';').map(s => s.trim()) : [value];
      }
      out.push(doc(list.n * 1000000 + id, `${ctx.siteUrl.replace(/\/$/, '')}/Lists/${urlName}/DispForm.aspx?ID=${id}`, values, text, refinable));
    }
  }
  return out;
}

// ------------------------------------------------------------------ matching

function containsPhrase(hay: string[], phrase: string[], prefix: boolean): number {
  if (phrase.length === 0) return 0;
  let n = 0;
  for (let i = 0; i + phrase.length <= hay.length; i++) {
    let ok = true;
    for (let k = 0; k < phrase.length && ok; k++) {
      const last = k === phrase.length - 1;
      ok = prefix && last ? hay[i + k].startsWith(phrase[k]) : hay[i + k] === phrase[k];
    }
    if (ok) n++;
  }
  return n;
}

/** Whether a document matches, and how many times its query words occur (the local rank). */
export function evaluate(node: KqlNode, d: SearchDoc, known: Set<string>): number | null {
  switch (node.kind) {
    case 'all': return 0;
    case 'text': {
      if (node.words.length === 0) return 0;
      const n = containsPhrase(d.text, node.words, node.prefix);
      return n > 0 ? n : null;
    }
    case 'prop': {
      if (node.name === 'path') {
        const want = decodeURIComponent(node.value).toLowerCase();
        return decodeURIComponent(d.path).toLowerCase().startsWith(want) ? 0 : null;
      }
      if (!known.has(node.name)) throw badRequest(`The local tenant does not know the managed property '${node.name}' (see docs/local-tenant-sharepoint.md).`);
      const p = d.props.get(node.name);
      if (!p || p.value === null) return null;
      if (p.type === 'Edm.Boolean') {
        const truthy = (v: string): boolean => /^(1|true|yes)$/i.test(v);
        return truthy(p.value) === truthy(node.value) ? 0 : null;
      }
      if (node.op === '=') return words(p.value).join(' ') === node.words.join(' ') ? 0 : null;
      return containsPhrase(words(p.value), node.words, node.prefix) > 0 ? 0 : null;
    }
    case 'not': return evaluate(node.item, d, known) === null ? 0 : null;
    case 'and': {
      let sum = 0;
      for (const item of node.items) {
        const v = evaluate(item, d, known);
        if (v === null) return null;
        sum += v;
      }
      return sum;
    }
    case 'or': {
      let sum: number | null = null;
      for (const item of node.items) {
        const v = evaluate(item, d, known);
        if (v !== null) sum = (sum || 0) + v;
      }
      return sum;
    }
  }
}

// ------------------------------------------------------------------ request and answer

type Arr = string[] | { results: string[] } | undefined | null;
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { results?: unknown }).results) ? (v as { results: unknown[] }).results : []);

export interface SearchRequestBody {
  Querytext?: string;
  SourceId?: string | null;
  SelectProperties?: Arr;
  RowLimit?: number;
  StartRow?: number;
  Refiners?: string;
  RefinementFilters?: Arr;
  SortList?: unknown;
  [other: string]: unknown;
}

/** Hex of the UTF-8 bytes, after "ǂǂ": how SharePoint spells a refinement token for a string. */
export const refinementToken = (value: string): string => `"ǂǂ${Buffer.from(value, 'utf8').toString('hex')}"`;

function cell(ctx: SpCtx, key: string, value: string | null, type: string): Record<string, unknown> {
  const c = { Key: key, Value: value, ValueType: type };
  return ctx.format === 'verbose' ? { __metadata: { type: 'SP.KeyValue' }, ...c } : c;
}
const coll = (ctx: SpCtx, items: unknown[]): unknown => (ctx.format === 'verbose' ? { results: items } : items);

/** POST /_api/search/postquery (the only search endpoint the local tenant answers). */
export function searchResource(ctx: SpCtx, segments: Array<{ name: string; args: string | null }>): TenantResponse {
  const name = segments.map(s => s.name.toLowerCase()).join('/');
  if (name !== 'postquery') throw notSupported(`the search endpoint _api/search/${name || ''} (only POST _api/search/postquery is emulated)`);
  if (ctx.method !== 'POST') throw badRequest('_api/search/postquery answers POST only.');
  const request = (ctx.body.request || ctx.body) as SearchRequestBody;
  const source = String(request.SourceId || LOCAL_SHAREPOINT_RESULTS).toLowerCase();
  if (source !== LOCAL_SHAREPOINT_RESULTS && source !== LOCAL_PEOPLE_RESULTS) throw notSupported(`the result source ${source}`);
  if (arrayOf(request.RefinementFilters).length > 0) throw notSupported('RefinementFilters (use property restrictions in Querytext)');
  if (arrayOf(request.SortList).length > 0) throw notSupported('SortList (results come by the local rank)');
  const text = String(request.Querytext || '').trim();
  const root = parseKql(text);
  const docs = source === LOCAL_PEOPLE_RESULTS ? peopleDocs(ctx) : itemDocs(ctx);
  const known = new Set<string>(['path']);
  // People rows all have the same properties; list items have their list's columns.
  for (const d of source === LOCAL_PEOPLE_RESULTS ? docs.slice(0, 1) : docs) d.props.forEach((_v, k) => known.add(k));
  if (docs.length === 0) {
    // No document to learn the properties from: still accept the ones items always have.
    ['title', 'listid', 'listitemid', 'contentclass', 'author'].forEach(k => known.add(k));
  }
  const matched: Array<{ d: SearchDoc; rank: number }> = [];
  for (const d of docs) {
    const rank = evaluate(root, d, known);
    if (rank !== null) matched.push({ d, rank });
  }
  matched.sort((a, b) => b.rank - a.rank || a.d.docId - b.d.docId);

  const rowLimit = request.RowLimit === undefined || request.RowLimit === null ? DEFAULT_ROW_LIMIT : Number(request.RowLimit);
  const startRow = request.StartRow === undefined || request.StartRow === null ? 0 : Number(request.StartRow);
  if (!Number.isInteger(rowLimit) || rowLimit < 0) throw badRequest(`RowLimit ${String(request.RowLimit)} is not valid.`);
  if (!Number.isInteger(startRow) || startRow < 0) throw badRequest(`StartRow ${String(request.StartRow)} is not valid.`);
  const page = matched.slice(startRow, startRow + Math.min(rowLimit, MAX_ROW_LIMIT));
  const selected = arrayOf(request.SelectProperties).map(String);
  const columns = selected.length ? selected : source === LOCAL_PEOPLE_RESULTS
    ? ['PreferredName', 'JobTitle', 'Department', 'WorkEmail', 'AccountName', 'Path']
    : ['Title', 'Path', 'Author', 'LastModifiedTime'];
  const rows = page.map(({ d, rank }) => {
    const cells = [cell(ctx, 'Rank', String(rank), 'Edm.Double'), cell(ctx, 'DocId', String(d.docId), 'Edm.Int64')];
    for (const c of columns) {
      const lc = c.toLowerCase();
      if (lc === 'rank' || lc === 'docid') continue;
      if (lc === 'path') { cells.push(cell(ctx, c, d.path, 'Edm.String')); continue; }
      const p = d.props.get(lc);
      cells.push(cell(ctx, c, p ? p.value : null, p ? p.type : 'Null'));
    }
    const row = { Cells: coll(ctx, cells) };
    return ctx.format === 'verbose' ? { __metadata: { type: 'SP.SimpleDataRow' }, ...row } : row;
  });

  let refinement: unknown = null;
  const refinerNames = String(request.Refiners || '').split(',').map(s => s.trim()).filter(Boolean);
  if (refinerNames.length) {
    refinement = {
      Refiners: coll(ctx, refinerNames.map(rn => {
        const counts = new Map<string, number>();
        for (const { d } of matched) for (const v of d.refinable.get(rn.toLowerCase()) || []) counts.set(v, (counts.get(v) || 0) + 1);
        if (!known.has(rn.toLowerCase())) throw badRequest(`The local tenant does not know the refiner '${rn}'.`);
        const entries = Array.from(counts.entries()).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .map(([v, n]) => ({ RefinementCount: String(n), RefinementName: v, RefinementToken: refinementToken(v), RefinementValue: v }));
        return { Name: rn, Entries: coll(ctx, entries) };
      }))
    };
  }

  const relevant = {
    GroupTemplateId: null, ItemTemplateId: null, Properties: coll(ctx, []), ResultTitle: null, ResultTitleUrl: null,
    RowCount: rows.length, Table: { Rows: coll(ctx, rows) }, TotalRows: matched.length, TotalRowsIncludingDuplicates: matched.length
  };
  const result = {
    ElapsedTime: 0,
    PrimaryQueryResult: {
      CustomResults: coll(ctx, []), QueryId: '00000000-0000-0000-0000-000000000000', QueryRuleId: '00000000-0000-0000-0000-000000000000',
      RefinementResults: refinement, RelevantResults: relevant, SpecialTermResults: null
    },
    Properties: coll(ctx, []), SecondaryQueryResults: coll(ctx, []), SpellingSuggestion: '', TriggeredRules: coll(ctx, [])
  };
  const body = ctx.format === 'verbose'
    ? { d: { postquery: { __metadata: { type: 'Microsoft.Office.Server.Search.REST.SearchResult' }, ...result } } }
    : ctx.format === 'nometadata' ? result
      : { 'odata.metadata': `${ctx.siteUrl}/_api/$metadata#Microsoft.Office.Server.Search.REST.SearchResult`, ...result };
  return { status: 200, headers: { 'Content-Type': contentTypeFor(ctx.format) }, body };
}
