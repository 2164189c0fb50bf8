/**
 * The prebuilt index provider: Find an expert over the index the trusted job writes into the hub's
 * "ExpertiseIndex" library (./indexBuild.ts). Nothing is read before the person uses the search
 * box (`warm()`: focus or typing) or searches (a `?q=` query runs after the first paint); then two
 * requests, the manifest and the data file, the data handed as bytes (transferred, not copied) to a
 * Web Worker that parses it, builds the index (core/expertise) and answers every search, so the page
 * never blocks. Same profiles, same blend, same reasons as the in-browser provider.
 *
 * In `auto` mode the manifest's directory size decides: past the threshold the provider hands every
 * search to SharePoint Search (`fallback`) and never reads the data file.
 */
import type { SearchQuery, SearchResult } from '../../core/expertise/types';
import type { Policy } from '../../core/policy/types';
import type { SuiteContext } from '../context';
import { BaseExpertSearchProvider, ExpertFacets, ExpertSearchProvider, NO_FACETS, sortedFacets } from './provider';
import { EXPERTISE_INDEX_MANIFEST, IndexManifest, libraryFolder, parseManifest, readIndexBuffer, readIndexFile } from './indexFiles';
import type { IndexLoaded, IndexWorkerRequest, IndexWorkerResponse, WorkerLike } from './indexWorker';

export interface PrebuiltIndexOptions {
  /** Starts the worker (default: `new Worker(workerUrl)` when given and possible, else in-process). */
  createWorker?: () => WorkerLike;
  /** The worker script (same origin as the page). */
  workerUrl?: string;
  /** Past this many people in the directory, SharePoint Search answers (`fallback`); absent: never. */
  threshold?: number;
  fallback?: () => ExpertSearchProvider;
}

/** The manifest named no index (the job has not run yet): the view shows its error with a retry. */
export class IndexNotBuiltError extends Error {
  public readonly status = 404;
  public constructor() {
    super('The expertise index has not been built yet.');
    this.name = 'IndexNotBuiltError';
  }
}

async function defaultWorker(url: string | undefined): Promise<WorkerLike> {
  if (url && typeof Worker !== 'undefined') {
    try {
      return new Worker(url) as unknown as WorkerLike;
    } catch {
      // A host that refuses the script (CSP, another origin): the same engine on this thread.
    }
  }
  // The engine on this thread, loaded only then: the page does not carry it otherwise.
  const { inProcessWorker } = await import(/* webpackChunkName: 'expertise-engine' */ './indexWorker');
  return inProcessWorker();
}

export class PrebuiltIndexExpertSearch extends BaseExpertSearchProvider {
  public readonly kind = 'prebuiltIndex';
  /** Requests made and bytes read (tests and the benchmark count them). */
  public readonly stats = { requests: 0, bytes: 0, buildMs: 0 };
  private ready: Promise<ExpertSearchProvider | null> | null = null;
  private delegate: ExpertSearchProvider | null = null;
  private worker: WorkerLike | null = null;
  private raw: ExpertFacets = NO_FACETS;
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  public constructor(ctx: SuiteContext, private readonly options: PrebuiltIndexOptions = {}) {
    super(ctx);
  }

  protected loadWith(_policy: Policy): Promise<void> {
    return Promise.resolve();
  }

  public warm(): void {
    this.ensure().catch(() => undefined);
  }

  public async search(query: SearchQuery): Promise<SearchResult> {
    const delegate = await this.ensure();
    if (delegate) return delegate.search(query);
    return this.call({ id: this.next++, type: 'search', query }) as Promise<SearchResult>;
  }

  public facets(locale: string): ExpertFacets {
    return this.delegate ? this.delegate.facets(locale) : sortedFacets(this.raw, locale);
  }

  /** Stops the worker (the view unmounted). */
  public dispose(): void {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
  }

  private ensure(): Promise<ExpertSearchProvider | null> {
    if (!this.ready) {
      this.ready = this.open();
      this.ready.catch(() => { this.ready = null; });
    }
    return this.ready;
  }

  private async open(): Promise<ExpertSearchProvider | null> {
    const folder = libraryFolder(new URL(this.ctx.siteUrl).pathname);
    this.stats.requests++;
    const manifest: IndexManifest | null = parseManifest(await readIndexFile(this.ctx.sp, folder, EXPERTISE_INDEX_MANIFEST));
    if (manifest && this.options.fallback && this.options.threshold !== undefined && manifest.directorySize > this.options.threshold) {
      const delegate = this.options.fallback();
      await delegate.load();
      this.delegate = delegate;
      return delegate;
    }
    if (!manifest) throw new IndexNotBuiltError();
    this.stats.requests++;
    const data = await readIndexBuffer(this.ctx.sp, folder, manifest.file);
    if (!data) throw new IndexNotBuiltError();
    this.stats.bytes = data.byteLength;
    if (!this.worker) {
      this.worker = this.options.createWorker ? this.options.createWorker() : await defaultWorker(this.options.workerUrl);
      this.worker.onmessage = e => this.answer(e.data);
    }
    const loaded = await this.call({ id: this.next++, type: 'load', data, taxonomy: this.taxonomy }, [data]) as IndexLoaded;
    this.raw = loaded.facets;
    this.stats.buildMs = loaded.ms;
    return null;
  }

  private call(request: IndexWorkerRequest, transfer?: Transferable[]): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('The expertise index worker is not running.'));
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  private answer(response: IndexWorkerResponse): void {
    const w = this.waiting.get(response.id);
    if (!w) return;
    this.waiting.delete(response.id);
    if (response.ok) w.resolve(response.value);
    else w.reject(new Error(response.error));
  }
}
