import * as React from 'react';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import type { Client } from '@microsoft/microsoft-graph-client';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { ProfileView } from '../../ui/profile/ProfileView';
import type { SuiteContext } from '../../services/context';
import type { ExpertiseApi } from '../../ui/profile/expertiseApi';
import en from '../../ui/loc/en-us.js';
import fr from '../../ui/loc/fr-fr.js';

interface FakeUser { id: string; displayName: string; userPrincipalName: string; jobTitle?: string; department?: string; mail?: string; businessPhones?: string[]; userType?: string; accountEnabled?: boolean; preferredLanguage?: string }

/** A stand-in for the Graph client that answers $batch like Graph and records every call. */
function fakeGraph(users: FakeUser[], managerOf: Record<string, string>, options: { failBatch?: number } = {}) {
  const calls: string[] = [];
  let failures = options.failBatch || 0;
  const find = (key: string): FakeUser | undefined => users.find(u => u.id === key || u.userPrincipalName === key);
  const answer = (url: string): { status: number; headers?: Record<string, string>; body?: unknown } => {
    const m = /^\/(?:me|users\/([^/?]+))(\/manager|\/directReports|\/photo\/\$value)?/.exec(url);
    if (!m) return { status: 400 };
    const self = m[1] ? find(decodeURIComponent(m[1])) : users[0];
    if (!self) return { status: 404, body: { error: { code: 'Request_ResourceNotFound' } } };
    if (!m[2] && /\$expand=manager\(\$levels=max/.test(url)) {
      // The manager chain: each manager nested in the previous one, as Graph answers $levels=max.
      const root: Record<string, unknown> = { id: self.id };
      let at = root;
      for (let boss = find(managerOf[self.id] || ''); boss; boss = find(managerOf[boss.id] || '')) {
        const next: Record<string, unknown> = { ...boss };
        at.manager = next;
        at = next;
      }
      return { status: 200, body: root };
    }
    if (m[2] === '/manager') {
      const boss = managerOf[self.id] ? find(managerOf[self.id]) : undefined;
      return boss ? { status: 200, body: boss } : { status: 404 };
    }
    if (m[2] === '/photo/$value') {
      // Graph carries binary bodies base64-encoded inside a JSON batch.
      return self.id === '2'
        ? { status: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from('png-bytes').toString('base64') }
        : { status: 404, body: { error: { code: 'ImageNotFound' } } };
    }
    if (m[2] === '/directReports') return { status: 200, body: { value: users.filter(u => managerOf[u.id] === self.id) } };
    return { status: 200, body: self };
  };
  const client = {
    api(path: string) {
      const request = {
        responseType: () => request,
        async get() {
          calls.push(`GET ${path}`);
          throw new Error('only $batch is expected');
        },
        async post(body: { requests: Array<{ id: string; url: string }> }) {
          calls.push(`POST ${path}`);
          if (failures > 0) {
            failures--;
            throw Object.assign(new Error('throttled'), { statusCode: 503 });
          }
          return { responses: body.requests.map(r => ({ id: r.id, ...answer(r.url) })) };
        }
      };
      return request;
    }
  };
  return { client: client as unknown as Client, calls };
}

const people: FakeUser[] = [
  { id: '1', displayName: 'Émilie Tremblay', userPrincipalName: 'emilie@northwind.example', jobTitle: 'Agente', department: 'Service client', mail: 'emilie@northwind.example', businessPhones: ['+1 418 555-0142'], preferredLanguage: 'fr-CA' },
  { id: '2', displayName: 'Marc Gagnon', userPrincipalName: 'marc@northwind.example', jobTitle: 'Directeur', department: 'Service client' },
  { id: '3', displayName: 'Zoë Côté', userPrincipalName: 'zoe@northwind.example', jobTitle: 'Agente', department: 'Service client', userType: 'Guest' }
];
const managers: Record<string, string> = { '1': '2', '3': '1' };

/** Nobody has an expertise record here (tests/components/ProfileExpertise.test.tsx covers it). */
const noExpertise = (): ExpertiseApi => ({
  skills: async () => [],
  getRecord: async () => null,
  endorsementsOf: async () => [],
  endorse: async () => 'endorsed',
  withdraw: async () => 'withdrawn',
  saveOwnRecord: async () => { throw new Error('not expected'); }
});

function renderView(graph: Client, strings: ISuiteStrings = en as ISuiteStrings, locale = 'en-US', person?: string) {
  const context = { graph, sp: {} as SuiteContext['sp'], siteUrl: 'http://localhost/sites/intranet', locale } as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={strings} theme={{ kind: 'teams', name: 'dark' }}>
      <ProfileView person={person} expertiseApi={noExpertise} />
    </SuiteRoot>
  );
}

describe('ProfileView', () => {
  beforeAll(() => {
    // jsdom has no object URLs; the browser tests cover the real ones.
    let n = 0;
    URL.createObjectURL = jest.fn(() => `blob:test/${++n}`);
    URL.revokeObjectURL = jest.fn();
  });

  it('shows the signed-in person with contact, manager, reports and photo from one batch request', async () => {
    const { client, calls } = fakeGraph(people, managers);
    renderView(client);
    expect(await screen.findByRole('heading', { name: /Émilie Tremblay/ })).toBeInTheDocument();
    expect(screen.getByText('Agente · Service client')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'emilie@northwind.example' })).toHaveAttribute('href', 'mailto:emilie@northwind.example');
    expect(screen.getByRole('link', { name: '+1 418 555-0142' })).toHaveAttribute('href', 'tel:+14185550142');
    expect(screen.getByRole('link', { name: 'Start a Teams chat with Émilie Tremblay' }))
      .toHaveAttribute('href', 'https://teams.microsoft.com/l/chat/0/0?users=emilie%40northwind.example');
    expect(screen.getByRole('button', { name: 'Open the profile of Marc Gagnon' })).toBeInTheDocument();
    expect(screen.getByText('Direct reports (1)')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Photo of Émilie Tremblay' })).toHaveTextContent('ÉT');
    expect(calls).toEqual(['POST /$batch']);
  });

  it('follows the org chart when a manager is opened', async () => {
    const { client } = fakeGraph(people, managers);
    renderView(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Open the profile of Marc Gagnon' }));
    expect(await screen.findByRole('heading', { name: /Marc Gagnon/ })).toBeInTheDocument();
    expect(screen.getByText('No manager in the directory')).toBeInTheDocument();
    // Marc has a photo: it arrives base64-encoded in the batch and is shown as an image.
    const photo = screen.getByRole('img', { name: 'Photo of Marc Gagnon' });
    expect(photo.tagName).toBe('IMG');
    expect(photo.getAttribute('src')).toMatch(/^blob:/);
  });

  it('shows the whole manager chain from the top down to the direct manager, each opening that profile', async () => {
    const { client, calls } = fakeGraph(people, managers);
    renderView(client, en as ISuiteStrings, 'en-US', 'zoe@northwind.example');
    const chain = await screen.findByRole('list', { name: 'Management chain of Zoë Côté, from the top' });
    const items = Array.from(chain.querySelectorAll('li')).map(li => li.textContent);
    expect(items).toEqual(['Marc Gagnon · Directeur', 'Émilie Tremblay · Agente']);
    expect(calls).toEqual(['POST /$batch']);
    fireEvent.click(screen.getByRole('button', { name: 'Open the profile of Marc Gagnon' }));
    expect(await screen.findByRole('heading', { name: /Marc Gagnon/ })).toBeInTheDocument();
    expect(screen.getByText('No manager in the directory')).toBeInTheDocument();
  });

  it('speaks French and marks a guest', async () => {
    const { client } = fakeGraph(people, managers);
    renderView(client, fr as ISuiteStrings, 'fr-FR', 'zoe@northwind.example');
    expect(await screen.findByText('Invité')).toBeInTheDocument();
    expect(screen.getByText('Relève de')).toBeInTheDocument();
    expect(screen.getByText('Aucun subordonné direct')).toBeInTheDocument();
  });

  it('explains an unknown person instead of failing', async () => {
    const { client } = fakeGraph(people, managers);
    renderView(client, en as ISuiteStrings, 'en-US', 'nobody@northwind.example');
    expect(await screen.findByText('This person could not be found in the directory.')).toBeInTheDocument();
  });

  it('offers a retry after a throttled load and recovers', async () => {
    const { client } = fakeGraph(people, managers, { failBatch: 1 });
    renderView(client);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByText(/The service is busy/)).toBeInTheDocument();
    fireEvent.click(retry);
    await waitFor(() => expect(screen.getByRole('heading', { name: /Émilie Tremblay/ })).toBeInTheDocument());
  });
});
