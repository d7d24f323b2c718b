import type { Place } from '../contract/places.ts';

type PlaceRow = { geonameId: number; name: string; country: string; adminCode: string | null; population: number; lat: number; lon: number };

/** The gazetteer has no region names, only admin1 codes (see the contract): `region` stays null. */
export const presentPlace = (p: PlaceRow): Place => ({
  geonameId: p.geonameId, name: p.name, country: p.country, region: null, adminCode: p.adminCode,
  population: p.population, lat: p.lat, lon: p.lon,
});
