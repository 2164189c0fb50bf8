/**
 * Expertise records and endorsements over PnPjs: the lists "Expertise profiles" and
 * "Endorsements" (services/provisioning/expertiseLists.ts). SharePoint, not this code, decides who
 * may write: both lists have write security 2 (people edit and delete only the items they
 * created), so another person's record or endorsement answers 403 whatever a client sends. This
 * service adds what the server cannot know: validation, no self-endorsement, and trusting an item
 * only when its author is the person it names (docs/expertise-data.md).
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { SkillKey } from '../../core/expertise/types';
import {
  endorsementKey, endorserOfKey, ExpertiseRecord, parseStoredSkills, RecordFieldError, validateRecord
} from '../../core/expertise/record';
import { normalizeLabel } from '../../core/expertise/normalize';
import { odataString } from '../../core/odata';
import { authorUpnOf, normalizeUpn } from '../sp/identity';
import { etagOf } from '../sp/etag';
import {
  ENDORSEMENT_FIELDS, ENDORSEMENTS_LIST_TITLE, EXPERTISE_FIELDS, EXPERTISE_PROFILES_LIST_TITLE
} from '../provisioning/expertiseLists';

/** Page size of list reads (paged with $skiptoken by PnPjs async iteration). */
export const PAGE_SIZE = 500;

export type ExpertiseErrorCode =
  /** The record did not validate; `fields` says where. */
  | 'invalid'
  /** Saving someone else's record (refused before any request; the server refuses it too). */
  | 'notYourRecord'
  /** Endorsing oneself (refused before any request). */
  | 'selfEndorsement'
  /** The record changed since it was read (412), or was created meanwhile: reload it. */
  | 'conflict'
  /** An item under this person's name (or this endorsement key) was created by someone else. */
  | 'claimedByOther';

export class ExpertiseError extends Error {
  public constructor(public readonly code: ExpertiseErrorCode, message: string, public readonly fields: RecordFieldError[] = [], public readonly status: number | null = null) {
    super(message);
    this.name = 'ExpertiseError';
  }
}

export interface RecordSnapshot {
  record: ExpertiseRecord;
  /** ETag to save against (optimistic concurrency). */
  etag: string | null;
  itemId: number;
  modified: string | null;
}

export interface Endorsement {
  endorserUpn: string;
  personUpn: string;
  skillKey: SkillKey;
  created: string | null;
  itemId: number;
}

export type EndorseResult = 'endorsed' | 'alreadyEndorsed';
export type WithdrawResult = 'withdrawn' | 'notEndorsed';

/** Raw items, as PnPjs returns them. */
export interface StoredProfileItem {
  Id: number;
  Modified?: string;
  Author?: { Name?: string; EMail?: string } | null;
  'odata.etag'?: string;
  __metadata?: { etag?: string };
  [field: string]: unknown;
}

export type StoredEndorsementItem = StoredProfileItem;


export { normalizeUpn } from '../sp/identity';
/** The UPN of an item's author, from its login name (claims `i:0#.f|membership|<upn>`). */
export const authorUpn = authorUpnOf;


const lines = (text: unknown): string[] => (typeof text === 'string' ? text.split(/\r?\n/).map(l => l.trim()).filter(Boolean) : []);

export const PROFILE_SELECT = [
  'Id', 'Modified', 'Author/Name', 'Author/EMail',
  EXPERTISE_FIELDS.personUpn, EXPERTISE_FIELDS.skills, EXPERTISE_FIELDS.askMeAbout, EXPERTISE_FIELDS.interests,
  EXPERTISE_FIELDS.languages, EXPERTISE_FIELDS.customerFacing
];

export const ENDORSEMENT_SELECT = [
  'Id', 'Created', 'Author/Name', 'Author/EMail',
  ENDORSEMENT_FIELDS.key, ENDORSEMENT_FIELDS.personUpn, ENDORSEMENT_FIELDS.skillKey
];

/** A stored record, or null when its author is not the person it names (it is not trusted). */
export function recordFromItem(item: StoredProfileItem): ExpertiseRecord | null {
  const personUpn = normalizeUpn(String(item[EXPERTISE_FIELDS.personUpn] || ''));
  if (!personUpn || authorUpn(item) !== personUpn) return null;
  return {
    personUpn,
    skills: parseStoredSkills(item[EXPERTISE_FIELDS.skills] as string | null),
    askMeAbout: lines(item[EXPERTISE_FIELDS.askMeAbout]),
    interests: lines(item[EXPERTISE_FIELDS.interests]),
    languages: String(item[EXPERTISE_FIELDS.languages] || '').split(';').map(s => s.trim()).filter(Boolean),
    customerFacing: item[EXPERTISE_FIELDS.customerFacing] === true
  };
}

/** A stored endorsement, or null when its author is not the endorser its key names (forged). */
export function endorsementFromItem(item: StoredEndorsementItem): Endorsement | null {
  const key = String(item[ENDORSEMENT_FIELDS.key] || '');
  const endorser = authorUpn(item);
  const personUpn = normalizeUpn(String(item[ENDORSEMENT_FIELDS.personUpn] || ''));
  const skillKey = String(item[ENDORSEMENT_FIELDS.skillKey] || '');
  if (!endorser || endorserOfKey(key) !== endorser || !personUpn || !skillKey) return null;
  if (endorsementKey(endorser, personUpn, skillKey) !== key) return null;
  if (endorser === personUpn) return null;
  return { endorserUpn: endorser, personUpn, skillKey, created: (item.Created as string) || null, itemId: item.Id };
}

/** The list values of a validated record. */
export function recordValues(record: ExpertiseRecord): Record<string, unknown> {
  return {
    Title: record.personUpn,
    [EXPERTISE_FIELDS.personUpn]: record.personUpn,
    [EXPERTISE_FIELDS.skills]: JSON.stringify(record.skills.map(s => ({ ...(s.skillId ? { skillId: s.skillId } : {}), label: s.label, proficiency: s.proficiency }))),
    [EXPERTISE_FIELDS.askMeAbout]: record.askMeAbout.join('\n'),
    [EXPERTISE_FIELDS.interests]: record.interests.join('\n'),
    [EXPERTISE_FIELDS.languages]: record.languages.join(';'),
    [EXPERTISE_FIELDS.customerFacing]: record.customerFacing
  };
}

/** The list values of an endorsement by `endorserUpn`. */
export function endorsementValues(endorserUpn: string, personUpn: string, skillKey: SkillKey): Record<string, unknown> {
  return {
    Title: skillKey,
    [ENDORSEMENT_FIELDS.key]: endorsementKey(endorserUpn, personUpn, skillKey),
    [ENDORSEMENT_FIELDS.personUpn]: normalizeUpn(personUpn),
    [ENDORSEMENT_FIELDS.skillKey]: skillKey,
    [ENDORSEMENT_FIELDS.endorserUpn]: normalizeUpn(endorserUpn)
  };
}

import { isDuplicateError } from '../errors';
export { isDuplicateError };

const statusOf = (e: unknown): number | null => {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : null;
};

/** A skill key as the endorsement list stores it: a taxonomy id as is, a free label normalized. */
export function cleanSkillKey(skillKey: string): SkillKey {
  const k = skillKey.trim();
  return /^[a-z0-9][a-z0-9-]*$/.test(k) ? k : normalizeLabel(k);
}

export interface ExpertiseServiceOptions {
  /** The signed-in user's UPN (SPFx: pageContext.user.loginName). */
  me: string;
  /** Taxonomy ids of the policy in force: a saved record may only use these. */
  taxonomyIds?: ReadonlySet<string>;
}

export class ExpertiseService {
  private readonly sp: SPFI;
  private readonly me: string;
  private readonly taxonomyIds?: ReadonlySet<string>;

  public constructor(ctx: { sp: SPFI }, options: ExpertiseServiceOptions) {
    this.sp = ctx.sp;
    this.me = normalizeUpn(options.me);
    this.taxonomyIds = options.taxonomyIds;
  }

  private get profiles(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE);
  }

  private get endorsements(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE);
  }

  private async profileItem(upn: string): Promise<StoredProfileItem | null> {
    const items = (await this.profiles.items
      .select(...PROFILE_SELECT)
      .expand('Author')
      .filter(`${EXPERTISE_FIELDS.personUpn} eq ${odataString(normalizeUpn(upn))}`)
      .top(1)()) as StoredProfileItem[];
    return items[0] || null;
  }

  /**
   * The person's record, or null when they have none. An item someone else created under the
   * person's name is not their record: null as well.
   */
  public async getRecord(upn: string): Promise<RecordSnapshot | null> {
    const item = await this.profileItem(upn);
    if (!item) return null;
    const record = recordFromItem(item);
    if (!record) return null;
    return { record, etag: etagOf(item) || null, itemId: item.Id, modified: item.Modified || null };
  }

  /**
   * Saves the signed-in user's own record: validated and cleaned first; created when they have
   * none (etag null), else updated against `etag` (412 → 'conflict').
   */
  public async saveOwnRecord(record: ExpertiseRecord, etag: string | null): Promise<RecordSnapshot> {
    const checked = validateRecord(record, this.taxonomyIds);
    if (!checked.ok) throw new ExpertiseError('invalid', 'The expertise record is not valid.', checked.errors);
    if (checked.record.personUpn !== this.me) throw new ExpertiseError('notYourRecord', 'Only the person edits their expertise record.');
    const values = recordValues(checked.record);
    const existing = await this.profileItem(this.me);
    try {
      if (existing) {
        if (authorUpn(existing) !== this.me) throw new ExpertiseError('claimedByOther', 'An item under this name was created by someone else; a tenant admin can remove it.');
        // Without an etag the caller never saw the stored record: refuse rather than overwrite it.
        if (!etag) throw new ExpertiseError('conflict', 'The record exists; reload it before saving.', [], 412);
        await this.profiles.items.getById(existing.Id).update(values, etag);
      } else {
        await this.profiles.items.add(values);
      }
    } catch (e) {
      if (e instanceof ExpertiseError) throw e;
      if (statusOf(e) === 412 || isDuplicateError(e)) throw new ExpertiseError('conflict', 'The record changed since it was read; reload it.', [], 412);
      throw e;
    }
    const saved = await this.getRecord(this.me);
    if (!saved) throw new ExpertiseError('conflict', 'The record could not be read back.');
    return saved;
  }

  /**
   * Endorses a colleague's skill as the signed-in user. Self-endorsement is refused before any
   * request. Idempotent: the unique key turns a second endorsement (double click, retry) into
   * 'alreadyEndorsed'.
   */
  public async endorse(personUpn: string, skillKey: SkillKey): Promise<EndorseResult> {
    const person = normalizeUpn(personUpn);
    if (person === '' || person === this.me) throw new ExpertiseError('selfEndorsement', 'People cannot endorse themselves.');
    const key = cleanSkillKey(skillKey);
    if (key === '') throw new ExpertiseError('invalid', 'The skill is empty.', [{ path: 'skillKey', code: 'required' }]);
    try {
      await this.endorsements.items.add(endorsementValues(this.me, person, key));
      return 'endorsed';
    } catch (e) {
      if (!isDuplicateError(e)) throw e;
    }
    const existing = await this.endorsementItem(person, key);
    if (existing && !endorsementFromItem(existing)) {
      throw new ExpertiseError('claimedByOther', 'This endorsement key was taken by someone else; a tenant admin can remove it.');
    }
    return 'alreadyEndorsed';
  }

  /** Withdraws the signed-in user's endorsement (only the endorser can: the server refuses others). */
  public async withdraw(personUpn: string, skillKey: SkillKey): Promise<WithdrawResult> {
    const item = await this.endorsementItem(normalizeUpn(personUpn), cleanSkillKey(skillKey));
    if (!item) return 'notEndorsed';
    try {
      await this.endorsements.items.getById(item.Id).delete();
    } catch (e) {
      if (statusOf(e) === 404) return 'notEndorsed';
      throw e;
    }
    return 'withdrawn';
  }

  /** Every endorsement of a person (paged), forged items left out. */
  public async endorsementsOf(personUpn: string): Promise<Endorsement[]> {
    const out: Endorsement[] = [];
    const query = this.endorsements.items
      .select(...ENDORSEMENT_SELECT)
      .expand('Author')
      .filter(`${ENDORSEMENT_FIELDS.personUpn} eq ${odataString(normalizeUpn(personUpn))}`)
      .top(PAGE_SIZE);
    for await (const page of query) {
      for (const item of page as StoredEndorsementItem[]) {
        const e = endorsementFromItem(item);
        if (e) out.push(e);
      }
    }
    return out;
  }

  private async endorsementItem(person: string, skillKey: SkillKey): Promise<StoredEndorsementItem | null> {
    const items = (await this.endorsements.items
      .select(...ENDORSEMENT_SELECT)
      .expand('Author')
      .filter(`${ENDORSEMENT_FIELDS.key} eq ${odataString(endorsementKey(this.me, person, skillKey))}`)
      .top(1)()) as StoredEndorsementItem[];
    return items[0] || null;
  }
}
