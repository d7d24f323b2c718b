import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser } from '../../factories/users.ts';

let app: TestApp;
let anon: TestClient;
let manager: TestClient;
let admin: TestClient;
let network: { id: string; slug: string };
let otherNetwork: { id: string; slug: string };

beforeAll(async () => {
  app = await startTestApp({ label: 'cities' });
  anon = createClient(app.baseUrl);
  const m = await createSignedInUser(app.db, app.baseUrl);
  manager = m.client;
  admin = (await createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true })).client;
  network = await createNetwork(app.db, { slug: 'welcoming-cities', managerIds: [m.user.id] });
  otherNetwork = await createNetwork(app.db, { slug: 'other-network' });
});
afterAll(() => app?.stop());

const errorPaths = (body: { errors?: { path: string; message: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

describe('POST /api/cities', () => {
  it('lets a manager create a city in a network they manage, and reads it back', async () => {
    const res = await manager.post('/api/cities', {
      name: 'Málaga', country: 'es', region: 'Andalucía', population: 578460, lat: 36.72, lon: -4.42, languages: ['es'], networkIds: [network.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Málaga', country: 'ES', region: 'Andalucía', population: 578460, languages: ['es'],
      priorities: [], routes: [], networks: [{ id: network.id, slug: 'welcoming-cities' }], memberCount: 0,
    });
    const read = await anon.get(`/api/cities/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Málaga');
  });

  it('refuses the same city twice (name compared without accents or case) with 409', async () => {
    const again = await manager.post('/api/cities', { name: 'MALAGA', country: 'ES', region: 'Andalucía', languages: ['es'], networkIds: [network.id] });
    expect(again.status).toBe(409);
  });

  it('refuses a network the manager does not manage (403) and requires one (400); an admin needs none', async () => {
    const other = await manager.post('/api/cities', { name: 'Ceuta', country: 'ES', languages: ['es'], networkIds: [otherNetwork.id] });
    expect(other.status).toBe(403);
    const none = await manager.post('/api/cities', { name: 'Ceuta', country: 'ES', languages: ['es'] });
    expect(none.status).toBe(400);
    expect(errorPaths(none.body)).toEqual(['networkIds']);
    expect(await app.db.city.count({ where: { name: 'Ceuta' } })).toBe(0);
    const byAdmin = await admin.post('/api/cities', { name: 'Ceuta', country: 'ES', languages: ['es'] });
    expect(byAdmin.status).toBe(201);
  });

  it('names every unknown country, language and network, and writes nothing', async () => {
    const before = await app.db.city.count();
    const res = await manager.post('/api/cities', {
      name: 'Nowhere', country: 'XX', languages: ['es', 'xx', 'qq'], networkIds: [network.id, 'no-such-network'],
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['country', 'languages.1', 'languages.2', 'networkIds.1']);
    const messages = res.body.errors.map((e: { message: string }) => e.message).join(' | ');
    for (const value of ['"XX"', '"xx"', '"qq"', '"no-such-network"']) expect(messages).toContain(value);
    expect(await app.db.city.count()).toBe(before);
  });

  it('rejects malformed fields with 400: lat without lon, a three-letter country, a population below 0', async () => {
    const res = await manager.post('/api/cities', { name: 'X', country: 'ESP', languages: ['es'], lat: 10, population: -1, networkIds: [network.id] });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['country', 'lat', 'population']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'country').message).toContain('"ESP"');
  });
});

describe('editing a city', () => {
  let cityId: string;
  beforeAll(async () => {
    cityId = (await createCity(app.db, { name: 'Sfax', countryCode: 'TN', languages: ['ar'], networkIds: [network.id] })).id;
  });

  it('PATCHes the profile and refuses unknown fields', async () => {
    const res = await manager.patch(`/api/cities/${cityId}`, { population: 330440, lat: 34.74, lon: 10.76, languages: ['ar', 'fr'], region: 'Sfax Governorate' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ population: 330440, lat: 34.74, lon: 10.76, languages: ['ar', 'fr'], region: 'Sfax Governorate' });
    const extra = await manager.patch(`/api/cities/${cityId}`, { networkIds: [otherNetwork.id] });
    expect(extra.status).toBe(400);
  });

  it('rejects a PATCH with a bad language or country and changes nothing', async () => {
    const res = await manager.patch(`/api/cities/${cityId}`, { name: 'Renamed', country: 'QQ', languages: ['ar', 'zz'] });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['country', 'languages.1']);
    const row = await app.db.city.findUniqueOrThrow({ where: { id: cityId } });
    expect(row.name).toBe('Sfax');
    expect(row.languages).toEqual(['ar', 'fr']);
  });

  it('replaces priorities with their stances, labelled in the requested language, in Charter order', async () => {
    const res = await manager.put(`/api/cities/${cityId}/priorities?lang=fr`, {
      priorities: [{ code: 'solidarity.3', stance: 'seek' }, { code: 'dignity.1', stance: 'offer' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.priorities.map((p: { code: string; stance: string }) => [p.code, p.stance])).toEqual([['dignity.1', 'offer'], ['solidarity.3', 'seek']]);
    const label = await app.db.priority.findUniqueOrThrow({ where: { code: 'dignity.1' } });
    expect(res.body.priorities[0].label).toBe((label.label as { fr: string }).fr);
  });

  it('PUT of priorities is all or nothing: every bad code and stance is named, nothing changes', async () => {
    const res = await manager.put(`/api/cities/${cityId}/priorities`, {
      priorities: [
        { code: 'equity.2', stance: 'both' },
        { code: 'dignity.99', stance: 'offer' },
        { code: 'community.1', stance: 'lend' },
        { code: 'bogus', stance: 'maybe' },
        { code: 'equity.2', stance: 'seek' },
      ],
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['priorities.1.code', 'priorities.2.stance', 'priorities.3.code', 'priorities.3.stance', 'priorities.4.code']);
    const messages = res.body.errors.map((e: { message: string }) => e.message).join(' | ');
    for (const value of ['"dignity.99"', '"lend"', '"bogus"', '"maybe"', '"equity.2"']) expect(messages).toContain(value);
    const stored = await app.db.cityPriority.findMany({ where: { cityId }, orderBy: { priorityCode: 'asc' } });
    expect(stored.map((p) => [p.priorityCode, p.stance])).toEqual([['dignity.1', 'offer'], ['solidarity.3', 'seek']]);
  });

  it('replaces route roles (several routes, several roles on one) and the route lists the city by stage', async () => {
    const res = await manager.put(`/api/cities/${cityId}/routes`, {
      routes: [
        { route: 'central-mediterranean', role: 'transit' },
        { route: 'central-mediterranean', role: 'destination' },
        { route: 'sahara-crossing', role: 'destination' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.routes.map((r: { slug: string; role: string }) => `${r.slug}:${r.role}`).sort())
      .toEqual(['central-mediterranean:destination', 'central-mediterranean:transit', 'sahara-crossing:destination']);
    const route = await anon.get('/api/routes/central-mediterranean');
    expect(route.status).toBe(200);
    const ids = (stage: string) => route.body.stages[stage].map((c: { id: string }) => c.id);
    expect(ids('transit')).toContain(cityId);
    expect(ids('destination')).toContain(cityId);
    expect(ids('origin')).not.toContain(cityId);
  });

  it('PUT of routes names every unknown slug and role, and changes nothing', async () => {
    const res = await manager.put(`/api/cities/${cityId}/routes`, {
      routes: [{ route: 'central-mediterranean', role: 'origin' }, { route: 'atlantis', role: 'transit' }, { route: 'darien', role: 'halfway' }],
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['routes.1.route', 'routes.2.role']);
    expect(res.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(/"atlantis".*"halfway"/);
    expect(await app.db.cityRoute.count({ where: { cityId } })).toBe(3);
  });

  it('adds members, changes a role, and answers 400 for an unknown user and 404 for an unknown city', async () => {
    const { user } = await createSignedInUser(app.db, app.baseUrl);
    const added = await manager.post(`/api/cities/${cityId}/members`, { userId: user.id, role: 'practitioner' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ cityId, userId: user.id, role: 'practitioner' });
    const promoted = await manager.post(`/api/cities/${cityId}/members`, { userId: user.id, role: 'focal_point' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('focal_point');
    expect((await anon.get(`/api/cities/${cityId}`)).body.memberCount).toBe(1);
    const ghost = await manager.post(`/api/cities/${cityId}/members`, { userId: 'no-such-user', role: 'practitioner' });
    expect(ghost.status).toBe(400);
    const badRole = await manager.post(`/api/cities/${cityId}/members`, { userId: user.id, role: 'mayor' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].message).toContain('"mayor"');
    expect((await manager.post('/api/cities/no-such-city/members', { userId: user.id, role: 'practitioner' })).status).toBe(404);
  });

  it('answers 404 for an unknown city', async () => {
    expect((await anon.get('/api/cities/no-such-city')).status).toBe(404);
    expect((await manager.patch('/api/cities/no-such-city', { population: 1 })).status).toBe(404);
  });
});

describe('GET /api/cities', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const net = await createNetwork(app.db, { slug: 'list-net' });
    const make = (name: string, data: Parameters<typeof createCity>[1]) => createCity(app.db, { name, ...data }).then((c) => [name, c.id] as const);
    ids = Object.fromEntries(await Promise.all([
      make('São Tomé', { countryCode: 'ST', languages: ['pt'], networkIds: [net.id], priorities: [{ code: 'community.2', stance: 'offer' }] }),
      make('Sao Bento', { countryCode: 'BR', languages: ['pt'], networkIds: [net.id], priorities: [{ code: 'community.2', stance: 'seek' }], routes: [{ slug: 'darien', role: 'destination' }] }),
      make('Tapachula', { countryCode: 'MX', languages: ['es'], routes: [{ slug: 'mesoamerican', role: 'transit' }, { slug: 'darien', role: 'transit' }] }),
      make('Necoclí', { countryCode: 'CO', languages: ['es'], networkIds: [net.id], routes: [{ slug: 'darien', role: 'transit' }], priorities: [{ code: 'community.2', stance: 'both' }] }),
    ]));
  });

  const names = (body: { items: { name: string }[] }) => body.items.map((c) => c.name).sort();

  it('finds names without accents or case, and treats % and _ literally', async () => {
    const found = names((await anon.get('/api/cities?q=SAO')).body);
    expect(found).toEqual(expect.arrayContaining(['Sao Bento', 'São Tomé']));
    for (const name of found) expect(name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toContain('sao');
    expect(names((await anon.get('/api/cities?q=necocli')).body)).toEqual(['Necoclí']);
    expect((await anon.get('/api/cities?q=%25')).body.items).toEqual([]);
  });

  it('filters by country, network (id or slug), route, role, priority and stance', async () => {
    expect(names((await anon.get('/api/cities?country=st')).body)).toEqual(['São Tomé']);
    expect(names((await anon.get('/api/cities?network=list-net')).body)).toEqual(['Necoclí', 'Sao Bento', 'São Tomé']);
    const byId = await app.db.network.findUniqueOrThrow({ where: { slug: 'list-net' } });
    expect(names((await anon.get(`/api/cities?network=${byId.id}`)).body)).toEqual(['Necoclí', 'Sao Bento', 'São Tomé']);
    expect(names((await anon.get('/api/cities?route=darien')).body)).toEqual(['Necoclí', 'Sao Bento', 'Tapachula']);
    expect(names((await anon.get('/api/cities?route=darien&role=transit')).body)).toEqual(['Necoclí', 'Tapachula']);
    expect(names((await anon.get('/api/cities?priority=community.2')).body)).toEqual(['Necoclí', 'Sao Bento', 'São Tomé']);
    expect(names((await anon.get('/api/cities?priority=community.2&stance=offer')).body)).toEqual(['Necoclí', 'São Tomé']);
    expect(names((await anon.get('/api/cities?priority=community.2&network=list-net&route=darien&role=transit')).body)).toEqual(['Necoclí']);
  });

  it('pages with an opaque cursor through every city exactly once, in name order', async () => {
    const total = await app.db.city.count();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string; name: string }[]; nextCursor: string | null } } =
        await anon.get(`/api/cities?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(Object.values(ids).every((id) => seen.includes(id))).toBe(true);
    expect((await anon.get('/api/cities?cursor=garbage')).status).toBe(400);
  });

  it('names every unknown filter value in one 400', async () => {
    const res = await anon.get('/api/cities?country=XX&network=nope&route=atlantis&role=middle&priority=dignity.9&stance=lend');
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toEqual(['country', 'network', 'priority', 'role', 'route', 'stance']);
    const messages = res.body.errors.map((e: { message: string }) => e.message).join(' | ');
    for (const value of ['"XX"', '"nope"', '"atlantis"', '"middle"', '"dignity.9"', '"lend"']) expect(messages).toContain(value);
  });
});

describe('concurrent replacement', () => {
  it('serialises two PUTs of one city\'s priorities: both succeed, one set wins whole', async () => {
    const city = await createCity(app.db, { name: 'Racing', networkIds: [network.id] });
    const a = [{ code: 'dignity.1', stance: 'offer' }, { code: 'dignity.2', stance: 'offer' }];
    const b = [{ code: 'dignity.2', stance: 'seek' }, { code: 'equity.1', stance: 'seek' }];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => manager.put(`/api/cities/${city.id}/priorities`, { priorities: i % 2 ? a : b })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const stored = (await app.db.cityPriority.findMany({ where: { cityId: city.id }, orderBy: { priorityCode: 'asc' } }))
      .map((p) => ({ code: p.priorityCode, stance: p.stance }));
    expect([a, b]).toContainEqual(stored);
  });
});
