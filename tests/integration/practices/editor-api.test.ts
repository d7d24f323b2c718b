import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser } from '../../factories/users.ts';

/** What the browser editor and the review queue need beyond the workflow: preview, the queue, return with a comment. */
let app: TestApp;
let author: TestClient;
let manager: TestClient;
let otherManager: TestClient;
let authorId: string;
let cityId: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'practices_editor' });
  const [a, m, om] = await Promise.all([1, 2, 3].map(() => createSignedInUser(app.db, app.baseUrl)));
  author = a.client;
  authorId = a.user.id;
  manager = m.client;
  otherManager = om.client;
  const network = await createNetwork(app.db, { managerIds: [m.user.id] });
  await createNetwork(app.db, { managerIds: [om.user.id] });
  cityId = (await createCity(app.db, { name: 'Ceuta', networkIds: [network.id], members: [{ userId: a.user.id, role: 'practitioner' }] })).id;
});
afterAll(() => app?.stop());

describe('POST /api/practices/preview', () => {
  it('renders with the stored bodies\' renderer and sanitises script, event handlers and javascript: URLs', async () => {
    const body = [
      '# Title', '', '**bold** [ok](https://example.org)', '',
      '<script>alert(1)</script>', '<img src="https://example.org/x.png" onerror="alert(2)">',
      '[click](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">x</a> <p onclick="alert(5)">p</p>',
    ].join('\n');
    const res = await author.post('/api/practices/preview', { body });
    expect(res.status).toBe(200);
    const html: string = res.body.bodyHtml;
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toMatch(/<script|alert\(1\)|\son\w+=/i);
    // every link left points to http(s): no javascript: URL reaches an href, whatever its case
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.org']);
    // the same HTML a stored practice gets
    const created = await author.post('/api/practices', practiceInput(cityId, { body }));
    expect(created.body.bodyHtml).toBe(html);
  });

  it('needs a signed-in user and a body within the limit', async () => {
    expect((await createClient(app.baseUrl).post('/api/practices/preview', { body: 'x' })).status).toBe(401);
    const long = await author.post('/api/practices/preview', { body: 'x'.repeat(50_001) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].path).toBe('body');
  });
});

describe('the review queue and returning with a comment', () => {
  it('lists in-review practices of managed networks only, and returns one to its author with the comment', async () => {
    const p = (await author.post('/api/practices', practiceInput(cityId, { title: 'Queue me' }))).body;
    const draftOnly = (await author.post('/api/practices', practiceInput(cityId, { title: 'Still a draft' }))).body;
    expect((await author.post(`/api/practices/${p.id}/submit`)).status).toBe(200);

    const queue = await manager.get('/api/practices?review=true');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await otherManager.get('/api/practices?review=true')).body.items).toEqual([]);
    expect((await createClient(app.baseUrl).get('/api/practices?review=true')).body.items).toEqual([]);
    expect((await author.get('/api/practices?review=true')).body.items).toEqual([]);
    expect(draftOnly.status).toBe('draft');

    // a manager of another network does not even see it
    expect((await otherManager.post(`/api/practices/${p.id}/return`, { comment: 'no' })).status).toBe(404);
    const returned = await manager.post(`/api/practices/${p.id}/return`, { comment: 'Please add the budget breakdown' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('draft');
    const history = await author.get(`/api/practices/${p.id}/revisions`);
    expect(history.body.items[0]).toMatchObject({ action: 'returned', note: 'Please add the budget breakdown' });

    // the author is told through the notification pipeline, with the comment
    const row = await app.db.outboxEvent.findFirstOrThrow({ where: { job: 'notification.fanout', payload: { path: ['eventKey'], equals: `practice-${p.id}-v3-practice.returned` } } });
    expect(row.payload).toMatchObject({ type: 'practice.returned', recipients: [{ kind: 'user', userId: authorId }], data: { comment: 'Please add the budget breakdown', title: 'Queue me' } });
    expect((await manager.get('/api/practices?review=true')).body.items).toEqual([]);
  });
});
