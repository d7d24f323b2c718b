import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

let app: TestApp;
let dist: string;
const script = `console.log(${JSON.stringify('a client script '.repeat(400))});\n`;

beforeAll(async () => {
  // a built client in miniature: index.html and one hashed asset with its precompressed twin
  dist = await mkdtemp(path.join(tmpdir(), 'charter-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), `<!doctype html><html><body>${'<p>page</p>'.repeat(300)}</body></html>`);
  await writeFile(path.join(dist, 'assets', 'index-AbC123xy.js'), script);
  await writeFile(path.join(dist, 'assets', 'index-AbC123xy.js.br'), brotliCompressSync(script));
  app = await startTestApp({ label: 'compression', env: { CLIENT_DIST: dist } });
});
afterAll(async () => {
  await app?.stop();
  await rm(dist, { recursive: true, force: true });
});

/** Raw GET (fetch would decode the body and hide Content-Encoding's effect on size). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('slow connections: compressed and cached responses', () => {
  it('sends the precompressed brotli twin of a hashed asset, cached for a year as immutable', async () => {
    const res = await get(`${app.baseUrl}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    // a subresource's headers only: the document's policies (CSP, framing) are not repeated on each script
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    for (const h of ['content-security-policy', 'x-frame-options', 'etag', 'last-modified']) expect(res.headers[h]).toBeUndefined();
  });

  it('compresses on the fly what has no twin, and sends plain bytes to a client that accepts none', async () => {
    const gz = await get(`${app.baseUrl}/assets/index-AbC123xy.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(`${app.baseUrl}/assets/index-AbC123xy.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('revalidates the HTML shell on every visit and compresses it and the API’s JSON', async () => {
    const page = await get(`${app.baseUrl}/cities`, { accept: 'text/html', 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await get(`${app.baseUrl}/api/taxonomy`, { accept: 'application/json', 'accept-encoding': 'gzip' });
    expect(api.status).toBe(200);
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(api.body).toString()).principles).toHaveLength(7);
  });
});
