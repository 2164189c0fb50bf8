/**
 * Tokens for one run of the job, from an `@azure/identity` credential, and the two behaviours that
 * put them on requests: a PnPjs observer for SharePoint and a Graph client authentication provider.
 * Each request asks for its token, so a token that expires during a long run is replaced, and no
 * token ever sits in a setting or a variable of the process.
 */
import { ManagedIdentityCredential, ClientCertificateCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import type { Queryable } from '@pnp/queryable';
import { spfi, SPBrowser } from '@pnp/sp';
import { Client, MiddlewareFactory, AuthenticationHandler } from '@microsoft/microsoft-graph-client';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { SuiteContext } from '../../services/context';
import type { CredentialSettings, FunctionSettings } from './settings';

/** Builds the credential the settings name (the Function App's entry passes this one). */
export type CredentialFactory = (settings: CredentialSettings) => TokenCredential;

export const createCredential: CredentialFactory = settings => {
  if (settings.kind === 'managedIdentity') return new ManagedIdentityCredential({ clientId: settings.clientId });
  // SharePoint accepts app-only tokens of an app registration only when it signs in with a certificate.
  return settings.certificatePem
    ? new ClientCertificateCredential(settings.tenantId, settings.clientId, { certificate: settings.certificatePem, certificatePassword: settings.certificatePassword })
    : new ClientCertificateCredential(settings.tenantId, settings.clientId, { certificatePath: settings.certificatePath || '', certificatePassword: settings.certificatePassword });
};

export class TokenUnavailableError extends Error {
  public constructor(scope: string, cause: unknown) {
    // The credential's own message says what is wrong (identity not found, consent missing, ...).
    super(`No token for ${scope}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
    this.name = 'TokenUnavailableError';
  }
}

/** A token is replaced this long before it expires (as @azure/identity's own refresh window). */
const REFRESH_MARGIN_MS = 5 * 60_000;

interface HeldToken {
  promise: Promise<{ token: string; expiresOn: number }>;
  /** Set once the request succeeded; a failed one is asked again by the next caller. */
  value?: { token: string; expiresOn: number };
  settled: boolean;
}

/** The tokens of one run, one per scope, asked again when near expiry; concurrent askers share one request. */
export class RunTokens {
  private readonly held = new Map<string, HeldToken>();
  /** Times the credential was asked (the summary line reports it). */
  public requests = 0;

  public constructor(private readonly credential: TokenCredential, private readonly clock: () => number = Date.now) {}

  public async get(scope: string): Promise<string> {
    const held = this.held.get(scope);
    if (held && !held.settled) return (await held.promise).token;
    if (held && held.value && held.value.expiresOn - REFRESH_MARGIN_MS > this.clock()) return held.value.token;
    const next: HeldToken = { promise: this.fetch(scope), settled: false };
    this.held.set(scope, next);
    try {
      next.value = await next.promise;
      return next.value.token;
    } finally {
      next.settled = true;
    }
  }

  private async fetch(scope: string): Promise<{ token: string; expiresOn: number }> {
    this.requests++;
    let answer: Awaited<ReturnType<TokenCredential['getToken']>>;
    try {
      answer = await this.credential.getToken(scope);
    } catch (e) {
      throw new TokenUnavailableError(scope, e);
    }
    if (!answer) throw new TokenUnavailableError(scope, 'the credential returned no token');
    return { token: answer.token, expiresOn: answer.expiresOnTimestamp };
  }
}

/**
 * PnPjs: `Authorization: Bearer <token>` on every request, set first among the `pre` observers so
 * that PnPjs's request digest sees it and is not fetched (SharePoint needs none with a bearer token).
 */
export function BearerFrom(token: () => Promise<string>): (instance: Queryable) => Queryable {
  return (instance: Queryable) => {
    instance.on.pre.prepend(async function (this: Queryable, url: string, init: RequestInit, result: unknown): Promise<[string, RequestInit, unknown]> {
      const value = `Bearer ${await token()}`;
      init.headers = { ...(init.headers as Record<string, string> | undefined), Authorization: value };
      return [url, init, result];
    });
    return instance;
  };
}

/**
 * Graph: the client's own AuthenticationHandler sends the token only to https:// hosts it knows as
 * Graph's (or named in `customHosts`); this one sends it to every request for the configured Graph
 * origin and to nothing else, which also covers a national cloud and the local tenant (http).
 * The client's RedirectHandler, later in the chain, still drops it on a redirect to another host.
 */
export class GraphBearer implements Middleware {
  private next: Middleware | undefined;

  public constructor(private readonly origin: string, private readonly token: () => Promise<string>) {}

  public async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === this.origin) {
      const value = `Bearer ${await this.token()}`;
      if (typeof context.request !== 'string') context.request.headers.set('Authorization', value);
      else {
        const options = context.options || {};
        const headers = options.headers;
        if (headers instanceof Headers) headers.set('Authorization', value);
        else if (Array.isArray(headers)) options.headers = [...headers.filter(([k]) => k.toLowerCase() !== 'authorization'), ['Authorization', value]];
        else options.headers = { ...(headers as Record<string, string> | undefined), Authorization: value };
        context.options = options;
      }
    }
    if (!this.next) throw new Error('GraphBearer must not be the last middleware');
    return this.next.execute(context);
  }

  public setNext(next: Middleware): void {
    this.next = next;
  }
}

/** SharePoint and Graph as the job's identity, with the run's tokens. */
export function functionContext(settings: FunctionSettings, tokens: RunTokens): SuiteContext {
  const sp = spfi(settings.siteUrl).using(SPBrowser({ baseUrl: settings.siteUrl }), BearerFrom(() => tokens.get(settings.scopes.sharePoint)));
  const graphToken = (): Promise<string> => tokens.get(settings.scopes.graph);
  // The client's default chain (retries on 429/503 with Retry-After, redirects, telemetry), its
  // authentication handler replaced by GraphBearer.
  const middleware = MiddlewareFactory.getDefaultMiddlewareChain({ getAccessToken: graphToken })
    .map(m => (m instanceof AuthenticationHandler ? new GraphBearer(new URL(settings.graphBaseUrl).origin, graphToken) : m));
  const graph = Client.initWithMiddleware({ baseUrl: settings.graphBaseUrl, defaultVersion: 'v1.0', middleware });
  return { sp, graph, siteUrl: settings.siteUrl, locale: 'en-US' };
}
