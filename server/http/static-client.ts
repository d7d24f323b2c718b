import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type RequestHandler, type Response } from 'express';

/** Hashed build output (vite writes `assets/<name>-<hash>.<ext>`): its URL changes with its content. */
const HASHED = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{6,}\.(?:js|css|woff2?|svg|png|json)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A hashed file of the built client (`/assets/<name>-<hash>.<ext>`). */
export const isClientAsset = (urlPath: string) => urlPath.startsWith('/assets/') && HASHED.test(urlPath);

/**
 * What a hashed script or style needs instead of the document's security headers (helmet, app.ts): no
 * sniffing into another type and no use by other sites. CSP, framing and referrer policies apply to
 * documents, so they are left to the HTML.
 */
export function assetHeaders(res: Response, next: NextFunction) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  next();
}
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

/**
 * The build's precompressed twins (`.br`, `.gz`, written by vite.config.ts): sent as they are when the
 * browser accepts them, so no byte is compressed per request. Anything else falls through.
 */
function precompressed(dist: string): RequestHandler {
  const assets = path.join(dist, 'assets');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    const file = path.join(dist, path.normalize(req.path));
    if (!file.startsWith(assets + path.sep) || !TYPES[path.extname(file)]) return next();
    // brotli whenever the browser takes it (smaller than gzip), whatever order it lists them in
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : null;
    if (!suffix || !existsSync(file + suffix)) return next();
    res.setHeader('Content-Encoding', encoding as string);
    res.setHeader('Content-Type', TYPES[path.extname(file)]);
    res.setHeader('Vary', 'Accept-Encoding');
    if (!HASHED.test(file)) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(file + suffix, { headers: { 'Content-Type': TYPES[path.extname(file)] } });
    }
    // an immutable file is never revalidated: sent as it is, without ETag, Last-Modified or ranges
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('Content-Length', statSync(file + suffix).size);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file + suffix).on('error', next).pipe(res);
  };
}

/**
 * The built client, same origin. Hashed assets are cached for a year as immutable (a new build has new
 * names), index.html is revalidated each time so a deploy is seen at once; unknown non-API paths fall
 * back to the SPA's index.html. What is not precompressed is compressed by `compression` (app.ts).
 */
export function serveClient(app: Express, clientDist: string) {
  const dist = path.resolve(clientDist);
  if (!existsSync(path.join(dist, 'index.html'))) return;
  app.use(precompressed(dist));
  app.use(express.static(dist, {
    index: false,
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', HASHED.test(file) ? IMMUTABLE : 'no-cache');
    },
  }));
  app.get('/{*splat}', (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  });
}
