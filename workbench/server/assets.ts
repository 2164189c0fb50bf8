/**
 * The workbench's JavaScript as SharePoint's CDN serves a package's bundles: a content-hashed
 * name cached for a year (`immutable`), compressed once at start (brotli or gzip, whichever the
 * browser accepts), with an ETag so that a revalidation costs a 304 and no body.
 */
import * as crypto from 'crypto';
import type * as http from 'http';
import * as zlib from 'zlib';

export interface StaticAsset {
  /** The hashed path the page references, e.g. /_workbench/app.3f2a9c1b0d.js */
  path: string;
  etag: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export function createStaticAsset(name: string, body: string | Buffer, contentType: string): StaticAsset {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const hash = crypto.createHash('sha256').update(identity).digest('hex').slice(0, 16);
  const dot = name.lastIndexOf('.');
  return {
    path: `${name.slice(0, dot)}.${hash}${name.slice(dot)}`,
    etag: `"${hash}"`,
    contentType,
    identity,
    gzip: zlib.gzipSync(identity, { level: 9 }),
    brotli: zlib.brotliCompressSync(identity, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length }
    })
  };
}

/** The encoding to send for an Accept-Encoding header: brotli first, then gzip (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | 'identity' {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding || '';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map(p => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    accepted.set(token, q ? Number(q[1]) : 1);
  }
  const ok = (token: string): boolean => (accepted.get(token) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Answers a request for the asset. `hashed` is false for the old unhashed name, which is
 * revalidated on every use (no-cache) instead of cached for a year.
 */
export function serveStaticAsset(req: http.IncomingMessage, res: http.ServerResponse, asset: StaticAsset, hashed: boolean): void {
  const headers: Record<string, string> = {
    'Content-Type': asset.contentType,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: asset.etag,
    Vary: 'Accept-Encoding'
  };
  const match = req.headers['if-none-match'];
  if (match && match.split(',').map(t => t.trim().replace(/^W\//, '')).indexOf(asset.etag) >= 0) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.identity;
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
