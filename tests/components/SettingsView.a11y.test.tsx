import * as React from 'react';
import { render, screen, fireEvent } from '@testing-library/react';
import axe from 'axe-core';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { SettingsView } from '../../ui/settings/SettingsView';
import type { SuiteContext } from '../../services/context';
import type { SettingsAdminApi } from '../../services/settingsApi';
import { DEMO_GROUPS, defaultPolicy, validatePolicy } from '../../core/policy';
import type { Policy } from '../../core/policy';
import suiteEn from '../../ui/loc/en-us.js';
import fr from '../../ui/settings/loc/fr-fr.js';

/**
 * A small policy with every kind of control of the form (axe over the full default policy takes
 * tens of seconds in jsdom): two options per list, a rule of each owner kind, a group escalation.
 */
function smallPolicy(): Policy {
  const p = defaultPolicy();
  p.features.communities.audience = { everyone: false, groups: [{ ...DEMO_GROUPS.stores }], except: [{ ...DEMO_GROUPS.it }] };
  p.feedback.categories = p.feedback.categories.slice(0, 2);
  p.feedback.products = p.feedback.products.slice(0, 2);
  p.feedback.channels = p.feedback.channels.slice(0, 2);
  p.feedback.routing = [p.feedback.routing[0], { id: 'call-centre-to-manager', when: { category: 'call-centre', businessUnit: 'Montmagny' }, owner: { kind: 'managerChain', level: 2 } }];
  p.feedback.escalation = [...p.feedback.escalation, { atShareOfTarget: 2, notify: { group: { ...DEMO_GROUPS.management } } }];
  p.moderation.blockedTerms = ['arnaque'];
  p.skills = p.skills.slice(0, 2);
  return p;
}

const api: SettingsAdminApi = {
  load: async () => ({ policy: smallPolicy(), source: 'list', notice: 'storedInvalid', etag: '"1,2"', modified: '2026-11-02T14:30:00Z', modifiedBy: 'Émilie Tremblay' }),
  save: async () => { throw new Error('not in this test'); },
  history: async () => [
    { versionLabel: '2.0', modified: '2026-11-02T14:30:00Z', modifiedBy: 'Émilie Tremblay', policy: smallPolicy(), errors: [] },
    { versionLabel: '1.0', modified: '2026-10-02T14:30:00Z', modifiedBy: 'Marc Gagnon', policy: null, errors: [{ path: 'spikes.zScore', code: 'tooBig', params: { max: 10 } }] }
  ],
  isTenantAdmin: async () => true
};

/** axe walks the whole tree in jsdom: seconds per run, more on a busy machine. */
const AXE_TIMEOUT = 120000;

/** Serious and critical axe-core findings (WCAG 2.1 A/AA and best practices; no layout in jsdom, so no contrast). */
async function seriousViolations(root: HTMLElement): Promise<string[]> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } }
  });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

describe('SettingsView accessibility', () => {
  it('checks a valid policy', () => {
    expect(validatePolicy(smallPolicy()).ok).toBe(true);
  });

  beforeEach(() => window.sessionStorage.clear());
  // axe measures icon ligatures on a canvas, which jsdom does not implement.
  beforeAll(() => { HTMLCanvasElement.prototype.getContext = jest.fn(() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext; });

  async function renderAdmin(): Promise<HTMLElement> {
    const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale: 'fr-CA' } as unknown as SuiteContext;
    const { container } = render(
      <SuiteRoot context={context} strings={suiteEn as ISuiteStrings} theme={{ kind: 'teams', name: 'contrast' }}>
        <SettingsView api={api} strings={fr as ISuiteSettingsStrings} />
      </SuiteRoot>
    );
    await screen.findByTestId('settings-history-1.0');
    return container;
  }

  it.each(['features', 'roles', 'feedback', 'moderation', 'spikes', 'skills', 'general'])('has no serious or critical axe violations on the %s tab', async area => {
    const container = await renderAdmin();
    fireEvent.click(screen.getByTestId(`settings-tab-${area}`));
    expect(await seriousViolations(container)).toEqual([]);
  }, AXE_TIMEOUT);

  it('names the button that lists the areas that do not fit (axe finds it only when the tabs overflow)', async () => {
    await renderAdmin();
    const overflow = document.querySelector('.ms-Pivot .ms-Button--hasMenu');
    expect(overflow).not.toBeNull();
    expect(overflow && overflow.getAttribute('aria-label')).toBe('Autres sections des paramètres');
  });

  it.each(['features', 'feedback', 'skills'])('has none in the read-only view a non-admin sees, on the %s tab', async area => {
    const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale: 'fr-CA' } as unknown as SuiteContext;
    const { container } = render(
      <SuiteRoot context={context} strings={suiteEn as ISuiteStrings} theme={{ kind: 'teams', name: 'dark' }}>
        <SettingsView api={{ ...api, isTenantAdmin: async () => false }} strings={fr as ISuiteSettingsStrings} />
      </SuiteRoot>
    );
    await screen.findByTestId('settings-readonly-policy');
    fireEvent.click(screen.getByTestId(`settings-tab-${area}`));
    expect(await seriousViolations(container)).toEqual([]);
  }, AXE_TIMEOUT);

  it('has none with errors shown, nor in the review', async () => {
    const container = await renderAdmin();
    fireEvent.click(screen.getByTestId('settings-tab-spikes'));
    fireEvent.change(screen.getByTestId('settings-spikes-zscore'), { target: { value: '99' } });
    expect(screen.getByTestId('settings-errors')).toBeInTheDocument();
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.change(screen.getByTestId('settings-spikes-zscore'), { target: { value: '2,5' } });
    fireEvent.click(screen.getByTestId('settings-review'));
    expect(await screen.findByTestId('settings-changes')).toHaveTextContent('de 3 à 2,5');
    expect(await seriousViolations(container)).toEqual([]);
  }, AXE_TIMEOUT);
});
