/**
 * Provisioning, step 3 of 3: performing a plan (./plan.ts) through PnPjs, step by step, each
 * change recorded once SharePoint accepted it. A list just created, or whose inheritance was just
 * broken, is read again and its remaining steps planned from what the site answers (the plan
 * cannot know which fields a new list has, nor what a break copied). A refusal stops the run with
 * a ProvisionError naming the step; what was done stays, and the next run continues from there.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/fields';
import '@pnp/sp/items';
import '@pnp/sp/security';
import { HUB_SITE_URL_PROPERTY, SUITE_SETTINGS_FIELDS, POLICY_ITEM_TITLE } from './schema';
import { CurrentList, readListAlone, step } from './current';
import {
  ListPlan, ListStep, PermissionPlan, PermissionStep, PlanContext, PlanMessage, planGrants, planList, ProvisionChange, ProvisionError, ProvisionPlan
} from './plan';
import { fieldSchemaXml } from './fieldXml';

/** Where a run reports what it does (or, in a dry run, would do). */
export interface Recorder {
  change(c: ProvisionChange): void;
  message(m: PlanMessage): void;
}

/** SP.AddFieldOptions: AddToDefaultContentType (1) | AddFieldInternalNameHint (8) | AddFieldToDefaultView (16). */
const ADD_FIELD_OPTIONS = 1 | 8 | 16;

/** Reports a plan without performing it: what a dry run prints. */
export function describePlan(p: ProvisionPlan, record: Recorder): void {
  for (const text of p.warnings) record.message({ op: 'warn', text });
  for (const lp of p.lists) {
    if (lp.create) record.change(lp.create.change);
    for (const s of lp.steps) recordStep(s, record);
    if (lp.permissions.breakInheritance) record.change(lp.permissions.breakInheritance.change);
    for (const s of lp.permissions.steps) recordStep(s, record);
    if (lp.policyItem) record.change(lp.policyItem.change);
  }
  if (p.tenantProperty) recordStep(p.tenantProperty, record);
}

function recordStep(s: ListStep | PermissionStep | PlanMessage | { change: ProvisionChange }, record: Recorder): void {
  if ('change' in s) record.change(s.change);
  else record.message(s);
}

async function applyListStep(sp: SPFI, title: string, s: ListStep): Promise<void> {
  const list = (): ReturnType<typeof sp.web.lists.getByTitle> => sp.web.lists.getByTitle(title);
  switch (s.op) {
    case 'updateList':
      await step(`Updating the list '${title}'`, () => list().update(s.properties));
      return;
    case 'addField': {
      const f = s.field;
      const target = `${title}/${f.internalName}`;
      let lookupId: string | undefined;
      if (f.type === 'Lookup') {
        // Found now: the target list may have been created earlier in this run.
        const lookupList = f.lookupList as string;
        const info = await step(`Finding the lookup list '${lookupList}' of ${target}`,
          () => sp.web.lists.getByTitle(lookupList).select('Id')<{ Id: string }>());
        lookupId = info.Id;
      }
      const xml = fieldSchemaXml(f, lookupId);
      await step(`Adding the field ${target}`, () => list().fields.createFieldAsXml({ SchemaXml: xml, Options: ADD_FIELD_OPTIONS }));
      return;
    }
    case 'updateField': {
      const field = list().fields.getById(s.fieldId);
      for (const body of s.bodies) {
        await step(`Updating the field ${s.change.target}`, () => field.update(body, s.odataType));
      }
      return;
    }
    default:
      return;
  }
}

async function applyPermissionStep(sp: SPFI, title: string, s: PermissionStep): Promise<void> {
  const list = (): ReturnType<typeof sp.web.lists.getByTitle> => sp.web.lists.getByTitle(title);
  if (s.op === 'grant') {
    const pid = s.principal.id as number;
    await step(`Granting ${s.level} on '${title}' to ${s.principal.login}`, () => list().roleAssignments.add(pid, s.roleDefId));
  } else if (s.op === 'removeGrant') {
    await step(`Removing ${s.level} on '${title}' from ${s.login}`, () => list().roleAssignments.remove(s.principalId, s.roleDefId));
  }
}

async function reread(sp: SPFI, title: string, after: string): Promise<CurrentList> {
  const state = await readListAlone(sp, title);
  if (!state) throw new ProvisionError(after);
  return state;
}

async function applyPermissions(sp: SPFI, ctx: PlanContext, lp: ListPlan, planned: PermissionPlan, record: Recorder): Promise<void> {
  const title = lp.schema.title;
  let steps = planned.steps;
  if (planned.breakInheritance) {
    await step(`Breaking the permission inheritance of '${title}'`,
      () => sp.web.lists.getByTitle(title).breakRoleInheritance(planned.breakInheritance!.copy, true));
    const after = await reread(sp, title,
      `After breaking the permission inheritance of '${title}', ${ctx.currentUser.LoginName} can no longer see the list.`);
    record.change(planned.breakInheritance.change);
    steps = planGrants(lp.schema, ctx, after.assignments, true);
  }
  for (const s of steps) {
    await applyPermissionStep(sp, title, s);
    recordStep(s, record);
  }
}

async function applyList(sp: SPFI, ctx: PlanContext, planned: ListPlan, record: Recorder): Promise<void> {
  const title = planned.schema.title;
  let lp = planned;
  if (lp.create) {
    const { properties, baseTemplate, change } = lp.create;
    // Created with NoCrawl already set, so the list is never crawlable, not even for a moment.
    await step(`Creating the list '${title}'`, () => sp.web.lists.add(title, lp.schema.description, baseTemplate, false, { ...properties }));
    const state = await reread(sp, title, `The list '${title}' was not found right after being created.`);
    record.change(change);
    lp = planList(lp.schema, ctx, state, false, true);
  }
  for (const s of lp.steps) {
    await applyListStep(sp, title, s);
    recordStep(s, record);
  }
  await applyPermissions(sp, ctx, lp, lp.permissions, record);
  if (lp.policyItem) {
    const { json, schemaVersion, change } = lp.policyItem;
    await step(`Writing the initial policy to '${title}'`, () => sp.web.lists.getByTitle(title).items.add({
      Title: POLICY_ITEM_TITLE,
      [SUITE_SETTINGS_FIELDS.policyJson]: json,
      [SUITE_SETTINGS_FIELDS.schemaVersion]: schemaVersion
    }));
    record.change(change);
  }
}

/** Performs a plan on the site `sp` points to (and the app catalog, for the tenant property). */
export async function applyPlan(sp: SPFI, p: ProvisionPlan, ctx: PlanContext, record: Recorder, appCatalogSp?: SPFI): Promise<void> {
  for (const text of p.warnings) record.message({ op: 'warn', text });
  for (const lp of p.lists) await applyList(sp, ctx, lp, record);
  const t = p.tenantProperty;
  if (t && 'change' in t) {
    if (!appCatalogSp) throw new ProvisionError(`Setting the tenant property ${HUB_SITE_URL_PROPERTY} needs the app catalog site.`);
    await step(`Setting the tenant property ${HUB_SITE_URL_PROPERTY}`, () => appCatalogSp.web.setStorageEntity(
      HUB_SITE_URL_PROPERTY, t.value, 'Social intranet suite: the hub site holding the suite\'s lists and settings', 'Set by npm run provision'));
    record.change(t.change);
  } else if (t) {
    record.message(t);
  }
}
