/**
 * Files of a document library, emulated as far as the suite uses them: files in a library's root
 * folder (the library's URL is its title under the site), uploaded whole and read whole.
 *
 * - `POST web/GetFolderByServerRelativeUrl('<folder>')/Files/add(url='<name>',overwrite=true)` with
 *   the file's bytes as the body: "Working with folders and files with REST",
 *   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-folders-and-files-with-rest
 *   ("Create a file", `overwrite` true replaces an existing file, false refuses it). Needs Add Items
 *   on the library, and Edit Items to replace a file.
 * - `GET web/GetFileByServerRelativeUrl('<file>')/$value`: the bytes ("Retrieve a file");
 *   without `/$value`, the SP.File's properties (`Name`, `ServerRelativeUrl`, `Length`,
 *   `TimeLastModified`, `UIVersion`, `ETag`). A file the caller cannot read does not exist for them (404).
 *
 * Not emulated: subfolders, check-out, versions of files, the file's list item, chunked uploads.
 */
import type { TenantResponse } from '../types';
import { SITE_PATH } from '../types';
import { single, entity, SpCtx } from './context';
import { Codes, SpError } from './errors';
import { findList, isoNow, ListRow } from './lists';
import { Perm } from './schema';
import { demand, has, listScope, permissionsOn } from './security';

interface FileRow { listId: string; name: string; content: Buffer; version: number; created: string; modified: string }

const notFound = (): SpError => new SpError(404, Codes.spException, 'File Not Found.');

/** The library whose root folder is `folderUrl` (server-relative, e.g. /sites/intranet/ExpertiseIndex), readable by the caller. */
function libraryAt(ctx: SpCtx, folderUrl: string): ListRow {
  const clean = decodeURIComponent(folderUrl).replace(/\/+$/, '');
  const prefix = `${SITE_PATH}/`;
  if (!clean.toLowerCase().startsWith(prefix)) throw notFound();
  const l = findList(ctx.db, { title: clean.slice(prefix.length) });
  if (!l || l.baseTemplate !== 101 || !has(permissionsOn(ctx.db, ctx.caller, listScope(l.id)), Perm.ViewListItems)) {
    throw new SpError(404, Codes.spException, 'File Not Found.');
  }
  return l;
}

function fileEntity(ctx: SpCtx, l: ListRow, f: FileRow): Record<string, unknown> {
  const url = `${SITE_PATH}/${l.title}/${f.name}`;
  return entity(ctx, { type: 'SP.File', uri: `${ctx.siteUrl}/_api/Web/GetFileByServerRelativePath(decodedurl='${url}')` }, {
    Name: f.name, ServerRelativeUrl: url, Length: String(f.content.length), TimeCreated: f.created, TimeLastModified: f.modified,
    UIVersion: f.version * 512, ETag: `"{${l.id}},${f.version}"`, Exists: true
  });
}

/** `GetFolderByServerRelativeUrl('<folder>')/Files/add(url=...,overwrite=...)`. */
export function folderResource(ctx: SpCtx, folderUrl: string, rest: Array<{ name: string; named: Record<string, unknown> }>): TenantResponse {
  const l = libraryAt(ctx, folderUrl);
  const [files, add] = rest;
  if (!files || files.name !== 'files' || !add || add.name !== 'add' || rest.length !== 2) {
    throw new SpError(501, Codes.notSupported, 'The local tenant emulates only Files/add on a library\'s root folder.');
  }
  if (ctx.method !== 'POST') throw new SpError(405, Codes.invalidOperation, `The HTTP method '${ctx.method}' is not supported on this resource.`);
  const name = String(add.named.url ?? '');
  if (!name || /[/\\]/.test(name)) throw new SpError(400, Codes.argument, 'The file name is not valid.');
  const overwrite = add.named.overwrite === true;
  const existing = ctx.db.prepare('SELECT * FROM sp_files WHERE listId = ? AND name = ?').get(l.id, name) as FileRow | undefined;
  demand(ctx.db, ctx.caller, listScope(l.id), existing ? Perm.EditListItems : Perm.AddListItems);
  const iso = isoNow(ctx.now);
  if (existing) {
    if (!overwrite) throw new SpError(400, Codes.spException, `A file with the name ${SITE_PATH}/${l.title}/${name} already exists.`);
    ctx.db.prepare('UPDATE sp_files SET content = ?, version = version + 1, modified = ? WHERE listId = ? AND name = ?').run(ctx.req.body, iso, l.id, name);
  } else {
    ctx.db.prepare('INSERT INTO sp_files (listId, name, content, version, created, modified) VALUES (?, ?, ?, 1, ?, ?)').run(l.id, name, ctx.req.body, iso, iso);
  }
  const row = ctx.db.prepare('SELECT * FROM sp_files WHERE listId = ? AND name = ?').get(l.id, name) as FileRow;
  return single(ctx, 'SP.ApiData.Files12', fileEntity(ctx, l, row));
}

/** `GetFileByServerRelativeUrl('<file>')` and its `/$value`. */
export function fileResource(ctx: SpCtx, fileUrl: string, rest: Array<{ name: string }>): TenantResponse {
  const clean = decodeURIComponent(fileUrl);
  const at = clean.lastIndexOf('/');
  const l = libraryAt(ctx, clean.slice(0, at));
  const f = ctx.db.prepare('SELECT * FROM sp_files WHERE listId = ? AND name = ?').get(l.id, clean.slice(at + 1)) as FileRow | undefined;
  if (!f) throw notFound();
  if (ctx.method !== 'GET') throw new SpError(405, Codes.invalidOperation, `The HTTP method '${ctx.method}' is not supported on this resource.`);
  if (rest.length === 0) return single(ctx, 'SP.ApiData.Files12', fileEntity(ctx, l, f));
  if (rest.length === 1 && rest[0].name === '$value') {
    return { status: 200, headers: { 'Content-Type': 'application/octet-stream', ETag: `"{${l.id}},${f.version}"` }, body: f.content };
  }
  throw new SpError(501, Codes.notSupported, 'The local tenant emulates a file\'s properties and $value only.');
}
