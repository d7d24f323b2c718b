import { Router } from 'express';

export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

/** Liveness says the process runs; readiness says every dependency it needs answers. */
export function healthRouter(checks: ReadinessCheck[]) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptime: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), 2000);
        return { name, ok: true, ms: Math.round(performance.now() - started) };
      } catch (err) {
        return { name, ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    }));
    const ok = results.every((r) => r.ok);
    if (!ok) res.setHeader('Retry-After', '5');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', checks: results });
  });
  return router;
}
