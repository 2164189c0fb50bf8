import * as React from 'react';
import { render, screen, fireEvent, waitFor, within, act } from '@testing-library/react';
import type { Client } from '@microsoft/microsoft-graph-client';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { ProfileView } from '../../ui/profile/ProfileView';
import type { ExpertiseApi } from '../../ui/profile/expertiseApi';
import type { SuiteContext } from '../../services/context';
import type { SkillDefinition } from '../../core/policy/types';
import type { ExpertiseRecord } from '../../core/expertise/record';
import { Endorsement, ExpertiseError, RecordSnapshot } from '../../services/expertise/records';
import en from '../../ui/loc/en-us.js';
import fr from '../../ui/loc/fr-fr.js';

interface FakeUser { id: string; displayName: string; userPrincipalName: string }

const emilie: FakeUser = { id: '1', displayName: 'Émilie Tremblay', userPrincipalName: 'emilie@northwind.example' };
const marc: FakeUser = { id: '2', displayName: 'Marc Gagnon', userPrincipalName: 'marc@northwind.example' };
const zoe: FakeUser = { id: '3', displayName: 'Zoë Côté', userPrincipalName: 'zoe@northwind.example' };
const users = [emilie, marc, zoe];

/** Graph's $batch: the signed-in user is Émilie (users[0]). */
function fakeGraph() {
  const calls: Array<Array<{ id: string; url: string }>> = [];
  const find = (key: string): FakeUser | undefined => users.find(u => u.id === key || u.userPrincipalName === key);
  const answer = (url: string): { status: number; body?: unknown } => {
    const m = /^\/(?:me|users\/([^/?]+))(\/manager|\/directReports|\/photo\/\$value)?/.exec(url);
    if (!m) return { status: 400 };
    const self = m[1] ? find(decodeURIComponent(m[1])) : users[0];
    if (!self) return { status: 404 };
    if (m[2] === '/directReports') return { status: 200, body: { value: [] } };
    if (m[2]) return { status: 404 };
    return { status: 200, body: self };
  };
  const client = {
    api() {
      return {
        async post(body: { requests: Array<{ id: string; url: string }> }) {
          calls.push(body.requests);
          return { responses: body.requests.map(r => ({ id: r.id, ...answer(r.url) })) };
        }
      };
    }
  };
  return { client: client as unknown as Client, calls };
}

const taxonomy: SkillDefinition[] = [
  { id: 'crm', label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' }, synonyms: ['CRM'] },
  { id: 'logistics', label: { en: 'Logistics', fr: 'Logistique' }, synonyms: [] }
];

const marcRecord: ExpertiseRecord = {
  personUpn: 'marc@northwind.example',
  skills: [{ skillId: 'crm', label: 'CRM', proficiency: 4 }, { label: 'Poka-yoke', proficiency: 2 }],
  askMeAbout: ['Store openings'],
  interests: ['Cycling'],
  languages: ['fr', 'en'],
  customerFacing: true
};

const endorsement = (endorserUpn: string, personUpn: string, skillKey: string): Endorsement => ({ endorserUpn, personUpn, skillKey, created: null, itemId: 1 });

interface Fake extends ExpertiseApi {
  calls: string[];
  records: Map<string, RecordSnapshot>;
  endorsements: Endorsement[];
  me: string;
  failNext?: unknown;
  hold?: Promise<void>;
}

function fakeApi(me: string): Fake {
  const records = new Map<string, RecordSnapshot>([['marc@northwind.example', { record: marcRecord, etag: '"1"', itemId: 7, modified: null }]]);
  const fake: Fake = {
    calls: [],
    records,
    me,
    endorsements: [
      endorsement('zoe@northwind.example', 'marc@northwind.example', 'crm'),
      endorsement('paul@northwind.example', 'marc@northwind.example', 'crm'),
      endorsement('zoe@northwind.example', 'marc@northwind.example', 'poka yoke')
    ],
    async skills() { fake.calls.push('skills'); return taxonomy; },
    async getRecord(upn) { fake.calls.push(`getRecord ${upn}`); return records.get(upn) || null; },
    async endorsementsOf(upn) { fake.calls.push(`endorsementsOf ${upn}`); return fake.endorsements.filter(e => e.personUpn === upn); },
    async endorse(personUpn, skillKey) {
      fake.calls.push(`endorse ${personUpn} ${skillKey}`);
      if (fake.hold) await fake.hold;
      if (fake.failNext) { const e = fake.failNext; fake.failNext = undefined; throw e; }
      fake.endorsements.push(endorsement(me, personUpn, skillKey));
      return 'endorsed';
    },
    async withdraw(personUpn, skillKey) {
      fake.calls.push(`withdraw ${personUpn} ${skillKey}`);
      fake.endorsements = fake.endorsements.filter(e => !(e.endorserUpn === me && e.personUpn === personUpn && e.skillKey === skillKey));
      return 'withdrawn';
    },
    async saveOwnRecord(record, etag) {
      fake.calls.push(`save ${etag}`);
      if (fake.failNext) { const e = fake.failNext; fake.failNext = undefined; throw e; }
      const current = records.get(me);
      if (current && current.etag !== etag) throw new ExpertiseError('conflict', 'changed', [], 412);
      const next = { record, etag: `"${Number((current && current.etag || '"0"').replace(/"/g, '')) + 1}"`, itemId: 9, modified: null };
      records.set(me, next);
      return next;
    }
  };
  return fake;
}

function renderView(api: Fake, options: { strings?: ISuiteStrings; locale?: string; person?: string } = {}) {
  const { client, calls } = fakeGraph();
  const locale = options.locale || 'en-US';
  const context = { graph: client, sp: {} as SuiteContext['sp'], siteUrl: 'http://localhost/sites/intranet', locale } as SuiteContext;
  const factory = jest.fn(() => api);
  const result = render(
    <SuiteRoot context={context} strings={options.strings || (en as ISuiteStrings)} theme={{ kind: 'sharepoint' }}>
      <ProfileView person={options.person} expertiseApi={factory} />
    </SuiteRoot>
  );
  return { ...result, graphCalls: calls, factory };
}

const skillRow = (name: RegExp): HTMLElement => {
  const rows = screen.getAllByTestId('expertise-skill');
  const row = rows.find(r => name.test(r.textContent || ''));
  if (!row) throw new Error(`no skill row ${name}`);
  return row;
};

describe('Profile expertise', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:test/1');
    URL.revokeObjectURL = jest.fn();
  });

  it('shows a colleague\'s record with evidence per skill, after one Graph batch and two reads', async () => {
    const api = fakeApi('emilie@northwind.example');
    const { graphCalls, factory } = renderView(api, { person: 'marc@northwind.example' });
    await screen.findByText('Customer relationship management');
    expect(graphCalls).toHaveLength(1);
    // Who is looking comes in the same batch.
    expect(graphCalls[0].map(r => r.id)).toContain('viewer');
    expect(factory).toHaveBeenCalledWith('emilie@northwind.example');
    expect(api.calls.sort()).toEqual(['endorsementsOf marc@northwind.example', 'getRecord marc@northwind.example', 'skills']);

    const crm = skillRow(/Customer relationship management/);
    expect(crm).toHaveTextContent('Level: Expert');
    expect(within(crm).getByTestId('expertise-endorsements')).toHaveTextContent('2 endorsements');
    expect(crm).toHaveTextContent('0 accepted answers');
    expect(crm).toHaveTextContent('0 resolved customer insights');
    const poka = skillRow(/Poka-yoke/);
    expect(poka).toHaveTextContent('Level: Practitioner');
    expect(within(poka).getByTestId('expertise-endorsements')).toHaveTextContent('1 endorsement');
    expect(screen.getByTestId('expertise-ask-me-about')).toHaveTextContent('Store openings');
    expect(screen.getByTestId('expertise-interests')).toHaveTextContent('Cycling');
    expect(screen.getByTestId('expertise-languages')).toHaveTextContent('French, English');
    expect(screen.getByTestId('expertise-customer-facing')).toHaveTextContent('Yes');
    expect(screen.queryByRole('button', { name: 'Edit my expertise' })).toBeNull();
  });

  it('shows the person\'s outcome evidence per skill once it arrives, after the record (not holding up the first render)', async () => {
    const api = fakeApi('emilie@northwind.example');
    let release: () => void = () => undefined;
    const held = new Promise<void>(resolve => { release = resolve; });
    const withOutcomes = Object.assign(api, {
      async outcomesOf(upn: string) {
        api.calls.push(`outcomesOf ${upn}`);
        await held;
        return [{ personUpn: upn, skillKey: 'crm', acceptedAnswers: 3, resolvedInsights: 1 }];
      }
    });
    renderView(withOutcomes, { person: 'marc@northwind.example' });
    await screen.findByText('Customer relationship management');
    // The record is on screen while the outcomes are still on their way.
    expect(skillRow(/Customer relationship management/)).toHaveTextContent('0 accepted answers');
    release();
    await waitFor(() => expect(within(skillRow(/Customer relationship management/)).getByTestId('expertise-accepted-answers')).toHaveTextContent('3 accepted answers'));
    const crm = skillRow(/Customer relationship management/);
    expect(within(crm).getByTestId('expertise-resolved-insights')).toHaveTextContent('1 resolved customer insight');
    expect(within(skillRow(/Poka-yoke/)).getByTestId('expertise-accepted-answers')).toHaveTextContent('0 accepted answers');
    expect(api.calls).toContain('outcomesOf marc@northwind.example');
  });

  it('speaks French: taxonomy labels, levels and counts', async () => {
    renderView(fakeApi('emilie@northwind.example'), { strings: fr as ISuiteStrings, locale: 'fr-FR', person: 'marc@northwind.example' });
    await screen.findByText('Gestion de la relation client');
    const crm = skillRow(/Gestion de la relation client/);
    expect(crm).toHaveTextContent('Niveau : Expert');
    expect(crm).toHaveTextContent('2 recommandations');
    expect(crm).toHaveTextContent('0 réponse acceptée');
    expect(screen.getByRole('button', { name: 'Recommander Marc Gagnon pour Gestion de la relation client' })).toBeInTheDocument();
  });

  it('endorses (disabled while pending), then withdraws', async () => {
    const api = fakeApi('emilie@northwind.example');
    let release: () => void = () => undefined;
    api.hold = new Promise<void>(resolve => { release = resolve; });
    renderView(api, { person: 'marc@northwind.example' });
    const endorse = await screen.findByRole('button', { name: 'Endorse Marc Gagnon for Customer relationship management' });
    fireEvent.click(endorse);
    expect(endorse).toBeDisabled();
    fireEvent.click(endorse);
    await act(async () => { release(); await api.hold; });
    const withdraw = await screen.findByRole('button', { name: 'Withdraw my endorsement of Marc Gagnon for Customer relationship management' });
    expect(api.calls.filter(c => c.startsWith('endorse '))).toEqual(['endorse marc@northwind.example crm']);
    const crm = skillRow(/Customer relationship management/);
    expect(within(crm).getByTestId('expertise-endorsements')).toHaveTextContent('3 endorsements');
    expect(crm).toHaveTextContent('You endorsed this skill');

    fireEvent.click(withdraw);
    await screen.findByRole('button', { name: 'Endorse Marc Gagnon for Customer relationship management' });
    expect(within(skillRow(/Customer relationship management/)).getByTestId('expertise-endorsements')).toHaveTextContent('2 endorsements');
    expect(api.calls).toContain('withdraw marc@northwind.example crm');
  });

  it('explains a failed endorsement and keeps the count as it was', async () => {
    const api = fakeApi('emilie@northwind.example');
    api.failNext = Object.assign(new Error('busy'), { status: 503 });
    renderView(api, { person: 'marc@northwind.example' });
    fireEvent.click(await screen.findByRole('button', { name: 'Endorse Marc Gagnon for Poka-yoke' }));
    expect(await screen.findByText(/The service is busy/)).toBeInTheDocument();
    expect(within(skillRow(/Poka-yoke/)).getByTestId('expertise-endorsements')).toHaveTextContent('1 endorsement');
    expect(screen.getByRole('button', { name: 'Endorse Marc Gagnon for Poka-yoke' })).toBeEnabled();
  });

  it('shows no expertise section to a viewer who may not read the lists (a guest)', async () => {
    const api = fakeApi('emilie@northwind.example');
    api.getRecord = async () => { throw Object.assign(new Error('not found'), { status: 404 }); };
    renderView(api, { person: 'marc@northwind.example' });
    await screen.findByRole('heading', { name: /Marc Gagnon/ });
    await waitFor(() => expect(screen.queryByText('Loading the expertise record…')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Expertise' })).toBeNull();
    expect(screen.queryByText('This item no longer exists.')).toBeNull();
  });

  it('offers a retry when the record cannot be read for now', async () => {
    const api = fakeApi('emilie@northwind.example');
    const getRecord = api.getRecord;
    let fail = true;
    api.getRecord = async upn => {
      if (fail) { fail = false; throw Object.assign(new Error('busy'), { status: 503 }); }
      return getRecord(upn);
    };
    renderView(api, { person: 'marc@northwind.example' });
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Customer relationship management')).toBeInTheDocument();
  });

  it('says when a colleague has no record yet', async () => {
    renderView(fakeApi('emilie@northwind.example'), { person: 'zoe@northwind.example' });
    expect(await screen.findByText('Zoë Côté has not described their expertise yet.')).toBeInTheDocument();
  });

  it('on my own profile: no endorse buttons, and an editor that validates in my language and saves', async () => {
    const api = fakeApi('marc@northwind.example');
    // Marc is looking at his own profile (by UPN: the viewer comes from the batch's /me, Émilie here;
    // so render as Marc by making the fake's signed-in user Marc).
    users.splice(0, 0, users.splice(1, 1)[0]);
    try {
      renderView(api, { strings: fr as ISuiteStrings, locale: 'fr-FR' });
      fireEvent.click(await screen.findByRole('button', { name: 'Modifier mon expertise' }));
      expect(screen.queryByRole('button', { name: /^Recommander/ })).toBeNull();
      const editor = await screen.findByTestId('expertise-editor');

      // A taxonomy skill typed by name becomes that skill; a free entry stays free.
      const combo = within(editor).getByRole('combobox', { name: 'Ajouter une compétence' });
      fireEvent.input(combo, { target: { value: 'logistique' } });
      fireEvent.click(within(editor).getByRole('button', { name: 'Ajouter' }));
      fireEvent.input(combo, { target: { value: 'Kayak de mer' } });
      fireEvent.click(within(editor).getByRole('button', { name: 'Ajouter' }));
      expect(within(editor).getAllByTestId('expertise-editor-skill').map(r => (r.firstElementChild as HTMLElement).textContent))
        .toEqual(['Gestion de la relation client', 'Poka-yoke (saisie libre)', 'Logistique', 'Kayak de mer (saisie libre)']);

      fireEvent.change(within(editor).getByRole('textbox', { name: 'Langues' }), { target: { value: 'fr, 12' } });
      fireEvent.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
      expect(await screen.findByText('« 12 » n’est pas un code de langue (p. ex. fr, en, fr-CA).')).toBeInTheDocument();
      expect(api.calls.filter(c => c.startsWith('save'))).toEqual([]);

      fireEvent.change(within(editor).getByRole('textbox', { name: 'Langues' }), { target: { value: 'fr, en' } });
      fireEvent.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
      expect(await screen.findByText('Votre fiche d’expertise a été enregistrée.')).toBeInTheDocument();
      expect(api.calls).toContain('save "1"');
      const saved = api.records.get('marc@northwind.example') as RecordSnapshot;
      expect(saved.record.skills.map(s => s.skillId || s.label)).toEqual(['crm', 'Poka-yoke', 'logistics', 'Kayak de mer']);
      expect(screen.getByText('Logistique')).toBeInTheDocument();
    } finally {
      users.splice(1, 0, users.splice(0, 1)[0]);
    }
  });

  it('keeps my edits on a conflict (412) and offers to reload the latest version', async () => {
    const api = fakeApi('marc@northwind.example');
    users.splice(0, 0, users.splice(1, 1)[0]);
    try {
      renderView(api);
      fireEvent.click(await screen.findByRole('button', { name: 'Edit my expertise' }));
      const editor = await screen.findByTestId('expertise-editor');
      const ask = within(editor).getByRole('textbox', { name: 'Ask me about' });
      fireEvent.change(ask, { target: { value: 'Store openings\nInventory counts' } });
      // Someone (another tab) saved meanwhile.
      api.records.set('marc@northwind.example', { record: { ...marcRecord, interests: ['Hiking'] }, etag: '"5"', itemId: 7, modified: null });
      fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
      expect(await screen.findByTestId('expertise-conflict')).toHaveTextContent('Your edits are still here');
      expect(ask).toHaveValue('Store openings\nInventory counts');

      fireEvent.click(screen.getByRole('button', { name: 'Reload the latest version' }));
      await waitFor(() => expect(within(editor).getByRole('textbox', { name: 'Interests' })).toHaveValue('Hiking'));
      expect(screen.queryByTestId('expertise-conflict')).toBeNull();
      fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
      expect(await screen.findByText('Your expertise record has been saved.')).toBeInTheDocument();
      expect(api.calls).toContain('save "5"');
    } finally {
      users.splice(1, 0, users.splice(0, 1)[0]);
    }
  });

  it('offers to describe my expertise when I have none yet, and creates the record', async () => {
    const api = fakeApi('emilie@northwind.example');
    renderView(api);
    expect(await screen.findByText('You have not described your expertise yet.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Edit my expertise' }));
    const editor = await screen.findByTestId('expertise-editor');
    fireEvent.change(within(editor).getByRole('textbox', { name: 'Interests' }), { target: { value: 'x'.repeat(130) } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Line 1 is too long: at most 120 characters.')).toBeInTheDocument();
    fireEvent.change(within(editor).getByRole('textbox', { name: 'Interests' }), { target: { value: 'Birding' } });
    fireEvent.click(within(editor).getByRole('checkbox', { name: 'I work with customers' }));
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your expertise record has been saved.')).toBeInTheDocument();
    expect(api.calls).toContain('save null');
    expect(screen.getByTestId('expertise-interests')).toHaveTextContent('Birding');
    expect(screen.getByTestId('expertise-customer-facing')).toHaveTextContent('Yes');
  });
});

describe('skill entry in the expertise editor', () => {
  const suggestions: SkillDefinition[] = [
    ...taxonomy,
    { id: 'power-platform', label: { en: 'Power Platform', fr: 'Power Platform' }, synonyms: ['Power Apps', 'Power BI'] },
    { id: 'accounting', label: { en: 'Accounting', fr: 'Comptabilité' }, synonyms: ['bookkeeping'] }
  ];

  async function openEditor(strings: ISuiteStrings, locale: string) {
    const api = fakeApi('marc@northwind.example');
    api.skills = async () => suggestions;
    users.splice(0, 0, users.splice(1, 1)[0]);
    renderView(api, { strings, locale });
    fireEvent.click(await screen.findByRole('button', { name: strings.ExpertiseEdit }));
    const editor = await screen.findByTestId('expertise-editor');
    const combo = within(editor).getByRole('combobox', { name: strings.ExpertiseAddSkill });
    const rows = (): string[] => within(editor).getAllByTestId('expertise-editor-skill').map(r => (r.firstElementChild as HTMLElement).textContent || '');
    return { api, editor, combo, rows };
  }
  const restore = (): void => { users.splice(1, 0, users.splice(0, 1)[0]); };
  const typeInto = (combo: HTMLElement, value: string): void => { fireEvent.input(combo, { target: { value } }); };
  const key = (combo: HTMLElement, k: string, which: number): void => { fireEvent.keyDown(combo, { key: k, which, keyCode: which }); };

  it('suggests while typing ("pow": Power BI and Power Platform) and adds the one picked with the keyboard', async () => {
    const { combo, rows } = await openEditor(en as ISuiteStrings, 'en-US');
    try {
      typeInto(combo, 'pow');
      const listbox = await screen.findByRole('listbox');
      const names = within(listbox).getAllByRole('option').map(o => o.getAttribute('aria-label') || o.textContent);
      expect(names).toEqual(['Power Platform', 'Power Apps, listed under Power Platform', 'Power BI, listed under Power Platform', 'Add “pow” as your own entry, not in your organisation’s skills list']);
      expect(combo).toHaveAttribute('aria-expanded', 'true');
      key(combo, 'ArrowDown', 40);
      key(combo, 'ArrowDown', 40);
      key(combo, 'ArrowDown', 40);
      expect(combo.getAttribute('aria-activedescendant')).toBe(within(listbox).getAllByRole('option')[2].id);
      key(combo, 'Enter', 13);
      // Power BI is a synonym of Power Platform: picking it adds that skill, as the list said
      expect(rows()).toEqual(['Customer relationship management', 'Poka-yoke (your own entry)', 'Power Platform']);
      expect(combo).toHaveValue('');

      // Escape closes the list; a free entry is added only when chosen, and marked as such
      typeInto(combo, 'Sea kay');
      await screen.findByRole('listbox');
      key(combo, 'Escape', 27);
      expect(combo).toHaveAttribute('aria-expanded', 'false');
      typeInto(combo, 'Sea kayaking');
      key(combo, 'ArrowDown', 40);
      key(combo, 'Enter', 13);
      expect(rows()[3]).toBe('Sea kayaking (your own entry)');
    } finally {
      restore();
    }
  });

  it('matches French labels and synonyms without accents or case, and a typed synonym is the skill, not a free entry', async () => {
    const { combo, rows, editor } = await openEditor(fr as ISuiteStrings, 'fr-FR');
    try {
      typeInto(combo, 'COMPTABILITE');
      const listbox = await screen.findByRole('listbox');
      expect(within(listbox).getAllByRole('option').map(o => o.getAttribute('aria-label') || o.textContent)).toEqual(['Comptabilité']);
      key(combo, 'ArrowDown', 40);
      key(combo, 'Enter', 13);
      expect(rows()[2]).toBe('Comptabilité');

      // typed in full and added with the button: still the taxonomy skill, never "Power BI (saisie libre)"
      typeInto(combo, 'power bi');
      fireEvent.click(within(editor).getByRole('button', { name: 'Ajouter' }));
      expect(rows()[3]).toBe('Power Platform');
      // a stem of a synonym is not the skill: "Bookkeepers" stays a free entry
      typeInto(combo, 'Bookkeepers');
      fireEvent.click(within(editor).getByRole('button', { name: 'Ajouter' }));
      expect(rows()[4]).toBe('Bookkeepers (saisie libre)');
    } finally {
      restore();
    }
  });
});
