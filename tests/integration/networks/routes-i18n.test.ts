import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';
import { createNetwork } from '../../factories/cities.ts';
import { createSignedInUser } from '../../factories/users.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'routes' });
});
afterAll(() => app?.stop());

describe('route names and descriptions by language', () => {
  it('names every seeded route in en, fr and es, by ?lang= or Accept-Language', async () => {
    const anon = createClient(app.baseUrl);
    const fr = await anon.get('/api/routes?lang=fr');
    expect(fr.body.items).toHaveLength(12);
    for (const r of fr.body.items) {
      expect(Object.keys(r.names).sort()).toEqual(['en', 'es', 'fr']);
      expect(r.name).toBe(r.names.fr);
    }
    const central = (await anon.get('/api/routes/central-mediterranean', { 'accept-language': 'es-ES,es;q=0.9' })).body.route;
    expect(central.name).toBe('Mediterráneo central');
    expect(central.description).toMatch(/^ACNUR/);
    const en = (await anon.get('/api/routes/central-mediterranean')).body.route;
    expect(en).toMatchObject({ name: 'Central Mediterranean', names: { fr: 'Méditerranée centrale' } });
    expect((await anon.get('/api/routes?lang=de')).status).toBe(400);
  });

  it('shows route names of a city in the language asked for', async () => {
    const route = await app.db.route.findUniqueOrThrow({ where: { slug: 'darien' } });
    const city = await app.db.city.create({ data: { name: 'Necoclí', countryCode: 'CO', languages: ['es'], routes: { create: [{ routeId: route.id, role: 'transit' }] } } });
    const res = await createClient(app.baseUrl).get(`/api/cities/${city.id}?lang=fr`);
    expect(res.body.routes).toEqual([{ slug: 'darien', name: 'Traversée du Darién', role: 'transit' }]);
  });
});

describe('editing routes', () => {
  it('lets a network manager create a route with translations and stages, then edit them', async () => {
    const { user, client: manager } = await createSignedInUser(app.db, app.baseUrl);
    await createNetwork(app.db, { managerIds: [user.id] });
    const created = await manager.post('/api/routes?lang=fr', {
      slug: 'test-route', name: 'Test route', description: 'English text',
      names: { fr: 'Route test' }, stages: { origin: ['sn'], transit: ['MA'], destination: ['ES'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Route test', description: 'English text', stageHints: { origin: ['SN'], transit: ['MA'], destination: ['ES'] } });

    const edited = await manager.patch('/api/routes/test-route?lang=es', {
      names: { es: 'Ruta de prueba' }, descriptions: { es: 'Texto' }, stages: { origin: [], transit: ['MA', 'DZ'], destination: ['ES', 'FR'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Ruta de prueba', description: 'Texto', names: { en: 'Test route', fr: 'Route test', es: 'Ruta de prueba' } });
    const shown = await createClient(app.baseUrl).get('/api/routes/test-route');
    expect(shown.body.route.stageHints).toEqual({ origin: [], transit: ['MA', 'DZ'], destination: ['ES', 'FR'] });

    // removing a translation ("") and the English description (null)
    const cleared = await manager.patch('/api/routes/test-route', { descriptions: { es: '' }, description: null, name: 'Renamed' });
    expect(cleared.body).toMatchObject({ name: 'Renamed', description: null, descriptions: {} });
  });

  it('re-indexes the practices on a route when its name changes (outbox, same transaction)', async () => {
    const { user, client: manager } = await createSignedInUser(app.db, app.baseUrl);
    await createNetwork(app.db, { managerIds: [user.id] });
    const route = await app.db.route.findUniqueOrThrow({ where: { slug: 'western-balkans' } });
    const city = await app.db.city.create({ data: { name: 'Subotica', countryCode: 'RS', languages: ['sr'] } });
    const practice = await app.db.practice.create({
      data: { title: 'T', summary: 'S', body: 'B', bodyHtml: '<p>B</p>', cityId: city.id, authorId: user.id, language: 'en', routes: { create: [{ routeId: route.id }] } },
    });
    const before = await app.db.outboxEvent.count({ where: { job: 'search.index-practice', payload: { path: ['practiceId'], equals: practice.id } } });
    expect((await manager.patch('/api/routes/western-balkans', { names: { fr: 'Balkans de l’Ouest' } })).status).toBe(200);
    const after = await app.db.outboxEvent.count({ where: { job: 'search.index-practice', payload: { path: ['practiceId'], equals: practice.id } } });
    expect(after).toBe(before + 1);
    // stages only: names unchanged, nothing to re-index
    expect((await manager.patch('/api/routes/western-balkans', { stages: { origin: [], transit: ['GR'], destination: [] } })).status).toBe(200);
    expect(await app.db.outboxEvent.count({ where: { job: 'search.index-practice', payload: { path: ['practiceId'], equals: practice.id } } })).toBe(after);
  });

  it('refuses bad input with every bad field named, and non-managers', async () => {
    const { user, client: manager } = await createSignedInUser(app.db, app.baseUrl);
    await createNetwork(app.db, { managerIds: [user.id] });
    const { client: nobody } = await createSignedInUser(app.db, app.baseUrl);

    expect((await createClient(app.baseUrl).patch('/api/routes/darien', { name: 'X' })).status).toBe(401);
    expect((await nobody.patch('/api/routes/darien', { name: 'X' })).status).toBe(403);
    expect((await manager.patch('/api/routes/nowhere', { name: 'X' })).status).toBe(404);
    expect((await manager.patch('/api/routes/darien', {})).status).toBe(400);

    const bad = await manager.patch('/api/routes/darien', { name: '', names: { de: 'Darién' }, stages: { origin: ['123'], transit: [], destination: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['name', 'names', 'stages.origin.0']));

    const unknown = await manager.patch('/api/routes/darien', { stages: { origin: ['XX'], transit: ['CO', 'QQ'], destination: [] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['stages.origin.0', 'stages.transit.1']);
    const darien = await app.db.route.findUniqueOrThrow({ where: { slug: 'darien' } });
    expect(darien.stageHints).toEqual({ origin: [], transit: ['CO', 'PA'], destination: [] });
    expect(darien.name).toBe('Darién crossing');
  });
});
