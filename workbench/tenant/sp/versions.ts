/**
 * Item version history (lists with EnableVersioning): a snapshot of the item after each create and
 * update, read through `items(<id>)/versions` and `versions(<versionId>)` as PnPjs `item.versions` sends it.
 * Version ids are 512 per major version (1.0 = 512, 2.0 = 1024), labels "1.0", "2.0"...; the newest first.
 * "Enable and configure versioning for a list or library",
 * https://support.microsoft.com/office/enable-and-configure-versioning-for-a-list-or-library-1555d642-23ee-446a-990a-bcab618c7a37
 * and "ListItemVersion members" (Created, CreatedBy, FieldValues, IsCurrentVersion, VersionId, VersionLabel),
 * https://learn.microsoft.com/it-it/previous-versions/office/sharepoint-server/mt827805(v=office.15)
 * Person fields of a version answer as `{ LookupId, LookupValue, Email }`, lookups as `{ LookupId, LookupValue }`.
 */
import type { Database } from 'better-sqlite3';
import type { TenantResponse } from '../types';
import { principalById } from './admin';
import { collection, entity, single, SpCtx } from './context';
import { Codes, notSupported, SpError } from './errors';
import { columnOf, FieldRow, FieldType, fieldsOf, findList, isMulti, itemTable, ListRow, q } from './lists';

/** Records the item's current state as a version, when the list keeps versions. */
export function snapshotVersion(db: Database, list: ListRow, itemId: number): void {
  if (!list.enableVersioning) return;
  const row = db.prepare(`SELECT * FROM ${q(itemTable(list))} WHERE ID = ?`).get(itemId) as Record<string, unknown> | undefined;
  if (!row) return;
  db.prepare('INSERT OR REPLACE INTO sp_item_versions (listId, itemId, versionId, data, created) VALUES (?, ?, ?, ?, ?)')
    .run(list.id, itemId, Number(row._uiVersion), JSON.stringify(row), String(row.Modified));
}

export function deleteVersions(db: Database, list: ListRow, itemId: number): void {
  db.prepare('DELETE FROM sp_item_versions WHERE listId = ? AND itemId = ?').run(list.id, itemId);
}

function userValue(db: Database, id: unknown): Record<string, unknown> | null {
  if (id === null || id === undefined) return null;
  const p = principalById(db, Number(id));
  return p ? { LookupId: p.id, LookupValue: p.title, Email: p.email || '' } : { LookupId: Number(id), LookupValue: '', Email: '' };
}

function lookupValue(db: Database, f: FieldRow, id: unknown): Record<string, unknown> | null {
  if (id === null || id === undefined) return null;
  const target = findList(db, { id: f.lookupListId || '' });
  let value = '';
  if (target) {
    const tf = fieldsOf(db, target).find(x => x.internalName === (f.lookupField || 'Title'));
    const r = tf ? db.prepare(`SELECT ${q(columnOf(tf))} AS v FROM ${q(itemTable(target))} WHERE ID = ?`).get(Number(id)) as { v: unknown } | undefined : undefined;
    value = r && r.v !== null && r.v !== undefined ? String(r.v) : '';
  }
  return { LookupId: Number(id), LookupValue: value };
}

function shapeVersion(ctx: SpCtx, list: ListRow, fields: FieldRow[], data: Record<string, unknown>, created: string, current: number): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  const versionId = Number(data._uiVersion);
  props.VersionId = versionId;
  props.VersionLabel = `${Math.floor(versionId / 512)}.0`;
  props.IsCurrentVersion = versionId === current;
  props.ID = data.ID;
  for (const f of fields) {
    if (f.internalName === 'ID' || f.internalName === 'ContentTypeId') continue;
    const raw = data[columnOf(f)];
    if (f.typeKind === FieldType.User) {
      props[f.internalName] = isMulti(f)
        ? (raw ? (JSON.parse(String(raw)) as number[]).map(id => userValue(ctx.db, id)) : [])
        : userValue(ctx.db, raw);
    } else if (f.typeKind === FieldType.Lookup) {
      props[f.internalName] = isMulti(f)
        ? (raw ? (JSON.parse(String(raw)) as number[]).map(id => lookupValue(ctx.db, f, id)) : [])
        : lookupValue(ctx.db, f, raw);
    } else if (isMulti(f)) props[f.internalName] = raw ? JSON.parse(String(raw)) : [];
    else if (f.typeKind === FieldType.Boolean) props[f.internalName] = raw === null || raw === undefined ? null : raw === 1;
    else props[f.internalName] = raw ?? null;
  }
  // A version's Created is the time that version was made, not the item's creation time (which the
  // field loop above copied from the snapshot): "SPListItemVersion.Created: the date and time that the
  // item version was created", https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ms454564(v=office.15)
  // Modified and Editor stay the snapshot's own, i.e. that version's time and author.
  props.Created = created;
  return entity(ctx, { type: 'SP.ListItemVersion', uri: `${ctx.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${data.ID})/Versions(${versionId})` }, props);
}

/** `items(<id>)/versions` and `items(<id>)/versions(<versionId>)` (the item is already known visible). */
export function versionsResource(ctx: SpCtx, list: ListRow, itemId: number, versionArg: number | null): TenantResponse {
  if (ctx.method !== 'GET') throw notSupported(`${ctx.method} on item versions`);
  const current = ctx.db.prepare(`SELECT _uiVersion AS v FROM ${q(itemTable(list))} WHERE ID = ?`).get(itemId) as { v: number };
  const fields = fieldsOf(ctx.db, list);
  const rows = ctx.db.prepare('SELECT data, created, versionId FROM sp_item_versions WHERE listId = ? AND itemId = ? ORDER BY versionId DESC')
    .all(list.id, itemId) as { data: string; created: string; versionId: number }[];
  if (versionArg !== null) {
    const r = rows.find(x => x.versionId === versionArg);
    if (!r) throw new SpError(404, Codes.argument, 'Version does not exist. It may have been deleted by another user.');
    return single(ctx, 'SP.ApiData.ListItemVersions', shapeVersion(ctx, list, fields, JSON.parse(r.data), r.created, current.v));
  }
  return collection(ctx, 'SP.ApiData.ListItemVersions', rows.map(r => shapeVersion(ctx, list, fields, JSON.parse(r.data), r.created, current.v)));
}
