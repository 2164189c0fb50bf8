/**
 * A private community's content through every REST shape, as a non-member: SharePoint (the local
 * tenant's folders with unique permissions) hides its posts, versions, votes and statistics from
 * list queries, getById, versions, $batch and search postquery, and refuses writes into its
 * folder; members read and write; public communities stay open to everyone.
 */
import { PERSONAS_UPN } from '../support/graph-client';
import { CommunityTenant, startCommunityTenant } from './community-setup';
import { createCommunity, setMembership } from '../../services/community/trusted/spaces';
import { COMMUNITY_POSTS_LIST_TITLE, COMMUNITY_STATS_LIST_TITLE, COMMUNITY_VOTES_LIST_TITLE } from '../../services/provisioning/communityLists';
import type { Post } from '../../core/community/model';

let r: CommunityTenant;
let secret: Post;
let open: Post;
const member = PERSONAS_UPN.communityManager;
const outsider = PERSONAS_UPN.employee;
const SECRET_WORD = 'zanzibarquokka';

beforeAll(async () => {
  r = await startCommunityTenant();
  const space = r.space();
  expect(await createCommunity(space, { key: 'leaders-circle', title: 'Leaders circle', description: 'Private', visibility: 'private', official: false }, member)).toBe(true);
  expect(await createCommunity(space, { key: 'store-ops', title: 'Store operations', description: 'Public', visibility: 'public', official: false }, member)).toBe(true);
  secret = await r.service(member).startThread('leaders-circle', { kind: 'question', title: `Reorganisation plan ${SECRET_WORD}`, body: `<p>Draft ${SECRET_WORD} numbers</p>`, language: 'en' });
  secret = await r.service(member).edit(secret, { title: secret.title, body: `<p>Second draft ${SECRET_WORD}</p>` });
  await r.service(member).vote(secret);
  open = await r.service(member).startThread('store-ops', { kind: 'question', title: `Opening hours on holidays ${SECRET_WORD}`, body: '', language: 'en' });
}, 120000);
afterAll(() => r.t.close());

const listUrl = (title: string): string => `${r.t.siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(title)}')`;

async function rest(upn: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  let digest: Record<string, string> = {};
  if (method !== 'GET') {
    const res = await fetch(`${r.t.siteUrl}/_api/contextinfo`, { method: 'POST', headers: { 'x-local-user': upn, Accept: 'application/json;odata=nometadata' } });
    digest = { 'X-RequestDigest': ((await res.json()) as { FormDigestValue: string }).FormDigestValue };
  }
  const res = await fetch(url, {
    method, headers: { 'x-local-user': upn, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', ...digest, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = {}; }
  return { status: res.status, text, json };
}

const ids = (json: Record<string, unknown>): number[] => ((json.value as Array<{ Id: number }>) || []).map(i => i.Id);

describe('a private community through every REST shape', () => {
  it('list queries: members see the post, non-members do not (nor the folder\'s votes and statistics)', async () => {
    const q = `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items?$select=Id,Title,FileDirRef&$filter=${encodeURIComponent("CommunityKey eq 'leaders-circle'")}`;
    expect(ids((await rest(member, 'GET', q)).json)).toContain(secret.id);
    const theirs = await rest(outsider, 'GET', q);
    expect(theirs.status).toBe(200);
    expect(ids(theirs.json)).not.toContain(secret.id);
    expect(theirs.text).not.toContain('Reorganisation');
    const all = await rest(outsider, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items?$select=Id,Title&$top=500`);
    expect(all.text).not.toContain('Reorganisation');
    expect(ids(all.json)).toContain(open.id);
    const votes = await rest(member, 'GET', `${listUrl(COMMUNITY_VOTES_LIST_TITLE)}/items?$select=Id,PostId,FileDirRef`);
    expect((votes.json.value as Array<{ FileDirRef: string }>)[0].FileDirRef).toMatch(/\/community-leaders-circle$/);
  });

  it('getById and versions answer 404 to a non-member, the versions to a member', async () => {
    expect((await rest(outsider, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items(${secret.id})`)).status).toBe(404);
    expect((await rest(outsider, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items/getById(${secret.id})`)).status).toBe(404);
    const v = await rest(outsider, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items(${secret.id})/versions`);
    expect(v.status).toBe(404);
    expect(v.text).not.toContain(SECRET_WORD);
    const mine = await rest(member, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items(${secret.id})/versions`);
    expect((mine.json.value as unknown[]).length).toBe(2);
    expect((await r.service(member).history(secret.id)).map(h => h.label)).toEqual(['2.0', '1.0']);
  });

  it('$batch: each part is trimmed as the request alone would be', async () => {
    const boundary = 'batch_x1';
    const part = (url: string): string => `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${url} HTTP/1.1\r\nAccept: application/json;odata=nometadata\r\n\r\n`;
    const body = `${part(`${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items(${secret.id})`)}${part(`${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items?$select=Id,Title`)}--${boundary}--\r\n`;
    const res = await rest(outsider, 'POST', `${r.t.siteUrl}/_api/$batch`, body, { 'Content-Type': `multipart/mixed; boundary=${boundary}` });
    expect(res.status).toBe(200);
    expect(res.text).toContain('404');
    expect(res.text).toContain('Opening hours');
    expect(res.text).not.toContain('Reorganisation');
  });

  it('search postquery: no result, no count and no refiner for a non-member; the member finds it', async () => {
    const query = (upn: string): ReturnType<typeof rest> => rest(upn, 'POST', `${r.t.siteUrl}/_api/search/postquery`, {
      request: { Querytext: SECRET_WORD, SelectProperties: ['Title', 'ListItemID'], RowLimit: 50, Refiners: 'CommunityKeyOWSTEXT' }
    });
    const theirs = await query(outsider);
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain('Reorganisation');
    expect(theirs.text).not.toContain('leaders-circle');
    const rows = ((theirs.json.PrimaryQueryResult as { RelevantResults: { TotalRows: number } }).RelevantResults);
    expect(rows.TotalRows).toBe(1); // the public question only
    expect((await query(member)).text).toContain('Reorganisation');
  });

  it('writes into the folder are refused to non-members, whatever the request', async () => {
    const root = (await rest(outsider, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/rootFolder`)).json.ServerRelativeUrl as string;
    const res = await rest(outsider, 'POST', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/AddValidateUpdateItemUsingPath()`, {
      listItemCreateInfo: { FolderPath: { DecodedUrl: `${root}/community-leaders-circle` }, UnderlyingObjectType: 0 },
      formValues: [{ FieldName: 'Title', FieldValue: 'Injected' }, { FieldName: 'ClientId', FieldValue: 'x1' }, { FieldName: 'CommunityKey', FieldValue: 'leaders-circle' }, { FieldName: 'PostKind', FieldValue: 'question' }],
      bNewDocumentUpdate: false
    });
    expect([403, 404]).toContain(res.status);
    expect((await rest(outsider, 'POST', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items(${secret.id})`, { Title: 'x' }, { 'X-HTTP-Method': 'MERGE', 'If-Match': '*' })).status).toBe(404);
    await expect(r.service(outsider).vote(secret)).rejects.toMatchObject({ code: 'notFound' });
    // The statistics of the folder are trimmed too.
    const stats = await rest(outsider, 'GET', `${listUrl(COMMUNITY_STATS_LIST_TITLE)}/items?$select=Id,PostId,FileDirRef`);
    expect((stats.json.value as Array<{ FileDirRef: string }>).some(s => /community-leaders-circle/.test(s.FileDirRef))).toBe(false);
  });

  it('a post written outside the folder under the private community\'s key is not believed', async () => {
    const forged = await r.sp(outsider).web.lists.getByTitle(COMMUNITY_POSTS_LIST_TITLE).items.add({
      Title: 'Forged question in the private space', ClientId: 'forged-1', CommunityKey: 'leaders-circle', PostKind: 'question', RootId: 0, ParentId: 0
    });
    const page = await r.service(member).threads('leaders-circle');
    expect(page.threads.map(t => t.post.id)).toEqual([secret.id]);
    expect(page.threads.map(t => t.post.id)).not.toContain((forged as { Id: number }).Id);
  });

  it('joining gives access: a new member reads the thread, a removed one no longer does', async () => {
    await setMembership(r.space(), 'leaders-circle', outsider, 'member');
    const view = await r.service(outsider).thread(secret.id);
    expect(view.root.title).toContain(SECRET_WORD);
    await setMembership(r.space(), 'leaders-circle', outsider, null);
    await expect(r.service(outsider).thread(secret.id)).rejects.toMatchObject({ code: 'notFound' });
  });

  it('a folder squatted under a future private community\'s name is deleted with its content, and made again by the job', async () => {
    const root = (await rest(outsider, 'GET', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/rootFolder`)).json.ServerRelativeUrl as string;
    const made = await rest(outsider, 'POST', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/AddValidateUpdateItemUsingPath()`, {
      listItemCreateInfo: { FolderPath: { DecodedUrl: root }, LeafName: { DecodedUrl: 'community-board' }, UnderlyingObjectType: 1 },
      formValues: [{ FieldName: 'Title', FieldValue: 'community-board' }], bNewDocumentUpdate: false
    });
    expect(made.status).toBe(200);
    const planted = await rest(outsider, 'POST', `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/AddValidateUpdateItemUsingPath()`, {
      listItemCreateInfo: { FolderPath: { DecodedUrl: `${root}/community-board` }, UnderlyingObjectType: 0 },
      formValues: [{ FieldName: 'Title', FieldValue: 'Planted before the community existed' }, { FieldName: 'ClientId', FieldValue: 'planted-1' },
        { FieldName: 'CommunityKey', FieldValue: 'board' }, { FieldName: 'PostKind', FieldValue: 'question' }], bNewDocumentUpdate: false
    });
    expect(((planted.json.value as Array<{ FieldName: string; HasException: boolean }>) || []).some(v => v.HasException)).toBe(false);
    expect(await createCommunity(r.space(), { key: 'board', title: 'Board', description: 'Private', visibility: 'private', official: false }, member)).toBe(true);
    const page = await r.service(member).threads('board');
    expect(page.threads).toEqual([]);
    const q = `${listUrl(COMMUNITY_POSTS_LIST_TITLE)}/items?$select=Id,Title&$filter=${encodeURIComponent("CommunityKey eq 'board'")}`;
    expect((await rest(outsider, 'GET', q)).text).not.toContain('Planted');
    expect((await rest(member, 'GET', q)).text).not.toContain('Planted');
    await r.service(member).startThread('board', { kind: 'question', title: 'First real question here', body: '', language: 'en' });
    expect((await r.service(member).threads('board')).threads).toHaveLength(1);
  });
});
