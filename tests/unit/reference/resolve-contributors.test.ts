import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCountryRows, officialLanguagesOf } from '../../../server/services/reference/countries.ts';
import {
  foldName,
  loadGazetteer,
  NOT_IN_GEONAMES,
  resolveContributors,
  type ContributorMember,
  type ResolvedCity,
} from '../../../server/services/reference/resolve-contributors.ts';

const members: ContributorMember[] = JSON.parse(
  readFileSync(new URL('../../../prisma/seed-data/charter-contributors.json', import.meta.url), 'utf8'),
).members;

const { cities, networks } = resolveContributors(members, loadGazetteer());
const city = (name: string): ResolvedCity => {
  const c = cities.find((x) => x.name === name);
  if (!c) throw new Error(`no city ${name}`);
  return c;
};

describe('resolveContributors', () => {
  it('turns the 52 members into 44 cities/regions/authorities and 8 networks', () => {
    expect(members).toHaveLength(52);
    expect(cities).toHaveLength(44);
    expect(networks).toHaveLength(8);
    expect(cities.map((c) => c.name)).not.toContain('CONGOPE');
    expect(cities.map((c) => c.name)).not.toContain('Mercociudades');
    expect(networks.map((n) => n.slug).sort()).toEqual([
      'anvita',
      'congope',
      'famsi',
      'federation-of-canadian-municipalities',
      'femp',
      'mercociudades',
      'south-african-local-government-association',
      'union-of-municipalities-of-turkey',
    ]);
    expect(networks.find((n) => n.slug === 'mercociudades')).toMatchObject({ kind: 'network', country: null });
    expect(networks.find((n) => n.slug === 'anvita')).toMatchObject({ kind: 'association', country: 'FR' });
  });

  it('resolves Barcelona to GeoNames 3128760 with its coordinates and Spain’s official languages', () => {
    const b = city('Barcelona');
    expect(b.geonamesId).toBe(3128760);
    expect(b.countryCode).toBe('ES');
    expect(b.lat).toBeCloseTo(41.389, 2);
    expect(b.lon).toBeCloseTo(2.159, 2);
    expect(b.population).toBeGreaterThan(1_000_000);
    // world-countries lists only Spanish (spa) as Spain's official language: no "ca".
    expect(b.languages).toEqual(['es']);
    expect(b.locationNote).toBeNull();
  });

  it('uses the notes’ GeoNames names', () => {
    expect(city('The Hague')).toMatchObject({ geonamesId: 2747373, countryCode: 'NL', languages: ['nl'] });
    expect(city('Geneva')).toMatchObject({ geonamesId: 2660646, countryCode: 'CH' });
    expect(city('Geneva').languages).toEqual(expect.arrayContaining(['fr', 'de', 'it']));
    expect(city('Cologne').geonamesId).toBe(2886242);
    expect(city('Oujda').geonamesId).toBe(2540483);
    expect(city('Mersin Metropolitan Municipality').geonamesId).toBe(304531);
    expect(city('Lampedusa e Linosa')).toMatchObject({ geonamesId: 2524459, countryCode: 'IT' });
    expect(city('Lampedusa e Linosa').lat).toBeCloseTo(35.5, 1);
    const leonMx = city('León, Guanajuato');
    expect(leonMx).toMatchObject({ geonamesId: 3998655, countryCode: 'MX', region: 'Guanajuato' });
    expect(city('León')).toMatchObject({ geonamesId: 3118532, countryCode: 'ES' });
    expect(city('Izmir').geonamesId).toBe(311046); // "İzmir" in GeoNames
  });

  it('prefers the most populous homonym within the country', () => {
    expect(city('Valongo').geonamesId).toBe(2732978); // Valongo (Porto), not Valongo (Aveiro)
    expect(city('Grigny').geonamesId).toBe(3014646); // Grigny (Essonne), not Grigny (Rhône)
  });

  it('has plausible coordinates for every located city', () => {
    const sample: Record<string, [number, number]> = {
      Madrid: [40.42, -3.7],
      'São Paulo': [-23.55, -46.64],
      Quito: [-0.23, -78.52],
      Tehran: [35.69, 51.42],
      'Mexico City': [19.43, -99.13],
    };
    for (const [name, [lat, lon]] of Object.entries(sample)) {
      expect(city(name).lat).toBeCloseTo(lat, 1);
      expect(city(name).lon).toBeCloseTo(lon, 1);
    }
    for (const c of cities.filter((x) => x.geonamesId !== null)) {
      expect(Math.abs(c.lat!)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.lon!)).toBeLessThanOrEqual(180);
      expect(c.locationNote).toBeNull();
    }
    expect(new Set(cities.map((c) => c.geonamesId).filter(Boolean)).size).toBe(37);
  });

  it('leaves Keur Maba and Owendo without coordinates, saying they are not in cities1000', () => {
    for (const name of ['Keur Maba', 'Owendo']) {
      const c = city(name);
      expect(c).toMatchObject({ geonamesId: null, lat: null, lon: null, population: null });
      expect(c.locationNote).toContain(NOT_IN_GEONAMES);
    }
    expect(city('Keur Maba').countryCode).toBe('SN');
    expect(city('Owendo')).toMatchObject({ countryCode: 'GA', languages: ['fr'] });
  });

  it('does not guess ambiguous members (Sala, Lere, Córdoba)', () => {
    for (const name of ['Sala', 'Lere', 'Córdoba']) {
      const c = city(name);
      expect(c).toMatchObject({ geonamesId: null, lat: null, lon: null });
      expect(c.locationNote).toMatch(/ambiguous/);
    }
    expect(city('Sala').countryCode).toBeNull();
    expect(city('Sala').languages).toEqual([]);
    expect(city('Lere').locationNote).toContain('Lere (Nigeria) or Léré (Chad)');
    expect(city('Córdoba').countryCode).toBe('AR'); // as the source gives it, flagged ambiguous
  });

  it('keeps the Aude département and the Pantanos de Villa authority without coordinates', () => {
    expect(city('Aude')).toMatchObject({ kind: 'region', countryCode: 'FR', geonamesId: null, lat: null });
    expect(city('Aude').locationNote).toMatch(/département/);
    const a = city('Autoridad Municipal de los Pantanos de Villa');
    expect(a).toMatchObject({ kind: 'authority', countryCode: 'PE', geonamesId: null, lat: null });
    expect(a.locationNote).toBeTruthy();
  });

  it('gives every unlocated member a note, and counts add up', () => {
    const unlocated = cities.filter((c) => c.lat === null);
    expect(unlocated.map((c) => c.name).sort()).toEqual(
      ['Aude', 'Autoridad Municipal de los Pantanos de Villa', 'Córdoba', 'Keur Maba', 'Lere', 'Owendo', 'Sala'].sort(),
    );
    for (const c of unlocated) expect(c.locationNote).toBeTruthy();
  });

  it('is pure: same input, same output', () => {
    expect(resolveContributors(members, loadGazetteer())).toEqual({ cities, networks });
  });

  it('matches a tiny hand-made gazetteer by folded name, most populous first', () => {
    const g = [
      { cityId: 1, name: 'Köln', country: 'DE', population: 10, loc: { coordinates: [7, 51] } },
      { cityId: 2, name: 'Koln', country: 'DE', population: 20, loc: { coordinates: [8, 52] } },
      { cityId: 3, name: 'Köln', country: 'AT', population: 99, loc: { coordinates: [9, 53] } },
    ];
    const r = resolveContributors([{ name: 'Cologne', kind: 'city', country: 'DE', note: 'Köln' }], g);
    expect(r.cities[0]).toMatchObject({ geonamesId: 2, lat: 52, lon: 8, languages: ['de'] });
  });
});

describe('countries', () => {
  it('builds 250 rows with en/fr/es names', () => {
    const rows = buildCountryRows();
    expect(rows).toHaveLength(250);
    expect(rows.find((r) => r.code === 'ES')).toEqual({
      code: 'ES',
      names: { en: 'Spain', fr: 'Espagne', es: 'España' },
      region: 'Europe',
      subregion: 'Southern Europe',
    });
    expect(rows.find((r) => r.code === 'DE')!.names).toEqual({ en: 'Germany', fr: 'Allemagne', es: 'Alemania' });
    for (const r of rows) expect(r.code).toMatch(/^[A-Z]{2}$/);
  });

  it('maps official languages to ISO 639-1, dropping those without a code', () => {
    expect(officialLanguagesOf('ES')).toEqual(['es']);
    expect(officialLanguagesOf('ca')).toEqual(['en', 'fr']);
    expect(officialLanguagesOf('MA')).toEqual(['ar']); // Berber (ber) has no 639-1 code
    expect(officialLanguagesOf('PH')).toEqual(['en']); // Filipino (fil) has no 639-1 code
    expect(officialLanguagesOf('IQ')).toEqual(['ar', 'ku']);
    expect(officialLanguagesOf('XX')).toEqual([]);
    expect(officialLanguagesOf(null)).toEqual([]);
    for (const r of buildCountryRows()) {
      for (const l of officialLanguagesOf(r.code)) expect(l).toMatch(/^[a-z]{2}$/);
    }
  });

  it('folds names for matching', () => {
    expect(foldName('İzmir')).toBe('izmir');
    expect(foldName('Oujda-Angad')).toBe('oujda angad');
    expect(foldName('  São  Paulo ')).toBe('sao paulo');
  });
});
