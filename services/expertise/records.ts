/**
 * Expertise records and endorsements over PnPjs: the lists "Expertise profiles" and
 * "Endorsements" (services/provisioning/expertiseLists.ts). SharePoint, not this code, decides who
 * may write: both lists have write security 2 (people edit and delete only the items they
 * created), so another person's record or endorsement answers 403 whatever a client sends. This
 * service adds what the server cannot know: validation, no self-endorsement, and trusting an item
 * only when its author is the person it names. Because the key columns are unique and anyone can
 * fill them, a key someone else took first is stepped around with a fallback key (the key plus '#'
 * and a random nonce) instead of blocking the real person (docs/expertise-data.md, "Keys").
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { SkillKey } from '../../core/expertise/types';
import {
  endorsementFallbackKey, endorsementFallbackPrefix, endorsementKey, endorserOfKey, ExpertiseRecord, isEndorsementKeyOf,
  KEY_NONCE_LENGTH, parseStoredEntries, parseStoredLanguages, parseStoredSkills, personOfProfileKey, profileFallbackKey,
  RecordFieldError, validateRecord
} from '../../core/expertise/record';
import { normalizeLabel } from '../../core/expertise/normalize';
import { odataString } from '../../core/odata';
import { authorUpnOf, normalizeUpn } from '../sp/identity';
import { etagOf } from '../sp/etag';
import { walkItems } from '../listWalk';
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
  /**
   * An item under this person's name (or this endorsement key) was created by someone else. No
   * longer thrown: such an item is stepped around with a fallback key. Kept for callers' switches.
   */
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


export const PROFILE_SELECT = [
  'Id', 'Modified', 'Author/Name', 'Author/EMail',
  EXPERTISE_FIELDS.personUpn, EXPERTISE_FIELDS.skills, EXPERTISE_FIELDS.askMeAbout, EXPERTISE_FIELDS.interests,
  EXPERTISE_FIELDS.languages, EXPERTISE_FIELDS.customerFacing
];

export const ENDORSEMENT_SELECT = [
  'Id', 'Created', 'Author/Name', 'Author/EMail',
  ENDORSEMENT_FIELDS.key, ENDORSEMENT_FIELDS.personUpn, ENDORSEMENT_FIELDS.skillKey
];

/**
 * A stored record, or null when its author is not the person its key names (it is not trusted).
 * Read within the editor's limits (core/expertise/record.ts: parseStoredSkills and the others):
 * what a plain REST write put beyond them is cut off or, past the stored bounds, not parsed.
 */
export function recordFromItem(item: StoredProfileItem): ExpertiseRecord | null {
  const personUpn = personOfProfileKey(String(item[EXPERTISE_FIELDS.personUpn] || ''));
  if (!personUpn || authorUpn(item) !== personUpn) return null;
  return {
    personUpn,
    skills: parseStoredSkills(item[EXPERTISE_FIELDS.skills] as string | null),
    askMeAbout: parseStoredEntries(item[EXPERTISE_FIELDS.askMeAbout]),
    interests: parseStoredEntries(item[EXPERTISE_FIELDS.interests]),
    languages: parseStoredLanguages(item[EXPERTISE_FIELDS.languages]),
    customerFacing: item[EXPERTISE_FIELDS.customerFacing] === true
  };
}

/**
 * Each person's trusted record among items read in any order: the oldest (lowest Id) item authored
 * by the person its key names, so every reader picks the same one. `itemId` says which item.
 */
export class TrustedRecords {
  private readonly chosen = new Map<string, { itemId: number; record: ExpertiseRecord }>();

  public add(item: StoredProfileItem): void {
    const record = recordFromItem(item);
    if (!record) return;
    const held = this.chosen.get(record.personUpn);
    if (!held || item.Id < held.itemId) this.chosen.set(record.personUpn, { itemId: item.Id, record });
  }

  public get(personUpn: string): { itemId: number; record: ExpertiseRecord } | undefined {
    return this.chosen.get(normalizeUpn(personUpn));
  }

  public records(): Map<string, ExpertiseRecord> {
    return new Map(Array.from(this.chosen, ([upn, c]) => [upn, c.record]));
  }
}

/**
 * A stored endorsement, or null when its author is not the endorser its key names (forged), its key
 * is neither the normal nor a fallback key of its columns, or it endorses its own author.
 */
export function endorsementFromItem(item: StoredEndorsementItem): Endorsement | null {
  const key = String(item[ENDORSEMENT_FIELDS.key] || '');
  const endorser = authorUpn(item);
  const personUpn = normalizeUpn(String(item[ENDORSEMENT_FIELDS.personUpn] || ''));
  const skillKey = String(item[ENDORSEMENT_FIELDS.skillKey] || '');
  if (!endorser || endorserOfKey(key) !== endorser || !personUpn || !skillKey) return null;
  if (!isEndorsementKeyOf(key, endorser, personUpn, skillKey)) return null;
  if (endorser === personUpn) return null;
  return { endorserUpn: endorser, personUpn, skillKey, created: (item.Created as string) || null, itemId: item.Id };
}

/**
 * Trusted endorsements, once per (endorser, person, skill) whatever their keys (a normal key and a
 * fallback one by the same endorser count once): the oldest item of each is kept.
 */
export function distinctEndorsements(endorsements: Iterable<Endorsement>): Endorsement[] {
  const byTriple = new Map<string, Endorsement>();
  for (const e of endorsements) {
    const k = JSON.stringify([e.endorserUpn, e.personUpn, e.skillKey]);
    const held = byTriple.get(k);
    if (!held || e.itemId < held.itemId) byTriple.set(k, e);
  }
  return Array.from(byTriple.values());
}

/** The filter of a person's profile items: the normal key and every fallback key (both seek the unique index). */
export function profileKeyFilter(personUpn: string): string {
  const upn = normalizeUpn(personUpn);
  return `${EXPERTISE_FIELDS.personUpn} eq ${odataString(upn)} or startswith(${EXPERTISE_FIELDS.personUpn},${odataString(`${upn}#`)})`;
}

/** The filter of one endorser's items for a person's skill: the normal key and every fallback key. */
export function endorsementKeyFilter(endorserUpn: string, personUpn: string, skillKey: SkillKey): string {
  return `${ENDORSEMENT_FIELDS.key} eq ${odataString(endorsementKey(endorserUpn, personUpn, skillKey))} or startswith(${ENDORSEMENT_FIELDS.key},${odataString(endorsementFallbackPrefix(endorserUpn, personUpn, skillKey))})`;
}

const NONCE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random nonce for a fallback key (crypto-random: nobody can guess it to take it first). */
export function newKeyNonce(): string {
  const bytes = new Uint8Array(KEY_NONCE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, b => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join('');
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

  /**
   * The person's trusted profile item (the oldest of theirs, under the normal or a fallback key),
   * and whether someone else holds the normal key. Ordered by Id: the walk stops at the first
   * trusted item, so it is one request unless a squatter piled up items under the person's name.
   */
  private async lookupProfile(upn: string): Promise<{ item: StoredProfileItem | null; record: ExpertiseRecord | null; normalKeyTaken: boolean }> {
    const person = normalizeUpn(upn);
    let normalKeyTaken = false;
    const walk = walkItems<StoredProfileItem>(this.profiles, { select: PROFILE_SELECT, expand: ['Author'], filter: profileKeyFilter(person), pageSize: PAGE_SIZE });
    for await (const page of walk) {
      for (const item of page) {
        const record = recordFromItem(item);
        if (record && record.personUpn === person) return { item, record, normalKeyTaken };
        if (normalizeUpn(String(item[EXPERTISE_FIELDS.personUpn] || '')) === person) normalKeyTaken = true;
      }
    }
    return { item: null, record: null, normalKeyTaken };
  }

  /**
   * The person's record, or null when they have none. Items someone else created under the
   * person's name are not their record: they are passed over.
   */
  public async getRecord(upn: string): Promise<RecordSnapshot | null> {
    const { item, record } = await this.lookupProfile(upn);
    if (!item || !record) return null;
    return { record, etag: etagOf(item) || null, itemId: item.Id, modified: item.Modified || null };
  }

  /**
   * Saves the signed-in user's own record: validated and cleaned first; created when they have
   * none (etag null), else updated against `etag` (412 → 'conflict'). When someone else holds the
   * person's key, the record is created under a fallback key; later saves find and update it.
   */
  public async saveOwnRecord(record: ExpertiseRecord, etag: string | null): Promise<RecordSnapshot> {
    const checked = validateRecord(record, this.taxonomyIds);
    if (!checked.ok) throw new ExpertiseError('invalid', 'The expertise record is not valid.', checked.errors);
    if (checked.record.personUpn !== this.me) throw new ExpertiseError('notYourRecord', 'Only the person edits their expertise record.');
    const values = recordValues(checked.record);
    const found = await this.lookupProfile(this.me);
    let fallbackId: number | null = null;
    try {
      if (found.item) {
        // Without an etag the caller never saw the stored record: refuse rather than overwrite it.
        if (!etag) throw new ExpertiseError('conflict', 'The record exists; reload it before saving.', [], 412);
        // The item keeps its own key: under a fallback key, the normal one may be someone else's.
        await this.profiles.items.getById(found.item.Id).update({ ...values, [EXPERTISE_FIELDS.personUpn]: found.item[EXPERTISE_FIELDS.personUpn] }, etag);
      } else if (found.normalKeyTaken || !(await this.addUnlessDuplicate(values))) {
        fallbackId = await this.addFallbackRecord(values);
      }
    } catch (e) {
      if (e instanceof ExpertiseError) throw e;
      if (statusOf(e) === 412 || isDuplicateError(e)) throw new ExpertiseError('conflict', 'The record changed since it was read; reload it.', [], 412);
      throw e;
    }
    const saved = await this.getRecord(this.me);
    if (!saved) throw new ExpertiseError('conflict', 'The record could not be read back.');
    if (fallbackId !== null && saved.itemId !== fallbackId) {
      // Two saves stepped around the same squat at once: the oldest item is the record; this one goes.
      await this.profiles.items.getById(fallbackId).delete().catch(() => undefined);
      throw new ExpertiseError('conflict', 'The record was created meanwhile; reload it.', [], 412);
    }
    return saved;
  }

  /**
   * Creates the record under the person's normal key. False when the key is taken by someone else
   * (a squat: the caller steps around it); 'conflict' when it is the person's own item, created
   * meanwhile (a double click, another tab).
   */
  private async addUnlessDuplicate(values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.profiles.items.add(values);
      return true;
    } catch (e) {
      if (!isDuplicateError(e)) throw e;
    }
    if ((await this.lookupProfile(this.me)).item) throw new ExpertiseError('conflict', 'The record was created meanwhile; reload it.', [], 412);
    return false;
  }

  /** Creates the record under a fallback key; answers the new item's id. */
  private async addFallbackRecord(values: Record<string, unknown>): Promise<number> {
    const created = (await this.profiles.items.add({ ...values, [EXPERTISE_FIELDS.personUpn]: profileFallbackKey(this.me, newKeyNonce()) })) as { Id?: number; ID?: number } | null;
    return Number((created && (created.Id ?? created.ID)) || 0);
  }

  /**
   * Endorses a colleague's skill as the signed-in user. Self-endorsement is refused before any
   * request. Idempotent: the unique key turns a second endorsement (double click, retry) into
   * 'alreadyEndorsed'. A key someone else took in the endorser's name is stepped around with a
   * fallback key: the real endorsement counts, the forged one never does.
   */
  public async endorse(personUpn: string, skillKey: SkillKey): Promise<EndorseResult> {
    const person = normalizeUpn(personUpn);
    if (person === '' || person === this.me) throw new ExpertiseError('selfEndorsement', 'People cannot endorse themselves.');
    const key = cleanSkillKey(skillKey);
    if (key === '') throw new ExpertiseError('invalid', 'The skill is empty.', [{ path: 'skillKey', code: 'required' }]);
    const values = endorsementValues(this.me, person, key);
    try {
      await this.endorsements.items.add(values);
      return 'endorsed';
    } catch (e) {
      if (!isDuplicateError(e)) throw e;
    }
    if ((await this.myEndorsementItems(person, key)).length) return 'alreadyEndorsed';
    await this.endorsements.items.add({ ...values, [ENDORSEMENT_FIELDS.key]: endorsementFallbackKey(this.me, person, key, newKeyNonce()) });
    return 'endorsed';
  }

  /**
   * Withdraws the signed-in user's endorsement, under whichever keys it was given (only the
   * endorser can: the server refuses others).
   */
  public async withdraw(personUpn: string, skillKey: SkillKey): Promise<WithdrawResult> {
    const items = await this.myEndorsementItems(normalizeUpn(personUpn), cleanSkillKey(skillKey));
    let withdrawn = false;
    for (const item of items) {
      try {
        await this.endorsements.items.getById(item.Id).delete();
        withdrawn = true;
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
    }
    return withdrawn ? 'withdrawn' : 'notEndorsed';
  }

  /** Every endorsement of a person (paged), forged items left out, once per endorser and skill. */
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
    return distinctEndorsements(out);
  }

  /** The signed-in user's own endorsement items of a person's skill, under the normal and fallback keys. */
  private async myEndorsementItems(person: string, skillKey: SkillKey): Promise<StoredEndorsementItem[]> {
    const mine: StoredEndorsementItem[] = [];
    const walk = walkItems<StoredEndorsementItem>(this.endorsements, {
      select: ENDORSEMENT_SELECT, expand: ['Author'], filter: endorsementKeyFilter(this.me, person, skillKey), pageSize: PAGE_SIZE
    });
    for await (const page of walk) {
      for (const item of page) {
        const e = endorsementFromItem(item);
        if (e && e.endorserUpn === this.me && e.personUpn === person && e.skillKey === skillKey) mine.push(item);
      }
    }
    return mine;
  }
}
