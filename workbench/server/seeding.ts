/**
 * The workbench seeds a new database with the demo organisation on first start, and signs a
 * first-time visitor in as the plain employee persona.
 */
import type { Database } from 'better-sqlite3';
import { PERSONAS, seedDemo, demoGroupId, GROUP_NICKNAMES, generateDemoOrganisation } from '../tenant/seed';
import { seedDemoExpertise } from '../../services/expertise/demoSeed';
import { createContextFromBaseUrl } from '../../services/connect';
import { provisionSuite, ProvisionReport } from '../../services/provisioning/provision';
import { defaultPolicy } from '../../core/policy';

export function seedIfEmpty(db: Database, referenceDate: Date): boolean {
  const n = (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  if (n > 0) return false;
  seedDemo(db, { referenceDate });
  return true;
}

export function defaultPersonaUpn(db: Database): string | null {
  const employee = PERSONAS.find(p => p.role === 'employee') || PERSONAS[0];
  if (!employee) return null;
  const row = db.prepare('SELECT userPrincipalName FROM users WHERE userPrincipalName = ?').get(employee.upn) as { userPrincipalName: string } | undefined;
  return row ? row.userPrincipalName : null;
}

/** SharePoint login name (claim) of a demo Entra group. */
const groupClaim = (nickname: string): string => `c:0t.c|tenant|${demoGroupId(nickname)}`;

/**
 * Provisions the suite's lists on the local hub site, exactly as `npm run provision` does on a real
 * site (the same routine, over HTTP, as the demo tenant admin), and stores the default policy.
 * Idempotent: running it on every start changes nothing once the site is up to date.
 */
export async function provisionLocalSite(siteUrl: string, graphBaseUrl: string): Promise<ProvisionReport> {
  const admin = PERSONAS.find(p => p.role === 'tenant-admin');
  if (!admin) throw new Error('The demo has no tenant-admin persona.');
  const { sp } = createContextFromBaseUrl({ siteUrl, graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': admin.upn } });
  const report = await provisionSuite(sp, {
    roles: {
      tenantAdmins: [groupClaim(GROUP_NICKNAMES.tenantAdmins)],
      management: [groupClaim(GROUP_NICKNAMES.management)],
      communications: [groupClaim(GROUP_NICKNAMES.communications)],
      communityManagers: [groupClaim(GROUP_NICKNAMES.communityManagers)]
    },
    initialPolicyJson: JSON.stringify(defaultPolicy()),
    appCatalogSp: sp,
    hubSiteUrl: siteUrl
  });
  // The demo's expertise records and endorsements (from each person's users.extra), written as each
  // person; skipped once written. The people are the seed's (deterministic: the same as in the database).
  await seedDemoExpertise({
    people: generateDemoOrganisation({ referenceDate: new Date() }).people,
    spAs: upn => createContextFromBaseUrl({ siteUrl, graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': upn } }).sp,
    taxonomy: defaultPolicy().skills
  });
  return report;
}
