/**
 * Lists and fields: metadata rows in sp_lists / sp_fields, and one SQLite table per list
 * (`sp_items_<n>`) with a typed column per field, a real index per indexed field (ID is the rowid)
 * and a UNIQUE index per field that enforces unique values.
 */
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'crypto';
import { Codes, SpError } from './errors';
import { ensurePrincipal } from './admin';
import { snapshotVersion } from './versions';

export interface ListRow {
  n: number;
  id: string;
  title: string;
  entityName: string;
  description: string;
  baseTemplate: number;
  readSecurity: number;
  writeSecurity: number;
  enableVersioning: number;
  hidden: number;
  extra: string;
  created: string;
  lastItemModified: string;
}

export interface FieldRow {
  listId: string;
  id: string;
  internalName: string;
  title: string;
  typeKind: number;
  typeAsString: string;
  required: number;
  indexed: number;
  enforceUnique: number;
  allowMultiple: number;
  builtin: number;
  hidden: number;
  readOnly: number;
  lookupListId: string | null;
  lookupField: string | null;
  choices: string | null;
  maxLength: number | null;
  defaultValue: string | null;
  description: string;
  extra: string;
  position: number;
}

/** FieldTypeKind values (PnPjs packages/sp/fields/types.ts FieldTypes, SP.FieldType). */
export const FieldType = {
  Integer: 1, Text: 2, Note: 3, DateTime: 4, Counter: 5, Choice: 6, Lookup: 7, Boolean: 8, Number: 9,
  Currency: 10, Guid: 14, MultiChoice: 15, User: 20
} as const;

const TYPE_NAMES: Record<number, string> = {
  1: 'Integer', 2: 'Text', 3: 'Note', 4: 'DateTime', 5: 'Counter', 6: 'Choice', 7: 'Lookup', 8: 'Boolean',
  9: 'Number', 10: 'Currency', 14: 'Guid', 15: 'MultiChoice', 20: 'User', 25: 'ContentTypeId'
};
const XML_TYPES: Record<string, number> = {
  integer: 1, text: 2, note: 3, datetime: 4, choice: 6, lookup: 7, lookupmulti: 7, boolean: 8, number: 9,
  currency: 10, guid: 14, multichoice: 15, user: 20, usermulti: 20
};

export const itemTable = (list: ListRow): string => `sp_items_${list.n}`;

/** The SQL column of a field: `<Name>Id` for person and lookup fields (as SharePoint names them in REST). */
export function columnOf(f: FieldRow): string {
  if (f.internalName === 'ID') return 'ID';
  return f.typeKind === FieldType.User || f.typeKind === FieldType.Lookup ? `${f.internalName}Id` : f.internalName;
}

export const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

export const isMulti = (f: FieldRow): boolean => f.typeKind === FieldType.MultiChoice || f.allowMultiple === 1;
export const isTextual = (f: FieldRow): boolean =>
  f.typeKind === FieldType.Text || f.typeKind === FieldType.Note || f.typeKind === FieldType.Choice || f.typeKind === FieldType.Guid;

/**
 * SharePoint's internal name from a display name: characters other than letters, digits and `_`
 * become `_xHHHH_` (e.g. "Due Date" -> "Due_x0020_Date"), cut to 32 characters.
 * ("Field.InternalName", https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee540785(v=office.15))
 */
export function toInternalName(title: string): string {
  let out = '';
  for (const ch of title) {
    if (/[A-Za-z0-9_]/.test(ch)) out += ch;
    else {
      const code = ch.codePointAt(0) || 0;
      out += `_x${code.toString(16).padStart(4, '0')}_`;
    }
  }
  if (/^[0-9]/.test(out)) out = `_x${out.charCodeAt(0).toString(16).padStart(4, '0')}_${out.slice(1)}`;
  return out.slice(0, 32);
}

/** `SP.Data.<Name>ListItem`: the entity name of a list's items (ListItemEntityTypeFullName). */
export function entityNameFor(title: string): string {
  const enc = toInternalName(title.replace(/\s+/g, ' '));
  return `${enc.charAt(0).toUpperCase()}${enc.slice(1)}List`;
}

export function findList(db: Database, by: { title?: string; id?: string }): ListRow | undefined {
  if (by.id !== undefined) return db.prepare('SELECT * FROM sp_lists WHERE id = ?').get(by.id) as ListRow | undefined;
  return db.prepare('SELECT * FROM sp_lists WHERE title = ?').get(by.title) as ListRow | undefined;
}

export function listFields(db: Database, list: ListRow): FieldRow[] {
  return db.prepare('SELECT * FROM sp_fields WHERE listId = ? ORDER BY position').all(list.id) as FieldRow[];
}

/** Per-list cache of fields (invalidated on every schema change). */
const fieldCache = new WeakMap<Database, Map<string, FieldRow[]>>();
export function fieldsOf(db: Database, list: ListRow): FieldRow[] {
  let m = fieldCache.get(db);
  if (!m) {
    m = new Map();
    fieldCache.set(db, m);
  }
  let f = m.get(list.id);
  if (!f) {
    f = listFields(db, list);
    m.set(list.id, f);
  }
  return f;
}
export function invalidateFields(db: Database, listId: string): void {
  const m = fieldCache.get(db);
  if (m) m.delete(listId);
}

export function findField(fields: FieldRow[], name: string): FieldRow | undefined {
  const lower = name.toLowerCase();
  return fields.find(f => f.internalName.toLowerCase() === lower) || fields.find(f => f.title.toLowerCase() === lower);
}

function sqlType(f: { typeKind: number; allowMultiple: number }): string {
  if (f.allowMultiple || f.typeKind === FieldType.MultiChoice) return 'TEXT';
  switch (f.typeKind) {
    case FieldType.Integer: case FieldType.Counter: case FieldType.Boolean: case FieldType.User: case FieldType.Lookup:
      return 'INTEGER';
    case FieldType.Number: case FieldType.Currency:
      return 'REAL';
    case FieldType.DateTime:
      return 'TEXT';
    default:
      // SharePoint compares text case-insensitively (its SQL collation), so do we.
      return 'TEXT COLLATE NOCASE';
  }
}

export interface ListCreateInfo {
  Title: string;
  Description?: string;
  BaseTemplate?: number;
  ReadSecurity?: number;
  WriteSecurity?: number;
  EnableVersioning?: boolean;
  Hidden?: boolean;
  NoCrawl?: boolean;
}

/**
 * SP.List.NoCrawl: "Gets or sets a value that specifies that the crawler must not crawl the list"
 * (https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee549433(v=office.14);
 * the list setting "Allow items from this list to appear in search results", see "Enable content to
 * be searchable", https://support.microsoft.com/office/enable-content-to-be-searchable-d7ba92db-8618-43fe-87ee-adf03d973062).
 * Kept in the list row's `extra` JSON, so databases created before it need no migration.
 */
export function noCrawlOf(list: ListRow): boolean {
  try {
    return (JSON.parse(list.extra || '{}') as { NoCrawl?: unknown }).NoCrawl === true;
  } catch {
    return false;
  }
}

/** Sets NoCrawl, keeping whatever else the row's `extra` JSON holds. */
export function setNoCrawl(db: Database, list: ListRow, noCrawl: boolean): void {
  db.prepare(`UPDATE sp_lists SET extra = json_set(CASE WHEN json_valid(extra) THEN extra ELSE '{}' END, '$.NoCrawl', json(?)) WHERE n = ?`)
    .run(noCrawl ? 'true' : 'false', list.n);
}

const TITLE_EXISTS = 'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.';

export function createList(db: Database, info: ListCreateInfo, now: Date): ListRow {
  if (!info.Title || typeof info.Title !== 'string') throw new SpError(400, Codes.argument, 'The list title cannot be empty.');
  const template = info.BaseTemplate === undefined ? 100 : Number(info.BaseTemplate);
  // 101: a document library, emulated only as far as files in its root folder go (./files.ts).
  if (template !== 100 && template !== 101) {
    throw new SpError(501, Codes.notSupported, `The local tenant emulates generic lists (BaseTemplate 100) and document libraries (101) only, not BaseTemplate ${template}.`);
  }
  if (findList(db, { title: info.Title })) throw new SpError(500, Codes.spException, TITLE_EXISTS);
  const id = randomUUID();
  const iso = isoNow(now);
  const run = db.transaction(() => {
    const r = db.prepare(`INSERT INTO sp_lists (id, title, entityName, description, baseTemplate, readSecurity, writeSecurity, enableVersioning, hidden, created, lastItemModified)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, info.Title, entityNameFor(info.Title), info.Description || '', template,
      info.ReadSecurity || 1, info.WriteSecurity || 1, info.EnableVersioning ? 1 : 0, info.Hidden ? 1 : 0, iso, iso);
    if (info.NoCrawl) db.prepare(`UPDATE sp_lists SET extra = json_set(extra, '$.NoCrawl', json('true')) WHERE n = ?`).run(r.lastInsertRowid);
    const list = db.prepare('SELECT * FROM sp_lists WHERE n = ?').get(r.lastInsertRowid) as ListRow;
    db.exec(`CREATE TABLE ${q(itemTable(list))} (
      ID INTEGER PRIMARY KEY AUTOINCREMENT,
      GUID TEXT NOT NULL,
      ContentTypeId TEXT NOT NULL DEFAULT '0x0100',
      Title TEXT COLLATE NOCASE,
      AuthorId INTEGER, EditorId INTEGER,
      Created TEXT NOT NULL, Modified TEXT NOT NULL,
      _version INTEGER NOT NULL DEFAULT 1,
      _uiVersion INTEGER NOT NULL DEFAULT 512
    )`);
    const builtins: [string, string, number, number, number][] = [
      // internal name, title, type, readOnly, hidden
      ['ID', 'ID', FieldType.Counter, 1, 0],
      ['Title', 'Title', FieldType.Text, 0, 0],
      ['Created', 'Created', FieldType.DateTime, 1, 0],
      ['Modified', 'Modified', FieldType.DateTime, 1, 0],
      ['Author', 'Created By', FieldType.User, 1, 0],
      ['Editor', 'Modified By', FieldType.User, 1, 0],
      ['GUID', 'GUID', FieldType.Guid, 1, 1],
      ['ContentTypeId', 'Content Type ID', 25, 1, 1]
    ];
    const ins = db.prepare(`INSERT INTO sp_fields (listId, id, internalName, title, typeKind, typeAsString, builtin, readOnly, hidden, indexed, maxLength, position)
      VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`);
    builtins.forEach(([name, title, kind, ro, hidden], i) =>
      ins.run(id, randomUUID(), name, title, kind, TYPE_NAMES[kind], ro, hidden, name === 'ID' ? 1 : 0, name === 'Title' ? 255 : null, i));
    return list;
  });
  const list = run();
  invalidateFields(db, list.id);
  return list;
}

export function deleteList(db: Database, list: ListRow): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${q(itemTable(list))}`);
    db.prepare('DELETE FROM sp_fields WHERE listId = ?').run(list.id);
    db.prepare('DELETE FROM sp_files WHERE listId = ?').run(list.id);
    db.prepare('DELETE FROM sp_lists WHERE n = ?').run(list.n);
    db.prepare('DELETE FROM sp_unique_scopes WHERE scope = ? OR scope LIKE ?').run(`list:${list.id.toLowerCase()}`, `item:${list.id.toLowerCase()}:%`);
    db.prepare('DELETE FROM sp_role_assignments WHERE scope = ? OR scope LIKE ?').run(`list:${list.id.toLowerCase()}`, `item:${list.id.toLowerCase()}:%`);
  })();
  invalidateFields(db, list.id);
}

export interface FieldCreateInfo {
  Title: string;
  InternalName?: string;
  FieldTypeKind: number;
  Required?: boolean;
  Indexed?: boolean;
  EnforceUniqueValues?: boolean;
  AllowMultipleValues?: boolean;
  Choices?: string[] | { results: string[] };
  LookupListId?: string;
  LookupFieldName?: string;
  MaxLength?: number;
  DefaultValue?: string | null;
  Description?: string;
  Hidden?: boolean;
}

const SUPPORTED_KINDS = new Set<number>([1, 2, 3, 4, 6, 7, 8, 9, 10, 14, 15, 20]);

export function createField(db: Database, list: ListRow, info: FieldCreateInfo): FieldRow {
  const kind = Number(info.FieldTypeKind);
  if (!SUPPORTED_KINDS.has(kind)) {
    throw new SpError(501, Codes.notSupported, `The local tenant does not emulate fields of FieldTypeKind ${kind} (${TYPE_NAMES[kind] || 'unknown'}).`);
  }
  if (!info.Title) throw new SpError(400, Codes.argument, 'The field title cannot be empty.');
  const internalName = info.InternalName ? toInternalName(info.InternalName) : toInternalName(info.Title);
  const fields = fieldsOf(db, list);
  const clash = fields.find(f => f.internalName.toLowerCase() === internalName.toLowerCase()
    || columnOf(f).toLowerCase() === internalName.toLowerCase()
    || (kind === FieldType.User || kind === FieldType.Lookup) && columnOf(f).toLowerCase() === `${internalName}Id`.toLowerCase());
  if (clash || /^(_version|_uiversion)$/i.test(internalName)) {
    throw new SpError(500, Codes.spException, `A duplicate field name "${internalName}" was found.`);
  }
  let lookupListId: string | null = null;
  let lookupField: string | null = null;
  if (kind === FieldType.Lookup) {
    const idText = String(info.LookupListId || '').replace(/[{}]/g, '');
    const target = findList(db, { id: idText });
    if (!target) throw new SpError(400, Codes.argument, `The lookup list '${idText}' does not exist.`);
    lookupListId = target.id;
    lookupField = info.LookupFieldName || 'Title';
  }
  const choicesIn = info.Choices ? (Array.isArray(info.Choices) ? info.Choices : info.Choices.results) : null;
  if (info.EnforceUniqueValues && !info.Indexed) throw uniqueNeedsIndex();
  const allowMultiple = kind === FieldType.MultiChoice || ((kind === FieldType.User || kind === FieldType.Lookup) && !!info.AllowMultipleValues) ? 1 : 0;
  if (info.EnforceUniqueValues && allowMultiple) {
    throw new SpError(400, Codes.argument, 'Fields that allow multiple values cannot enforce unique values.');
  }
  const row: FieldRow = {
    listId: list.id, id: randomUUID(), internalName, title: info.Title, typeKind: kind,
    typeAsString: kind === FieldType.User && allowMultiple ? 'UserMulti' : kind === FieldType.Lookup && allowMultiple ? 'LookupMulti' : TYPE_NAMES[kind],
    required: info.Required ? 1 : 0, indexed: info.Indexed ? 1 : 0, enforceUnique: info.EnforceUniqueValues ? 1 : 0,
    allowMultiple, builtin: 0, hidden: info.Hidden ? 1 : 0, readOnly: 0, lookupListId, lookupField,
    choices: choicesIn ? JSON.stringify(choicesIn) : null,
    maxLength: kind === FieldType.Text ? Number(info.MaxLength || 255) : null,
    defaultValue: info.DefaultValue === undefined || info.DefaultValue === null ? null : String(info.DefaultValue),
    description: info.Description || '', extra: '{}', position: fields.length
  };
  db.transaction(() => {
    db.prepare(`INSERT INTO sp_fields (listId, id, internalName, title, typeKind, typeAsString, required, indexed, enforceUnique, allowMultiple,
      builtin, hidden, readOnly, lookupListId, lookupField, choices, maxLength, defaultValue, description, extra, position)
      VALUES (@listId, @id, @internalName, @title, @typeKind, @typeAsString, @required, @indexed, @enforceUnique, @allowMultiple,
      @builtin, @hidden, @readOnly, @lookupListId, @lookupField, @choices, @maxLength, @defaultValue, @description, @extra, @position)`).run(row);
    db.exec(`ALTER TABLE ${q(itemTable(list))} ADD COLUMN ${q(columnOf(row))} ${sqlType(row)}`);
    syncIndexes(db, list, row);
  })();
  invalidateFields(db, list.id);
  return row;
}

/** "You must first index this column to enforce unique values" (Learn: "Enforce unique values in a column"). */
function uniqueNeedsIndex(): SpError {
  return new SpError(400, Codes.spException,
    'The field must be indexed before unique values can be enforced. Set Indexed to true (see "Enforce unique values in a column").');
}

function syncIndexes(db: Database, list: ListRow, f: FieldRow): void {
  const table = itemTable(list);
  const col = columnOf(f);
  const ix = `ix_${list.n}_${col}`;
  const ux = `ux_${list.n}_${col}`;
  if (f.indexed && !isMulti(f)) db.exec(`CREATE INDEX IF NOT EXISTS ${q(ix)} ON ${q(table)} (${q(col)}, ID)`);
  else db.exec(`DROP INDEX IF EXISTS ${q(ix)}`);
  if (f.enforceUnique) {
    try {
      db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${q(ux)} ON ${q(table)} (${q(col)})`);
    } catch {
      throw new SpError(500, Codes.duplicateValues,
        'This column cannot enforce unique values because the list already contains duplicate values in it.');
    }
  } else db.exec(`DROP INDEX IF EXISTS ${q(ux)}`);
}

export interface FieldUpdate {
  Title?: string;
  Description?: string;
  Required?: boolean;
  Indexed?: boolean;
  EnforceUniqueValues?: boolean;
  Hidden?: boolean;
  Choices?: string[] | { results: string[] };
  DefaultValue?: string | null;
  MaxLength?: number;
}

const UPDATABLE = new Set(['title', 'description', 'required', 'indexed', 'enforceuniquevalues', 'hidden', 'choices', 'defaultvalue', 'maxlength', '__metadata', 'fieldtypekind']);

export function updateField(db: Database, list: ListRow, field: FieldRow, props: Record<string, unknown>): void {
  for (const k of Object.keys(props)) {
    if (!UPDATABLE.has(k.toLowerCase())) throw new SpError(501, Codes.notSupported, `The local tenant does not emulate updating the field property '${k}'.`);
  }
  const p = props as FieldUpdate;
  const next: FieldRow = { ...field };
  if (p.Title !== undefined) next.title = String(p.Title);
  if (p.Description !== undefined) next.description = String(p.Description);
  if (p.Required !== undefined) next.required = p.Required ? 1 : 0;
  if (p.Indexed !== undefined) next.indexed = p.Indexed ? 1 : 0;
  if (p.EnforceUniqueValues !== undefined) next.enforceUnique = p.EnforceUniqueValues ? 1 : 0;
  if (p.Hidden !== undefined) next.hidden = p.Hidden ? 1 : 0;
  if (p.MaxLength !== undefined) next.maxLength = Number(p.MaxLength);
  if (p.DefaultValue !== undefined) next.defaultValue = p.DefaultValue === null ? null : String(p.DefaultValue);
  if (p.Choices !== undefined) next.choices = JSON.stringify(Array.isArray(p.Choices) ? p.Choices : p.Choices.results);
  if (field.builtin && (next.enforceUnique !== field.enforceUnique || next.required !== field.required) && field.internalName !== 'Title') {
    throw new SpError(400, Codes.argument, `The built-in field '${field.internalName}' cannot be changed this way.`);
  }
  if (field.internalName === 'ID' && !next.indexed) throw new SpError(400, Codes.argument, 'The ID field is always indexed.');
  if (next.enforceUnique && !next.indexed) throw uniqueNeedsIndex();
  if (next.enforceUnique && isMulti(next)) throw new SpError(400, Codes.argument, 'Fields that allow multiple values cannot enforce unique values.');
  db.transaction(() => {
    db.prepare(`UPDATE sp_fields SET title = ?, description = ?, required = ?, indexed = ?, enforceUnique = ?, hidden = ?, maxLength = ?,
      defaultValue = ?, choices = ? WHERE listId = ? AND internalName = ?`).run(next.title, next.description, next.required, next.indexed,
      next.enforceUnique, next.hidden, next.maxLength, next.defaultValue, next.choices, list.id, field.internalName);
    if (field.internalName !== 'ID') syncIndexes(db, list, next);
  })();
  invalidateFields(db, list.id);
}

export function deleteField(db: Database, list: ListRow, field: FieldRow): void {
  if (field.builtin) throw new SpError(400, Codes.spException, 'You cannot delete a hidden column.');
  db.transaction(() => {
    const col = columnOf(field);
    db.exec(`DROP INDEX IF EXISTS ${q(`ix_${list.n}_${col}`)}`);
    db.exec(`DROP INDEX IF EXISTS ${q(`ux_${list.n}_${col}`)}`);
    db.exec(`ALTER TABLE ${q(itemTable(list))} DROP COLUMN ${q(col)}`);
    db.prepare('DELETE FROM sp_fields WHERE listId = ? AND internalName = ?').run(list.id, field.internalName);
  })();
  invalidateFields(db, list.id);
}

/** Parses the subset of Field schema XML that `createfieldasxml` receives. */
export function fieldFromSchemaXml(db: Database, xml: string): FieldCreateInfo {
  const m = /<Field\b([^>]*?)\/?>/i.exec(xml);
  if (!m) throw new SpError(400, Codes.argument, 'The SchemaXml has no <Field> element.');
  const attrs: Record<string, string> = {};
  const re = /([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let a: RegExpExecArray | null;
  while ((a = re.exec(m[1]))) attrs[a[1].toLowerCase()] = decodeXml(a[3] !== undefined ? a[3] : a[4]);
  const type = (attrs.type || '').toLowerCase();
  const kind = XML_TYPES[type];
  if (!kind) throw new SpError(501, Codes.notSupported, `The local tenant does not emulate fields of Type="${attrs.type}".`);
  const choices: string[] = [];
  const cre = /<CHOICE>([\s\S]*?)<\/CHOICE>/gi;
  let c: RegExpExecArray | null;
  while ((c = cre.exec(xml))) choices.push(decodeXml(c[1]));
  const def = /<Default>([\s\S]*?)<\/Default>/i.exec(xml);
  const yes = (v?: string): boolean => (v || '').toUpperCase() === 'TRUE';
  let lookupListId: string | undefined;
  if (kind === FieldType.Lookup) {
    const ref = (attrs.list || '').replace(/[{}]/g, '');
    const target = findList(db, { id: ref }) || findList(db, { title: ref.replace(/^Lists\//i, '') });
    if (!target) throw new SpError(400, Codes.argument, `The lookup list '${attrs.list}' does not exist.`);
    lookupListId = target.id;
  }
  return {
    Title: attrs.displayname || attrs.name || attrs.staticname,
    InternalName: attrs.name || attrs.staticname,
    FieldTypeKind: kind,
    Required: yes(attrs.required),
    Indexed: yes(attrs.indexed),
    EnforceUniqueValues: yes(attrs.enforceuniquevalues),
    AllowMultipleValues: yes(attrs.mult) || type === 'usermulti' || type === 'lookupmulti',
    Choices: choices.length ? choices : undefined,
    LookupListId: lookupListId,
    LookupFieldName: attrs.showfield,
    MaxLength: attrs.maxlength ? Number(attrs.maxlength) : undefined,
    DefaultValue: def ? decodeXml(def[1]) : undefined,
    Description: attrs.description
  };
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&amp;/g, '&');
}

/**
 * A date-time value as the local tenant reads it: ISO 8601; a value without a zone designator is taken
 * as UTC (the local site's time zone is UTC), so results never depend on the machine's time zone.
 */
export function parseUtc(v: string): Date {
  const s = v.trim();
  return new Date(/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s) ? `${s}Z` : s);
}

export function isoNow(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function itemCount(db: Database, list: ListRow): number {
  return (db.prepare(`SELECT COUNT(*) AS c FROM ${q(itemTable(list))}`).get() as { c: number }).c;
}

// ---- helpers for the seed and tests (no HTTP, no permission checks) ----

export interface SeedListField extends Omit<FieldCreateInfo, 'FieldTypeKind'> {
  FieldTypeKind: number;
}

/** Creates a list with its fields (or returns the existing one), for the seed and tests. */
export function createListForSeed(db: Database, info: ListCreateInfo, fields: SeedListField[] = [], now = new Date()): ListRow {
  const list = findList(db, { title: info.Title }) || createList(db, info, now);
  for (const f of fields) {
    const name = f.InternalName ? toInternalName(f.InternalName) : toInternalName(f.Title);
    if (!findField(fieldsOf(db, list), name)) createField(db, list, f);
  }
  return list;
}

/**
 * Inserts many items in one transaction, straight into the list's table (fast: 100,000 rows in
 * seconds). Values use REST property names (`Title`, `<User>Id`, `<Lookup>Id`, arrays for multi-value
 * fields); `Created`, `Modified`, `AuthorId`, `EditorId` may be given (backdated history). `author`
 * is the default creator's UPN; `editor` the default last editor's (default: the item's author), e.g.
 * the relay job's account for relays it has already processed. Returns the first and last new ids.
 */
export function bulkInsertItems(db: Database, listTitle: string, rows: Record<string, unknown>[], author: string, now = new Date(), editor?: string): { firstId: number; lastId: number } {
  const list = findList(db, { title: listTitle });
  if (!list) throw new SpError(404, Codes.argument, `List '${listTitle}' does not exist.`);
  const authorId = ensurePrincipal(db, author).id;
  const editorId = editor ? ensurePrincipal(db, editor).id : null;
  const fields = fieldsOf(db, list).filter(f => !f.builtin || f.internalName === 'Title');
  const cols = ['GUID', 'Title', 'AuthorId', 'EditorId', 'Created', 'Modified', ...fields.filter(f => f.internalName !== 'Title').map(columnOf)];
  const stmt = db.prepare(`INSERT INTO ${q(itemTable(list))} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const iso = isoNow(now);
  let firstId = 0;
  let lastId = 0;
  db.transaction(() => {
    for (const r of rows) {
      const values: unknown[] = [randomUUID(), r.Title === undefined ? null : r.Title, r.AuthorId ?? authorId, r.EditorId ?? editorId ?? r.AuthorId ?? authorId,
        r.Created ? isoNow(parseUtc(String(r.Created))) : iso, r.Modified ? isoNow(parseUtc(String(r.Modified))) : r.Created ? isoNow(parseUtc(String(r.Created))) : iso];
      for (const f of fields) {
        if (f.internalName === 'Title') continue;
        const v = r[columnOf(f)] ?? r[f.internalName];
        values.push(toStored(f, v));
      }
      const info = stmt.run(...values);
      lastId = Number(info.lastInsertRowid);
      if (!firstId) firstId = lastId;
      if (list.enableVersioning) snapshotVersion(db, list, lastId);
    }
    db.prepare('UPDATE sp_lists SET lastItemModified = ? WHERE n = ?').run(iso, list.n);
  })();
  return { firstId, lastId };
}

/** A REST value to its SQL column value (no validation; see items.ts for the checked path). */
export function toStored(f: FieldRow, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (isMulti(f)) {
    const arr = Array.isArray(v) ? v : (typeof v === 'object' && v && Array.isArray((v as { results?: unknown[] }).results)) ? (v as { results: unknown[] }).results : [v];
    return JSON.stringify(arr);
  }
  switch (f.typeKind) {
    case FieldType.Boolean: return v === true || v === 1 || v === '1' || v === 'true' ? 1 : 0;
    case FieldType.DateTime: return isoNow(parseUtc(String(v)));
    case FieldType.Number: case FieldType.Currency: case FieldType.Integer: case FieldType.User: case FieldType.Lookup: return Number(v);
    default: return String(v);
  }
}
