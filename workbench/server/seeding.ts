/**
 * The workbench seeds a new database with the demo organisation on first start, and signs a
 * first-time visitor in as the plain employee persona (the workbench pages say whom to sign in as).
 */
import type { Database } from 'better-sqlite3';
import { PERSONAS, seedDemo, demoGroupId, GROUP_NICKNAMES, generateDemoOrganisation } from '../tenant/seed';
import { seedDemoExpertise } from '../../services/expertise/demoSeed';
import { createContextFromBaseUrl } from '../../services/connect';
import { provisionSuite, ProvisionReport } from '../../services/provisioning/provision';
import { defaultPolicy } from '../../core/policy';
import { buildExpertiseIndex, IndexBuildReport } from '../../services/expertise/indexBuild';
import { createOutcomeSource } from '../../services/expertise/outcomes';
import { SettingsService } from '../../services/settings';
import { ensureRelayJobAccount } from '../tenant/seed/service';
import { seedDemoRelays, SeedDemoRelaysReport } from '../../services/relay/demoSeed';
import { seedDemoCommunities } from '../../services/community/demoSeed';
import { managerChain } from '../../services/people';
import { findList, isoNow, itemTable, q } from '../tenant/sp/lists';
import { snapshotVersion } from '../tenant/sp/versions';

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

/**
 * The prebuilt expertise index, built (or updated) once at start as the relay job's service account,
 * so that Find an expert answers before the job's first timer run (and in tests, which run the job by hand).
 */
export async function buildLocalExpertiseIndex(siteUrl: string, graphBaseUrl: string, jobUpn: string): Promise<IndexBuildReport> {
  const ctx = createContextFromBaseUrl({ siteUrl, graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': jobUpn } });
  const policy = (await new SettingsService(ctx).load()).policy;
  return buildExpertiseIndex(ctx, {
    taxonomy: policy.skills, outcomes: createOutcomeSource(ctx, { skills: policy.skills, feedback: policy.feedback }), now: new Date()
  });
}

/**
 * Dates a seeded item as of when its history says it was created and last changed, as the local
 * tenant's bulk insert does for backdated rows: REST sets Created and Modified to the time of writing
 * and refuses them as read-only fields ("Field is read-only", ListItem.Update,
 * https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee536748(v=office.15)),
 * which would date twelve weeks of history today. A versioned list's version is recorded again,
 * so that its history carries the same times.
 */
export function backdateItem(db: Database, listTitle: string, itemId: number, created: Date, modified: Date): void {
  const list = findList(db, { title: listTitle });
  if (!list) return;
  db.prepare(`UPDATE ${q(itemTable(list))} SET Created = ?, Modified = ? WHERE ID = ?`).run(isoNow(created), isoNow(modified), itemId);
  snapshotVersion(db, list, itemId);
}

/** Departments whose people speak with customers and relay what they say (the demo's relayers). */
const RELAYING_DEPARTMENTS = ['customer-service', 'stores', 'delivery-logistics', 'ecommerce'];

/**
 * The relay job's service account (site collection admin, not a persona) and the demo's relay
 * history: twelve weeks of relays, insights and daily statistics (services/relay/demoSeed.ts),
 * and the community's answered questions (services/community/demoSeed.ts), written once; a later
 * start skips what exists. `now` is the workbench's clock.
 */
export async function seedLocalRelays(db: Database, siteUrl: string, graphBaseUrl: string, now: Date): Promise<SeedDemoRelaysReport> {
  const jobUpn = ensureRelayJobAccount(db);
  const ctxAs = (upn: string) => createContextFromBaseUrl({ siteUrl, graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': upn } });
  const job = ctxAs(jobUpn);
  const people = generateDemoOrganisation({ referenceDate: now }).people;
  const relayers = people
    .filter(p => p.userType === 'Member' && p.accountEnabled && p.level === 'staff' && RELAYING_DEPARTMENTS.indexOf(p.departmentKey || '') >= 0)
    .map(p => ({ upn: p.userPrincipalName, language: p.preferredLanguage }));
  // The personas who relay in the demo's journeys have history of their own.
  for (const role of ['frontline-agent', 'employee'] as const) {
    const persona = PERSONAS.find(p => p.role === role);
    if (persona) relayers.unshift({ upn: persona.upn, language: persona.preferredLanguage }, { upn: persona.upn, language: persona.preferredLanguage });
  }
  // The community spaces: communities of the demo organisation, their questions, answers and
  // discussions, and the accepted answers the capture form offers while a relay is typed.
  const upnOf = (role: string): string => (PERSONAS.find(p => p.role === role) || { upn: '' }).upn;
  const staff = people.filter(p => p.userType === 'Member' && p.accountEnabled && p.level === 'staff' && RELAYING_DEPARTMENTS.indexOf(p.departmentKey || '') >= 0);
  const leads = people.filter(p => p.userType === 'Member' && p.accountEnabled && p.level === 'manager' && p.departmentKey === 'stores').slice(0, 6);
  await seedDemoCommunities({
    job: job.sp, graph: job.graph, policy: defaultPolicy(), spAs: upn => ctxAs(upn).sp, now,
    people: {
      manager: upnOf('community-manager'),
      experts: [upnOf('frontline-agent'), ...staff.slice(0, 5).map(p => p.userPrincipalName)],
      members: [upnOf('employee'), ...staff.slice(5, 17).map(p => p.userPrincipalName)],
      leads: [upnOf('manager'), ...leads.map(p => p.userPrincipalName)]
    }
  });
  return seedDemoRelays({
    now,
    policy: defaultPolicy().feedback,
    relayers,
    sp: job.sp,
    spAs: upn => ctxAs(upn).sp,
    managerChainOf: async upn => (await managerChain(job.graph, upn).catch(() => []))
      .map(m => ({ upn: m.userPrincipalName, displayName: m.displayName, department: m.department || '' })),
    backdate: (listTitle, itemId, created, modified) => backdateItem(db, listTitle, itemId, created, modified)
  });
}
