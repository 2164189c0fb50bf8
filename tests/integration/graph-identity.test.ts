/**
 * Identity on the local tenant: who a request runs as (header or cookie), the personas the
 * workbench's user switch offers, and how Graph sees each of them.
 */
import { graphFor, startSeededTenant, SeededTenant, PERSONAS_UPN } from '../support/graph-client';
import { PERSONAS } from '../../workbench/tenant/seed/personas';

let t: SeededTenant;

beforeAll(async () => {
  t = await startSeededTenant();
});
afterAll(async () => {
  await t.close();
});

interface WhoAmI { user: { id: string; displayName: string; userPrincipalName: string } | null; persona: string | null; groups: { displayName: string }[] }

describe('/_local identity controls', () => {
  it('whoami follows the x-local-user header, then the local-user cookie', async () => {
    const byHeader = await (await fetch(`${t.origin}/_local/whoami`, { headers: { 'x-local-user': PERSONAS_UPN.admin } })).json() as WhoAmI;
    expect(byHeader.user!.displayName).toBe('David Chen');
    expect(byHeader.persona).toBe('tenant-admin');
    expect(byHeader.groups.map(g => g.displayName)).toContain('Tenant admins');
    const byCookie = await (await fetch(`${t.origin}/_local/whoami`, { headers: { cookie: `theme=dark; local-user=${encodeURIComponent(PERSONAS_UPN.comms)}` } })).json() as WhoAmI;
    expect(byCookie.user!.displayName).toBe('Chloé Bergeron');
    expect(byCookie.persona).toBe('communications-officer');
    const nobody = await (await fetch(`${t.origin}/_local/whoami`)).json() as WhoAmI;
    expect(nobody.user).toBeNull();
  });

  it('lists the personas with their directory ids and descriptions in English and French', async () => {
    const res = await fetch(`${t.origin}/_local/personas`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { personas } = await res.json() as { personas: { role: string; upn: string; id: string | null; displayName: string; description: { en: string; fr: string } }[] };
    expect(personas.map(p => p.role)).toEqual(PERSONAS.map(p => p.role));
    for (const p of personas) {
      expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(p.description.fr).not.toBe(p.description.en);
    }
  });

  it('a cookie-signed request sees Graph as that user', async () => {
    const res = await fetch(`${t.graphBaseUrl}/v1.0/me?$select=displayName,department`, { headers: { cookie: `local-user=${PERSONAS_UPN.communityManager}` } });
    expect(await res.json()).toMatchObject({ displayName: 'Karim Benali', department: 'HR' });
  });

  it('gives each persona what the journeys expect from Graph', async () => {
    for (const p of PERSONAS) {
      const me = await graphFor(t.graphBaseUrl, p.upn).api('/me').select('displayName,preferredLanguage,userType').get() as { displayName: string; preferredLanguage: string; userType: string };
      expect(me.displayName).toBe(p.displayName);
      expect(me.preferredLanguage).toBe(p.preferredLanguage);
      expect(me.userType).toBe(p.role === 'guest' ? 'Guest' : 'Member');
    }
  });

  it('reports health and the directory size', async () => {
    const health = await (await fetch(`${t.origin}/_local/health`)).json() as { status: string; users: number; time: string };
    expect(health).toMatchObject({ status: 'ok', users: 320, time: '2026-11-02T12:00:00.000Z' });
    expect((await fetch(`${t.origin}/_local/nothing`)).status).toBe(404);
  });
});
