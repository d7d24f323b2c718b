import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiRegistry } from '../../../server/http/route.ts';
import { responseMismatches } from '../../helpers/response-schema.ts';

/** The check every integration response goes through (tests/helpers/http.ts) catches drift. */
const api = createApiRegistry();
api.route({
  method: 'get', path: '/api/things/:id', tags: ['t'], summary: 's',
  params: z.object({ id: z.string() }),
  responses: { 200: { description: 'ok', schema: z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })) }) }, 404: { description: 'none' } },
  handler: async () => undefined,
});
api.route({ method: 'post', path: '/api/things/:id/done', tags: ['t'], summary: 's', responses: { 204: { description: 'done' } }, handler: async () => undefined });

const check = (status: number, body: unknown, contentType = 'application/json; charset=utf-8', path = '/api/things/7') =>
  responseMismatches(api.responseFor, { method: 'GET', path, status, contentType, body });
const problem = { type: 'https://errors.charter-twinning.org/not_found', title: 'Not Found', status: 404, detail: 'x', code: 'not_found', instance: '/api/things/7', requestId: 'r' };

describe('responseMismatches', () => {
  it('accepts a body that is exactly its declared schema', () => {
    expect(check(200, { id: '7', tags: [{ name: 'a' }] })).toEqual([]);
  });

  it('reports a wrong type, a missing field and a field the schema does not declare, at any depth', () => {
    expect(check(200, { id: 7, tags: [] })).toEqual(['GET /api/things/7 → 200: id: Invalid input: expected string, received number']);
    expect(check(200, { id: '7' })[0]).toContain('tags');
    expect(check(200, { id: '7', tags: [{ name: 'a', secret: 1 }], extra: true })).toEqual([
      'GET /api/things/7 → 200: tags.0.secret: not in the schema',
      'GET /api/things/7 → 200: extra: not in the schema',
    ]);
  });

  it('reports an undeclared success status and an error that is not a problem', () => {
    expect(check(201, { id: '7', tags: [] })).toEqual(['GET /api/things/7 → 201: status not declared by GET /api/things/:id']);
    expect(check(404, { error: 'nope' })[0]).toContain('not application/problem+json');
  });

  it('holds every problem to the one shape: code, instance, requestId; errors on a 400; never about:blank', () => {
    expect(check(404, problem, 'application/problem+json')).toEqual([]);
    const { code: _code, ...noCode } = problem;
    expect(check(404, noCode, 'application/problem+json')[0]).toContain('code');
    expect(check(400, { ...problem, status: 400 }, 'application/problem+json')).toEqual(['GET /api/things/7 → 400: a 400 without errors[]']);
    expect(check(404, { ...problem, type: 'about:blank' }, 'application/problem+json')).toEqual(['GET /api/things/7 → 404: problem type about:blank']);
  });

  it('matches concrete paths to their route, and leaves paths outside the registry alone', () => {
    expect(responseMismatches(api.responseFor, { method: 'POST', path: '/api/things/7/done?x=1', status: 204, contentType: '', body: undefined })).toEqual([]);
    expect(responseMismatches(api.responseFor, { method: 'POST', path: '/api/things/7/done', status: 200, contentType: 'application/json', body: {} })).toHaveLength(1);
    expect(check(200, 'anything', 'text/html', '/healthz')).toEqual([]);
  });
});
