/**
 * The Communities views over a fake API, in English and French: the directory (official first,
 * member counts, join / ask to join / leave), asking with a similar answered question and open
 * insights shown while typing, a field error that keeps the draft (and a failed post that keeps it
 * with its client id), answering, voting, and an acceptance shown as pending until the job records it.
 */
import * as React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { CommunitiesView, CommunitiesRoute } from '../../ui/communities/CommunitiesView';
import type { CommunitiesApi } from '../../ui/communities/communitiesApi';
import type { SuiteContext } from '../../services/context';
import type { Community, MemberRole, Post, PostStats } from '../../core/community/model';
import { EMPTY_STATS } from '../../core/community/model';
import type { CommunityRequest, ThreadView } from '../../services/community/service';
import { CommunityError } from '../../services/community/items';
import { format } from '../../core/format';
import suiteEn from '../../ui/loc/en-us.js';
import suiteFr from '../../ui/loc/fr-fr.js';
import communitiesEn from '../../ui/communities/loc/en-us.js';
import communitiesFr from '../../ui/communities/loc/fr-fr.js';

const ME = 'olivia.smith@northwind-retail.example';
const OTHER = 'emilie.tremblay@northwind-retail.example';
const SITE = 'http://localhost/sites/intranet';

function community(key: string, title: string, extra: Partial<Community> = {}): Community {
  return { key, title, description: `About ${title}`, visibility: 'public', official: false, memberCount: 1, managers: [{ upn: 'karim.benali@northwind-retail.example', name: 'Karim Benali' }], lastActivity: null, id: key.length, ...extra };
}

function post(id: number, kind: Post['kind'], author: string, extra: Partial<Post> = {}): Post {
  return {
    id, kind, communityKey: 'care', rootId: kind === 'question' || kind === 'discussion' ? 0 : 10, parentId: kind === 'question' || kind === 'discussion' ? 0 : 10,
    title: kind === 'question' ? 'Parcel left at the wrong door' : '', body: `<p>Body of ${id}</p>`, language: 'en',
    author: { upn: author, name: author === ME ? 'Olivia Smith' : 'Émilie Tremblay' }, created: '2026-11-02T14:00:00Z', modified: '2026-11-02T14:00:00Z', edited: false, etag: `"${id}"`, ...extra
  };
}

const COMMUNITIES = [
  community('care', 'Customer care tips', { official: true, memberCount: 21 }),
  community('ops', 'Store operations', { memberCount: 1 }),
  community('leads', 'Store leads', { visibility: 'private', memberCount: 7 })
];

interface Fake {
  api: CommunitiesApi;
  calls: Record<string, unknown[][]>;
}

function fakeApi(options: { roles?: Array<[string, MemberRole]>; thread?: Partial<ThreadView>; startThread?: () => Promise<Post> } = {}): Fake {
  const calls: Record<string, unknown[][]> = {};
  const record = <T,>(name: string, result: (...args: unknown[]) => T) => (...args: unknown[]): T => {
    (calls[name] = calls[name] || []).push(args);
    return result(...args);
  };
  const request = (kind: CommunityRequest['kind']) => (): Promise<CommunityRequest> =>
    Promise.resolve({ id: 1, key: 'r', kind, communityKey: 'care', targetUpn: null, postId: null, state: 'pending', reason: null });
  const root = post(10, 'question', ME);
  const answer = post(11, 'answer', OTHER, { body: '<p>Ask the carrier for the photo of the delivery.</p>' });
  const view: ThreadView = {
    community: COMMUNITIES[0], root, stats: { ...EMPTY_STATS(10), answerCount: 1 },
    answers: [{ post: answer, stats: { ...EMPTY_STATS(11), score: 2 } as PostStats, comments: [] }], comments: [], myVotes: new Set(), following: false,
    ...options.thread
  };
  let ids = 0;
  const api: CommunitiesApi = {
    me: ME,
    siteUrl: SITE,
    newId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
    browse: record('browse', () => Promise.resolve({ communities: COMMUNITIES, next: null })),
    myMemberships: record('myMemberships', () => Promise.resolve(new Map(options.roles || [['care', 'member']]))),
    community: record('community', (key: unknown) => Promise.resolve(COMMUNITIES.find(c => c.key === key) as Community)),
    members: record('members', () => Promise.resolve([])),
    threads: record('threads', () => Promise.resolve({ threads: [{ post: root, stats: view.stats }], next: null })),
    thread: record('thread', () => Promise.resolve(view)),
    startThread: record('startThread', options.startThread || (() => Promise.resolve(post(20, 'question', ME)))),
    reply: record('reply', () => Promise.resolve(post(21, 'answer', ME))),
    edit: record('edit', () => Promise.resolve(root)),
    remove: record('remove', () => Promise.resolve()),
    vote: record('vote', () => Promise.resolve('voted' as const)),
    unvote: record('unvote', () => Promise.resolve('removed' as const)),
    follow: record('follow', () => Promise.resolve(true)),
    unfollow: record('unfollow', () => Promise.resolve(true)),
    join: record('join', request('join')),
    leave: record('leave', request('leave')),
    accept: record('accept', request('accept')),
    manageMember: record('manageMember', request('approve')),
    myRequests: record('myRequests', () => Promise.resolve([])),
    similarQuestions: record('similarQuestions', () => Promise.resolve([
      { questionId: 3, communityKey: 'care', title: 'What do I tell a customer whose delivery missed the booked window?', answer: 'Book a new delivery window from the order page.', score: 0.6 }
    ])),
    insights: record('insights', () => Promise.resolve([
      { insight: { id: 5, title: 'Late deliveries in Lévis', category: 'delivery', product: 'home-delivery', reach: 3, status: 'new', response: '', lastSeen: '2026-11-01T00:00:00Z' }, score: 0.5 }
    ]))
  } as CommunitiesApi;
  return { api, calls };
}

function renderView(api: CommunitiesApi, locale: 'en-US' | 'fr-FR', initialRoute: CommunitiesRoute): ReturnType<typeof render> {
  const french = locale === 'fr-FR';
  const context = { graph: {}, sp: {}, siteUrl: SITE, locale } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={(french ? suiteFr : suiteEn) as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <CommunitiesView api={api} strings={(french ? communitiesFr : communitiesEn) as ICommunitiesStrings} initialRoute={initialRoute} syncAddress={false} />
    </SuiteRoot>
  );
}

const LANGS = [
  {
    locale: 'en-US' as const, s: communitiesEn as ICommunitiesStrings,
    members21: '21 members', members1: '1 member', reach3: '3 customers raised this', tooShort: 'Use at least 8 characters.', score2: '2 votes'
  },
  {
    locale: 'fr-FR' as const, s: communitiesFr as ICommunitiesStrings,
    members21: '21 membres', members1: '1 membre', reach3: '3 clients l’ont signalé', tooShort: 'Utilisez au moins 8 caractères.', score2: '2 votes positifs'
  }
];

beforeEach(() => localStorage.clear());

describe.each(LANGS)('Communities ($locale)', L => {
  test('the directory lists my communities, then all (official first) with member counts and one-click membership', async () => {
    const { api, calls } = fakeApi();
    renderView(api, L.locale, { view: 'directory' });
    const all = await screen.findByTestId('all-communities');
    const cards = within(all).getAllByTestId('community-card');
    expect(cards.map(c => c.getAttribute('data-community'))).toEqual(['care', 'ops', 'leads']);
    expect(within(cards[0]).getByText(L.s.Official)).toBeTruthy();
    expect(within(cards[0]).getByTestId('community-members').textContent).toBe(L.members21);
    expect(within(cards[1]).getByTestId('community-members').textContent).toBe(L.members1);
    expect(within(screen.getByTestId('my-communities')).getAllByTestId('community-card').map(c => c.getAttribute('data-community'))).toEqual(['care']);
    // Public: join in one click; private: ask to join; both wait for the job.
    fireEvent.click(within(cards[1]).getByRole('button', { name: format(L.s.JoinAria, L.s.Join, 'Store operations') }));
    await within(cards[1]).findByText(L.s.JoinRecording);
    fireEvent.click(within(cards[2]).getByRole('button', { name: new RegExp(L.s.AskToJoin) }));
    await within(cards[2]).findByText(L.s.RequestWaiting);
    expect(calls.join.map(a => a[0])).toEqual(['ops', 'leads']);
    expect(screen.getByTestId('community-live').textContent).toContain(L.s.RequestWaiting);
  });

  test('asking shows a similar answered question and "N customers raised this" while typing', async () => {
    const { api, calls } = fakeApi();
    renderView(api, L.locale, { view: 'community', key: 'care' });
    expect((await screen.findByTestId('community-managers')).textContent).toContain('Karim Benali');
    fireEvent.click(screen.getByTestId('ask-question'));
    fireEvent.change(screen.getByRole('textbox', { name: new RegExp(L.s.QuestionTitleLabel) }), { target: { value: 'My delivery missed its window' } });
    const similar = await screen.findByTestId('similar-questions');
    expect(similar.textContent).toContain('What do I tell a customer whose delivery missed the booked window?');
    expect(similar.textContent).toContain('Book a new delivery window from the order page.');
    expect((await screen.findByTestId('similar-insights')).textContent).toContain(L.reach3);
    expect(calls.similarQuestions[calls.similarQuestions.length - 1][0]).toBe('My delivery missed its window');
  });

  test('a bad title gets a field error and the draft survives it, and a failed post keeps the draft and its client id', async () => {
    let fail = true;
    const { api, calls } = fakeApi({ startThread: () => (fail ? Promise.reject(new CommunityError('unavailable', 'down')) : Promise.resolve(post(20, 'question', ME))) });
    renderView(api, L.locale, { view: 'community', key: 'care' });
    fireEvent.click(await screen.findByTestId('ask-question'));
    const title = screen.getByRole('textbox', { name: new RegExp(L.s.QuestionTitleLabel) });
    fireEvent.change(title, { target: { value: 'Hi?' } });
    fireEvent.change(screen.getByRole('textbox', { name: L.s.BodyLabel }), { target: { value: 'The details I typed' } });
    fireEvent.click(screen.getByTestId('post-submit'));
    expect(await screen.findByText(L.tooShort)).toBeTruthy();
    expect(calls.startThread).toBeUndefined();
    expect(document.activeElement).toBe(title);
    const stored = (): { title: string; body: string; clientId: string | null } => JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.includes('care:question')) as string) as string);
    expect(stored()).toEqual({ title: 'Hi?', body: 'The details I typed', clientId: null });

    fireEvent.change(title, { target: { value: 'Parcel left at the wrong door' } });
    fireEvent.click(screen.getByTestId('post-submit'));
    // The message bar renders its text a moment after itself (for screen readers): wait for the text.
    expect(await within(await screen.findByTestId('post-failure')).findByText(L.s.PostErrorUnavailable)).toBeTruthy();
    const first = stored();
    expect(first.title).toBe('Parcel left at the wrong door');
    expect(first.clientId).toMatch(/^0{8}-/);

    fail = false;
    fireEvent.click(screen.getByTestId('post-submit'));
    await waitFor(() => expect(calls.thread).toBeDefined());
    expect(calls.startThread.map(a => a[2])).toEqual([first.clientId, first.clientId]);
    expect(Object.keys(localStorage).filter(k => k.includes('care:question'))).toEqual([]);
  });

  test('answering a question posts an answer to it', async () => {
    const { api, calls } = fakeApi({ thread: { root: post(10, 'question', OTHER) } });
    renderView(api, L.locale, { view: 'thread', id: 10 });
    const form = await screen.findByTestId('answer-form');
    fireEvent.change(within(form).getByRole('textbox', { name: L.s.YourAnswer }), { target: { value: 'Check the delivery photo first.' } });
    fireEvent.click(within(form).getByRole('button', { name: L.s.PostAnswer }));
    await waitFor(() => expect(calls.reply).toHaveLength(1));
    expect(calls.reply[0].slice(0, 3)).toEqual([10, 'answer', '<p>Check the delivery photo first.</p>']);
    expect(calls.reply[0][4]).toBe(L.locale === 'fr-FR' ? 'fr' : 'en');
  });

  test('voting up an answer, then withdrawing, says the count follows', async () => {
    const { api, calls } = fakeApi();
    renderView(api, L.locale, { view: 'thread', id: 10 });
    const answer = await screen.findByTestId('answer');
    expect(within(answer).getByTestId('answer-score').textContent).toBe(L.score2);
    fireEvent.click(within(answer).getByRole('button', { name: L.s.VoteUp }));
    await within(answer).findByRole('button', { name: L.s.Withdraw });
    expect(screen.getByTestId('community-live').textContent).toBe(L.s.VoteRecorded);
    fireEvent.click(within(answer).getByRole('button', { name: L.s.Withdraw }));
    await within(answer).findByRole('button', { name: L.s.VoteUp });
    expect(screen.getByTestId('community-live').textContent).toBe(L.s.VoteWithdrawn);
    expect([calls.vote.length, calls.unvote.length]).toEqual([1, 1]);
  });

  test('the asker accepts an answer: it shows as being recorded until the job wrote it', async () => {
    const { api, calls } = fakeApi();
    renderView(api, L.locale, { view: 'thread', id: 10 });
    const answer = await screen.findByTestId('answer');
    fireEvent.click(within(answer).getByRole('button', { name: L.s.Accept }));
    expect((await within(answer).findByTestId('accept-pending')).textContent).toBe(L.s.AcceptedPending);
    expect(screen.getByTestId('community-live').textContent).toBe(L.s.AcceptedPending);
    expect(within(answer).queryByRole('button', { name: L.s.Accept })).toBeNull();
    expect(calls.accept[0][0]).toMatchObject({ id: 11 });
  });

  test('a pending acceptance in another thread of the community does not hide this thread\'s accept button', async () => {
    const { api } = fakeApi();
    api.myRequests = () => Promise.resolve([{ id: 9, key: 'k', kind: 'accept', communityKey: 'care', targetUpn: null, postId: 99, state: 'pending', reason: null }]);
    renderView(api, L.locale, { view: 'thread', id: 10 });
    const answer = await screen.findByTestId('answer');
    expect(within(answer).getByRole('button', { name: L.s.Accept })).toBeTruthy();
    expect(within(answer).queryByTestId('accept-pending')).toBeNull();
  });

  test('someone who is neither the asker nor a manager cannot accept; a recorded acceptance shows as accepted', async () => {
    const accepted = fakeApi({ thread: { root: post(10, 'question', OTHER), stats: { ...EMPTY_STATS(10), answerCount: 1, acceptedAnswerId: 11 } } });
    renderView(accepted.api, L.locale, { view: 'thread', id: 10 });
    const answer = await screen.findByTestId('answer');
    expect(within(answer).getByTestId('accepted-badge').textContent).toBe(L.s.AcceptedAnswer);
    expect(within(answer).queryByRole('button', { name: L.s.Accept })).toBeNull();
  });
});
