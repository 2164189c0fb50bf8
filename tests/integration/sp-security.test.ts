/**
 * Permissions through PnPjs v4: site groups with Entra group claims, list read/write security
 * ("own items"), a management group with Override List Behaviors, broken inheritance, 403s.
 */
import { startSpTenant, spFor, spErrorOf, SpTestTenant, entraGroupClaim } from '../support/sp-client';
import { ensureRoleDefinition, grantSiteRole, ensureSiteGroup, addGroupMember } from '../../workbench/tenant/sp/admin';
import { Perm } from '../../workbench/tenant/sp/schema';
import type { SPFI } from '@pnp/sp';

describe('SharePoint permissions and read security', () => {
  let t: SpTestTenant;
  const ADMIN = 'sec.admin@contoso.local';
  const AGENT = 'agent@contoso.local';
  const AGENT2 = 'agent2@contoso.local';
  const MANAGER = 'manager@contoso.local';
  const GUEST = 'guest_ext@contoso.local';
  const OUTSIDER = 'outsider@contoso.local';
  let admin: SPFI;

  beforeAll(async () => {
    t = await startSpTenant();
    const managers = t.addEntraGroup('Customer managers');
    t.addUser(ADMIN, { admin: true });
    t.addUser(AGENT);
    t.addUser(AGENT2);
    t.addUser(MANAGER, { entraGroups: [managers] });
    t.addUser(GUEST, { userType: 'Guest' });
    t.addUser(OUTSIDER, { userType: 'Guest' });
    t.everyoneEdits();
    admin = spFor(t.siteUrl, ADMIN);
    // "Feedback managers" (a site group holding the Entra group) may read and edit every relay.
    const db = t.tenant.db;
    const readAll = ensureRoleDefinition(db, 'Read all items', (Perm.ViewListItems | Perm.OverrideListBehaviors | Perm.Open | Perm.ViewPages | Perm.BrowseUserInfo | Perm.EditListItems) >>> 0, 0);
    expect(readAll).toBeGreaterThan(0);
    const g = ensureSiteGroup(db, 'Feedback managers', { description: 'Read every relay' });
    addGroupMember(db, 'Feedback managers', entraGroupClaim(managers));
    grantSiteRole(db, g.Id, 'Read all items');
    // The guest is a visitor (Read), not a member.
    addGroupMember(db, 'Intranet Visitors', GUEST);
    await admin.web.lists.add('Feedback', '', 100, false, { ReadSecurity: 2, WriteSecurity: 2 });
  });
  afterAll(() => t.close());

  it('lets users read only their own items under ReadSecurity 2', async () => {
    const agent = spFor(t.siteUrl, AGENT);
    const agent2 = spFor(t.siteUrl, AGENT2);
    const mine = await agent.web.lists.getByTitle('Feedback').items.add({ Title: 'agent one' });
    await agent2.web.lists.getByTitle('Feedback').items.add({ Title: 'agent two' });
    const seen = await agent.web.lists.getByTitle('Feedback').items.select('Title')();
    expect(seen.map((r: { Title: string }) => r.Title)).toEqual(['agent one']);
    // Another user's item answers as if it did not exist (security trimming).
    const refused = await spErrorOf(agent2.web.lists.getByTitle('Feedback').items.getById(mine.Id)());
    expect(refused.status).toBe(404);
    expect(refused.message).toBe('Item does not exist. It may have been deleted by another user.');
    const editOther = await spErrorOf(agent2.web.lists.getByTitle('Feedback').items.getById(mine.Id).update({ Title: 'x' }));
    expect(editOther.status).toBe(404);
  });

  it('lets a management group with Override List Behaviors read and edit all items', async () => {
    const manager = spFor(t.siteUrl, MANAGER);
    const rows = await manager.web.lists.getByTitle('Feedback').items.select('Title').orderBy('ID')();
    expect(rows.map((r: { Title: string }) => r.Title)).toEqual(['agent one', 'agent two']);
    const groups = await manager.web.currentUser.groups();
    expect(groups.map((g: { Title: string }) => g.Title)).toEqual([]);
    await manager.web.lists.getByTitle('Feedback').items.getById(1).update({ Title: 'agent one (triaged)' });
    const perms = await manager.web.lists.getByTitle('Feedback').getCurrentUserEffectivePermissions();
    expect(manager.web.lists.getByTitle('Feedback').hasPermissions(perms, 9 /* CancelCheckout = Override List Behaviors */)).toBe(true);
  });

  it('refuses writes to users without Contribute (403, access denied)', async () => {
    const guest = spFor(t.siteUrl, GUEST);
    const rows = await guest.web.lists.getByTitle('Feedback').items.select('Title')();
    expect(rows).toEqual([]);
    const e = await spErrorOf(guest.web.lists.getByTitle('Feedback').items.add({ Title: 'guest' }));
    expect(e.status).toBe(403);
    expect(e.code).toBe('-2147024891, System.UnauthorizedAccessException');
    const outsider = spFor(t.siteUrl, OUTSIDER);
    const denied = await spErrorOf(outsider.web());
    expect(denied.status).toBe(403);
    // Read (visitors) cannot create lists; Edit (members) can, as in SharePoint.
    const visitor = await spErrorOf(guest.web.lists.add('Nope'));
    expect(visitor.status).toBe(403);
    await spFor(t.siteUrl, AGENT).web.lists.add('Agent list');
  });

  it('lets nobody but overriders write under WriteSecurity 4', async () => {
    await admin.web.lists.add('Frozen', '', 100, false, { WriteSecurity: 4 });
    const e = await spErrorOf(spFor(t.siteUrl, AGENT).web.lists.getByTitle('Frozen').items.add({ Title: 'no' }));
    expect(e.status).toBe(403);
    expect((await admin.web.lists.getByTitle('Frozen').items.add({ Title: 'admin' })).Title).toBe('admin');
  });

  it('manages site groups, users and role assignments over REST', async () => {
    const group = await admin.web.siteGroups.add({ Title: 'Comms team', Description: 'Communications' });
    expect(group.Title).toBe('Comms team');
    await admin.web.siteGroups.getById(group.Id).users.add(`i:0#.f|membership|${AGENT}`);
    const users = await admin.web.siteGroups.getByName('Comms team').users();
    expect(users.map((u: { LoginName: string }) => u.LoginName)).toEqual([`i:0#.f|membership|${AGENT}`]);
    // Only members (and owners) see the members of a group created with the default settings.
    expect((await spFor(t.siteUrl, AGENT).web.siteGroups.getByName('Comms team').users()).length).toBe(1);
    expect((await spErrorOf(spFor(t.siteUrl, AGENT2).web.siteGroups.getByName('Comms team').users())).status).toBe(403);
    expect((await spFor(t.siteUrl, AGENT2).web.siteGroups.getByName('Intranet Visitors').users()).length).toBeGreaterThan(0);
    const byEmail = await admin.web.siteUsers.getByEmail(AGENT)();
    expect(byEmail.Email).toBe(AGENT);
    const byLogin = await admin.web.siteUsers.getByLoginName(`i:0#.f|membership|${AGENT}`)();
    expect(byLogin.Id).toBe(byEmail.Id);

    // A list with its own permissions: only the Comms team contributes.
    await admin.web.lists.add('Highlights');
    const list = admin.web.lists.getByTitle('Highlights');
    await list.breakRoleInheritance(false, true);
    const contribute = await admin.web.roleDefinitions.getByName('Contribute')();
    await list.roleAssignments.add(group.Id, contribute.Id);
    const assignments = (await list.roleAssignments.expand('Member', 'RoleDefinitionBindings')()) as unknown as Array<{ Member: { Title: string }; RoleDefinitionBindings: Array<{ Name: string }> }>;
    expect(assignments).toHaveLength(1);
    expect(assignments[0].Member.Title).toBe('Comms team');
    expect(assignments[0].RoleDefinitionBindings.map((r: { Name: string }) => r.Name)).toEqual(['Contribute']);
    const one = await list.roleAssignments.getById(group.Id).expand('RoleDefinitionBindings')();
    expect(one.PrincipalId).toBe(group.Id);
    await spFor(t.siteUrl, AGENT).web.lists.getByTitle('Highlights').items.add({ Title: 'launch' });
    const other = await spErrorOf(spFor(t.siteUrl, AGENT2).web.lists.getByTitle('Highlights').items.add({ Title: 'x' }));
    expect(other.status).toBe(404); // the list is not visible to AGENT2 at all
    await admin.web.siteGroups.getById(group.Id).users.removeById(byEmail.Id);
    const after = await spErrorOf(spFor(t.siteUrl, AGENT).web.lists.getByTitle('Highlights').items());
    expect(after.status).toBe(404);
  });

  it('ensures users and answers role definitions', async () => {
    const u = await admin.web.ensureUser(MANAGER);
    expect(u.LoginName).toBe(`i:0#.f|membership|${MANAGER}`);
    const defs = await admin.web.roleDefinitions();
    expect(defs.map((d: { Name: string }) => d.Name)).toEqual(expect.arrayContaining(['Full Control', 'Design', 'Edit', 'Contribute', 'Read']));
    const missing = await spErrorOf(admin.web.ensureUser('nobody@contoso.local'));
    expect(missing.message).toMatch(/could not be found/);
  });
});
