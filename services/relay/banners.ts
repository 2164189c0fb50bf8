/**
 * Company banners (BannerApi): what the portal header shows to everyone, published by the
 * communications role ("Company banners": everyone reads, communications edits; SharePoint refuses
 * anyone else's write with 403, mapped to RelayError 'forbidden').
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { SuiteContext } from '../context';
import type { Banner } from '../../core/relay/model';
import { odataString } from '../../core/odata';
import { BANNER_FIELDS, BANNERS_LIST_TITLE } from '../provisioning/relayLists';
import { BannerApi, RelayError } from './api';
import { BANNER_SELECT, bannerFromItem, isDuplicateError, StoredItem, toRelayError } from './items';

/** At most this many banners are read (the header shows one or two). */
const ACTIVE_READ = 50;

export interface BannerServiceOptions {
  /** The clock (default: the wall clock). */
  now?: () => Date;
}

export class BannerService implements BannerApi {
  private readonly sp: SPFI;
  private readonly now: () => Date;

  public constructor(ctx: Pick<SuiteContext, 'sp'>, options: BannerServiceOptions = {}) {
    this.sp = ctx.sp;
    this.now = options.now || (() => new Date());
  }

  private get list(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(BANNERS_LIST_TITLE);
  }

  /**
   * Banners in force: EndsAt ge now (indexed first clause: only banners not yet ended are read),
   * then started (StartsAt empty or passed), newest first. One request.
   */
  public async active(): Promise<Banner[]> {
    const now = this.now();
    let items: StoredItem[];
    try {
      items = (await this.list.items
        .select(...BANNER_SELECT)
        .filter(`${BANNER_FIELDS.endsAt} ge datetime${odataString(now.toISOString())}`)
        .orderBy('Id', false)
        .top(ACTIVE_READ)()) as StoredItem[];
    } catch (e) {
      throw toRelayError(e, 'Banners');
    }
    return items.map(bannerFromItem).filter(b => {
      const starts = b.startsAt ? Date.parse(b.startsAt) : NaN;
      const ends = Date.parse(b.endsAt);
      return (!b.startsAt || !Number.isFinite(starts) || starts <= now.getTime()) && Number.isFinite(ends) && ends > now.getTime();
    });
  }

  private async byKey(key: string): Promise<Banner | null> {
    const items = (await this.list.items.select(...BANNER_SELECT).filter(`${BANNER_FIELDS.key} eq ${odataString(key)}`).top(1)()) as StoredItem[];
    return items[0] ? bannerFromItem(items[0]) : null;
  }

  /** Publishes a banner; the same key published again answers the stored banner (idempotent). */
  public async publish(banner: Omit<Banner, 'id'>): Promise<Banner> {
    const fields: string[] = [];
    if (!banner.key || !banner.key.trim()) fields.push('key');
    if (!banner.message || !banner.message.trim()) fields.push('message');
    if (!Number.isFinite(Date.parse(banner.endsAt))) fields.push('endsAt');
    if (banner.startsAt && !Number.isFinite(Date.parse(banner.startsAt))) fields.push('startsAt');
    if (fields.length) throw new RelayError('invalid', 'The banner is not valid.', fields);
    const values = {
      Title: banner.message.trim().slice(0, 255),
      [BANNER_FIELDS.key]: banner.key.trim(),
      [BANNER_FIELDS.message]: banner.message.trim(),
      [BANNER_FIELDS.messageFr]: (banner.messageFr || '').trim() || null,
      [BANNER_FIELDS.level]: banner.level === 'warning' ? 'warning' : 'info',
      [BANNER_FIELDS.startsAt]: banner.startsAt ? new Date(banner.startsAt).toISOString() : null,
      [BANNER_FIELDS.endsAt]: new Date(banner.endsAt).toISOString(),
      [BANNER_FIELDS.source]: banner.source || null
    };
    try {
      const item = (await this.list.items.add(values)) as StoredItem;
      return bannerFromItem(item);
    } catch (e) {
      if (!isDuplicateError(e)) throw toRelayError(e, 'Banner');
    }
    try {
      const existing = await this.byKey(banner.key.trim());
      if (existing) return existing;
    } catch (e) {
      throw toRelayError(e, 'Banner');
    }
    throw new RelayError('conflict', 'A banner with this key exists but cannot be read.', [], 409);
  }

  /** Ends a banner now (EndsAt = now); ending one already ended changes nothing. */
  public async end(banner: Banner): Promise<void> {
    const now = this.now();
    if (Date.parse(banner.endsAt) <= now.getTime()) return;
    try {
      await this.list.items.getById(banner.id).update({ [BANNER_FIELDS.endsAt]: now.toISOString() });
    } catch (e) {
      const err = toRelayError(e, 'Banner');
      if (err.code === 'notFound') return;
      throw err;
    }
  }
}
