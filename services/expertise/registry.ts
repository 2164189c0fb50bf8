/**
 * The expertise providers by the Find an expert web part's `provider` property, as PnP Modern
 * Search's `AvailableDataSources`: each entry builds one `ExpertSearchProvider` (./provider.ts).
 *
 * - `local`: the directory and both lists read in the browser, index built there (small tenants);
 * - `prebuiltIndex`: the index the trusted job writes, read at the first search, in a worker;
 * - `sharepointSearch`: candidates from SharePoint Search, ranked with the same blend;
 * - `auto` (and anything unknown): the prebuilt index, or SharePoint Search once the directory is
 *   larger than the threshold (default 20,000 people: the index file then passes about 600 KB gzipped).
 */
import type { SuiteContext } from '../context';
import type { LocalExpertiseProvider } from './localProvider';
import type { SharePointSearchExpertiseProvider } from './searchProvider';
import { PrebuiltIndexExpertSearch, PrebuiltIndexOptions } from './prebuiltProvider';
import { BaseExpertSearchProvider, ExpertFacets, ExpertSearchProvider, facetsOf, NO_FACETS, sortedFacets } from './provider';
import type { SearchQuery, SearchResult } from '../../core/expertise/types';
import type { Policy } from '../../core/policy/types';

export type ExpertSearchProviderKind = 'local' | 'prebuiltIndex' | 'sharepointSearch' | 'auto';

export const PROVIDER_KINDS: readonly ExpertSearchProviderKind[] = ['auto', 'prebuiltIndex', 'sharepointSearch', 'local'];

/** Directory size past which `auto` uses SharePoint Search. */
export const DEFAULT_AUTO_THRESHOLD = 20_000;

export interface ProviderOptions {
  /** The prebuilt index's worker script and worker factory. */
  prebuilt?: Pick<PrebuiltIndexOptions, 'createWorker' | 'workerUrl'>;
  /** `auto`'s threshold (default DEFAULT_AUTO_THRESHOLD). */
  autoThreshold?: number;
}

/** The in-browser provider: reads the directory and both lists at load, builds the index on the page. */
export class LocalExpertSearch extends BaseExpertSearchProvider {
  public readonly kind = 'local';
  private provider: LocalExpertiseProvider | null = null;

  public constructor(ctx: SuiteContext) {
    super(ctx);
  }

  protected async loadWith(policy: Policy): Promise<void> {
    // Loaded with the provider that uses them: the default (prebuilt index) page does not carry them.
    const [{ createOutcomeSource }, { LocalExpertiseProvider: Provider }] = await Promise.all([
      import(/* webpackChunkName: 'expertise-outcomes' */ './outcomes'),
      import(/* webpackChunkName: 'expertise-local' */ './localProvider')
    ]);
    const outcomes = createOutcomeSource(this.ctx, { skills: policy.skills, feedback: policy.feedback });
    const next = new Provider(this.ctx, { taxonomy: policy.skills, outcomes });
    await next.load();
    this.provider = next;
  }

  public search(query: SearchQuery): SearchResult {
    if (!this.provider) throw new Error('LocalExpertSearch: call load() first.');
    return this.provider.search(query);
  }

  public facets(locale: string): ExpertFacets {
    return facetsOf(this.provider ? this.provider.profiles : [], locale);
  }
}

/** SharePoint Search: the lists' ids and refiners at load, candidates at each query. */
export class SharePointExpertSearch extends BaseExpertSearchProvider {
  public readonly kind = 'sharepointSearch';
  private provider: SharePointSearchExpertiseProvider | null = null;

  public constructor(ctx: SuiteContext) {
    super(ctx);
  }

  protected async loadWith(policy: Policy): Promise<void> {
    const [{ createOutcomeSource }, { SharePointSearchExpertiseProvider: Provider }] = await Promise.all([
      import(/* webpackChunkName: 'expertise-outcomes' */ './outcomes'),
      import(/* webpackChunkName: 'expertise-sharepoint-search' */ './searchProvider')
    ]);
    const outcomes = createOutcomeSource(this.ctx, { skills: policy.skills, feedback: policy.feedback });
    const next = new Provider(this.ctx, { taxonomy: policy.skills, outcomes });
    await next.load();
    this.provider = next;
  }

  public search(query: SearchQuery): Promise<SearchResult> {
    if (!this.provider) return Promise.reject(new Error('SharePointExpertSearch: call load() first.'));
    return this.provider.search(query);
  }

  public facets(locale: string): ExpertFacets {
    return sortedFacets(this.provider ? this.provider.facets : NO_FACETS, locale);
  }
}

export interface ProviderEntry {
  kind: ExpertSearchProviderKind;
  create(ctx: SuiteContext, options: ProviderOptions): ExpertSearchProvider;
}

export const AVAILABLE_PROVIDERS: Readonly<Record<ExpertSearchProviderKind, ProviderEntry>> = {
  local: { kind: 'local', create: ctx => new LocalExpertSearch(ctx) },
  sharepointSearch: { kind: 'sharepointSearch', create: ctx => new SharePointExpertSearch(ctx) },
  prebuiltIndex: { kind: 'prebuiltIndex', create: (ctx, o) => new PrebuiltIndexExpertSearch(ctx, { ...o.prebuilt }) },
  auto: {
    kind: 'auto',
    create: (ctx, o) => new PrebuiltIndexExpertSearch(ctx, {
      ...o.prebuilt, threshold: o.autoThreshold ?? DEFAULT_AUTO_THRESHOLD, fallback: () => new SharePointExpertSearch(ctx)
    })
  }
};

/** The kind a property value names; anything unknown (or absent) is `auto`. */
export function providerKindOf(kind: string | null | undefined): ExpertSearchProviderKind {
  return kind && Object.prototype.hasOwnProperty.call(AVAILABLE_PROVIDERS, kind) ? kind as ExpertSearchProviderKind : 'auto';
}

/** The provider of a kind (the web part's `provider` property). */
export function createExpertSearch(ctx: SuiteContext, kind: string | null | undefined, options: ProviderOptions = {}): ExpertSearchProvider {
  return AVAILABLE_PROVIDERS[providerKindOf(kind)].create(ctx, options);
}
