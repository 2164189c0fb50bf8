import type { RedactionPolicy } from '../../core/policy/types';
import {
  avsValid, DEFAULT_REDACTION_TOKENS, findPii, ibanValid, luhnValid, nirValid, redact, RedactionKind, sinValid
} from '../../core/relay/redaction';

const ALL: RedactionPolicy = { enabled: true, emails: true, phones: true, paymentCards: true, ibans: true, nationalIds: true };

/** [note as typed by a frontline agent, the note as stored] */
type Case = [string, string];

const MUST_REDACT: Case[] = [
  // e-mail addresses
  ['Client joignable à marie.gagnon@videotron.ca pour le suivi.', 'Client joignable à [email] pour le suivi.'],
  ['Customer wrote from J.Smith+orders@mail.northwind-retail.example, wants a callback.', 'Customer wrote from [email], wants a callback.'],
  ['COURRIEL: PIERRE.LAVOIE@SYMPATICO.CA', 'COURRIEL: [email]'],
  ['Elle a dit « écrivez-moi à sophie_roy@gmail.com » puis a raccroché.', 'Elle a dit « écrivez-moi à [email] » puis a raccroché.'],
  ['He said "reach me at dan-o@sub.example.co.uk."', 'He said "reach me at [email]."'],
  ['(courriel : luc.b@exemple.fr)', '(courriel : [email])'],
  ['Lien mailto:service.client@acme.example dans sa signature', 'Lien mailto:[email] dans sa signature'],
  ["Adresse 'chantal.o-brien@cgocable.ca' donnée deux fois", "Adresse '[email]' donnée deux fois"],
  // phones: international
  ['Rappeler au +33 6 12 34 56 78 après 17 h.', 'Rappeler au [phone] après 17 h.'],
  ['Customer cell +1-418-555-0142, prefers evenings.', 'Customer cell [phone], prefers evenings.'],
  ['Numéro en France : 0033 6 12 34 56 78.', 'Numéro en France : [phone].'],
  ['Bureau de Lausanne +41 21 123 45 67.', 'Bureau de Lausanne [phone].'],
  ['Sa fille en France, +33 (0)6 12 34 56 78, a relayé la plainte.', 'Sa fille en France, [phone], a relayé la plainte.'],
  ['Appel du +1 514 555 0123 à 9 h 15', 'Appel du [phone] à 9 h 15'],
  // phones: North American
  ['Call back at (418) 555-0142 before noon.', 'Call back at [phone] before noon.'],
  ['Son numéro : 418.555.0142.', 'Son numéro : [phone].'],
  ['Tel 418 555 0142 poste 2231, demander Julie', 'Tel [phone], demander Julie'],
  ['Called 1-800-555-0199 ext. 42 twice, no answer.', 'Called [phone] twice, no answer.'],
  ['Rejoindre au 1 (800) 555-0199 en soirée', 'Rejoindre au [phone] en soirée'],
  ['Appeler le 514-555-0123 x 12.', 'Appeler le [phone].'],
  ['Customer phone: 4185550142', 'Customer phone: [phone]'],
  ['rappeler au 555-0142 (ligne locale)', 'rappeler au [phone] (ligne locale)'],
  // phones: French and Swiss
  ['Portable 06 12 34 56 78, fixe 01.23.45.67.89.', 'Portable [phone], fixe [phone].'],
  ['Laisse un message au 0612345678 svp', 'Laisse un message au [phone] svp'],
  ['Agence de Lausanne, tél. 021 123 45 67.', 'Agence de Lausanne, tél. [phone].'],
  ['Mobile suisse 079-123-45-67 (WhatsApp)', 'Mobile suisse [phone] (WhatsApp)'],
  // payment cards (Luhn)
  ['Carte 4111 1111 1111 1111 refusée au comptoir.', 'Carte [card] refusée au comptoir.'],
  ['Paid with 5555-5555-5555-4444, charged twice.', 'Paid with [card], charged twice.'],
  ['Amex 3782 822463 10005 declined at the register', 'Amex [card] declined at the register'],
  ['numéro de carte 4012888888881881 exp 12/27', 'numéro de carte [card] exp 12/27'],
  ['Discover 6011 1111 1111 1117.', 'Discover [card].'],
  ['Visa 4532 0151 1283 0366 débitée deux fois', 'Visa [card] débitée deux fois'],
  // IBANs (mod 97)
  ['Rembourser sur FR76 3000 6000 0112 3456 7890 189 svp', 'Rembourser sur [IBAN] svp'],
  ['IBAN CH9300762011623852957 (Lausanne)', 'IBAN [IBAN] (Lausanne)'],
  ['Refund to DE89 3704 0044 0532 0130 00.', 'Refund to [IBAN].'],
  ['iban : fr7630006000011234567890189', 'iban : [IBAN]'],
  ['UK account GB82 WEST 1234 5698 7654 32 for the refund', 'UK account [IBAN] for the refund'],
  // national identifiers
  ['NAS du client : 046 454 286', 'NAS du client : [ID]'],
  ['SIN 046-454-286 given by mistake', 'SIN [ID] given by mistake'],
  ["numéro d'assurance sociale 130692544", "numéro d'assurance sociale [ID]"],
  ['NIR 1 84 12 76 451 089 46 communiqué par téléphone', 'NIR [ID] communiqué par téléphone'],
  ['Numéro de sécu 184127645108946.', 'Numéro de sécu [ID].'],
  ['Assurée née en Corse : 1 85 02 2A 123 456 82', 'Assurée née en Corse : [ID]'],
  ['sécu 2 84 02 2B 123 456 11', 'sécu [ID]'],
  ['No AVS de la cliente (Lausanne) : 756.9217.0769.85', 'No AVS de la cliente (Lausanne) : [ID]'],
  ['AHV-Nummer 7561234567897 am Telefon genannt', 'AHV-Nummer [ID] am Telefon genannt'],
  // several kinds in one note
  ['Mme Roy (roy.m@exemple.ca, 418 555 0142) a payé avec la carte 4111 1111 1111 1111.', 'Mme Roy ([email], [phone]) a payé avec la carte [card].'],
  ['Caller gave SIN 046 454 286 and card 5105 1051 0510 5100; email ops@northwind-retail.example',
    'Caller gave SIN [ID] and card [card]; email [email]']
];

const MUST_NOT_REDACT: string[] = [
  'Facture 2024-00017 payée en double.',
  'Commande n° 4185550142 livrée en retard.',
  'Livraison prévue le 2026-11-02 entre 8 h et 15 h.',
  'RDV le 02/11/2026 à 14:30.',
  'Montant remboursé : 149,99 $ sur 1 299,00 €.',
  'Order total $1,299.00 charged on 11/02/2026.',
  'Adresse : 123 rue Saint-Jean, Québec G1R 4P5.',
  'Magasin Paris 75008, allée 12.',
  'Tracking 7316 5432 1098 7654 (colis)',
  'Card number 4111 1111 1111 1112 fails the check, probably mistyped.',
  'Numéro de suivi 1234567890123456',
  'Taux de satisfaction 87 % en 2026.',
  'App version 7.12.3 on iOS 17.4.1 crashes at checkout.',
  'Promo code SAVE20 applied to order 58213.',
  'Wait time 45 min, 3 calls, 2 agents.',
  'Ticket #204881 ouvert le 2026-10-30.',
  'Voir https://shop.northwind-retail.example/orders/20241017/items/3 pour le détail',
  'Le client a appelé 5 fois entre le 1er et le 15 novembre.',
  'Invoice INV-2026-004512 disputed.',
  'SKU 0612345678-B out of stock in Lévis.',
  'Numéro de lot 2024.11.02.',
  'Temperature 21.5 °C in the store.',
  'Le client habite au 1450, boul. Laurier, app. 302.',
  'Gift card balance 25 $, card ending in 1111.',
  'Bon de commande BC-000123456 à relancer.',
  "Version 2.14.0.1187 de l'application mobile.",
  'Remboursement de 89,95 $ (taxes 13,49 $) le 2026-11-02.',
  'Score NPS -12 ce trimestre, 4 plaintes sur 1 200 appels.',
  "Heure d'appel : 09:45:12, durée 00:12:31.",
  'Colis 12345678901234567890 perdu à Montmagny.',
  'Tracking 4111 1111 1111 1111 1111 (20 digits, a carrier number).',
  'FR76 3000 6000 0112 3456 7890 188 (IBAN with a wrong check digit).',
  'NAS erroné 046 454 287, le client va vérifier.',
  'Téléphone 06 12 34 56 incomplet.',
  'A 5 % discount on 2 items, 10 x 12 cm box.',
  'Contact @ServiceClient on Twitter, or write to the store.',
  'Error on user@localhost during the demo.',
  'Vol AC 871 du 12 novembre, siège 23B.',
  'Entre 2019 et 2026 le client a commandé 37 fois.',
  'Horaires 8 h 30 - 17 h 00, du lundi au vendredi.',
  'Cote de crédit 742, limite 5 000 $.',
  'Colis 0012 3456 7890 en transit.',
  'Remise de 1 234 567 points de fidélité.',
  'Code postal 1003 Lausanne, case postale 4122.',
  'Réf. 2026-11-02-0612345678 au dossier.',
  'AVS 756.9217.0769.84 (wrong check digit).',
  'Article 7561234567897 en rayon (an EAN-13 barcode, no AVS keyword).',
  'Dossier 418-555-0142-07 (a case number shaped like a phone, with a suffix).',
  'Corse du Nord, 2 84 02 2B 123 456 791 (a digit too many: not a NIR).',
  'Haute-Corse : 284022B123456791 (16 characters: not a NIR).'
];

describe('redact: a varied corpus of call-centre notes', () => {
  it.each(MUST_REDACT)('redacts %j', (input, expected) => {
    expect(redact(input, ALL).text).toBe(expected);
  });

  it.each(MUST_NOT_REDACT.map(t => [t]))('leaves %j alone', input => {
    const r = redact(input, ALL);
    expect(r.redactions).toEqual([]);
    expect(r.text).toBe(input);
  });

  it('holds at least 60 cases, in French and English', () => {
    expect(MUST_REDACT.length + MUST_NOT_REDACT.length).toBeGreaterThanOrEqual(60);
  });

  it('never leaves a digit of a redacted number or an @ behind in the corpus', () => {
    for (const [input] of MUST_REDACT) {
      for (const r of findPii(input, ALL)) {
        const removed = input.slice(r.start, r.end);
        if (r.kind === 'email') expect(removed).toContain('@');
        else expect(removed.replace(/\D/g, '').length).toBeGreaterThanOrEqual(7);
      }
    }
  });
});

describe('redact: offsets, kinds and tokens', () => {
  const note = 'Mme Roy (roy.m@exemple.ca) : carte 4111 1111 1111 1111, tél. +1 418 555 0142, IBAN FR76 3000 6000 0112 3456 7890 189, NAS 046 454 286.';

  it('reports offsets into the original text, in order, with their kinds', () => {
    const r = redact(note, ALL);
    expect(r.redactions.map(x => [x.kind, note.slice(x.start, x.end)])).toEqual([
      ['email', 'roy.m@exemple.ca'],
      ['paymentCard', '4111 1111 1111 1111'],
      ['phone', '+1 418 555 0142'],
      ['iban', 'FR76 3000 6000 0112 3456 7890 189'],
      ['nationalId', '046 454 286']
    ]);
    expect(r.text).toBe('Mme Roy ([email]) : carte [card], tél. [phone], IBAN [IBAN], NAS [ID].');
    for (let k = 1; k < r.redactions.length; k++) expect(r.redactions[k].start).toBeGreaterThanOrEqual(r.redactions[k - 1].end);
  });

  it('includes an extension in the phone it belongs to', () => {
    const text = 'Tel 418 555 0142 poste 2231.';
    const [r] = findPii(text, ALL);
    expect(text.slice(r.start, r.end)).toBe('418 555 0142 poste 2231');
  });

  it('uses language-neutral default tokens, replaceable per kind', () => {
    expect(Object.values(DEFAULT_REDACTION_TOKENS).every(t => !/\d/.test(t))).toBe(true);
    const r = redact('Tél. 06 12 34 56 78, marie@exemple.fr', ALL, { tokens: { phone: '[numéro masqué]' } });
    expect(r.text).toBe('Tél. [numéro masqué], [email]');
    expect(r.redactions[0].replacement).toBe('[numéro masqué]');
    expect(redact('marie@exemple.fr', ALL, 'fr-FR').text).toBe('[email]');
  });

  it('is stable: redacting a redacted note changes nothing', () => {
    const once = redact(note, ALL).text;
    expect(redact(once, ALL)).toEqual({ text: once, redactions: [] });
  });
});

describe('redact: the policy decides', () => {
  const note = 'marie@exemple.fr, 06 12 34 56 78, 4111 1111 1111 1111, CH9300762011623852957, 046 454 286';

  it('redacts nothing when redaction is off', () => {
    expect(redact(note, { ...ALL, enabled: false })).toEqual({ text: note, redactions: [] });
  });

  it.each<[keyof RedactionPolicy, RedactionKind]>([
    ['emails', 'email'], ['phones', 'phone'], ['paymentCards', 'paymentCard'], ['ibans', 'iban'], ['nationalIds', 'nationalId']
  ])('keeps %s when that kind is off, redacts the others', (flag, kind) => {
    const kinds = findPii(note, { ...ALL, [flag]: false }).map(r => r.kind);
    expect(kinds).not.toContain(kind);
    expect(kinds).toHaveLength(4);
  });

  it('does not report a card as a phone when cards are off', () => {
    expect(findPii('carte 4111 1111 1111 1111', { ...ALL, paymentCards: false })).toEqual([]);
  });
});

describe('redact: overlaps are resolved one way', () => {
  it('an address holding a phone number is one e-mail', () => {
    const r = findPii('SMS relayed from 0612345678@sms.operator.example yesterday', ALL);
    expect(r.map(x => x.kind)).toEqual(['email']);
  });

  it('a number passing both the card and the NIR checks is a card (the longest, then the rank)', () => {
    // 15 digits: Luhn-valid and a valid NIR key; same span, the card ranks first.
    const text = 'numéro 284027512348889';
    expect(luhnValid('284027512348889')).toBe(true);
    expect(nirValid('284027512348889')).toBe(true);
    expect(findPii(text, ALL).map(x => x.kind)).toEqual(['paymentCard']);
  });

  it('two phones side by side are two redactions', () => {
    expect(redact('0612345678 0698765432', ALL).text).toBe('[phone] [phone]');
  });
});

describe('checksums', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('12a4')).toBe(false);
  });
  it('IBAN: country length and mod 97', () => {
    expect(ibanValid('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(ibanValid('FR76 3000 6000 0112 3456 7890 18')).toBe(false); // length
    expect(ibanValid('FR67 3000 6000 0112 3456 7890 189')).toBe(false); // check digits
    expect(ibanValid('CH9300762011623852957')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('ZZ89370400440532013000')).toBe(false); // no such country
  });
  it('NIR: key = 97 - (number mod 97), Corsica 2A = 19, 2B = 18', () => {
    expect(nirValid('1 84 12 76 451 089 46')).toBe(true);
    expect(nirValid('1 84 12 76 451 089 47')).toBe(false);
    expect(nirValid('185022A12345682')).toBe(true);
    expect(nirValid('284022B12345611')).toBe(true);
    expect(nirValid('284022A12345611')).toBe(false); // the same digits in 2A: another key
    expect(nirValid('5 84 12 76 451 089 46')).toBe(false); // no such first digit
  });
  it('AVS: 756, thirteen digits, EAN-13 check digit', () => {
    expect(avsValid('756.9217.0769.85')).toBe(true);
    expect(avsValid('756.9217.0769.84')).toBe(false);
    expect(avsValid('757.9217.0769.85')).toBe(false);
  });
  it('SIN: nine digits, Luhn', () => {
    expect(sinValid('046 454 286')).toBe(true);
    expect(sinValid('046-454-287')).toBe(false);
    expect(sinValid('04645428')).toBe(false);
  });
});

describe('redact: hostile input', () => {
  const tail = ' fin: marie@exemple.fr et 06 12 34 56 78';
  const hostile: Array<[string, string]> = [
    ['digits and spaces', '1 '.repeat(50000)],
    ['one long digit run', '4'.repeat(100000)],
    ['plus-dash sequences', '+1-'.repeat(33000)],
    ['at signs', 'a@'.repeat(50000)],
    ['dotted domains', ('x.' + 'b'.repeat(60) + '@').repeat(1500)],
    ['IBAN-like heads', 'FR76 '.repeat(20000)],
    ['NIR-like heads', '1 84 '.repeat(20000)],
    ['parentheses', '(1)'.repeat(33000)]
  ];

  it.each(hostile)('%s (100 KB) is scanned to the end, and PII after it is still found', (_name, prefix) => {
    expect(prefix.length).toBeGreaterThanOrEqual(90000);
    const r = redact(prefix + tail, ALL);
    expect(r.text.endsWith(' fin: [email] et [phone]')).toBe(true);
  });
});
