/**
 * The contract between the settings views and the settings service (services/settings.ts):
 * views depend on this interface only, so they can be tested with an in-memory implementation.
 */
import type { Policy, PolicyFieldError } from '../core/policy/types';

/** Why the policy in force is not the stored one. */
export type SettingsNotice =
  /** The settings list could not be read: the last policy read on this device is in force. */
  | 'usingLastKnownGood'
  /** The settings list could not be read and nothing was read before: defaults are in force. */
  | 'usingDefaults'
  /** The stored document is invalid: the last valid one (or the defaults) is in force. */
  | 'storedInvalid'
  /** The suite is not provisioned on this site yet: defaults are in force. */
  | 'notProvisioned';

export interface SettingsSnapshot {
  policy: Policy;
  source: 'list' | 'lastKnownGood' | 'defaults';
  notice: SettingsNotice | null;
  /** ETag of the stored item (send it back when saving), null when nothing is stored. */
  etag: string | null;
  /** When and by whom the stored policy was last changed (ISO date, display name). */
  modified: string | null;
  modifiedBy: string | null;
}

/** One version of the stored policy (SharePoint list item versioning is the audit trail). */
export interface PolicyVersion {
  versionLabel: string;
  modified: string;
  modifiedBy: string;
  /** The document of that version, or null with `errors` when it does not validate any more. */
  policy: Policy | null;
  errors: PolicyFieldError[];
}

/** Thrown by `save` when the document is refused before anything is written. */
export class PolicyValidationError extends Error {
  constructor(public readonly errors: PolicyFieldError[]) {
    super(`The policy has ${errors.length} invalid field(s).`);
    this.name = 'PolicyValidationError';
  }
}

export interface SettingsAdminApi {
  /**
   * The policy in force and where it comes from. Read once per page; `fresh` reads it again
   * (after a 412, to review the draft against what someone else saved).
   */
  load(options?: { fresh?: boolean }): Promise<SettingsSnapshot>;
  /**
   * Validates then stores `policy` as a new version, sending `etag` (If-Match). Throws
   * PolicyValidationError (nothing written), or an HTTP error with status 412 when someone else
   * saved in between, 403 when the user may not write.
   */
  save(policy: Policy, etag: string | null): Promise<SettingsSnapshot>;
  /** Stored versions, newest first. */
  history(): Promise<PolicyVersion[]>;
  /** Whether the signed-in user holds the tenant admin role of the policy in force. */
  isTenantAdmin(): Promise<boolean>;
}
