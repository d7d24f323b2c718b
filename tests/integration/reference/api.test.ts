import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';
import { createSignedInUser } from '../../factories/users.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'refapi', env: { BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'an admin password' } });
});
afterAll(() => app?.stop());

describe('reference data over HTTP', () => {
  it('lists the 35 Charter priorities, 7 principles × 5, localised by ?lang and Accept-Language', async () => {
    const anon = createClient(app.baseUrl);
    const en = await anon.get('/api/taxonomy');
    expect(en.status).toBe(200);
    expect(en.body.principles).toHaveLength(7);
    const codes = en.body.principles.flatMap((p: { priorities: { code: string }[] }) => p.priorities.map((q) => q.code));
    expect(codes).toHaveLength(35);
    expect(codes).toContain('solidarity.3');
    expect(codes.every((c: string) => /^[a-z]+\.[1-5]$/.test(c))).toBe(true);

    const fr = await anon.get('/api/taxonomy?lang=fr');
    expect(fr.body.principles[0].label).toBe('Dignité');
    const es = await anon.get('/api/taxonomy', { 'accept-language': 'es-ES,es;q=0.9' });
    expect(es.body.lang).toBe('es');
    expect(es.body.principles[0].label).toBe('Dignidad');
    const bad = await anon.get('/api/taxonomy?lang=de');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('lang');
  });

  it('lists the 12 named routes and shows one by slug with its three stages', async () => {
    const anon = createClient(app.baseUrl);
    const list = await anon.get('/api/routes');
    expect(list.body.items).toHaveLength(12);
    const slugs = list.body.items.map((r: { slug: string }) => r.slug);
    expect(slugs).toContain('central-mediterranean');
    const one = await anon.get('/api/routes/central-mediterranean');
    expect(one.status).toBe(200);
    expect(one.body.route).toMatchObject({ slug: 'central-mediterranean', name: 'Central Mediterranean' });
    expect(Object.keys(one.body.stages).sort()).toEqual(['destination', 'origin', 'transit']);
    expect((await anon.get('/api/routes/nowhere')).status).toBe(404);
    expect((await anon.get('/api/routes/Not_A_Slug')).status).toBe(400);
  });

  it('has the founding network with the Charter cities, with GeoNames coordinates where known', async () => {
    const founding = await app.db.network.findFirstOrThrow({ where: { isFounding: true }, include: { cities: { include: { city: true } } } });
    const cities = founding.cities.map((c) => c.city);
    expect(cities.length).toBeGreaterThan(40);
    const barcelona = cities.find((c) => c.name === 'Barcelona')!;
    expect(barcelona.countryCode).toBe('ES');
    expect(barcelona.lat).toBeCloseTo(41.39, 1);
    expect(barcelona.lon).toBeCloseTo(2.16, 1);
    expect(barcelona.geonamesId).toBeTypeOf('number');
    const keurMaba = cities.find((c) => c.name === 'Keur Maba')!;
    expect(keurMaba.lat).toBeNull();
    expect(keurMaba.locationNote).toBeTruthy();
    const list = await createClient(app.baseUrl).get('/api/networks');
    expect(list.body.items[0]).toMatchObject({ isFounding: true, cityCount: cities.length });
  });

  it('creates the bootstrap admin once, however often the app starts', async () => {
    expect(await app.db.user.count({ where: { email: 'admin@example.org', isPlatformAdmin: true } })).toBe(1);
    const { prepareDatabase } = await import('../../../server/bootstrap.ts');
    const { createLogger } = await import('../../../server/lib/logger.ts');
    await prepareDatabase({ env: app.env, url: app.database.url, db: app.db, logger: createLogger('silent') });
    expect(await app.db.user.count({ where: { email: 'admin@example.org' } })).toBe(1);
  });

  it('lets only managers add routes and only admins create networks', async () => {
    const { client: nobody } = await createSignedInUser(app.db, app.baseUrl);
    const admin = await createClient(app.baseUrl).post('/api/auth/login', { email: 'admin@example.org', password: 'an admin password' });
    const asAdmin = createClient(app.baseUrl, { token: admin.body.token });
    const body = { slug: 'test-corridor', name: 'Test corridor' };
    expect((await createClient(app.baseUrl).post('/api/routes', body)).status).toBe(401);
    expect((await nobody.post('/api/routes', body)).status).toBe(403);
    expect((await nobody.post('/api/networks', { name: 'N', slug: 'n' })).status).toBe(403);
    expect(await app.db.route.count({ where: { slug: 'test-corridor' } })).toBe(0);
    expect((await asAdmin.post('/api/routes', body)).status).toBe(201);
    expect((await asAdmin.post('/api/routes', body)).status).toBe(409);
    const net = await asAdmin.post('/api/networks', { name: 'FEMP test', slug: 'femp-test' });
    expect(net.status).toBe(201);
    const me = await nobody.get('/api/me');
    expect((await asAdmin.post(`/api/networks/${net.body.id}/managers`, { userId: me.body.user.id })).status).toBe(201);
    // now a manager: may add routes
    expect((await nobody.post('/api/routes', { slug: 'second-corridor', name: 'Second' })).status).toBe(201);
    expect((await nobody.get('/api/me')).body.managedNetworks).toEqual([{ id: net.body.id, slug: 'femp-test', name: 'FEMP test' }]);
  });
});

describe('operations', () => {
  it('answers /healthz and /readyz with every dependency checked', async () => {
    const anon = createClient(app.baseUrl);
    expect((await anon.get('/healthz')).status).toBe(200);
    const ready = await anon.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['postgres', 'redis']));
  });

  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const doc = (await createClient(app.baseUrl).get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const register = doc.paths['/api/auth/register'].post;
    const schema = register.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'password', 'name']));
    expect(schema.properties.password.minLength).toBe(10);
    expect(doc.paths['/api/routes/{slug}'].get.parameters[0]).toMatchObject({ name: 'slug', in: 'path' });
    const docs = await fetch(`${app.baseUrl}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
