/**
 * What search shows of the suite's lists, asked as an attacker would: plain REST on
 * `_api/search/postquery` (JSON light, verbose, inside a `$batch`), no suite code in between.
 *
 * - Provisioning sets NoCrawl on the relay lists holding customer words or management-only data
 *   ("Customer feedback", "Insight activity", "Relay statistics"), so nobody finds relay text
 *   through search, not even its author, the management role or a site collection admin.
 * - Search trims to what the caller may read, as SharePoint does: read security 2 (own items only
 *   unless Override List Behaviors), item-level permissions; a plain read-security-1 list stays found.
 * - NoCrawl is a list property read and written over REST; turned on later, the list leaves search at once.
 * - Provisioning is idempotent about it, and its dry run names the change.
 */
import { randomUUID } from 'crypto';
import { PERSONAS_UPN } from '../support/graph-client';
import { startRelayTenant, RelayTenant, submission } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { provisionSuite } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import type { ListSchema } from '../../services/provisioning/schema';
import {
  BANNERS_LIST_TITLE, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHTS_LIST_TITLE, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE
} from '../../services/provisioning/relayLists';
import { bulkInsertItems, resetInheritance, setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { itemScope } from '../../workbench/tenant/sp/security';

let r: RelayTenant;
/** A word only the agent's pending relay holds. */
const SECRET = 'zorblaxian';
/** A word only the employee's own pending relay holds. */
const OWN = 'quillotrope';

beforeAll(async () => {
  r = await startRelayTenant();
  await new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy })
    .submit(submission({ customerWords: `The parcel came back ${SECRET} and nobody called me.` }));
  await new RelayService({ sp: r.sp(PERSONAS_UPN.employee) }, { me: PERSONAS_UPN.employee, policy: r.policy })
    .submit(submission({ category: 'tickets', product: 'tickets', customerWords: `My ticket says ${OWN} instead of my name.` }));
  // The timeline and the statistics hold relay words and management-only figures (written by the job).
  bulkInsertItems(r.t.tenant.db, INSIGHT_ACTIVITY_LIST_TITLE, [{ Title: 'relay', ActivityKey: `test:${randomUUID()}`, InsightId: 1, Kind: 'relay', ActivityText: `Relayed: ${SECRET}`, At: '2026-11-02T15:00:00Z' }], PERSONAS_UPN.admin);
  bulkInsertItems(r.t.tenant.db, RELAY_STATS_LIST_TITLE, [{ Title: '2026-11-02', DayKey: '2026-11-02', DataJson: JSON.stringify({ note: SECRET }) }], PERSONAS_UPN.admin);
}, 60000);
afterAll(() => r.t.close());

const DIGEST = { 'X-RequestDigest': '0x1234,01 Jan 2026 00:00:00 -0000' };
const listUrl = (title: string): string => `${r.t.siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(title)}')`;
const listPath = (title: string): string => `${r.t.siteUrl}/Lists/${title.replace(/ /g, '_x0020_')}`;

async function rest(upn: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: { 'x-local-user': upn, Accept: 'application/json;odata=nometadata', 'Content-Type': 'application/json', ...(method === 'GET' ? {} : DIGEST), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) as Record<string, unknown> : {} };
}

type Row = Record<string, string | null>;
const rowsOf = (cells: Array<Array<{ Key: string; Value: string | null }>>): Row[] => cells.map(c => Object.fromEntries(c.map(x => [x.Key, x.Value])));

/** POST _api/search/postquery as plain JSON light; the rows as objects and the total. */
async function search(upn: string, querytext: string, extra: Record<string, unknown> = {}): Promise<{ total: number; rows: Row[]; raw: Record<string, unknown> }> {
  const res = await rest(upn, 'POST', `${r.t.siteUrl}/_api/search/postquery`, {
    request: { Querytext: querytext, RowLimit: 500, SelectProperties: ['Title', 'Path', 'ListId'], ...extra }
  });
  expect(res.status).toBe(200);
  const relevant = (res.json.PrimaryQueryResult as { RelevantResults: { TotalRows: number; Table: { Rows: Array<{ Cells: Array<{ Key: string; Value: string | null }> }> } } }).RelevantResults;
  return { total: relevant.TotalRows, rows: rowsOf(relevant.Table.Rows.map(x => x.Cells)), raw: res.json };
}

/** The same query in the verbose form, as older clients post it. */
async function searchVerbose(upn: string, querytext: string): Promise<number> {
  const res = await rest(upn, 'POST', `${r.t.siteUrl}/_api/search/postquery`, {
    request: { __metadata: { type: 'Microsoft.Office.Server.Search.REST.SearchRequest' }, Querytext: querytext, RowLimit: 500, SelectProperties: { results: ['Path'] } }
  }, { Accept: 'application/json;odata=verbose', 'Content-Type': 'application/json;odata=verbose' });
  expect(res.status).toBe(200);
  return (res.json as { d: { postquery: { PrimaryQueryResult: { RelevantResults: { TotalRows: number } } } } }).d.postquery.PrimaryQueryResult.RelevantResults.TotalRows;
}

/** The same query as one part of a `$batch` (what PnPjs `batched()` sends). */
async function searchInBatch(upn: string, querytext: string): Promise<string> {
  const boundary = `batch_${randomUUID()}`;
  const body = [
    `--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '',
    `POST ${r.t.siteUrl}/_api/search/postquery HTTP/1.1`, 'Accept: application/json;odata=nometadata', 'Content-Type: application/json', '',
    JSON.stringify({ request: { Querytext: querytext, RowLimit: 500, SelectProperties: ['Path'] } }), `--${boundary}--`, ''
  ].join('\r\n');
  const res = await fetch(`${r.t.siteUrl}/_api/$batch`, {
    method: 'POST', body, headers: { 'x-local-user': upn, ...DIGEST, 'Content-Type': `multipart/mixed; boundary=${boundary}` }
  });
  expect(res.status).toBe(200);
  return res.text();
}

const noCrawlOf = async (title: string): Promise<unknown> => {
  const res = await rest(PERSONAS_UPN.admin, 'GET', `${listUrl(title)}?$select=Title,NoCrawl`);
  expect(res.status).toBe(200);
  return res.json.NoCrawl;
};

const EVERYONE = [PERSONAS_UPN.agent, PERSONAS_UPN.employee, PERSONAS_UPN.manager, PERSONAS_UPN.director, PERSONAS_UPN.comms, PERSONAS_UPN.admin, PERSONAS_UPN.ceo];
const PRIVATE_LISTS = [RELAYS_LIST_TITLE, INSIGHT_ACTIVITY_LIST_TITLE, RELAY_STATS_LIST_TITLE];

describe('the relay lists are out of search', () => {
  it('provisioning sets NoCrawl on "Customer feedback", "Insight activity" and "Relay statistics", and only on them', async () => {
    for (const title of PRIVATE_LISTS) expect(await noCrawlOf(title)).toBe(true);
    for (const title of [INSIGHTS_LIST_TITLE, BANNERS_LIST_TITLE]) expect(await noCrawlOf(title)).toBe(false);
  });

  it('an employee searching for a word of another employee\'s relay finds nothing, in every form of the query', async () => {
    const upn = PERSONAS_UPN.employee;
    expect((await search(upn, SECRET)).total).toBe(0);
    expect((await search(upn, `${SECRET.slice(0, 6)}*`)).total).toBe(0);
    expect((await search(upn, `"came back ${SECRET}"`)).total).toBe(0);
    expect(await searchVerbose(upn, SECRET)).toBe(0);
    const batch = await searchInBatch(upn, SECRET);
    expect(batch).toContain('HTTP/1.1 200');
    expect(batch).not.toContain(SECRET);
    // Refiners count only what the caller finds: nothing of the relay's channel either.
    const refined = await search(upn, '*', { Refiners: 'Title' });
    expect(JSON.stringify(refined.raw)).not.toContain(SECRET);
  });

  it('nobody finds relay text through search: not its author, the management role, the tenant admins, nor a site collection admin', async () => {
    for (const upn of EVERYONE) {
      expect({ upn, total: (await search(upn, SECRET)).total }).toEqual({ upn, total: 0 });
      for (const title of PRIVATE_LISTS) {
        expect({ upn, title, total: (await search(upn, `path:"${listPath(title)}"`)).total }).toEqual({ upn, title, total: 0 });
      }
    }
    // The employee does not find their own relay either: "My relays" reads the list, not search.
    expect((await search(PERSONAS_UPN.employee, OWN)).total).toBe(0);
    setSiteAdmin(r.t.tenant.db, PERSONAS_UPN.director, true);
    try {
      expect((await search(PERSONAS_UPN.director, SECRET)).total).toBe(0);
      expect((await search(PERSONAS_UPN.director, `path:"${listPath(RELAYS_LIST_TITLE)}"`)).total).toBe(0);
    } finally {
      setSiteAdmin(r.t.tenant.db, PERSONAS_UPN.director, false);
    }
  });
});

describe('security trimming on crawled lists', () => {
  const TITLE = 'Search trimming notes';
  let ids: number[] = [];

  beforeAll(async () => {
    // A plain list, read security 1, searchable, that everyone reads: the control.
    const created = await rest(PERSONAS_UPN.admin, 'POST', `${r.t.siteUrl}/_api/web/lists`, { Title: TITLE, BaseTemplate: 100, Description: 'test' });
    expect(created.status).toBe(201);
    const { firstId } = bulkInsertItems(r.t.tenant.db, TITLE, [
      { Title: 'plumbobic open note' }, { Title: 'plumbobic restricted note' }, { Title: 'plumbobic third note' }
    ], PERSONAS_UPN.admin);
    ids = [firstId, firstId + 1, firstId + 2];
    // Everyone reads the list (the site's members group, holding everyone, has Edit in the demo tenant).
    expect((await search(PERSONAS_UPN.employee, 'plumbobic')).total).toBe(3);
  });

  it('a list without NoCrawl and with read security 1 is still found, by everyone who reads it', async () => {
    for (const upn of [PERSONAS_UPN.employee, PERSONAS_UPN.agent, PERSONAS_UPN.manager]) {
      const found = await search(upn, 'plumbobic');
      expect(found.rows.map(x => x.Title)).toEqual(['plumbobic open note', 'plumbobic restricted note', 'plumbobic third note']);
      expect(found.rows.map(x => String(x.Path).replace(/.*ID=/, ''))).toEqual(ids.map(String));
    }
    expect(await noCrawlOf(TITLE)).toBe(false);
  });

  it('an item under unique permissions is found only by those who may read it', async () => {
    const item = `${listUrl(TITLE)}/items(${ids[1]})`;
    expect((await rest(PERSONAS_UPN.admin, 'POST', `${item}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(200);
    try {
      expect((await search(PERSONAS_UPN.employee, 'plumbobic')).rows.map(x => x.Title)).toEqual(['plumbobic open note', 'plumbobic third note']);
      expect((await search(PERSONAS_UPN.employee, 'restricted')).total).toBe(0);
    } finally {
      // Nobody but site collection admins holds the item now: put it back directly.
      const listId = String((await rest(PERSONAS_UPN.admin, 'GET', `${listUrl(TITLE)}?$select=Id`)).json.Id);
      resetInheritance(r.t.tenant.db, itemScope(listId, ids[1]));
    }
  });

  it('read security 2 on a crawled list: own items only, all of them with Override List Behaviors', async () => {
    const title = 'Search trimming own items';
    expect((await rest(PERSONAS_UPN.admin, 'POST', `${r.t.siteUrl}/_api/web/lists`, { Title: title, BaseTemplate: 100, ReadSecurity: 2 })).status).toBe(201);
    bulkInsertItems(r.t.tenant.db, title, [{ Title: 'glimmerfen by the employee' }], PERSONAS_UPN.employee);
    bulkInsertItems(r.t.tenant.db, title, [{ Title: 'glimmerfen by the agent' }], PERSONAS_UPN.agent);
    expect((await search(PERSONAS_UPN.employee, 'glimmerfen')).rows.map(x => x.Title)).toEqual(['glimmerfen by the employee']);
    expect((await search(PERSONAS_UPN.agent, 'glimmerfen')).rows.map(x => x.Title)).toEqual(['glimmerfen by the agent']);
    // A site collection admin holds Override List Behaviors.
    setSiteAdmin(r.t.tenant.db, PERSONAS_UPN.director, true);
    try {
      expect((await search(PERSONAS_UPN.director, 'glimmerfen')).total).toBe(2);
    } finally {
      setSiteAdmin(r.t.tenant.db, PERSONAS_UPN.director, false);
    }
  });

  it('NoCrawl is read and written over REST; turned on later, the list leaves search at once for everyone', async () => {
    const on = await rest(PERSONAS_UPN.admin, 'POST', listUrl(TITLE), { NoCrawl: true }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
    expect(on.status).toBe(204);
    expect(await noCrawlOf(TITLE)).toBe(true);
    for (const upn of [PERSONAS_UPN.employee, PERSONAS_UPN.admin]) expect((await search(upn, 'plumbobic')).total).toBe(0);
    // Not a boolean: refused, never guessed.
    expect((await rest(PERSONAS_UPN.admin, 'POST', listUrl(TITLE), { NoCrawl: 'no' }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' })).status).toBe(400);
    // Someone without Manage Lists (a Contributor of the relays list) cannot turn search back on.
    expect((await rest(PERSONAS_UPN.employee, 'POST', listUrl(RELAYS_LIST_TITLE), { NoCrawl: false }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' })).status).toBe(403);
    expect(await noCrawlOf(RELAYS_LIST_TITLE)).toBe(true);
    expect((await rest(PERSONAS_UPN.admin, 'POST', listUrl(TITLE), { NoCrawl: false }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' })).status).toBe(204);
    expect((await search(PERSONAS_UPN.employee, 'plumbobic')).total).toBe(3);
  });

  it('a list created with NoCrawl is never searchable', async () => {
    const title = 'Search trimming hidden from search';
    expect((await rest(PERSONAS_UPN.admin, 'POST', `${r.t.siteUrl}/_api/web/lists`, { Title: title, BaseTemplate: 100, NoCrawl: true })).status).toBe(201);
    bulkInsertItems(r.t.tenant.db, title, [{ Title: 'snarkwhistle' }], PERSONAS_UPN.admin);
    expect(await noCrawlOf(title)).toBe(true);
    expect((await search(PERSONAS_UPN.admin, 'snarkwhistle')).total).toBe(0);
  });
});

describe('provisioning NoCrawl', () => {
  it('a second run changes nothing; turned off by hand, the dry run reports it and changes nothing, the real run turns it back on, once', async () => {
    expect((await provisionSuite(r.admin, { roles: r.roles, lists: SUITE_LISTS })).changes).toEqual([]);
    expect((await rest(PERSONAS_UPN.admin, 'POST', listUrl(RELAYS_LIST_TITLE), { NoCrawl: false }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' })).status).toBe(204);
    const dry = await provisionSuite(r.admin, { roles: r.roles, lists: SUITE_LISTS, dryRun: true });
    expect(dry.changes).toEqual([{ kind: 'updatedList', target: RELAYS_LIST_TITLE, detail: 'NoCrawl false -> true' }]);
    expect(await noCrawlOf(RELAYS_LIST_TITLE)).toBe(false);
    const real = await provisionSuite(r.admin, { roles: r.roles, lists: SUITE_LISTS });
    expect(real.changes).toEqual([{ kind: 'updatedList', target: RELAYS_LIST_TITLE, detail: 'NoCrawl false -> true' }]);
    expect(await noCrawlOf(RELAYS_LIST_TITLE)).toBe(true);
    expect((await search(PERSONAS_UPN.agent, SECRET)).total).toBe(0);
    expect((await provisionSuite(r.admin, { roles: r.roles, lists: SUITE_LISTS })).changes).toEqual([]);
  });

  it('a new list declared excluded from search is created with NoCrawl, and the dry run says so', async () => {
    const schema: ListSchema = {
      title: 'Search trimming declared', description: 'test', versioning: false, readSecurity: 1, writeSecurity: 1, excludedFromSearch: true,
      fields: [{ internalName: 'Note1', title: 'Note', type: 'Note' }], permissions: { breakInheritance: false, grants: [] }
    };
    const dry = await provisionSuite(r.admin, { roles: r.roles, lists: [schema], dryRun: true });
    expect(dry.changes[0]).toEqual({ kind: 'createdList', target: schema.title, detail: 'excluded from search (NoCrawl true)' });
    const real = await provisionSuite(r.admin, { roles: r.roles, lists: [schema] });
    expect(real.changes.map(c => c.kind)).toEqual(['createdList', 'addedField']);
    expect(await noCrawlOf(schema.title)).toBe(true);
    expect((await provisionSuite(r.admin, { roles: r.roles, lists: [schema] })).changes).toEqual([]);
  });
});
