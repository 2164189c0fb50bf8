import * as React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { SettingsView } from '../../ui/settings/SettingsView';
import type { SuiteContext } from '../../services/context';
import type { HostTheme } from '../../ui/theme';
import { PolicyValidationError } from '../../services/settingsApi';
import type { PolicyVersion, SettingsAdminApi, SettingsSnapshot } from '../../services/settingsApi';
import { defaultPolicy, validatePolicy } from '../../core/policy';
import type { Policy } from '../../core/policy';
import suiteEn from '../../ui/loc/en-us.js';
import en from '../../ui/settings/loc/en-us.js';
import fr from '../../ui/settings/loc/fr-fr.js';

const ETAG_1 = '"1,1"';

/** An in-memory settings service that behaves like the real one: validates, checks the ETag. */
function fakeApi(options: { admin?: boolean; history?: PolicyVersion[]; failures?: unknown[] } = {}) {
  let stored: Policy = defaultPolicy();
  let version = 1;
  let modified = '2026-11-02T14:30:00Z';
  let modifiedBy = 'Émilie Tremblay';
  const failures = [...(options.failures || [])];
  const etag = (): string => `"1,${version}"`;
  const snapshot = (): SettingsSnapshot => ({
    policy: JSON.parse(JSON.stringify(stored)) as Policy,
    source: 'list',
    notice: null,
    etag: etag(),
    modified,
    modifiedBy
  });
  const api: SettingsAdminApi & { [K in keyof SettingsAdminApi]: jest.Mock } = {
    load: jest.fn(async () => snapshot()),
    save: jest.fn(async (policy: Policy, sentEtag: string | null) => {
      if (failures.length) throw failures.shift();
      const checked = validatePolicy(policy);
      if (!checked.ok) throw new PolicyValidationError(checked.errors);
      if (sentEtag !== etag()) throw Object.assign(new Error('Precondition failed'), { status: 412 });
      stored = checked.policy;
      version++;
      modified = '2026-11-23T18:00:00Z';
      modifiedBy = 'Admin';
      return snapshot();
    }),
    history: jest.fn(async () => options.history || [
      { versionLabel: `${version}.0`, modified, modifiedBy, policy: JSON.parse(JSON.stringify(stored)) as Policy, errors: [] }
    ]),
    isTenantAdmin: jest.fn(async () => options.admin !== false)
  };
  /** Someone else saves in between (another admin in another tab). */
  const otherAdminSaves = (change: (p: Policy) => void): void => {
    change(stored);
    version++;
    modifiedBy = 'Marc Gagnon';
  };
  return { api, otherAdminSaves, stored: () => stored };
}

function renderView(api: SettingsAdminApi, strings: ISuiteSettingsStrings = en as ISuiteSettingsStrings, locale = 'en-US') {
  const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={suiteEn as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <SettingsView api={api} strings={strings} />
    </SuiteRoot>
  );
}

const toggle = (testId: string): HTMLElement => screen.getByTestId(testId);

/** Fluent's MessageBar and field errors render their text a tick later (for screen readers). */
async function expectText(testId: string, text: string): Promise<void> {
  await waitFor(() => expect(screen.getByTestId(testId)).toHaveTextContent(text));
}

async function ready(): Promise<void> {
  await screen.findByTestId('settings-last-changed');
}

function policyFile(content: string, name = 'policy.json'): File {
  return new File([content], name, { type: 'application/json' });
}

beforeEach(() => {
  window.sessionStorage.clear();
});

describe('SettingsView', () => {
  it('shows non-admins who changed the policy and a read-only message, without a form', async () => {
    const { api } = fakeApi({ admin: false });
    renderView(api);
    await ready();
    await expectText('settings-readonly', 'Read-only: only tenant administrators can change the suite settings');
    expect(screen.getByTestId('settings-last-changed')).toHaveTextContent('Émilie Tremblay');
    expect(screen.getByTestId('settings-last-changed')).toHaveTextContent('2026');
    expect(screen.queryByTestId('settings-form')).toBeNull();
    expect(screen.queryByTestId('settings-review')).toBeNull();
    expect(screen.queryByTestId('settings-import')).toBeNull();
    expect(api.history).not.toHaveBeenCalled();
  });

  /** No control that edits: no text box, switch, checkbox, list box, radio or button but the area tabs. */
  function expectNoEditControls(root: HTMLElement): void {
    expect(root.querySelectorAll('input, textarea, select')).toHaveLength(0);
    for (const role of ['textbox', 'switch', 'checkbox', 'combobox', 'radio', 'spinbutton']) {
      expect(within(root).queryAllByRole(role)).toHaveLength(0);
    }
    const buttons = within(root).queryAllByRole('button').filter(b => !b.getAttribute('data-testid')?.startsWith('settings-tab-'));
    expect(buttons.map(b => b.textContent || b.getAttribute('aria-label'))).toEqual([]);
  }

  it('shows non-admins every area of the policy in force as text, with no edit controls, in English', async () => {
    const { api, stored } = fakeApi({ admin: false });
    stored().moderation.flagHideThreshold = 12;
    stored().features.communities.enabled = false;
    renderView(api);
    await ready();
    const view = screen.getByTestId('settings-readonly-policy');
    const expected: Record<string, string[]> = {
      features: ['Communities: on or off', 'Off', 'Employee profiles: on or off', 'On', 'Audience of Employee profiles', 'Everyone'],
      roles: ['Tenant administrators'],
      feedback: ['Categories', stored().feedback.categories[0].label.en, 'Time zone', 'America/Toronto', 'Resolve within'],
      moderation: ['Weighted flags that hide a post', '12'],
      spikes: ['28'],
      skills: [stored().skills[0].label.en],
      general: ['Default language', 'French']
    };
    for (const [area, texts] of Object.entries(expected)) {
      fireEvent.click(screen.getByTestId(`settings-tab-${area}`));
      for (const text of texts) expect(view).toHaveTextContent(text);
      expectNoEditControls(view);
      if (area === 'moderation') expect(screen.getByTestId('settings-flag-threshold')).toHaveTextContent('Weighted flags that hide a post12');
    }
    expect(api.save).not.toHaveBeenCalled();
  });

  it('shows non-admins the policy read-only in French, and its areas are reached by keyboard', async () => {
    const { api, stored } = fakeApi({ admin: false });
    renderView(api, fr as ISuiteSettingsStrings, 'fr-CA');
    await ready();
    await expectText('settings-readonly', 'Lecture seule : seuls les administrateurs du locataire');
    const view = screen.getByTestId('settings-readonly-policy');
    expect(view).toHaveTextContent('Tout le monde');
    expect(view).toHaveTextContent('Activé');
    expectNoEditControls(view);
    // The tabs are buttons in the page's tab order; Enter on one opens its area.
    const tab = screen.getByTestId('settings-tab-feedback');
    expect(tab.tagName).toBe('BUTTON');
    tab.focus();
    expect(document.activeElement).toBe(tab);
    fireEvent.keyDown(tab, { key: 'Enter', which: 13, keyCode: 13 });
    fireEvent.click(tab);
    await waitFor(() => expect(view).toHaveTextContent(stored().feedback.categories[0].label.fr));
    expect(view).toHaveTextContent('Fuseau horaire');
    expectNoEditControls(view);
  });

  it('shows the notice when the policy in force is not the stored one, in French', async () => {
    const { api } = fakeApi();
    api.load.mockResolvedValueOnce({ policy: defaultPolicy(), source: 'defaults', notice: 'usingDefaults', etag: null, modified: null, modifiedBy: null });
    renderView(api, fr as ISuiteSettingsStrings, 'fr-CA');
    await screen.findByTestId('settings-notice');
    await expectText('settings-notice', 'Les paramètres par défaut sont en vigueur');
    expect(screen.getByTestId('settings-last-changed')).toHaveTextContent('jamais été enregistrés');
  });

  it('says when the settings cannot be loaded and loads them on retry', async () => {
    const { api } = fakeApi();
    api.load.mockRejectedValueOnce(Object.assign(new TypeError('Failed to fetch')));
    renderView(api);
    await expectText('settings-view', 'The suite settings could not be loaded.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await ready();
    expect(api.load).toHaveBeenCalledTimes(2);
    expect(toggle('settings-feature-profiles-enabled')).toHaveAttribute('aria-checked', 'true');
  });

  it('keeps an unsaved edit and reads nothing again when re-rendered with another theme', async () => {
    const { api } = fakeApi();
    const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale: 'en-US' } as unknown as SuiteContext;
    const view = (theme: HostTheme, service: SettingsAdminApi): JSX.Element => (
      <SuiteRoot context={context} strings={suiteEn as ISuiteStrings} theme={theme}>
        <SettingsView api={service} strings={en as ISuiteSettingsStrings} />
      </SuiteRoot>
    );
    const { rerender } = render(view({ kind: 'sharepoint' }, api));
    await ready();
    await screen.findByTestId('settings-history-1.0');
    fireEvent.click(toggle('settings-feature-communities-enabled'));
    expect(screen.getByText('You have unsaved changes.')).toBeInTheDocument();

    // A theme change in SPFx renders the web part again: a new theme, and a shell may pass a new api object.
    rerender(view({ kind: 'teams', name: 'dark' }, { ...api }));
    rerender(view({ kind: 'sharepoint', isInverted: true }, { ...api }));
    expect(toggle('settings-feature-communities-enabled')).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByText('You have unsaved changes.')).toBeInTheDocument();
    expect(api.load).toHaveBeenCalledTimes(1);
    expect(api.isTenantAdmin).toHaveBeenCalledTimes(1);
    expect(api.history).toHaveBeenCalledTimes(1);
    expect(api.save).not.toHaveBeenCalled();
  });

  it('previews turning a feature off, then saves exactly that change with the ETag', async () => {
    const { api, stored } = fakeApi();
    renderView(api);
    await ready();
    const enabled = toggle('settings-feature-communities-enabled');
    expect(enabled).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(enabled);
    expect(toggle('settings-feature-communities-enabled')).toHaveAttribute('aria-checked', 'false');

    fireEvent.click(screen.getByTestId('settings-review'));
    const changes = screen.getByTestId('settings-changes');
    expect(within(changes).getAllByRole('listitem')).toHaveLength(1);
    expect(changes).toHaveTextContent('Features › Communities › On or off');
    expect(changes).toHaveTextContent('On → Off');
    expect(api.save).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByText('The settings are saved and in force.');
    expect(api.save).toHaveBeenCalledTimes(1);
    const [sent, sentEtag] = api.save.mock.calls[0] as [Policy, string];
    expect(sentEtag).toBe(ETAG_1);
    const expected = defaultPolicy();
    expected.features.communities.enabled = false;
    expect(sent).toEqual(expected);
    expect(stored().features.communities.enabled).toBe(false);
    expect(screen.getByTestId('settings-last-changed')).toHaveTextContent('Admin');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('turns a feature off for a pilot group through its excluded groups', async () => {
    const { api } = fakeApi();
    renderView(api);
    await ready();
    fireEvent.click(screen.getByTestId('settings-feature-feedbackRelay-except-add'));
    fireEvent.change(screen.getByTestId('settings-feature-feedbackRelay-except-0-id'), { target: { value: 'not-a-guid' } });
    expect(screen.getByTestId('settings-errors')).toHaveTextContent('Enter a SharePoint group title, or the object id (a GUID) of an Entra group.');
    fireEvent.change(screen.getByTestId('settings-feature-feedbackRelay-except-0-id'), { target: { value: '549cfad2-02b6-40d4-a0cf-cd7f5f28345d' } });
    fireEvent.change(screen.getByTestId('settings-feature-feedbackRelay-except-0-name'), { target: { value: 'Dept – Stores' } });
    expect(screen.queryByTestId('settings-errors')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-review'));
    fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByText('The settings are saved and in force.');
    const [sent] = api.save.mock.calls[0] as [Policy];
    expect(sent.features.feedbackRelay.audience).toEqual({
      everyone: true,
      except: [{ kind: 'entra', id: '549cfad2-02b6-40d4-a0cf-cd7f5f28345d', name: 'Dept – Stores' }]
    });
  });

  it.each([
    ['en', en as ISuiteSettingsStrings, 'en-US', 'The resolution target must be at least the acknowledgement target (1 h).', 'Enter a value of at least 1.'],
    ['fr', fr as ISuiteSettingsStrings, 'fr-CA', 'La cible de résolution doit être au moins égale à la cible d’accusé de réception (1 h).', 'Entrez une valeur d’au moins 1.']
  ])('shows invalid values on their fields and blocks saving (%s)', async (_lang, strings, locale, resolveMessage, retentionMessage) => {
    const { api } = fakeApi();
    renderView(api, strings, locale);
    await ready();
    fireEvent.click(screen.getByTestId('settings-tab-feedback'));
    const resolve = screen.getByTestId('settings-severity-0-resolve');
    fireEvent.change(resolve, { target: { value: '0.5' } });
    fireEvent.change(screen.getByTestId('settings-retention-days'), { target: { value: '-30' } });

    // On the fields (errorMessage of the Fluent controls)...
    expect(screen.getByTestId('settings-severity-0-resolve')).toHaveAttribute('aria-invalid', 'true');
    // Fluent renders the field's message a tick later; the summary holds it too, hence two.
    await waitFor(() => expect(screen.getAllByText(resolveMessage, { exact: false })).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByText(retentionMessage, { exact: false })).toHaveLength(2));
    // ...and in the summary, whose links lead to the field.
    const summary = screen.getByTestId('settings-errors');
    expect(summary).toHaveTextContent(resolveMessage);
    expect(summary).toHaveTextContent(retentionMessage);
    expect(within(summary).getAllByRole('listitem')).toHaveLength(2);

    fireEvent.click(screen.getByTestId('settings-tab-features'));
    expect(screen.queryByTestId('settings-severity-0-resolve')).toBeNull();
    fireEvent.click(within(summary).getAllByRole('button')[0]);
    await waitFor(() => expect(screen.getByTestId('settings-severity-0-resolve')).toHaveFocus());

    fireEvent.click(screen.getByTestId('settings-review'));
    expect(screen.queryByTestId('settings-review-panel')).toBeNull();
    expect(screen.queryByTestId('settings-save')).toBeNull();
    expect(api.save).not.toHaveBeenCalled();
  });

  it('shows the errors the service refuses a document with, and keeps the draft', async () => {
    const { api } = fakeApi({ failures: [new PolicyValidationError([{ path: 'moderation.flagHideThreshold', code: 'tooBig', params: { max: 100 } }])] });
    renderView(api);
    await ready();
    fireEvent.click(toggle('settings-feature-highlights-enabled'));
    fireEvent.click(screen.getByTestId('settings-review'));
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('settings-errors')).toHaveTextContent('Enter a value of at most 100.');
    expect(screen.getByTestId('settings-errors')).toHaveTextContent('Moderation › Weighted flags that hide a post: Enter a value of at most 100.');
    expect(toggle('settings-feature-highlights-enabled')).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByText('You have unsaved changes.')).toBeInTheDocument();
  });

  it('on a 412 keeps the draft, says someone else changed it and offers the latest settings', async () => {
    const { api, otherAdminSaves } = fakeApi();
    renderView(api);
    await ready();
    otherAdminSaves(p => { p.moderation.flagHideThreshold = 7; });
    fireEvent.click(toggle('settings-feature-communities-enabled'));
    fireEvent.click(screen.getByTestId('settings-review'));
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByText(/Someone else changed the settings since you opened them/)).toBeInTheDocument();
    expect(api.save).toHaveBeenCalledWith(expect.anything(), ETAG_1);
    // The draft is kept, here and across a reload of the page.
    expect(JSON.parse(window.sessionStorage.getItem('suite-settings-draft') as string).policy.features.communities.enabled).toBe(false);

    fireEvent.click(screen.getByTestId('settings-reload-latest'));
    const changes = await screen.findByTestId('settings-changes');
    expect(api.load).toHaveBeenCalledTimes(2);
    // The review is now against the latest: the admin sees their draft would undo the other change.
    expect(changes).toHaveTextContent('Features › Communities › On or off');
    expect(changes).toHaveTextContent('7 → 5');
    fireEvent.click(screen.getByTestId('settings-review-back'));
    expect(toggle('settings-feature-communities-enabled')).toHaveAttribute('aria-checked', 'false');
  });

  it.each([
    [{ status: 403 }, 'Only tenant administrators can change the suite settings. Nothing was saved.'],
    [new TypeError('Failed to fetch'), 'The settings could not be saved because the network is unavailable.']
  ])('explains a refused or failed save and keeps the draft (%p)', async (failure, message) => {
    const { api } = fakeApi({ failures: [Object.assign(failure instanceof Error ? failure : new Error('HTTP'), failure)] });
    renderView(api);
    await ready();
    fireEvent.click(toggle('settings-feature-profiles-enabled'));
    fireEvent.click(screen.getByTestId('settings-review'));
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByText(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))).toBeInTheDocument();
    expect(screen.getByTestId('settings-review-panel')).toBeInTheDocument();
    expect(window.sessionStorage.getItem('suite-settings-draft')).not.toBeNull();
  });

  it('restores the unsaved draft after a reload of the page', async () => {
    const { api } = fakeApi();
    const first = renderView(api);
    await ready();
    fireEvent.click(toggle('settings-feature-portalHeader-enabled'));
    first.unmount();
    renderView(api);
    await ready();
    await expectText('settings-info', 'Your unsaved changes from earlier in this session were restored.');
    expect(toggle('settings-feature-portalHeader-enabled')).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(screen.getByTestId('settings-discard'));
    expect(toggle('settings-feature-portalHeader-enabled')).toHaveAttribute('aria-checked', 'true');
    expect(window.sessionStorage.getItem('suite-settings-draft')).toBeNull();
  });

  it('a draft kept across a reload is saved against the version it started from, never over a newer one', async () => {
    const { api, otherAdminSaves } = fakeApi();
    const first = renderView(api);
    await ready();
    fireEvent.click(toggle('settings-feature-highlights-enabled'));
    first.unmount();
    // Meanwhile another admin saves; then this admin comes back to the page.
    otherAdminSaves(p => { p.moderation.flagHideThreshold = 7; });
    renderView(api);
    await ready();
    await expectText('settings-info', 'Your unsaved changes from earlier in this session were restored.');
    fireEvent.click(screen.getByTestId('settings-review'));
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByText(/Someone else changed the settings since you opened them/)).toBeInTheDocument();
    expect(api.save).toHaveBeenCalledWith(expect.anything(), ETAG_1);
    expect(window.sessionStorage.getItem('suite-settings-draft')).not.toBeNull();
  });

  it('refuses an invalid import with field-level errors and changes nothing', async () => {
    const { api } = fakeApi();
    renderView(api);
    await ready();
    const bad = defaultPolicy() as unknown as Record<string, any>;
    bad.features.communities.enabled = false;
    bad.feedback.retentionDays = -1;
    bad.feedback.calendar.timeZone = 'Mars/Olympus';
    fireEvent.change(screen.getByTestId('settings-import'), { target: { files: [policyFile(JSON.stringify(bad), 'bad.json')] } });
    const errors = await screen.findByTestId('settings-import-errors');
    expect(errors).toHaveTextContent('The file bad.json is not valid settings. Nothing was changed.');
    expect(errors).toHaveTextContent('Feedback › Keep relays for (days): Enter a value of at least 1.');
    expect(errors).toHaveTextContent('Feedback › Business calendar › Time zone (for example America/Toronto): Enter a time zone such as America/Toronto or Europe/Paris.');
    // Nothing changed: the valid part of the file (communities off) did not reach the form.
    expect(toggle('settings-feature-communities-enabled')).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByText('You have unsaved changes.')).toBeNull();
    expect(screen.queryByTestId('settings-errors')).toBeNull();
    expect(window.sessionStorage.getItem('suite-settings-draft')).toBeNull();

    fireEvent.change(screen.getByTestId('settings-import'), { target: { files: [policyFile('{ not json', 'notes.txt')] } });
    await waitFor(() => expect(screen.getByTestId('settings-import-errors')).toHaveTextContent('The file notes.txt is not valid settings.'));
    expect(toggle('settings-feature-communities-enabled')).toHaveAttribute('aria-checked', 'true');
    expect(api.save).not.toHaveBeenCalled();
  });

  it('makes a valid import the draft, for review before saving', async () => {
    const { api } = fakeApi();
    renderView(api);
    await ready();
    const next = defaultPolicy();
    next.features.communities.enabled = false;
    next.spikes.zScore = 2.5;
    fireEvent.change(screen.getByTestId('settings-import'), { target: { files: [policyFile(JSON.stringify(next), 'next.json')] } });
    await screen.findByTestId('settings-info');
    await expectText('settings-info', 'The file next.json is loaded in the form.');
    expect(toggle('settings-feature-communities-enabled')).toHaveAttribute('aria-checked', 'false');
    expect(api.save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('settings-review'));
    const changes = screen.getByTestId('settings-changes');
    expect(within(changes).getAllByRole('listitem')).toHaveLength(2);
    expect(changes).toHaveTextContent('Changed · Features › Communities › On or off: On → Off');
    expect(changes).toHaveTextContent('Changed · Spikes › Sensitivity (standard deviations above the baseline): 3 → 2.5');
  });

  it('restores an earlier version into the draft; a version that no longer validates cannot be restored', async () => {
    const older = defaultPolicy();
    older.features.highlights.enabled = false;
    older.moderation.blockedTerms = ['arnaque'];
    const history: PolicyVersion[] = [
      { versionLabel: '3.0', modified: '2026-11-20T10:00:00Z', modifiedBy: 'Émilie Tremblay', policy: defaultPolicy(), errors: [] },
      { versionLabel: '2.0', modified: '2026-10-01T10:00:00Z', modifiedBy: 'Marc Gagnon', policy: older, errors: [] },
      { versionLabel: '1.0', modified: '2026-09-01T10:00:00Z', modifiedBy: 'Zoë Côté', policy: null, errors: [{ path: 'feedback.retentionDays', code: 'tooSmall', params: { min: 1 } }] }
    ];
    const { api } = fakeApi({ history });
    renderView(api);
    const table = await screen.findByTestId('settings-history');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => within(r).getAllByRole('cell')[0].textContent)).toEqual(['3.0 In force', '2.0', '1.0']);
    expect(rows[1]).toHaveTextContent('Marc Gagnon');
    expect(rows[1]).toHaveTextContent('October');
    expect(within(rows[2]).queryByRole('button')).toBeNull();
    expect(rows[2]).toHaveTextContent('No longer valid');

    fireEvent.click(screen.getByTestId('settings-restore-2.0'));
    await expectText('settings-info', 'Version 2.0 is loaded in the form.');
    expect(toggle('settings-feature-highlights-enabled')).toHaveAttribute('aria-checked', 'false');
    expect(api.save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('settings-review'));
    fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByText('The settings are saved and in force.');
    expect(api.save.mock.calls[0][0]).toEqual(older);
  });

  it('exports the policy in force as JSON, not the draft', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => { blobs.push(blob); return 'blob:test/1'; });
    URL.revokeObjectURL = jest.fn();
    const downloads: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(`${this.download} ${this.href}`);
    });
    try {
      const { api, stored } = fakeApi();
      renderView(api);
      await ready();
      fireEvent.click(toggle('settings-feature-communities-enabled'));
      fireEvent.click(screen.getByTestId('settings-export'));
      expect(downloads).toEqual(['suite-settings.json blob:test/1']);
      expect(blobs).toHaveLength(1);
      expect(blobs[0].type).toBe('application/json');
      const text = await new Promise<string>(resolve => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blobs[0]);
      });
      expect(JSON.parse(text)).toEqual(stored());
      expect(JSON.parse(text).features.communities.enabled).toBe(true);
      await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1'));
    } finally {
      click.mockRestore();
    }
  });
});
