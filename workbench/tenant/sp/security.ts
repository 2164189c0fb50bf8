/**
 * Permission evaluation.
 *
 * A request's principals: the site user, the Entra groups the user belongs to (claims
 * `c:0t.c|tenant|<groupId>`), "Everyone except external users" for members (not guests), and every
 * SharePoint group containing any of those. The permissions on a securable object are the union of the
 * permission levels bound to those principals on the nearest object with unique role assignments
 * (item, else list, else web): "Permission inheritance"
 * https://learn.microsoft.com/en-us/sharepoint/what-is-permissions-inheritance
 * Site collection administrators hold every permission.
 */
import type { Database } from 'better-sqlite3';
import type { DirectoryUser } from '../types';
import { ensurePrincipal, entraGroupClaim, everyoneExceptExternalUsersClaim, PrincipalRow } from './admin';
import { groupIdsOf } from '../db';
import { effectiveScope } from './admin';
import { accessDenied } from './errors';

export interface Caller {
  user: DirectoryUser;
  principal: PrincipalRow;
  /** Ids of every principal the caller acts as (user, claims, SharePoint groups). */
  principalIds: number[];
  isSiteAdmin: boolean;
}

export function callerOf(db: Database, user: DirectoryUser): Caller {
  const principal = ensurePrincipal(db, user.userPrincipalName);
  const logins = groupIdsOf(db, user.id).map(entraGroupClaim);
  if (user.userType !== 'Guest') logins.push(everyoneExceptExternalUsersClaim());
  const ids = new Set<number>([principal.id]);
  if (logins.length) {
    const rows = db.prepare(`SELECT id FROM sp_principals WHERE loginName IN (${logins.map(() => '?').join(',')})`).all(...logins) as { id: number }[];
    rows.forEach(r => ids.add(r.id));
  }
  const direct = [...ids];
  const groups = db.prepare(`SELECT DISTINCT groupId FROM sp_group_members WHERE memberId IN (${direct.map(() => '?').join(',')})`)
    .all(...direct) as { groupId: number }[];
  groups.forEach(g => ids.add(g.groupId));
  return { user, principal, principalIds: [...ids], isSiteAdmin: principal.isSiteAdmin === 1 };
}

export interface Mask { low: number; high: number }

const FULL: Mask = { low: 0xffffffff, high: 0x7fffffff };

export function permissionsOn(db: Database, caller: Caller, scope: string): Mask {
  if (caller.isSiteAdmin) return FULL;
  const eff = effectiveScope(db, scope);
  const ids = caller.principalIds;
  const rows = db.prepare(`SELECT d.low, d.high FROM sp_role_assignments a JOIN sp_role_definitions d ON d.id = a.roleDefId
    WHERE a.scope = ? AND a.principalId IN (${ids.map(() => '?').join(',')})`).all(eff, ...ids) as { low: number; high: number }[];
  let low = 0;
  let high = 0;
  for (const r of rows) {
    low = (low | r.low) >>> 0;
    high = (high | r.high) >>> 0;
  }
  return { low, high };
}

export const has = (m: Mask, bit: number): boolean => ((m.low & bit) >>> 0) !== 0;

export function demand(db: Database, caller: Caller, scope: string, bit: number): Mask {
  const m = permissionsOn(db, caller, scope);
  if (!has(m, bit)) throw accessDenied();
  return m;
}

/** As `EffectiveBasePermissions` answers: High and Low as strings. */
export const maskJson = (m: Mask): { High: string; Low: string } => ({ High: String(m.high >>> 0), Low: String(m.low >>> 0) });

export const listScope = (listId: string): string => `list:${listId.toLowerCase()}`;
export const itemScope = (listId: string, id: number): string => `item:${listId.toLowerCase()}:${id}`;

/** Whether a list has any item with unique permissions (then item-level checks are needed). */
export function listHasItemScopes(db: Database, listId: string): boolean {
  return !!db.prepare('SELECT 1 FROM sp_unique_scopes WHERE scope LIKE ? LIMIT 1').get(`item:${listId.toLowerCase()}:%`);
}
