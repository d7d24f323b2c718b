import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser } from '../../factories/users.ts';

/**
 * Bulk onboarding: POST /api/networks/:id/imports (text/csv) with its dry run, the all-or-nothing
 * real import (plain and streamed), who may import, and the CSV export that imports back.
 */
let app: TestApp;
let manager: TestClient;
let otherManager: TestClient;
let member: TestClient;
let networkId: string;
let otherNetworkId: string;

const HEADER = 'name,country,region,population,lat,lon,languages,priorities,routes';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const send = (client: TestClient, body: string, query = 'dryRun=true', headers: Record<string, string> = {}) =>
  client.raw('POST', `/api/networks/${networkId}/imports?${query}`, body, { 'content-type': 'text/csv', ...headers });
const cityCount = () => app.db.city.count();

beforeAll(async () => {
  app = await startTestApp({ label: 'imports' });
  const [m, om, mem] = await Promise.all([1, 2, 3].map(() => createSignedInUser(app.db, app.baseUrl)));
  manager = m.client;
  otherManager = om.client;
  member = mem.client;
  networkId = (await createNetwork(app.db, { slug: 'import-net', managerIds: [m.user.id] })).id;
  otherNetworkId = (await createNetwork(app.db, { managerIds: [om.user.id] })).id;
  await createCity(app.db, { name: 'Elsewhere', countryCode: 'FR', networkIds: [otherNetworkId], members: [{ userId: mem.user.id, role: 'focal_point' }] });
});
afterAll(() => app?.stop());

describe('dry run', () => {
  it('lists every bad field of every row and writes nothing', async () => {
    const before = await cityCount();
    const res = await send(manager, csv(
      'Agrigento,IT,Sicily,55000,37.3,13.58,it,solidarity.1:offer,central-mediterranean:transit',
      'Nowhere,XX,,many,95,12,zz,solidarity.99:give;dignity.1,central-mediterranean:hub;atlantis:origin',
      ',IT,,,,,it,,',
      'Agrigento,it,sicily,,,,it,,',
    ));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 4, created: 0, updated: 0, dryRun: true });
    const at = (row: number) => res.body.errors.filter((e: { row: number }) => e.row === row).map((e: { field: string }) => e.field);
    expect(at(2)).toEqual([]);
    // row 3: country, population, lat, languages, both bad priorities (unknown code, unknown stance, no stance), both bad routes
    expect(new Set(at(3))).toEqual(new Set(['country', 'population', 'lat', 'languages', 'priorities', 'routes']));
    const messages = res.body.errors.filter((e: { row: number }) => e.row === 3).map((e: { message: string }) => e.message).join(' | ');
    for (const bad of ['XX', 'many', 'zz', 'solidarity.99', 'give', 'dignity.1', 'hub', 'atlantis']) expect(messages).toContain(bad);
    expect(at(4)).toEqual(['name']);
    // the same city twice in one file (accents and case aside)
    expect(res.body.errors).toContainEqual({ row: 5, field: 'name', message: 'The same city as row 2' });
    expect(await cityCount()).toBe(before);
  });

  it('counts what would be created and updated, still writing nothing', async () => {
    await createCity(app.db, { name: 'Siracusa', countryCode: 'IT', networkIds: [networkId] });
    const before = await cityCount();
    const res = await send(manager, csv('Siracusa,IT,,,,,it,,', 'Catania,IT,,,,,it,,'));
    expect(res.body).toEqual({ rows: 2, created: 1, updated: 1, dryRun: true, errors: [] });
    expect(await cityCount()).toBe(before);
  });

  it('refuses a file that is not the template (400) or not text/csv (415)', async () => {
    const bad = await send(manager, 'city,land\nRome,IT');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/missing column\(s\): name, country, languages; unknown column\(s\): city, land/);
    const json = await manager.post(`/api/networks/${networkId}/imports`, { rows: [] });
    expect(json.status).toBe(415);
    const quotes = await send(manager, `${HEADER}\n"Rome,IT`);
    expect(quotes.status).toBe(400);
  });

  it('takes text/csv on this route only, up to its size limit', async () => {
    const big = csv(...Array.from({ length: 15_000 }, (_, i) => `Bigtown ${i},ES,Somewhere rather long to fill the file,1000,40.1,-3.7,es,,`));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect((await send(manager, big)).status).toBe(413);
    const elsewhere = await manager.raw('POST', '/api/practices/preview', 'body', { 'content-type': 'text/csv' });
    expect(elsewhere.status).toBe(415);
  });
});

describe('import', () => {
  it('with any error writes nothing at all (422 naming each bad field)', async () => {
    const before = await cityCount();
    const res = await send(manager, csv('Trapani,IT,,,,,it,,', 'Marsala,IT,,,,,it,equity.1:maybe,'), 'dryRun=false');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'rows.3.priorities', message: expect.stringContaining('maybe') }]);
    expect(await cityCount()).toBe(before);
    expect(await app.db.city.findFirst({ where: { name: 'Trapani' } })).toBeNull();
  });

  it('creates new cities in the network and updates existing ones', async () => {
    const existing = await createCity(app.db, { name: 'Ragusa', countryCode: 'IT', population: 1, networkIds: [networkId], priorities: [{ code: 'dignity.2', stance: 'seek' }] });
    const res = await send(manager, csv(
      'Ragusa,IT,,73000,36.93,14.73,it;en,equity.1:offer;dignity.3:both,central-mediterranean:destination',
      '"Mazara del Vallo",IT,Sicily,51000,37.65,12.59,it;ar,solidarity.2:seek,central-mediterranean:transit;central-mediterranean:destination',
    ), 'dryRun=false');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rows: 2, created: 1, updated: 1, dryRun: false, errors: [] });

    const ragusa = await manager.get(`/api/cities/${existing.id}`);
    expect(ragusa.body).toMatchObject({ population: 73000, lat: 36.93, lon: 14.73, languages: ['it', 'en'] });
    expect(ragusa.body.priorities.map((p: { code: string; stance: string }) => `${p.code}:${p.stance}`).sort()).toEqual(['dignity.3:both', 'equity.1:offer']);
    const mazara = await app.db.city.findFirstOrThrow({ where: { name: 'Mazara del Vallo' }, include: { networks: true, routes: true } });
    expect(mazara.networks.map((n) => n.networkId)).toEqual([networkId]);
    expect(mazara.routes.map((r) => r.role).sort()).toEqual(['destination', 'transit']);
  });

  it('leaves columns the file does not have as they are', async () => {
    const city = await createCity(app.db, { name: 'Gela', countryCode: 'IT', population: 70000, networkIds: [networkId], priorities: [{ code: 'dignity.2', stance: 'seek' }] });
    const res = await manager.raw('POST', `/api/networks/${networkId}/imports?dryRun=false`, 'name,country,languages\nGela,IT,it', { 'content-type': 'text/csv' });
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    const gela = await app.db.city.findUniqueOrThrow({ where: { id: city.id }, include: { priorities: true } });
    expect(gela.population).toBe(70000);
    expect(gela.priorities).toHaveLength(1);
  });

  it('streams progress lines, then the result, to a client that asks for NDJSON', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `Streamtown ${i},ES,,${1000 + i},,,es,,`);
    const res = await fetch(`${app.baseUrl}/api/networks/${networkId}/imports?dryRun=false`, {
      method: 'POST', body: csv(...rows),
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson', authorization: `Bearer ${(manager as unknown as { token: string }).token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ type: 'progress', done: 120, total: 120 });
    expect(lines.at(-1)).toEqual({ type: 'result', report: { rows: 120, created: 120, updated: 0, dryRun: false, errors: [] } });
  });
});

describe('who may import', () => {
  it('only managers of the network (and admins); anonymous 401', async () => {
    const body = csv('Enna,IT,,,,,it,,');
    expect((await send(createClient(app.baseUrl), body)).status).toBe(401);
    expect((await send(member, body)).status).toBe(403);
    expect((await send(otherManager, body)).status).toBe(403);
    const admin = await createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true });
    expect((await send(admin.client, body)).status).toBe(200);
    expect((await manager.raw('POST', '/api/networks/nope/imports', body, { 'content-type': 'text/csv' })).status).toBe(404);
  });
});

describe('export', () => {
  it('round-trips: the export imports back as updates that change nothing', async () => {
    const exported = await createClient(app.baseUrl).get(`/api/networks/${networkId}/cities.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="import-net-cities.csv"');
    const text = exported.body as string;
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const mazara = records.find((r) => r.name === 'Mazara del Vallo')!;
    expect(mazara).toMatchObject({ country: 'IT', region: 'Sicily', population: '51000', languages: 'it;ar', priorities: 'solidarity.2:seek' });
    expect(mazara.routes).toBe('central-mediterranean:transit;central-mediterranean:destination'); // role order: origin, transit, destination

    const snapshot = async () => JSON.stringify(await app.db.city.findMany({
      where: { networks: { some: { networkId } } }, orderBy: { id: 'asc' },
      select: { id: true, name: true, countryCode: true, region: true, population: true, lat: true, lon: true, languages: true, priorities: { select: { priorityCode: true, stance: true }, orderBy: { priorityCode: 'asc' } }, routes: { select: { routeId: true, role: true }, orderBy: [{ routeId: 'asc' }, { role: 'asc' }] } },
    }));
    const before = await snapshot();
    const res = await send(manager, text, 'dryRun=false');
    expect(res.body).toMatchObject({ rows: records.length, created: 0, updated: records.length, errors: [] });
    expect(await snapshot()).toBe(before);
  });

  it('guards text cells against formula injection, and the guard survives a round trip', async () => {
    const city = await createCity(app.db, { name: '=HYPERLINK("http://evil.example","x")', countryCode: 'IT', networkIds: [networkId] });
    const text = (await createClient(app.baseUrl).get(`/api/networks/${networkId}/cities.csv`)).body as string;
    const row = (parse(text, { bom: true, columns: true }) as Record<string, string>[]).find((r) => r.name.includes('HYPERLINK'))!;
    expect(row.name).toBe(`'=HYPERLINK("http://evil.example","x")`);
    await send(manager, text, 'dryRun=false');
    expect((await app.db.city.findUniqueOrThrow({ where: { id: city.id } })).name).toBe('=HYPERLINK("http://evil.example","x")');
  });

  it('serves a template that imports as it is', async () => {
    const template = await createClient(app.baseUrl).get('/api/imports/cities-template.csv');
    expect(template.headers.get('content-type')).toMatch(/^text\/csv/);
    const res = await send(manager, template.body as string);
    expect(res.body.errors).toEqual([]);
    expect(res.body.rows).toBe(2);
  });
});
