/**
 * The prebuilt index's engine, run in a Web Worker so that parsing the file, building the index
 * and every search stay off the page's main thread. The same engine runs in-process where no
 * worker can be started (tests, a host without a worker script): `inProcessWorker`.
 *
 * Protocol (postMessage): `{ id, type: 'load', data: ArrayBuffer, taxonomy }` answers
 * `{ people, facets, ms }`; `{ id, type: 'search', query }` answers a SearchResult. Every answer is
 * `{ id, ok: true, value }` or `{ id, ok: false, error }` (an error's name and message only).
 */
import { createExpertiseIndex } from '../../core/expertise';
import type { ExpertiseIndex, SearchQuery, SkillDefinition } from '../../core/expertise/types';
import { PackedIndex, unpackIndex } from '../../core/expertise/packed';
import type { ExpertFacets } from './provider';

export type IndexWorkerRequest =
  | { id: number; type: 'load'; data: ArrayBuffer | string; taxonomy: readonly SkillDefinition[] }
  | { id: number; type: 'search'; query: SearchQuery };

export type IndexWorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface IndexLoaded {
  people: number;
  /** Unsorted (the page sorts them for its locale). */
  facets: ExpertFacets;
  /** Parse and build, in the worker. */
  ms: number;
}

/** What the provider needs of a Worker (a real one, or `inProcessWorker`). */
export interface WorkerLike {
  postMessage(message: IndexWorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: { data: IndexWorkerResponse }) => void) | null;
  terminate(): void;
}

function rawFacets(index: { profiles: ReadonlyArray<{ department: string; location: string; languages: string[] }> }): ExpertFacets {
  const d = new Set<string>();
  const l = new Set<string>();
  const g = new Set<string>();
  for (const p of index.profiles) {
    if (p.department) d.add(p.department);
    if (p.location) l.add(p.location);
    for (const tag of p.languages) {
      const primary = (tag || '').split('-')[0].toLowerCase();
      if (primary) g.add(primary);
    }
  }
  return { departments: Array.from(d), locations: Array.from(l), languages: Array.from(g) };
}

/** The engine: one index, loaded once, then searched. Pure apart from `performance.now`/`Date.now`. */
export function createIndexEngine(): (request: IndexWorkerRequest) => IndexWorkerResponse {
  let index: ExpertiseIndex | null = null;
  const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  return request => {
    try {
      if (request.type === 'load') {
        const start = now();
        const text = typeof request.data === 'string' ? request.data : new TextDecoder('utf-8').decode(request.data);
        const profiles = unpackIndex(JSON.parse(text) as PackedIndex);
        index = createExpertiseIndex(profiles, request.taxonomy);
        const value: IndexLoaded = { people: profiles.length, facets: rawFacets({ profiles }), ms: now() - start };
        return { id: request.id, ok: true, value };
      }
      if (!index) throw new Error('The expertise index is not loaded.');
      return { id: request.id, ok: true, value: index.search(request.query) };
    } catch (e) {
      const err = e as Error;
      return { id: request.id, ok: false, error: `${err && err.name ? err.name : 'Error'}: ${err && err.message ? err.message : String(e)}` };
    }
  };
}

/** Makes a worker's global scope answer the protocol (the worker script's only line). */
export function installIndexWorker(scope: { onmessage: ((e: MessageEvent<IndexWorkerRequest>) => void) | null; postMessage(m: IndexWorkerResponse): void }): void {
  const engine = createIndexEngine();
  scope.onmessage = e => scope.postMessage(engine(e.data));
}

/** The engine behind the WorkerLike interface, answering asynchronously on the same thread. */
export function inProcessWorker(): WorkerLike {
  const engine = createIndexEngine();
  const w: WorkerLike = {
    onmessage: null,
    postMessage(message) {
      setTimeout(() => {
        const answer = engine(message);
        if (w.onmessage) w.onmessage({ data: answer });
      }, 0);
    },
    terminate() {
      w.onmessage = null;
    }
  };
  return w;
}
