import * as React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { ExpertSearchView } from '../../ui/expertise/search/ExpertSearchView';
import { facetsOf, initialQueryOf, MAX_INITIAL_QUERY, taxonomyLabel } from '../../ui/expertise/search/provider';
import type { ExpertSearchProvider } from '../../ui/expertise/search/provider';
import { describeReasons } from '../../ui/expertise/search/reasons';
import type { ExpertProfile, Reason, SearchHit, SearchQuery, SkillDefinition } from '../../core/expertise/types';
import type { SuiteContext } from '../../services/context';
import en from '../../ui/loc/en-us.js';
import fr from '../../ui/loc/fr-fr.js';
import searchEn from '../../ui/expertise/search/loc/en-us.js';
import searchFr from '../../ui/expertise/search/loc/fr-fr.js';

const taxonomy: SkillDefinition[] = [
  { id: 'crm', label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' }, synonyms: ['CRM'] }
];

function profile(n: number, extra: Partial<ExpertProfile> = {}): ExpertProfile {
  return {
    id: `id-${n}`,
    upn: `person${n}@northwind.example`,
    displayName: `Person ${String(n).padStart(2, '0')}`,
    jobTitle: 'Agent',
    department: n % 2 ? 'Customer Service' : 'Finance',
    location: n % 3 ? 'Québec' : 'Paris',
    languages: n % 2 ? ['fr'] : ['en', 'fr'],
    customerFacing: n % 2 === 1,
    userType: 'Member',
    accountEnabled: true,
    skills: [{ skillId: 'crm', label: 'CRM', proficiency: 4 }, { label: 'Excel', proficiency: 2 }],
    askMeAbout: [],
    interests: [],
    evidence: {},
    ...extra
  };
}

const emilie = profile(1, { displayName: 'Émilie Tremblay', upn: 'emilie@northwind.example', jobTitle: 'Agente', department: 'Service client' });
const reasonsOf = (locale: string): Reason[] => {
  const label = locale.startsWith('fr') ? 'Gestion de la relation client' : 'Customer relationship management';
  return [
    { kind: 'acceptedAnswers', skillKey: 'crm', skillId: 'crm', label, count: 3, points: 5 },
    { kind: 'endorsements', skillKey: 'crm', skillId: 'crm', label, count: 5, points: 1.3 },
    { kind: 'declaredSkill', skillKey: 'crm', skillId: 'crm', label, proficiency: 4, points: 1 },
    { kind: 'declaredSkill', skillKey: 'excel', label: 'Excel', proficiency: 2, points: 0.5 }
  ];
};

/** A provider over fixed people: every query matches every person kept by the filters. */
function fakeProvider(people: ExpertProfile[], options: { failLoad?: number; failSearch?: boolean } = {}) {
  const queries: SearchQuery[] = [];
  let loads = 0;
  let failures = options.failLoad || 0;
  const provider: ExpertSearchProvider = {
    async load() {
      loads++;
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('throttled'), { status: 503 });
      }
    },
    search(q) {
      queries.push(q);
      if (options.failSearch) throw Object.assign(new Error('boom'), { status: 500 });
      const f = q.filters;
      const hits: SearchHit[] = people
        .filter(p => q.text !== 'nothing')
        .filter(p => !f.department || p.department === f.department)
        .filter(p => !f.location || p.location === f.location)
        .filter(p => !f.language || p.languages.includes(f.language))
        .filter(p => f.customerFacing === undefined || p.customerFacing === f.customerFacing)
        .map(p => ({ profile: p, score: 1, relevance: 1, reasons: p === emilie ? reasonsOf(q.locale) : [] }));
      const start = (q.page - 1) * q.pageSize;
      return { total: hits.length, page: q.page, pageSize: q.pageSize, results: hits.slice(start, start + q.pageSize) };
    },
    facets: locale => facetsOf(people, locale),
    skillLabel: (skill, locale) => taxonomyLabel(taxonomy, skill, locale)
  };
  return { provider, queries, loads: () => loads };
}

function renderView(provider: ExpertSearchProvider, locale = 'en-US', onOpenPerson?: (upn: string) => void, initialQuery?: string, showsProfileInPage?: boolean) {
  const french = locale.startsWith('fr');
  const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={(french ? fr : en) as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <ExpertSearchView provider={provider} strings={(french ? searchFr : searchEn) as IExpertSearchStrings} onOpenPerson={onOpenPerson} initialQuery={initialQuery} showsProfileInPage={showsProfileInPage} />
    </SuiteRoot>
  );
}

const people = [emilie, ...Array.from({ length: 24 }, (_, i) => profile(i + 2))];

async function search(text: string): Promise<void> {
  const box = await screen.findByRole('searchbox');
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter', which: 13, keyCode: 13 });
}

describe('ExpertSearchView', () => {
  it('loads once, then finds people with their title, department, location, top skills and why they rank', async () => {
    const { provider, queries, loads } = fakeProvider(people);
    const opened: string[] = [];
    renderView(provider, 'en-US', upn => opened.push(upn));
    expect(screen.getByText('Preparing the expert search…')).toBeInTheDocument();
    expect(await screen.findByText(/Type a skill, a topic or a name/)).toBeInTheDocument();
    expect(screen.getByLabelText('Skill, topic or name')).toBe(screen.getByRole('searchbox'));

    await search('gestion relation client');
    const first = (await screen.findAllByTestId('expert-result'))[0];
    expect(within(first).getByText('Agente · Service client · Québec')).toBeInTheDocument();
    expect(within(first).getByText('Top skills: Customer relationship management (expert), Excel (practitioner)')).toBeInTheDocument();
    const why = within(first).getByRole('list', { name: 'Why Émilie Tremblay ranks here' });
    expect(within(why).getAllByRole('listitem').map(li => li.textContent)).toEqual([
      '3 accepted answers on Customer relationship management, endorsed by 5 colleagues, declared level: expert',
      'Declares Excel: practitioner'
    ]);
    expect(within(first).getByText('Customer-facing')).toBeInTheDocument();
    expect(screen.getByTestId('expert-summary')).toHaveTextContent('1–10 of 25 people');
    expect(queries[0]).toEqual({ text: 'gestion relation client', filters: {}, page: 1, pageSize: 10, locale: 'en-US' });

    fireEvent.click(within(first).getByRole('button', { name: 'Open the profile of Émilie Tremblay' }));
    expect(opened).toEqual(['emilie@northwind.example']);
    expect(loads()).toBe(1);
  });

  it('speaks French: reasons, levels and counts', async () => {
    const { provider, queries } = fakeProvider([emilie]);
    renderView(provider, 'fr-FR', () => undefined);
    await search('gestion relation client');
    const result = await screen.findByTestId('expert-result');
    const why = within(result).getByRole('list', { name: 'Pourquoi Émilie Tremblay figure ici' });
    expect(within(why).getAllByRole('listitem')[0]).toHaveTextContent(
      '3 réponses acceptées sur Gestion de la relation client, recommandé(e) par 5 collègues, niveau déclaré : expert(e)');
    expect(within(result).getByText('Principales compétences : Gestion de la relation client (expert(e)), Excel (praticien(ne))')).toBeInTheDocument();
    expect(screen.getByTestId('expert-summary')).toHaveTextContent('1 personne');
    expect(screen.getByRole('button', { name: 'Ouvrir le profil de Émilie Tremblay' })).toBeInTheDocument();
    expect(queries[0].locale).toBe('fr-FR');
  });

  it('pages with next and previous, and moves the focus to the results', async () => {
    const { provider, queries } = fakeProvider(people);
    renderView(provider);
    await search('crm');
    await screen.findAllByTestId('expert-result');
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByTestId('expert-summary')).toHaveTextContent('11–20 of 25 people'));
    expect(screen.getByRole('heading', { name: 'Results' })).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByText('Page 3 of 3')).toBeInTheDocument());
    expect(screen.getAllByTestId('expert-result')).toHaveLength(5);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(screen.getByText('Page 2 of 3')).toBeInTheDocument());
    expect(queries.map(q => q.page)).toEqual([1, 2, 3, 2]);
    // A new search starts again at page 1.
    await search('excel');
    await waitFor(() => expect(screen.getByText('Page 1 of 3')).toBeInTheDocument());
  });

  it('filters by department, location, language and customer-facing, and clears them', async () => {
    const { provider, queries } = fakeProvider(people);
    renderView(provider);
    await search('crm');
    await screen.findAllByTestId('expert-result');

    fireEvent.click(screen.getByRole('combobox', { name: /Department/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Finance' }));
    await waitFor(() => expect(queries[queries.length - 1].filters).toEqual({ department: 'Finance' }));

    fireEvent.click(screen.getByRole('combobox', { name: /Location/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Paris' }));
    await waitFor(() => expect(queries[queries.length - 1].filters).toEqual({ department: 'Finance', location: 'Paris' }));

    fireEvent.click(screen.getByRole('combobox', { name: /Language/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'English' }));
    await waitFor(() => expect(queries[queries.length - 1].filters).toEqual({ department: 'Finance', location: 'Paris', language: 'en' }));
    expect(queries[queries.length - 1].text).toBe('crm');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Customer-facing only' }));
    await waitFor(() => expect(queries[queries.length - 1].filters).toEqual({ department: 'Finance', location: 'Paris', language: 'en', customerFacing: true }));
    expect(await screen.findByTestId('expert-empty')).toHaveTextContent('No one matches “crm”. Try another word, a synonym, or fewer filters.');

    fireEvent.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(queries[queries.length - 1].filters).toEqual({}));
    expect(await screen.findAllByTestId('expert-result')).toHaveLength(10);
  });

  it('offers only the visible people\'s departments, locations and languages', () => {
    const guest = profile(99, { department: 'Partners', location: 'Lausanne', languages: ['de'], userType: 'Guest' });
    const disabled = profile(98, { department: 'Former', accountEnabled: false });
    const facets = facetsOf([emilie, profile(2), guest, disabled], 'fr-FR');
    expect(facets).toEqual({ departments: ['Finance', 'Service client'], locations: ['Québec'], languages: ['en', 'fr'] });
  });

  it('works by keyboard: Enter searches, the search button submits, Escape clears the box', async () => {
    const { provider, queries } = fakeProvider(people);
    renderView(provider);
    const box = await screen.findByRole('searchbox');
    fireEvent.change(box, { target: { value: 'logistique' } });
    fireEvent.keyDown(box, { key: 'Enter', which: 13, keyCode: 13 });
    await waitFor(() => expect(queries.map(q => q.text)).toEqual(['logistique']));
    fireEvent.keyDown(box, { key: 'Escape', which: 27, keyCode: 27 });
    expect(box).toHaveValue('');
    fireEvent.change(box, { target: { value: '  nothing ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByTestId('expert-empty')).toHaveTextContent('No one matches “nothing”.');
    expect(queries[queries.length - 1].text).toBe('nothing');
  });

  it('shows a load failure with a retry', async () => {
    const { provider, loads } = fakeProvider(people, { failLoad: 1 });
    renderView(provider);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('searchbox')).toBeInTheDocument();
    expect(loads()).toBe(2);
  });

  it('shows a failed search with a retry', async () => {
    const failing = fakeProvider(people, { failSearch: true });
    renderView(failing.provider);
    await search('crm');
    expect(await screen.findByText(/Something went wrong/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('a first query from the page address (?q=)', () => {
  it('reads q, trimmed and collapsed, and ignores a blank or absent one', () => {
    expect(initialQueryOf('?q=%20gestion%20%20relation%0Aclient%20')).toBe('gestion relation client');
    expect(initialQueryOf(new URLSearchParams('person=a%40b.example&q=O%27Neill'))).toBe('O\'Neill');
    expect(initialQueryOf('?q=%20%20')).toBeUndefined();
    expect(initialQueryOf('?person=x')).toBeUndefined();
    expect(initialQueryOf(`?q=${'a'.repeat(MAX_INITIAL_QUERY + 50)}`)).toHaveLength(MAX_INITIAL_QUERY);
  });

  it('starts with that query: results without typing, the box holding the text', async () => {
    const { provider, queries } = fakeProvider(people);
    renderView(provider, 'en-US', () => undefined, initialQueryOf('?q=crm'));
    expect(await screen.findAllByTestId('expert-result')).toHaveLength(10);
    expect(screen.getByRole('searchbox')).toHaveValue('crm');
    expect(queries).toEqual([{ text: 'crm', filters: {}, page: 1, pageSize: 10, locale: 'en-US' }]);
  });
});

describe('a profile shown elsewhere on the page (connected web parts)', () => {
  it('says which profile is shown, in a status message, and clears it at the next search', async () => {
    const { provider } = fakeProvider(people);
    const opened: string[] = [];
    renderView(provider, 'fr-FR', upn => opened.push(upn), 'crm', true);
    const first = (await screen.findAllByTestId('expert-result'))[0];
    fireEvent.click(within(first).getByRole('button', { name: 'Ouvrir le profil de Émilie Tremblay' }));
    expect(opened).toEqual(['emilie@northwind.example']);
    expect(screen.getByTestId('expert-profile-shown')).toHaveTextContent('Le profil de Émilie Tremblay est affiché sur cette page.');
    expect(screen.getByTestId('expert-profile-shown')).toHaveAttribute('role', 'status');
    await search('excel');
    expect(screen.getByTestId('expert-profile-shown')).toHaveTextContent('');
  });
  it('says nothing when opening a person leaves the page', async () => {
    const { provider } = fakeProvider(people);
    renderView(provider, 'en-US', () => undefined, 'crm');
    fireEvent.click((await screen.findAllByTestId('expert-open'))[0]);
    expect(screen.getByTestId('expert-profile-shown')).toHaveTextContent('');
  });
});

describe('describeReasons', () => {
  const s = searchEn as IExpertSearchStrings;
  const sf = searchFr as IExpertSearchStrings;
  it('names the skill once, uses singular and plural, and leaves out empty counts', () => {
    const reasons: Reason[] = [
      { kind: 'endorsements', skillKey: 'crm', label: 'CRM', count: 1, points: 0.5 },
      { kind: 'resolvedInsights', skillKey: 'crm', label: 'CRM', count: 1, points: 2.5 },
      { kind: 'endorsements', skillKey: 'lean', label: 'Lean', count: 0, points: 0 },
      { kind: 'textMatch', fields: ['jobTitle', 'askMeAbout'], entries: ['GRC'], points: 0.4 }
    ];
    expect(describeReasons(s, 'en-US', reasons)).toEqual([
      'Endorsed for CRM by 1 colleague, 1 resolved customer insight',
      'Matches your search in: job title, ask me about (GRC)'
    ]);
    expect(describeReasons(sf, 'fr-FR', reasons)).toEqual([
      'Recommandé(e) en CRM par 1 collègue, 1 signalement client résolu',
      'Correspond à votre recherche dans : titre du poste, posez-moi des questions sur (GRC)'
    ]);
  });
  it('keeps the two strongest skills', () => {
    const reasons: Reason[] = ['a', 'b', 'c'].map(k => ({ kind: 'acceptedAnswers', skillKey: k, label: k.toUpperCase(), count: 2, points: 1 }));
    expect(describeReasons(s, 'en-US', reasons)).toEqual(['2 accepted answers on A', '2 accepted answers on B']);
  });
});
