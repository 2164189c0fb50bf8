/**
 * Idempotent provisioning of the suite's lists from their declarations (./schema.ts), through
 * PnPjs v4 only. It runs in a browser-free Node script (tools/provision.ts) against a real site,
 * and against the local tenant at seed.
 *
 * Three steps: read what the site holds (./current.ts), plan what differs (./plan.ts, pure), then
 * apply the plan (./apply.ts); a dry run reports the plan and applies nothing.
 *
 * Guarantees:
 * - it adds and updates, it never deletes: no list, field, item or data is removed; a field whose
 *   type differs from its declaration is reported as a warning and left alone;
 * - run twice, the second run changes nothing and reports no change;
 * - `dryRun` reads only and reports what a real run would change;
 * - the declarations are checked, and the plan made, before anything is written, so a bad schema
 *   never half-applies.
 */
import type { SPFI } from '@pnp/sp';
import { parsePolicyJson } from '../../core/policy';
import { checkListSchemas, ListSchema, SuiteRole } from './schema';
import { SUITE_LISTS } from './suiteLists';
import { readCurrent } from './current';
import { Declared, plan, PlanContext, ProvisionChange, ProvisionError } from './plan';
import { applyPlan, describePlan, Recorder } from './apply';

export { EVERYONE_EXCEPT_EXTERNAL_PREFIX } from './current';
export { ProvisionError, typeAsStringOf } from './plan';
export type { ProvisionChange, ProvisionChangeKind, ProvisionPlan } from './plan';
export { fieldSchemaXml } from './fieldXml';

export interface ProvisionReport {
  dryRun: boolean;
  /** Every change made (or, in a dry run, that a real run would make). Empty when the site is up to date. */
  changes: ProvisionChange[];
  /** Differences provisioning does not fix on its own (type conflicts, undeclared permissions...). */
  warnings: string[];
  /** Steps skipped on purpose (e.g. the tenant property without an app catalog). */
  notes: string[];
}

/**
 * The principals of each role, as SharePoint login names: claims of Entra groups
 * (`c:0t.c|tenant|<groupId>`), of users (`i:0#.f|membership|<upn>`, or a UPN), or the title of a
 * SharePoint site group. `everyone` defaults to the site's "Everyone except external users" claim
 * (`c:0-.f|rolemanager|spo-grid-all-users/<tenantId>`), found among the site users.
 */
export type ProvisionRoles = Partial<Record<SuiteRole, readonly string[]>>;

export interface ProvisionOptions {
  roles: ProvisionRoles;
  /** The lists to provision (default: every list of the suite, SUITE_LISTS). */
  lists?: readonly ListSchema[];
  /** The policy document (JSON) written to the settings list when its 'policy' item is missing; never overwrites. */
  initialPolicyJson?: string;
  /** Read only: report what would change. */
  dryRun?: boolean;
  /** The tenant app catalog site, to set the tenant property pointing to the hub site. */
  appCatalogSp?: SPFI;
  /** The hub site URL stored in the tenant property (default: the provisioned site's URL). */
  hubSiteUrl?: string;
  log?: (line: string) => void;
}

/** The initial policy as the settings service stores it, or a ProvisionError naming each mistake. */
function checkedPolicy(json: string | undefined): Declared['policy'] {
  if (json === undefined) return undefined;
  // The settings service ignores a stored document that does not validate: refuse it here.
  const checked = parsePolicyJson(json);
  if (!checked.ok) {
    const list = checked.errors.map(e => `${e.path || '(document)'}: ${e.code}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    throw new ProvisionError(`The initial policy is not valid:\n- ${list.join('\n- ')}`);
  }
  // Stored as the settings service stores it: upgraded to the current shape, indented.
  return { json: JSON.stringify(checked.policy, null, 2), schemaVersion: checked.policy.schemaVersion };
}

function recorderOf(report: ProvisionReport, log: (line: string) => void): Recorder {
  return {
    change(c) {
      report.changes.push(c);
      log(`${report.dryRun ? 'would ' : ''}${c.kind}: ${c.target}${c.detail ? ` (${c.detail})` : ''}`);
    },
    message(m) {
      if (m.op === 'warn') {
        report.warnings.push(m.text);
        log(`warning: ${m.text}`);
      } else {
        report.notes.push(m.text);
        log(m.text);
      }
    }
  };
}

/**
 * Provisions the suite's lists on the site `sp` points to. See the file header for the guarantees.
 * Throws a ProvisionError (naming the step) when SharePoint refuses a step; changes made before the
 * failure stay, and a new run continues from there.
 */
export async function provisionSuite(sp: SPFI, options: ProvisionOptions): Promise<ProvisionReport> {
  const lists = options.lists || SUITE_LISTS;
  const dryRun = !!options.dryRun;
  const log = options.log || ((): void => undefined);
  const report: ProvisionReport = { dryRun, changes: [], warnings: [], notes: [] };

  const errors = checkListSchemas(lists);
  if (errors.length) throw new ProvisionError(`The list declarations have mistakes:\n- ${errors.join('\n- ')}`);
  const policy = checkedPolicy(options.initialPolicyJson);

  const current = await readCurrent(sp, { lists, roles: options.roles, dryRun, policy: !!policy, appCatalogSp: options.appCatalogSp });
  const { currentUser } = current;
  log(`${dryRun ? 'Dry run on' : 'Provisioning'} ${current.webUrl} as ${currentUser.LoginName}${currentUser.IsSiteAdmin ? ' (site collection admin)' : ''}`);

  const declared: Declared = { lists, policy, hubSiteUrl: options.appCatalogSp ? (options.hubSiteUrl || current.webUrl) : undefined };
  const planned = plan(current, declared);
  const record = recorderOf(report, log);
  if (dryRun) describePlan(planned, record);
  else {
    const ctx: PlanContext = { roleDefIds: current.roleDefIds, principals: current.principals, currentUser, policy };
    await applyPlan(sp, planned, ctx, record, options.appCatalogSp);
  }

  log(report.changes.length ? `${report.changes.length} change(s)${dryRun ? ' would be made' : ''}.` : 'Nothing to change: the site is up to date.');
  return report;
}
