/**
 * Less common item paths through PnPjs v4: verbose payloads, multi-value person fields, item-level
 * unique permissions, field schema XML, recycle, and the digest requirement.
 */
import { startSpTenant, spFor, spErrorOf, SpTestTenant } from '../support/sp-client';
import type { SPFI } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';

describe('SharePoint items: formats, multi-value fields, item permissions', () => {
  let t: SpTestTenant;
  let admin: SPFI;
  const ADMIN = 'adv.admin@contoso.local';
  const ZOE = 'zoe@contoso.local';
  const YAN = 'yan@contoso.local';
  let zoeId = 0;
  let yanId = 0;

  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true, displayName: 'Adv Admin' });
    t.addUser(ZOE, { displayName: 'Zoe' });
    t.addUser(YAN, { displayName: 'Yan' });
    t.everyoneEdits();
    admin = spFor(t.siteUrl, ADMIN);
    zoeId = (await admin.web.ensureUser(ZOE)).Id;
    yanId = (await admin.web.ensureUser(YAN)).Id;
    await admin.web.lists.add('Posts');
    const list = admin.web.lists.getByTitle('Posts');
    await list.fields.createFieldAsXml('<Field Type="UserMulti" Name="Experts" DisplayName="Experts" Mult="TRUE" Indexed="FALSE" />');
    await list.fields.createFieldAsXml('<Field Type="Choice" Name="Kind" DisplayName="Kind" Indexed="TRUE" Required="TRUE"><Default>question</Default><CHOICES><CHOICE>question</CHOICE><CHOICE>answer</CHOICE></CHOICES></Field>');
    await list.fields.addText('Due Label');
  });
  afterAll(() => t.close());

  it('creates fields from schema XML with defaults and encoded internal names', async () => {
    const list = admin.web.lists.getByTitle('Posts');
    const kind = await list.fields.getByInternalNameOrTitle('Kind')();
    expect(kind).toMatchObject({ TypeAsString: 'Choice', Indexed: true, Required: true, DefaultValue: 'question', Choices: ['question', 'answer'] });
    const experts = await list.fields.getByInternalNameOrTitle('Experts')();
    expect(experts).toMatchObject({ TypeAsString: 'UserMulti', AllowMultipleValues: true });
    const label = await list.fields.getByTitle('Due Label')();
    expect(label.InternalName).toBe('Due_x0020_Label');
  });

  it('stores and filters multi-value person fields, and expands them', async () => {
    const list = admin.web.lists.getByTitle('Posts');
    const a = await list.items.add({ Title: 'with both', ExpertsId: [zoeId, yanId], Due_x0020_Label: 'soon' });
    expect(a.ExpertsId).toEqual([zoeId, yanId]);
    expect(a.Kind).toBe('question');
    await list.items.add({ Title: 'with zoe', ExpertsId: { results: [zoeId] }, Kind: 'answer' });
    const yans = await list.items.select('Title').filter(`Experts/Id eq ${yanId}`)();
    expect(yans.map((r: { Title: string }) => r.Title)).toEqual(['with both']);
    const zoes = await list.items.select('Title').filter("Experts/Title eq 'Zoe'").orderBy('ID')();
    expect(zoes.map((r: { Title: string }) => r.Title)).toEqual(['with both', 'with zoe']);
    const expanded = await list.items.getById(a.Id).select('Experts/Title', 'Experts/EMail').expand('Experts')();
    expect(expanded.Experts.map((e: { Title: string }) => e.Title)).toEqual(['Zoe', 'Yan']);
    const bad = await spErrorOf(list.items.add({ Title: 'x', ExpertsId: [987654] }));
    expect(bad.status).toBe(400);
  });

  it('answers verbose requests with d, __metadata and results', async () => {
    const verbose = spFor(t.siteUrl, ADMIN, { Accept: 'application/json;odata=verbose', 'Content-Type': 'application/json;odata=verbose' });
    const list = verbose.web.lists.getByTitle('Posts');
    const created = await list.items.add({ __metadata: { type: 'SP.Data.PostsListItem' }, Title: 'verbose one', ExpertsId: { results: [yanId] } });
    expect(created.__metadata.type).toBe('SP.Data.PostsListItem');
    expect(created.__metadata.etag).toBe('"1"');
    expect(created.ExpertsId.results).toEqual([yanId]);
    const rows = await list.items.select('Title', 'Author/Title').expand('Author').filter("Title eq 'verbose one'")();
    expect(rows[0].Author.Title).toBe('Adv Admin');
    const res = await fetch(`${t.siteUrl}/_api/contextinfo`, { method: 'POST', headers: { Accept: 'application/json;odata=verbose', 'x-local-user': ADMIN } });
    const ci = await res.json();
    expect(ci.d.GetContextWebInformation.FormDigestValue).toMatch(/^0x[0-9A-F]+,/);
  });

  it('applies item-level unique permissions', async () => {
    const list = admin.web.lists.getByTitle('Posts');
    const secret = await list.items.add({ Title: 'secret' });
    const item = list.items.getById(secret.Id);
    await item.breakRoleInheritance(false, false);
    const read = await admin.web.roleDefinitions.getByName('Read')();
    await item.roleAssignments.add(zoeId, read.Id);
    const zoe = spFor(t.siteUrl, ZOE);
    const yan = spFor(t.siteUrl, YAN);
    expect((await zoe.web.lists.getByTitle('Posts').items.getById(secret.Id).select('Title')()).Title).toBe('secret');
    const zoeEdit = await spErrorOf(zoe.web.lists.getByTitle('Posts').items.getById(secret.Id).update({ Title: 'no' }));
    expect(zoeEdit.status).toBe(403);
    const hidden = await spErrorOf(yan.web.lists.getByTitle('Posts').items.getById(secret.Id)());
    expect(hidden.status).toBe(404);
    const yanTitles = (await yan.web.lists.getByTitle('Posts').items.select('Title')()).map((r: { Title: string }) => r.Title);
    expect(yanTitles).not.toContain('secret');
    expect(yanTitles.length).toBeGreaterThan(0);
  });

  it('keeps item versions on a versioned list (the audit trail of a policy document)', async () => {
    await admin.web.lists.add('Policy', '', 100, false, { EnableVersioning: true });
    const list = admin.web.lists.getByTitle('Policy');
    await list.fields.addNumber('MaxPerDay');
    const created = await list.items.add({ Title: 'v1', MaxPerDay: 3 });
    expect(created.OData__UIVersionString).toBe('1.0');
    await list.items.getById(created.Id).update({ Title: 'v2', MaxPerDay: 5 });
    await spFor(t.siteUrl, ZOE).web.lists.getByTitle('Policy').items.getById(created.Id).update({ MaxPerDay: 6 });
    const versions = await list.items.getById(created.Id).versions();
    expect(versions.map((v: { VersionLabel: string }) => v.VersionLabel)).toEqual(['3.0', '2.0', '1.0']);
    expect(versions.map((v: { MaxPerDay: number }) => v.MaxPerDay)).toEqual([6, 5, 3]);
    expect(versions[0]).toMatchObject({ IsCurrentVersion: true, Title: 'v2', Editor: { LookupId: zoeId, LookupValue: 'Zoe', Email: ZOE } });
    expect(versions[2].IsCurrentVersion).toBe(false);
    const first = await list.items.getById(created.Id).versions.getById(512)();
    expect(first).toMatchObject({ VersionLabel: '1.0', Title: 'v1', MaxPerDay: 3 });
    expect((await list.items.getById(created.Id).select('OData__UIVersionString')()).OData__UIVersionString).toBe('3.0');
  });

  it('recycles items and requires a form digest for writes', async () => {
    const list = admin.web.lists.getByTitle('Posts');
    const doomed = await list.items.add({ Title: 'doomed' });
    const guid = await list.items.getById(doomed.Id).recycle();
    expect(guid).toBe(doomed.GUID);
    expect((await spErrorOf(list.items.getById(doomed.Id)())).status).toBe(404);
    const res = await fetch(`${t.siteUrl}/_api/web/lists/getbytitle('Posts')/items`, {
      method: 'POST', headers: { 'x-local-user': ADMIN, 'Content-Type': 'application/json' }, body: JSON.stringify({ Title: 'no digest' })
    });
    expect(res.status).toBe(403);
    expect((await res.json())['odata.error'].code).toBe('-2130575251, Microsoft.SharePoint.SPException');
    // A bearer token (as SPFx's AadHttpClient sends) replaces the digest.
    const withToken = spFor(t.siteUrl, ADMIN).using(InjectHeaders({ Authorization: 'Bearer local' }));
    expect((await withToken.web.lists.getByTitle('Posts').items.add({ Title: 'token' })).Title).toBe('token');
  });
});
