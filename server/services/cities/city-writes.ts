import type { DbOrTx } from '../../db/client.ts';
import type { FieldError } from '../../lib/errors.ts';
import type { ReferenceCheck } from '../reference/reference-check.ts';

export type CityProfileInput = {
  name?: string;
  kind?: 'city' | 'region' | 'authority';
  country?: string;
  region?: string | null;
  population?: number | null;
  lat?: number | null;
  lon?: number | null;
  languages?: string[];
  locationNote?: string | null;
};
export type CreateCityInput = CityProfileInput & { name: string; country: string; languages: string[]; networkIds?: string[] };

/**
 * The writes a city is created with, shared by POST /api/cities and the CSV import (which runs them
 * inside its one transaction, hence the client or transaction handed in).
 */

/** Unknown country and languages of a profile, each as a field error (paths `country`, `languages.<i>`). */
export async function checkCityProfile(refs: ReferenceCheck, input: { country?: string; languages?: string[] }): Promise<FieldError[]> {
  return [
    ...(input.country ? await refs.countries([{ path: 'country', value: input.country }]) : []),
    ...refs.languages((input.languages ?? []).map((value, i) => ({ path: `languages.${i}`, value }))),
  ];
}

/** The city that is "the same" as the input (name accent- and case-insensitive, country, region), if any. */
export async function findSameCity(client: DbOrTx, input: { name: string; country: string; region?: string | null }) {
  const [same] = await client.$queryRaw<{ id: string }[]>`
    SELECT id FROM cities
    WHERE cities_name_norm(name) = cities_name_norm(${input.name})
      AND country_code = ${input.country} AND coalesce(region, '') = coalesce(${input.region ?? null}::text, '')
    LIMIT 1`;
  return same;
}

/** `findSameCity` for many inputs in one query: the id of each input's existing city, by input index. */
export async function findSameCities(client: DbOrTx, inputs: { name: string; country: string; region?: string | null }[]) {
  if (!inputs.length) return new Map<number, string>();
  const rows = await client.$queryRaw<{ idx: bigint; id: string }[]>`
    SELECT DISTINCT ON (i.idx) i.idx, c.id
    FROM unnest(${inputs.map((i) => i.name)}::text[], ${inputs.map((i) => i.country)}::text[], ${inputs.map((i) => i.region ?? '')}::text[])
      WITH ORDINALITY AS i(name, country, region, idx)
    JOIN cities c ON cities_name_norm(c.name) = cities_name_norm(i.name)
      AND c.country_code = i.country AND coalesce(c.region, '') = i.region
    ORDER BY i.idx, c.id`;
  return new Map(rows.map((r) => [Number(r.idx) - 1, r.id]));
}

const cityRow = (input: CreateCityInput) => ({
  name: input.name,
  kind: input.kind ?? 'city',
  countryCode: input.country,
  region: input.region ?? null,
  population: input.population ?? null,
  lat: input.lat ?? null,
  lon: input.lon ?? null,
  languages: [...new Set(input.languages)],
  locationNote: input.locationNote ?? null,
});

/** Inserts a checked city in the given (resolved) networks; returns its id. */
export async function insertCity(client: DbOrTx, input: CreateCityInput, networkIds: string[]) {
  const city = await client.city.create({
    data: { ...cityRow(input), networks: { create: networkIds.map((networkId) => ({ networkId })) } },
    select: { id: true },
  });
  return city.id;
}

/**
 * Inserts many checked cities (distinct by name, country and region) in one network, in two
 * statements; returns their ids in input order.
 */
export async function insertCities(client: DbOrTx, inputs: CreateCityInput[], networkId: string) {
  if (!inputs.length) return [];
  const rows = await client.city.createManyAndReturn({ data: inputs.map(cityRow), select: { id: true, name: true, countryCode: true, region: true } });
  await client.networkCity.createMany({ data: rows.map((r) => ({ networkId, cityId: r.id })) });
  const key = (name: string, country: string | null, region: string | null | undefined) => `${name}|${country}|${region ?? ''}`;
  const byKey = new Map(rows.map((r) => [key(r.name, r.countryCode, r.region), r.id]));
  return inputs.map((i) => byKey.get(key(i.name, i.country, i.region))!);
}
