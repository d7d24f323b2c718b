import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes `<asset>.br` (brotli, quality 11) and `<asset>.gz` (gzip -9) beside every script and style of
 * the build: the server sends them as they are (server/http/static-client.ts), smaller than on-the-fly
 * compression can afford to make them, at no CPU cost per request.
 */
function precompress(): Plugin {
  return {
    name: 'charter-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = path.join(options.dir ?? 'client/dist', 'assets');
      for (const name of readdirSync(dir)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = path.join(dir, name);
        const data = readFileSync(file);
        // small files too (sent without revalidation headers that way), when compressing makes them smaller
        const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
        const gz = gzipSync(data, { level: 9 });
        if (br.length < data.length) writeFileSync(`${file}.br`, br);
        if (gz.length < data.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

// The API (server/) listens on :3000 and, in production, serves client/dist on the
// same origin. In development Vite serves the client and proxies the API to it,
// so the client only ever uses relative URLs.
const API_TARGET = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

// When Vitest falls back to this file (no vitest.config.ts), keep the repository
// root as the project root so that tests/ is found.
const isVitest = Boolean(process.env.VITEST);

export default defineConfig({
  root: isVitest ? undefined : 'client',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist', // relative to root → client/dist
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        codeSplitting: {
          // a page's small helpers shared with one or two other pages travel inside each page's chunk
          experimentalInlineCommonChunks: { maxSize: 6144 },
          groups: [
            // what every page runs (React, the router, i18n, the shell) in one script, not ten small ones
            { name: 'app', tags: ['$initial'], priority: 2 },
            // small app modules several pages share (formatting, fetch hooks, status views): one chunk
            { name: 'shared', test: /[\\/]client[\\/]src[\\/]/, minShareCount: 4, maxModuleSize: 8192, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
      '/healthz': { target: API_TARGET },
      '/readyz': { target: API_TARGET },
      '/socket.io': { target: API_TARGET, ws: true },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: API_TARGET },
      '/healthz': { target: API_TARGET },
      '/readyz': { target: API_TARGET },
      '/socket.io': { target: API_TARGET, ws: true },
    },
  },
});
