/**
 * The two files of the prebuilt expertise index in the hub's "ExpertiseIndex" library, as the job
 * writes them (./indexBuild.ts) and browsers read them (./prebuiltProvider.ts): the manifest, then
 * the data file it names. Kept apart from the build so that the browser's bundle carries only this.
 */
import '@pnp/sp/webs';
import { SPFI, SPQueryable, spGet } from '@pnp/sp';
import { BufferParse, TextParse } from '@pnp/queryable';
import { PACKED_INDEX_VERSION } from '../../core/expertise/packed';
import { odataString } from '../../core/odata';
import { EXPERTISE_INDEX_LIBRARY_TITLE } from '../provisioning/expertiseLists';

export { EXPERTISE_INDEX_MANIFEST } from '../provisioning/expertiseLists';

/** The data file (one shard: the whole organisation up to the automatic threshold fits one request). */
export const EXPERTISE_INDEX_DATA = `expertise-index.v${PACKED_INDEX_VERSION}.json`;

export interface IndexManifest {
  v: number;
  /** SharePoint's time of the data file (the clock that stamps items' `Modified`). */
  builtAt: string;
  /**
   * Where the next update starts reading `Modified` (SharePoint's clock): the data file's time less
   * the build's duration and a margin, so an item saved while the build read is read again.
   */
  nextSince: string;
  /** The job's clock at the last full build (when the next one is due). */
  fullBuiltAt: string;
  taxonomy: string;
  /** Everyone in the directory (for the provider's choice by size). */
  directorySize: number;
  /** Searchable people in the data file. */
  people: number;
  /** The data file's name in the library, and its size in bytes. */
  file: string;
  bytes: number;
}

export const libraryFolder = (siteRelative: string): string => `${siteRelative.replace(/\/$/, '')}/${EXPERTISE_INDEX_LIBRARY_TITLE}`;

/** The server-relative URL of the hub site, from the SPFI's base URL. */
export async function siteRelativeUrl(sp: SPFI): Promise<string> {
  const web = await sp.web.select('ServerRelativeUrl')() as { ServerRelativeUrl: string };
  return web.ServerRelativeUrl;
}

/** A file of the index library as text, or null when it does not exist (404). */
export async function readIndexFile(sp: SPFI, folder: string, name: string): Promise<string | null> {
  try {
    const file = SPQueryable(sp.web, `getFileByServerRelativeUrl(${odataString(`${folder}/${name}`)})/$value`).using(TextParse());
    return await spGet<string>(file);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}


/** A file of the index library as bytes, or null when it does not exist (404). */
export async function readIndexBuffer(sp: SPFI, folder: string, name: string): Promise<ArrayBuffer | null> {
  try {
    const file = SPQueryable(sp.web, `getFileByServerRelativeUrl(${odataString(`${folder}/${name}`)})/$value`).using(BufferParse());
    return await spGet<ArrayBuffer>(file);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

export function parseManifest(text: string | null): IndexManifest | null {
  if (!text) return null;
  try {
    const m = JSON.parse(text) as IndexManifest;
    return m && m.v === PACKED_INDEX_VERSION ? m : null;
  } catch {
    return null;
  }
}

