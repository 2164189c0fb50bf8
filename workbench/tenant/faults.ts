/**
 * Faults on demand, the way Microsoft Dev Proxy simulates them, so resilience code meets throttling
 * and slowness before a tenant shows it:
 * - random failures like GenericRandomErrorPlugin: a share of requests fails with 429 or 503 and a
 *   Retry-After header ("GenericRandomErrorPlugin", https://learn.microsoft.com/en-us/microsoft-cloud/dev/dev-proxy/technical-reference/genericrandomerrorplugin);
 * - latency like LatencyPlugin: a random delay between min and max milliseconds
 *   ("LatencyPlugin", https://learn.microsoft.com/en-us/microsoft-cloud/dev/dev-proxy/technical-reference/latencyplugin);
 * - a rate limit like RateLimitingPlugin: N requests per window; once exceeded, 429 with Retry-After
 *   and the RateLimit-Limit / RateLimit-Remaining / RateLimit-Reset headers (reset in seconds left)
 *   ("RateLimitingPlugin", https://learn.microsoft.com/en-us/microsoft-cloud/dev/dev-proxy/technical-reference/ratelimitingplugin).
 *
 * A faulted request is answered here and never reaches SharePoint or Graph: it performs nothing.
 * Configured by environment variables (faultsFromEnv) and at run time through /_local/faults.
 */
import { randomInt } from 'crypto';
import type { TenantRequest, TenantResponse } from './types';
import { GRAPH_PATH, SITE_PATH } from './types';

export interface FaultConfig {
  /** Share of requests (0..1) answered with one of `failureStatuses`. */
  failureRate: number;
  /** Statuses a random failure picks from (429 and/or 503). */
  failureStatuses: number[];
  /** Retry-After (seconds) sent with random failures. */
  retryAfterSeconds: number;
  /** Added latency in milliseconds, or null for none. */
  latencyMs: { min: number; max: number } | null;
  /** At most `requests` per `windowSeconds` per user, or null for no limit. */
  rateLimit: { requests: number; windowSeconds: number } | null;
  /** Seed of the fault PRNG (deterministic runs), or null for a random one. */
  seed: number | null;
  /**
   * Only requests whose path starts with one of these prefixes are faulted (empty: all).
   * `/_api/` also matches the site's `/sites/intranet/_api/...`; `/graph/` matches Graph.
   */
  paths: string[];
}

export interface FaultInjector {
  /** A fault response for this request, or null to let it through (after any added latency). */
  intercept(req: TenantRequest): Promise<TenantResponse | null>;
  config(): FaultConfig;
  set(c: Partial<FaultConfig>): void;
  /** Back to the configuration the injector was created with, and forget rate-limit counters. */
  reset?(): void;
  /**
   * Headers to add to a response that was let through: the RateLimit-* headers once 80 % of the
   * window's budget is used, as Dev Proxy's RateLimitingPlugin does (warningThresholdPercent).
   * The server calls it when it is there.
   */
  responseHeaders?(req: TenantRequest): Record<string, string>;
}

/** Dev Proxy's default warningThresholdPercent. */
export const RATE_LIMIT_WARNING_SHARE = 0.8;

export const NO_FAULTS: FaultConfig = {
  failureRate: 0,
  failureStatuses: [429, 503],
  retryAfterSeconds: 5,
  latencyMs: null,
  rateLimit: null,
  seed: null,
  paths: []
};

/** mulberry32: a small, fast, seedable PRNG (values in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultConfigError extends Error {}

/** Validates and normalises a partial configuration (throws FaultConfigError naming the problem). */
export function normaliseFaults(base: FaultConfig, c: Partial<FaultConfig>): FaultConfig {
  const next: FaultConfig = { ...base, ...c };
  if (typeof next.failureRate !== 'number' || !(next.failureRate >= 0 && next.failureRate <= 1)) {
    throw new FaultConfigError(`failureRate must be a number between 0 and 1, not ${JSON.stringify(next.failureRate)}`);
  }
  if (!Array.isArray(next.failureStatuses) || next.failureStatuses.length === 0
    || next.failureStatuses.some(s => s !== 429 && s !== 503 && s !== 500 && s !== 504)) {
    throw new FaultConfigError(`failureStatuses must be a non-empty list of 429, 503, 500 or 504, not ${JSON.stringify(next.failureStatuses)}`);
  }
  if (!Number.isInteger(next.retryAfterSeconds) || next.retryAfterSeconds < 0) {
    throw new FaultConfigError(`retryAfterSeconds must be a whole number of seconds >= 0, not ${JSON.stringify(next.retryAfterSeconds)}`);
  }
  if (next.latencyMs !== null) {
    const l = next.latencyMs;
    if (!l || typeof l.min !== 'number' || typeof l.max !== 'number' || l.min < 0 || l.max < l.min) {
      // Dev Proxy refuses minMs > maxMs the same way.
      throw new FaultConfigError(`latencyMs must be { min, max } with 0 <= min <= max, not ${JSON.stringify(l)}`);
    }
  }
  if (next.rateLimit !== null) {
    const r = next.rateLimit;
    if (!r || !Number.isInteger(r.requests) || r.requests < 1 || !(r.windowSeconds > 0)) {
      throw new FaultConfigError(`rateLimit must be { requests >= 1, windowSeconds > 0 }, not ${JSON.stringify(r)}`);
    }
  }
  if (next.seed !== null && !Number.isInteger(next.seed)) throw new FaultConfigError(`seed must be an integer or null, not ${JSON.stringify(next.seed)}`);
  if (!Array.isArray(next.paths) || next.paths.some(p => typeof p !== 'string' || !p.startsWith('/'))) {
    throw new FaultConfigError(`paths must be a list of path prefixes starting with '/', not ${JSON.stringify(next.paths)}`);
  }
  return next;
}

function pathMatches(path: string, prefixes: string[]): boolean {
  if (prefixes.length === 0) return true;
  const lower = path.toLowerCase();
  const siteRelative = lower.startsWith(SITE_PATH) ? lower.slice(SITE_PATH.length) : null;
  return prefixes.some(p => {
    const pl = p.toLowerCase();
    return lower.startsWith(pl) || (siteRelative !== null && siteRelative.startsWith(pl));
  });
}

function userKey(req: TenantRequest): string {
  if (req.user) return req.user.userPrincipalName.toLowerCase();
  const h = req.headers['x-local-user'];
  return typeof h === 'string' ? h.toLowerCase() : 'anonymous';
}

/** The throttling answer in the shape of the API that was called. */
function throttled(req: TenantRequest, status: number, retryAfter: number, extraHeaders: Record<string, string> = {}): TenantResponse {
  const isGraph = req.path.startsWith(`${GRAPH_PATH}/`);
  const message = status === 429
    ? 'The request has been throttled by the local tenant (fault injection). Retry after the number of seconds in Retry-After.'
    : 'The service is temporarily unavailable (fault injection by the local tenant). Retry after the number of seconds in Retry-After.';
  const headers: Record<string, string> = { 'Retry-After': String(retryAfter), ...extraHeaders };
  if (isGraph) {
    // Graph's error shape (https://learn.microsoft.com/en-us/graph/errors); codes from "Microsoft Graph throttling guidance".
    const date = new Date().toISOString().slice(0, 19);
    return {
      status,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: { error: { code: status === 429 ? 'TooManyRequests' : 'serviceNotAvailable', message, innerError: { date } } }
    };
  }
  // SharePoint's JSON error shape (odata.error with code and message).
  return {
    status,
    headers: { ...headers, 'Content-Type': 'application/json;odata=verbose;charset=utf-8' },
    body: {
      'odata.error': {
        code: status === 429 ? '-2147024860, Microsoft.SharePoint.SPThrottledException' : '-2147024891, Microsoft.SharePoint.SPServiceUnavailable',
        message: { lang: 'en-US', value: message }
      }
    }
  };
}

export interface FaultInjectorOptions {
  /** Clock for rate-limit windows (milliseconds); the wall clock by default. */
  nowMs?: () => number;
  /** How latency is waited for; a real timer by default. */
  sleep?: (ms: number) => Promise<void>;
}

export function createFaultInjector(initial: Partial<FaultConfig> = {}, options: FaultInjectorOptions = {}): FaultInjector {
  const start = normaliseFaults(NO_FAULTS, initial);
  let cfg = start;
  const nowMs = options.nowMs || (() => Date.now());
  const sleep = options.sleep || ((ms: number) => new Promise<void>(r => setTimeout(r, ms)));
  let rand: () => number = cfg.seed === null ? () => randomInt(0, 2 ** 32) / 2 ** 32 : mulberry32(cfg.seed);
  let windows = new Map<string, { start: number; used: number }>();

  /** Any change made while a seed is set restarts the seeded sequence, so runs stay reproducible. */
  function apply(next: FaultConfig): void {
    const reseed = next.seed !== cfg.seed || next.seed !== null;
    const limitChanged = JSON.stringify(next.rateLimit) !== JSON.stringify(cfg.rateLimit);
    cfg = next;
    if (reseed) rand = cfg.seed === null ? () => randomInt(0, 2 ** 32) / 2 ** 32 : mulberry32(cfg.seed);
    if (limitChanged) windows = new Map();
  }

  return {
    config: () => JSON.parse(JSON.stringify(cfg)) as FaultConfig,
    set(c: Partial<FaultConfig>): void {
      apply(normaliseFaults(cfg, c));
    },
    reset(): void {
      apply(start);
      windows = new Map();
    },
    responseHeaders(req: TenantRequest): Record<string, string> {
      if (!cfg.rateLimit || !pathMatches(req.path, cfg.paths)) return {};
      const w = windows.get(userKey(req));
      if (!w) return {};
      const { requests, windowSeconds } = cfg.rateLimit;
      if (w.used < requests * RATE_LIMIT_WARNING_SHARE) return {};
      const reset = Math.max(1, Math.ceil((w.start + windowSeconds * 1000 - nowMs()) / 1000));
      return {
        'RateLimit-Limit': String(requests),
        'RateLimit-Remaining': String(Math.max(0, requests - w.used)),
        'RateLimit-Reset': String(reset)
      };
    },
    async intercept(req: TenantRequest): Promise<TenantResponse | null> {
      if (!pathMatches(req.path, cfg.paths)) return null;
      if (cfg.latencyMs) {
        const { min, max } = cfg.latencyMs;
        const ms = min + Math.floor(rand() * (max - min + 1));
        if (ms > 0) await sleep(ms);
      }
      if (cfg.rateLimit) {
        const { requests, windowSeconds } = cfg.rateLimit;
        const key = userKey(req);
        const now = nowMs();
        let w = windows.get(key);
        if (!w || now - w.start >= windowSeconds * 1000) {
          w = { start: now, used: 0 };
          windows.set(key, w);
        }
        const resetSeconds = Math.max(1, Math.ceil((w.start + windowSeconds * 1000 - now) / 1000));
        if (w.used >= requests) {
          return throttled(req, 429, resetSeconds, {
            'RateLimit-Limit': String(requests),
            'RateLimit-Remaining': '0',
            'RateLimit-Reset': String(resetSeconds)
          });
        }
        w.used++;
      }
      if (cfg.failureRate > 0 && rand() < cfg.failureRate) {
        const status = cfg.failureStatuses[Math.floor(rand() * cfg.failureStatuses.length)];
        return throttled(req, status, cfg.retryAfterSeconds);
      }
      return null;
    }
  };
}

function parseNumber(name: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new FaultConfigError(`${name}=${v} is not a number`);
  return n;
}

/**
 * Reads the fault configuration from the environment:
 *   LOCAL_TENANT_FAILURE_RATE=0.2            share of requests failed (0..1)
 *   LOCAL_TENANT_FAILURE_STATUSES=429,503    statuses to fail with
 *   LOCAL_TENANT_RETRY_AFTER=2               Retry-After seconds of random failures
 *   LOCAL_TENANT_LATENCY_MS=50-400           added latency (or a single number)
 *   LOCAL_TENANT_RATE_LIMIT=100/60           requests per window seconds, per user
 *   LOCAL_TENANT_FAULT_SEED=42               deterministic fault PRNG
 *   LOCAL_TENANT_FAULT_PATHS=/_api/,/graph/  only fault these path prefixes
 */
export function faultConfigFromEnv(env: NodeJS.ProcessEnv): Partial<FaultConfig> {
  const c: Partial<FaultConfig> = {};
  if (env.LOCAL_TENANT_FAILURE_RATE) c.failureRate = parseNumber('LOCAL_TENANT_FAILURE_RATE', env.LOCAL_TENANT_FAILURE_RATE);
  if (env.LOCAL_TENANT_FAILURE_STATUSES) {
    c.failureStatuses = env.LOCAL_TENANT_FAILURE_STATUSES.split(',').map(s => parseNumber('LOCAL_TENANT_FAILURE_STATUSES', s.trim()));
  }
  if (env.LOCAL_TENANT_RETRY_AFTER) c.retryAfterSeconds = parseNumber('LOCAL_TENANT_RETRY_AFTER', env.LOCAL_TENANT_RETRY_AFTER);
  if (env.LOCAL_TENANT_LATENCY_MS) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(env.LOCAL_TENANT_LATENCY_MS);
    if (!m) throw new FaultConfigError(`LOCAL_TENANT_LATENCY_MS=${env.LOCAL_TENANT_LATENCY_MS} must be min-max or one number of milliseconds`);
    c.latencyMs = { min: Number(m[1]), max: Number(m[2] === undefined ? m[1] : m[2]) };
  }
  if (env.LOCAL_TENANT_RATE_LIMIT) {
    const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(env.LOCAL_TENANT_RATE_LIMIT);
    if (!m) throw new FaultConfigError(`LOCAL_TENANT_RATE_LIMIT=${env.LOCAL_TENANT_RATE_LIMIT} must be requests/windowSeconds, e.g. 100/60`);
    c.rateLimit = { requests: Number(m[1]), windowSeconds: Number(m[2]) };
  }
  if (env.LOCAL_TENANT_FAULT_SEED) c.seed = parseNumber('LOCAL_TENANT_FAULT_SEED', env.LOCAL_TENANT_FAULT_SEED);
  if (env.LOCAL_TENANT_FAULT_PATHS) c.paths = env.LOCAL_TENANT_FAULT_PATHS.split(',').map(s => s.trim()).filter(Boolean);
  return c;
}

export function faultsFromEnv(env: NodeJS.ProcessEnv): FaultInjector {
  return createFaultInjector(faultConfigFromEnv(env));
}
