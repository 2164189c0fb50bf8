/**
 * "Find an expert": free-text search over the expertise index (English or French, accents, typos
 * and synonyms handled by the provider), filters by department, location, language and
 * customer-facing, results that say why each person ranks, and paging.
 *
 * The view knows only ExpertSearchProvider (./provider.ts). It does not know where a person's
 * profile lives: the host passes `onOpenPerson` (the SPFx shell and the workbench open the page
 * with `?person=<upn>`).
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { SearchBox } from '@fluentui/react/lib/SearchBox';
import { Label } from '@fluentui/react/lib/Label';
import { Dropdown, IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { Checkbox } from '@fluentui/react/lib/Checkbox';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { MessageBar } from '@fluentui/react/lib/MessageBar';
import type { ExpertProfile, SearchFilters, SearchHit, SearchResult } from '../../../core/expertise/types';
import { languageName } from '../../../core/people';
import { format } from '../../../core/format';
import type { SuiteError } from '../../../services/errors';
import { toSuiteError } from '../../../services/errors';
import { useI18n } from '../../i18n';
import { useLoader } from '../../useLoader';
import { ErrorNotice } from '../../ErrorNotice';
import { PersonPhoto } from '../../PersonPhoto';
import type { ExpertFacets, ExpertSearchProvider } from './provider';
import { describeReasons, levelName } from './reasons';

export interface ExpertSearchViewProps {
  provider: ExpertSearchProvider;
  strings: IExpertSearchStrings;
  /** Opens a person's profile (UPN); without it, names are not links. */
  onOpenPerson?: (upn: string) => void;
  /** Results per page (default 10). */
  pageSize?: number;
  /** A first query, e.g. from the page address. */
  initialQuery?: string;
  /**
   * Set when opening a person shows them elsewhere on the same page (a connected Employee profile):
   * the view then says so in a status message, since nothing changes where the user clicked.
   */
  showsProfileInPage?: boolean;
}

interface Request {
  text: string;
  filters: SearchFilters;
  page: number;
}

const ANY = '';
const TOP_SKILLS = 3;

const hasFilters = (f: SearchFilters): boolean =>
  !!f.department || !!f.location || !!f.language || f.customerFacing === true;

let instances = 0;

export const ExpertSearchView: React.FC<ExpertSearchViewProps> = ({ provider, strings: s, onOpenPerson, pageSize = 10, initialQuery, showsProfileInPage }) => {
  const { locale } = useI18n();
  const theme = useTheme();
  const [id] = React.useState(() => `expert-search-${++instances}`);
  const loader = useLoader<ExpertFacets>(async () => {
    await provider.load();
    return provider.facets(locale);
  }, [provider, locale]);
  const [text, setText] = React.useState(initialQuery || '');
  const [request, setRequest] = React.useState<Request | null>(initialQuery ? { text: initialQuery, filters: {}, page: 1 } : null);
  const [result, setResult] = React.useState<SearchResult | null>(null);
  const [searchError, setSearchError] = React.useState<SuiteError | null>(null);
  const [attempt, setAttempt] = React.useState(0);
  const [shown, setShown] = React.useState<string | null>(null);
  // A lazy provider (the prebuilt index) knows the filters' values only once its first search read the index.
  const [liveFacets, setLiveFacets] = React.useState<ExpertFacets | null>(null);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  const focusResults = React.useRef(false);
  const filters = request ? request.filters : {};

  React.useEffect(() => {
    if (!loader.data || !request) {
      setResult(null);
      return undefined;
    }
    let current = true;
    setSearchError(null);
    Promise.resolve()
      .then(() => provider.search({ text: request.text, filters: request.filters, page: request.page, pageSize, locale }))
      .then(
        r => {
          if (!current) return;
          setResult(r);
          setLiveFacets(provider.facets(locale));
        },
        e => { if (current) { setResult(null); setSearchError(toSuiteError(e)); } }
      );
    return () => { current = false; };
  }, [provider, loader.data, request, pageSize, locale, attempt]);

  React.useEffect(() => {
    if (result && focusResults.current && headingRef.current) {
      focusResults.current = false;
      headingRef.current.focus();
    }
  }, [result]);

  const run = (next: Partial<Request>): void => {
    setShown(null);
    const base: Request = request || { text, filters: {}, page: 1 };
    setRequest({ ...base, page: 1, ...next });
  };
  const setFilter = (patch: SearchFilters): void => {
    const next = { ...filters, ...patch };
    for (const key of Object.keys(next) as Array<keyof SearchFilters>) {
      if (next[key] === undefined || next[key] === ANY) delete next[key];
    }
    run({ text, filters: next });
  };
  const goTo = (page: number): void => {
    if (!request) return;
    focusResults.current = true;
    setRequest({ ...request, page });
  };

  const styles = mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, background: theme.semanticColors.bodyBackground, padding: 16, fontFamily: theme.fonts.medium.fontFamily },
    title: { ...theme.fonts.xLarge, margin: 0 },
    intro: { color: theme.semanticColors.bodySubtext, margin: '4px 0 12px' },
    searchRow: { display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' },
    searchBox: { flex: '1 1 260px', minWidth: 0 },
    filters: { display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end', margin: '12px 0 0', padding: 0, border: 0 },
    legend: { ...theme.fonts.medium, fontWeight: 600, padding: 0, marginBottom: 4, width: '100%' },
    filter: { minWidth: 160, flex: '0 1 200px' },
    checkbox: { paddingBottom: 6 },
    status: { margin: '16px 0 8px', color: theme.semanticColors.bodySubtext },
    heading: { ...theme.fonts.large, margin: '16px 0 4px', outline: 'none' },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    item: { display: 'flex', gap: 12, padding: '12px 0', borderTop: `1px solid ${theme.semanticColors.bodyDivider}` },
    body: { minWidth: 0, flex: 1 },
    name: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: 0 },
    sub: { color: theme.semanticColors.bodySubtext, margin: '2px 0 0' },
    badge: { marginLeft: 8, padding: '0 6px', border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, fontSize: 12, fontWeight: 400 },
    skills: { margin: '6px 0 0' },
    reasons: { margin: '6px 0 0', paddingLeft: 18 },
    shown: { margin: 0, fontWeight: 600 },
    pager: { display: 'flex', gap: 8, alignItems: 'center', marginTop: 12, flexWrap: 'wrap' }
  });

  if (loader.loading && !loader.data) {
    return <div className={styles.root}><Spinner size={SpinnerSize.large} label={s.Building} /></div>;
  }
  if (loader.error || !loader.data) {
    return <div className={styles.root}>{loader.error && <ErrorNotice error={loader.error} onRetry={loader.reload} />}</div>;
  }
  const loaded = loader.data;
  const facets = liveFacets && liveFacets.departments.length + liveFacets.locations.length + liveFacets.languages.length > 0 ? liveFacets : loaded;
  const warm = (): void => { if (provider.warm) provider.warm(); };
  const option = (key: string, label: string): IDropdownOption => ({ key, text: label });
  const anyOption = option(ANY, s.FilterAny);
  const languageLabel = (code: string): string => languageName(code, locale) || code;

  const person = (p: ExpertProfile): JSX.Element => onOpenPerson
    ? <Link onClick={() => { onOpenPerson(p.upn); if (showsProfileInPage) setShown(p.displayName); }} aria-label={format(s.OpenProfile, p.displayName)} data-testid="expert-open">{p.displayName}</Link>
    : <>{p.displayName}</>;

  const hit = (h: SearchHit): JSX.Element => {
    const p = h.profile;
    const skills = [...p.skills].sort((a, b) => b.proficiency - a.proficiency).slice(0, TOP_SKILLS)
      .map(k => format(s.SkillWithLevel, provider.skillLabel(k, locale), levelName(s, k.proficiency)));
    const why = describeReasons(s, locale, h.reasons);
    return (
      <li key={p.id} className={styles.item} data-testid="expert-result" data-upn={p.upn}>
        <PersonPhoto name={p.displayName} photo={null} size={48} />
        <div className={styles.body}>
          <h4 className={styles.name}>
            {person(p)}
            {p.customerFacing && <span className={styles.badge}>{s.CustomerFacing}</span>}
          </h4>
          <p className={styles.sub}>{[p.jobTitle, p.department, p.location].filter(Boolean).join(' · ')}</p>
          {skills.length > 0 && <p className={styles.skills}>{format(s.TopSkills, skills.join(s.ListSeparator))}</p>}
          {why.length > 0 && (
            <ul className={styles.reasons} aria-label={format(s.WhyLabel, p.displayName)} data-testid="expert-reasons">
              {why.map((w, i) => <li key={i}>{w}</li>)}
            </ul>
          )}
        </div>
      </li>
    );
  };

  const results = (): JSX.Element | null => {
    if (searchError) return <ErrorNotice error={searchError} onRetry={() => setAttempt(a => a + 1)} />;
    if (!request) return <p className={styles.status}>{s.Prompt}</p>;
    if (!result) return <Spinner size={SpinnerSize.small} />;
    if (result.total === 0) {
      return (
        <MessageBar data-testid="expert-empty" isMultiline>
          {request.text.trim() ? format(s.NoResults, request.text.trim()) : s.NoResultsFilters}
        </MessageBar>
      );
    }
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    return (
      <>
        <h3 className={styles.heading} ref={headingRef} tabIndex={-1}>{s.ResultsHeading}</h3>
        <ol className={styles.list} aria-label={s.ResultsHeading} data-testid="expert-results">{result.results.map(hit)}</ol>
        {pages > 1 && (
          <nav className={styles.pager} aria-label={s.PagingLabel}>
            <DefaultButton onClick={() => goTo(result.page - 1)} disabled={result.page <= 1} data-testid="expert-previous">{s.Previous}</DefaultButton>
            <span>{format(s.PageOf, result.page, pages)}</span>
            <DefaultButton onClick={() => goTo(result.page + 1)} disabled={result.page >= pages} data-testid="expert-next">{s.Next}</DefaultButton>
          </nav>
        )}
      </>
    );
  };

  const summary = result && request && result.total > 0
    ? (result.total === 1 ? s.ResultsSummaryOne : format(s.ResultsSummary,
      (result.page - 1) * result.pageSize + 1, Math.min(result.total, (result.page - 1) * result.pageSize + result.results.length), result.total))
    : '';

  return (
    <section className={styles.root} aria-labelledby={`${id}-title`} data-testid="expert-search">
      <h2 className={styles.title} id={`${id}-title`}>{s.Title}</h2>
      <p className={styles.intro}>{s.Intro}</p>
      <form
        role="search"
        aria-labelledby={`${id}-title`}
        onSubmit={e => { e.preventDefault(); run({ text: text.trim(), filters }); }}
      >
        <Label htmlFor={`${id}-query`}>{s.SearchLabel}</Label>
        <div className={styles.searchRow}>
          <SearchBox
            id={`${id}-query`}
            className={styles.searchBox}
            value={text}
            placeholder={s.SearchPlaceholder}
            onFocus={warm}
            onChange={(_e, value) => { setText(value || ''); warm(); }}
            onSearch={value => run({ text: (value || '').trim(), filters })}
            onClear={() => setText('')}
            data-testid="expert-query"
          />
          <PrimaryButton type="submit" data-testid="expert-submit">{s.SearchButton}</PrimaryButton>
        </div>
        <fieldset className={styles.filters}>
          <legend className={styles.legend}>{s.FiltersLabel}</legend>
          <Dropdown
            className={styles.filter}
            label={s.FilterDepartment}
            options={[anyOption, ...facets.departments.map(d => option(d, d))]}
            selectedKey={filters.department || ANY}
            onChange={(_e, o) => setFilter({ department: o ? String(o.key) : undefined })}
            data-testid="expert-filter-department"
          />
          <Dropdown
            className={styles.filter}
            label={s.FilterLocation}
            options={[anyOption, ...facets.locations.map(l => option(l, l))]}
            selectedKey={filters.location || ANY}
            onChange={(_e, o) => setFilter({ location: o ? String(o.key) : undefined })}
            data-testid="expert-filter-location"
          />
          <Dropdown
            className={styles.filter}
            label={s.FilterLanguage}
            options={[anyOption, ...facets.languages.map(l => option(l, languageLabel(l)))]}
            selectedKey={filters.language || ANY}
            onChange={(_e, o) => setFilter({ language: o ? String(o.key) : undefined })}
            data-testid="expert-filter-language"
          />
          <Checkbox
            className={styles.checkbox}
            label={s.FilterCustomerFacing}
            checked={filters.customerFacing === true}
            onChange={(_e, checked) => setFilter({ customerFacing: checked ? true : undefined })}
            data-testid="expert-filter-customer-facing"
          />
          {hasFilters(filters) && <DefaultButton onClick={() => run({ text, filters: {} })} data-testid="expert-clear-filters">{s.ClearFilters}</DefaultButton>}
        </fieldset>
      </form>
      <p className={styles.status} role="status" aria-live="polite" data-testid="expert-summary">{summary}</p>
      <p className={styles.shown} role="status" aria-live="polite" data-testid="expert-profile-shown">{shown ? format(s.ProfileShown, shown) : ''}</p>
      {results()}
    </section>
  );
};
