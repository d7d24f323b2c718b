# Charter Twinning: one image for the API, the workers and the one-shot migration job.
#   docker compose up --build        (see docker-compose.yml)
#   docker build -t charter-twinning .

ARG NODE_IMAGE=node:20-bookworm-slim

# ── base: Node 20 + npm 11 + openssl ────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS base
# npm 11: install scripts are opt-in and package.json "allowScripts" says which run (npm 10, shipped with
# Node 20, would ignore it). openssl and ca-certificates: for TLS connections to managed databases.
ARG NPM_VERSION=11
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g "npm@${NPM_VERSION}" \
 && npm cache clean --force
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /app

# ── deps: exactly the lockfile ──────────────────────────────────────────────────────────────────────
FROM base AS deps
COPY package.json package-lock.json ./
# Dev dependencies stay here: TypeScript compiles the server and vite builds the client in the next stage.
RUN npm ci && npm cache clean --force

# ── build: the server compiled to dist/, the client bundle ─────────────────────────────────────────
FROM deps AS build
COPY . .
# scripts/build.mjs: server/, workers/, scripts/ and the committed Prisma client (server/generated) →
# dist/ (plain JavaScript; prisma/ copied beside it, the query compiler as a .wasm file). Migrations run
# through the platform's own migrator (dist/scripts/migrate.js), so no native Prisma engine is needed.
RUN npm run build \
 && test -f dist/server/main.js && test -f dist/workers/main.js && test -f dist/scripts/migrate.js \
 && test -f client/dist/index.html

# ── prod-deps: the lockfile without dev dependencies (no TypeScript, vite, vitest, Prisma CLI) ──────
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ── runtime ─────────────────────────────────────────────────────────────────────────────────────────
FROM base AS runtime
# MALLOC_ARENA_MAX=2: fewer glibc malloc arenas (one per allocating thread otherwise), less RSS; fixed mmap and
# trim thresholds (128 KiB): glibc otherwise raises them after start's large temporary allocations, and keeps
# what is freed below them (docs/benchmarks.md, "Runtime and memory").
# No TypeScript sources in this stage: `npm run start:api|db:migrate` skip their build step and run dist/.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CLIENT_DIST=client/dist \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
# Files stay owned by root: the app (user node) can read but not rewrite its own code. No TypeScript
# sources: the processes run dist/; prisma/migrations is read from the working directory.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/client/dist ./client/dist
USER node
EXPOSE 3000
# Liveness of the API (no curl in slim images: Node's fetch). The worker and migrate services of
# docker-compose.yml disable it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not through npm) so SIGTERM reaches the process and it drains gracefully. The flags are
# `npm run start:api`'s: a small young generation and V8's memory-saving heuristics keep the API's
# RSS low (idle and peak, docs/benchmarks.md, "Runtime and memory"); no memory reducer and the GC on
# the main thread keep the real-time tail short on few cores (same file, "Real time").
CMD ["node", "--max-semi-space-size=2", "--optimize-for-size", "--no-memory-reducer", "--single-threaded-gc", "dist/server/main.js"]
