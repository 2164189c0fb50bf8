import { screen, fireEvent, waitFor, within } from '@testing-library/react';
import type { Insight } from '../../core/relay/model';
import { fakeApi, insight, NOW, renderDashboard, renderDashboardFromAddress, THEIR_CHANGE_AT } from './RelayDashboard.fixtures';

/** The other manager's change time as the notice shows it (today: the time only). */
const theirTime = (locale: string): string => new Date(THEIR_CHANGE_AT).toLocaleTimeString(locale, { timeStyle: 'short' });

const titles = (): string[] => screen.getAllByTestId('insight-open').map(e => e.textContent || '');

describe('RelayDashboard', () => {
  test('orders open insights by cost of delay, explains it, and shows the three factors per row', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    // Not by reach (Rude courier, 10) nor by age (Late parcels, Friday): by cost.
    expect(titles()).toEqual(['Card refused at checkout', 'Late parcels', 'Rude courier']);
    expect(screen.getByTestId('cost-explanation').textContent).toMatch(/reach \(how many relays\) × severity weight .* × business hours open/);
    const costs = screen.getAllByTestId('insight-cost').map(e => e.textContent);
    expect(costs).toEqual([
      '5 relays × weight 8 × 1 business hour = 40',
      '2 relays × weight 2 × 9.5 business hours = 38',
      '10 relays × weight 1 × 1.5 business hours = 15'
    ]);
    // Clocks: the urgent one has 1 h to acknowledge and it has been open 1 h: overdue by 0.
    const late = screen.getAllByTestId('insight-row')[1];
    expect(within(late).getByTestId('insight-clocks').textContent).toBe('Acknowledge: overdue by 1.5 business hours · Resolve: 14.5 business hours left');
    // First render: access, open insights and the statistics (one call each), nothing per insight.
    // The owners' names: one directory request for the people the rows name.
    expect(fake.calls.map(c => c[0]).sort()).toEqual(['access', 'days', 'displayNames', 'openInsights']);
    expect(fake.calls.find(c => c[0] === 'days')![1]).toBe('2026-09-07');
  });

  test('scope and category filters', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('combobox', { name: /^Category/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Billing and payment reminders' }));
    expect(titles()).toEqual(['Card refused at checkout']);
    fireEvent.click(screen.getByRole('combobox', { name: /^Show/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Mine (me or my groups)' }));
    await waitFor(() => expect(fake.calls.filter(c => c[0] === 'openInsights').map(c => c[1])).toEqual([{ scope: 'all' }, { scope: 'mine' }]));
  });

  test('acknowledge in place calls the API with the insight and updates the row', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge: Late parcels' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Acknowledge: Late parcels' })).toBeNull());
    const call = fake.calls.find(c => c[0] === 'acknowledge')!;
    expect((call[1] as Insight).id).toBe(1);
    expect((call[1] as Insight).etag).toBe('"1"');
    const row = screen.getAllByTestId('insight-row').find(r => r.getAttribute('data-insight') === '1')!;
    expect(row.textContent).toContain('Acknowledged');
  });

  test('an in-place acknowledgement updates the row\'s clock at once and keeps the focus in the row', async () => {
    renderDashboard(fakeApi());
    await screen.findByTestId('insight-list');
    const rowOf = (id: string): HTMLElement => screen.getAllByTestId('insight-row').find(r => r.getAttribute('data-insight') === id)!;
    const ack = (): HTMLElement => within(rowOf('1')).getByTestId('insight-clocks').querySelector('[data-clock="acknowledge"]') as HTMLElement;
    expect(ack().textContent).toMatch(/overdue by/);
    const button = screen.getByRole('button', { name: 'Acknowledge: Late parcels' });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Acknowledge: Late parcels' })).toBeNull());
    // Acknowledged (late): the acknowledgement clock has stopped; no "overdue by" until a reload.
    expect(ack().textContent).not.toMatch(/overdue by/);
    expect(ack().getAttribute('data-state')).toBe('breached');
    await waitFor(() => expect(document.activeElement).toBe(within(rowOf('1')).getByTestId('insight-open')));
  });

  test('a deep link (?insight=<id>) opens its insight, from the list or read on its own; an unknown one says so', async () => {
    const first = renderDashboard(fakeApi(), 'en-US', 3);
    const panel = await screen.findByRole('dialog');
    expect(within(panel).getByText('Rude courier')).toBeTruthy();
    first.unmount();

    const closed = insight(9, 'Wrong size delivered', 'normal', 1, '2026-11-10T14:00:00Z', { status: 'resolved', isOpen: false });
    const fake = fakeApi({ elsewhere: [closed] });
    const view = renderDashboard(fake, 'en-US', 9);
    expect(within(await screen.findByRole('dialog')).getByText('Wrong size delivered')).toBeTruthy();
    expect(fake.calls.filter(c => c[0] === 'get').map(c => c[1])).toEqual([9]);
    view.unmount();

    renderDashboard(fakeApi(), 'en-US', 404);
    const notice = await screen.findByTestId('insight-link-error');
    await waitFor(() => expect(notice.textContent).toMatch(/This insight no longer exists/));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('the deep link is read from the page address by default', async () => {
    window.history.pushState({}, '', '/dashboard?insight=2');
    try {
      const fake = fakeApi();
      renderDashboardFromAddress(fake);
      const panel = await screen.findByRole('dialog');
      expect(within(panel).getByText('Card refused at checkout')).toBeTruthy();
    } finally {
      window.history.pushState({}, '', '/');
    }
  });

  test('people are shown by name in the rows, the panel, the timeline and the relays; the owner list starts empty', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    await waitFor(() => expect(screen.getAllByTestId('insight-row')[0].textContent).toContain('Owner: Marc-André Gagnon'));
    expect(screen.getByTestId('insight-list').textContent).not.toContain('@northwind-retail.example');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Late parcels' }));
    const panel = await screen.findByRole('dialog');
    await waitFor(() => expect(within(panel).getByTestId('panel-timeline').textContent).toContain('Émilie Tremblay'));
    expect(within(panel).getByTestId('panel-owner').textContent).toBe('Marc-André Gagnon');
    expect(within(panel).getByTestId('panel-timeline').textContent).not.toContain('@');
    expect(within(panel).getByTestId('panel-relays').textContent).toContain('Émilie Tremblay');
    expect(within(panel).getByTestId('panel-relays').textContent).not.toContain('@');
    // Nothing chosen: Assign cannot take the insight by accident.
    expect(within(panel).getByRole('combobox', { name: /^Owner/ }).textContent).toContain('Choose an owner');
    const assign = within(panel).getByRole('button', { name: 'Assign' });
    expect(assign.hasAttribute('disabled') || assign.getAttribute('aria-disabled') === 'true').toBe(true);
    fireEvent.click(assign);
    expect(fake.calls.some(c => c[0] === 'assign')).toBe(false);
    fireEvent.click(within(panel).getByRole('combobox', { name: /^Owner/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Me' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Assign' }));
    await within(panel).findByText('Owner changed.');
  });

  test('counts follow the language\'s plural rules, and French week labels are French', async () => {
    const one = [insight(1, 'Late parcels', 'normal', 1, '2026-11-20T14:00:00Z')];
    const view = renderDashboard(fakeApi({ insights: one }));
    await screen.findByTestId('insight-list');
    expect(screen.getByText('1 open insight')).toBeTruthy();
    expect(screen.getByTestId('insight-cost').textContent).toMatch(/^1 relay × weight 2 × 9.5 business hours = 19$/);
    const enWeeks = Array.from(screen.getByTestId('chart-weekly').querySelectorAll('svg text')).map(t => t.textContent);
    expect(enWeeks).toContain('W48');
    view.unmount();
    renderDashboard(fakeApi({ insights: one }), 'fr-FR');
    await screen.findByTestId('insight-list');
    expect(screen.getByText('1 signalement ouvert')).toBeTruthy();
    expect(screen.getByTestId('insight-cost').textContent).toMatch(/^1 relais × poids 2 × 9,5 heures ouvrables = 19$/);
    const frWeeks = Array.from(screen.getByTestId('chart-weekly').querySelectorAll('svg text')).map(t => t.textContent);
    expect(frWeeks).toContain('S48');
    expect(frWeeks.some(t => /^W\d/.test(t || ''))).toBe(false);
  });

  test('resolve from the panel sends the response, the customer reply and the reason; the insight leaves the list', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Late parcels' }));
    const panel = await screen.findByRole('dialog');
    // The timeline and the relays, the anonymous one without a name.
    await within(panel).findByTestId('panel-timeline');
    expect(within(panel).getByTestId('panel-timeline').textContent).toContain('Checking with the carrier');
    const relays = within(panel).getByTestId('panel-relays').textContent || '';
    expect(relays).toContain('Émilie Tremblay');
    expect(relays).toContain('Anonymous employee');
    expect(relays).not.toContain('olivia.smith');
    // Resolving without a response is refused with a clear message, nothing is sent.
    fireEvent.click(within(panel).getByRole('button', { name: 'Resolve' }));
    expect(await within(panel).findByText('Write the response to the relaying employees first.')).toBeTruthy();
    expect(fake.calls.some(c => c[0] === 'close')).toBe(false);
    fireEvent.change(within(panel).getByLabelText(/Response to the employees/), { target: { value: 'The carrier added a second truck.' } });
    fireEvent.change(within(panel).getByLabelText('Ready-to-send reply for the customer'), { target: { value: 'Your parcel arrives Tuesday.' } });
    fireEvent.change(within(panel).getByLabelText('Closure reason'), { target: { value: 'Fixed' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Resolve' }));
    await within(panel).findByText('Resolved. Every relaying employee will be told.');
    const call = fake.calls.find(c => c[0] === 'close')!;
    expect([(call[1] as Insight).id, ...call.slice(2)]).toEqual([1, 'resolved', 'Fixed', 'The carrier added a second truck.', 'Your parcel arrives Tuesday.']);
    expect(titles()).toEqual(['Card refused at checkout', 'Rude courier']);
  });

  test('a conflict (412) says who changed what; "Apply mine anyway" sends the same action against the fresh copy', async () => {
    const fake = fakeApi({ conflictOnce: 'close' });
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Late parcels' }));
    const panel = await screen.findByRole('dialog');
    fireEvent.change(within(panel).getByLabelText(/Response to the employees/), { target: { value: 'We are on it.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Resolve' }));
    const notice = await within(panel).findByTestId('panel-notice');
    expect(notice.textContent).toContain(`Catherine O'Neill changed the status from New to Waiting on the customer at ${theirTime('en-US')}.`);
    expect(notice.textContent).toContain('Your change was not applied.');
    expect(notice.textContent).not.toContain('@');
    // Not told "done"; the panel shows the insight as it is now; the focus is on the message; the typed text is kept.
    expect(within(panel).queryByTestId('panel-done')).toBeNull();
    expect(within(panel).getByTestId('panel-status').textContent).toBe('Waiting on the customer');
    expect(document.activeElement).toBe(notice);
    expect((within(panel).getByLabelText(/Response to the employees/) as HTMLTextAreaElement).value).toBe('We are on it.');
    // A second, explicit decision: the same close against the fresh ETag.
    fireEvent.click(within(notice).getByRole('button', { name: 'Apply mine anyway' }));
    await within(panel).findByText('Resolved. Every relaying employee will be told.');
    expect(fake.calls.filter(c => c[0] === 'close').map(c => (c[1] as Insight).etag)).toEqual(['"1"', '"9"']);
    expect(within(panel).queryByTestId('panel-notice')).toBeNull();
  });

  test('"Keep theirs" applies nothing, puts their texts back in the fields and says so', async () => {
    const fake = fakeApi({ conflictOnce: 'respond' });
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Rude courier' }));
    const panel = await screen.findByRole('dialog');
    fireEvent.change(within(panel).getByLabelText(/Response to the employees/), { target: { value: 'We called the courier.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save the response' }));
    const notice = await within(panel).findByTestId('panel-notice');
    expect(document.activeElement).toBe(notice);
    const keep = within(notice).getByRole('button', { name: 'Keep theirs' });
    keep.focus();
    fireEvent.click(keep);
    expect((await within(panel).findByTestId('panel-done')).textContent).toBe('Their change is kept; yours was not applied.');
    expect(fake.calls.filter(c => c[0] === 'respond')).toHaveLength(1);
    expect((within(panel).getByLabelText(/Response to the employees/) as HTMLTextAreaElement).value).toBe('');
    await waitFor(() => expect(panel.contains(document.activeElement) && document.activeElement !== keep).toBe(true));
  });

  test('an action the insight already had says so, not as mine, and offers nothing to apply', async () => {
    const fake = fakeApi({ alreadySoOnce: 'setStatus' });
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Rude courier' }));
    const panel = await screen.findByRole('dialog');
    fireEvent.click(within(panel).getByRole('button', { name: 'Change status' }));
    const notice = await within(panel).findByTestId('panel-notice');
    expect(notice.textContent).toBe(`Catherine O'Neill changed the status from New to In progress at ${theirTime('en-US')}.That was already so: nothing was changed on your behalf.`);
    expect(within(notice).queryByRole('button')).toBeNull();
    expect(within(panel).queryByText('Status changed.')).toBeNull();
    expect(document.activeElement).toBe(notice);
  });

  test('French: a conflict on the in-place acknowledge names the person, offers both choices, and applying mine acknowledges the fresh copy', async () => {
    const fake = fakeApi({ conflictOnce: 'acknowledge' });
    renderDashboard(fake, 'fr-FR');
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Accuser réception : Late parcels' }));
    const notice = await screen.findByTestId('row-notice');
    expect(notice.textContent).toContain(`Catherine O'Neill a changé le responsable de « Marc-André Gagnon » à « Catherine O'Neill » à ${theirTime('fr-FR')}.`);
    expect(notice.textContent).toContain('Votre modification n\'a pas été appliquée.');
    expect(document.activeElement).toBe(notice);
    const row = screen.getAllByTestId('insight-row').find(r => r.getAttribute('data-insight') === '1')!;
    expect(row.textContent).toContain('Nouveau');
    expect(within(notice).getByRole('button', { name: 'Garder la leur' })).toBeTruthy();
    fireEvent.click(within(notice).getByRole('button', { name: 'Appliquer la mienne quand même' }));
    await waitFor(() => expect(screen.queryByTestId('row-notice')).toBeNull());
    expect(fake.calls.filter(c => c[0] === 'acknowledge').map(c => (c[1] as Insight).etag)).toEqual(['"1"', '"9"']);
    const after = screen.getAllByTestId('insight-row').find(r => r.getAttribute('data-insight') === '1')!;
    expect(after.textContent).toContain('Reçu');
  });

  test('French: "Garder la leur" on the in-place acknowledge sends nothing more and returns to the insight', async () => {
    const fake = fakeApi({ conflictOnce: 'acknowledge' });
    renderDashboard(fake, 'fr-FR');
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Accuser réception : Late parcels' }));
    const notice = await screen.findByTestId('row-notice');
    fireEvent.click(within(notice).getByRole('button', { name: 'Garder la leur' }));
    await waitFor(() => expect(screen.queryByTestId('row-notice')).toBeNull());
    expect(fake.calls.filter(c => c[0] === 'acknowledge')).toHaveLength(1);
    const row = screen.getAllByTestId('insight-row').find(r => r.getAttribute('data-insight') === '1')!;
    expect(document.activeElement).toBe(within(row).getByTestId('insight-open'));
  });

  test('status and assignment from the panel', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Rude courier' }));
    const panel = await screen.findByRole('dialog');
    fireEvent.click(within(panel).getByRole('combobox', { name: /^New status/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Waiting on a third party' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Change status' }));
    await within(panel).findByText('Status changed.');
    expect(fake.calls.find(c => c[0] === 'setStatus')!.slice(2)).toEqual(['waitingOnThirdParty']);
    fireEvent.click(within(panel).getByRole('combobox', { name: /^Owner/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Dept – Customer Service' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Assign' }));
    await within(panel).findByText('Owner changed.');
    const owner = fake.calls.find(c => c[0] === 'assign')![2] as { upn: string | null; groupName: string | null };
    expect([owner.upn, owner.groupName]).toEqual([null, 'Dept – Customer Service']);
  });

  test('merge into another open insight asks for confirmation first; comment adds to the timeline', async () => {
    const fake = fakeApi();
    renderDashboard(fake);
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Rude courier' }));
    const panel = await screen.findByRole('dialog');
    fireEvent.change(within(panel).getByLabelText('Comment for the people handling this insight'), { target: { value: 'Called the courier company' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add the comment' }));
    await within(panel).findByText('Comment added.');
    expect(fake.calls.find(c => c[0] === 'comment')!.slice(2)).toEqual(['Called the courier company']);
    expect((within(panel).getByLabelText('Comment for the people handling this insight') as HTMLTextAreaElement).value).toBe('');

    fireEvent.click(within(panel).getByRole('combobox', { name: /^Insight to merge into/ }));
    const options = (await screen.findAllByRole('option')).map(o => o.textContent);
    expect(options).toEqual(['Card refused at checkout (5 relays)', 'Late parcels (2 relays)']);
    fireEvent.click(screen.getByRole('option', { name: 'Late parcels (2 relays)' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Merge' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm.textContent).toContain('"Rude courier" will become a duplicate of "Late parcels"');
    expect(fake.calls.some(c => c[0] === 'merge')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(fake.calls.some(c => c[0] === 'merge')).toBe(true));
    const call = fake.calls.find(c => c[0] === 'merge')!;
    expect([(call[1] as Insight).id, (call[2] as Insight).id]).toEqual([3, 1]);
    // The source leaves the list; the target gathered its reach (12 × 2 × 9.5 = 228) and now ranks first.
    await waitFor(() => expect(titles()).toEqual(['Late parcels', 'Card refused at checkout']));
  });

  test('someone outside the management and communications roles gets a clear message and no data request', async () => {
    const fake = fakeApi({ management: false, communications: false });
    renderDashboard(fake, 'fr-FR');
    expect(await screen.findByText(/^Ce tableau de bord est réservé au rôle de gestion/)).toBeTruthy();
    expect(screen.queryByTestId('insight-list')).toBeNull();
    expect(fake.calls.map(c => c[0])).toEqual(['access']);
  });

  test('every chart has a localized title and a table alternative with the figures', async () => {
    renderDashboard(fakeApi());
    const weekly = await screen.findByTestId('chart-weekly');
    expect(within(weekly).getByRole('heading').textContent).toBe('Relays per week by category (last 12 weeks)');
    expect(within(weekly).queryByRole('table')).toBeNull();
    fireEvent.click(within(weekly).getByRole('switch', { name: 'Show as table' }));
    const table = within(weekly).getByRole('table');
    const last = within(table).getAllByRole('row').pop()!;
    // Week 48 (Monday 23 November): 2 delivery + 1 billing.
    expect(within(last).getAllByRole('cell').map(c => c.textContent)).toEqual(['2', '1', '3']);
    expect(within(last).getByRole('rowheader').textContent).toBe('2026-W48 (from 2026-11-23)');

    const times = screen.getByTestId('chart-times');
    fireEvent.click(within(times).getByRole('switch', { name: 'Show as table' }));
    const row = within(within(times).getByRole('table')).getAllByRole('row')[1];
    // 1..10: median 5.5, 90th percentile 9.1 (linear interpolation).
    expect(within(row).getAllByRole('cell').map(c => c.textContent)).toEqual(['5.5 h', '9.1 h', '20 h', '20 h', '10']);

    const breach = screen.getByTestId('chart-breach');
    expect(breach.textContent).toContain('25% of closed insights were resolved after their target (1 of 4)');
    // Open insights by reach: the rude courier (10) first.
    const reach = screen.getByTestId('chart-reach');
    fireEvent.click(within(reach).getByRole('switch', { name: 'Show as table' }));
    expect(within(within(reach).getByRole('table')).getAllByRole('rowheader').map(c => c.textContent)).toEqual(['Rude courier', 'Card refused at checkout', 'Late parcels']);
    for (const id of ['chart-irritants', 'chart-breach']) {
      expect(within(screen.getByTestId(id)).getByRole('switch', { name: 'Show as table' })).toBeTruthy();
    }
  });

  test('French: spikes, headings and charts are localized', async () => {
    renderDashboard(fakeApi(), 'fr-FR');
    const spike = (await screen.findAllByTestId('spike'))[0];
    expect(spike.getAttribute('data-spike')).toBe('category:delivery');
    expect(spike.textContent).toContain('Livraison et plages de livraison : 14 relais ces 7 derniers jours, 4 fois son niveau habituel.');
    expect(screen.getByText('Comment est-ce classé?')).toBeTruthy();
    expect(within(screen.getByTestId('chart-weekly')).getByRole('heading').textContent).toBe('Relais par semaine et par catégorie (12 dernières semaines)');
  });

  test('spike publishing is offered to the communications role only', async () => {
    const manager = fakeApi({ management: true, communications: false });
    const { unmount } = renderDashboard(manager);
    const spike = (await screen.findAllByTestId('spike'))[0];
    expect(spike.getAttribute('data-spike')).toBe('category:delivery');
    expect(spike.textContent).toContain('Delivery and delivery windows: 14 relays in the last 7 days, 4× its usual level.');
    expect(within(spike).queryByRole('button', { name: 'Publish as company banner' })).toBeNull();
    expect(within(spike).getByTestId('spike-communications-note').textContent).toBe('The communications team sees this spike too and can publish it as a company banner.');
    unmount();

    const comms = fakeApi({ management: false, communications: true });
    renderDashboard(comms);
    const item = (await screen.findAllByTestId('spike'))[0];
    // Communications members see spikes and trends, not the insight list.
    expect(screen.queryByTestId('insight-list')).toBeNull();
    expect(comms.calls.some(c => c[0] === 'openInsights')).toBe(false);
    fireEvent.click(within(item).getByRole('button', { name: 'Publish as company banner' }));
    const en = within(item).getByLabelText(/Message in English/) as HTMLTextAreaElement;
    const fr = within(item).getByLabelText(/Message in French/) as HTMLTextAreaElement;
    expect(en.value).toContain('Delivery and delivery windows');
    expect(fr.value).toContain('Livraison et plages de livraison');
    fireEvent.change(en, { target: { value: '' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Publish the banner' }));
    expect(await within(item).findByText('Write the banner message in English and in French.')).toBeTruthy();
    fireEvent.change(en, { target: { value: 'Deliveries are late this week; we are on it.' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Publish the banner' }));
    await within(item).findByText(/Published: the portal header shows it to everyone until/);
    expect(comms.published).toEqual([expect.objectContaining({
      key: 'spike:category:delivery:2026-W48', message: 'Deliveries are late this week; we are on it.', level: 'warning',
      source: 'spike:category:delivery', startsAt: NOW.toISOString(), endsAt: '2026-11-30T15:00:00.000Z'
    })]);
  });
});
