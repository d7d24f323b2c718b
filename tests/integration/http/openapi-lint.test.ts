import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';

/** The live OpenAPI document passes Redocly's `recommended` rules (redocly.yaml): no error, no warning. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'openapi_lint' });
});
afterAll(() => app?.stop());

describe('OpenAPI document', () => {
  it('lints clean with Redocly recommended', async () => {
    const doc = (await createClient(app.baseUrl).get('/api/openapi.json')).body;
    const config = await loadConfig({ configPath: path.join(ROOT, 'redocly.yaml') });
    const problems = await lintFromString({ source: JSON.stringify(doc, null, 2), absoluteRef: path.join(ROOT, 'openapi.json'), config });
    const report = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`);
    expect(report).toEqual([]);
  });

  it('names every operation, says who may call it and documents the problem it may answer', async () => {
    const doc = (await createClient(app.baseUrl).get('/api/openapi.json')).body;
    const ops = Object.values(doc.paths as Record<string, Record<string, any>>).flatMap((item) => Object.values(item));
    const ids = ops.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of ops) {
      expect(Array.isArray(op.security), op.operationId).toBe(true);
      expect(op.responses['400'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    }
    expect(doc.info.license.identifier).toBe('AGPL-3.0-or-later');
    const problem = doc.components.schemas.Problem;
    expect(Object.keys(problem.properties).sort()).toEqual(['code', 'detail', 'errors', 'instance', 'requestId', 'status', 'title', 'type']);
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId']));
  });
});
