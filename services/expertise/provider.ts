/**
 * The contract every expertise search provider implements, as PnP Modern Search's data sources
 * do (`IDataSource` + `BaseDataSource`): the Find an expert view (ui/expertise/search) knows only
 * `ExpertSearchProvider`; `BaseExpertSearchProvider` holds what they all share (the policy's
 * taxonomy, skill labels, facets of profiles); ./registry.ts maps the web part's provider
 * property to one (`AVAILABLE_PROVIDERS`). docs/expertise-ranking.md, "Providers".
 */
import type { ExpertProfile, ProfileSkill, SearchQuery, SearchResult, SkillDefinition } from '../../core/expertise/types';
import { isSearchable } from '../../core/expertise';
import type { Policy } from '../../core/policy/types';
import { SettingsService } from '../settings';
import type { SuiteContext } from '../context';

/** Values offered by the filters (visible people only), sorted for display. */
export interface ExpertFacets {
  departments: string[];
  locations: string[];
  /** Primary language subtags ('fr', 'en'). */
  languages: string[];
}

export const NO_FACETS: ExpertFacets = Object.freeze({ departments: [], locations: [], languages: [] }) as ExpertFacets;

export interface ExpertSearchProvider {
  /**
   * What the view needs before it shows the search box; called once per view. Providers that read
   * much (the index) read it at the first search or `warm()`, not here.
   */
  load(): Promise<void>;
  search(query: SearchQuery): SearchResult | Promise<SearchResult>;
  /** The filters' values; may be empty until the first search of a lazy provider. */
  facets(locale: string): ExpertFacets;
  /** A skill's label in a locale: the taxonomy's for taxonomy skills, the entry as written otherwise. */
  skillLabel(skill: ProfileSkill, locale: string): string;
  /** The person started using the search box: a lazy provider starts reading now. Idempotent. */
  warm?(): void;
}

const sorted = (values: Iterable<string>, locale: string): string[] =>
  Array.from(values).sort((a, b) => a.localeCompare(b, locale, { sensitivity: 'base' }));

/** Facets sorted for a locale. */
export const sortedFacets = (f: ExpertFacets, locale: string): ExpertFacets =>
  ({ departments: sorted(f.departments, locale), locations: sorted(f.locations, locale), languages: sorted(f.languages, locale) });

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
  return sortedFacets({ departments: Array.from(departments), locations: Array.from(locations), languages: Array.from(languages) }, locale);
}

/** Label of a profile skill from a taxonomy ('fr…' locales get the French label). */
export function taxonomyLabel(taxonomy: readonly SkillDefinition[], skill: ProfileSkill, locale: string): string {
  const def = skill.skillId ? taxonomy.find(s => s.id === skill.skillId) : undefined;
  if (!def) return skill.label;
  return locale.toLowerCase().startsWith('fr') ? def.label.fr : def.label.en;
}

/**
 * What every provider shares: `load()` reads the policy (once per page, services/settings.ts) and
 * hands it to `loadWith`; skill labels come from its taxonomy.
 */
export abstract class BaseExpertSearchProvider implements ExpertSearchProvider {
  protected taxonomy: readonly SkillDefinition[] = [];
  protected policy: Policy | null = null;

  protected constructor(protected readonly ctx: SuiteContext) {}

  public async load(): Promise<void> {
    const snapshot = await new SettingsService(this.ctx).load();
    this.policy = snapshot.policy;
    this.taxonomy = snapshot.policy.skills;
    await this.loadWith(snapshot.policy);
  }

  public skillLabel(skill: ProfileSkill, locale: string): string {
    return taxonomyLabel(this.taxonomy, skill, locale);
  }

  protected abstract loadWith(policy: Policy): Promise<void>;
  public abstract search(query: SearchQuery): SearchResult | Promise<SearchResult>;
  public abstract facets(locale: string): ExpertFacets;
}
