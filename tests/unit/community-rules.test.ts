import {
  communityKeyOf, compareAnswers, compareThreads, COMMUNITY_LIMITS, followKey, isCommunityKey, isUnanswered, mayAccept,
  parsePersonPostKey, tallyVotes, validateCommunity, validatePost, validateReply, voteCounts, voteKey
} from '../../core/community/rules';
import { escapeHtml, excerptOf, htmlToText, mentionsOf } from '../../core/community/richText';
import { createQuestionIndex } from '../../core/community/similar';
import { EMPTY_STATS, ThreadSummary } from '../../core/community/model';

describe('post validation and limits', () => {
  it('asks a question with a title and accepts an empty body', () => {
    expect(validatePost({ kind: 'question', title: 'How do I refund a gift card?', body: '' })).toEqual([]);
    expect(validatePost({ kind: 'question', title: '', body: '<p>xy</p>' })).toEqual([{ field: 'title', code: 'required' }]);
    expect(validatePost({ kind: 'question', title: 'short', body: '' })[0]).toMatchObject({ code: 'tooShort' });
    expect(validatePost({ kind: 'question', title: 'x'.repeat(201), body: '' })[0]).toMatchObject({ code: 'tooLong', limit: 200 });
  });
  it('counts the text of the HTML, not its tags, and bounds both', () => {
    const tagged = `<p><strong>${'a'.repeat(10)}</strong></p>`.repeat(900); // 9,000 letters of text, ~25,000 of HTML
    expect(validatePost({ kind: 'answer', title: '', body: tagged })).toEqual([]);
    expect(validatePost({ kind: 'answer', title: '', body: `<p>${'a'.repeat(COMMUNITY_LIMITS.bodyTextMax + 1)}</p>` })[0]).toMatchObject({ code: 'tooLong', limit: 10000 });
    expect(validatePost({ kind: 'answer', title: '', body: '<b></b>'.repeat(7000) })[0]).toMatchObject({ field: 'body', code: 'required' });
    expect(validatePost({ kind: 'comment', title: '', body: 'a'.repeat(2001) })[0]).toMatchObject({ code: 'tooLong', limit: 2000 });
    expect(validatePost({ kind: 'answer', title: '', body: '<p>ok thanks</p>' }, Array.from({ length: 21 }, (_, i) => `p${i}@x.example`))[0])
      .toMatchObject({ code: 'tooManyMentions' });
  });
  it('refuses an unknown kind and replies that do not fit their parent', () => {
    expect(validatePost({ kind: 'poll' as never, title: 'x', body: 'y' })).toEqual([{ field: 'kind', code: 'invalidKind' }]);
    expect(validateReply('answer', { kind: 'discussion', id: 1, rootId: 0 })).toHaveLength(1);
    expect(validateReply('answer', { kind: 'question', id: 1, rootId: 0 })).toEqual([]);
    expect(validateReply('comment', { kind: 'answer', id: 2, rootId: 1 })).toEqual([]);
    expect(validateReply('comment', { kind: 'comment', id: 3, rootId: 1 })).toHaveLength(1);
    expect(validateReply('comment', null)).toHaveLength(1);
  });
  it('checks community keys and drafts', () => {
    expect(communityKeyOf('Service à la clientèle — Québec')).toBe('service-a-la-clientele-quebec');
    expect(isCommunityKey('store-ops')).toBe(true);
    expect(isCommunityKey('Store ops')).toBe(false);
    expect(validateCommunity({ key: 'bad key', title: '', description: '', visibility: 'public', official: false }).map(e => e.field)).toEqual(['key', 'title']);
  });
});

describe('rich text', () => {
  it('gives the text of HTML, never its markup', () => {
    expect(htmlToText('<p>Hello&nbsp;<b>world</b></p><p>2 &lt; 3</p><script>alert(1)</script>')).toBe('Hello world\n2 < 3');
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(excerptOf(`<p>${'word '.repeat(100)}</p>`, 50).length).toBeLessThanOrEqual(51);
  });
  it('reads mentions once each, lowercase, valid UPNs only', () => {
    const html = '<p>Ask <span data-mention="Marc.Gagnon@northwind-retail.example">@Marc</span> or <span data-mention=\'marc.gagnon@northwind-retail.example\'>@M</span> <span data-mention="not a upn">x</span></p>';
    expect(mentionsOf(html)).toEqual(['marc.gagnon@northwind-retail.example']);
  });
});

describe('votes, keys and acceptance', () => {
  it('counts one vote per trusted voter: forged, misplaced and repeated votes do not count', () => {
    const votes = [
      { key: voteKey(7, 'A@x.example'), authorUpn: 'a@x.example', folderOk: true },
      { key: `${voteKey(7, 'a@x.example')}#k3j9`, authorUpn: 'a@x.example', folderOk: true },
      { key: voteKey(7, 'b@x.example'), authorUpn: 'mallory@x.example', folderOk: true },
      { key: voteKey(7, 'c@x.example'), authorUpn: 'c@x.example', folderOk: false },
      { key: voteKey(8, 'b@x.example'), authorUpn: 'b@x.example', folderOk: true }
    ];
    expect([...tallyVotes(votes)]).toEqual([[7, 1], [8, 1]]);
    expect(voteCounts('vote:7:a@x.example', '', true)).toBeNull();
    expect(parsePersonPostKey(followKey(3, 'Z@x.example'), 'follow')).toEqual({ postId: 3, upn: 'z@x.example' });
    expect(parsePersonPostKey('vote:x:a', 'vote')).toBeNull();
  });
  it('lets the asker or a manager accept an answer of that question only', () => {
    const question = { id: 10, kind: 'question' as const, authorUpn: 'asker@x.example', communityKey: 'c' };
    const answer = { kind: 'answer' as const, rootId: 10, parentId: 10, communityKey: 'c' };
    const managers = new Set(['boss@x.example']);
    expect(mayAccept({ actorUpn: 'Asker@x.example', question, answer, managers })).toBe(true);
    expect(mayAccept({ actorUpn: 'boss@x.example', question, answer, managers })).toBe(true);
    expect(mayAccept({ actorUpn: 'other@x.example', question, answer, managers })).toBe(false);
    expect(mayAccept({ actorUpn: 'asker@x.example', question, answer: { ...answer, rootId: 11, parentId: 11 }, managers })).toBe(false);
    expect(mayAccept({ actorUpn: 'asker@x.example', question, answer: { ...answer, communityKey: 'd' }, managers })).toBe(false);
    expect(mayAccept({ actorUpn: 'asker@x.example', question: { ...question, kind: 'discussion' }, answer, managers })).toBe(false);
    expect(mayAccept({ actorUpn: 'asker@x.example', question, answer, managers, closed: true })).toBe(false);
  });
  it('orders threads pinned first, then by votes or newest, and answers accepted first', () => {
    const t = (id: number, score: number, pinned = false): ThreadSummary => ({
      post: { id } as ThreadSummary['post'], stats: { ...EMPTY_STATS(id), score, pinned }
    });
    const list = [t(1, 5), t(2, 9), t(3, 0, true), t(4, 9)];
    expect([...list].sort(compareThreads('mostVoted')).map(x => x.post.id)).toEqual([3, 4, 2, 1]);
    expect([...list].sort(compareThreads('newest')).map(x => x.post.id)).toEqual([3, 4, 2, 1]);
    expect([{ id: 1, score: 3 }, { id: 2, score: 0 }, { id: 3, score: 3 }].sort(compareAnswers(2)).map(a => a.id)).toEqual([2, 1, 3]);
    expect(isUnanswered('question', { answerCount: 0, acceptedAnswerId: null })).toBe(true);
    expect(isUnanswered('discussion', { answerCount: 0, acceptedAnswerId: null })).toBe(false);
  });
});

describe('similar questions', () => {
  const index = createQuestionIndex([
    { id: 1, title: 'Customer charged twice for the same invoice', body: '<p>Double payment on the card</p>', answer: 'It is a duplicate authorization.', communityKey: 'care' },
    { id: 2, title: 'Remboursement après un retour en ligne', body: 'Le client attend son remboursement', answer: 'Vérifiez la réception du retour.', communityKey: 'care' },
    { id: 3, title: 'Parking at the Lévis store', body: 'Where do staff park?', answer: 'Behind the building.', communityKey: 'levis' }
  ]);
  it('finds the same question across English and French, and agrees with the exhaustive computation', () => {
    expect(index.similar('refund after an online return')[0]?.id).toBe(2);
    expect(index.similar('facture payée deux fois, paiement en double')[0]?.id).toBe(1);
    for (const text of ['refund after an online return', 'invoice paid twice', 'staff parking']) {
      expect(index.similar(text)).toEqual(index.similar(text, { exhaustive: true }));
    }
    expect(index.similar('ab')).toEqual([]);
  });
});
