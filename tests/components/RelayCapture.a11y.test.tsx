import * as React from 'react';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { RelayCaptureView } from '../../ui/relay/capture/RelayCaptureView';
import type { RelayViewApi } from '../../ui/relay/relayApi';
import type { SuiteContext } from '../../services/context';
import type { MyRelay } from '../../services/relay/api';
import type { HostTheme } from '../../ui/theme';
import { defaultPolicy } from '../../core/policy';
import suiteEn from '../../ui/loc/en-us.js';
import captureEn from '../../ui/relay/capture/loc/en-us.js';
import captureFr from '../../ui/relay/capture/loc/fr-fr.js';

/** axe walks the whole tree in jsdom: seconds per run, more on a busy machine. */
const AXE_TIMEOUT = 120000;

async function seriousViolations(root: HTMLElement): Promise<string[]> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } }
  });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

/** A small policy (axe over every option of the default one is slow in jsdom), anonymous relays allowed. */
function smallPolicy() {
  const p = defaultPolicy().feedback;
  return { ...p, categories: p.categories.slice(0, 3), products: p.products.slice(0, 3), channels: p.channels.slice(0, 3), allowAnonymous: true };
}

const resolved: MyRelay = {
  relay: {
    id: 1, relayerUpn: 'emilie@northwind.example', created: '2026-11-16T14:00:00Z', insightId: 5, ingestState: 'clustered', dayKey: '2026-11-16',
    channel: 'phone', segment: '', product: 'home-delivery', category: 'delivery', severity: 'high', customerWords: 'Late again, call [phone].',
    observation: '', promiseText: '', promiseDue: '', anonymous: true, joinInsightId: null, clientId: 'c', redactions: { phone: 1 }, language: 'en'
  },
  insight: {
    id: 5, key: 'relay:c', title: 'Late deliveries', summary: '', category: 'delivery', product: 'home-delivery', severity: 'high', reach: 3,
    firstSeen: '2026-11-16T14:00:00Z', lastSeen: '2026-11-16T14:00:00Z',
    owner: { upn: null, groupId: null, groupName: 'Logistics', source: 'fallback', department: 'Logistics' },
    status: 'resolved',
    statusHistory: [{ at: new Date('2026-11-16T14:00:00Z'), status: 'new' }, { at: new Date('2026-11-16T17:00:00Z'), status: 'acknowledged' }, { at: new Date('2026-11-17T15:00:00Z'), status: 'resolved' }],
    closureReason: 'fixed', response: 'A second truck from Monday.', customerReply: 'Hello, a second truck now serves your area.', respondedBy: '',
    acknowledgedAt: null, acknowledgedDay: '', closedAt: null, closedDay: '', acknowledgeHours: 3, resolveHours: 9.5,
    acknowledgeBreached: false, resolveBreached: true, mergedInto: null, isOpen: false, etag: '"2"'
  }
};

const api: RelayViewApi = {
  me: 'emilie@northwind.example',
  siteUrl: 'http://localhost/sites/intranet',
  feedbackPolicy: async () => smallPolicy(),
  submit: async () => { throw new Error('not in this test'); },
  triage: async () => [{
    insight: { id: 5, title: 'Late deliveries', category: 'delivery', product: 'home-delivery', reach: 3, status: 'inProgress', response: 'A second truck from Monday.', lastSeen: '' },
    score: 0.8
  }],
  myRelays: async () => ({ items: [resolved, { relay: { ...resolved.relay, id: 2, insightId: null, ingestState: 'pending' }, insight: null }], next: 'more' })
};

function renderView(theme: HostTheme, french = false): HTMLElement {
  window.localStorage.clear();
  const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale: french ? 'fr-FR' : 'en-US' } as unknown as SuiteContext;
  const { container } = render(
    <SuiteRoot context={context} strings={suiteEn as ISuiteStrings} theme={theme}>
      <RelayCaptureView api={api} strings={(french ? captureFr : captureEn) as IRelayCaptureStrings} triageDelayMs={1} saveDelayMs={0} />
    </SuiteRoot>
  );
  return container;
}

describe('Relay capture accessibility', () => {
  // axe measures icon ligatures on a canvas, which jsdom does not implement.
  beforeAll(() => { HTMLCanvasElement.prototype.getContext = jest.fn(() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext; });

  it('has no serious or critical violation with errors, the redaction preview and a triage suggestion shown (Teams high contrast)', async () => {
    const container = renderView({ kind: 'teams', name: 'contrast' });
    fireEvent.click(await screen.findByRole('button', { name: 'Send the relay' }));
    await screen.findByTestId('relay-error-summary');
    expect(await seriousViolations(container)).toEqual([]);

    fireEvent.click(screen.getByRole('combobox', { name: /What it is about/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Delivery and delivery windows' }));
    fireEvent.click(screen.getByRole('combobox', { name: /Product or service/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Home delivery' }));
    fireEvent.change(screen.getByRole('textbox', { name: /The customer’s own words/ }), { target: { value: 'Late again! Call me at +1 418 555 0199.' } });
    await screen.findByTestId('relay-triage-join');
    await screen.findByTestId('relay-redaction-customerWords');
    expect(await seriousViolations(container)).toEqual([]);
  }, AXE_TIMEOUT);

  it('has none in My relays (dark theme, French), with an outcome, a pending relay and Load more', async () => {
    const container = renderView({ kind: 'teams', name: 'dark' }, true);
    fireEvent.click(screen.getByRole('tab', { name: 'Mes relais' }));
    await waitFor(() => expect(screen.getAllByTestId('my-relay')).toHaveLength(2));
    await screen.findByRole('button', { name: 'Afficher plus' });
    expect(await seriousViolations(container)).toEqual([]);
  }, AXE_TIMEOUT);
});
