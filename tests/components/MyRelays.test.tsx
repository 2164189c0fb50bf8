import * as React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { MyRelays } from '../../ui/relay/myRelays/MyRelays';
import type { SuiteContext } from '../../services/context';
import type { MyRelay, Page } from '../../services/relay/api';
import type { Insight, Relay } from '../../core/relay/model';
import type { InsightStatus } from '../../core/relay/clock';
import { defaultPolicy } from '../../core/policy';
import suiteEn from '../../ui/loc/en-us.js';
import suiteFr from '../../ui/loc/fr-fr.js';
import captureEn from '../../ui/relay/capture/loc/en-us.js';
import captureFr from '../../ui/relay/capture/loc/fr-fr.js';

const ME = 'emilie.tremblay@northwind-retail.example';
/** Monday 23 November 2026, 14:00 in Québec (America/Toronto, UTC-5). */
const NOW = new Date('2026-11-23T19:00:00Z');

function relay(id: number, words: string, insightId: number | null, created: string): Relay {
  return {
    id, relayerUpn: ME, created, insightId, ingestState: insightId ? 'clustered' : 'pending', dayKey: '',
    channel: 'phone', segment: '', product: 'home-delivery', category: 'delivery', severity: 'high', customerWords: words,
    observation: '', promiseText: '', promiseDue: '', anonymous: false, joinInsightId: null, clientId: `c-${id}`, redactions: {}, language: 'en'
  };
}

function insight(id: number, title: string, severity: string, history: Array<[string, InsightStatus]>, extra: Partial<Insight> = {}): Insight {
  const last = history[history.length - 1][1];
  return {
    id, key: `relay:${id}`, title, summary: '', category: 'delivery', product: 'home-delivery', severity, reach: 1,
    firstSeen: history[0][0], lastSeen: history[0][0],
    owner: { upn: 'marc-andre.gagnon@northwind-retail.example', groupId: null, groupName: null, source: 'fallback', department: 'Customer Service' },
    status: last, statusHistory: history.map(([at, status]) => ({ at: new Date(at), status })),
    closureReason: '', response: '', customerReply: '', respondedBy: '', acknowledgedAt: null, acknowledgedDay: '', closedAt: null, closedDay: '',
    acknowledgeHours: null, resolveHours: null, acknowledgeBreached: false, resolveBreached: false, mergedInto: null,
    isOpen: last !== 'resolved' && last !== 'declined' && last !== 'duplicate', etag: '"1"', ...extra
  };
}

const resolved: MyRelay = {
  relay: relay(11, 'Third time the parcel is late.', 5, '2026-11-16T14:00:00Z'),
  // Monday 9:00 → acknowledged at 12:00 (3 business hours) → resolved Tuesday 10:30 (8 h + 2 h = 10 h, target 8 h).
  insight: insight(5, 'Late deliveries in Lévis', 'high', [
    ['2026-11-16T14:00:00Z', 'new'], ['2026-11-16T17:00:00Z', 'acknowledged'], ['2026-11-17T15:30:00Z', 'resolved']
  ], {
    reach: 14, response: 'A second truck serves Lévis from Monday 30 November.',
    customerReply: 'Hello, deliveries to Lévis now come with a second truck. Thank you for telling us.'
  })
};
const pending: MyRelay = { relay: relay(12, 'The app logs me out at checkout.', null, '2026-11-23T18:30:00Z'), insight: null };
const waiting: MyRelay = {
  relay: relay(10, 'Nobody answers the phone line after 4 pm.', 6, '2026-11-23T14:00:00Z'),
  // Today 9:00, still new at 14:00: 5 business hours of the normal target of 8.
  insight: insight(6, 'Phone line unanswered late afternoon', 'normal', [['2026-11-23T14:00:00Z', 'new']])
};
const paused: MyRelay = {
  relay: relay(9, 'Refund still not received.', 7, '2026-11-20T14:00:00Z'),
  // Friday 9:00, acknowledged at 10:00, in progress, waiting on the customer since 11:00: 2 h of the resolution target used.
  insight: insight(7, 'Refunds take more than ten days', 'high', [
    ['2026-11-20T14:00:00Z', 'new'], ['2026-11-20T15:00:00Z', 'acknowledged'], ['2026-11-20T15:30:00Z', 'inProgress'], ['2026-11-20T16:00:00Z', 'waitingOnCustomer']
  ])
};

function fakeApi(pages: Array<Page<MyRelay>>) {
  const asked: Array<string | null | undefined> = [];
  return {
    asked,
    feedbackPolicy: async () => defaultPolicy().feedback,
    async myRelays(next?: string | null) {
      asked.push(next);
      const index = next ? Number(next.replace('page-', '')) : 0;
      return pages[index];
    }
  };
}

function renderView(api: ReturnType<typeof fakeApi>, french = false, focusInsightId: number | null = null) {
  const locale = french ? 'fr-FR' : 'en-US';
  const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={(french ? suiteFr : suiteEn) as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <MyRelays api={api} strings={(french ? captureFr : captureEn) as IRelayCaptureStrings} now={() => NOW} focusInsightId={focusInsightId} />
    </SuiteRoot>
  );
}

const item = (id: number): HTMLElement => {
  const found = screen.getAllByTestId('my-relay').find(li => li.getAttribute('data-relay-id') === String(id));
  if (!found) throw new Error(`no relay ${id}`);
  return found;
};

describe('My relays', () => {
  it('lists my relays with their status, silence clock and outcome, a page at a time', async () => {
    const api = fakeApi([{ items: [pending, waiting], next: 'page-1' }, { items: [paused, resolved], next: null }]);
    renderView(api);
    await waitFor(() => expect(screen.getAllByTestId('my-relay')).toHaveLength(2));

    expect(within(item(12)).getByTestId('my-relay-pending')).toHaveTextContent('Received, being grouped with similar feedback.');
    expect(within(item(12)).queryByTestId('my-relay-status')).toBeNull();
    expect(within(item(10)).getByTestId('my-relay-status')).toHaveTextContent('Status: New');
    expect(within(item(10)).getByTestId('my-relay-clock')).toHaveTextContent('Waiting 5 h, target 8 h');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('my-relay')).toHaveLength(4));
    expect(api.asked).toEqual([null, 'page-1']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    // The first relay of the new page takes the focus (keyboard users continue where they were).
    expect(within(item(9)).getByRole('heading', { level: 3 })).toHaveFocus();

    const p = within(item(9));
    expect(p.getByTestId('my-relay-status')).toHaveTextContent('Status: Waiting on the customer');
    expect(p.getByTestId('my-relay-clock')).toHaveTextContent('Acknowledged in 1 h');
    expect(p.getByTestId('my-relay-clock')).toHaveTextContent('Clock paused (2 h of 8 h used)');
    expect(p.queryByTestId('my-relay-outcome')).toBeNull();

    const r = within(item(11));
    expect(r.getByRole('heading', { name: 'Late deliveries in Lévis' })).toBeInTheDocument();
    expect(r.getByTestId('my-relay-status')).toHaveTextContent('Status: Resolved');
    expect(r.getByTestId('my-relay-clock')).toHaveTextContent('Acknowledged in 3 h');
    expect(r.getByTestId('my-relay-clock')).toHaveTextContent('Closed in 10 h, target 8 h');
    // Reach counts relays, not people (one person may relay twice).
    expect(r.getByText('Relayed 14 times in all', { exact: false })).toBeInTheDocument();
    expect(r.getByTestId('my-relay-response')).toHaveTextContent('A second truck serves Lévis from Monday 30 November.');
    expect(r.getByTestId('my-relay-reply')).toHaveTextContent('Hello, deliveries to Lévis now come with a second truck.');
  });

  it('shows redaction tokens in the reader\'s language and counts with the language\'s plural rules', async () => {
    const twice: MyRelay = {
      relay: relay(20, 'Call me at [phone] or write to [email]; I paid with [card].', 31, '2026-11-23T18:00:00Z'),
      insight: insight(31, 'Refund to [card] never arrived', 'normal', [['2026-11-23T17:00:00Z', 'new']], { reach: 2 })
    };
    renderView(fakeApi([{ items: [twice], next: null }]), true);
    const it20 = await waitFor(() => item(20));
    expect(it20).toHaveTextContent('Call me at [téléphone] or write to [courriel]; I paid with [carte].');
    expect(it20.textContent).not.toMatch(/\[(phone|email|card)\]/);
    expect(within(it20).getByRole('heading', { level: 3 })).toHaveTextContent('Refund to [carte] never arrived');
    expect(it20).toHaveTextContent('Relayé 2 fois en tout');
  });

  it('an outcome mail\'s link (?insight=<id>) puts the focus on that insight\'s relay', async () => {
    const other: MyRelay = { relay: relay(21, 'Another thing entirely.', 32, '2026-11-23T18:40:00Z'), insight: insight(32, 'Something else', 'normal', [['2026-11-23T17:00:00Z', 'new']]) };
    const linkedOne: MyRelay = { relay: relay(22, 'The refund never came.', 33, '2026-11-23T18:10:00Z'), insight: insight(33, 'Refunds take weeks', 'normal', [['2026-11-23T17:00:00Z', 'new']]) };
    renderView(fakeApi([{ items: [other, linkedOne], next: null }]), false, 33);
    await waitFor(() => expect(within(item(22)).getByRole('heading', { level: 3 })).toHaveFocus());
    expect(within(item(22)).getByRole('heading', { level: 3 }).getAttribute('aria-current')).toBe('true');
    expect(within(item(21)).getByRole('heading', { level: 3 }).getAttribute('aria-current')).toBeNull();
  });

  it('says a relay the relay job refused was not accepted, and why, in English and in French', async () => {
    const rejected: MyRelay = {
      relay: { ...relay(13, 'x'.repeat(4000), null, '2026-11-23T18:00:00Z'), ingestState: 'rejected', rejection: { reason: 'tooLong', fields: ['customerWords', 'observation'] } },
      insight: null
    };
    const { unmount } = renderView(fakeApi([{ items: [rejected, pending], next: null }]));
    await waitFor(() => expect(screen.getAllByTestId('my-relay')).toHaveLength(2));
    expect(within(item(13)).queryByTestId('my-relay-pending')).toBeNull();
    expect(within(item(13)).getByTestId('my-relay-rejected')).toHaveTextContent(
      'Not accepted: it is longer than the relay form allows, so it was not passed on. What was kept was shortened to the form’s limits. Too long: customer’s words, your observation'
    );
    unmount();
    renderView(fakeApi([{ items: [rejected], next: null }]), true);
    expect(await screen.findByTestId('my-relay-rejected')).toHaveTextContent('Non accepté : il dépasse la longueur que permet le formulaire de relais');
    expect(screen.getByTestId('my-relay-rejected')).toHaveTextContent('Trop long : paroles du client, votre observation');
  });

  it('copies the customer reply', async () => {
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderView(fakeApi([{ items: [resolved], next: null }]));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy the reply' }));
    expect(await screen.findByText('Reply copied.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(resolved.insight!.customerReply);
  });

  it('speaks French', async () => {
    renderView(fakeApi([{ items: [waiting, resolved, pending], next: null }]), true);
    await waitFor(() => expect(screen.getAllByTestId('my-relay')).toHaveLength(3));
    expect(within(item(10)).getByTestId('my-relay-status')).toHaveTextContent('État : Nouveau');
    expect(within(item(10)).getByTestId('my-relay-clock')).toHaveTextContent('En attente depuis 5 h, cible 8 h');
    expect(within(item(11)).getByTestId('my-relay-clock')).toHaveTextContent('Fermé en 10 h, cible 8 h');
    expect(within(item(12)).getByTestId('my-relay-pending')).toHaveTextContent('Reçu, en cours de regroupement');
    expect(screen.getByRole('button', { name: 'Copier la réponse' })).toBeInTheDocument();
  });

  it('says when there is nothing yet, and offers a retry when the list cannot be read', async () => {
    const api = fakeApi([{ items: [], next: null }]);
    let fail = true;
    const flaky = { ...api, myRelays: async (next?: string | null) => { if (fail) { fail = false; throw Object.assign(new Error('down'), { status: 503 }); } return api.myRelays(next); } };
    renderView(flaky);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('You have not relayed any customer feedback yet.')).toBeInTheDocument();
  });
});
