import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser } from '../../factories/users.ts';

/**
 * The practice workflow (draft → in_review → published → archived, and back to draft from review) with
 * who may do what, revisions, optimistic concurrency and the outbox rows that feed the search index.
 */
type Who = 'anonymous' | 'author' | 'colleague' | 'focal' | 'outsider' | 'manager' | 'otherManager' | 'admin';

let app: TestApp;
let c: Record<Who, TestClient>;
let cityId: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'practices_flow' });
  const u = () => createSignedInUser(app.db, app.baseUrl);
  const [author, colleague, focal, outsider, manager, otherManager, admin] = await Promise.all([
    u(), u(), u(), u(), u(), u(), createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true }),
  ]);
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  await createNetwork(app.db, { managerIds: [otherManager.user.id] });
  const city = await createCity(app.db, {
    name: 'Palermo', countryCode: 'IT', networkIds: [network.id],
    members: [
      { userId: author.user.id, role: 'practitioner' },
      { userId: colleague.user.id, role: 'practitioner' },
      { userId: focal.user.id, role: 'focal_point' },
    ],
  });
  cityId = city.id;
  c = {
    anonymous: createClient(app.baseUrl),
    author: author.client, colleague: colleague.client, focal: focal.client, outsider: outsider.client,
    manager: manager.client, otherManager: otherManager.client, admin: admin.client,
  };
});
afterAll(() => app?.stop());

const draft = async (overrides: Record<string, unknown> = {}) => {
  const res = await c.author.post('/api/practices', practiceInput(cityId, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};
const indexJobs = (id: string) => app.db.outboxEvent.findMany({ where: { job: 'search.index-practice', payload: { equals: { practiceId: id } } }, orderBy: { id: 'asc' } });

describe('writing', () => {
  it('creates a draft for a member of the city, rendered and kept as revision 1', async () => {
    const res = await c.author.post('/api/practices', practiceInput(cityId));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft', version: 1, language: 'en', city: { id: cityId, name: 'Palermo', country: 'IT' },
      priorities: ['dignity.1', 'solidarity.3'], routes: ['central-mediterranean'], targetGroups: ['families'],
      startedOn: '2023-01-15', endedOn: null, publishedAt: null,
      howTo: { process: 'Book the room, invite families.' },
    });
    expect(res.body.body).toContain('**Tuesday**');
    expect(res.body.bodyHtml).toContain('<strong>Tuesday</strong>');
    expect(res.body.bodyHtml).toContain('href="https://example.org/kitchen"');
    const revisions = await app.db.practiceRevision.findMany({ where: { practiceId: res.body.id } });
    expect(revisions).toMatchObject([{ version: 1, action: 'created' }]);
    expect(await indexJobs(res.body.id)).toHaveLength(0); // drafts are nothing to the index
  });

  it('refuses practices for a city one is not a member of (403) and anonymous writers (401), writing nothing', async () => {
    const before = await app.db.practice.count();
    expect((await c.outsider.post('/api/practices', practiceInput(cityId))).status).toBe(403);
    expect((await c.manager.post('/api/practices', practiceInput(cityId))).status).toBe(403);
    expect((await c.anonymous.post('/api/practices', practiceInput(cityId))).status).toBe(401);
    expect(await app.db.practice.count()).toBe(before);
  });
});

describe('seeing drafts', () => {
  it('shows a draft to its author, the city members and the city network managers only; 404 to others', async () => {
    const { id } = await draft();
    const expected: Record<Who, number> = { anonymous: 404, outsider: 404, otherManager: 404, author: 200, colleague: 200, focal: 200, manager: 200, admin: 200 };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      expect((await c[who].get(`/api/practices/${id}`)).status, who).toBe(status);
    }
    const anonList = await c.anonymous.get('/api/practices?limit=100');
    expect(anonList.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const outsiderList = await c.outsider.get('/api/practices?limit=100');
    expect(outsiderList.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const mine = await c.author.get('/api/practices?mine=true&status=draft&limit=100');
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('pages with the cursor it returns, and answers a forged cursor with a 400 naming it', async () => {
    await draft();
    await draft();
    const first = await c.author.get('/api/practices?mine=true&limit=1');
    expect(first.status).toBe(200);
    const next = await c.author.get(`/api/practices?mine=true&limit=1&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
    const forged = Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url');
    const bad = await c.author.get(`/api/practices?cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });
});

describe('editing', () => {
  it('lets the author and the focal point edit a draft, not a colleague; every edit bumps the version', async () => {
    const { id } = await draft();
    const byAuthor = await c.author.patch(`/api/practices/${id}`, { title: 'Kitchen for families', version: 1 });
    expect(byAuthor.status).toBe(200);
    expect(byAuthor.body).toMatchObject({ title: 'Kitchen for families', version: 2 });
    const byFocal = await c.focal.patch(`/api/practices/${id}`, { priorities: ['equity.2'], budget: null });
    expect(byFocal.status).toBe(200);
    expect(byFocal.body).toMatchObject({ priorities: ['equity.2'], budget: null, version: 3 });
    expect((await c.colleague.patch(`/api/practices/${id}`, { title: 'Mine now' })).status).toBe(403);
    expect((await c.outsider.patch(`/api/practices/${id}`, { title: 'Mine now' })).status).toBe(404);
    const stale = await c.author.patch(`/api/practices/${id}`, { title: 'Late edit', version: 2 });
    expect(stale.status).toBe(409);
    const row = await app.db.practice.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: 'Kitchen for families', version: 3 });
  });

  it('keeps every change as a revision with the content of that version', async () => {
    const { id } = await draft({ title: 'Version one' });
    await c.author.patch(`/api/practices/${id}`, { title: 'Version two' });
    await c.author.post(`/api/practices/${id}/submit`);
    await c.manager.post(`/api/practices/${id}/return`, { note: 'Add the budget breakdown' });
    await c.author.patch(`/api/practices/${id}`, { title: 'Version five' });
    const res = await c.author.get(`/api/practices/${id}/revisions`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { version: number; action: string }) => [r.version, r.action])).toEqual([
      [5, 'edited'], [4, 'returned'], [3, 'submitted'], [2, 'edited'], [1, 'created'],
    ]);
    expect(res.body.items[1].note).toBe('Add the budget breakdown');
    const snapshots = await app.db.practiceRevision.findMany({ where: { practiceId: id }, orderBy: { version: 'asc' } });
    expect(snapshots.map((r) => (r.snapshot as { title: string; status: string }).title))
      .toEqual(['Version one', 'Version two', 'Version two', 'Version two', 'Version five']);
    expect(snapshots.map((r) => (r.snapshot as { status: string }).status)).toEqual(['draft', 'draft', 'in_review', 'draft', 'draft']);
    expect((await c.outsider.get(`/api/practices/${id}/revisions`)).status).toBe(404);
  });
});

describe('review and publication', () => {
  it('walks draft → in_review → published → archived → published with the right people, 409 on illegal moves', async () => {
    const { id } = await draft();
    expect((await c.outsider.post(`/api/practices/${id}/submit`)).status).toBe(404);
    const submitted = await c.author.post(`/api/practices/${id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'in_review', version: 2 });
    expect((await c.author.post(`/api/practices/${id}/submit`)).status).toBe(409);

    // once submitted the author no longer edits; reviewers may
    expect((await c.author.patch(`/api/practices/${id}`, { title: 'Sneaky' })).status).toBe(403);
    // publishing is for managers of the city's networks
    expect((await c.author.post(`/api/practices/${id}/publish`)).status).toBe(403);
    expect((await c.focal.post(`/api/practices/${id}/publish`)).status).toBe(403);
    expect((await c.otherManager.post(`/api/practices/${id}/publish`)).status).toBe(404);
    expect(await indexJobs(id)).toHaveLength(0);

    const published = await c.manager.post(`/api/practices/${id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', version: 3 });
    expect(published.body.publishedAt).toBeTruthy();
    expect((await c.anonymous.get(`/api/practices/${id}`)).status).toBe(200);
    expect((await c.manager.post(`/api/practices/${id}/publish`)).status).toBe(409);
    // the index job was written with the status change
    expect((await indexJobs(id)).map((j) => j.jobId)).toEqual([`search.index-practice-${id}-v3-published`]);

    const corrected = await c.manager.patch(`/api/practices/${id}`, { summary: 'Corrected by the reviewer.' });
    expect(corrected.body).toMatchObject({ status: 'published', version: 4, summary: 'Corrected by the reviewer.' });
    expect(await indexJobs(id)).toHaveLength(2);

    expect((await c.colleague.post(`/api/practices/${id}/archive`)).status).toBe(403);
    const archived = await c.author.post(`/api/practices/${id}/archive`);
    expect(archived.body).toMatchObject({ status: 'archived', version: 5 });
    expect((await c.anonymous.get(`/api/practices/${id}`)).status).toBe(404);
    expect((await c.manager.patch(`/api/practices/${id}`, { title: 'Frozen?' })).status).toBe(409);
    expect((await c.author.post(`/api/practices/${id}/archive`)).status).toBe(409);
    expect((await indexJobs(id)).map((j) => j.jobId.replace(`-${id}`, ''))).toEqual([
      'search.index-practice-v3-published', 'search.index-practice-v4-edited', 'search.index-practice-v5-archived',
    ]);

    const republished = await c.admin.post(`/api/practices/${id}/publish`);
    expect(republished.body).toMatchObject({ status: 'published', version: 6, publishedAt: published.body.publishedAt });
  });

  it('rejects a transition made against a stale version with 409 and changes nothing', async () => {
    const { id } = await draft();
    await c.author.patch(`/api/practices/${id}`, { title: 'Edited meanwhile' });
    const res = await c.author.post(`/api/practices/${id}/submit`, { version: 1 });
    expect(res.status).toBe(409);
    expect((await app.db.practice.findUniqueOrThrow({ where: { id } })).status).toBe('draft');
  });

  it('lets only one of two concurrent publications win', async () => {
    const { id } = await draft();
    await c.author.post(`/api/practices/${id}/submit`);
    const results = await Promise.all([c.manager.post(`/api/practices/${id}/publish`), c.admin.post(`/api/practices/${id}/publish`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await app.db.practiceRevision.count({ where: { practiceId: id, action: 'published' } })).toBe(1);
    expect(await indexJobs(id)).toHaveLength(1);
  });
});
