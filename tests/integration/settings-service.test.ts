/**
 * The settings service against the local tenant: storage with versions, SharePoint permissions,
 * concurrency, fallbacks when the list cannot be read, one read per page, audiences.
 */
import { createContextFromBaseUrl } from '../../services/connect';
import { SettingsService, clearSettingsPageCache, POLICY_READ_DEADLINE_MS } from '../../services/settings';
import { PolicyValidationError } from '../../services/settingsApi';
import { provisionSuite } from '../../services/provisioning/provision';
import { POLICY_FIELD, SETTINGS_LIST_TITLE } from '../../services/provisioning/schema';
import { defaultPolicy } from '../../core/policy';
import type { Policy } from '../../core/policy/types';
import { demoGroupId } from '../../workbench/tenant/seed';
import { PERSONAS_UPN, SeededTenant, startSeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';

/** An in-memory Storage, as a browser's localStorage would be. */
class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length(): number { return this.data.size; }
  clear(): void { this.data.clear(); }
  getItem(key: string): string | null { return this.data.has(key) ? (this.data.get(key) as string) : null; }
  key(i: number): string | null { return Array.from(this.data.keys())[i] ?? null; }
  removeItem(key: string): void { this.data.delete(key); }
  setItem(key: string, value: string): void { this.data.set(key, String(value)); }
}

let t: SeededTenant;

function service(upn: string, storage: Storage | null = new MemoryStorage()): SettingsService {
  const ctx = createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': upn } });
  return new SettingsService(ctx, { storage });
}

const claim = (nickname: string): string => `c:0t.c|tenant|${demoGroupId(nickname)}`;

async function provision(): Promise<void> {
  await provisionSuite(spFor(t.siteUrl, PERSONAS_UPN.admin), {
    roles: {
      tenantAdmins: [claim('tenant-admins')],
      management: [claim('management')],
      communications: [claim('communications-team')],
      communityManagers: [claim('community-managers')]
    }
  });
}

beforeAll(async () => {
  t = await startSeededTenant();
});

afterAll(async () => {
  await t.close();
});

beforeEach(() => clearSettingsPageCache());

test('before provisioning, the defaults are in force and the snapshot says the suite is not set up', async () => {
  const snapshot = await service(PERSONAS_UPN.employee).load();
  expect(snapshot.source).toBe('defaults');
  expect(snapshot.notice).toBe('notProvisioned');
  expect(snapshot.policy).toEqual(defaultPolicy());
});

describe('once provisioned', () => {
  beforeAll(async () => {
    await provision();
  });

  test('a tenant admin saves a policy; everyone reads it; versions keep the audit trail', async () => {
    const admin = service(PERSONAS_UPN.admin);
    expect(await admin.isTenantAdmin()).toBe(true);
    const first = await admin.load();
    expect(first.source).toBe('defaults');
    expect(first.notice).toBeNull();

    const changed: Policy = { ...first.policy, moderation: { ...first.policy.moderation, flagHideThreshold: 7 } };
    const saved = await admin.save(changed, first.etag);
    expect(saved.source).toBe('list');
    expect(saved.policy.moderation.flagHideThreshold).toBe(7);
    expect(saved.modifiedBy).toBe('David Chen');

    const again: Policy = { ...saved.policy, moderation: { ...saved.policy.moderation, flagHideThreshold: 9 } };
    await admin.save(again, saved.etag);

    clearSettingsPageCache();
    const employee = await service(PERSONAS_UPN.employee).load();
    expect(employee.policy.moderation.flagHideThreshold).toBe(9);

    const history = await admin.history();
    expect(history.map(v => v.versionLabel)).toEqual(['2.0', '1.0']);
    expect(history.map(v => v.policy && v.policy.moderation.flagHideThreshold)).toEqual([9, 7]);
    expect(history[0].modifiedBy).toBe('David Chen');
  });

  test('an invalid policy is refused with field-level errors and nothing is written', async () => {
    const admin = service(PERSONAS_UPN.admin);
    const before = await admin.load();
    const bad = { ...before.policy, feedback: { ...before.policy.feedback, retentionDays: -5 } };
    const error = await admin.save(bad, before.etag).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as PolicyValidationError).errors.map(e => e.path)).toContain('feedback.retentionDays');
    clearSettingsPageCache();
    expect((await admin.load()).etag).toBe(before.etag);
  });

  test('a stale ETag is refused with 412 and the stored policy is unchanged', async () => {
    const a = service(PERSONAS_UPN.admin);
    const seen = await a.load();
    await a.save({ ...seen.policy, spikes: { ...seen.policy.spikes, zScore: 4 } }, seen.etag);
    const late = await a.save({ ...seen.policy, spikes: { ...seen.policy.spikes, zScore: 5 } }, seen.etag).catch((e: { status?: number }) => e);
    expect((late as { status?: number }).status).toBe(412);
    clearSettingsPageCache();
    expect((await a.load()).policy.spikes.zScore).toBe(4);
  });

  test('SharePoint refuses a non-admin who writes the policy, through the service or directly', async () => {
    const employee = service(PERSONAS_UPN.employee);
    expect(await employee.isTenantAdmin()).toBe(false);
    const seen = await employee.load();
    const refused = await employee.save(seen.policy, seen.etag).catch((e: { status?: number }) => e);
    expect((refused as { status?: number }).status).toBe(403);
    const direct = await spFor(t.siteUrl, PERSONAS_UPN.employee).web.lists.getByTitle(SETTINGS_LIST_TITLE).items
      .add({ Title: 'policy', [POLICY_FIELD]: '{}' }).catch((e: { status?: number }) => e);
    expect((direct as { status?: number }).status).toBe(403);
  });

  test('one read per page, however many components ask', async () => {
    const before = t.requests.length;
    const storage = new MemoryStorage();
    await Promise.all([service(PERSONAS_UPN.employee, storage).load(), service(PERSONAS_UPN.employee, storage).load(), service(PERSONAS_UPN.employee, storage).load()]);
    const reads = t.requests.slice(before).filter(r => r.url.includes('/items'));
    expect(reads).toHaveLength(1);
  });

  test('when the list cannot be read: the last known good policy, then the defaults, with a notice', async () => {
    const storage = new MemoryStorage();
    const stored = await service(PERSONAS_UPN.employee, storage).load();
    expect(stored.source).toBe('list');
    t.tenant.faults.set({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 0, paths: ['/_api/'] });
    try {
      clearSettingsPageCache();
      const cached = await service(PERSONAS_UPN.employee, storage).load();
      expect(cached.source).toBe('lastKnownGood');
      expect(cached.notice).toBe('usingLastKnownGood');
      expect(cached.policy).toEqual(stored.policy);
      clearSettingsPageCache();
      const fresh = await service(PERSONAS_UPN.employee, new MemoryStorage()).load();
      expect(fresh.source).toBe('defaults');
      expect(fresh.notice).toBe('usingDefaults');
    } finally {
      t.tenant.faults.set({ failureRate: 0, paths: [] });
    }
  }, 60000);

  test('a stored document that no longer validates never takes effect', async () => {
    const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
    const storage = new MemoryStorage();
    const good = await service(PERSONAS_UPN.employee, storage).load();
    const [item] = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select('Id').filter("Title eq 'policy'")();
    await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.getById(item.Id).update({ [POLICY_FIELD]: '{"schemaVersion":1,"features":"all"}' });
    clearSettingsPageCache();
    const snapshot = await service(PERSONAS_UPN.employee, storage).load();
    expect(snapshot.notice).toBe('storedInvalid');
    expect(snapshot.policy).toEqual(good.policy);
    // Put a valid document back for the next tests.
    await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.getById(item.Id).update({ [POLICY_FIELD]: JSON.stringify(good.policy) });
  });

  test('a feature turned off for one group: its members see it off, others keep it', async () => {
    const admin = service(PERSONAS_UPN.admin);
    const seen = await admin.load();
    const customerService = { kind: 'entra' as const, id: demoGroupId('dept-customer-service'), name: 'Customer Service' };
    await admin.save({
      ...seen.policy,
      features: { ...seen.policy.features, profiles: { enabled: true, audience: { everyone: true, except: [customerService] } } }
    }, seen.etag);
    clearSettingsPageCache();
    expect((await service(PERSONAS_UPN.agent).featureState('profiles')).state).toEqual({ allowed: false, reason: 'outsideAudience' });
    clearSettingsPageCache();
    expect((await service(PERSONAS_UPN.employee).featureState('profiles')).state).toEqual({ allowed: true });
    clearSettingsPageCache();
    expect((await service(PERSONAS_UPN.agent).featureState('communities')).state).toEqual({ allowed: true });
  });
});

describe('during an outage', () => {
  const faults = async (body: Record<string, unknown>): Promise<void> => {
    const res = await fetch(`${new URL(t.siteUrl).origin}/_local/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  beforeAll(async () => {
    await provision();
  });

  test('a page gets its answer within seconds, and features meant for everyone (the header, the relay) stay on', async () => {
    const storage = new MemoryStorage();
    // A first page load while SharePoint answers: the policy is remembered on the device.
    await service(PERSONAS_UPN.agent, storage).load();
    clearSettingsPageCache();
    await faults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 2, paths: ['/_api/'] });
    try {
      const started = Date.now();
      const settings = service(PERSONAS_UPN.agent, storage);
      const [header, relay] = await Promise.all([settings.featureState('portalHeader'), settings.featureState('feedbackRelay')]);
      expect(Date.now() - started).toBeLessThan(POLICY_READ_DEADLINE_MS + 2000);
      expect(header.state.allowed).toBe(true);
      expect(relay.state.allowed).toBe(true);
      expect(relay.snapshot).toMatchObject({ source: 'lastKnownGood', notice: 'usingLastKnownGood' });
    } finally {
      await faults({ failureRate: 0 });
    }
  }, 30000);
});
