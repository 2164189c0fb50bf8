/**
 * Redaction of the shapes people actually type (keyword context both ways, pairs, slashes, dotted
 * cards, dictated addresses) and the name and street-address suggestions, with how they reach the
 * stored text: only when the agent removed them, never by the trusted side's pass.
 */
import type { RedactionPolicy } from '../../core/policy/types';
import { defaultPolicy } from '../../core/policy';
import { findPii, numberContext, redact } from '../../core/relay/redaction';
import { applySuggestion, suggestionKey, suggestPii } from '../../core/relay/suggestions';
import { trustStoredText } from '../../core/relay/submission';

const ALL: RedactionPolicy = { enabled: true, emails: true, phones: true, paymentCards: true, ibans: true, nationalIds: true };
const spans = (text: string): string[] => findPii(text, ALL).map(r => `${r.kind}:${text.slice(r.start, r.end)}`);
const suggested = (text: string): string[] => suggestPii(text, ALL, { redactions: findPii(text, ALL) }).map(s => `${s.kind}:${text.slice(s.start, s.end)}`);

describe('the words before a digit run decide both ways', () => {
  it.each([
    ['her number is 4185550142', 'phone'], ['son numéro 4185550142', 'phone'], ['tél. 4185550142', 'phone'], ['No. 4185550142', 'phone'],
    ['order 4185550142', 'reference'], ['commande 4185550142', 'reference'], ['numéro de commande 4185550142', 'reference'],
    ['invoice number 4185550142', 'reference'], ['ticket 4185550142', 'reference'], ['tracking 4185550142', 'reference'],
    ['numéro de client 4185550142', 'reference'], ['le client a donné son numéro 4185550142', 'phone'],
    ['order 58213 delayed, her number is 4185550142', 'phone'], ['order number, call her at 4185550142', 'phone'],
    ['la livraison 4185550142', undefined]
  ])('%j → %s', (text, expected) => {
    expect(numberContext(text, text.indexOf('4185550142'))).toBe(expected);
  });

  it('takes ten bare digits after a phone word, and leaves them after an order word, in both languages', () => {
    expect(redact('Her number is 5145550199.', ALL).text).toBe('Her number is [phone].');
    expect(redact('Son numéro 4385550147, rappeler.', ALL).text).toBe('Son numéro [phone], rappeler.');
    expect(spans('Order 4185550142 arrived damaged.')).toEqual([]);
    expect(spans('Commande 5145550199 livrée.')).toEqual([]);
    // a French-shaped run after "suivi" is the parcel's number
    expect(spans('Numéro de suivi 0612345678 introuvable')).toEqual([]);
    expect(spans('Numéro de téléphone 0612345678')).toEqual(['phone:0612345678']);
  });
});

describe('phone, card and e-mail shapes', () => {
  it.each([
    ['Tél : 514 555 01 99, message', 'phone:514 555 01 99'],
    ['(450) 555 01 87 cellulaire', 'phone:(450) 555 01 87'],
    ['1 514 555 01 99', 'phone:1 514 555 01 99'],
    ['Mobile 079/412 33 21', 'phone:079/412 33 21'],
    ['Bureau 021/312 45 67', 'phone:021/312 45 67'],
    ['Carte 4111.1111.1111.1111 refusée', 'paymentCard:4111.1111.1111.1111'],
    ['jean.tremblay (at) videotron (dot) ca', 'email:jean.tremblay (at) videotron (dot) ca'],
    ['sophie.roy [at] gmail [dot] com', 'email:sophie.roy [at] gmail [dot] com'],
    ['her email is mlavoie at hotmail dot com', 'email:mlavoie at hotmail dot com'],
    ['pierre.gagnon arobase sympatico point ca', 'email:pierre.gagnon arobase sympatico point ca'],
    ['nathalie point cote arobase orange point fr', 'email:nathalie point cote arobase orange point fr'],
    ['kevin.obrien at outlook.com', 'email:kevin.obrien at outlook.com'],
    ['jean@gmail point com', 'email:jean@gmail point com']
  ])('%j', (text, expected) => {
    expect(spans(text)).toEqual([expected]);
  });

  it.each([
    'Livré le 01/02/2026 15 colis perdus.',
    'Pointure 10 1/2, couleur 079.',
    'She shops at walmart.ca now.',
    'She was at the store at 3 pm.',
    'Le point de vente est au point mort.',
    'Version 2.14.0.1187 installée.'
  ])('leaves %j alone', text => {
    expect(spans(text)).toEqual([]);
  });
});

describe('suggestions: names and street addresses', () => {
  it.each([
    ['My name is Jennifer Walsh and I waited.', 'name:Jennifer Walsh'],
    ['Je m’appelle Gaétan Bélanger.', 'name:Gaétan Bélanger'],
    ['Mme Lévesque trouve le délai long.', 'name:Lévesque'],
    ['M. Jean-François Pelletier attend.', 'name:Jean-François Pelletier'],
    ["Mr Smith's parcel", 'name:Smith'],
    ['Madame Marie de la Fontaine a appelé', 'name:Marie de la Fontaine'],
    ['12 rue de la Roquette, 75011 Paris', 'address:12 rue de la Roquette, 75011 Paris'],
    ['1450, boul. Laurier, app. 302.', 'address:1450, boul. Laurier, app. 302'],
    ['4521 Sherbrooke Street West, Montréal H3Z 1E5', 'address:4521 Sherbrooke Street West, Montréal H3Z 1E5'],
    ['Avenue de la Gare 12, 1003 Lausanne', 'address:Avenue de la Gare 12, 1003 Lausanne'],
    ['Bahnhofstrasse 21, 8001 Zürich', 'address:Bahnhofstrasse 21, 8001 Zürich'],
    ['250 chemin Sainte-Foy, Québec (QC) G1R 1T1', 'address:250 chemin Sainte-Foy, Québec (QC) G1R 1T1']
  ])('%j', (text, expected) => {
    expect(suggested(text)).toEqual([expected]);
  });

  it.each([
    'M. le gérant était absent.', 'MS Teams call dropped.', 'My name is on the account.', 'Ordered 2 Avenue sofas.',
    'Modèle Avenue 3 places.', 'Code postal H2X 1Y4 desservi.', 'Le magasin du 2500 boulevard Laurier est fermé.', 'Bonjour Madame, merci.'
  ])('suggests nothing in %j', text => {
    expect(suggested(text)).toEqual([]);
  });

  it('removing a suggestion writes its token; the tokens are suggested and redacted no more', () => {
    const text = 'Mme Roy, 250 chemin Sainte-Foy, Québec G1R 1T1, attend.';
    let out = text;
    for (let s = suggestPii(out, ALL)[0]; s; s = suggestPii(out, ALL)[0]) out = applySuggestion(out, s);
    expect(out).toBe('Mme [name], [address], attend.');
    expect(redact(out, ALL)).toEqual({ text: out, redactions: [] });
  });

  it('never overlaps a redaction, and is off when redaction is off', () => {
    const text = 'Mme Roy, jean.roy (at) gmail (dot) com';
    expect(suggested(text)).toEqual(['name:Roy']);
    expect(suggestPii(text, { ...ALL, enabled: false })).toEqual([]);
  });

  it('keys a suggestion by its words, so a kept one stays kept while the text around it changes', () => {
    const a = 'Mme Roy a appelé.';
    const b = 'Hier, Mme Roy a appelé deux fois.';
    expect(suggestionKey(a, suggestPii(a, ALL)[0])).toBe(suggestionKey(b, suggestPii(b, ALL)[0]));
  });

  it('is linear: 100 KB of titles and house numbers are read to the end', () => {
    const hostile = 'Mme M. 12 rue 3 Avenue de la '.repeat(3500);
    const t0 = Date.now();
    const found = suggestPii(`${hostile} Je m'appelle Luc Roy.`, ALL);
    expect(found[found.length - 1]).toMatchObject({ kind: 'name' });
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('how a suggestion reaches the stored text', () => {
  const policy = defaultPolicy().feedback;
  const stored = (customerWords: string) => ({ customerWords, observation: '', promiseText: '', segment: '' });

  it('the trusted pass redacts the automatic kinds and keeps the names and addresses the agent kept', () => {
    const kept = trustStoredText(stored('Mme Roy, 12 rue de la Roquette, 75011 Paris, tél. 06 12 34 56 78'), policy);
    expect(kept.text.customerWords).toBe('Mme Roy, 12 rue de la Roquette, 75011 Paris, tél. [phone]');
  });

  it('a suggestion the agent removed is gone from the draft, so from what is stored', () => {
    const draft = 'Mme Roy, 12 rue de la Roquette, 75011 Paris';
    const address = suggestPii(draft, ALL).find(s => s.kind === 'address');
    const sent = applySuggestion(draft, address!);
    const trusted = trustStoredText(stored(sent), policy);
    expect(trusted.text.customerWords).toBe('Mme Roy, [address]');
    expect(trusted.changed).toBe(false);
  });
});
