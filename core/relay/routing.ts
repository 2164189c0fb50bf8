/**
 * Routing: who owns a new insight. Pure; the relay job's ingestion (services/relay/ingest.ts)
 * calls it with the first relay of the insight and the relaying employee's manager chain.
 *
 * - The policy's rules are tried in order; the first whose conditions all match wins (a rule with
 *   no condition matches every relay). Keys are compared as stored (policy keys).
 * - A 'group' owner gives the group (id and display name); the owning department is the group's
 *   display name.
 * - A 'managerChain' owner of level N takes the Nth manager of the relaying employee (1 = direct
 *   manager); a chain shorter than N gives its last (highest) manager; no chain at all gives the
 *   policy's fallback owner. The owning department is the manager's department.
 * - No rule matching: the policy's fallback owner (source 'fallback').
 */
import type { FeedbackPolicy, GroupRef } from '../policy/types';
import type { InsightOwner } from './model';

export interface RoutedRelay {
  category: string;
  product: string;
  /** The relaying employee's business unit (department), when known. */
  businessUnit?: string;
}

export interface ChainManager {
  upn: string;
  displayName: string;
  department: string;
}

const groupOwner = (group: GroupRef, source: string): InsightOwner => ({
  upn: null,
  groupId: group.id,
  groupName: group.name,
  source,
  department: group.name
});

/** Whether the rule's conditions (all given ones) hold for the relay. */
export function ruleMatches(when: FeedbackPolicy['routing'][number]['when'], relay: RoutedRelay): boolean {
  if (when.category !== undefined && when.category !== '' && when.category !== relay.category) return false;
  if (when.product !== undefined && when.product !== '' && when.product !== relay.product) return false;
  if (when.businessUnit !== undefined && when.businessUnit !== ''
    && when.businessUnit.trim().toLowerCase() !== (relay.businessUnit || '').trim().toLowerCase()) return false;
  return true;
}

/** The owner of a new insight whose first relay is `relay`. */
export function routeInsight(
  policy: Pick<FeedbackPolicy, 'routing' | 'fallbackOwner'>,
  relay: RoutedRelay,
  relayerManagerChain: readonly ChainManager[]
): InsightOwner {
  const chain = relayerManagerChain.filter(m => m && typeof m.upn === 'string' && m.upn.trim() !== '');
  for (const rule of policy.routing) {
    if (!ruleMatches(rule.when || {}, relay)) continue;
    const source = `rule:${rule.id}`;
    if (rule.owner.kind === 'group') return groupOwner(rule.owner.group, source);
    if (chain.length === 0) return groupOwner(policy.fallbackOwner, 'fallback');
    const level = Math.max(1, Math.floor(rule.owner.level) || 1);
    const manager = chain[Math.min(level, chain.length) - 1];
    return { upn: manager.upn.trim().toLowerCase(), groupId: null, groupName: null, source, department: manager.department };
  }
  return groupOwner(policy.fallbackOwner, 'fallback');
}
