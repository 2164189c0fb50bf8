/**
 * Test support for SharePoint REST against the local tenant, through PnPjs v4 itself.
 *
 *   const t = await startSpTenant();
 *   t.addUser('ada@contoso.local', { admin: true });
 *   const sp = spFor(t.siteUrl, 'ada@contoso.local');
 *   await sp.web.lists.add('Relays');
 *
 * `spFor` builds PnPjs the way the workbench does (SPBrowser with a base URL, global fetch) and runs
 * every request as `upn` (header `x-local-user`).
 */
import { spfi, SPBrowser, SPFI } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/batching';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import { randomUUID } from 'crypto';
import { startLocalTenant, RunningTenant } from '../../workbench/tenant/server';
import { setSiteAdmin, addGroupMember, entraGroupClaim, everyoneExceptExternalUsersClaim } from '../../workbench/tenant/sp/admin';

export function spFor(siteUrl: string, upn: string, headers: Record<string, string> = {}): SPFI {
  return spfi(siteUrl).using(SPBrowser({ baseUrl: siteUrl }), InjectHeaders({ 'x-local-user': upn, ...headers }));
}

export interface TestUserOptions {
  displayName?: string;
  /** Site collection administrator. */
  admin?: boolean;
  /** 'Member' (default) or 'Guest'. */
  userType?: string;
  /** Titles of SharePoint site groups to add the user to. */
  siteGroups?: string[];
  /** Ids of Entra groups (rows of `groups`) the user belongs to. */
  entraGroups?: string[];
}

export interface SpTestTenant extends RunningTenant {
  /** Inserts a directory user (table `users`) and returns its UPN. */
  addUser(upn: string, opts?: TestUserOptions): string;
  /** Inserts an Entra group (table `groups`) and returns its id. */
  addEntraGroup(displayName: string): string;
  /** Puts "Everyone except external users" in the site's Members group (Edit), as the demo seed does. */
  everyoneEdits(): void;
}

export async function startSpTenant(now?: () => Date): Promise<SpTestTenant> {
  const t = await startLocalTenant({ dbFile: ':memory:', port: 0, now });
  const db = t.tenant.db;
  const addUser = (upn: string, opts: TestUserOptions = {}): string => {
    const id = randomUUID();
    db.prepare(`INSERT INTO users (id, userPrincipalName, displayName, mail, userType, givenName, surname, jobTitle, department)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, upn, opts.displayName || upn.split('@')[0], upn, opts.userType || 'Member',
      upn.split('@')[0], 'Test', 'Tester', 'Quality');
    if (opts.admin) setSiteAdmin(db, upn, true);
    for (const g of opts.entraGroups || []) db.prepare('INSERT INTO group_members (groupId, userId) VALUES (?, ?)').run(g, id);
    for (const g of opts.siteGroups || []) addGroupMember(db, g, upn);
    return upn;
  };
  const addEntraGroup = (displayName: string): string => {
    const id = randomUUID();
    db.prepare('INSERT INTO groups (id, displayName, mailNickname) VALUES (?, ?, ?)').run(id, displayName, displayName.replace(/\W/g, '') + id.slice(0, 4));
    return id;
  };
  return {
    ...t,
    addUser,
    addEntraGroup,
    everyoneEdits: () => addGroupMember(db, 'Intranet Members', everyoneExceptExternalUsersClaim())
  };
}

export { entraGroupClaim };

/** The parsed SharePoint error of a failed PnPjs call: status, code and message. */
export async function spErrorOf(p: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; response?: Response; message?: string };
    const status = err.status ?? 0;
    let body: Record<string, { code: string; message: { value: string } }> = {};
    if (err.response) {
      try {
        body = await err.response.clone().json();
      } catch {
        body = {};
      }
    }
    const inner = body['odata.error'] || body.error;
    return { status, code: inner ? inner.code : '', message: inner ? inner.message.value : String(err.message) };
  }
  throw new Error('Expected the call to fail, and it succeeded.');
}
