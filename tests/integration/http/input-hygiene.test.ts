import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type JsonResponse, type TestClient } from '../../helpers/http.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser, createUser, DEFAULT_PASSWORD } from '../../factories/users.ts';

/**
 * Text PostgreSQL cannot store (U+0000, lone UTF-16 surrogates) is refused by the validation layer, in
 * the body, the query and the path alike: a 400 `validation` problem naming each field, before any
 * service runs, with nothing written. Every response is also checked against its schema (http.ts).
 */
const NUL = 'a\u0000b';
let app: TestApp;
let anon: TestClient;
let author: TestClient;
let admin: TestClient;
let cityId: string;
let practiceId: string;
let networkId: string;
let writes: () => Promise<number>;

beforeAll(async () => {
  app = await startTestApp({ label: 'input_hygiene' });
  anon = createClient(app.baseUrl);
  const a = await createSignedInUser(app.db, app.baseUrl);
  author = a.client;
  admin = (await createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true })).client;
  networkId = (await createNetwork(app.db)).id;
  cityId = (await createCity(app.db, { networkIds: [networkId], members: [{ userId: a.user.id, role: 'focal_point' }] })).id;
  practiceId = (await author.post('/api/practices', practiceInput(cityId))).body.id;
  ({ writes } = await installWriteCounter(app.db));
});
afterAll(() => app?.stop());

/** A 400 validation problem naming exactly `paths`, after which not one row changed. */
async function refused(send: () => Promise<JsonResponse>, paths: string[]) {
  const before = await writes();
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status: 400, code: 'validation', type: 'https://errors.charter-twinning.org/validation', title: 'Bad Request' });
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([...paths].sort());
  for (const e of res.body.errors) expect(e.message).toMatch(/NUL|surrogate/);
  expect(await writes()).toBe(before);
  return res;
}

describe('NUL in a JSON body', () => {
  it('names plain text fields, the howTo JSON fields and reference ids of a new practice', async () => {
    await refused(() => author.post('/api/practices', practiceInput(cityId, {
      title: NUL, body: NUL, budget: NUL, contact: NUL, howTo: { process: NUL, transferability: `ok${NUL}` }, cityId: NUL, routes: [NUL],
    })), ['title', 'body', 'budget', 'contact', 'howTo.process', 'howTo.transferability', 'cityId', 'routes.0']);
  });

  it('names the fields of an edit and of a transition note', async () => {
    await refused(() => author.patch(`/api/practices/${practiceId}`, { summary: NUL, outcomes: NUL, howTo: { challenges: NUL } }), ['summary', 'outcomes', 'howTo.challenges']);
    await refused(() => author.post(`/api/practices/${practiceId}/submit`, { note: NUL }), ['note']);
  });

  it('covers cities (name, region, note, networkIds), members, routes and networks', async () => {
    await refused(() => admin.post('/api/cities', { name: NUL, country: 'ES', region: NUL, locationNote: NUL, languages: ['es'], networkIds: [NUL] }),
      ['name', 'region', 'locationNote', 'networkIds.0']);
    await refused(() => author.patch(`/api/cities/${cityId}`, { region: NUL }), ['region']);
    await refused(() => author.put(`/api/cities/${cityId}/priorities`, { priorities: [{ code: NUL, stance: 'offer' }] }), ['priorities.0.code']);
    await refused(() => author.put(`/api/cities/${cityId}/routes`, { routes: [{ route: NUL, role: 'origin' }] }), ['routes.0.route']);
    await refused(() => author.post(`/api/cities/${cityId}/members`, { userId: NUL, role: 'practitioner' }), ['userId']);
    await refused(() => admin.post(`/api/networks/${networkId}/managers`, { userId: NUL }), ['userId']);
    await refused(() => admin.post(`/api/networks/${networkId}/members`, { cityId: NUL }), ['cityId']);
    await refused(() => admin.post('/api/networks', { name: NUL, slug: 'nul-net', description: NUL }), ['name', 'description']);
    await refused(() => admin.post('/api/routes', { slug: 'nul-route', name: NUL }), ['name']);
  });

  it('refuses it in the e-mail of register and login, and in a field name', async () => {
    const user = await createUser(app.db);
    await refused(() => anon.post('/api/auth/register', { email: `x${NUL}@example.org`, password: 'a long enough secret', name: NUL }), ['email', 'name']);
    await refused(() => anon.post('/api/auth/login', { email: `${user.email}\u0000`, password: DEFAULT_PASSWORD }), ['email']);
    await refused(() => anon.post('/api/auth/login', { email: user.email, password: `${DEFAULT_PASSWORD}\u0000` }), ['password']);
    await refused(() => author.patch(`/api/practices/${practiceId}`, { [`title${NUL}`]: 'x' }), ['titlea\\u0000b']);
  });
});

describe('NUL in the query', () => {
  it('refuses it in the city list (raw SQL) and the match filters', async () => {
    await refused(() => anon.get('/api/cities?q=a%00b'), ['q']);
    await refused(() => anon.get('/api/cities?network=a%00b&route=x%00'), ['network', 'route']);
    await refused(() => anon.get(`/api/cities/${cityId}/matches?route=a%00b`), ['route']);
  });

  it('refuses it in the search engine query and facets', async () => {
    await refused(() => anon.get('/api/search/practices?q=a%00b'), ['q']);
    await refused(() => anon.get('/api/search/practices?region=a%00b'), ['region']);
    await refused(() => anon.get('/api/search/practices?region=ok&region=a%00b'), ['region.1']);
  });

  it('refuses it in a query parameter the route does not read, and in a forged cursor', async () => {
    await refused(() => anon.get('/api/networks?utm=a%00b'), ['utm']);
    const forged = Buffer.from(JSON.stringify(['a\u0000', 'b'])).toString('base64url');
    const res = await anon.get(`/api/cities?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'cursor', message: 'Not a cursor returned by this list' }]);
  });
});

describe('NUL in the path', () => {
  it('refuses it in every /:id and /:slug', async () => {
    await refused(() => anon.get('/api/cities/a%00b'), ['id']);
    await refused(() => author.patch('/api/cities/a%00b', { region: 'x' }), ['id']);
    await refused(() => anon.get('/api/cities/a%00b/matches'), ['id']);
    await refused(() => anon.get('/api/practices/a%00b'), ['id']);
    await refused(() => author.post('/api/practices/a%00b/publish', {}), ['id']);
    await refused(() => admin.post('/api/networks/a%00b/managers', { userId: 'x' }), ['id']);
    await refused(() => anon.get('/api/routes/a%00b'), ['slug']);
  });
});

describe('lone UTF-16 surrogates', () => {
  it('are refused like NUL: in a text field and in the howTo JSON', async () => {
    await refused(() => author.post('/api/practices', JSON.stringify(practiceInput(cityId, { title: 'x' })).replace('"title":"x"', '"title":"x\\ud800"')), ['title']);
    await refused(() => author.patch(`/api/practices/${practiceId}`, '{"howTo":{"process":"\\udc00 alone"}}'), ['howTo.process']);
  });
});
