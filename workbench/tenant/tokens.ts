/**
 * Local access tokens (dev only): what lets code that authenticates the way it does in a tenant
 * (an `Authorization: Bearer` header from a token credential, e.g. the Function App's) run against
 * the local tenant unchanged, without an `x-local-user` header.
 *
 * The format is an unsigned JWT ("alg": "none") whose issuer is LOCAL_TOKEN_ISSUER and whose `upn`
 * names the demo user the request runs as; `exp` (seconds, real time, like Entra's) is checked
 * against the wall clock, not the tenant's clock (which tests move to other days). Nothing checks
 * a signature: the local tenant trusts whoever reaches it, as it does with `x-local-user`. Any other
 * bearer value (the workbench's Graph client sends `Bearer local`) is ignored.
 */

export const LOCAL_TOKEN_ISSUER = 'urn:local-tenant';

export interface LocalTokenClaims {
  iss: string;
  upn: string;
  /** The resource it was issued for (e.g. the site's origin, or Graph's). Informative only. */
  aud?: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A local access token for `upn`, valid `ttlSeconds` from now. */
export function localAccessToken(upn: string, options: { audience?: string; ttlSeconds?: number; now?: number } = {}): string {
  const now = options.now ?? Date.now();
  const claims: LocalTokenClaims = { iss: LOCAL_TOKEN_ISSUER, upn, exp: Math.floor(now / 1000) + (options.ttlSeconds ?? 3600) };
  if (options.audience) claims.aud = options.audience;
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

export type BearerIdentity = { upn: string } | { expired: true } | null;

/** The demo user a local bearer token names; `expired` for a local token past its `exp`; null for anything else. */
export function readLocalBearer(authorization: string | string[] | undefined, nowMs = Date.now()): BearerIdentity {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.$/.exec(header || '');
  if (!match) return null;
  let claims: Partial<LocalTokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')) as Partial<LocalTokenClaims>;
  } catch {
    return null;
  }
  if (!claims || claims.iss !== LOCAL_TOKEN_ISSUER || typeof claims.upn !== 'string' || !claims.upn) return null;
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs) return { expired: true };
  return { upn: claims.upn };
}
