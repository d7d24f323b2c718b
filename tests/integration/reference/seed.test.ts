import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createReferenceSeeder, FOUNDING_NETWORK } from '../../../server/services/reference/seed.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await createTestDatabase('ref');
  db = createDb(tdb.url, { max: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

async function snapshot() {
  const [countries, principles, priorities, routes, networks, cities, networkCities] = await Promise.all([
    db.country.count(),
    db.principle.count(),
    db.priority.count(),
    db.route.count(),
    db.network.count(),
    db.city.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, countryCode: true, geonamesId: true } }),
    db.networkCity.count(),
  ]);
  return { countries, principles, priorities, routes, networks, cities, networkCities };
}

describe('reference seeder', () => {
  it('is not seeded on an empty database', async () => {
    expect(await createReferenceSeeder({ db }).isSeeded()).toBe(false);
  });

  it('seeds everything, and a second run changes nothing', async () => {
    const seeder = createReferenceSeeder({ db });

    const first = await seeder.seed();
    expect(first).toMatchObject({
      countries: 250,
      principles: 7,
      priorities: 35,
      routes: 12,
      networks: 9,
      cities: { total: 44, created: 44, located: 37, unlocated: 7 },
      foundingMembers: 44,
    });
    expect(first.durationMs).toBeLessThan(5_000);
    const after1 = await snapshot();
    expect(after1).toMatchObject({ countries: 250, principles: 7, priorities: 35, routes: 12, networks: 9, networkCities: 44 });
    expect(after1.cities).toHaveLength(44);
    expect(await seeder.isSeeded()).toBe(true);

    const second = await seeder.seed();
    expect(second.cities.created).toBe(0);
    expect(second.foundingMembers).toBe(44);
    const after2 = await snapshot();
    expect(after2).toEqual(after1); // same rows, same ids
  });

  it('stores what the resolution found', async () => {
    const barcelona = await db.city.findUnique({ where: { geonamesId: 3128760 } });
    expect(barcelona).toMatchObject({ name: 'Barcelona', countryCode: 'ES', languages: ['es'], kind: 'city' });
    expect(barcelona!.lat).toBeCloseTo(41.39, 1);
    expect(barcelona!.lon).toBeCloseTo(2.16, 1);

    const sala = await db.city.findFirst({ where: { name: 'Sala' } });
    expect(sala).toMatchObject({ countryCode: null, lat: null, lon: null, geonamesId: null });
    expect(sala!.locationNote).toMatch(/ambiguous/);

    const owendo = await db.city.findFirst({ where: { name: 'Owendo' } });
    expect(owendo).toMatchObject({ countryCode: 'GA', lat: null, geonamesId: null });

    const priority = await db.priority.findUnique({ where: { code: 'solidarity.3' }, include: { principle: true } });
    expect(priority).toMatchObject({ principleSlug: 'solidarity', n: 3 });
    expect((priority!.label as Record<string, string>).fr).toBeTruthy();

    const route = await db.route.findUnique({ where: { slug: 'central-mediterranean' } });
    expect(route).toMatchObject({ name: 'Central Mediterranean', sourcedFrom: 'UNHCR' });
    expect(route!.stageHints).toEqual({ origin: [], transit: ['DZ', 'EG', 'LY', 'TN'], destination: ['IT', 'MT'] });

    const es = await db.country.findUnique({ where: { code: 'ES' } });
    expect(es).toMatchObject({ region: 'Europe', names: { en: 'Spain', fr: 'Espagne', es: 'España' } });
  });

  it('has one founding network whose members are all contributor cities, plus the contributor networks', async () => {
    const founding = await db.network.findUnique({
      where: { slug: FOUNDING_NETWORK.slug },
      include: { _count: { select: { cities: true } } },
    });
    expect(founding).toMatchObject({ isFounding: true, name: 'Lampedusa Charter founding network' });
    expect(founding!._count.cities).toBe(44);
    expect(await db.network.count({ where: { isFounding: true } })).toBe(1);

    const anvita = await db.network.findUnique({ where: { slug: 'anvita' } });
    expect(anvita).toMatchObject({ name: 'ANVITA', kind: 'association', country: 'FR', isFounding: false });
    const merco = await db.network.findUnique({ where: { slug: 'mercociudades' } });
    expect(merco).toMatchObject({ kind: 'network', country: null });
  });

  it('restores source-owned rows and keeps member-owned edits on re-seed', async () => {
    await db.route.update({ where: { slug: 'darien' }, data: { name: 'tampered' } });
    await db.city.update({ where: { geonamesId: 3128760 }, data: { languages: ['es', 'ca'], lat: 0 } });

    await createReferenceSeeder({ db }).seed();

    expect((await db.route.findUnique({ where: { slug: 'darien' } }))!.name).toBe('Darién crossing');
    const barcelona = await db.city.findUnique({ where: { geonamesId: 3128760 } });
    expect(barcelona!.languages).toEqual(['es', 'ca']); // a member's edit survives
    expect(barcelona!.lat).toBeCloseTo(41.39, 1); // GeoNames facts are refreshed
  });

  it('serialises concurrent seeds without duplicates', async () => {
    const before = await snapshot();
    const seeders = [createReferenceSeeder({ db }), createReferenceSeeder({ db })];
    await Promise.all(seeders.map((s) => s.seed()));
    expect(await snapshot()).toEqual(before);
  });
});
