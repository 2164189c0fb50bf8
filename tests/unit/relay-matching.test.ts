import { createMatcher, DEFAULT_RELAY_SYNONYMS, MatchDocument } from '../../core/relay/matching';
import { analyzeRelayText, editDistanceAtMost, foldText, stemTerm, trigrams } from '../../core/relay/text';

/** Open insights as the demo organisation's managers see them, in both languages. */
const INSIGHTS: MatchDocument[] = [
  { id: 'deliv-sat', title: 'Deliveries rescheduled to Saturday without asking', text: 'Customers find out their delivery was moved to a Saturday and are given a 7-hour window.', category: 'delivery', product: 'home-delivery' },
  { id: 'livr-fenetre', title: 'Fenêtre de livraison de 7 heures', text: 'Les clients attendent toute la journée le livreur; la plage horaire annoncée est trop large.', category: 'delivery', product: 'home-delivery' },
  { id: 'repeat-story', title: 'Customers repeat their story to five agents', text: 'Calls are transferred between departments on a premium-rate number and the customer explains everything again each time.', category: 'call-centre' },
  { id: 'repeter', title: 'Les clients doivent répéter leur histoire', text: 'Transferts multiples entre services au numéro surtaxé; le client réexplique son dossier à chaque conseiller.', category: 'call-centre' },
  { id: 'refund-blocked', title: 'Refunds blocked by the system', text: 'Agents say the system will not let them refund; cash is handed back with a handwritten note.', category: 'refunds' },
  { id: 'rembours-bloque', title: 'Remboursements bloqués par le système', text: 'Le conseiller rend l’argent comptant avec une note manuscrite parce que le système refuse le remboursement.', category: 'refunds' },
  { id: 'sms-reminder', title: 'Payment reminders by SMS name neither the service nor the invoice', text: 'Customers receive a text asking them to pay, with no company name and no invoice number, and think it is a scam.', category: 'billing' },
  { id: 'phishing', title: 'Hameçonnage : de faux courriels imitent nos factures', text: 'Des clients reçoivent des courriels frauduleux avec notre logo qui demandent un paiement par lien.', category: 'billing' },
  { id: 'ticket-name', title: 'Ticket printed with the wrong passenger name', text: 'The boarding ticket showed another passenger; the agent blamed the computer.', category: 'tickets' },
  { id: 'loyalty', title: 'Statut fidélité honoré dans une succursale et pas dans l’autre', text: 'Le rabais or est refusé au magasin de Lévis mais accepté à Québec.', category: 'loyalty' },
  { id: 'app-login', title: 'Mobile app logs customers out at checkout', text: 'The shopping cart is emptied after the session expires during payment.', category: 'website', product: 'mobile-app' },
  { id: 'damaged', title: 'Colis livrés endommagés', text: 'Boîtes écrasées, produits brisés à l’arrivée, photos envoyées par les clients.', category: 'delivery', product: 'home-delivery' }
];

const top = (m: ReturnType<typeof createMatcher>, text: string, extra: { category?: string; product?: string } = {}): string | undefined =>
  m.match({ text, ...extra })[0]?.id;

describe('text analysis', () => {
  it('folds accents and case, drops stop words of both languages, stems lightly', () => {
    expect(foldText('Reportée À SAMEDI, Œuvre')).toBe('reportee a samedi, oeuvre');
    expect(analyzeRelayText('Livraison reportée au samedi sans prévenir')).toEqual(['livraison', 'report', 'samedi', 'prevenir']);
    expect(analyzeRelayText('The deliveries were rescheduled without asking')).toEqual(['deliver', 'reschedul', 'ask']);
    expect(analyzeRelayText('le la les de des the of and a')).toEqual([]);
  });
  it('gives inflections one stem', () => {
    expect(new Set(['reportée', 'reporté', 'reporter', 'reportées'].map(w => stemTerm(foldText(w))))).toEqual(new Set(['report']));
    expect(new Set(['refund', 'refunds', 'refunded', 'refunding'].map(stemTerm))).toEqual(new Set(['refund']));
    expect(stemTerm('remboursement')).toBe(stemTerm('rembourser'));
    expect(stemTerm('2026')).toBe('2026');
  });
  it('trigrams and bounded edit distance', () => {
    expect(trigrams('colis')).toEqual(['^co', 'col', 'oli', 'lis', 'is$']);
    expect(editDistanceAtMost('systeme', 'sytem', 2)).toBe(true);
    expect(editDistanceAtMost('systeme', 'sytem', 1)).toBe(false);
  });
});

describe('createMatcher: the same problem in other words', () => {
  const m = createMatcher(INSIGHTS);

  it.each([
    // English to English
    ['Customer says his parcel delivery got moved to saturday and nobody asked him', 'deliv-sat'],
    ['The system would not let me refund the customer, I gave cash back', 'refund-blocked'],
    ['Got a text to pay a bill, no company name, she thought it was a scam', 'sms-reminder'],
    ['wrong name on the ticket, agent said the computer did it', 'ticket-name'],
    ['app keeps logging me out when I pay, cart emptied', 'app-login'],
    ['Transferred to five different agents, had to repeat everything, premium number', 'repeat-story'],
    // French to French
    ['Le client a dû répéter son histoire à chaque conseiller, numéro surtaxé', 'repeter'],
    ['Remboursement refusé par le système, on a rendu l’argent comptant', 'rembours-bloque'],
    ['Faux courriel avec notre logo qui demande un paiement', 'phishing'],
    ['Rabais fidélité refusé au magasin de Lévis', 'loyalty'],
    ['Le colis est arrivé endommagé, boîte écrasée', 'damaged'],
    ['Cliente a attendu le livreur toute la journée, plage horaire trop large', 'livr-fenetre']
  ])('%j → %s', (text, expected) => {
    expect(top(m, text)).toBe(expected);
  });

  it.each([
    ['remboursment bloqué par le sytème', 'rembours-bloque'], // typos, no accents
    ['REMBOURSEMENTS BLOQUES PAR LE SYSTEME', 'rembours-bloque'], // capitals, no accents
    ['customers repeeting their storry to agents', 'repeat-story'], // two typos
    ['hameconnage faux courriels', 'phishing'] // accent folded
  ])('tolerates typos and missing accents: %j → %s', (text, expected) => {
    expect(top(m, text)).toBe(expected);
  });

  it('tells two insights apart by a misspelt word (the typo expansion at work)', () => {
    const parcels: MatchDocument[] = [
      { id: 'lost', title: 'Parcel lost in transit', text: 'Colis perdu pendant le transport.' },
      { id: 'damaged', title: 'Parcel damaged in transit', text: 'Colis endommagé pendant le transport.' },
      { id: 'late', title: 'Parcel delivered late', text: 'Colis livré en retard.' }
    ];
    const fuzzy = createMatcher(parcels);
    const exact = createMatcher(parcels, { fuzzy: false });
    for (const text of ['parcel damagd in transit', 'colis endomagé pendant le transport', 'the box arrived damadged']) {
      expect(top(fuzzy, text)).toBe('damaged');
      expect(top(exact, text)).not.toBe('damaged');
    }
  });

  it('scores unrelated text under the threshold', () => {
    expect(m.match({ text: 'The coffee machine on the third floor is broken again' })).toEqual([]);
    expect(m.match({ text: 'Recette de tarte aux pommes pour la fête' })).toEqual([]);
    const weak = m.match({ text: 'The coffee machine on the third floor is broken again' }, { minScore: 0 });
    expect(weak.every(r => r.score < 0.2)).toBe(true);
  });

  it('ignores the placeholders left by redaction', () => {
    const docs: MatchDocument[] = [
      { id: 'phone-line', title: 'Phone line busy all morning', text: 'Customers cannot reach us by phone.' },
      { id: 'card-refused', title: 'Card refused at the register', text: 'Payment card declined twice.' }
    ];
    const m = createMatcher(docs);
    expect(m.match({ text: 'Rappeler au [phone] ou écrire à [email]' }, { minScore: 0 })).toEqual([]);
    expect(top(m, 'La carte [card] est refusée à la caisse')).toBe('card-refused');
    expect(m.match({ text: 'card [card] [card] [card] refused' })[0].score).toBe(m.match({ text: 'card refused' })[0].score);
    const custom = createMatcher(docs, { ignoreTokens: ['<tel>'] });
    expect(custom.match({ text: 'call <tel>' }, { minScore: 0 })).toEqual([]);
    expect(custom.match({ text: 'call [phone]' }, { minScore: 0 })[0].id).toBe('phone-line');
  });

  it('never matches on stop words alone', () => {
    for (const text of ['le la les de des du au aux', 'the of and to with without', '', '   ', "d'un l'autre qu'il"]) {
      expect(m.match({ text }, { minScore: 0 })).toEqual([]);
    }
  });

  it('scores between 0 and 1 without boosts', () => {
    const all = m.match({ text: 'delivery refund invoice ticket loyalty' }, { minScore: 0, limit: 100 });
    expect(all.length).toBeGreaterThan(3);
    for (const r of all) expect(r.score).toBeGreaterThan(0);
    for (const r of all) expect(r.score).toBeLessThanOrEqual(1);
    expect(m.match({ text: INSIGHTS[0].title, title: INSIGHTS[0].title })[0]).toEqual({ id: 'deliv-sat', score: expect.any(Number) });
  });

  it('applies limit and minScore', () => {
    const query = { text: 'livraison client colis fenêtre' };
    expect(m.match(query, { minScore: 0, limit: 2 })).toHaveLength(2);
    const all = m.match(query, { minScore: 0, limit: 50 });
    const high = m.match(query, { minScore: all[1].score, limit: 50 });
    expect(high.every(r => r.score >= all[1].score)).toBe(true);
    expect(high.length).toBeLessThan(all.length);
    expect(m.match(query, { limit: 0 })).toEqual([]);
  });
});

describe('createMatcher: across languages, only through shared terms', () => {
  const relay = 'Livraison reportée au samedi sans prévenir';

  it('matches the English insight with the bilingual synonym table', () => {
    const m = createMatcher(INSIGHTS);
    const [first] = m.match({ text: relay });
    expect(first.id).toBe('deliv-sat');
    expect(first.score).toBeGreaterThan(0.3);
    expect(top(m, 'Le système bloque les remboursements', { category: 'x' })).toBe('rembours-bloque');
    expect(m.match({ text: 'refund blocked by the system' }).map(r => r.id).slice(0, 2).sort()).toEqual(['refund-blocked', 'rembours-bloque']);
  });

  it('does not pretend to translate without it', () => {
    const m = createMatcher(INSIGHTS, { synonyms: [] });
    expect(m.match({ text: relay }).map(r => r.id)).not.toContain('deliv-sat');
  });

  it('takes a custom table', () => {
    const docs = [{ id: 'x', title: 'Lost luggage at the airport', text: '' }];
    expect(createMatcher(docs, { synonyms: [] }).match({ text: 'bagages perdus' })).toEqual([]);
    const m = createMatcher(docs, { synonyms: [['bagage', 'luggage'], ['perdu', 'lost'], ['aéroport', 'airport']] });
    const [hit] = m.match({ text: 'bagages perdus à l’aéroport' });
    expect(hit.id).toBe('x');
    expect(hit.score).toBeGreaterThan(0.4);
    // a translation shares the concepts only; the same words in English share everything
    expect(m.match({ text: 'lost luggage at the airport' })[0].score).toBeGreaterThan(hit.score);
  });

  it('ships a table of single words', () => {
    for (const group of DEFAULT_RELAY_SYNONYMS) for (const w of group) expect(analyzeRelayText(w)).toHaveLength(1);
  });
});

describe('createMatcher: boosts, changes, order', () => {
  const twins: MatchDocument[] = [
    { id: 'a', title: 'Refund delayed', text: 'The refund took three weeks.', category: 'billing', product: 'web' },
    { id: 'b', title: 'Refund delayed', text: 'The refund took three weeks.', category: 'refunds', product: 'store' }
  ];

  it('boosts a document whose category agrees', () => {
    const m = createMatcher(twins);
    const plain = m.match({ text: 'refund took weeks' });
    expect(plain.map(r => r.id)).toEqual(['a', 'b']); // a tie, broken by id
    expect(plain[0].score).toBe(plain[1].score);
    const boosted = m.match({ text: 'refund took weeks', category: 'refunds' });
    expect(boosted.map(r => r.id)).toEqual(['b', 'a']);
    expect(boosted[0].score).toBeCloseTo(boosted[1].score * 1.1, 5);
  });

  it('boosts a document whose product agrees, and both boosts add up', () => {
    const m = createMatcher(twins, { categoryBoost: 0.2, productBoost: 0.05 });
    expect(top(m, 'refund took weeks', { product: 'store' })).toBe('b');
    const [first, second] = m.match({ text: 'refund took weeks', category: 'billing', product: 'web' });
    expect(first.id).toBe('a');
    expect(first.score).toBeCloseTo(second.score * 1.2 * 1.05, 5);
  });

  it('does not let a boost alone make a match', () => {
    const m = createMatcher(twins);
    expect(m.match({ text: 'store opening hours', category: 'refunds', product: 'store' }, { minScore: 0 })).toEqual([]);
  });

  it('adds, replaces and removes documents', () => {
    const m = createMatcher<MatchDocument>([]);
    expect(m.match({ text: 'loyalty discount refused' })).toEqual([]);
    m.add({ id: 'l1', title: 'Loyalty discount refused in Lévis', text: '' });
    expect(m.size).toBe(1);
    expect(top(m, 'loyalty discount refused')).toBe('l1');
    m.add({ id: 'l2', title: 'Parking lot lights broken', text: '' });
    m.add({ id: 'l1', title: 'Printer out of toner', text: '' }); // replaces
    expect(m.size).toBe(2);
    expect(m.match({ text: 'loyalty discount refused' })).toEqual([]);
    expect(top(m, 'toner printer')).toBe('l1');
    expect(m.remove('l1')).toBe(true);
    expect(m.remove('l1')).toBe(false);
    expect(m.has('l1')).toBe(false);
    expect(m.match({ text: 'toner printer' }, { minScore: 0 })).toEqual([]);
    // a typo still finds a remaining term, and no longer a removed one
    expect(top(m, 'parkng lights')).toBe('l2');
  });

  it('forgets remembered typo expansions when the vocabulary changes', () => {
    const m = createMatcher<MatchDocument>([{ id: 'p', title: 'Parking lights broken', text: '' }]);
    expect(m.match({ text: 'printr tonner' }, { minScore: 0 })).toEqual([]);
    m.add({ id: 't', title: 'Printer out of toner', text: '' });
    expect(top(m, 'printr tonner')).toBe('t');
    m.remove('t');
    expect(m.match({ text: 'printr tonner' }, { minScore: 0 })).toEqual([]);
  });

  it('orders ties by id, whatever the insertion order', () => {
    const doc = (id: string): MatchDocument => ({ id, title: 'Store closed early', text: 'Customers found the door locked.' });
    const m1 = createMatcher(['c', 'a', 'b'].map(doc));
    const m2 = createMatcher(['b', 'c', 'a'].map(doc));
    expect(m1.match({ text: 'store closed early' }).map(r => r.id)).toEqual(['a', 'b', 'c']);
    expect(m2.match({ text: 'store closed early' })).toEqual(m1.match({ text: 'store closed early' }));
  });

  it('works for answered community questions (any document with a title and a text)', () => {
    interface Answered extends MatchDocument { acceptedAnswerId: number }
    const m = createMatcher<Answered>([
      { id: 'q1', title: 'How do I reissue a ticket with the right passenger name?', text: 'Use the reissue screen, not a new booking.', acceptedAnswerId: 7 },
      { id: 'q2', title: 'Où trouver le formulaire de remboursement ?', text: 'Dans le portail, section Facturation.', acceptedAnswerId: 9 }
    ]);
    expect(top(m as never, 'customer ticket shows the wrong passenger name, how to fix?')).toBe('q1');
    expect(top(m as never, 'formulaire pour un remboursement')).toBe('q2');
  });
});

describe('createMatcher: the index answers what a full comparison answers', () => {
  /** Small seeded generator (mulberry32). */
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('on random documents and queries, after adds and removes', () => {
    const random = prng(42);
    const words = analyzeRelayText(INSIGHTS.map(i => `${i.title} ${i.text}`).join(' '));
    const phrase = (n: number): string => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
    const m = createMatcher<MatchDocument>([]);
    for (let i = 0; i < 400; i++) m.add({ id: `d${i}`, title: phrase(4), text: phrase(12), category: `c${i % 5}` });
    for (let i = 0; i < 400; i += 7) m.remove(`d${i}`);
    let compared = 0;
    for (let q = 0; q < 60; q++) {
      const query = { text: phrase(1 + (q % 8)), category: `c${q % 5}` };
      const indexed = m.match(query, { limit: 20, minScore: 0 });
      expect(indexed).toEqual(m.matchExhaustive(query, { limit: 20, minScore: 0 }));
      compared += indexed.length;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
