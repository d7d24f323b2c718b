import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import type { TestClient } from '../../helpers/http.ts';
import { createCity } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser } from '../../factories/users.ts';
import { PRACTICE_LIMITS } from '../../../server/contract/practice-limits.ts';

/** Bad input is refused with every wrong field named and nothing written; Markdown never carries script. */
let app: TestApp;
let author: TestClient;
let cityId: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'practices_input' });
  const { user, client } = await createSignedInUser(app.db, app.baseUrl);
  author = client;
  cityId = (await createCity(app.db, { members: [{ userId: user.id, role: 'practitioner' }] })).id;
});
afterAll(() => app?.stop());

const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

describe('bad input → 400 with field errors, nothing written', () => {
  it('names every invalid field of a new practice at once', async () => {
    const before = await app.db.practice.count();
    const res = await author.post('/api/practices', practiceInput(cityId, {
      title: '   ',
      summary: '',
      body: 'x'.repeat(PRACTICE_LIMITS.body + 1),
      language: 'english',
      priorities: [],
      targetGroups: ['aliens'],
      startedOn: '2024-02-30',
    }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(paths(res.body)).toEqual(['body', 'language', 'priorities', 'startedOn', 'summary', 'targetGroups.0', 'title']);
    expect(await app.db.practice.count()).toBe(before);
  });

  it('refuses unknown priority codes, languages, routes and cities by name', async () => {
    const before = await app.db.practice.count();
    const res = await author.post('/api/practices', practiceInput(cityId, {
      priorities: ['dignity.1', 'dignity.9', 'kindness.1'], language: 'xx', routes: ['moon-route'],
    }));
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['language', 'priorities.1', 'priorities.2', 'routes.0']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'priorities.1').message).toContain('dignity.9');
    const noCity = await author.post('/api/practices', practiceInput('no-such-city'));
    expect(noCity.status).toBe(400);
    expect(paths(noCity.body)).toEqual(['cityId']);
    expect(await app.db.practice.count()).toBe(before);
  });

  it('accepts a body at the documented limit and refuses one over it', async () => {
    const atLimit = await author.post('/api/practices', practiceInput(cityId, { body: 'a'.repeat(PRACTICE_LIMITS.body) }));
    expect(atLimit.status).toBe(201);
    const over = await author.patch(`/api/practices/${atLimit.body.id}`, { body: 'a'.repeat(PRACTICE_LIMITS.body + 1) });
    expect(over.status).toBe(400);
    expect(paths(over.body)).toEqual(['body']);
    expect((await app.db.practice.findUniqueOrThrow({ where: { id: atLimit.body.id } })).version).toBe(1);
  });

  it('refuses bad edits (empty title, unknown fields such as cityId, dates out of order) without a new version', async () => {
    const created = await author.post('/api/practices', practiceInput(cityId, { startedOn: '2024-05-01' }));
    const id = created.body.id;
    for (const [patch, expected] of [
      [{ title: '' }, ['title']],
      [{ cityId: 'elsewhere' }, ['']],
      [{ priorities: ['nope.1'] }, ['priorities.0']],
      [{ endedOn: '2024-01-01' }, ['endedOn']],
    ] as const) {
      const res = await author.patch(`/api/practices/${id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(paths(res.body), JSON.stringify(patch)).toEqual(expected);
    }
    expect((await app.db.practice.findUniqueOrThrow({ where: { id } })).version).toBe(1);
    expect(await app.db.practiceRevision.count({ where: { practiceId: id } })).toBe(1);
  });
});

describe('Markdown is rendered and sanitised on the server', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '[click](javascript:alert(1))',
    '<a href="JaVaScRiPt:alert(1)">caps</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href=" javascript:alert(1)">space</a>',
    '<svg onload=alert(1)><circle /></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">styled</p>',
    '<details open ontoggle=alert(1)>',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![img](javascript:alert(1))',
  ];

  it('keeps the Markdown source and never returns script, event handlers or javascript: URLs in bodyHtml', async () => {
    const body = ['# Title', 'Plain **bold** text and a [good link](https://example.org).', ...payloads].join('\n\n');
    const res = await author.post('/api/practices', practiceInput(cityId, { body }));
    expect(res.status).toBe(201);
    const got = await author.get(`/api/practices/${res.body.id}`);
    expect(got.body.body).toBe(body);
    const html: string = got.body.bodyHtml;
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer" target="_blank">good link</a>');
    expect(html).not.toMatch(/<script|<iframe|<svg|<details/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:|data:text/i);
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toContain('alert(1)</');
  });

  it('sanitises again on every edit', async () => {
    const created = await author.post('/api/practices', practiceInput(cityId));
    const res = await author.patch(`/api/practices/${created.body.id}`, { body: 'Safe.\n\n<img src="https://example.org/x.png" onerror="steal()">' });
    expect(res.status).toBe(200);
    expect(res.body.bodyHtml).toContain('<img src="https://example.org/x.png" />');
    expect(res.body.bodyHtml).not.toContain('onerror');
    const row = await app.db.practice.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.bodyHtml).not.toContain('onerror');
  });
});
