import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API (server/) listens on :3000 and, in production, serves client/dist on the
// same origin. In development Vite serves the client and proxies the API to it,
// so the client only ever uses relative URLs.
const API_TARGET = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

// When Vitest falls back to this file (no vitest.config.ts), keep the repository
// root as the project root so that tests/ is found.
const isVitest = Boolean(process.env.VITEST);

export default defineConfig({
  root: isVitest ? undefined : 'client',
  plugins: [react()],
  build: {
    outDir: 'dist', // relative to root → client/dist
    emptyOutDir: true,
    sourcemap: true,
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
