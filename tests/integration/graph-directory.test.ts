/**
 * The local tenant's Microsoft Graph, through the Graph JS client itself: /me, /users with
 * $filter, $search, $select, $top and paging, the org chart, photos and group membership.
 */
import { GraphError, PageIterator, ResponseType } from '@microsoft/microsoft-graph-client';
import { graphFor, startSeededTenant, SeededTenant, PERSONAS_UPN } from '../support/graph-client';
import { odataString } from '../../core/odata';

interface GUser { id: string; displayName: string; userPrincipalName?: string; department?: string; accountEnabled?: boolean; mail?: string; jobTitle?: string }
interface Page<T> { value: T[]; '@odata.nextLink'?: string; '@odata.count'?: number }

let t: SeededTenant;

beforeAll(async () => {
  t = await startSeededTenant();
});
afterAll(async () => {
  await t.close();
});

async function graphErrorOf(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    return e as GraphError;
  }
  throw new Error('expected the request to fail');
}

describe('the Graph client against the local tenant', () => {
  it('uses baseUrl and version, and sends the demo user header on every request', async () => {
    const before = t.requests.length;
    const me = await graphFor(t.graphBaseUrl, PERSONAS_UPN.agent).api('/me').get() as GUser;
    expect(me.displayName).toBe('Émilie Tremblay');
    expect(me.userPrincipalName).toBe(PERSONAS_UPN.agent);
    const sent = t.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('/graph/v1.0/me');
    expect(sent[0].headers['x-local-user']).toBe(PERSONAS_UPN.agent);
    expect(sent[0].status).toBe(200);
    expect(sent[0].responseHeaders!['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /me with the default property set only', async () => {
    const me = await graphFor(t.graphBaseUrl, PERSONAS_UPN.manager).api('/me').get() as Record<string, unknown>;
    expect(Object.keys(me).filter(k => !k.startsWith('@')).sort()).toEqual([
      'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
      'preferredLanguage', 'surname', 'userPrincipalName'
    ]);
    expect(me.jobTitle).toBe('Chef d’équipe, service à la clientèle');
  });

  it('refuses a request without a demo user with 401 and Graph\'s error shape', async () => {
    const res = await fetch(`${t.graphBaseUrl}/v1.0/me`);
    expect(res.status).toBe(401);
    const body = await res.json() as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  });

  it('echoes the client-request-id it receives', async () => {
    const res = await fetch(`${t.graphBaseUrl}/v1.0/me`, { headers: { 'x-local-user': PERSONAS_UPN.agent, 'client-request-id': 'abc-123' } });
    expect(res.headers.get('client-request-id')).toBe('abc-123');
  });
});

describe('/users', () => {
  it('filters by department and pages across three pages with absolute next links', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const before = t.requests.length;
    const expected = t.seed.departments['Customer Service'];
    expect(expected).toBeGreaterThan(50);
    const first = await graph.api('/users').filter("department eq 'Customer Service'").select('id,displayName,department').top(25).get() as Page<GUser>;
    expect(first.value).toHaveLength(25);
    expect(first['@odata.nextLink']!.startsWith(`${t.graphBaseUrl}/v1.0/users?`)).toBe(true);
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
    const seen: GUser[] = [];
    const iterator = new PageIterator(graph, first, (u: GUser) => { seen.push(u); return true; });
    await iterator.iterate();
    const pageRequests = t.requests.slice(before);
    expect(pageRequests).toHaveLength(3);
    expect(pageRequests.every(r => r.status === 200)).toBe(true);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map(u => u.id)).size).toBe(expected);
    expect(seen.every(u => u.department === 'Customer Service')).toBe(true);
    // $select is honoured on every page
    expect(Object.keys(seen[seen.length - 1]).sort()).toEqual(['department', 'displayName', 'id']);
  });

  it('supports startswith, and/or, and a quote doubled inside a literal', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const oneill = await graph.api('/users').filter("startswith(displayName,'Catherine O''N')").get() as Page<GUser>;
    expect(oneill.value.map(u => u.displayName)).toEqual(["Catherine O'Neill"]);
    const both = await graph.api('/users')
      .filter(`userPrincipalName eq ${odataString(PERSONAS_UPN.agent)} or mail eq ${odataString(PERSONAS_UPN.manager.toUpperCase())}`).get() as Page<GUser>;
    expect(both.value.map(u => u.displayName).sort()).toEqual(['Marc-André Gagnon', 'Émilie Tremblay']);
    const guests = await graph.api('/users').filter("userType eq 'Guest' and accountEnabled eq true").select('id,userType').get() as Page<GUser>;
    expect(guests.value).toHaveLength(t.seed.guests);
    const disabled = await graph.api('/users').filter('accountEnabled eq false').select('id,accountEnabled').get() as Page<GUser>;
    expect(disabled.value).toHaveLength(t.seed.disabled);
    expect(disabled.value.every(u => u.accountEnabled === false)).toBe(true);
  });

  it('needs advanced query parameters for ne and not, as Graph does', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const err = await graphErrorOf(graph.api('/users').filter("userType ne 'Guest'").get());
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('Request_UnsupportedQuery');
    const ok = await graph.api('/users').header('ConsistencyLevel', 'eventual').count(true).filter("userType ne 'Guest'").top(1).get() as Page<GUser>;
    expect(ok['@odata.count']).toBe(t.seed.members);
  });

  it('answers $search only with ConsistencyLevel: eventual', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const refused = await graphErrorOf(graph.api('/users').search('"displayName:émil"').get());
    expect(refused.statusCode).toBe(400);
    expect(refused.code).toBe('Request_UnsupportedQuery');
    expect(refused.message).toContain('ConsistencyLevel');
    const found = await graph.api('/users').header('ConsistencyLevel', 'eventual').search('"displayName:émil"').count(true).get() as Page<GUser>;
    expect(found.value.map(u => u.displayName)).toContain('Émilie Tremblay');
    expect(found['@odata.count']).toBe(found.value.length);
    expect(found.value.every(u => /(^|[^\p{L}])émil/iu.test(u.displayName))).toBe(true);
    // tokens: the second word of a compound name is found by its prefix
    const andre = await graph.api('/users').header('ConsistencyLevel', 'eventual').search('"displayName:andré" AND "displayName:gag"').get() as Page<GUser>;
    expect(andre.value.map(u => u.displayName)).toEqual(['Marc-André Gagnon']);
  });

  it('sorts by displayName, accents and case aside', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const res = await graph.api('/users').orderby('displayName').select('displayName').top(999).get() as Page<GUser>;
    const names = res.value.map(u => u.displayName);
    expect(names).toHaveLength(t.seed.people);
    const key = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    for (let i = 1; i < names.length; i++) expect(key(names[i - 1]) <= key(names[i])).toBe(true);
    const desc = await graph.api('/users').orderby('displayName desc').select('displayName').top(1).get() as Page<GUser>;
    expect(desc.value[0].displayName).toBe(names[names.length - 1]);
  });

  it('counts with /users/$count, only with ConsistencyLevel: eventual', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const refused = await graphErrorOf(graph.api('/users/$count').get());
    expect(refused.statusCode).toBe(400);
    const n = await graph.api('/users/$count').header('ConsistencyLevel', 'eventual').filter("department eq 'Stores'").get();
    expect(Number(n)).toBe(t.seed.departments.Stores);
  });

  it('refuses what it does not support, naming it', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const top = await graphErrorOf(graph.api('/users').top(1000).get());
    expect(top.statusCode).toBe(400);
    expect(top.message).toContain('1000');
    const select = await graphErrorOf(graph.api('/users').select('id,shoeSize').get());
    expect(select.statusCode).toBe(400);
    expect(select.message).toContain('shoeSize');
    const lambda = await graphErrorOf(graph.api('/users').filter("businessPhones/any(p:p eq '1')").get());
    expect(lambda.statusCode).toBe(400);
    expect(lambda.message).toContain('lambda');
    const skip = await graphErrorOf(graph.api('/users').query({ $skip: '10' }).get());
    expect(skip.statusCode).toBe(400);
    expect(skip.message).toContain('$skip');
    const orderAndFilter = await graphErrorOf(graph.api('/users').filter("department eq 'IT'").orderby('displayName').get());
    expect(orderAndFilter.statusCode).toBe(400);
  });

  it('reads one user by id or UPN, with profile properties only on a single user', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const byUpn = await graph.api(`/users/${PERSONAS_UPN.agent}`).select('id,skills,preferredLanguage,department').get() as { id: string; skills: string[]; preferredLanguage: string };
    expect(byUpn.skills).toContain('Gestion de la relation client');
    const byId = await graph.api(`/users/${byUpn.id}`).get() as GUser;
    expect(byId.displayName).toBe('Émilie Tremblay');
    const inList = await graphErrorOf(graph.api('/users').select('id,skills').get());
    expect(inList.statusCode).toBe(400);
    const missing = await graphErrorOf(graph.api('/users/nobody@northwind-retail.example').get());
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('Request_ResourceNotFound');
  });

  it('keeps guests from enumerating the directory and disabled accounts from signing in', async () => {
    const guest = graphFor(t.graphBaseUrl, PERSONAS_UPN.guest);
    const err = await graphErrorOf(guest.api('/users').get());
    expect(err.statusCode).toBe(403);
    const me = await guest.api('/me').get() as GUser;
    expect(me.displayName).toContain('Laura Weber');
    const disabledUpn = (t.tenant.db.prepare('SELECT userPrincipalName FROM users WHERE accountEnabled = 0 LIMIT 1').get() as { userPrincipalName: string }).userPrincipalName;
    const disabled = await graphErrorOf(graphFor(t.graphBaseUrl, disabledUpn).api('/me').get());
    expect(disabled.statusCode).toBe(401);
  });
});

describe('org chart', () => {
  it('answers $expand=manager($levels=max) with each manager nested in the previous one, up to the CEO (user-list-manager, example 2)', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    type Chain = { id: string; displayName: string; '@odata.type'?: string; jobTitle?: string; manager?: Chain };
    const me = await graph.api('/me').header('ConsistencyLevel', 'eventual')
      .query({ $expand: 'manager($levels=max;$select=id,displayName)', $select: 'id,displayName', $count: 'true' }).get() as Chain;
    const names: string[] = [];
    for (let m = me.manager; m; m = m.manager) {
      expect(m['@odata.type']).toBe('#microsoft.graph.user');
      expect(m.jobTitle).toBeUndefined();
      names.push(m.displayName);
    }
    const chainFromDb: string[] = [];
    let at = t.tenant.db.prepare('SELECT managerId FROM users WHERE userPrincipalName = ?').get(PERSONAS_UPN.employee) as { managerId: string | null };
    while (at && at.managerId) {
      const row = t.tenant.db.prepare('SELECT displayName, managerId FROM users WHERE id = ?').get(at.managerId) as { displayName: string; managerId: string | null };
      chainFromDb.push(row.displayName);
      at = row;
    }
    expect(names).toEqual(chainFromDb);
    expect(names.length).toBeGreaterThan(1);
    // Without $levels, one level only, as before.
    const one = await graph.api('/me').expand('manager($select=id,displayName)').select('id').get() as Chain;
    expect(one.manager && one.manager.manager).toBeUndefined();
  });

  it('gives each persona the manager and reports the seed gave them', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const manager = await graph.api('/me/manager').get() as GUser;
    expect(manager.userPrincipalName).toBe(PERSONAS_UPN.manager);
    const reports = await graph.api(`/users/${manager.id}/directReports`).select('id,displayName').get() as Page<GUser & { '@odata.type': string }>;
    const dbReports = t.tenant.db.prepare('SELECT id FROM users WHERE managerId = ?').all(manager.id) as { id: string }[];
    expect(reports.value.map(r => r.id).sort()).toEqual(dbReports.map(r => r.id).sort());
    expect(reports.value.map(r => r.displayName)).toContain('Émilie Tremblay');
    expect(reports.value.every(r => r['@odata.type'] === '#microsoft.graph.user')).toBe(true);
    const mine = await graphFor(t.graphBaseUrl, PERSONAS_UPN.manager).api('/me/directReports').get() as Page<GUser>;
    expect(mine.value.length).toBe(dbReports.length);
  });

  it('walks the manager chain from a frontline agent to the CEO, where /manager is 404', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const chain: string[] = [];
    let current = PERSONAS_UPN.agent;
    for (;;) {
      try {
        const m = await graph.api(`/users/${current}/manager`).select('id,displayName,userPrincipalName').get() as GUser;
        chain.push(m.displayName);
        current = m.userPrincipalName!;
      } catch (e) {
        expect((e as GraphError).statusCode).toBe(404);
        break;
      }
    }
    expect(chain).toEqual(['Marc-André Gagnon', "Catherine O'Neill", 'Isabelle Lavoie']);
  });

  it('expands the manager of listed users', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const res = await graph.api('/users').filter(`userPrincipalName eq ${odataString(PERSONAS_UPN.agent)}`).expand('manager($select=id,displayName)').get() as Page<GUser & { manager: GUser }>;
    expect(res.value[0].manager.displayName).toBe('Marc-André Gagnon');
  });
});

describe('photos', () => {
  it('serves a valid PNG for people with a photo', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const bytes = Buffer.from(await graph.api('/me/photo/$value').responseType(ResponseType.ARRAYBUFFER).get() as ArrayBuffer);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(bytes.readUInt32BE(16)).toBe(120);
    const again = Buffer.from(await graphFor(t.graphBaseUrl, PERSONAS_UPN.employee).api(`/users/${PERSONAS_UPN.agent}/photo/$value`).responseType(ResponseType.ARRAYBUFFER).get() as ArrayBuffer);
    expect(again.equals(bytes)).toBe(true);
    const meta = await graph.api('/me/photo').get() as { width: number; '@odata.mediaContentType': string };
    expect(meta.width).toBe(120);
    expect(meta['@odata.mediaContentType']).toBe('image/png');
  });

  it('answers 404 ImageNotFound for people without one', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const asBytes = await graphErrorOf(graph.api('/me/photo/$value').responseType(ResponseType.ARRAYBUFFER).get());
    expect(asBytes.statusCode).toBe(404);
    // With the default response type the client parses the JSON error body.
    const err = await graphErrorOf(graph.api('/me/photo/$value').get());
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('ImageNotFound');
  });
});

describe('groups', () => {
  it('lists memberships and checks them like checkMemberGroups', async () => {
    const admins = t.seed.groups['tenant-admins'];
    const management = t.seed.groups.management;
    const admin = graphFor(t.graphBaseUrl, PERSONAS_UPN.admin);
    const memberOf = await admin.api('/me/memberOf').get() as Page<{ id: string; displayName: string; '@odata.type': string }>;
    expect(memberOf.value.map(g => g.displayName)).toEqual(expect.arrayContaining(['Tenant admins', 'Dept – IT']));
    expect(memberOf.value.every(g => g['@odata.type'] === '#microsoft.graph.group')).toBe(true);
    const check = await admin.api('/me/checkMemberGroups').post({ groupIds: [admins, management] }) as { value: string[] };
    expect(check.value).toEqual([admins]);
    const agentCheck = await graphFor(t.graphBaseUrl, PERSONAS_UPN.agent).api('/me/checkMemberGroups').post({ groupIds: [admins] }) as { value: string[] };
    expect(agentCheck.value).toEqual([]);
    const managerCheck = await admin.api(`/users/${PERSONAS_UPN.manager}/checkMemberGroups`).post({ groupIds: [admins, management] }) as { value: string[] };
    expect(managerCheck.value).toEqual([management]);
    const tooMany = await graphErrorOf(admin.api('/me/checkMemberGroups').post({ groupIds: Array.from({ length: 21 }, (_, i) => `g${i}`) }));
    expect(tooMany.statusCode).toBe(400);
  });

  it('lists the members of a group', async () => {
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.employee);
    const res = await graph.api(`/groups/${t.seed.groups['communications-team']}/members`).select('id,displayName,department').get() as Page<GUser>;
    expect(res.value.map(u => u.displayName)).toContain('Chloé Bergeron');
    expect(res.value.every(u => u.department === 'Communications')).toBe(true);
  });
});
