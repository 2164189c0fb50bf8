/**
 * Tables of the SharePoint emulation (one site, one web).
 *
 * Principals (users, Entra group claims, SharePoint groups) share one id sequence, as they do in
 * SharePoint's User Information List. Each list's items live in their own table (`sp_items_<n>`),
 * with a typed column per field and a real SQLite index per indexed field.
 */
import type { Database } from 'better-sqlite3';
import { ensureFolderTables } from './folders';

/** Fixed ids of the local site (any stable GUIDs will do; SharePoint gives each site its own). */
export const SITE_ID = '5a1e0c7e-1111-4c3b-9d2e-6f00c0ffee01';
export const WEB_ID = '5a1e0c7e-2222-4c3b-9d2e-6f00c0ffee02';
/** The demo tenant's id, as it appears in the "Everyone except external users" claim. */
export const LOCAL_TENANT_ID = '5a1e0c7e-0000-4c3b-9d2e-6f00c0ffee00';
export const WEB_TITLE = 'Intranet';

/**
 * SPBasePermissions bits (low 32 bits / high 32 bits), from "SPBasePermissions enumeration"
 * https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ms412690(v=office.15)
 * and PnPjs packages/sp/security/types.ts (PermissionKind = bit index + 1).
 */
export const Perm = {
  ViewListItems: 0x1,
  AddListItems: 0x2,
  EditListItems: 0x4,
  DeleteListItems: 0x8,
  ApproveItems: 0x10,
  OpenItems: 0x20,
  ViewVersions: 0x40,
  DeleteVersions: 0x80,
  /**
   * CancelCheckout: the permission level editor shows it as "Override List Behaviors" ("Discard or
   * check in a document which is checked out to another user, and change or override settings which
   * allow users to read/edit only their own items"), in Design and Full Control.
   * "User permissions and permission levels in SharePoint Server",
   * https://learn.microsoft.com/en-us/sharepoint/administration/user-permissions-and-permission-levels
   */
  OverrideListBehaviors: 0x100,
  ManagePersonalViews: 0x200,
  ManageLists: 0x800,
  ViewFormPages: 0x1000,
  Open: 0x10000,
  ViewPages: 0x20000,
  AddAndCustomizePages: 0x40000,
  ManageSubwebs: 0x800000,
  CreateGroups: 0x1000000,
  ManagePermissions: 0x2000000,
  BrowseUserInfo: 0x8000000,
  ManageWeb: 0x40000000
} as const;

export interface RoleDefinitionSeed {
  id: number;
  name: string;
  description: string;
  order: number;
  roleTypeKind: number;
  low: number;
  high: number;
}

/**
 * The built-in permission levels of SharePoint Online with the ids and masks SharePoint Online
 * answers on `/_api/web/roledefinitions` (RoleTypeKind per "RoleType enumeration",
 * https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee541233(v=office.15)).
 */
export const BUILTIN_ROLES: RoleDefinitionSeed[] = [
  { id: 1073741829, name: 'Full Control', description: 'Has full control.', order: 1, roleTypeKind: 5, low: 0xffffffff, high: 0x7fffffff },
  { id: 1073741828, name: 'Design', description: 'Can view, add, update, delete, approve, and customize.', order: 32, roleTypeKind: 4, low: 1012866047, high: 432 },
  { id: 1073741830, name: 'Edit', description: 'Can add, edit and delete lists; can view, add, update and delete list items and documents.', order: 48, roleTypeKind: 6, low: 1011030767, high: 432 },
  { id: 1073741827, name: 'Contribute', description: 'Can view, add, update, and delete list items and documents.', order: 64, roleTypeKind: 3, low: 1011028719, high: 432 },
  { id: 1073741826, name: 'Read', description: 'Can view pages and list items and download documents.', order: 128, roleTypeKind: 2, low: 138612833, high: 176 }
];

export function initSharePointSchema(db: Database): void {
  ensureFolderTables(db);
  db.exec(`
    CREATE TABLE IF NOT EXISTS sp_principals (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      principalType INTEGER NOT NULL,          -- 1 user, 4 security group (claim), 8 SharePoint group
      loginName TEXT NOT NULL UNIQUE COLLATE NOCASE,
      title TEXT NOT NULL,
      email TEXT COLLATE NOCASE,
      upn TEXT COLLATE NOCASE,
      directoryId TEXT,                        -- users.id for users, groups.id for Entra group claims
      isSiteAdmin INTEGER NOT NULL DEFAULT 0,
      description TEXT,
      ownerId INTEGER,
      onlyAllowMembersViewMembership INTEGER NOT NULL DEFAULT 1,
      allowMembersEditMembership INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS sp_principals_upn ON sp_principals(upn);
    CREATE INDEX IF NOT EXISTS sp_principals_email ON sp_principals(email);
    CREATE INDEX IF NOT EXISTS sp_principals_dir ON sp_principals(directoryId);
    CREATE UNIQUE INDEX IF NOT EXISTS sp_principals_group_title ON sp_principals(title COLLATE NOCASE) WHERE principalType = 8;
    CREATE TABLE IF NOT EXISTS sp_group_members (
      groupId INTEGER NOT NULL REFERENCES sp_principals(id) ON DELETE CASCADE,
      memberId INTEGER NOT NULL REFERENCES sp_principals(id) ON DELETE CASCADE,
      PRIMARY KEY (groupId, memberId)
    );
    CREATE INDEX IF NOT EXISTS sp_group_members_member ON sp_group_members(memberId);
    CREATE TABLE IF NOT EXISTS sp_role_definitions (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      sortOrder INTEGER NOT NULL DEFAULT 0,
      roleTypeKind INTEGER NOT NULL DEFAULT 0,
      low INTEGER NOT NULL,
      high INTEGER NOT NULL,
      hidden INTEGER NOT NULL DEFAULT 0
    );
    -- scope: 'web', 'list:<guid>' or 'item:<guid>:<id>'
    CREATE TABLE IF NOT EXISTS sp_role_assignments (
      scope TEXT NOT NULL,
      principalId INTEGER NOT NULL REFERENCES sp_principals(id) ON DELETE CASCADE,
      roleDefId INTEGER NOT NULL REFERENCES sp_role_definitions(id) ON DELETE CASCADE,
      PRIMARY KEY (scope, principalId, roleDefId)
    );
    CREATE INDEX IF NOT EXISTS sp_role_assignments_principal ON sp_role_assignments(principalId);
    -- a row here means the scope has unique permissions (inheritance broken)
    CREATE TABLE IF NOT EXISTS sp_unique_scopes (scope TEXT PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS sp_lists (
      n INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE COLLATE NOCASE,
      title TEXT NOT NULL UNIQUE COLLATE NOCASE,
      entityName TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      baseTemplate INTEGER NOT NULL DEFAULT 100,
      readSecurity INTEGER NOT NULL DEFAULT 1,
      writeSecurity INTEGER NOT NULL DEFAULT 1,
      enableVersioning INTEGER NOT NULL DEFAULT 0,
      hidden INTEGER NOT NULL DEFAULT 0,
      extra TEXT NOT NULL DEFAULT '{}',
      created TEXT NOT NULL,
      lastItemModified TEXT NOT NULL
    );
    -- files in the root folder of a document library (./files.ts)
    CREATE TABLE IF NOT EXISTS sp_files (
      listId TEXT NOT NULL COLLATE NOCASE,
      name TEXT NOT NULL COLLATE NOCASE,
      content BLOB NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      created TEXT NOT NULL,
      modified TEXT NOT NULL,
      PRIMARY KEY (listId, name)
    );
    CREATE TABLE IF NOT EXISTS sp_fields (
      listId TEXT NOT NULL COLLATE NOCASE,
      id TEXT NOT NULL,
      internalName TEXT NOT NULL COLLATE NOCASE,
      title TEXT NOT NULL,
      typeKind INTEGER NOT NULL,
      typeAsString TEXT NOT NULL,
      required INTEGER NOT NULL DEFAULT 0,
      indexed INTEGER NOT NULL DEFAULT 0,
      enforceUnique INTEGER NOT NULL DEFAULT 0,
      allowMultiple INTEGER NOT NULL DEFAULT 0,
      builtin INTEGER NOT NULL DEFAULT 0,
      hidden INTEGER NOT NULL DEFAULT 0,
      readOnly INTEGER NOT NULL DEFAULT 0,
      lookupListId TEXT,
      lookupField TEXT,
      choices TEXT,
      maxLength INTEGER,
      defaultValue TEXT,
      description TEXT NOT NULL DEFAULT '',
      extra TEXT NOT NULL DEFAULT '{}',
      position INTEGER NOT NULL,
      PRIMARY KEY (listId, internalName)
    );
    CREATE TABLE IF NOT EXISTS sp_property_bag (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- item versions (see versions.ts): a JSON snapshot of the row per version
    CREATE TABLE IF NOT EXISTS sp_item_versions (
      listId TEXT NOT NULL COLLATE NOCASE,
      itemId INTEGER NOT NULL,
      versionId INTEGER NOT NULL,
      data TEXT NOT NULL,
      created TEXT NOT NULL,
      PRIMARY KEY (listId, itemId, versionId)
    );
  `);
  const insertRole = db.prepare(`INSERT OR IGNORE INTO sp_role_definitions (id, name, description, sortOrder, roleTypeKind, low, high)
    VALUES (@id, @name, @description, @order, @roleTypeKind, @low, @high)`);
  for (const r of BUILTIN_ROLES) insertRole.run(r);
  // The default groups of a communication site ("<Title> Owners/Members/Visitors"), with their levels.
  const defaults: [string, string, number][] = [
    [`${WEB_TITLE} Owners`, 'Use this group to grant people full control permissions to the SharePoint site', 1073741829],
    [`${WEB_TITLE} Members`, 'Use this group to grant people contribute permissions to the SharePoint site', 1073741830],
    [`${WEB_TITLE} Visitors`, 'Use this group to grant people read permissions to the SharePoint site', 1073741826]
  ];
  for (const [title, description, role] of defaults) {
    let row = db.prepare('SELECT id FROM sp_principals WHERE principalType = 8 AND title = ?').get(title) as { id: number } | undefined;
    if (!row) {
      // The default groups of a site let everyone view their membership.
      const info = db.prepare(`INSERT INTO sp_principals (principalType, loginName, title, description, onlyAllowMembersViewMembership)
        VALUES (8, ?, ?, ?, 0)`).run(title, title, description);
      row = { id: Number(info.lastInsertRowid) };
      db.prepare('INSERT OR IGNORE INTO sp_role_assignments (scope, principalId, roleDefId) VALUES (?, ?, ?)').run('web', row.id, role);
    }
  }
  const owners = db.prepare('SELECT id FROM sp_principals WHERE principalType = 8 AND title = ?').get(`${WEB_TITLE} Owners`) as { id: number };
  db.prepare('UPDATE sp_principals SET ownerId = ? WHERE principalType = 8 AND ownerId IS NULL').run(owners.id);
}
