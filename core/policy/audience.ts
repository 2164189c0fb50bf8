/**
 * Who a feature is for and who holds a role, from the groups a member belongs to. Entra groups
 * match by object id (GUIDs, compared case-insensitively), SharePoint groups by title (SharePoint
 * compares group names case-insensitively).
 */
import type { Audience, FeatureKey, GroupRef, Policy, RoleKey } from './types';

/** The groups of the signed-in user that the policy can name. */
export interface PolicyMember {
  /** Object ids of the Entra groups the user belongs to (only those the policy names are needed). */
  entraGroupIds: string[];
  /** Titles of the SharePoint site groups the user belongs to. */
  siteGroupTitles: string[];
}

export type FeatureAccess =
  | { allowed: true }
  | { allowed: false; reason: 'disabled' | 'outsideAudience' };

function lower(value: string): string {
  return value.toLowerCase();
}

/** Whether the member belongs to one of `groups`. */
export function inAnyGroup(groups: readonly GroupRef[] | undefined, member: PolicyMember): boolean {
  if (!groups || groups.length === 0) return false;
  const entra = new Set((member.entraGroupIds || []).map(lower));
  const site = new Set((member.siteGroupTitles || []).map(lower));
  return groups.some(g => (g.kind === 'entra' ? entra : site).has(lower(g.id)));
}

/** Whether the member is in the audience: everyone or a listed group, and not in `except`. */
export function inAudience(audience: Audience, member: PolicyMember): boolean {
  const included = audience.everyone ? true : inAnyGroup(audience.groups, member);
  return included && !inAnyGroup(audience.except, member);
}

/** Whether a feature is on for the member, and if not, why (off for all, or not for them). */
export function featureAccess(policy: Policy, feature: FeatureKey, member: PolicyMember): FeatureAccess {
  const toggle = Object.prototype.hasOwnProperty.call(policy.features, feature) ? policy.features[feature] : undefined;
  if (!toggle || !toggle.enabled) return { allowed: false, reason: 'disabled' };
  return inAudience(toggle.audience, member) ? { allowed: true } : { allowed: false, reason: 'outsideAudience' };
}

/** Whether the member holds a role (belongs to one of the role's groups). */
export function hasRole(policy: Policy, role: RoleKey, member: PolicyMember): boolean {
  const groups = Object.prototype.hasOwnProperty.call(policy.roles, role) ? policy.roles[role] : undefined;
  return inAnyGroup(groups, member);
}
