/**
 * Folders in lists, and folder-scoped permissions.
 *
 * A list item lives in the list's root folder or in a folder of the list; a folder is itself a list
 * item (FileSystemObjectType 1, content type Folder 0x0120) whose items inherit its permissions
 * unless they break inheritance: "Permission inheritance" (a folder's items inherit from the
 * folder, the folder from the list), https://learn.microsoft.com/en-us/sharepoint/what-is-permissions-inheritance,
 * and Microsoft's guidance to break inheritance on folders rather than on items, "Plan for
 * fine-grained permissions" / "Customize permissions for a SharePoint list or library",
 * https://support.microsoft.com/office/customize-permissions-for-a-sharepoint-list-or-library-02d770f3-59eb-4910-a608-5f84cc297782.
 *
 * Created, as over SharePoint REST for lists (not libraries), by
 * `POST …/lists(...)/AddValidateUpdateItemUsingPath` with `listItemCreateInfo` { FolderPath
 * (the parent folder's server-relative URL), UnderlyingObjectType 1 and LeafName for a folder,
 * 0 for an item }, and `formValues` [{ FieldName, FieldValue }] as strings. It answers one
 * ListItemFormUpdateValue per field, plus `Id`, with `HasException` and `ErrorMessage` for a value
 * refused ("SP.List.addValidateUpdateItemUsingPath", https://learn.microsoft.com/en-us/openspecs/sharepoint_protocols/ms-csomspt/;
 * "Working with folders and files with REST", https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-folders-and-files-with-rest;
 * PnPjs `IList.addValidateUpdateItemUsingPath`). Microsoft does not document whether a duplicate
 * value of a unique column comes back as a field exception or as an HTTP error: here it is a field
 * exception with SharePoint's duplicate-value code, and callers should handle both.
 *
 * Adding an item to a folder needs Add Items on the folder (its own permissions when it has unique
 * ones), not on the list. Items carry `FileDirRef` (the folder's server-relative URL), `FileRef`
 * and `FileSystemObjectType`; `items` answers the items of every folder (SharePoint REST answers
 * the list recursively) and the folders themselves. Filtering on `FileDirRef` or `FSObjType` and
 * nested folders are not emulated (the folder path must be the root folder or one of its folders).
 */
import type { Database } from 'better-sqlite3';

export function ensureFolderTables(db: Database): void {
  db.exec(`
    -- a folder of a list: its list item and its name under the root folder
    CREATE TABLE IF NOT EXISTS sp_folders (
      listId TEXT NOT NULL COLLATE NOCASE,
      itemId INTEGER NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (listId, itemId)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS sp_folders_name ON sp_folders(listId, name);
    -- the folder an item lives in (no row: the root folder)
    CREATE TABLE IF NOT EXISTS sp_item_folders (
      listId TEXT NOT NULL COLLATE NOCASE,
      itemId INTEGER NOT NULL,
      folderItemId INTEGER NOT NULL,
      PRIMARY KEY (listId, itemId)
    );`);
}

/** The folder item an item lives in, or 0 for the root folder. */
export function folderItemOf(db: Database, listId: string, itemId: number): number {
  const r = db.prepare('SELECT folderItemId FROM sp_item_folders WHERE listId = ? AND itemId = ?').get(listId, itemId) as { folderItemId: number } | undefined;
  return r ? r.folderItemId : 0;
}

export function folderByName(db: Database, listId: string, name: string): number {
  const r = db.prepare('SELECT itemId FROM sp_folders WHERE listId = ? AND name = ?').get(listId, name) as { itemId: number } | undefined;
  return r ? r.itemId : 0;
}

export function folderName(db: Database, listId: string, folderItemId: number): string | null {
  const r = db.prepare('SELECT name FROM sp_folders WHERE listId = ? AND itemId = ?').get(listId, folderItemId) as { name: string } | undefined;
  return r ? r.name : null;
}

export const isFolderItem = (db: Database, listId: string, itemId: number): boolean => folderName(db, listId, itemId) !== null;

export function recordFolder(db: Database, listId: string, itemId: number, name: string): void {
  db.prepare('INSERT INTO sp_folders (listId, itemId, name) VALUES (?, ?, ?)').run(listId, itemId, name);
}

export function placeInFolder(db: Database, listId: string, itemId: number, folderItemId: number): void {
  if (folderItemId) db.prepare('INSERT OR REPLACE INTO sp_item_folders (listId, itemId, folderItemId) VALUES (?, ?, ?)').run(listId, itemId, folderItemId);
}

/** The ids of a folder's items (deleting a folder deletes them, as SharePoint does). */
export function itemsInFolder(db: Database, listId: string, folderItemId: number): number[] {
  return (db.prepare('SELECT itemId FROM sp_item_folders WHERE listId = ? AND folderItemId = ?').all(listId, folderItemId) as { itemId: number }[]).map(r => r.itemId);
}

export function forgetItem(db: Database, listId: string, itemId: number): void {
  db.prepare('DELETE FROM sp_item_folders WHERE listId = ? AND itemId = ?').run(listId, itemId);
  db.prepare('DELETE FROM sp_folders WHERE listId = ? AND itemId = ?').run(listId, itemId);
}
