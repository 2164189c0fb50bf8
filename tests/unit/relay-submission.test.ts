import { defaultPolicy } from '../../core/policy';
import type { FeedbackPolicy } from '../../core/policy/types';
import { emptyDraft, RelayDraft } from '../../core/relay/model';
import {
  addRedactionCounts, isClientId, isIsoDate, newClientId, RELAY_LIMITS, redactDraft, toSubmission, trustStoredText, validateDraft
} from '../../core/relay/submission';

const policy = (): FeedbackPolicy => defaultPolicy().feedback;
const valid = (over: Partial<RelayDraft> = {}): RelayDraft => emptyDraft({
  channel: 'phone', product: 'home-delivery', category: 'delivery', severity: 'normal',
  customerWords: 'My delivery was moved to Saturday without notice.', ...over
});
const codes = (draft: RelayDraft, p = policy()): string[] => validateDraft(draft, p).map(e => `${e.field}:${e.code}`).sort();

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(valid(), policy())).toEqual([]);
  });

  it('names every required field that is empty (whitespace is empty)', () => {
    expect(codes(emptyDraft({ customerWords: '   ' }))).toEqual(
      ['category:required', 'channel:required', 'customerWords:required', 'product:required', 'severity:required']
    );
  });

  it('refuses keys the policy does not offer, and retired ones', () => {
    const p = policy();
    p.categories = p.categories.map(c => (c.key === 'loyalty' ? { ...c, active: false } : c));
    expect(codes(valid({ category: 'loyalty' }), p)).toEqual(['category:invalidChoice']);
    expect(codes(valid({ channel: 'pigeon', product: 'x', severity: 'apocalyptic' }))).toEqual(
      ['channel:invalidChoice', 'product:invalidChoice', 'severity:invalidChoice']
    );
  });

  it('limits the free-text fields, giving the limit', () => {
    const errors = validateDraft(valid({ customerWords: 'x'.repeat(RELAY_LIMITS.customerWords + 1), segment: 's'.repeat(256) }), policy());
    expect(errors).toEqual(expect.arrayContaining([
      { field: 'customerWords', code: 'tooLong', params: { max: RELAY_LIMITS.customerWords } },
      { field: 'segment', code: 'tooLong', params: { max: 255 } }
    ]));
    expect(validateDraft(valid({ customerWords: 'x'.repeat(RELAY_LIMITS.customerWords) }), policy())).toEqual([]);
  });

  it('a promise due date must be a real date, and needs the promise', () => {
    expect(codes(valid({ promiseText: 'Call back', promiseDue: '2026-02-30' }))).toEqual(['promiseDue:invalidDate']);
    expect(codes(valid({ promiseDue: '2026-12-01' }))).toEqual(['promiseText:required']);
    expect(codes(valid({ promiseText: 'Call back', promiseDue: '2026-12-01' }))).toEqual([]);
  });

  it('anonymous only when the policy allows it', () => {
    expect(codes(valid({ anonymous: true }))).toEqual(['anonymous:anonymousNotAllowed']);
    expect(codes(valid({ anonymous: true }), { ...policy(), allowAnonymous: true })).toEqual([]);
  });

  it('a join target is a positive whole id', () => {
    expect(codes(valid({ joinInsightId: 0 }))).toEqual(['joinInsightId:invalidChoice']);
    expect(codes(valid({ joinInsightId: 1.5 }))).toEqual(['joinInsightId:invalidChoice']);
    expect(codes(valid({ joinInsightId: 12 }))).toEqual([]);
  });
});

describe('redaction of a draft', () => {
  it('redacts every free-text field and counts by kind, keeping offsets of the original', () => {
    const draft = valid({
      customerWords: 'Reach me at 514-555-0199.',
      observation: 'She also gave jane.doe@example.com',
      promiseText: 'Refund to card 4111 1111 1111 1111',
      segment: 'Account of jane.doe@example.com'
    });
    const r = redactDraft(draft, policy());
    expect(r.draft.customerWords).toBe('Reach me at [phone].');
    expect(r.draft.observation).toBe('She also gave [email]');
    expect(r.draft.promiseText).toBe('Refund to card [card]');
    expect(r.draft.segment).toBe('Account of [email]');
    expect(r.counts).toEqual({ phone: 1, email: 2, paymentCard: 1 });
    const [phone] = r.byField.customerWords;
    expect(draft.customerWords.slice(phone.start, phone.end)).toBe('514-555-0199');
    // The original draft is untouched.
    expect(draft.customerWords).toContain('514-555-0199');
  });

  it('leaves texts alone when the policy turns redaction off', () => {
    const p = policy();
    p.redaction = { ...p.redaction, enabled: false };
    expect(redactDraft(valid({ customerWords: 'Call 514-555-0199' }), p).draft.customerWords).toBe('Call 514-555-0199');
  });

  it('toSubmission trims, redacts, keeps the client id and reduces the language to en or fr', () => {
    const s = toSubmission(valid({ category: ' delivery ', customerWords: '  Write to jane.doe@example.com  ' }), policy(), 'id-1', 'fr-CA');
    expect(s).toMatchObject({ category: 'delivery', customerWords: 'Write to [email]', clientId: 'id-1', language: 'fr', redactions: { email: 1 } });
    expect(toSubmission(valid(), policy(), 'id-2', 'de-DE').language).toBe('en');
  });

  it('redacting an already redacted submission changes nothing (the service redacts again)', () => {
    const once = toSubmission(valid({ customerWords: 'Call 514-555-0199 or jane.doe@example.com' }), policy(), 'id', 'en');
    const twice = toSubmission(once, policy(), 'id', 'en');
    expect(twice.customerWords).toBe(once.customerWords);
    expect(twice.redactions).toEqual({});
  });
});

describe('client ids', () => {
  it('newClientId makes RFC 4122 version 4 ids that isClientId accepts', () => {
    const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_x, i) => (i * 37 + 255) & 0xff);
    const id = newClientId(bytes);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isClientId(id)).toBe(true);
    expect(newClientId(bytes)).toBe(id);
  });

  it('isClientId refuses other shapes', () => {
    expect(isClientId('not-a-uuid')).toBe(false);
    expect(isClientId('123e4567-e89b-12d3-a456-426614174000')).toBe(false); // version 1
    expect(isClientId('123E4567-E89B-42D3-A456-426614174000')).toBe(false); // upper case
  });

  it('isIsoDate knows the calendar', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
});

describe('trustStoredText (the relay job\'s pass over a stored relay)', () => {
  const stored = (over: Partial<Record<'customerWords' | 'observation' | 'promiseText' | 'segment', string>> = {}) =>
    ({ customerWords: 'Parcel late again.', observation: '', promiseText: '', segment: '', ...over });

  it('redacts every free-text field as the form does, and counts what it removed', () => {
    const t = trustStoredText(stored({
      customerWords: 'Write to jane.doe@example.com, card 4111 1111 1111 1111.',
      observation: 'Call back at 514-555-0199.',
      promiseText: 'Refund to jane.doe@example.com',
      segment: 'jane.doe@example.com'
    }), policy());
    expect(Object.values(t.text).join(' ')).not.toMatch(/jane\.doe|4111|514-555/);
    expect(t.text.customerWords).toBe('Write to [email], card [card].');
    expect(t.counts).toEqual({ email: 3, paymentCard: 1, phone: 1 });
    expect(t).toMatchObject({ changed: true, tooLong: [] });
  });

  it('leaves a clean relay as it is', () => {
    expect(trustStoredText(stored(), policy())).toEqual({ text: stored(), counts: {}, tooLong: [], changed: false });
  });

  it('cuts a field over its limit to the limit, after redacting PII that straddles the cut', () => {
    const head = 'a'.repeat(RELAY_LIMITS.customerWords - 10);
    const t = trustStoredText(stored({ customerWords: `${head} jane.doe@example.com ${'b'.repeat(1000000)}` }), policy());
    expect(t.tooLong).toEqual(['customerWords']);
    expect(t.text.customerWords.length).toBe(RELAY_LIMITS.customerWords);
    expect(t.text.customerWords).not.toMatch(/jane|doe@/);
    expect(t.counts).toEqual({ email: 1 });
  });

  it('adds redaction counts of known kinds only (never values a REST writer put there)', () => {
    expect(addRedactionCounts({ phone: 1 }, { phone: 2, email: 1 }, { secret: 'jane.doe@example.com', iban: -1 } as Record<string, unknown>))
      .toEqual({ phone: 3, email: 1 });
  });
});
