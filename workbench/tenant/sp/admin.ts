/**
 * Admin API of the SharePoint emulation, for the seed and provisioning (no HTTP, no permission checks).
 *
 * Claims follow SharePoint Online's formats:
 * - a user: `i:0#.f|membership|<upn>`
 * - an Entra (security or Microsoft 365) group: `c:0t.c|tenant|<groupId>`
 * - "Everyone except external users": `c:0-.f|rolemanager|spo-grid-all-users/<tenantId>`
 * ("SharePoint claims encoding", https://learn.microsoft.com/en-us/sharepoint/security-for-sharepoint-server/claims-based-identity-in-sharepoint
 * and "Everyone except external users" in https://learn.microsoft.com/en-us/sharepoint/modern-experience-sharing-permissions)
 */
import type { Database } from 'better-sqlite3';
import { findUserByUpn } from '../db';
import { Codes, SpError } from './errors';
import { BUILTIN_ROLES, LOCAL_TENANT_ID, WEB_TITLE } from './schema';
import { folderItemOf } from './folders';

export { LOCAL_TENANT_ID };
export { bulkInsertItems, createListForSeed } from './lists';

/** An SP.User as `/_api/web/siteusers` answers it (also used for claims, PrincipalType 4). */
export interface SiteUser {
  Id: number;
  IsHiddenInUI: boolean;
  LoginName: string;
  Title: string;
  PrincipalType: number;
  Email: string;
  Expiration: string;
  IsEmailAuthenticationGuestUser: boolean;
  IsShareByEmailGuestUser: boolean;
  IsSiteAdmin: boolean;
  UserId: { NameId: string; NameIdIssuer: string } | null;
  UserPrincipalName: string | null;
}

/** An SP.Group as `/_api/web/sitegroups` answers it. */
export interface SiteGroup {
  Id: number;
  IsHiddenInUI: boolean;
  LoginName: string;
  Title: string;
  PrincipalType: number;
  AllowMembersEditMembership: boolean;
  AllowRequestToJoinLeave: boolean;
  AutoAcceptRequestToJoinLeave: boolean;
  Description: string | null;
  OnlyAllowMembersViewMembership: boolean;
  OwnerTitle: string | null;
  RequestToJoinLeaveEmailSetting: string | null;
}

export interface PrincipalRow {
  id: number;
  principalType: number;
  loginName: string;
  title: string;
  email: string | null;
  upn: string | null;
  directoryId: string | null;
  isSiteAdmin: number;
  description: string | null;
  ownerId: number | null;
  onlyAllowMembersViewMembership: number;
  allowMembersEditMembership: number;
}

export const USER_CLAIM_PREFIX = 'i:0#.f|membership|';
export const GROUP_CLAIM_PREFIX = 'c:0t.c|tenant|';
export const EVERYONE_EXCEPT_EXTERNAL_PREFIX = 'c:0-.f|rolemanager|spo-grid-all-users/';

export const userClaim = (upn: string): string => `${USER_CLAIM_PREFIX}${upn.toLowerCase()}`;
export const entraGroupClaim = (groupId: string): string => `${GROUP_CLAIM_PREFIX}${groupId}`;
export const everyoneExceptExternalUsersClaim = (): string => `${EVERYONE_EXCEPT_EXTERNAL_PREFIX}${LOCAL_TENANT_ID}`;

export const ROLE_NAMES = BUILTIN_ROLES.map(r => r.name);

export function toSiteUser(p: PrincipalRow): SiteUser {
  return {
    Id: p.id,
    IsHiddenInUI: false,
    LoginName: p.loginName,
    Title: p.title,
    PrincipalType: p.principalType,
    Email: p.email || '',
    Expiration: '',
    IsEmailAuthenticationGuestUser: false,
    IsShareByEmailGuestUser: false,
    IsSiteAdmin: p.isSiteAdmin === 1,
    UserId: p.principalType === 1 && p.directoryId
      ? { NameId: p.directoryId.replace(/-/g, '').slice(0, 16), NameIdIssuer: 'urn:federation:microsoftonline' }
      : null,
    UserPrincipalName: p.upn
  };
}

export function toSiteGroup(db: Database, p: PrincipalRow): SiteGroup {
  const owner = p.ownerId ? (db.prepare('SELECT title FROM sp_principals WHERE id = ?').get(p.ownerId) as { title: string } | undefined) : undefined;
  return {
    Id: p.id,
    IsHiddenInUI: false,
    LoginName: p.title,
    Title: p.title,
    PrincipalType: 8,
    AllowMembersEditMembership: p.allowMembersEditMembership === 1,
    AllowRequestToJoinLeave: false,
    AutoAcceptRequestToJoinLeave: false,
    Description: p.description,
    OnlyAllowMembersViewMembership: p.onlyAllowMembersViewMembership === 1,
    OwnerTitle: owner ? owner.title : null,
    RequestToJoinLeaveEmailSetting: null
  };
}

export function principalById(db: Database, id: number): PrincipalRow | undefined {
  return db.prepare('SELECT * FROM sp_principals WHERE id = ?').get(id) as PrincipalRow | undefined;
}

/** The site principal of a login name, UPN or mail, creating it from the directory (like ensureuser). */
export function ensurePrincipal(db: Database, login: string): PrincipalRow {
  const raw = login.trim();
  const existing = db.prepare('SELECT * FROM sp_principals WHERE loginName = ? AND principalType <> 8').get(raw) as PrincipalRow | undefined;
  if (existing) return existing;
  if (raw.toLowerCase().startsWith(GROUP_CLAIM_PREFIX)) {
    const groupId = raw.slice(GROUP_CLAIM_PREFIX.length);
    const g = db.prepare('SELECT id, displayName, mailNickname FROM groups WHERE id = ?').get(groupId) as { id: string; displayName: string; mailNickname: string } | undefined;
    if (!g) throw new SpError(500, Codes.spException, `The specified user ${raw} could not be found.`);
    const info = db.prepare(`INSERT INTO sp_principals (principalType, loginName, title, directoryId) VALUES (4, ?, ?, ?)`)
      .run(entraGroupClaim(g.id), g.displayName, g.id);
    return principalById(db, Number(info.lastInsertRowid)) as PrincipalRow;
  }
  if (raw.toLowerCase().startsWith(EVERYONE_EXCEPT_EXTERNAL_PREFIX)) {
    if (raw.slice(EVERYONE_EXCEPT_EXTERNAL_PREFIX.length).toLowerCase() !== LOCAL_TENANT_ID) {
      throw new SpError(500, Codes.spException, `The specified user ${raw} could not be found.`);
    }
    const info = db.prepare(`INSERT INTO sp_principals (principalType, loginName, title) VALUES (4, ?, 'Everyone except external users')`)
      .run(everyoneExceptExternalUsersClaim());
    return principalById(db, Number(info.lastInsertRowid)) as PrincipalRow;
  }
  let upn = raw;
  if (upn.toLowerCase().startsWith(USER_CLAIM_PREFIX)) upn = upn.slice(USER_CLAIM_PREFIX.length);
  else if (upn.includes('|')) throw new SpError(500, Codes.spException, `The specified user ${raw} could not be found.`);
  let user = findUserByUpn(db, upn);
  if (!user) {
    const byMail = db.prepare('SELECT userPrincipalName FROM users WHERE mail = ?').get(upn) as { userPrincipalName: string } | undefined;
    if (byMail) user = findUserByUpn(db, byMail.userPrincipalName);
  }
  if (!user) throw new SpError(500, Codes.spException, `The specified user ${raw} could not be found.`);
  const claim = userClaim(user.userPrincipalName);
  const row = db.prepare('SELECT * FROM sp_principals WHERE loginName = ?').get(claim) as PrincipalRow | undefined;
  if (row) return row;
  const info = db.prepare(`INSERT INTO sp_principals (principalType, loginName, title, email, upn, directoryId) VALUES (1, ?, ?, ?, ?, ?)`)
    .run(claim, user.displayName, user.mail || user.userPrincipalName, user.userPrincipalName, user.id);
  return principalById(db, Number(info.lastInsertRowid)) as PrincipalRow;
}

/** Like `/_api/web/ensureuser`: the site user of a UPN (or claim), added to the site on first use. */
export function ensureSiteUser(db: Database, upn: string): SiteUser {
  return toSiteUser(ensurePrincipal(db, upn));
}

export interface SiteGroupOptions {
  description?: string;
  /** Title of the owning group or login of the owning user (defaults to the site's Owners group). */
  owner?: string;
  onlyAllowMembersViewMembership?: boolean;
}

/** A SharePoint site group, created if missing. */
export function ensureSiteGroup(db: Database, title: string, opts: SiteGroupOptions = {}): SiteGroup {
  let row = findSiteGroup(db, title);
  if (!row) {
    const ownerTitle = opts.owner || `${WEB_TITLE} Owners`;
    const owner = db.prepare('SELECT id FROM sp_principals WHERE (principalType = 8 AND title = ?) OR loginName = ?').get(ownerTitle, ownerTitle) as { id: number } | undefined;
    const info = db.prepare(`INSERT INTO sp_principals (principalType, loginName, title, description, ownerId, onlyAllowMembersViewMembership)
      VALUES (8, ?, ?, ?, ?, ?)`).run(title, title, opts.description || null, owner ? owner.id : null, opts.onlyAllowMembersViewMembership === false ? 0 : 1);
    row = principalById(db, Number(info.lastInsertRowid)) as PrincipalRow;
  } else if (opts.description !== undefined) {
    db.prepare('UPDATE sp_principals SET description = ? WHERE id = ?').run(opts.description, row.id);
    row = principalById(db, row.id) as PrincipalRow;
  }
  return toSiteGroup(db, row);
}

export function findSiteGroup(db: Database, title: string): PrincipalRow | undefined {
  return db.prepare('SELECT * FROM sp_principals WHERE principalType = 8 AND title = ?').get(title) as PrincipalRow | undefined;
}

/** Adds a user (UPN or `i:0#.f|membership|` login) or an Entra group / everyone claim to a site group. */
export function addGroupMember(db: Database, groupTitle: string, loginName: string): void {
  const group = findSiteGroup(db, groupTitle);
  if (!group) throw new SpError(404, Codes.spException, `Group cannot be found.`);
  const member = ensurePrincipal(db, loginName);
  db.prepare('INSERT OR IGNORE INTO sp_group_members (groupId, memberId) VALUES (?, ?)').run(group.id, member.id);
}

export function removeGroupMember(db: Database, groupTitle: string, loginName: string): void {
  const group = findSiteGroup(db, groupTitle);
  if (!group) throw new SpError(404, Codes.spException, `Group cannot be found.`);
  const member = ensurePrincipal(db, loginName);
  db.prepare('DELETE FROM sp_group_members WHERE groupId = ? AND memberId = ?').run(group.id, member.id);
}

export function roleDefinitionByName(db: Database, roleName: string): { id: number; name: string } {
  const role = db.prepare('SELECT id, name FROM sp_role_definitions WHERE name = ?').get(roleName) as { id: number; name: string } | undefined;
  if (!role) throw new SpError(404, Codes.spException, `Permission level '${roleName}' cannot be found.`);
  return role;
}

/**
 * Gives a principal (site user, claim or site group, by id) a permission level on the web, or on a list
 * when `listTitle` is given (the list must have unique permissions; see breakListInheritance).
 */
export function grantSiteRole(db: Database, principalId: number, roleName: string, listTitle?: string): void {
  if (!principalById(db, principalId)) throw new SpError(404, Codes.spException, `Principal ${principalId} cannot be found.`);
  const role = roleDefinitionByName(db, roleName);
  let scope = 'web';
  if (listTitle) {
    const list = db.prepare('SELECT id FROM sp_lists WHERE title = ?').get(listTitle) as { id: string } | undefined;
    if (!list) throw new SpError(404, Codes.argument, `List '${listTitle}' does not exist.`);
    scope = `list:${list.id.toLowerCase()}`;
    breakInheritance(db, scope, true);
  }
  db.prepare('INSERT OR IGNORE INTO sp_role_assignments (scope, principalId, roleDefId) VALUES (?, ?, ?)').run(scope, principalId, role.id);
}

/** Adds a custom permission level (e.g. "Read all items": Read plus Override List Behaviors). */
export function ensureRoleDefinition(db: Database, name: string, low: number, high: number, description = ''): number {
  const row = db.prepare('SELECT id FROM sp_role_definitions WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) {
    db.prepare('UPDATE sp_role_definitions SET low = ?, high = ?, description = ? WHERE id = ?').run(low >>> 0, high >>> 0, description, row.id);
    return row.id;
  }
  const max = db.prepare('SELECT MAX(id) AS m FROM sp_role_definitions').get() as { m: number };
  const id = Math.max(max.m + 1, 1073741924);
  db.prepare(`INSERT INTO sp_role_definitions (id, name, description, sortOrder, roleTypeKind, low, high) VALUES (?, ?, ?, 160, 0, ?, ?)`)
    .run(id, name, description, low >>> 0, high >>> 0);
  return id;
}

/** Breaks inheritance of a scope ('list:<guid>' or 'item:<guid>:<id>'), copying the parent's assignments when asked. */
export function breakInheritance(db: Database, scope: string, copy: boolean, clearSubscopes = false): void {
  const already = db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope = ?').get(scope);
  if (already) return;
  const parent = effectiveScopeOfParent(db, scope);
  db.prepare('INSERT INTO sp_unique_scopes (scope) VALUES (?)').run(scope);
  if (copy) {
    db.prepare(`INSERT OR IGNORE INTO sp_role_assignments (scope, principalId, roleDefId)
      SELECT ?, principalId, roleDefId FROM sp_role_assignments WHERE scope = ?`).run(scope, parent);
  }
  if (clearSubscopes && scope.startsWith('list:')) {
    const like = `item:${scope.slice(5)}:%`;
    db.prepare('DELETE FROM sp_unique_scopes WHERE scope LIKE ?').run(like);
    db.prepare('DELETE FROM sp_role_assignments WHERE scope LIKE ?').run(like);
  }
}

export function resetInheritance(db: Database, scope: string): void {
  db.prepare('DELETE FROM sp_unique_scopes WHERE scope = ?').run(scope);
  db.prepare('DELETE FROM sp_role_assignments WHERE scope = ?').run(scope);
}

/** The scope whose assignments apply to a scope's parent. */
export function effectiveScopeOfParent(db: Database, scope: string): string {
  if (scope.startsWith('item:')) {
    const [, listId, id] = scope.split(':');
    // An item in a folder inherits from the folder, the folder from the list (./folders.ts).
    const folder = folderItemOf(db, listId, Number(id));
    if (folder) return effectiveScope(db, `item:${listId}:${folder}`);
    const listScope = `list:${listId}`;
    return effectiveScope(db, listScope);
  }
  return 'web';
}

/** The nearest scope with unique permissions: the scope itself, its list, or the web. */
export function effectiveScope(db: Database, scope: string): string {
  if (scope === 'web') return 'web';
  if (db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope = ?').get(scope)) return scope;
  return effectiveScopeOfParent(db, scope);
}

/** Makes a user a site collection administrator (or not). */
export function setSiteAdmin(db: Database, upn: string, isAdmin = true): void {
  const p = ensurePrincipal(db, upn);
  db.prepare('UPDATE sp_principals SET isSiteAdmin = ? WHERE id = ?').run(isAdmin ? 1 : 0, p.id);
}

/** Sets (or, with null, removes) a value of the web's property bag (`/_api/web/AllProperties`). */
export function setWebProperty(db: Database, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM sp_property_bag WHERE key = ?').run(key);
  else db.prepare('INSERT INTO sp_property_bag (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
