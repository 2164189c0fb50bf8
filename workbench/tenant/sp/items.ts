/**
 * List items: OData queries translated to parameterised SQL over the list's own table, and
 * create / update / delete with ETags, permissions, read/write security, unique and required fields,
 * and the list view threshold.
 */
import { randomUUID } from 'crypto';
import type { TenantResponse } from '../types';
import { principalById, PrincipalRow } from './admin';
import { collection, entity, noContent, primitive, single, SpCtx, emptyOk } from './context';
import { badRequest, Codes, Messages, notSupported, SpError } from './errors';
import {
  columnOf, FieldRow, FieldType, fieldsOf, findList, isMulti, isoNow, itemCount, itemTable, ListRow, parseUtc, q
} from './lists';
import { CmpOp, FilterExpr, Literal, parseExpand, parseFilter, parseOrderBy, parseSelect, Prop } from './odata';
import { demand, has, itemScope, listHasItemScopes, listScope, permissionsOn } from './security';
import { Perm } from './schema';
import { deleteVersions, snapshotVersion } from './versions';
import { folderByName, folderItemOf, folderName, forgetItem, itemsInFolder, placeInFolder, recordFolder } from './folders';

/**
 * The list view threshold of SharePoint Online (5,000, not configurable there).
 * "Manage large lists and libraries": https://support.microsoft.com/en-us/office/manage-large-lists-and-libraries-b8588dae-9387-48c2-9248-c24122f07c59
 * "Handling Large Folders and Lists": https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee557257(v=office.14)
 * ("Queries on lists consisting of more than 5,000 items that include fields that are not indexed in
 * their query conditions will also fail"), and "SPQueryThrottledException class":
 * https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee570450(v=office.15)
 */
export const LIST_VIEW_THRESHOLD = 5000;
const DEFAULT_TOP = 100;

type Row = Record<string, unknown> & { ID: number; _version: number; AuthorId: number | null };

const READ_ONLY = new Set(['id', 'guid', 'created', 'modified', 'authorid', 'editorid', 'contenttypeid', 'filesystemobjecttype', 'filedirref', 'fileref', 'fileleafref',
  'attachments', 'odata__uiversionstring', 'author', 'editor']);

/** Verbose type name of items (`SP.Data.<Entity>Item`) and its metadata URIs. */
export const itemType = (list: ListRow): string => `SP.Data.${list.entityName}Item`;
const itemUri = (ctx: SpCtx, list: ListRow, id: number): string => `${ctx.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${id})`;
const etagOf = (v: number): string => `"${v}"`;

// ------------------------------------------------------------------ filter → SQL

interface Resolved { field: FieldRow; col: string; sub: string | null }

function resolveProp(fields: FieldRow[], p: Prop, purpose: string): Resolved {
  const [head, ...rest] = p.path;
  const low = head.toLowerCase();
  if (rest.length > 1) throw notSupported(`the nested property path '${p.path.join('/')}' in ${purpose}`);
  let field: FieldRow | undefined;
  let viaId = false;
  if (low === 'id') field = fields.find(f => f.internalName === 'ID');
  if (!field) field = fields.find(f => f.internalName.toLowerCase() === low && f.internalName !== 'ContentTypeId' || false);
  if (!field) {
    field = fields.find(f => (f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup) && columnOf(f).toLowerCase() === low);
    viaId = !!field;
  }
  if (!field) throw new SpError(400, Codes.argument, `The field or property '${head}' does not exist.`);
  const isRef = field.typeKind === FieldType.User || field.typeKind === FieldType.Lookup;
  if (isRef && !viaId) {
    if (rest.length === 0) {
      throw new SpError(400, Codes.argument, `The field '${field.internalName}' of type '${field.typeAsString}' cannot be used in the query filter expression.`);
    }
    const sub = rest[0];
    return { field, col: columnOf(field), sub: /^id$/i.test(sub) ? null : sub };
  }
  if (rest.length) throw new SpError(400, Codes.argument, `The field or property '${p.path.join('/')}' does not exist.`);
  if (field.typeKind === FieldType.Note) {
    // SharePoint refuses multiple lines of text in filters and sorts.
    throw new SpError(400, Codes.argument, purpose === '$filter'
      ? `The field '${field.internalName}' of type 'Note' cannot be used in the query filter expression.`
      : `The field '${field.internalName}' of type 'Note' cannot be used in ${purpose}.`);
  }
  return { field, col: columnOf(field), sub: null };
}

const SQL_OP: Record<CmpOp, string> = { eq: '=', ne: 'IS NOT', lt: '<', le: '<=', gt: '>', ge: '>=' };

function coerce(field: FieldRow, lit: Literal, forSub: boolean): unknown {
  const kind = forSub ? FieldType.Text : field.typeKind;
  const bad = (): SpError => badRequest(`The value ${JSON.stringify(lit.value)} cannot be compared with the field '${field.internalName}' of type '${field.typeAsString}'.`);
  switch (kind) {
    case FieldType.Boolean:
      if (lit.type === 'bool') return lit.value ? 1 : 0;
      if (lit.type === 'number' && (lit.value === 0 || lit.value === 1)) return lit.value;
      if (lit.type === 'string' && /^(0|1|true|false)$/i.test(lit.value)) return /^(1|true)$/i.test(lit.value) ? 1 : 0;
      throw bad();
    case FieldType.Integer: case FieldType.Counter: case FieldType.Number: case FieldType.Currency: case FieldType.User: case FieldType.Lookup:
      if (lit.type === 'number') return lit.value;
      if (lit.type === 'string' && lit.value.trim() !== '' && !isNaN(Number(lit.value))) return Number(lit.value);
      throw bad();
    case FieldType.DateTime: {
      if (lit.type === 'datetime') return lit.value;
      if (lit.type === 'string') {
        const d = parseUtc(lit.value);
        if (!isNaN(d.getTime())) return isoNow(d);
      }
      throw bad();
    }
    default:
      if (lit.type === 'string' || lit.type === 'guid') return lit.value;
      if (lit.type === 'number') return String(lit.value);
      throw bad();
  }
}

const USER_SUBFIELDS: Record<string, string> = {
  title: 'p.title', email: 'p.email', name: 'p.loginName', username: 'p.upn', loginname: 'p.loginName',
  jobtitle: 'u.jobTitle', department: 'u.department', office: 'u.officeLocation', firstname: 'u.givenName', lastname: 'u.surname',
  mobilephone: 'u.mobilePhone', sipaddress: 'p.upn'
};

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, m => `\\${m}`);

interface Sql { sql: string; params: unknown[] }

class FilterCompiler {
  constructor(private ctx: SpCtx, private fields: FieldRow[], private alias: string) {}

  compile(e: FilterExpr): Sql {
    switch (e.k) {
      case 'and': case 'or': {
        const l = this.compile(e.l);
        const r = this.compile(e.r);
        return { sql: `(${l.sql} ${e.k.toUpperCase()} ${r.sql})`, params: [...l.params, ...r.params] };
      }
      case 'not': {
        const x = this.compile(e.e);
        return { sql: `((${x.sql}) IS NOT 1)`, params: x.params };
      }
      case 'boolprop': {
        const r = resolveProp(this.fields, e.prop, '$filter');
        if (r.field.typeKind !== FieldType.Boolean) throw badRequest(`The field '${r.field.internalName}' is not a Boolean and cannot stand alone in $filter.`);
        return { sql: `${this.col(r)} = 1`, params: [] };
      }
      case 'startswith': case 'substringof': {
        const r = resolveProp(this.fields, e.prop, '$filter');
        if (e.lit.type !== 'string') throw badRequest(`${e.k} expects a string value in $filter.`);
        const pattern = e.k === 'startswith' ? `${likeEscape(e.lit.value)}%` : `%${likeEscape(e.lit.value)}%`;
        if (!r.sub && !(r.field.typeKind === FieldType.Text || r.field.typeKind === FieldType.Note || r.field.typeKind === FieldType.Choice)) {
          throw badRequest(`${e.k} cannot be used on the field '${r.field.internalName}' of type '${r.field.typeAsString}'.`);
        }
        return this.wrap(r, (expr) => ({ sql: `${expr} LIKE ? ESCAPE '\\'`, params: [pattern] }));
      }
      case 'cmp': {
        const r = resolveProp(this.fields, e.prop, '$filter');
        if (e.lit.type === 'null') {
          if (e.op !== 'eq' && e.op !== 'ne') throw badRequest(`Only eq and ne can compare with null in $filter.`);
          if (r.sub) return this.wrap(r, (expr) => ({ sql: `${expr} ${e.op === 'eq' ? 'IS NULL' : 'IS NOT NULL'}`, params: [] }));
          return { sql: `${this.col(r)} ${e.op === 'eq' ? 'IS NULL' : 'IS NOT NULL'}`, params: [] };
        }
        if (isMulti(r.field) && (e.op === 'lt' || e.op === 'le' || e.op === 'gt' || e.op === 'ge')) {
          throw badRequest(`The multi-value field '${r.field.internalName}' only supports eq and ne in $filter.`);
        }
        const v = coerce(this.subField(r), e.lit, !!r.sub && r.field.typeKind === FieldType.User);
        return this.wrap(r, (expr) => ({ sql: `${expr} ${SQL_OP[e.op]} ?`, params: [v] }), e.op === 'ne');
      }
    }
  }

  /** The field a comparison value is coerced against (a lookup's projected field, else the field). */
  private subField(r: Resolved): FieldRow {
    if (!r.sub || r.field.typeKind !== FieldType.Lookup) return r.field;
    const target = findList(this.ctx.db, { id: r.field.lookupListId || '' });
    const tf = target && fieldsOf(this.ctx.db, target).find(f => f.internalName.toLowerCase() === r.sub!.toLowerCase());
    return tf || r.field;
  }

  private col(r: Resolved): string {
    return `${this.alias}.${q(r.col)}`;
  }

  /**
   * Applies a predicate on a field's value: directly on a scalar column, through json_each on a
   * multi-value column, and through a subquery on a person's or lookup's projected field.
   */
  private wrap(r: Resolved, pred: (expr: string) => Sql, negated = false): Sql {
    let inner: Sql | null = null;
    if (r.sub) {
      const sub = r.sub.toLowerCase();
      if (r.field.typeKind === FieldType.User) {
        const colExpr = USER_SUBFIELDS[sub];
        if (!colExpr) throw new SpError(400, Codes.argument, `The field or property '${r.sub}' does not exist.`);
        // "ne" on a projected field means "is not one of the matching principals".
        const p = pred(`${colExpr} COLLATE NOCASE`);
        const positive = negated ? { sql: p.sql.replace(/ IS NOT \?$/, ' = ?'), params: p.params } : p;
        inner = { sql: `SELECT p.id FROM sp_principals p LEFT JOIN users u ON u.id = p.directoryId WHERE ${positive.sql}`, params: positive.params };
      } else {
        const target = findList(this.ctx.db, { id: r.field.lookupListId || '' });
        if (!target) throw badRequest(`The lookup list of '${r.field.internalName}' no longer exists.`);
        const tf = fieldsOf(this.ctx.db, target).find(f => f.internalName.toLowerCase() === sub);
        if (!tf || tf.typeKind === FieldType.User || tf.typeKind === FieldType.Lookup || isMulti(tf)) {
          throw new SpError(400, Codes.argument, `The field or property '${r.sub}' does not exist on the lookup list or cannot be used in $filter.`);
        }
        const p = pred(`t.${q(columnOf(tf))}`);
        const positive = negated ? { sql: p.sql.replace(/ IS NOT \?$/, ' = ?'), params: p.params } : p;
        inner = { sql: `SELECT t.ID FROM ${q(itemTable(target))} t WHERE ${positive.sql}`, params: positive.params };
      }
      if (isMulti(r.field)) {
        const s = `EXISTS (SELECT 1 FROM json_each(${this.col(r)}) j WHERE j.value IN (${inner.sql}))`;
        return { sql: negated ? `NOT ${s}` : s, params: inner.params };
      }
      return { sql: `${negated ? `(${this.col(r)} IS NULL OR ${this.col(r)} NOT IN` : `${this.col(r)} IN`} (${inner.sql})${negated ? ')' : ''}`, params: inner.params };
    }
    if (isMulti(r.field)) {
      const p = pred('j.value');
      const positive = negated ? { sql: p.sql.replace(/ IS NOT \?$/, ' = ?'), params: p.params } : p;
      const s = `EXISTS (SELECT 1 FROM json_each(${this.col(r)}) j WHERE ${positive.sql})`;
      return { sql: negated ? `NOT ${s}` : s, params: positive.params };
    }
    return pred(this.col(r));
  }
}

/**
 * The threshold rule as SharePoint documents it: on a list above the threshold, the first clause of
 * the filter must be on an indexed column (an `or` needs every branch indexed) and must by itself
 * narrow the result to at most the threshold; `ne`, `not` and `substringof` cannot use an index.
 * Returns the index-seek part of the filter, or null when none.
 */
function indexedSeek(e: FilterExpr, fields: FieldRow[]): FilterExpr | null {
  switch (e.k) {
    case 'and': {
      // The first clause decides; a second clause on the same indexed column bounds the same seek
      // (a range such as "Due ge X and Due lt Y").
      const l = indexedSeek(e.l, fields);
      if (!l) return null;
      const r = indexedSeek(e.r, fields);
      const lc = seekColumn(l, fields);
      return r && lc !== null && lc === seekColumn(r, fields) ? { k: 'and', l, r } : l;
    }
    case 'or': return indexedSeek(e.l, fields) && indexedSeek(e.r, fields) ? e : null;
    case 'cmp': case 'startswith': {
      if (e.k === 'cmp' && e.op === 'ne') return null;
      const r = resolveProp(fields, e.prop, '$filter');
      return r.field.indexed && !isMulti(r.field) ? e : null;
    }
    default: return null;
  }
}

function seekColumn(e: FilterExpr, fields: FieldRow[]): string | null {
  if (e.k === 'cmp' || e.k === 'startswith') return resolveProp(fields, e.prop, '$filter').col;
  if (e.k === 'and') {
    const l = seekColumn(e.l, fields);
    return l !== null && l === seekColumn(e.r, fields) ? l : null;
  }
  return null;
}

/**
 * The list view lookup threshold: at most 12 person, lookup (and managed metadata) columns in one
 * query, counting Created By and Modified By (SharePoint Online's fixed value of the web application
 * setting "SPWebApplication.MaxQueryLookupFields",
 * https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee556588(v=office.14)).
 * Without $select, every such column of the list counts.
 */
export const LOOKUP_COLUMN_THRESHOLD = 12;

function checkLookupThreshold(fields: FieldRow[], proj: Projection, filter: FilterExpr | null): void {
  const isRef = (f: FieldRow): boolean => f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup;
  const names = new Set<string>();
  const star = !proj.select || proj.select.some(p => p.length === 1 && p[0] === '*');
  if (star) fields.filter(isRef).forEach(f => names.add(f.internalName));
  for (const path of proj.select || []) {
    const low = path[0].toLowerCase();
    const f = fields.find(x => isRef(x) && (x.internalName.toLowerCase() === low || columnOf(x).toLowerCase() === low || `${x.internalName}StringId`.toLowerCase() === low));
    if (f) names.add(f.internalName);
  }
  proj.expand.forEach((_f, name) => names.add(name));
  const walk = (e: FilterExpr): void => {
    switch (e.k) {
      case 'and': case 'or':
        walk(e.l);
        walk(e.r);
        return;
      case 'not':
        walk(e.e);
        return;
      default: {
        const r = resolveProp(fields, e.prop, '$filter');
        if (isRef(r.field)) names.add(r.field.internalName);
      }
    }
  };
  if (filter) walk(filter);
  if (names.size > LOOKUP_COLUMN_THRESHOLD) {
    throw new SpError(500, Codes.throttled,
      'The query cannot be completed because the number of lookup columns it contains exceeds the lookup column threshold enforced by the administrator.');
  }
}

const throttled = (): SpError => new SpError(500, Codes.throttled, Messages.throttled);

// ------------------------------------------------------------------ reading

interface Projection {
  /** null: SharePoint's default property set. */
  select: string[][] | null;
  expand: Map<string, FieldRow>;
}

function projection(ctx: SpCtx, fields: FieldRow[]): Projection {
  const select = parseSelect(ctx.query.get('$select') ?? null);
  const expand = new Map<string, FieldRow>();
  for (const name of parseExpand(ctx.query.get('$expand') ?? null)) {
    const f = fields.find(x => x.internalName.toLowerCase() === name.toLowerCase());
    if (!f) {
      if (/^(fieldvaluesastext|fieldvaluesashtml|attachmentfiles|contenttype|file|folder|parentlist|roleassignments|versions)$/i.test(name)) {
        throw notSupported(`$expand=${name} on list items`);
      }
      throw new SpError(400, Codes.argument, `The field or property '${name}' does not exist.`);
    }
    if (f.typeKind !== FieldType.User && f.typeKind !== FieldType.Lookup) {
      throw new SpError(400, Codes.argument, `The field '${name}' is not a lookup or person field and cannot be expanded.`);
    }
    expand.set(f.internalName, f);
  }
  if (select) {
    for (const path of select) {
      if (path.length > 2) throw notSupported(`the nested $select path '${path.join('/')}'`);
      const head = path[0];
      const low = head.toLowerCase();
      if (head === '*' && path.length === 1) continue;
      if (['id', 'filesystemobjecttype', 'odata__uiversionstring', 'attachments', 'fileref', 'fileleafref', 'filedirref'].includes(low) && path.length === 1) continue;
      const f = fields.find(x => x.internalName.toLowerCase() === low);
      const byId = fields.find(x => (x.typeKind === FieldType.User || x.typeKind === FieldType.Lookup) && (columnOf(x).toLowerCase() === low || `${x.internalName}StringId`.toLowerCase() === low));
      if (!f && !byId) throw new SpError(400, Codes.argument, `The field or property '${head}' does not exist.`);
      if (f && (f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup) && !expand.has(f.internalName)) {
        throw new SpError(400, Codes.spException,
          `The query to field '${path.join('/')}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${f.internalName}.`);
      }
      if (f && path.length === 2 && !(f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup)) {
        throw new SpError(400, Codes.argument, `The field or property '${path.join('/')}' does not exist.`);
      }
    }
  }
  return { select, expand };
}

function outValue(ctx: SpCtx, f: FieldRow, raw: unknown): unknown {
  if (raw === null || raw === undefined) {
    if (isMulti(f)) return ctx.format === 'verbose' ? { __metadata: { type: f.typeKind === FieldType.MultiChoice ? 'Collection(Edm.String)' : 'Collection(Edm.Int32)' }, results: [] } : [];
    return null;
  }
  if (isMulti(f)) {
    const arr = JSON.parse(String(raw)) as unknown[];
    return ctx.format === 'verbose' ? { __metadata: { type: f.typeKind === FieldType.MultiChoice ? 'Collection(Edm.String)' : 'Collection(Edm.Int32)' }, results: arr } : arr;
  }
  if (f.typeKind === FieldType.Boolean) return raw === 1;
  return raw;
}

interface Lookups { principals: Map<number, PrincipalRow & Record<string, unknown>>; targets: Map<string, Map<number, Row>> }

function loadExpansions(ctx: SpCtx, rows: Row[], proj: Projection): Lookups {
  const out: Lookups = { principals: new Map(), targets: new Map() };
  for (const f of proj.expand.values()) {
    const ids = new Set<number>();
    for (const r of rows) {
      const v = r[columnOf(f)];
      if (v === null || v === undefined) continue;
      if (isMulti(f)) (JSON.parse(String(v)) as number[]).forEach(x => ids.add(Number(x)));
      else ids.add(Number(v));
    }
    if (!ids.size) continue;
    const list = [...ids];
    if (f.typeKind === FieldType.User) {
      const ps = ctx.db.prepare(`SELECT p.*, u.givenName, u.surname, u.jobTitle, u.department, u.officeLocation, u.mobilePhone FROM sp_principals p
        LEFT JOIN users u ON u.id = p.directoryId WHERE p.id IN (${list.map(() => '?').join(',')})`).all(...list) as (PrincipalRow & Record<string, unknown>)[];
      ps.forEach(p => out.principals.set(p.id, p));
    } else {
      const target = findList(ctx.db, { id: f.lookupListId || '' });
      if (!target) continue;
      const rs = ctx.db.prepare(`SELECT * FROM ${q(itemTable(target))} WHERE ID IN (${list.map(() => '?').join(',')})`).all(...list) as Row[];
      const m = out.targets.get(f.internalName) || new Map<number, Row>();
      rs.forEach(r => m.set(r.ID, r));
      out.targets.set(f.internalName, m);
    }
  }
  return out;
}

function userProps(p: PrincipalRow & Record<string, unknown>, subs: string[] | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    Id: p.id, Title: p.title, EMail: p.email || '', Name: p.loginName, UserName: p.upn, FirstName: p.givenName ?? null,
    LastName: p.surname ?? null, JobTitle: p.jobTitle ?? null, Department: p.department ?? null, Office: p.officeLocation ?? null,
    MobilePhone: p.mobilePhone ?? null, SipAddress: p.upn
  };
  if (!subs) return { Id: all.Id, Title: all.Title, EMail: all.EMail, Name: all.Name };
  const out: Record<string, unknown> = {};
  for (const s of subs) {
    const k = Object.keys(all).find(x => x.toLowerCase() === s.toLowerCase());
    if (!k) throw new SpError(400, Codes.argument, `The field or property '${s}' does not exist.`);
    out[k] = all[k];
  }
  return out;
}

function expandedValue(ctx: SpCtx, f: FieldRow, raw: unknown, subs: string[] | null, lk: Lookups): unknown {
  const one = (id: number): Record<string, unknown> | null => {
    if (f.typeKind === FieldType.User) {
      const p = lk.principals.get(id);
      if (!p) return null;
      return entity(ctx, { type: 'SP.Data.UserInfoItem', uri: `${ctx.siteUrl}/_api/Web/SiteUserInfoList/Items(${id})` }, userProps(p, subs));
    }
    const target = findList(ctx.db, { id: f.lookupListId || '' });
    const r = lk.targets.get(f.internalName)?.get(id);
    if (!r || !target) return null;
    const tfields = fieldsOf(ctx.db, target);
    const props: Record<string, unknown> = {};
    for (const s of subs || ['Id', f.lookupField || 'Title']) {
      if (/^id$/i.test(s)) {
        props[s === 'ID' ? 'ID' : 'Id'] = r.ID;
        continue;
      }
      const tf = tfields.find(x => x.internalName.toLowerCase() === s.toLowerCase());
      if (!tf || tf.typeKind === FieldType.User || tf.typeKind === FieldType.Lookup) throw new SpError(400, Codes.argument, `The field or property '${s}' does not exist.`);
      props[tf.internalName] = outValue(ctx, tf, r[columnOf(tf)]);
    }
    return entity(ctx, { type: itemType(target), uri: itemUri(ctx, target, id) }, props);
  };
  if (raw === null || raw === undefined) return isMulti(f) ? (ctx.format === 'verbose' ? { results: [] } : []) : null;
  if (isMulti(f)) {
    const arr = (JSON.parse(String(raw)) as number[]).map(x => one(Number(x))).filter(Boolean);
    return ctx.format === 'verbose' ? { results: arr } : arr;
  }
  return one(Number(raw));
}

function shapeItem(ctx: SpCtx, list: ListRow, fields: FieldRow[], proj: Projection, r: Row, lk: Lookups): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  // Where the item lives (./folders.ts): the root folder or one of the list's folders, looked up
  // only when a property asks for it.
  let place: { dirRef: string; leaf: string; fsType: number } | null = null;
  const where = (): { dirRef: string; leaf: string; fsType: number } => {
    if (!place) {
      const root = rootFolderUrl(ctx, list);
      const ownName = folderName(ctx.db, list.id, r.ID);
      const parent = folderItemOf(ctx.db, list.id, r.ID);
      place = { dirRef: parent ? `${root}/${folderName(ctx.db, list.id, parent)}` : root, leaf: ownName ?? `${r.ID}_.000`, fsType: ownName !== null ? 1 : 0 };
    }
    return place;
  };
  const star = !proj.select || proj.select.some(p => p.length === 1 && p[0] === '*');
  if (star) {
    props.FileSystemObjectType = folderName(ctx.db, list.id, r.ID) !== null ? 1 : 0;
    props.Id = r.ID;
    props.ServerRedirectedEmbedUri = null;
    props.ServerRedirectedEmbedUrl = '';
    props.ContentTypeId = r.ContentTypeId;
    props.Title = r.Title ?? null;
    for (const f of fields) {
      if (f.builtin) continue;
      if (f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup) {
        props[columnOf(f)] = outValue(ctx, f, r[columnOf(f)]);
        if (f.typeKind === FieldType.User && !isMulti(f)) props[`${f.internalName}StringId`] = r[columnOf(f)] === null ? null : String(r[columnOf(f)]);
      } else props[f.internalName] = outValue(ctx, f, r[columnOf(f)]);
    }
    props.ID = r.ID;
    props.Modified = r.Modified;
    props.Created = r.Created;
    props.AuthorId = r.AuthorId;
    props.EditorId = r.EditorId;
    props.OData__UIVersionString = `${Math.floor(Number(r._uiVersion) / 512)}.0`;
    props.Attachments = false;
    props.GUID = r.GUID;
  }
  if (!proj.select) {
    for (const f of proj.expand.values()) props[f.internalName] = expandedValue(ctx, f, r[columnOf(f)], null, lk);
  } else {
    const subsByField = new Map<string, string[]>();
    for (const path of proj.select) {
      const low = path[0].toLowerCase();
      if (low === '*') continue;
      if (low === 'id') {
        props.Id = r.ID;
        props.ID = r.ID;
        continue;
      }
      if (low === 'filesystemobjecttype') { props.FileSystemObjectType = where().fsType; continue; }
      if (low === 'filedirref') { props.FileDirRef = where().dirRef; continue; }
      if (low === 'odata__uiversionstring') { props.OData__UIVersionString = `${Math.floor(Number(r._uiVersion) / 512)}.0`; continue; }
      if (low === 'attachments') { props.Attachments = false; continue; }
      if (low === 'fileref') { props.FileRef = `${where().dirRef}/${where().leaf}`; continue; }
      if (low === 'fileleafref') { props.FileLeafRef = where().leaf; continue; }
      const f = fields.find(x => x.internalName.toLowerCase() === low);
      if (f && (f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup)) {
        const subs = subsByField.get(f.internalName) || [];
        if (path[1]) subs.push(path[1]);
        subsByField.set(f.internalName, subs);
        continue;
      }
      if (f) {
        props[f.internalName] = outValue(ctx, f, r[columnOf(f)]);
        continue;
      }
      const ref = fields.find(x => columnOf(x).toLowerCase() === low);
      if (ref) {
        props[columnOf(ref)] = outValue(ctx, ref, r[columnOf(ref)]);
        continue;
      }
      const sref = fields.find(x => `${x.internalName}StringId`.toLowerCase() === low);
      if (sref) props[`${sref.internalName}StringId`] = r[columnOf(sref)] === null ? null : String(r[columnOf(sref)]);
    }
    for (const [name, subs] of subsByField) {
      const f = proj.expand.get(name) as FieldRow;
      props[name] = expandedValue(ctx, f, r[columnOf(f)], subs.length ? subs : null, lk);
    }
  }
  return entity(ctx, { type: itemType(list), uri: itemUri(ctx, list, r.ID), etag: etagOf(r._version), editLink: `Web/Lists(guid'${list.id}')/Items(${r.ID})` }, props);
}

/**
 * Whether the caller may see an item (read security, item-level permissions).
 * ReadSecurity: "1 - All users have Read access to all items. 2 - Users have Read access only to items
 * that they create." ("readsecurity element", https://learn.microsoft.com/en-us/sharepoint/dev/schema/readsecurity-element;
 * WriteSecurity 1/2/4 in "writesecurity element", https://learn.microsoft.com/en-us/sharepoint/dev/schema/writesecurity-element).
 */
function canRead(ctx: SpCtx, list: ListRow, r: Row, listMask: ReturnType<typeof permissionsOn>, itemScopes: boolean): boolean {
  if (list.readSecurity === 2 && !has(listMask, Perm.OverrideListBehaviors) && r.AuthorId !== ctx.caller.principal.id) return false;
  if (itemScopes && !has(permissionsOn(ctx.db, ctx.caller, itemScope(list.id, r.ID)), Perm.ViewListItems)) return false;
  return true;
}

function parseTop(ctx: SpCtx): number {
  const raw = ctx.query.get('$top');
  if (raw === undefined) return DEFAULT_TOP;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`The $top value '${raw}' is not valid.`);
  return n;
}

/** GET …/items: a filtered, ordered, paged query answered from the list's table. */
export function queryItems(ctx: SpCtx, list: ListRow): TenantResponse {
  for (const opt of ['$skip', '$inlinecount', '$count', '$search', '$apply']) {
    if (ctx.query.has(opt)) {
      throw notSupported(`${opt} on list items (SharePoint ignores $skip on items: page with $top and the $skiptoken of odata.nextLink)`);
    }
  }
  const listMask = demand(ctx.db, ctx.caller, listScope(list.id), Perm.ViewListItems);
  const fields = fieldsOf(ctx.db, list);
  const proj = projection(ctx, fields);
  const top = parseTop(ctx);
  const table = q(itemTable(list));
  const where: string[] = [];
  const params: unknown[] = [];
  const compiler = new FilterCompiler(ctx, fields, 't');
  const filterText = ctx.query.get('$filter');
  const filter = filterText ? parseFilter(filterText) : null;
  if (filter) {
    const c = compiler.compile(filter);
    where.push(c.sql);
    params.push(...c.params);
  }
  const orderBy = parseOrderBy(ctx.query.get('$orderby') ?? null).map(o => {
    const r = resolveProp(fields, { k: 'prop', path: o.path }, '$orderby');
    if (r.sub) throw notSupported(`ordering by the projected field '${o.path.join('/')}'`);
    if (isMulti(r.field)) throw badRequest(`The multi-value field '${r.field.internalName}' cannot be used in $orderby.`);
    return { field: r.field, col: r.col, desc: o.desc };
  });

  checkLookupThreshold(fields, proj, filter);
  // Dev-only control for benchmarks: `x-local-force-scan: 1` answers the same query by a full table
  // scan (SQLite NOT INDEXED), without the threshold, to compare against the indexed plan.
  const forceScan = ctx.req.headers['x-local-force-scan'] === '1';
  // The list view threshold.
  const count = itemCount(ctx.db, list);
  // On a large list SharePoint answers through the index of the filter's first clause; the
  // query below is made to do the same (SQLite's planner, without statistics, may prefer another).
  let seekIndex: string | null = null;
  if (count > LIST_VIEW_THRESHOLD && !forceScan) {
    if (top > LIST_VIEW_THRESHOLD) throw throttled();
    if (orderBy.some(o => !o.field.indexed)) throw throttled();
    if (filter) {
      const seek = indexedSeek(filter, fields);
      if (!seek) throw throttled();
      const c = compiler.compile(seek);
      const n = (ctx.db.prepare(`SELECT COUNT(*) AS c FROM (SELECT 1 FROM ${table} t WHERE ${c.sql} LIMIT ${LIST_VIEW_THRESHOLD + 1})`).get(...c.params) as { c: number }).c;
      if (n > LIST_VIEW_THRESHOLD) throw throttled();
      const col = seekColumn(seek, fields);
      if (col !== null && col !== 'ID') seekIndex = `ix_${list.n}_${col}`;
    }
  } else if (top > LIST_VIEW_THRESHOLD) {
    throw badRequest(`The $top value ${top} exceeds the maximum of ${LIST_VIEW_THRESHOLD} items per page.`, Codes.argumentOutOfRange);
  }

  // Read security "read only own items" unless the caller overrides list behaviors.
  if (list.readSecurity === 2 && !has(listMask, Perm.OverrideListBehaviors)) {
    where.push('t.AuthorId = ?');
    params.push(ctx.caller.principal.id);
  }

  // Ordering: the requested fields, then ID (SharePoint's tie-breaker), keyset-paged by $skiptoken.
  const keys = [...orderBy.filter(o => o.col !== 'ID'), { field: fields.find(f => f.internalName === 'ID') as FieldRow, col: 'ID', desc: orderBy.find(o => o.col === 'ID')?.desc ?? false }];
  const token = ctx.query.get('$skiptoken');
  if (token) {
    const tp = new URLSearchParams(token);
    if (/^true$/i.test(tp.get('PagedPrev') || '')) throw notSupported('backwards paging ($skiptoken with PagedPrev=TRUE)');
    const lastId = Number(tp.get('p_ID'));
    if (!Number.isInteger(lastId)) throw badRequest(`The $skiptoken '${token}' is not valid.`);
    const values = keys.map(k => (k.col === 'ID' ? lastId : tokenValue(k.field, tp.get(`p_${k.field.internalName}`))));
    const ors: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const parts: string[] = [];
      for (let j = 0; j < i; j++) {
        parts.push(`t.${q(keys[j].col)} IS ?`);
        params.push(values[j]);
      }
      const k = keys[i];
      const v = values[i];
      if (v === null) parts.push(k.desc ? '0' : `t.${q(k.col)} IS NOT NULL`);
      else {
        parts.push(k.desc ? `(t.${q(k.col)} < ? OR t.${q(k.col)} IS NULL)` : `t.${q(k.col)} > ?`);
        params.push(v);
      }
      ors.push(`(${parts.join(' AND ')})`);
    }
    where.push(`(${ors.join(' OR ')})`);
  }
  const order = keys.map(k => `t.${q(k.col)} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
  const itemScopes = listHasItemScopes(ctx.db, list.id);
  const access = forceScan ? 'NOT INDEXED' : seekIndex ? `INDEXED BY ${q(seekIndex)}` : '';
  const sql = `SELECT t.* FROM ${table} t ${access} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
  let rows = ctx.db.prepare(sql).all(...params, top + 1) as Row[];
  const more = rows.length > top;
  rows = rows.slice(0, top);
  const visible = itemScopes ? rows.filter(r => canRead(ctx, list, r, listMask, true)) : rows;
  const lk = loadExpansions(ctx, visible, proj);
  const shaped = visible.map(r => shapeItem(ctx, list, fields, proj, r, lk));
  let next: string | undefined;
  if (more && rows.length) {
    const last = rows[rows.length - 1];
    const tp = new URLSearchParams();
    tp.set('Paged', 'TRUE');
    for (const k of keys) {
      if (k.col === 'ID') continue;
      const v = last[k.col];
      tp.set(`p_${k.field.internalName}`, v === null || v === undefined ? '' : String(v));
    }
    tp.set('p_ID', String(last.ID));
    const nq = new URLSearchParams();
    nq.set('$skiptoken', tp.toString());
    for (const opt of ['$select', '$filter', '$orderby', '$expand']) {
      const v = ctx.query.get(opt);
      if (v !== undefined) nq.set(opt, v);
    }
    nq.set('$top', String(top));
    next = `${ctx.siteUrl}/_api/web/lists(guid'${list.id}')/items?${nq.toString()}`;
  }
  return collection(ctx, `SP.ListData.${list.entityName}Items`, shaped, next);
}

function tokenValue(f: FieldRow, v: string | null): unknown {
  if (v === null || v === '') return null;
  switch (f.typeKind) {
    case FieldType.Integer: case FieldType.Counter: case FieldType.Number: case FieldType.Currency: case FieldType.User: case FieldType.Lookup: case FieldType.Boolean:
      return Number(v);
    default:
      return v;
  }
}

function loadItem(ctx: SpCtx, list: ListRow, id: number): Row {
  const r = ctx.db.prepare(`SELECT * FROM ${q(itemTable(list))} WHERE ID = ?`).get(id) as Row | undefined;
  if (!r) throw new SpError(404, Codes.itemNotFound, Messages.itemNotFound);
  return r;
}

/**
 * An item the caller cannot see answers as if it did not exist (security trimming): SharePoint
 * never reveals items hidden by read security or item permissions; reading one by id answers the
 * same 404 "Item does not exist..." (-2147024809, System.ArgumentException) as a deleted item.
 */
function visibleItem(ctx: SpCtx, list: ListRow, id: number): { row: Row; mask: ReturnType<typeof permissionsOn> } {
  const listMask = demand(ctx.db, ctx.caller, listScope(list.id), Perm.ViewListItems);
  const row = loadItem(ctx, list, id);
  if (!canRead(ctx, list, row, listMask, true)) throw new SpError(404, Codes.itemNotFound, Messages.itemNotFound);
  return { row, mask: permissionsOn(ctx.db, ctx.caller, itemScope(list.id, id)) };
}

/** 404 unless the item exists and the caller may see it. */
export function assertItemVisible(ctx: SpCtx, list: ListRow, id: number): void {
  visibleItem(ctx, list, id);
}

export function getItem(ctx: SpCtx, list: ListRow, id: number): TenantResponse {
  const { row } = visibleItem(ctx, list, id);
  const fields = fieldsOf(ctx.db, list);
  const proj = projection(ctx, fields);
  checkLookupThreshold(fields, proj, null);
  const lk = loadExpansions(ctx, [row], proj);
  return single(ctx, `SP.ListData.${list.entityName}Items`, shapeItem(ctx, list, fields, proj, row, lk), 200, { ETag: etagOf(row._version) });
}

// ------------------------------------------------------------------ writing

function writeValues(ctx: SpCtx, list: ListRow, fields: FieldRow[], body: Record<string, unknown>): Map<string, { field: FieldRow; value: unknown }> {
  const out = new Map<string, { field: FieldRow; value: unknown }>();
  const typeName = itemType(list);
  for (const [key, value] of Object.entries(body)) {
    // Annotations of JSON light bodies ("Tags@odata.type": "Collection(Edm.String)") and verbose's __metadata.
    if (key === '__metadata' || key.startsWith('odata.') || key.includes('@odata.')) continue;
    const low = key.toLowerCase();
    if (READ_ONLY.has(low)) {
      throw badRequest(`The property '${key}' is read-only on type '${typeName}' and cannot be set through REST.`);
    }
    let field = fields.find(f => !f.builtin && (f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup) &&
      (columnOf(f).toLowerCase() === low || (f.typeKind === FieldType.User && `${f.internalName}StringId`.toLowerCase() === low)));
    if (!field) field = fields.find(f => f.internalName.toLowerCase() === low && f.typeKind !== FieldType.User && f.typeKind !== FieldType.Lookup && (!f.builtin || f.internalName === 'Title'));
    if (!field) {
      throw badRequest(`The property '${key}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type.`);
    }
    out.set(columnOf(field), { field, value: checkValue(ctx, field, value) });
  }
  return out;
}

function edmOf(f: FieldRow): string {
  switch (f.typeKind) {
    case FieldType.Boolean: return 'Edm.Boolean';
    case FieldType.Number: case FieldType.Currency: return 'Edm.Double';
    case FieldType.Integer: case FieldType.User: case FieldType.Lookup: return 'Edm.Int32';
    case FieldType.DateTime: return 'Edm.DateTime';
    default: return 'Edm.String';
  }
}

function checkValue(ctx: SpCtx, f: FieldRow, v: unknown): unknown {
  const wrong = (): SpError => badRequest(`Cannot convert the value ${JSON.stringify(v)} to the expected type '${edmOf(f)}' of the field '${f.internalName}'.`);
  if (v === null || v === undefined) return null;
  if (isMulti(f)) {
    let arr: unknown[];
    if (Array.isArray(v)) arr = v;
    else if (typeof v === 'object' && Array.isArray((v as { results?: unknown[] }).results)) arr = (v as { results: unknown[] }).results;
    else throw wrong();
    if (f.typeKind === FieldType.MultiChoice) return arr.length ? JSON.stringify(arr.map(String)) : null;
    const ids = arr.map(x => Number(x));
    if (ids.some(x => !Number.isInteger(x))) throw wrong();
    if (f.typeKind === FieldType.User) ids.forEach(id => checkPrincipal(ctx, f, id));
    return ids.length ? JSON.stringify(ids) : null;
  }
  switch (f.typeKind) {
    case FieldType.Boolean:
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (v === 0 || v === 1) return v;
      throw wrong();
    case FieldType.Number: case FieldType.Currency: case FieldType.Integer: {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (isNaN(n)) throw wrong();
      return n;
    }
    case FieldType.User: case FieldType.Lookup: {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n)) throw wrong();
      if (n <= 0) return null;
      if (f.typeKind === FieldType.User) checkPrincipal(ctx, f, n);
      return n;
    }
    case FieldType.DateTime: {
      const d = parseUtc(String(v));
      if (typeof v !== 'string' || isNaN(d.getTime())) throw wrong();
      return isoNow(d);
    }
    default: {
      if (typeof v !== 'string' && typeof v !== 'number') throw wrong();
      const s = String(v);
      if (s === '') return null;
      if (f.typeKind === FieldType.Text && f.maxLength && s.length > f.maxLength) {
        throw new SpError(400, Codes.fieldValidation, `The value of the field '${f.internalName}' exceeds its maximum length of ${f.maxLength} characters.`);
      }
      return s;
    }
  }
}

function checkPrincipal(ctx: SpCtx, f: FieldRow, id: number): void {
  if (!principalById(ctx.db, id)) throw badRequest(`The user or group with id ${id} given for the field '${f.internalName}' does not exist on this site.`);
}

function uniqueViolation(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function createItem(ctx: SpCtx, list: ListRow): TenantResponse {
  const fields = fieldsOf(ctx.db, list);
  const id = insertItem(ctx, list, fields, writeValues(ctx, list, fields, ctx.body), 0, null);
  const row = loadItem(ctx, list, id);
  const proj: Projection = { select: null, expand: new Map() };
  return single(ctx, `SP.ListData.${list.entityName}Items`, shapeItem(ctx, list, fields, proj, row, { principals: new Map(), targets: new Map() }), 201, { ETag: etagOf(row._version) });
}

/**
 * Inserts an item (or a folder: `folderName`) into the root folder (0) or a folder, with the
 * permissions of where it goes: Add Items on the folder's scope when it is in a folder.
 */
function insertItem(ctx: SpCtx, list: ListRow, fields: FieldRow[], values: Map<string, { field: FieldRow; value: unknown }>, folderItemId: number, newFolder: string | null): number {
  const mask = demand(ctx.db, ctx.caller, folderItemId ? itemScope(list.id, folderItemId) : listScope(list.id), Perm.AddListItems);
  // WriteSecurity 4 ("None"): nobody creates or edits items, except who overrides list behaviors.
  if (list.writeSecurity === 4 && !has(mask, Perm.OverrideListBehaviors)) throw new SpError(403, Codes.accessDenied, Messages.accessDenied);
  for (const f of fields) {
    const col = columnOf(f);
    if (newFolder !== null) break;
    if (!values.has(col) && f.defaultValue !== null && !f.builtin) {
      const def = f.typeKind === FieldType.Boolean ? f.defaultValue === '1'
        : f.typeKind === FieldType.DateTime && /^\[today\]$/i.test(f.defaultValue) ? isoNow(ctx.now) : f.defaultValue;
      values.set(col, { field: f, value: checkValue(ctx, f, def) });
    }
    // Stricter than REST in SharePoint Online, which leaves required-field checks to forms: a required
    // field left empty is refused here so that the suite never depends on that leniency.
    if (f.required && (!values.has(col) || values.get(col)!.value === null)) {
      throw new SpError(400, Codes.fieldValidation, `The field '${f.title}' (${f.internalName}) is required.`);
    }
  }
  const iso = isoNow(ctx.now);
  const cols = ['GUID', 'AuthorId', 'EditorId', 'Created', 'Modified', ...values.keys()];
  const vals: unknown[] = [randomUUID(), ctx.caller.principal.id, ctx.caller.principal.id, iso, iso, ...[...values.values()].map(v => v.value)];
  if (newFolder !== null) {
    // The Folder content type (0x0120), as SharePoint gives every folder of a list.
    cols.push('ContentTypeId');
    vals.push('0x0120');
  }
  let id: number;
  try {
    const info = ctx.db.prepare(`INSERT INTO ${q(itemTable(list))} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...vals);
    id = Number(info.lastInsertRowid);
  } catch (e) {
    if (uniqueViolation(e)) throw new SpError(500, Codes.duplicateValues, Messages.duplicateValues);
    throw e;
  }
  if (newFolder !== null) recordFolder(ctx.db, list.id, id, newFolder);
  placeInFolder(ctx.db, list.id, id, folderItemId);
  ctx.db.prepare('UPDATE sp_lists SET lastItemModified = ? WHERE n = ?').run(iso, list.n);
  snapshotVersion(ctx.db, list, id);
  return id;
}

/** The list's root folder, server-relative (`/sites/intranet/Lists/<Name>`). */
function rootFolderUrl(ctx: SpCtx, list: ListRow): string {
  return `${new URL(ctx.siteUrl).pathname.replace(/\/$/, '')}/Lists/${list.entityName.replace(/List$/, '')}`;
}

/** The string a form value gives a field (formValues are strings, as in a list form). */
function formValue(f: FieldRow, v: string): unknown {
  if (v === '') return null;
  switch (f.typeKind) {
    case FieldType.Boolean: return /^(1|true|yes|oui)$/i.test(v);
    case FieldType.Number: case FieldType.Currency: case FieldType.Integer: return Number(v);
    default: return v;
  }
}

/**
 * POST …/AddValidateUpdateItemUsingPath: an item or a folder created in the root folder or a folder
 * of the list (./folders.ts). Values refused answer as field exceptions, nothing created.
 */
export function addValidateUpdateItemUsingPath(ctx: SpCtx, list: ListRow): TenantResponse {
  const info = (ctx.body.listItemCreateInfo || {}) as { FolderPath?: { DecodedUrl?: string }; LeafName?: { DecodedUrl?: string }; UnderlyingObjectType?: number };
  const formValues = (Array.isArray(ctx.body.formValues) ? ctx.body.formValues : ((ctx.body.formValues || {}) as { results?: unknown[] }).results || []) as Array<{ FieldName: string; FieldValue: string }>;
  const root = rootFolderUrl(ctx, list);
  const path = String((info.FolderPath && info.FolderPath.DecodedUrl) || root).replace(/\/$/, '');
  let folderItemId = 0;
  if (path.toLowerCase() !== root.toLowerCase()) {
    const rel = path.toLowerCase().startsWith(`${root.toLowerCase()}/`) ? path.slice(root.length + 1) : path;
    if (rel.includes('/')) throw notSupported('nested folders');
    folderItemId = folderByName(ctx.db, list.id, rel);
    if (!folderItemId) throw new SpError(404, Codes.spException, `The folder '${path}' does not exist.`);
    // A folder the caller cannot see does not exist for them.
    if (!has(permissionsOn(ctx.db, ctx.caller, itemScope(list.id, folderItemId)), Perm.ViewListItems)) throw new SpError(404, Codes.spException, `The folder '${path}' does not exist.`);
  }
  const isFolder = Number(info.UnderlyingObjectType || 0) === 1;
  const leaf = info.LeafName && info.LeafName.DecodedUrl ? String(info.LeafName.DecodedUrl) : '';
  if (isFolder && (!leaf || /[/\\:*?"<>|#%]/.test(leaf))) throw badRequest('A folder needs a LeafName without / \\ : * ? " < > | # %.');
  if (isFolder && folderItemId) throw notSupported('nested folders');
  if (isFolder && folderByName(ctx.db, list.id, leaf)) throw new SpError(500, Codes.spException, `A file or folder with the name ${leaf} already exists.`);
  const fields = fieldsOf(ctx.db, list);
  const body: Record<string, unknown> = {};
  const results: Array<Record<string, unknown>> = [];
  let refused = false;
  for (const fv of formValues) {
    const f = fields.find(x => x.internalName.toLowerCase() === String(fv.FieldName).toLowerCase());
    const entry = { ErrorCode: 0, ErrorMessage: null as string | null, FieldName: fv.FieldName, FieldValue: fv.FieldValue, HasException: false, ItemId: 0 };
    if (!f || f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup) {
      Object.assign(entry, { HasException: true, ErrorCode: -2147024809, ErrorMessage: `Column '${fv.FieldName}' does not exist or cannot be set here.` });
      refused = true;
    } else body[f.internalName] = formValue(f, String(fv.FieldValue ?? ''));
    results.push(entry);
  }
  if (isFolder && body.Title === undefined) body.Title = leaf;
  let id = 0;
  if (!refused) {
    try {
      id = insertItem(ctx, list, fields, writeValues(ctx, list, fields, body), folderItemId, isFolder ? leaf : null);
    } catch (e) {
      if (!(e instanceof SpError) || e.status === 403 || e.status === 404) throw e;
      const field = e.code === Codes.duplicateValues
        ? results.find(r => fields.some(f => f.enforceUnique === 1 && f.internalName.toLowerCase() === String(r.FieldName).toLowerCase())) : results[0];
      Object.assign(field || results[0] || {}, { HasException: true, ErrorCode: Number(e.code.split(',')[0]) || -1, ErrorMessage: e.message });
      if (!results.length) throw e;
    }
  }
  if (id) results.push({ ErrorCode: 0, ErrorMessage: null, FieldName: 'Id', FieldValue: String(id), HasException: false, ItemId: id });
  const arr = results.map(r => entity(ctx, { type: 'SP.ListItemFormUpdateValue', uri: '' }, r));
  return collection(ctx, 'Collection(SP.ListItemFormUpdateValue)', arr);
}

function checkEtag(ctx: SpCtx, row: Row): void {
  const raw = ctx.req.headers['if-match'];
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header || header.trim() === '*') return;
  const wanted = header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1').replace(/^\\"(.*)\\"$/, '$1').replace(/"/g, '');
  if (wanted !== String(row._version)) {
    // SharePoint Online: 412 Precondition Failed with SPException -2130575305 (0x81020037).
    throw new SpError(412, Codes.etagMismatch,
      `The request ETag value '${header.trim()}' does not match the object's ETag value '${etagOf(row._version)}'.`);
  }
}

function demandWrite(ctx: SpCtx, list: ListRow, row: Row, mask: ReturnType<typeof permissionsOn>, bit: number): void {
  if (!has(mask, bit)) throw new SpError(403, Codes.accessDenied, Messages.accessDenied);
  // WriteSecurity 2: "Create items and edit items that were created by the user"; 4: no one edits.
  if (list.writeSecurity !== 1 && !has(mask, Perm.OverrideListBehaviors)) {
    if (list.writeSecurity === 4 || row.AuthorId !== ctx.caller.principal.id) throw new SpError(403, Codes.accessDenied, Messages.accessDenied);
  }
}

export function updateItem(ctx: SpCtx, list: ListRow, id: number): TenantResponse {
  const { row, mask } = visibleItem(ctx, list, id);
  demandWrite(ctx, list, row, mask, Perm.EditListItems);
  checkEtag(ctx, row);
  const fields = fieldsOf(ctx.db, list);
  const values = writeValues(ctx, list, fields, ctx.body);
  for (const { field, value } of values.values()) {
    if (field.required && value === null) throw new SpError(400, Codes.fieldValidation, `The field '${field.title}' (${field.internalName}) is required.`);
  }
  const iso = isoNow(ctx.now);
  const sets = [...values.keys()].map(c => `${q(c)} = ?`);
  sets.push('EditorId = ?', 'Modified = ?', '_version = _version + 1', '_uiVersion = _uiVersion + ?');
  const vals = [...[...values.values()].map(v => v.value), ctx.caller.principal.id, iso, list.enableVersioning ? 512 : 0];
  try {
    ctx.db.prepare(`UPDATE ${q(itemTable(list))} SET ${sets.join(', ')} WHERE ID = ? AND _version = ?`).run(...vals, id, row._version);
  } catch (e) {
    if (uniqueViolation(e)) throw new SpError(500, Codes.duplicateValues, Messages.duplicateValues);
    throw e;
  }
  ctx.db.prepare('UPDATE sp_lists SET lastItemModified = ? WHERE n = ?').run(iso, list.n);
  snapshotVersion(ctx.db, list, id);
  return noContent({ ETag: etagOf(row._version + 1) });
}

export function deleteItem(ctx: SpCtx, list: ListRow, id: number, recycle: boolean): TenantResponse {
  const { row, mask } = visibleItem(ctx, list, id);
  demandWrite(ctx, list, row, mask, Perm.DeleteListItems);
  checkEtag(ctx, row);
  // Deleting a folder deletes what it holds (./folders.ts).
  for (const child of itemsInFolder(ctx.db, list.id, id)) {
    ctx.db.prepare(`DELETE FROM ${q(itemTable(list))} WHERE ID = ?`).run(child);
    deleteVersions(ctx.db, list, child);
    forgetItem(ctx.db, list.id, child);
    ctx.db.prepare('DELETE FROM sp_unique_scopes WHERE scope = ?').run(itemScope(list.id, child));
    ctx.db.prepare('DELETE FROM sp_role_assignments WHERE scope = ?').run(itemScope(list.id, child));
  }
  ctx.db.prepare(`DELETE FROM ${q(itemTable(list))} WHERE ID = ?`).run(id);
  forgetItem(ctx.db, list.id, id);
  deleteVersions(ctx.db, list, id);
  ctx.db.prepare('DELETE FROM sp_unique_scopes WHERE scope = ?').run(itemScope(list.id, id));
  ctx.db.prepare('DELETE FROM sp_role_assignments WHERE scope = ?').run(itemScope(list.id, id));
  // No recycle bin is emulated: a recycled item is gone; the answer carries the id SharePoint would.
  if (recycle) return primitive(ctx, 'Recycle', 'Edm.Guid', row.GUID);
  return emptyOk(ctx);
}
