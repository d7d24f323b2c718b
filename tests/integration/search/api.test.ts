import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser } from '../../factories/users.ts';

/**
 * GET /api/search/practices over HTTP with the workers running: validation, the response contract,
 * readiness, and freshness (publishing, editing and archiving reach the index through the outbox).
 */
let app: TestApp;
let author: TestClient;
let manager: TestClient;
let cityId: string;
let managerId: string;
const anon = () => createClient(app.baseUrl);

beforeAll(async () => {
  app = await startTestApp({ label: 'search_api' });
  await app.startWorkers();
  const a = await createSignedInUser(app.db, app.baseUrl);
  const m = await createSignedInUser(app.db, app.baseUrl);
  const network = await createNetwork(app.db, { managerIds: [m.user.id] });
  cityId = (await createCity(app.db, { name: 'Lampedusa', countryCode: 'IT', networkIds: [network.id], members: [{ userId: a.user.id, role: 'practitioner' }] })).id;
  author = a.client;
  manager = m.client;
  managerId = m.user.id;
});
afterAll(() => app?.stop());

/** Polls the search until `predicate` holds or the deadline passes; returns the last response body. */
async function pollSearch(path: string, predicate: (body: any) => boolean, deadlineMs = 10_000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const res = await anon().get(path);
    expect(res.status).toBe(200);
    if (predicate(res.body) || Date.now() > until) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const ids = (body: { hits: { id: string }[] }) => body.hits.map((h) => h.id);

describe('GET /api/search/practices: input', () => {
  it('answers 400 with field errors for perPage over 100, paging too deep and malformed filters', async () => {
    const res = await anon().get('/api/search/practices?q=kitchen&perPage=101&priority=not-a-code&country=italy&language=english');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['country.0', 'language.0', 'perPage', 'priority.0']);
    const deep = await anon().get('/api/search/practices?page=101&perPage=100');
    expect(deep.status).toBe(400);
    expect(deep.body.errors.map((e: { path: string }) => e.path)).toEqual(['page']);
  });

  it('answers with the contract shape and names the engine', async () => {
    const res = await anon().get('/api/search/practices?q=anything&priority=dignity.1,dignity.2&country=IT&country=FR');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hits: [], total: 0, page: 1, perPage: 20, totalPages: 0, engine: 'postgres' });
    expect(Object.keys(res.body.facets).sort()).toEqual(['country', 'language', 'principle', 'priority', 'region', 'route', 'targetGroup']);
  });

  it('reports the search engine in /readyz', async () => {
    const res = await anon().get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'search', ok: true })]));
  });
});

describe('freshness through the outbox', () => {
  it('finds a practice once published, follows its edits, and loses it when archived', async () => {
    const created = await author.post('/api/practices', practiceInput(cityId, {
      title: 'Harbour welcome desk with interpreters', summary: 'Interpreters meet every boat at the quay.',
    }));
    const id = created.body.id as string;
    await author.post(`/api/practices/${id}/submit`);
    // drafts and practices in review are not searchable, even after the workers had time to run
    await new Promise((r) => setTimeout(r, 300));
    expect(ids((await anon().get('/api/search/practices?q=interpreters')).body)).not.toContain(id);

    expect((await manager.post(`/api/practices/${id}/publish`)).status).toBe(200);
    const published = await pollSearch('/api/search/practices?q=interpreters', (b) => ids(b).includes(id));
    expect(ids(published)).toContain(id);
    // a typo finds it too, with highlights
    const typo = await anon().get('/api/search/practices?q=interpretres');
    expect(ids(typo.body)).toContain(id);
    expect(typo.body.hits[0].highlights.title).toContain('<mark>interpreters</mark>');

    expect((await manager.patch(`/api/practices/${id}`, { title: 'Quayside welcome desk with mediators' })).status).toBe(200);
    const edited = await pollSearch('/api/search/practices?q=mediators', (b) => ids(b).includes(id));
    expect(ids(edited)).toContain(id);
    expect(ids((await anon().get('/api/search/practices?q=harbour')).body)).not.toContain(id);

    expect((await author.post(`/api/practices/${id}/archive`)).status).toBe(200);
    const archived = await pollSearch('/api/search/practices?q=mediators', (b) => !ids(b).includes(id));
    expect(ids(archived)).not.toContain(id);
  });
});

describe('route names', () => {
  it('finds a practice by the name of its route in any interface language', async () => {
    const created = await author.post('/api/practices', practiceInput(cityId, { title: 'Lantern walk for newly arrived families', routes: ['darien'] }));
    const id = created.body.id as string;
    await author.post(`/api/practices/${id}/submit`);
    expect((await manager.post(`/api/practices/${id}/publish`)).status).toBe(200);
    await pollSearch('/api/search/practices?q=lantern', (b) => ids(b).includes(id));
    for (const q of ['lantern darién', 'lantern traversée', 'lantern cruce']) {
      expect(ids((await anon().get(`/api/search/practices?q=${encodeURIComponent(q)}`)).body), q).toContain(id);
    }
  });
});

describe('the network filter', () => {
  it("finds a city's practices by network once the city joins it (the join re-indexes them through the outbox)", async () => {
    const created = await author.post('/api/practices', practiceInput(cityId, { title: 'Seaside reading circle for newcomers' }));
    const id = created.body.id as string;
    await author.post(`/api/practices/${id}/submit`);
    expect((await manager.post(`/api/practices/${id}/publish`)).status).toBe(200);
    await pollSearch('/api/search/practices?q=seaside', (b) => ids(b).includes(id));

    const network = await createNetwork(app.db, { slug: 'island-towns', managerIds: [managerId] });
    const path = `/api/search/practices?q=seaside&network=${network.slug}`;
    expect(ids((await anon().get(path)).body)).not.toContain(id);
    expect((await manager.post(`/api/networks/${network.id}/members`, { cityId })).status).toBe(201);
    const after = await pollSearch(path, (b) => ids(b).includes(id));
    expect(ids(after)).toEqual([id]);
    expect((await anon().get('/api/search/practices?network=Not_A_Slug')).status).toBe(400);
  });
});

describe('GET /api/search: the one search box', () => {
  it('finds cities by name or country and practices, with typos', async () => {
    await createCity(app.db, { name: 'Thessaloniki', countryCode: 'GR' });
    const created = await author.post('/api/practices', practiceInput(cityId, { title: 'Lighthouse language cafe for newcomers' }));
    const id = created.body.id as string;
    await author.post(`/api/practices/${id}/submit`);
    expect((await manager.post(`/api/practices/${id}/publish`)).status).toBe(200);
    await pollSearch('/api/search/practices?q=lighthouse', (b) => ids(b).includes(id));

    const city = await anon().get('/api/search?q=Thesaloniki');
    expect(city.status).toBe(200);
    expect(city.body.cities[0]).toMatchObject({ name: 'Thessaloniki', country: 'GR' });
    // by the country's name, in any language, with its name in the one asked for
    const byCountry = await anon().get('/api/search?q=Grece&lang=fr');
    expect(byCountry.body.cities.map((c: { name: string }) => c.name)).toContain('Thessaloniki');
    expect(byCountry.body.cities.find((c: { name: string }) => c.name === 'Thessaloniki').countryName).toBe('Grèce');
    // a practice by a misspelt word of its title, and the city the practices are in
    const both = await anon().get('/api/search?q=lighthuose');
    expect(both.body.practices.map((p: { id: string }) => p.id)).toContain(id);
    expect(both.body.practices[0].highlight).toContain('<mark>');
    expect(both.body).toMatchObject({ practicesTotalIsEstimate: false });
    const lampedusa = await anon().get('/api/search?q=lampdusa');
    expect(lampedusa.body.cities[0]).toMatchObject({ id: cityId, name: 'Lampedusa' });
    expect((await anon().get('/api/search?q=')).status).toBe(400);
  });
});

describe('GET /api/search/cities: the cities of the one search box alone', () => {
  it('answers the same cities, in the same order, as the search box suggests', async () => {
    await createCity(app.db, { name: 'Lampedusa e Linosa', countryCode: 'IT' });
    for (const q of ['Lampedusa', 'lampdusa', 'Italie']) {
      const all = await anon().get(`/api/search?q=${encodeURIComponent(q)}&lang=fr`);
      const cities = await anon().get(`/api/search/cities?q=${encodeURIComponent(q)}&lang=fr`);
      expect(cities.status).toBe(200);
      expect(Object.keys(cities.body)).toEqual(['cities']);
      expect(cities.body.cities, q).toEqual(all.body.cities);
    }
    const lampedusa = (await anon().get('/api/search/cities?q=Lampedusa&lang=fr')).body.cities;
    expect(lampedusa.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Lampedusa', 'Lampedusa e Linosa']));
    expect(lampedusa[0]).toMatchObject({ country: 'IT', countryName: 'Italie' });
    expect((await anon().get('/api/search/cities?q=Lampedusa&limit=1')).body.cities).toHaveLength(1);
    expect((await anon().get('/api/search/cities?q=')).status).toBe(400);
  });
});
