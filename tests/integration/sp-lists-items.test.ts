/**
 * SharePoint emulation through PnPjs v4: web, lists, fields (indexed, unique, required), items CRUD,
 * $select/$expand of person and lookup fields, ETags, error shapes.
 */
import { startSpTenant, spFor, spErrorOf, SpTestTenant } from '../support/sp-client';
import type { SPFI } from '@pnp/sp';
import { setWebProperty } from '../../workbench/tenant/sp/admin';

describe('SharePoint lists, fields and items', () => {
  let t: SpTestTenant;
  let admin: SPFI;
  let ann: SPFI;
  const ADMIN = 'ada.admin@contoso.local';
  const ANN = "ann.o'brien@contoso.local";

  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true, displayName: 'Ada Admin' });
    t.addUser(ANN, { displayName: "Ann O'Brien" });
    t.everyoneEdits();
    admin = spFor(t.siteUrl, ADMIN);
    ann = spFor(t.siteUrl, ANN);
  });
  afterAll(() => t.close());

  it('answers the web, the site and the current user', async () => {
    const web = await admin.web.select('Title', 'Url', 'ServerRelativeUrl', 'Id')();
    expect(web.Title).toBe('Intranet');
    expect(web.Url).toBe(t.siteUrl);
    expect(web.ServerRelativeUrl).toBe('/sites/intranet');
    const me = await ann.web.currentUser();
    expect(me.Title).toBe("Ann O'Brien");
    expect(me.LoginName).toBe(`i:0#.f|membership|${ANN}`);
    expect(me.IsSiteAdmin).toBe(false);
    expect((await admin.web.currentUser()).IsSiteAdmin).toBe(true);
  });

  it('creates a list with typed, indexed, unique and required fields', async () => {
    await admin.web.lists.add('Relays', 'Customer feedback', 100, false, { ReadSecurity: 1 });
    const list = admin.web.lists.getByTitle('Relays');
    await list.fields.addText('ClientId', { Indexed: true, EnforceUniqueValues: true, MaxLength: 64 });
    await list.fields.addNumber('Reach', { Indexed: true });
    await list.fields.addBoolean('Urgent');
    await list.fields.addDateTime('DueDate', { Indexed: true });
    await list.fields.addChoice('Status', { Choices: ['New', 'Open', 'Closed'], Indexed: true });
    await list.fields.addMultiChoice('Tags', { Choices: ['a', 'b', 'c'] });
    await list.fields.addUser('Owner', { Indexed: true });
    await list.fields.addMultilineText('Body', { Required: true });
    const info = await list.select('Title', 'Description', 'ItemCount', 'ReadSecurity', 'Id', 'ListItemEntityTypeFullName')();
    expect(info).toMatchObject({ Title: 'Relays', Description: 'Customer feedback', ItemCount: 0, ReadSecurity: 1, ListItemEntityTypeFullName: 'SP.Data.RelaysListItem' });
    const f = await list.fields.getByInternalNameOrTitle('ClientId')();
    expect(f).toMatchObject({ InternalName: 'ClientId', Indexed: true, EnforceUniqueValues: true, TypeAsString: 'Text' });
    expect((await list.fields.getById(f.Id)()).InternalName).toBe('ClientId');
    // Same list by id.
    const byId = await admin.web.lists.getById(info.Id).select('Title')();
    expect(byId.Title).toBe('Relays');
    // The item table really carries an index for the indexed field.
    const ix = t.tenant.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%\"Reach\"%'").all();
    expect(ix.length).toBe(1);
  });

  it('refuses unique values on a non-indexed field, and duplicates on a unique one', async () => {
    const list = admin.web.lists.getByTitle('Relays');
    const e1 = await spErrorOf(list.fields.addText('Ref', { EnforceUniqueValues: true }));
    expect(e1.status).toBe(400);
    expect(e1.message).toMatch(/indexed/);
    await list.items.add({ Title: 'first', ClientId: 'c-1', Body: 'x' });
    const dup = await spErrorOf(list.items.add({ Title: 'second', ClientId: 'C-1', Body: 'y' }));
    expect(dup.code).toBe('-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException');
    expect(dup.message).toMatch(/duplicate values/);
    // Indexing an existing field, then making it unique, works through field.update (MERGE).
    await list.fields.addText('Ref2');
    await list.fields.getByInternalNameOrTitle('Ref2').update({ Indexed: true });
    await list.fields.getByInternalNameOrTitle('Ref2').update({ EnforceUniqueValues: true });
    expect(await list.fields.getByInternalNameOrTitle('Ref2').select('Indexed', 'EnforceUniqueValues')()).toMatchObject({ Indexed: true, EnforceUniqueValues: true });
  });

  it('enforces required fields on create', async () => {
    const e = await spErrorOf(admin.web.lists.getByTitle('Relays').items.add({ Title: 'no body' }));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/Body.*required/);
  });

  it('creates, reads, updates and deletes items with SharePoint properties', async () => {
    const list = ann.web.lists.getByTitle('Relays');
    const me = await ann.web.currentUser();
    const created = await list.items.add({ Title: 'Printer', ClientId: 'c-2', Reach: 3, Urgent: true, DueDate: '2026-01-02T03:04:05Z',
      Status: 'New', Tags: ['a', 'c'], OwnerId: me.Id, Body: 'It jams' });
    expect(created).toMatchObject({ Title: 'Printer', Reach: 3, Urgent: true, DueDate: '2026-01-02T03:04:05Z', Tags: ['a', 'c'], OwnerId: me.Id, AuthorId: me.Id, EditorId: me.Id });
    expect(created.Id).toBe(created.ID);
    expect(created['odata.etag']).toBe('"1"');
    expect(created.GUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const item = list.items.getById(created.Id);
    const r = await item.update({ Reach: 4 });
    expect(r.etag).toBe('"2"');
    const read = await item.select('Id', 'Reach', 'Author/Title', 'Author/EMail', 'Owner/Title').expand('Author', 'Owner')();
    expect(read.Reach).toBe(4);
    expect(read.Author).toMatchObject({ Title: "Ann O'Brien", EMail: ANN });
    expect(read.Owner.Title).toBe("Ann O'Brien");
    expect(read['odata.etag']).toBe('"2"');
    await item.delete();
    const gone = await spErrorOf(item());
    expect(gone.status).toBe(404);
    expect(gone.code).toBe('-2147024809, System.ArgumentException');
    expect(gone.message).toBe('Item does not exist. It may have been deleted by another user.');
  });

  it('answers a stale ETag with 412 and lets "*" win', async () => {
    const list = ann.web.lists.getByTitle('Relays');
    const created = await list.items.add({ Title: 'Etag', ClientId: 'c-3', Body: 'b' });
    const item = list.items.getById(created.Id);
    const first = await item.update({ Title: 'v2' }, created['odata.etag']);
    expect(first.etag).toBe('"2"');
    const conflict = await spErrorOf(item.update({ Title: 'stale' }, created['odata.etag']));
    expect(conflict.status).toBe(412);
    expect(conflict.code).toBe('-2130575305, Microsoft.SharePoint.SPException');
    expect(conflict.message).toMatch(/does not match the object's ETag value '"2"'/);
    await item.update({ Title: 'last writer' });
    expect((await item.select('Title')()).Title).toBe('last writer');
  });

  it('expands lookups and filters on their fields', async () => {
    await admin.web.lists.add('Communities');
    const communities = admin.web.lists.getByTitle('Communities');
    const info = await communities.select('Id')();
    const c1 = await communities.items.add({ Title: 'Printers' });
    await communities.items.add({ Title: 'Coffee' });
    const relays = admin.web.lists.getByTitle('Relays');
    await relays.fields.addLookup('Community', { LookupListId: info.Id, LookupFieldName: 'Title' });
    await relays.items.add({ Title: 'linked', ClientId: 'c-4', Body: 'b', CommunityId: c1.Id });
    const rows = await relays.items.select('Title', 'Community/Title', 'Community/Id').expand('Community').filter("Community/Title eq 'Printers'")();
    expect(rows).toHaveLength(1);
    expect(rows[0].Community).toMatchObject({ Title: 'Printers', Id: c1.Id });
    const byId = await relays.items.select('Title').filter(`CommunityId eq ${c1.Id}`)();
    expect(byId.map(r => r.Title)).toEqual(['linked']);
    const bySub = await relays.items.select('Title').filter(`Community/Id eq ${c1.Id}`)();
    expect(bySub.map(r => r.Title)).toEqual(['linked']);
  });

  it('answers SharePoint error shapes for JSON light and verbose', async () => {
    const light = await spErrorOf(admin.web.lists.getByTitle('Nope')());
    expect(light.status).toBe(404);
    expect(light.code).toBe('-1, System.ArgumentException');
    expect(light.message).toBe(`List 'Nope' does not exist at site with URL '${t.siteUrl}'.`);
    const res = await fetch(`${t.siteUrl}/_api/web/lists/getbytitle('Nope')`, { headers: { Accept: 'application/json;odata=verbose', 'x-local-user': ADMIN } });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.message).toEqual({ lang: 'en-US', value: `List 'Nope' does not exist at site with URL '${t.siteUrl}'.` });
    const verbose = await fetch(`${t.siteUrl}/_api/web/lists/getbytitle('Relays')/items?$select=Title&$top=1`, { headers: { Accept: 'application/json;odata=verbose', 'x-local-user': ADMIN } });
    const vb = await verbose.json();
    expect(Array.isArray(vb.d.results)).toBe(true);
    expect(vb.d.results[0].__metadata.type).toBe('SP.Data.RelaysListItem');
    expect(vb.d.__next).toBeDefined();
  });

  it('refuses unsupported query features loudly', async () => {
    const res = await fetch(`${t.siteUrl}/_api/web/lists/getbytitle('Relays')/items?$skip=2`, { headers: { 'x-local-user': ADMIN } });
    expect(res.status).toBe(501);
    expect((await res.json())['odata.error'].message.value).toMatch(/\$skip/);
    const fn = await spErrorOf(admin.web.lists.getByTitle('Relays').items.filter("endswith(Title,'x')")());
    expect(fn.status).toBe(501);
    expect(fn.message).toMatch(/endswith/);
    const expandless = await spErrorOf(admin.web.lists.getByTitle('Relays').items.select('Author/Title')());
    expect(expandless.status).toBe(400);
    expect(expandless.message).toMatch(/\$expand query string must contains Author/);
  });

  it('answers $select=* with expansions, and lists.ensure updates an existing list', async () => {
    const rows = await admin.web.lists.getByTitle('Relays').items.select('*', 'Author/Title').expand('Author').top(1)();
    expect(rows[0]).toMatchObject({ Title: 'first', ClientId: 'c-1', Author: { Title: 'Ada Admin' } });
    expect(rows[0].AuthorId).toBeGreaterThan(0);
    const first = await admin.web.lists.ensure('Ensured', 'one');
    expect(first.created).toBe(true);
    const again = await admin.web.lists.ensure('Ensured', 'two', 100, false, { EnableVersioning: true });
    expect(again.created).toBe(false);
    expect(await admin.web.lists.getByTitle('Ensured').select('Description', 'EnableVersioning')()).toMatchObject({ Description: 'two', EnableVersioning: true });
    const titles = (await admin.web.lists.select('Title').filter("startswith(Title,'Ens')")()).map((l: { Title: string }) => l.Title);
    expect(titles).toEqual(['Ensured']);
  });

  it('answers the web property bag and an empty subweb collection', async () => {
    setWebProperty(t.tenant.db, 'suiteSchemaVersion', '3');
    const props = await ann.web.allProperties();
    expect(props.suiteSchemaVersion).toBe('3');
    expect(await ann.web.webs()).toEqual([]);
  });

  it('keeps tenant properties through getStorageEntity / setStorageEntity', async () => {
    await admin.web.setStorageEntity('intranetHubUrl', t.siteUrl, 'Hub', 'set by test');
    const v = await ann.web.getStorageEntity('intranetHubUrl');
    expect(v.Value).toBe(t.siteUrl);
    const missing = await ann.web.getStorageEntity('missing');
    expect(missing.Value ?? null).toBeNull();
    const denied = await spErrorOf(ann.web.setStorageEntity('x', 'y'));
    expect(denied.status).toBe(403);
  });
});
