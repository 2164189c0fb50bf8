/**
 * What the "Find an expert" view takes from services/expertise: the providers' contract
 * (services/expertise/provider.ts) and their registry (services/expertise/registry.ts), re-exported
 * here for the view and its hosts; and the first query taken from the page's address.
 */
export type { ExpertFacets, ExpertSearchProvider } from '../../../services/expertise/provider';
export { facetsOf, taxonomyLabel } from '../../../services/expertise/provider';
export type { ExpertSearchProviderKind } from '../../../services/expertise/registry';
export { AVAILABLE_PROVIDERS, createExpertSearch } from '../../../services/expertise/registry';

/** Longest first query taken from a page address (the search box accepts longer text typed by hand). */
export const MAX_INITIAL_QUERY = 256;

/**
 * The first query of the view from a page's query string: `?q=<text>` (the portal header's search
 * box links there), trimmed and cut to MAX_INITIAL_QUERY characters; undefined when absent or blank.
 */
export function initialQueryOf(search: string | URLSearchParams): string | undefined {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const q = (params.get('q') || '').replace(/\s+/g, ' ').trim().slice(0, MAX_INITIAL_QUERY).trim();
  return q === '' ? undefined : q;
}
