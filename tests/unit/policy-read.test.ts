/**
 * The read path's cheap reader (core/policy/read.ts): a stored document of the shape this code
 * writes reads as the full validation reads it; anything else is refused, for the full validation
 * to decide.
 */
import { defaultPolicy, validatePolicy } from '../../core/policy';
import { readPolicy, readPolicyJson } from '../../core/policy/read';

test('a valid document reads exactly as the full validation reads it', () => {
  const policy = defaultPolicy();
  policy.features.profiles = { enabled: true, audience: { everyone: false, groups: [{ kind: 'entra', id: '726573dc-4c7a-47ff-97e1-1f746d4bdd11', name: 'Tenant admins' }], except: [] } };
  policy.feedback.retentionDays = 90;
  const checked = validatePolicy(JSON.parse(JSON.stringify(policy)));
  expect(checked.ok).toBe(true);
  expect(readPolicyJson(JSON.stringify(policy))).toEqual(checked.ok ? checked.policy : null);
});

test('keys the document lacks take the defaults; kinds that differ are refused', () => {
  const { spikes, ...withoutSpikes } = defaultPolicy();
  expect(readPolicy(withoutSpikes)).toEqual({ ...withoutSpikes, spikes });
  expect(readPolicy({ ...defaultPolicy(), features: 'all' })).toBeNull();
  expect(readPolicy({ ...defaultPolicy(), skills: {} })).toBeNull();
  expect(readPolicy({ ...defaultPolicy(), spikes: { ...spikes, zScore: '3' } })).toBeNull();
  expect(readPolicy({ ...defaultPolicy(), schemaVersion: 2 })).toBeNull();
  expect(readPolicy(null)).toBeNull();
  expect(readPolicyJson('{not json')).toBeNull();
});

test('a prototype key in the document never reaches the result', () => {
  const text = JSON.stringify(defaultPolicy()).replace('{', '{"__proto__":{"polluted":true},');
  const policy = readPolicyJson(text) as unknown as Record<string, unknown>;
  expect(policy).not.toBeNull();
  expect(Object.getPrototypeOf(policy)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
