import { toSuiteError } from '../../services/errors';

function pnpError(status: number, headers: Record<string, string> = {}): unknown {
  return { status, response: { status, headers: new Headers(headers) } };
}

describe('toSuiteError', () => {
  it('reads Retry-After from a throttled PnPjs error', () => {
    expect(toSuiteError(pnpError(429, { 'Retry-After': '7' }))).toEqual({ kind: 'throttled', status: 429, retryAfterSeconds: 7 });
  });
  it('treats 503 as throttling and ignores an HTTP-date Retry-After it cannot count', () => {
    expect(toSuiteError(pnpError(503, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toEqual({ kind: 'throttled', status: 503, retryAfterSeconds: null });
  });
  it('classifies Graph client errors by statusCode', () => {
    expect(toSuiteError({ statusCode: 403 }).kind).toBe('forbidden');
    expect(toSuiteError({ statusCode: 404 }).kind).toBe('notFound');
    expect(toSuiteError({ statusCode: 412 }).kind).toBe('conflict');
  });
  it('recognises a network failure', () => {
    expect(toSuiteError(new TypeError('Failed to fetch')).kind).toBe('offline');
  });
  it('falls back to generic for anything else', () => {
    expect(toSuiteError(new Error('boom')).kind).toBe('generic');
    expect(toSuiteError(undefined).kind).toBe('generic');
  });
});
