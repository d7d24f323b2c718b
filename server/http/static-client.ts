import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/** Hashed build output (vite writes `assets/<name>-<hash>.<ext>`): its URL changes with its content. */
const HASHED = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{6,}\.(?:js|css|woff2?|svg|png|json)$/;

/**
 * The built client, same origin. Hashed assets are cached for a year as immutable (a new build has new
 * names), index.html is revalidated each time so a deploy is seen at once; unknown non-API paths fall
 * back to the SPA's index.html. Responses are compressed by the `compression` middleware in app.ts.
 */
export function serveClient(app: Express, clientDist: string) {
  const dist = path.resolve(clientDist);
  if (!existsSync(path.join(dist, 'index.html'))) return;
  app.use(express.static(dist, {
    index: false,
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }));
  app.get('/{*splat}', (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  });
}
