import express from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemHandler } from '../../../server/http/problem-handler.ts';
import { createApiRegistry } from '../../../server/http/route.ts';
import { AppError, toProblem } from '../../../server/lib/errors.ts';

describe('toProblem', () => {
  it('keeps the message of an AppError and its field errors', () => {
    const p = toProblem(new AppError('conflict', 409, 'Already accepted', [{ path: 'status', message: 'x' }]));
    expect(p).toMatchObject({ status: 409, title: 'Conflict', detail: 'Already accepted', errors: [{ path: 'status', message: 'x' }] });
  });

  it('maps ZodError to 400 with one entry per field', () => {
    const r = z.object({ a: z.string(), b: z.object({ c: z.number() }) }).safeParse({ b: { c: 'x' } });
    const p = toProblem(r.error);
    expect(p.status).toBe(400);
    expect(p.errors?.map((e) => e.path)).toEqual(['a', 'b.c']);
  });

  it('maps a Prisma unique violation to 409', () => {
    expect(toProblem(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })).status).toBe(409);
  });

  it('gives every problem a type URI and a stable code, and every 400 errors[]', () => {
    expect(toProblem(new AppError('validation', 400, 'Bad'))).toMatchObject({ code: 'validation', type: 'https://errors.charter-twinning.org/validation', errors: [{ path: '', message: 'Bad' }] });
    const bodyParser = (status: number, type: string) => Object.assign(new Error('raw message with input'), { status, type });
    expect(toProblem(bodyParser(400, 'entity.parse.failed'))).toMatchObject({ status: 400, code: 'validation', errors: [{ path: 'body' }] });
    expect(toProblem(bodyParser(413, 'entity.too.large'))).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(toProblem(bodyParser(415, 'encoding.unsupported'))).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(toProblem(bodyParser(415, 'charset.unsupported'))).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(toProblem(Object.assign(new URIError('Failed to decode param'), { status: 400 }))).toMatchObject({ status: 400, code: 'validation', errors: [{ path: 'params' }] });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, code: 'internal', type: 'https://errors.charter-twinning.org/internal' });
    for (const p of [toProblem(bodyParser(400, 'entity.parse.failed')), toProblem(new Error('x'))]) expect(JSON.stringify(p)).not.toContain('raw message');
  });

  it('never exposes the message of an unexpected error', () => {
    const p = toProblem(new Error('connection to 10.0.0.3 failed: password authentication failed for user "prod"'));
    expect(p.status).toBe(500);
    expect(JSON.stringify(p)).not.toContain('password');
  });
});

describe('routes built with the registry', () => {
  async function serve() {
    const api = createApiRegistry();
    api.route({
      method: 'post', path: '/things/:id', tags: ['t'], summary: 's',
      params: z.object({ id: z.string().regex(/^\d+$/) }),
      query: z.object({ mode: z.enum(['a', 'b']).optional() }),
      body: z.object({ name: z.string().min(1) }),
      responses: { 201: { description: 'ok' } },
      handler: async ({ params, body }) => ({ status: 201, body: { id: params.id, name: body.name } }),
    });
    api.route({
      method: 'get', path: '/boom', tags: ['t'], summary: 's', responses: { 200: { description: 'never' } },
      handler: async () => {
        throw new Error('secret internals at /srv/app/db.ts:42');
      },
    });
    const app = express().use(express.json()).use(api.router).use(problemHandler);
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  }

  it('reports wrong params, query and body fields together in one 400', async () => {
    const s = await serve();
    try {
      const res = await fetch(`${s.url}/things/abc?mode=z`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":""}' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.json();
      expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['id', 'mode', 'name']);
      const ok = await fetch(`${s.url}/things/12`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
      expect(ok.status).toBe(201);
      expect(await ok.json()).toEqual({ id: '12', name: 'x' });
    } finally {
      s.close();
    }
  });

  it('turns a thrown error into a 500 problem without stack or message', async () => {
    const s = await serve();
    try {
      const res = await fetch(`${s.url}/boom`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('secret');
      expect(text).not.toContain('db.ts');
      expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    } finally {
      s.close();
    }
  });
});
