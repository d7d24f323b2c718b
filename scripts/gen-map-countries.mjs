// Writes client/src/map/countries.json: ISO 3166-1 alpha-2 → [numeric id used by world-atlas, lon, lat]
// from world-countries (ODbL-1.0). The map needs a point per country even where the 110m geometry has
// no shape (Malta, small islands). Run again after upgrading world-countries.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const countries = createRequire(import.meta.url)('world-countries');
const out = {};
for (const c of [...countries].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
  out[c.cca2] = [c.ccn3 || null, Math.round(c.latlng[1] * 100) / 100, Math.round(c.latlng[0] * 100) / 100];
}
writeFileSync(new URL('../client/src/map/countries.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`${Object.keys(out).length} countries`);
