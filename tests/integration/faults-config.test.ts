/**
 * The fault injector on its own: environment variables, determinism with a seed, the rate-limit
 * window (with a controlled clock) and path prefixes.
 */
import { createFaultInjector, faultsFromEnv, faultConfigFromEnv, FaultConfigError } from '../../workbench/tenant/faults';
import type { TenantRequest } from '../../workbench/tenant/types';

function req(path: string, upn = 'a@northwind-retail.example'): TenantRequest {
  return { method: 'GET', url: new URL(`http://localhost:4321${path}`), path, headers: { 'x-local-user': upn }, body: Buffer.alloc(0), user: null };
}

describe('faults from the environment', () => {
  it('reads every variable', () => {
    const f = faultsFromEnv({
      LOCAL_TENANT_FAILURE_RATE: '0.2',
      LOCAL_TENANT_FAILURE_STATUSES: '429, 503',
      LOCAL_TENANT_RETRY_AFTER: '3',
      LOCAL_TENANT_LATENCY_MS: '50-400',
      LOCAL_TENANT_RATE_LIMIT: '100/60',
      LOCAL_TENANT_FAULT_SEED: '42',
      LOCAL_TENANT_FAULT_PATHS: '/_api/,/graph/'
    });
    expect(f.config()).toEqual({
      failureRate: 0.2,
      failureStatuses: [429, 503],
      retryAfterSeconds: 3,
      latencyMs: { min: 50, max: 400 },
      rateLimit: { requests: 100, windowSeconds: 60 },
      seed: 42,
      paths: ['/_api/', '/graph/']
    });
  });

  it('has no faults when nothing is set, and refuses nonsense with a message naming the variable', () => {
    expect(faultsFromEnv({}).config()).toMatchObject({ failureRate: 0, latencyMs: null, rateLimit: null });
    expect(() => faultsFromEnv({ LOCAL_TENANT_FAILURE_RATE: '1.5' })).toThrow(FaultConfigError);
    expect(() => faultConfigFromEnv({ LOCAL_TENANT_RATE_LIMIT: 'lots' })).toThrow(/LOCAL_TENANT_RATE_LIMIT/);
    expect(() => faultConfigFromEnv({ LOCAL_TENANT_LATENCY_MS: 'slow' })).toThrow(/LOCAL_TENANT_LATENCY_MS/);
    expect(() => faultsFromEnv({ LOCAL_TENANT_FAILURE_STATUSES: '418' })).toThrow(/failureStatuses/);
  });
});

describe('the injector', () => {
  it('is deterministic with a seed and fails about the configured share', async () => {
    const run = async (): Promise<(number | null)[]> => {
      const f = createFaultInjector({ failureRate: 0.3, seed: 1234 });
      const out: (number | null)[] = [];
      for (let i = 0; i < 400; i++) {
        const r = await f.intercept(req('/graph/v1.0/me'));
        out.push(r ? r.status : null);
      }
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    const failed = a.filter(s => s !== null);
    expect(failed.length).toBeGreaterThan(80);
    expect(failed.length).toBeLessThan(160);
    expect(new Set(failed)).toEqual(new Set([429, 503]));
  });

  it('limits requests per user and window, then lets them through again', async () => {
    let now = 1_000_000;
    const f = createFaultInjector({ rateLimit: { requests: 3, windowSeconds: 10 } }, { nowMs: () => now });
    expect(await f.intercept(req('/graph/v1.0/me'))).toBeNull();
    expect(f.responseHeaders!(req('/graph/v1.0/me'))).toEqual({});
    for (let i = 0; i < 2; i++) expect(await f.intercept(req('/graph/v1.0/me'))).toBeNull();
    now += 4000;
    const refused = await f.intercept(req('/graph/v1.0/me'));
    expect(refused!.status).toBe(429);
    expect(refused!.headers).toMatchObject({ 'Retry-After': '6', 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '6' });
    // RateLimit-* headers appear on allowed answers once 80 % of the budget is used
    expect(f.responseHeaders!(req('/graph/v1.0/me'))).toEqual({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '6' });
    // another user has a budget of their own
    expect(await f.intercept(req('/graph/v1.0/me', 'b@northwind-retail.example'))).toBeNull();
    now += 6000;
    expect(await f.intercept(req('/graph/v1.0/me'))).toBeNull();
  });

  it('matches path prefixes, /_api/ included under the site', async () => {
    const f = createFaultInjector({ failureRate: 1, paths: ['/_api/'] });
    expect((await f.intercept(req('/sites/intranet/_api/web')))!.status).toBeGreaterThanOrEqual(429);
    expect(await f.intercept(req('/graph/v1.0/me'))).toBeNull();
    f.set({ paths: ['/graph/'] });
    expect(await f.intercept(req('/sites/intranet/_api/web'))).toBeNull();
    expect(await f.intercept(req('/graph/v1.0/me'))).not.toBeNull();
  });

  it('waits the configured latency through its sleep', async () => {
    const waits: number[] = [];
    const f = createFaultInjector({ latencyMs: { min: 100, max: 300 }, seed: 9 }, { sleep: async ms => { waits.push(ms); } });
    for (let i = 0; i < 50; i++) await f.intercept(req('/graph/v1.0/me'));
    expect(waits).toHaveLength(50);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300);
    expect(new Set(waits).size).toBeGreaterThan(10);
  });
});
