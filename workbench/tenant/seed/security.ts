/**
 * Site security of the intranet hub, put in place through the SharePoint emulation's admin API:
 * - "Intranet Owners" (Full Control) holds the Entra group Tenant admins (claim c:0t.c|tenant|<groupId>);
 * - "Intranet Members" (Edit) and "Intranet Visitors" (Read) hold Everyone except external users
 *   (claim c:0-.f|rolemanager|spo-grid-all-users/<tenantId>), so guests get nothing by default.
 * Source for the default groups and levels: "Understanding permission levels in SharePoint",
 * https://learn.microsoft.com/en-us/sharepoint/understanding-permission-levels
 */
import type { Database } from 'better-sqlite3';
import {
  ensureSiteGroup, addGroupMember, grantSiteRole, entraGroupClaim, everyoneExceptExternalUsersClaim, setSiteAdmin
} from '../sp/admin';
import { WEB_TITLE } from '../sp/schema';
import { PERSONAS } from './personas';

export const SITE_GROUPS = {
  owners: `${WEB_TITLE} Owners`,
  members: `${WEB_TITLE} Members`,
  visitors: `${WEB_TITLE} Visitors`
};

function hasSharePointSchema(db: Database): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sp_principals'").get();
}

/** Returns false (and does nothing) when the database has no SharePoint schema (directory-only tests). */
export function applySiteSecurity(db: Database, tenantAdminsGroupId: string): boolean {
  if (!hasSharePointSchema(db)) return false;
  const owners = ensureSiteGroup(db, SITE_GROUPS.owners);
  const members = ensureSiteGroup(db, SITE_GROUPS.members);
  const visitors = ensureSiteGroup(db, SITE_GROUPS.visitors);
  grantSiteRole(db, owners.Id, 'Full Control');
  grantSiteRole(db, members.Id, 'Edit');
  grantSiteRole(db, visitors.Id, 'Read');
  addGroupMember(db, SITE_GROUPS.owners, entraGroupClaim(tenantAdminsGroupId));
  const everyone = everyoneExceptExternalUsersClaim();
  addGroupMember(db, SITE_GROUPS.members, everyone);
  addGroupMember(db, SITE_GROUPS.visitors, everyone);
  // The demo's tenant administrator is also the hub site's collection administrator, as the
  // intranet owner usually is: tenant properties (storage entities) need those rights.
  const admin = PERSONAS.find(p => p.role === 'tenant-admin');
  if (admin) setSiteAdmin(db, admin.upn);
  return true;
}
