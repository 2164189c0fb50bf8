/**
 * The relay job's service account in the local tenant: a member account with a mailbox that is a
 * site collection administrator of the hub site (full control of the relay lists, as the
 * production app registration gets with Sites.Selected, docs/relay-job.md). It is not a persona:
 * the workbench's user switch never offers it. The job sends its notifications from this mailbox
 * (the local Graph lets a caller send as themself only, as a delegated sendMail does).
 */
import type { Database } from 'better-sqlite3';
import { setSiteAdmin } from '../sp/admin';
import { DEMO_DOMAIN } from './personas';
import { stableGuid } from './prng';

export const RELAY_JOB_UPN = `relay-job@${DEMO_DOMAIN}`;

/** Creates the account when missing and makes it a site collection admin. Idempotent. */
export function ensureRelayJobAccount(db: Database): string {
  const exists = db.prepare('SELECT 1 FROM users WHERE userPrincipalName = ?').get(RELAY_JOB_UPN);
  if (!exists) {
    db.prepare(`INSERT INTO users (id, userPrincipalName, displayName, givenName, surname, mail, jobTitle, department, preferredLanguage,
      accountEnabled, userType, extra) VALUES (?, ?, ?, NULL, NULL, ?, ?, NULL, 'en-CA', 1, 'Member', ?)`)
      .run(stableGuid(`user:${RELAY_JOB_UPN}`), RELAY_JOB_UPN, 'Customer feedback relay', RELAY_JOB_UPN, 'Service account',
        JSON.stringify({ service: true }));
  }
  const hasSp = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sp_principals'").get();
  if (hasSp) setSiteAdmin(db, RELAY_JOB_UPN, true);
  return RELAY_JOB_UPN;
}
