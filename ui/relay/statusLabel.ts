/**
 * An insight status in the reader's language. The capture view ("My relays") and the dashboard
 * each carry their own strings resource; both hold these keys.
 */
import type { InsightStatus } from '../../core/relay/clock';

export interface StatusStrings {
  StatusNew: string;
  StatusAcknowledged: string;
  StatusInProgress: string;
  StatusWaitingOnCustomer: string;
  StatusWaitingOnThirdParty: string;
  StatusResolved: string;
  StatusDeclined: string;
  StatusDuplicate: string;
}

/** The label of a status; an unknown value (an older or newer list choice) is shown as stored. */
export function statusLabel(s: StatusStrings, status: InsightStatus | string): string {
  switch (status) {
    case 'new': return s.StatusNew;
    case 'acknowledged': return s.StatusAcknowledged;
    case 'inProgress': return s.StatusInProgress;
    case 'waitingOnCustomer': return s.StatusWaitingOnCustomer;
    case 'waitingOnThirdParty': return s.StatusWaitingOnThirdParty;
    case 'resolved': return s.StatusResolved;
    case 'declined': return s.StatusDeclined;
    case 'duplicate': return s.StatusDuplicate;
    default: return status;
  }
}
