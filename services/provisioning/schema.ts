/**
 * Typed list schemas: every list, field, index, unique column, permission and read/write-security
 * setting the suite needs, declared once. The same declaration serves
 * - provisioning (`provisionSuite` in ./provision.ts creates or updates the site from it, also
 *   against the local tenant at seed),
 * - typing (`ListItemOf<typeof SOME_LIST>` is the item shape services read and write),
 * - the services (list titles and field names are imported from here, never retyped).
 *
 * A feature adds its list by declaring a `ListSchema` (in its own module, such as ./relayLists.ts)
 * and appending it to `SUITE_LISTS` in ./suiteLists.ts. This module holds no feature's lists, so
 * that code reading one list (the settings service, in every page's header) does not carry them all.
 */
import type { RoleKey } from '../../core/policy/types';

/** The field types the suite uses (SharePoint's TypeAsString names). */
export type FieldKind = 'Text' | 'Note' | 'Number' | 'Boolean' | 'DateTime' | 'Choice' | 'MultiChoice' | 'User' | 'Lookup';

export interface FieldSchema {
  /**
   * The internal (static) name: letters, digits and `_`, at most 32 characters, not starting with a
   * digit. It is what REST, `$select` and `$filter` use, and never changes once created.
   */
  internalName: string;
  /** The display name (may change; provisioning renames the column). */
  title: string;
  type: FieldKind;
  description?: string;
  required?: boolean;
  /** Column index: needed by queries that must work above the 5,000-item list view threshold. */
  indexed?: boolean;
  /** Enforce unique values (implies `indexed`: SharePoint refuses unique values on a column without an index). */
  unique?: boolean;
  /** Choice and MultiChoice: the choices offered. */
  choices?: readonly string[];
  /** Text: maximum length (1 to 255, default 255). */
  maxLength?: number;
  /** User and Lookup: several values. */
  multiple?: boolean;
  /** User: people only (default), or people and SharePoint groups. */
  allowGroups?: boolean;
  /** Lookup: title of the target list (declared earlier in the same provisioning run, or existing). */
  lookupList?: string;
  /** Lookup: the target list's field shown (default 'Title'). */
  lookupField?: string;
  /** DateTime: a date without time (default: date and time). */
  dateOnly?: boolean;
}

/** The suite's roles (policy roles) plus everyone (the claim "Everyone except external users"). */
export type SuiteRole = RoleKey | 'everyone';

/** SharePoint's built-in permission levels, found by RoleTypeKind so localized sites work too. */
export type PermissionLevel = 'Read' | 'Contribute' | 'Edit' | 'Design' | 'Full Control';

export interface RoleGrant {
  role: SuiteRole;
  level: PermissionLevel;
}

export interface PermissionSchema {
  /**
   * true: the list gets unique permissions holding exactly the declared grants (nothing is copied
   * from the site). false: the list inherits the site's permissions and `grants` must be empty.
   */
  breakInheritance: boolean;
  grants: readonly RoleGrant[];
}

export interface ListSchema {
  title: string;
  description: string;
  /** Version history (major versions). */
  versioning: boolean;
  /** Major versions kept when versioning is on. */
  majorVersionLimit?: number;
  /** 1: users read all items; 2: users read only their own (people with Override List Behaviors read all). */
  readSecurity: 1 | 2;
  /** 1: users edit all items; 2: users edit only their own. */
  writeSecurity: 1 | 2;
  /**
   * Keep the list out of search (SharePoint's list property NoCrawl, "Allow items from this list to
   * appear in search results: No"): for lists whose words must not surface through search for
   * anyone, not even the people who may read them in the list. Default: searchable.
   */
  excludedFromSearch?: boolean;
  /** SharePoint's list template: 100 a generic list (default), 101 a document library (files, not items). */
  baseTemplate?: 100 | 101;
  fields: readonly FieldSchema[];
  permissions: PermissionSchema;
}

/** RoleTypeKind of each permission level (SP.RoleType: Reader 2, Contributor 3, WebDesigner 4, Administrator 5, Editor 6). */
export const ROLE_TYPE_KIND: Record<PermissionLevel, number> = {
  'Read': 2,
  'Contribute': 3,
  'Design': 4,
  'Full Control': 5,
  'Edit': 6
};

/** FieldTypeKind of each field type (SP.FieldType). */
export const FIELD_TYPE_KIND: Record<FieldKind, number> = {
  Text: 2, Note: 3, DateTime: 4, Choice: 6, Lookup: 7, Boolean: 8, Number: 9, MultiChoice: 15, User: 20
};

// ------------------------------------------------------------------ typing from the declaration

type BaseValueOf<F extends FieldSchema> =
  F['type'] extends 'Number' ? number
    : F['type'] extends 'Boolean' ? boolean
      : F['type'] extends 'User' | 'Lookup' ? (F extends { multiple: true } ? number[] : number)
        : F['type'] extends 'MultiChoice' ? string[]
          : string;

/** The REST property of a field: person and lookup values are `<Name>Id`, as SharePoint names them. */
export type RestNameOf<F extends FieldSchema> = F['type'] extends 'User' | 'Lookup' ? `${F['internalName']}Id` : F['internalName'];

/** The value of a field over REST: null when empty, unless the field is required. */
export type ValueOf<F extends FieldSchema> = F extends { required: true } ? BaseValueOf<F> : BaseValueOf<F> | null;

/**
 * The item shape of a declared list, e.g. `ListItemOf<typeof SUITE_SETTINGS_LIST>` is
 * `{ Id: number; Title: string | null; PolicyJson: string; SchemaVersion: number | null }`.
 */
export type ListItemOf<L extends { fields: readonly FieldSchema[] }> =
  { Id: number; Title: string | null } & { [F in L['fields'][number] as RestNameOf<F>]: ValueOf<F> };

// ------------------------------------------------------------------ the suite's lists

/** Tenant property (storage entity, set in the tenant app catalog) holding the hub site's absolute URL. */
export const HUB_SITE_URL_PROPERTY = 'SocialIntranetHubSiteUrl';

/** The settings list: one item, titled `POLICY_ITEM_TITLE`, holding the policy document. */
export const SETTINGS_LIST_TITLE = 'Suite settings';
export const POLICY_ITEM_TITLE = 'policy';
/** The policy document, JSON (multiple lines of plain text, no length limit). */
export const POLICY_FIELD = 'PolicyJson';
/** The document's `schemaVersion`, copied out so it can be read without parsing the JSON. */
export const SCHEMA_VERSION_FIELD = 'SchemaVersion';

/** The same names, grouped. */
export const SUITE_SETTINGS_LIST_TITLE = SETTINGS_LIST_TITLE;
export const SUITE_SETTINGS_FIELDS = { policyJson: POLICY_FIELD, schemaVersion: SCHEMA_VERSION_FIELD } as const;

/**
 * "Suite settings": versioned (the version history is the policy's audit trail), readable by
 * everyone, writable by tenant admins only (unique permissions: nothing is inherited from the site,
 * so site members' Edit does not apply).
 */
export const SUITE_SETTINGS_LIST = {
  title: SUITE_SETTINGS_LIST_TITLE,
  description: 'Social intranet suite: the tenant-wide policy document (one item). Only tenant admins can change it; every change is kept as a version.',
  versioning: true,
  majorVersionLimit: 500,
  readSecurity: 1,
  writeSecurity: 1,
  fields: [
    { internalName: SUITE_SETTINGS_FIELDS.policyJson, title: 'Policy (JSON)', type: 'Note', required: true },
    { internalName: SUITE_SETTINGS_FIELDS.schemaVersion, title: 'Schema version', type: 'Number' }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'everyone', level: 'Read' }
    ]
  }
} as const satisfies ListSchema;

export type SuiteSettingsItem = ListItemOf<typeof SUITE_SETTINGS_LIST>;


// ------------------------------------------------------------------ checking declarations

const INTERNAL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const BUILTIN_NAMES = new Set(['id', 'title', 'created', 'modified', 'author', 'editor', 'guid', 'contenttypeid', 'attachments']);

/**
 * Mistakes in declarations, as sentences (empty when the declarations are sound). Provisioning
 * refuses to start when there is any, so a bad schema never half-applies.
 */
export function checkListSchemas(lists: readonly ListSchema[]): string[] {
  const errors: string[] = [];
  const titles = new Set<string>();
  for (const list of lists) {
    const where = `List '${list.title}'`;
    if (!list.title.trim()) errors.push('A list has an empty title.');
    if (titles.has(list.title.toLowerCase())) errors.push(`${where} is declared twice.`);
    titles.add(list.title.toLowerCase());
    if (list.majorVersionLimit !== undefined && (!Number.isInteger(list.majorVersionLimit) || list.majorVersionLimit < 1 || list.majorVersionLimit > 50000)) {
      errors.push(`${where}: majorVersionLimit must be an integer from 1 to 50,000.`);
    }
    if (list.majorVersionLimit !== undefined && !list.versioning) errors.push(`${where}: majorVersionLimit needs versioning on.`);
    if (!list.permissions.breakInheritance && list.permissions.grants.length) {
      errors.push(`${where}: grants need breakInheritance (a list that inherits has the site's permissions).`);
    }
    const names = new Set<string>();
    for (const f of list.fields) {
      const at = `${where}, field '${f.internalName}'`;
      if (!INTERNAL_NAME.test(f.internalName)) errors.push(`${at}: the internal name must be letters, digits or _, at most 32, not starting with a digit.`);
      if (BUILTIN_NAMES.has(f.internalName.toLowerCase())) errors.push(`${at}: the name is a built-in field of every list.`);
      if (names.has(f.internalName.toLowerCase())) errors.push(`${at} is declared twice.`);
      names.add(f.internalName.toLowerCase());
      if (!f.title.trim()) errors.push(`${at}: the title is empty.`);
      if ((f.type === 'Choice' || f.type === 'MultiChoice') && !(f.choices && f.choices.length)) errors.push(`${at}: a ${f.type} field needs choices.`);
      if (f.choices && f.type !== 'Choice' && f.type !== 'MultiChoice') errors.push(`${at}: choices only apply to Choice and MultiChoice fields.`);
      if (f.type === 'Lookup' && !f.lookupList) errors.push(`${at}: a Lookup field needs lookupList.`);
      if (f.lookupList && f.type !== 'Lookup') errors.push(`${at}: lookupList only applies to Lookup fields.`);
      if (f.multiple && f.type !== 'User' && f.type !== 'Lookup') errors.push(`${at}: multiple only applies to User and Lookup fields.`);
      if (f.maxLength !== undefined && (f.type !== 'Text' || !Number.isInteger(f.maxLength) || f.maxLength < 1 || f.maxLength > 255)) {
        errors.push(`${at}: maxLength applies to Text fields, from 1 to 255.`);
      }
      const multi = f.type === 'MultiChoice' || !!f.multiple;
      if ((f.indexed || f.unique) && (f.type === 'Note' || multi)) errors.push(`${at}: SharePoint cannot index ${f.type === 'Note' ? 'multiple lines of text' : 'multi-value'} columns.`);
      if (f.unique && f.type === 'Boolean') errors.push(`${at}: a Yes/No column cannot enforce unique values.`);
    }
  }
  return errors;
}
