/**
 * The workbench serves its JavaScript as SharePoint's CDN serves bundles: compressed (brotli or
 * gzip), under a content-hashed name cached for a year, with an ETag that answers 304.
 */
import * as http from 'http';
import * as zlib from 'zlib';
import type { AddressInfo } from 'net';
import { createStaticAsset, pickEncoding, serveStaticAsset } from '../../workbench/server/assets';

const source = `console.log(${JSON.stringify('x'.repeat(20000))});`;
const asset = createStaticAsset('/_workbench/app.js', source, 'text/javascript; charset=utf-8');
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => serveStaticAsset(req, res, asset, req.url === asset.path));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

/** A raw GET (Node's fetch would decompress and hide the encoding). */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode || 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('the hashed name is cached for a year and compressed with brotli when the browser accepts it', async () => {
  expect(asset.path).toMatch(/^\/_workbench\/app\.[0-9a-f]{16}\.js$/);
  const res = await get(asset.path, { 'Accept-Encoding': 'gzip, deflate, br' });
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(res.headers.vary).toBe('Accept-Encoding');
  expect(res.headers.etag).toBe(asset.etag);
  expect(res.body.length).toBeLessThan(source.length / 10);
  expect(zlib.brotliDecompressSync(res.body).toString('utf8')).toBe(source);
});

test('gzip for a browser without brotli, identity for one that accepts neither', async () => {
  const gz = await get(asset.path, { 'Accept-Encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).toString('utf8')).toBe(source);
  const plain = await get(asset.path, {});
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString('utf8')).toBe(source);
});

test('a revalidation with the ETag costs a 304 and no body; the old name is revalidated, not cached', async () => {
  const again = await get(asset.path, { 'If-None-Match': asset.etag, 'Accept-Encoding': 'br' });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  const old = await get('/_workbench/app.js', { 'Accept-Encoding': 'br' });
  expect(old.headers['cache-control']).toBe('no-cache');
});

test('Accept-Encoding with q-values', () => {
  expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
  expect(pickEncoding('*')).toBe('br');
  expect(pickEncoding('identity')).toBe('identity');
  expect(pickEncoding(undefined)).toBe('identity');
});
