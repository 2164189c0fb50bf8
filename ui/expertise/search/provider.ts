/**
 * What the "Find an expert" view needs from a search provider: load once, then search, with the
 * values the filters offer and the skills' labels. Both providers of services/expertise are adapted
 * here: the local one (reads everything, ranks in the browser) and SharePoint Search (finds the
 * candidates with search, ranks them with the same blend); `createExpertSearch` picks one.
 */
import type { ExpertProfile, ProfileSkill, SearchQuery, SearchResult, SkillDefinition } from '../../../core/expertise/types';
import { isSearchable } from '../../../core/expertise';
import { LocalExpertiseProvider } from '../../../services/expertise/localProvider';
import type { SharePointSearchExpertiseProvider } from '../../../services/expertise/searchProvider';
import { createOutcomeSource } from '../../../services/expertise/outcomes';
import type { OutcomeSource } from '../../../services/expertise/localProvider';
import type { Policy } from '../../../core/policy/types';
import { SettingsService } from '../../../services/settings';
import type { SuiteContext } from '../../../services/context';

/** Values offered by the filters (visible people only), sorted for display. */
export interface ExpertFacets {
  departments: string[];
  locations: string[];
  /** Primary language subtags ('fr', 'en'). */
  languages: string[];
}

export interface ExpertSearchProvider {
  /** Reads what the search needs and builds the index; called once per view. */
  load(): Promise<void>;
  search(query: SearchQuery): SearchResult | Promise<SearchResult>;
  facets(locale: string): ExpertFacets;
  /** A skill's label in a locale: the taxonomy's for taxonomy skills, the entry as written otherwise. */
  skillLabel(skill: ProfileSkill, locale: string): string;
}

const sorted = (values: Iterable<string>, locale: string): string[] =>
  Array.from(values).sort((a, b) => a.localeCompare(b, locale, { sensitivity: 'base' }));

/** The filter values of a set of profiles: guests and disabled accounts are left out, as in results. */
export function facetsOf(profiles: readonly ExpertProfile[], locale: string): ExpertFacets {
  const departments = new Set<string>();
  const locations = new Set<string>();
  const languages = new Set<string>();
  for (const p of profiles) {
    if (!isSearchable(p)) continue;
    if (p.department) departments.add(p.department);
    if (p.location) locations.add(p.location);
    for (const l of p.languages) {
      const primary = (l || '').split('-')[0].toLowerCase();
      if (primary) languages.add(primary);
    }
  }
  return { departments: sorted(departments, locale), locations: sorted(locations, locale), languages: sorted(languages, locale) };
}

/** Label of a profile skill from a taxonomy ('fr…' locales get the French label). */
export function taxonomyLabel(taxonomy: readonly SkillDefinition[], skill: ProfileSkill, locale: string): string {
  const def = skill.skillId ? taxonomy.find(s => s.id === skill.skillId) : undefined;
  if (!def) return skill.label;
  return locale.toLowerCase().startsWith('fr') ? def.label.fr : def.label.en;
}

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

/**
 * The local provider over the suite's context: reads the policy (for the skills taxonomy, once per
 * page), then the directory and the expertise lists; outcome evidence (resolved insights, accepted
 * answers) comes from services/expertise/outcomes.ts.
 */
export function localExpertSearch(ctx: SuiteContext): ExpertSearchProvider {
  let taxonomy: readonly SkillDefinition[] = [];
  let provider: LocalExpertiseProvider | null = null;
  return {
    async load() {
      const next = await withPolicy(ctx, policy => {
        const outcomes = startedOutcomes(ctx, policy);
        const local = new LocalExpertiseProvider(ctx, { taxonomy: policy.skills, outcomes });
        return local.load().then(() => ({ taxonomy: policy.skills, provider: local }));
      });
      taxonomy = next.taxonomy;
      provider = next.provider;
    },
    search(query) {
      if (!provider) throw new Error('localExpertSearch: call load() first.');
      return provider.search(query);
    },
    facets(locale) {
      return facetsOf(provider ? provider.profiles : [], locale);
    },
    skillLabel(skill, locale) {
      return taxonomyLabel(taxonomy, skill, locale);
    }
  };
}

type Rules = Pick<Policy, 'skills' | 'feedback'>;

/** The outcome source, its one read started now rather than after the directory answers. */
function startedOutcomes(ctx: SuiteContext, policy: Rules): OutcomeSource {
  const outcomes = createOutcomeSource(ctx, { skills: policy.skills, feedback: policy.feedback });
  outcomes([]).catch(() => undefined);
  return outcomes;
}

/**
 * Builds with the rules known at once (the policy last read on the device, or the defaults), in
 * parallel with this page's policy read, instead of after it. When the fresh policy's skills or
 * feedback rules differ (the device's copy was stale, or a first visit), it builds again with them.
 */
async function withPolicy<T>(ctx: SuiteContext, build: (policy: Rules) => Promise<T>): Promise<T> {
  const settings = new SettingsService(ctx);
  const known = settings.cached().policy;
  const early = build(known);
  early.catch(() => undefined);
  const fresh = (await settings.load()).policy;
  return sameValue(fresh.skills, known.skills) && sameValue(fresh.feedback, known.feedback) ? early : build(fresh);
}

/** Deep equality of JSON values, whatever the order of their keys. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k)
    && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The SharePoint Search provider over the suite's context: reads the policy (for the skills
 * taxonomy, once per page), the lists' ids and the filters' values (refiners); each search asks
 * SharePoint Search for the candidates and ranks them with the suite's blend (outcome evidence from
 * services/expertise/outcomes.ts, both lists read once per page).
 */
export function sharePointExpertSearch(ctx: SuiteContext): ExpertSearchProvider {
  let taxonomy: readonly SkillDefinition[] = [];
  let provider: SharePointSearchExpertiseProvider | null = null;
  return {
    async load() {
      // Its own chunk, loaded with the rules: the default (local) search does not carry it.
      const { SharePointSearchExpertiseProvider: Provider } = await import(/* webpackChunkName: 'expertise-sharepoint-search' */ '../../../services/expertise/searchProvider');
      const next = await withPolicy(ctx, policy => {
        const search = new Provider(ctx, { taxonomy: policy.skills, outcomes: startedOutcomes(ctx, policy) });
        return search.load().then(() => ({ taxonomy: policy.skills, provider: search }));
      });
      taxonomy = next.taxonomy;
      provider = next.provider;
    },
    search(query) {
      if (!provider) throw new Error('sharePointExpertSearch: call load() first.');
      return provider.search(query);
    },
    facets(locale) {
      const f = provider ? provider.facets : { departments: [], locations: [], languages: [] };
      return { departments: sorted(f.departments, locale), locations: sorted(f.locations, locale), languages: sorted(f.languages, locale) };
    },
    skillLabel(skill, locale) {
      return taxonomyLabel(taxonomy, skill, locale);
    }
  };
}

/** Which provider a Find an expert web part uses (its `provider` property). */
export type ExpertSearchProviderKind = 'local' | 'sharepointSearch';

/** The provider of a kind; anything unknown is the local provider (the default, for small tenants). */
export function createExpertSearch(ctx: SuiteContext, kind: string | null | undefined): ExpertSearchProvider {
  return kind === 'sharepointSearch' ? sharePointExpertSearch(ctx) : localExpertSearch(ctx);
}
