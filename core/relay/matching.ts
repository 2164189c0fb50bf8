/**
 * The relay matcher (issue 5, point 2): "this looks like insight X". Given a relay being typed, it
 * ranks open insights (or answered community questions: any document with a title and a text) by
 * text similarity.
 *
 * - Analysis (core/relay/text.ts): accent and case folding, English and French stop words, light
 *   stemming; title terms count `titleWeight` times.
 * - Synonyms: a bilingual table (DEFAULT_RELAY_SYNONYMS unless `synonyms` is given) adds a
 *   concept term to each word of a group, so "livraison" and "delivery" share a term while the
 *   same words in the same language share two. Without a shared term or a synonym, English and
 *   French do not match: there is no translation.
 * - Typos and inflections the stemmer misses: each query term of 5+ letters is expanded to the
 *   vocabulary terms within edit distance 1 (2 from 8 letters) or sharing a prefix of 5+ letters,
 *   found through a trigram index of the vocabulary (not of the documents), at a discount.
 * - Measure: TF-IDF cosine, tf weight 1 + ln(tf), idf ln(1 + N/df), between 0 and 1; then
 *   × (1 + categoryBoost) when the categories agree and × (1 + productBoost) when the products agree.
 * - An inverted index (term → documents) so only documents sharing a term are scored; document
 *   norms depend on idf and are recomputed lazily after adds and removes.
 * - Ties are broken by id, so the order is deterministic.
 *
 * Why not MiniSearch, which the expertise index uses: its scores are BM25 (unbounded, and they
 * change meaning with the query's length and the collection), while joining a relay to an insight
 * needs a similarity that means the same everywhere, compared with fixed thresholds (0.2 to
 * suggest, 0.3 to join, 0.6 across categories): a cosine between 0 and 1. The text analysis (accent
 * folding, bilingual stop words, edit distance) is shared with the expertise index
 * (core/expertise/normalize.ts); the inverted index and the cosine above are the suite's own.
 */
import { DEFAULT_REDACTION_TOKENS } from './redaction';
import { analyzeRelayText, editDistanceAtMost, termOf, tokenize, trigrams } from './text';

export interface MatchDocument {
  id: string;
  title: string;
  text: string;
  category?: string;
  product?: string;
}

export interface MatchQuery {
  text: string;
  /** Optional short summary, weighted like a document title. */
  title?: string;
  category?: string;
  product?: string;
}

export interface MatchOptions {
  /** At most this many results (default: the matcher's defaultLimit, 5). */
  limit?: number;
  /** Results scoring under this are left out (default: the matcher's defaultMinScore, 0.2). */
  minScore?: number;
}

export interface MatchResult {
  id: string;
  score: number;
}

export interface MatcherOptions {
  /** Groups of equivalent words, any language (single words). Default DEFAULT_RELAY_SYNONYMS; [] for none. */
  synonyms?: ReadonlyArray<readonly string[]>;
  /** Multiplier added when the categories agree (default 0.1: +10 %). */
  categoryBoost?: number;
  /** Multiplier added when the products agree (default 0.1). */
  productBoost?: number;
  /** How many times a title term counts (default 2). */
  titleWeight?: number;
  /** Typo and prefix expansion of query terms (default true). */
  fuzzy?: boolean;
  defaultLimit?: number;
  defaultMinScore?: number;
  /**
   * Placeholders left by redaction, ignored in documents and queries ("Rappeler au [phone]" is not
   * about phones). Default: the values of DEFAULT_REDACTION_TOKENS.
   */
  ignoreTokens?: readonly string[];
  /** Query terms whose typo expansion is remembered until the vocabulary changes (default 5,000; 0: none). */
  expansionCacheSize?: number;
}

export interface Matcher<D extends MatchDocument> {
  /** Adds a document, or replaces the one with the same id. */
  add(doc: D): void;
  /** Removes a document; false when the id is unknown. */
  remove(id: string): boolean;
  has(id: string): boolean;
  readonly size: number;
  /** Best documents for a query, score descending then id ascending. */
  match(query: MatchQuery, options?: MatchOptions): MatchResult[];
  /**
   * The same similarity computed against every document, without the inverted index: the
   * reference the index is tested and benchmarked against. Not for production use.
   */
  matchExhaustive(query: MatchQuery, options?: MatchOptions): MatchResult[];
}

/**
 * A small bilingual table of the feedback vocabulary (the demo stories: deliveries, refunds,
 * invoices, loyalty, phishing, tickets...). Each group is one concept.
 */
export const DEFAULT_RELAY_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['livraison', 'livraisons', 'livrer', 'livré', 'livrée', 'delivery', 'deliveries', 'deliver', 'delivered'],
  ['reporter', 'reportée', 'reporté', 'décaler', 'décalée', 'reschedule', 'rescheduled', 'postpone', 'postponed'],
  ['samedi', 'saturday'], ['dimanche', 'sunday'], ['lundi', 'monday'], ['vendredi', 'friday'],
  ['prévenir', 'aviser', 'avertir', 'notify', 'notice', 'warn', 'warning'],
  ['remboursement', 'rembourser', 'remboursé', 'refund', 'refunds', 'refunded', 'reimburse'],
  ['facture', 'factures', 'facturation', 'invoice', 'invoices', 'bill', 'billing'],
  ['paiement', 'payer', 'payment', 'pay', 'paid'],
  ['rappel', 'relance', 'reminder', 'reminders'],
  ['colis', 'paquet', 'parcel', 'package'],
  ['commande', 'commandes', 'order', 'orders'],
  ['client', 'clients', 'cliente', 'customer', 'customers'],
  ['magasin', 'succursale', 'boutique', 'store', 'branch', 'shop'],
  ['fidélité', 'loyalty'], ['statut', 'status'], ['carte', 'card'],
  ['billet', 'ticket', 'tickets'], ['passager', 'passenger'], ['nom', 'name'],
  ['courriel', 'courriels', 'email', 'mail', 'emails'], ['hameçonnage', 'phishing'],
  ['système', 'system'], ['ordinateur', 'computer'], ['erreur', 'error', 'mistake', 'wrong'],
  ['attente', 'attendre', 'wait', 'waiting'], ['fenêtre', 'window'], ['heure', 'heures', 'hour', 'hours'],
  ['agent', 'agents', 'conseiller', 'conseillère', 'representative'],
  ['répéter', 'repeat', 'repeating'], ['histoire', 'story'], ['surtaxé', 'premium'],
  ['numéro', 'number'], ['bloqué', 'bloquée', 'blocked', 'stuck'], ['comptant', 'cash'],
  ['annulé', 'annulée', 'annulation', 'cancelled', 'canceled', 'cancellation'],
  ['retard', 'retards', 'delay', 'delayed', 'late'], ['site', 'website'], ['application', 'app'],
  ['connexion', 'login'], ['prix', 'price'], ['promotion', 'promo', 'discount', 'rabais'],
  ['endommagé', 'brisé', 'damaged', 'broken'], ['manquant', 'missing'], ['plainte', 'complaint'],
  ['téléphone', 'phone'], ['fermé', 'closed'], ['ouvert', 'open']
];

/** Prefix of concept terms (synonym groups); analysis never yields it (it splits on punctuation). */
const CONCEPT_MARK = '~';

const DEFAULTS = { categoryBoost: 0.1, productBoost: 0.1, titleWeight: 2, defaultLimit: 5, defaultMinScore: 0.2 };

interface Entry<D> {
  doc: D;
  slot: number;
  /** Term frequencies (title terms counted titleWeight times). */
  tf: Map<string, number>;
  norm: number;
}

/** Discount of a query term expanded to another vocabulary term. */
const EDIT1 = 0.8;
const EDIT2 = 0.6;
const PREFIX = 0.7;

export function createMatcher<D extends MatchDocument>(initial: Iterable<D> = [], options: MatcherOptions = {}): Matcher<D> {
  const categoryBoost = options.categoryBoost ?? DEFAULTS.categoryBoost;
  const productBoost = options.productBoost ?? DEFAULTS.productBoost;
  const titleWeight = options.titleWeight ?? DEFAULTS.titleWeight;
  const fuzzy = options.fuzzy ?? true;
  const defaultLimit = options.defaultLimit ?? DEFAULTS.defaultLimit;
  const defaultMinScore = options.defaultMinScore ?? DEFAULTS.defaultMinScore;
  const cacheLimit = options.expansionCacheSize ?? 5000;
  const ignoreTokens = (options.ignoreTokens ?? Object.values(DEFAULT_REDACTION_TOKENS)).filter(t => t.length > 0);
  const withoutTokens = (text: string): string => {
    let out = text;
    for (const token of ignoreTokens) if (out.indexOf(token) !== -1) out = out.split(token).join(' ');
    return out;
  };

  // Synonyms: stem → concept (the stem of the group's first word).
  const concept = new Map<string, string>();
  for (const group of options.synonyms ?? DEFAULT_RELAY_SYNONYMS) {
    let canonical: string | undefined;
    for (const word of group) {
      const terms = analyzeRelayText(word);
      if (terms.length !== 1) continue;
      if (canonical === undefined) canonical = `${CONCEPT_MARK}${terms[0]}`;
      if (!concept.has(terms[0])) concept.set(terms[0], canonical);
    }
  }
  // A word of a synonym group gives two terms: its own stem and its concept ("~" + the group's
  // first stem). Same-language wording shares both, a translation shares the concept only, so
  // the same words still rank above a translation.
  // Tokens repeat across insights: each distinct token is analyzed once (bounded memory).
  let termsOfToken = new Map<string, readonly string[]>();
  const analyze = (text: string): string[] => {
    const out: string[] = [];
    for (const token of tokenize(text)) {
      let terms = termsOfToken.get(token);
      if (terms === undefined) {
        const t = termOf(token);
        const c = t === undefined ? undefined : concept.get(t);
        terms = t === undefined ? [] : c === undefined ? [t] : [t, c];
        if (termsOfToken.size >= 100000) termsOfToken = new Map();
        termsOfToken.set(token, terms);
      }
      for (const t of terms) out.push(t);
    }
    return out;
  };

  const entries = new Map<string, Entry<D>>();
  const slots: Array<Entry<D> | undefined> = [];
  const freeSlots: number[] = [];
  /** term → the documents holding it (slots) and their tf weights (1 + ln tf), in parallel arrays. */
  const postings = new Map<string, { slots: number[]; weights: number[] }>();
  const vocabularyByTrigram = new Map<string, string[]>();
  /**
   * Expansions by query term, valid while the vocabulary is unchanged (cleared when a term
   * appears or disappears): a relay is matched again at every pause in typing.
   */
  let expansionCache = new Map<string, Map<string, number>>();
  let normsStale = true;

  const termFrequencies = (doc: { title?: string; text: string }): Map<string, number> => {
    const tf = new Map<string, number>();
    if (doc.title) for (const t of analyze(withoutTokens(doc.title))) tf.set(t, (tf.get(t) ?? 0) + titleWeight);
    for (const t of analyze(withoutTokens(doc.text))) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  };

  const idf = (term: string): number => Math.log(1 + entries.size / Math.max(1, postings.get(term)?.slots.length ?? 0));
  const tfWeight = (tf: number): number => 1 + Math.log(tf);

  function refreshNorms(): void {
    if (!normsStale) return;
    const idfCache = new Map<string, number>();
    for (const e of entries.values()) {
      let sum = 0;
      e.tf.forEach((tf, term) => {
        let w = idfCache.get(term);
        if (w === undefined) {
          w = idf(term);
          idfCache.set(term, w);
        }
        const x = tfWeight(tf) * w;
        sum += x * x;
      });
      e.norm = Math.sqrt(sum);
    }
    normsStale = false;
  }

  function add(doc: D): void {
    if (entries.has(doc.id)) remove(doc.id);
    const slot = freeSlots.length > 0 ? (freeSlots.pop() as number) : slots.length;
    const entry: Entry<D> = { doc, slot, tf: termFrequencies(doc), norm: 0 };
    slots[slot] = entry;
    entries.set(doc.id, entry);
    entry.tf.forEach((tf, term) => {
      let list = postings.get(term);
      if (!list) {
        list = { slots: [], weights: [] };
        postings.set(term, list);
        if (expansionCache.size > 0) expansionCache = new Map();
        for (const g of trigrams(term)) {
          const terms = vocabularyByTrigram.get(g);
          if (terms) terms.push(term);
          else vocabularyByTrigram.set(g, [term]);
        }
      }
      list.slots.push(slot);
      list.weights.push(tfWeight(tf));
    });
    normsStale = true;
  }

  function remove(id: string): boolean {
    const entry = entries.get(id);
    if (!entry) return false;
    entry.tf.forEach((_tf, term) => {
      const list = postings.get(term);
      if (!list) return;
      const k = list.slots.indexOf(entry.slot);
      if (k >= 0) {
        const last = list.slots.length - 1;
        list.slots[k] = list.slots[last];
        list.weights[k] = list.weights[last];
        list.slots.pop();
        list.weights.pop();
      }
      if (list.slots.length === 0) {
        postings.delete(term);
        if (expansionCache.size > 0) expansionCache = new Map();
        for (const g of trigrams(term)) {
          const terms = vocabularyByTrigram.get(g);
          if (!terms) continue;
          const k = terms.indexOf(term);
          if (k >= 0) terms.splice(k, 1);
          if (terms.length === 0) vocabularyByTrigram.delete(g);
        }
      }
    });
    entries.delete(id);
    slots[entry.slot] = undefined;
    freeSlots.push(entry.slot);
    normsStale = true;
    return true;
  }

  /** Vocabulary terms close to `term` (itself included when known), with their discount. */
  function expand(term: string): Map<string, number> {
    const cached = expansionCache.get(term);
    if (cached) return cached;
    const out = new Map<string, number>();
    if (postings.has(term)) out.set(term, 1);
    if (fuzzy && term.length >= 5 && term[0] !== CONCEPT_MARK && !/^\d+$/.test(term)) {
      const shared = new Map<string, number>();
      for (const g of new Set(trigrams(term))) {
        const terms = vocabularyByTrigram.get(g);
        if (terms) for (const v of terms) shared.set(v, (shared.get(v) ?? 0) + 1);
      }
      shared.forEach((count, v) => {
        if (v === term) return;
        // A term of n letters has n boundary-marked trigrams and one edit changes at most three:
        // two terms within d edits share at least max(n, m) - 3d trigrams.
        const longest = Math.max(term.length, v.length);
        const edits = term.length >= 8 && v.length >= 8 ? 2 : 1;
        let factor = 0;
        if (count >= longest - 3 * edits && Math.abs(term.length - v.length) <= edits) {
          if (editDistanceAtMost(term, v, 1)) factor = EDIT1;
          else if (edits === 2 && editDistanceAtMost(term, v, 2)) factor = EDIT2;
        }
        // One term the prefix of the other (5+ letters): they share the prefix's n - 1 leading trigrams.
        const shorter = term.length <= v.length ? term : v;
        if (factor === 0 && shorter.length >= 5 && count >= shorter.length - 1) {
          const longer = shorter === term ? v : term;
          if (longer.startsWith(shorter)) factor = PREFIX;
        }
        if (factor > 0) out.set(v, factor);
      });
    }
    if (cacheLimit > 0) {
      if (expansionCache.size >= cacheLimit) expansionCache = new Map();
      expansionCache.set(term, out);
    }
    return out;
  }

  interface PreparedQuery {
    /** Vocabulary term → query weight (expansions included), in a fixed order. */
    weights: Array<[string, number]>;
    norm: number;
  }

  function prepare(query: MatchQuery): PreparedQuery | undefined {
    const tf = termFrequencies(query);
    if (tf.size === 0 || entries.size === 0) return undefined;
    const weights = new Map<string, number>();
    let normSq = 0;
    const unseenIdf = Math.log(1 + entries.size);
    tf.forEach((count, term) => {
      const expansions = expand(term);
      let best = 0;
      expansions.forEach((factor, v) => {
        const w = tfWeight(count) * idf(v) * factor;
        if (w > best) best = w;
        if (w > (weights.get(v) ?? 0)) weights.set(v, w);
      });
      if (expansions.size === 0) best = tfWeight(count) * unseenIdf;
      normSq += best * best;
    });
    if (weights.size === 0) return undefined;
    return { weights: [...weights.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)), norm: Math.sqrt(normSq) };
  }

  /** Scores offered documents (cosine, boosts, threshold) and keeps the best, deterministically. */
  function collector(query: MatchQuery, options: MatchOptions | undefined, qNorm: number): { offer(entry: Entry<D>, dot: number): void; results(): MatchResult[] } {
    const limit = options?.limit ?? defaultLimit;
    const minScore = options?.minScore ?? defaultMinScore;
    const kept: MatchResult[] = [];
    return {
      offer(entry: Entry<D>, dot: number): void {
        if (dot <= 0 || entry.norm === 0) return;
        let score = Math.min(1, dot / (qNorm * entry.norm));
        if (query.category && entry.doc.category === query.category) score *= 1 + categoryBoost;
        if (query.product && entry.doc.product === query.product) score *= 1 + productBoost;
        score = Math.round(score * 1e6) / 1e6;
        if (score >= minScore) kept.push({ id: entry.doc.id, score });
      },
      results(): MatchResult[] {
        kept.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        return kept.slice(0, Math.max(0, limit));
      }
    };
  }

  function match(query: MatchQuery, options?: MatchOptions): MatchResult[] {
    const q = prepare(query);
    if (!q) return [];
    refreshNorms();
    // Accumulate dot products only for documents that share a term with the query.
    const dots = new Float64Array(slots.length);
    const touched: number[] = [];
    for (const [term, qw] of q.weights) {
      const list = postings.get(term);
      if (!list) continue;
      const w = qw * idf(term);
      const { slots: docs, weights } = list;
      for (let k = 0; k < docs.length; k++) {
        const slot = docs[k];
        if (dots[slot] === 0) touched.push(slot);
        dots[slot] += w * weights[k];
      }
    }
    const out = collector(query, options, q.norm);
    for (const slot of touched) {
      const entry = slots[slot];
      if (entry) out.offer(entry, dots[slot]);
    }
    return out.results();
  }

  function matchExhaustive(query: MatchQuery, options?: MatchOptions): MatchResult[] {
    const q = prepare(query);
    if (!q) return [];
    refreshNorms();
    const out = collector(query, options, q.norm);
    const idfs = q.weights.map(([term, qw]) => qw * idf(term));
    for (const entry of entries.values()) {
      let dot = 0;
      for (let k = 0; k < q.weights.length; k++) {
        const tf = entry.tf.get(q.weights[k][0]);
        if (tf !== undefined) dot += idfs[k] * tfWeight(tf);
      }
      out.offer(entry, dot);
    }
    return out.results();
  }

  for (const doc of initial) add(doc);

  return {
    add,
    remove,
    has: (id: string) => entries.has(id),
    get size() {
      return entries.size;
    },
    match,
    matchExhaustive
  };
}
