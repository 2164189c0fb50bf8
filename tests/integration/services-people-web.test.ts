/**
 * The suite's own services (services/people.ts, services/web.ts), built exactly as the workbench
 * builds them (services/connect.ts: PnPjs + Graph client from base URLs), against the local tenant.
 */
import { createContextFromBaseUrl } from '../../services/connect';
import { managerChain, managerChainUrl, NotFoundError, PeopleService } from '../../services/people';
import { WebService } from '../../services/web';
import { PERSONAS_UPN, SeededTenant, startSeededTenant } from '../support/graph-client';

let t: SeededTenant;

beforeAll(async () => {
  t = await startSeededTenant();
});

afterAll(async () => {
  await t.close();
});

function contextFor(upn: string) {
  return createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'fr-FR', headers: { 'x-local-user': upn } });
}

describe('PeopleService', () => {
  it('loads the signed-in agent with manager, reports and photo in one request', async () => {
    const before = t.requests.length;
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.agent).graph).getProfile(null);
    expect(t.requests.length - before).toBe(1);
    expect(t.requests[t.requests.length - 1].url).toMatch(/\/graph\/v1\.0\/\$batch$/);
    expect(profile.person.userPrincipalName).toBe(PERSONAS_UPN.agent);
    expect(profile.person.displayName).toBe('Émilie Tremblay');
    expect(profile.manager && profile.manager.userPrincipalName).toBe(PERSONAS_UPN.manager);
    if (profile.photo) {
      const bytes = new Uint8Array(await profile.photo.arrayBuffer());
      expect(Array.from(bytes.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });

  it('shows the manager with the agent among the direct reports', async () => {
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.agent).graph).getProfile(PERSONAS_UPN.manager);
    expect(profile.person.userPrincipalName).toBe(PERSONAS_UPN.manager);
    expect(profile.directReports.map(r => r.userPrincipalName)).toContain(PERSONAS_UPN.agent);
    expect(profile.manager && profile.manager.userPrincipalName).toBe(PERSONAS_UPN.director);
  });

  it('reads the whole manager chain, nearest first up to the CEO, inside the same single batch', async () => {
    const before = t.requests.length;
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.employee).graph).getProfile(PERSONAS_UPN.agent);
    expect(t.requests.length - before).toBe(1);
    const chain = profile.managerChain.map(p => p.userPrincipalName);
    expect(chain.slice(0, 2)).toEqual([PERSONAS_UPN.manager, PERSONAS_UPN.director]);
    expect(chain[chain.length - 1]).toBe(PERSONAS_UPN.ceo);
    expect(new Set(chain).size).toBe(chain.length);
    expect(profile.manager).toEqual(profile.managerChain[0]);
    expect(profile.managerChain[1].displayName).toBe("Catherine O'Neill");
  });

  it('exports managerChain for anyone (one request), empty at the top, NotFoundError for a stranger', async () => {
    const graph = contextFor(PERSONAS_UPN.employee).graph;
    const before = t.requests.length;
    const chain = await managerChain(graph, PERSONAS_UPN.manager);
    expect(t.requests.length - before).toBe(1);
    expect(chain[0].userPrincipalName).toBe(PERSONAS_UPN.director);
    expect(chain[chain.length - 1].userPrincipalName).toBe(PERSONAS_UPN.ceo);
    expect(await new PeopleService(graph).managerChain(PERSONAS_UPN.ceo)).toEqual([]);
    await expect(managerChain(graph, 'nobody@northwind-retail.example')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers $levels only with the advanced query parameters, and on one user only, as Graph does', async () => {
    const graph = contextFor(PERSONAS_UPN.employee).graph;
    const statusOf = (p: Promise<unknown>): Promise<number> => p.then(() => 200, (e: { statusCode: number }) => e.statusCode);
    expect(await statusOf(graph.api(managerChainUrl(PERSONAS_UPN.agent)).get())).toBe(400);
    expect(await statusOf(graph.api(managerChainUrl(PERSONAS_UPN.agent).replace('&$count=true', '')).header('ConsistencyLevel', 'eventual').get())).toBe(400);
    expect(await statusOf(graph.api('/users?$expand=manager($levels=max)&$count=true').header('ConsistencyLevel', 'eventual').get())).toBe(400);
    expect(await statusOf(graph.api(managerChainUrl(PERSONAS_UPN.agent).replace('$levels=max', '$levels=2')).header('ConsistencyLevel', 'eventual').get())).toBe(400);
  });

  it('gives the CEO no manager rather than an error', async () => {
    const profile = await new PeopleService(contextFor(PERSONAS_UPN.employee).graph).getProfile(PERSONAS_UPN.ceo);
    expect(profile.manager).toBeNull();
    expect(profile.directReports.length).toBeGreaterThan(3);
  });

  it('returns a photo for most people and none without failing for the rest', async () => {
    const people = (await contextFor(PERSONAS_UPN.employee).graph.api('/users').select('id').top(40).get()) as { value: Array<{ id: string }> };
    const service = new PeopleService(contextFor(PERSONAS_UPN.employee).graph);
    const profiles = await Promise.all(people.value.map(p => service.getProfile(p.id)));
    const withPhoto = profiles.filter(p => p.photo !== null).length;
    expect(withPhoto).toBeGreaterThan(20);
    expect(withPhoto).toBeLessThan(40);
  });

  it('reports an unknown person as not found', async () => {
    await expect(new PeopleService(contextFor(PERSONAS_UPN.agent).graph).getProfile("nobody.o'hara@northwind-retail.example"))
      .rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('WebService', () => {
  it('reads the site title and the current user in one batched request', async () => {
    const service = new WebService(contextFor(PERSONAS_UPN.manager));
    const before = t.requests.length;
    const identity = await service.getSiteIdentity();
    const paths = (from: number): string[] => t.requests.slice(from).map(r => `${r.method} ${r.url.replace(/\?.*$/, '')}`);
    // Outside SharePoint, PnPjs first gets a request digest for the POST (SPFx takes it from the page).
    expect(paths(before)).toEqual(['POST /sites/intranet/_api/contextinfo', 'POST /sites/intranet/_api/$batch']);
    expect(identity.siteTitle).toBeTruthy();
    expect(identity.userTitle).toBe('Marc-André Gagnon');
    expect(identity.userLoginName).toBe(`i:0#.f|membership|${PERSONAS_UPN.manager}`);
    // The digest is reused: the next read is the batch alone.
    const again = t.requests.length;
    await service.getSiteIdentity();
    expect(paths(again)).toEqual(['POST /sites/intranet/_api/$batch']);
  });
});
