import * as React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { PortalHeader, searchUrl } from '../../ui/header/PortalHeader';
import type { RelayViewApi } from '../../ui/relay/relayApi';
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';
import type { Banner } from '../../core/relay/model';
import { defaultPolicy } from '../../core/policy';
import type { Policy } from '../../core/policy/types';
import suiteEn from '../../ui/loc/en-us.js';
import suiteFr from '../../ui/loc/fr-fr.js';
import headerEn from '../../ui/header/loc/en-us.js';
import headerFr from '../../ui/header/loc/fr-fr.js';
import captureEn from '../../ui/relay/capture/loc/en-us.js';
import captureFr from '../../ui/relay/capture/loc/fr-fr.js';

const ME = 'emilie.tremblay@northwind-retail.example';
let siteCounter = 0;

/**
 * A SuiteContext for the header: PnPjs answers the site and the user (web service); the policy and
 * the user's memberships sit in the settings service's page cache, as after its first read.
 */
function fakeContext(policy: Policy, locale: string): SuiteContext {
  const siteUrl = `http://localhost/sites/header-${++siteCounter}`;
  const web = {
    select: () => () => Promise.resolve({ Title: 'Northwind intranet' }),
    currentUser: { select: () => () => Promise.resolve({ Title: 'Émilie Tremblay', Email: ME, LoginName: `i:0#.f|membership|${ME}` }) }
  };
  const sp = { web, batched: () => [{ web }, async () => undefined] };
  const cache = ((window as unknown as Record<string, unknown>).__socialIntranetSuiteSettings ||= {
    snapshots: new Map(), memberships: new Map()
  }) as { snapshots: Map<string, Promise<unknown>>; memberships: Map<string, Promise<unknown>> };
  cache.snapshots.set(siteUrl, Promise.resolve({ policy, source: 'list', notice: null, etag: '"1"', modified: null, modifiedBy: null }));
  cache.memberships.set(siteUrl, Promise.resolve({ entraGroupIds: [], siteGroupTitles: [] }));
  return { sp, graph: {}, siteUrl, locale } as unknown as SuiteContext;
}

function fakeRelayApi(): RelayViewApi {
  return {
    me: ME,
    siteUrl: 'http://localhost/sites/intranet',
    feedbackPolicy: async () => defaultPolicy().feedback,
    submit: async () => { throw new Error('not in this test'); },
    triage: async () => [],
    myRelays: async () => ({ items: [], next: null })
  };
}

const banner = (id: number, level: Banner['level'], message: string, messageFr: string): Banner =>
  ({ id, key: `banner-${id}`, message, messageFr, level, startsAt: null, endsAt: '2026-12-31T00:00:00Z', source: 'communications' });

function fakeBanners(banners: Banner[]): BannerApi & { calls: number } {
  const api = {
    calls: 0,
    async active() { api.calls++; return banners; },
    publish: async () => { throw new Error('not in this test'); },
    end: async () => undefined
  };
  return api;
}

function renderHeader(options: { policy?: Policy; french?: boolean; bannerApi?: BannerApi; navigate?: (url: string) => void } = {}) {
  const locale = options.french ? 'fr-FR' : 'en-US';
  const context = fakeContext(options.policy || defaultPolicy(), locale);
  const ui = (
    <SuiteRoot context={context} strings={(options.french ? suiteFr : suiteEn) as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <PortalHeader
        strings={(options.french ? headerFr : headerEn) as IPortalHeaderStrings}
        captureStrings={(options.french ? captureFr : captureEn) as IRelayCaptureStrings}
        me={ME}
        searchPageUrl="https://contoso.sharepoint.com/sites/intranet/SitePages/Find-an-expert.aspx"
        relayPageUrl="/relay"
        bannerApi={options.bannerApi}
        relayApi={fakeRelayApi()}
        navigate={options.navigate}
      />
    </SuiteRoot>
  );
  return { ...render(ui), ui };
}

describe('Portal header', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.localStorage.clear();
  });

  it('opens the relay form in a panel from its button, and closes it back to the button', async () => {
    renderHeader();
    const button = await screen.findByRole('button', { name: 'Relay customer feedback' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    // The form, loaded on demand, with its policy choices.
    expect(await within(dialog).findByRole('combobox', { name: /Where the customer said it/ })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Send the relay' })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(button).toHaveFocus();
  });

  it('has no relay button when the feedback relay is off for the user', async () => {
    const policy = defaultPolicy();
    policy.features.feedbackRelay = { enabled: false, audience: { everyone: true } };
    renderHeader({ policy });
    expect(await screen.findByRole('search', { name: 'Find an expert' })).toBeInTheDocument();
    // The policy is read: the greeting and the feature state arrive, and still no button.
    await screen.findByTestId('portal-header-user');
    await new Promise(r => setTimeout(r, 20));
    expect(screen.queryByRole('button', { name: 'Relay customer feedback' })).toBeNull();
  });

  it('sends a search to the expert search page with ?q=', async () => {
    const navigate = jest.fn();
    renderHeader({ navigate, french: true });
    const box = await screen.findByRole('searchbox', { name: 'Trouver un expert' });
    fireEvent.change(box, { target: { value: 'gestion relation client' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    expect(navigate).toHaveBeenCalledWith('https://contoso.sharepoint.com/sites/intranet/SitePages/Find-an-expert.aspx?q=gestion+relation+client');
    expect(searchUrl('/', 'http://localhost:4321/relay', 'CRM & logistique')).toBe('http://localhost:4321/?q=CRM+%26+logistique');
  });

  it('shows the banners in force in the UI language, asks once, and each can be dismissed for the session', async () => {
    const api = fakeBanners([
      banner(1, 'warning', 'Phone lines are down in Québec City until 3 pm.', 'Les lignes téléphoniques sont en panne à Québec jusqu’à 15 h.'),
      banner(2, 'info', 'New refund policy from 1 December.', 'Nouvelle politique de remboursement dès le 1er décembre.')
    ]);
    const { unmount, ui } = renderHeader({ bannerApi: api, french: true });
    const region = await screen.findByRole('region', { name: 'Annonces de l’entreprise' });
    const items = within(region).getAllByTestId('portal-header-banner');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Les lignes téléphoniques sont en panne à Québec jusqu’à 15 h.');
    expect(within(items[0]).getByRole('status')).toHaveTextContent('Avertissement :');
    expect(items[1]).toHaveTextContent('Nouvelle politique de remboursement');

    fireEvent.click(within(items[0]).getAllByRole('button', { name: 'Masquer cette annonce' })[0]);
    await waitFor(() => expect(screen.getAllByTestId('portal-header-banner')).toHaveLength(1));
    expect(screen.getByTestId('portal-header-banner')).toHaveTextContent('Nouvelle politique');
    unmount();

    // Same page (same API): no second request, and the dismissed banner stays hidden.
    render(ui);
    await waitFor(() => expect(screen.getAllByTestId('portal-header-banner')).toHaveLength(1));
    expect(api.calls).toBe(1);
  });

  it('shows the English message in English and nothing when no banner is in force', async () => {
    const api = fakeBanners([banner(3, 'info', 'Stores close at 5 pm on 24 December.', 'Les magasins ferment à 17 h le 24 décembre.')]);
    const first = renderHeader({ bannerApi: api });
    expect(await screen.findByRole('region', { name: 'Company announcements' })).toHaveTextContent('Stores close at 5 pm on 24 December.');
    first.unmount();
    renderHeader({ bannerApi: fakeBanners([]) });
    await screen.findByRole('search');
    await new Promise(r => setTimeout(r, 20));
    expect(screen.queryByRole('region', { name: 'Company announcements' })).toBeNull();
  });

  it('has no serious or critical axe violation with banners shown and the panel open', async () => {
    HTMLCanvasElement.prototype.getContext = jest.fn(() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext;
    renderHeader({ bannerApi: fakeBanners([banner(4, 'warning', 'Phone lines are down.', 'Lignes en panne.')]) });
    await screen.findByTestId('portal-header-banner');
    fireEvent.click(await screen.findByRole('button', { name: 'Relay customer feedback' }));
    await within(await screen.findByRole('dialog')).findByRole('combobox', { name: /Where the customer said it/ });
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } }
    });
    expect(result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)).toEqual([]);
  }, 120000);
});
