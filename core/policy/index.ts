/** The tenant-wide policy: its contract, schema, defaults, validation, differences and audiences. */
export * from './types';
export { POLICY_SCHEMA_VERSION, POLICY_LIMITS, PAUSE_STATES, PolicySchema, POLICY_PART_SCHEMAS, isIsoDate, isTimeZone, minutesOf } from './schema';
export { defaultPolicy, DEMO_GROUPS } from './defaults';
export { validatePolicy, parsePolicyJson, upgradePolicy, applyUpgrades, MAX_POLICY_JSON_LENGTH, MAX_REPORTED_ERRORS } from './validate';
export type { PolicyUpgradeStep } from './validate';
export { diffPolicies } from './diff';
export { readPolicy, readPolicyJson } from './read';
export { featureAccess, hasRole, inAudience, inAnyGroup } from './audience';
export type { FeatureAccess, PolicyMember } from './audience';
