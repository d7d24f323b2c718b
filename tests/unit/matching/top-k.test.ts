import { describe, expect, it } from 'vitest';
import { loadMatchingConfig } from '../../../server/config/matching.ts';
import { ROLES, type CityFeatures } from '../../../server/services/matching/match-index.ts';
import { describe as describeFacts, explainPair } from '../../../server/services/matching/reasons.ts';
import { compileWeights, OUT, pairScore } from '../../../server/services/matching/score.ts';
import { topK } from '../../../server/services/matching/top-k.ts';
import { city, CODES, indexOf, ROUTE_IDS } from './world.ts';

const w = compileWeights(loadMatchingConfig());

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWorld(n: number, seed = 42): CityFeatures[] {
  const r = rng(seed);
  const pickSome = <T>(xs: readonly T[], max: number) => xs.filter(() => r() < max / xs.length);
  return Array.from({ length: n }, (_, i) => city(`c${i}`, {
    population: r() < 0.1 ? null : Math.round(10 ** (3 + r() * 4)),
    lat: r() < 0.05 ? null : -60 + r() * 130,
    lon: r() < 0.05 ? null : -180 + r() * 360,
    languages: pickSome(['en', 'fr', 'es', 'ar', 'it', 'de', 'tr'], 1.5),
    priorities: pickSome(CODES, 4).map((code) => ({ code, stance: (['offer', 'seek', 'both'] as const)[Math.floor(r() * 3)] })),
    routes: pickSome(ROUTE_IDS, 0.8).map((routeId) => ({ routeId, role: ROLES[Math.floor(r() * 3)] })),
  }));
}

describe('topK', () => {
  const world = randomWorld(3000);
  const ix = indexOf(world);

  it('returns exactly what scoring everyone and sorting would, best first', () => {
    for (const source of [0, 17, 999, 2999]) {
      const brute = world.map((_, s) => ({ slot: s, score: pairScore(ix, source, s, w, null) }))
        .filter((x) => x.slot !== source && x.score > 0)
        .sort((p, q) => q.score - p.score || p.slot - q.slot)
        .slice(0, 20);
      expect(topK(ix, source, w, 20)).toEqual(brute);
    }
  });

  it('never returns the city itself, an excluded city, or a city scoring 0', () => {
    const first = topK(ix, 5, w, 10);
    const excluded = first.slice(0, 3).map((x) => x.slot);
    const again = topK(ix, 5, w, 10, { exclude: excluded });
    expect(again.map((x) => x.slot)).not.toContain(5);
    for (const s of excluded) expect(again.map((x) => x.slot)).not.toContain(s);
    expect(again[0]).toEqual(first[3]);

    const lonely = indexOf([city('a', { languages: ['fr'] }), city('b', { languages: ['de'] }), city('c', { languages: ['fr'] })]);
    expect(topK(lonely, 0, w, 10).map((x) => lonely.ids[x.slot])).toEqual(['c']);
  });

  it('narrows by route, role and priority without changing scores', () => {
    const all = new Map(topK(ix, 0, w, 3000).map((x) => [x.slot, x.score]));
    const routeBit = ix.routeBit.get('r-darien')!;
    const onRoute = topK(ix, 0, w, 50, { routeBit, role: 1 });
    expect(onRoute.length).toBeGreaterThan(0);
    for (const { slot, score } of onRoute) {
      expect(world[slot].routes).toContainEqual({ routeId: 'r-darien', role: 'transit' });
      expect(score).toBe(all.get(slot));
    }
    const bit = ix.priorityBit.get('resilience.3')!;
    const withPriority = topK(ix, 0, w, 50, { priorityBit: bit });
    expect(withPriority.length).toBeGreaterThan(0);
    for (const { slot } of withPriority) expect(world[slot].priorities.map((p) => p.code)).toContain('resilience.3');
  });

  it('follows updates and removals of a slot', () => {
    const small = indexOf(randomWorld(200, 7));
    const best = topK(small, 0, w, 1)[0];
    small.remove(small.ids[best.slot]);
    expect(topK(small, 0, w, 5).map((x) => x.slot)).not.toContain(best.slot);
    small.upsert(city(small.ids[best.slot], { languages: ['en'] }));
    expect(small.alive[best.slot]).toBe(1);
    expect(small.upsert(city('new', { priorities: [{ code: 'unknown.9', stance: 'seek' }] }))).toBe(false);
  });
});

describe('explainPair and describe', () => {
  it('lists exactly the priorities, route roles, languages and figures behind the score', () => {
    const ix = indexOf([
      city('lampedusa', {
        population: 6000, lat: 35.5, lon: 12.6, languages: ['it', 'en'],
        priorities: [{ code: 'dignity.2', stance: 'seek' }, { code: 'community.1', stance: 'offer' }, { code: 'resilience.5', stance: 'seek' }],
        routes: [{ routeId: 'r-central-med', role: 'transit' }],
      }),
      city('bologna', {
        population: 390000, lat: 44.5, lon: 11.3, languages: ['it'],
        priorities: [{ code: 'dignity.2', stance: 'offer' }, { code: 'community.1', stance: 'seek' }, { code: 'resilience.5', stance: 'seek' }],
        routes: [{ routeId: 'r-central-med', role: 'destination' }, { routeId: 'r-darien', role: 'origin' }],
      }),
    ]);
    const out = new Float64Array(OUT.length);
    const score = pairScore(ix, 0, 1, w, out);
    const facts = explainPair(ix, 0, 1, out);
    const byKind = Object.fromEntries(facts.map((f) => [f.kind, f]));
    expect(byKind.complementary_priority.data).toEqual({ candidateOffers: ['dignity.2'], sourceOffers: ['community.1'], count: 2 });
    expect(byKind.shared_priority.data).toEqual({ priorities: ['resilience.5'] });
    expect(byKind.route.data).toMatchObject({ routeIds: ['r-central-med'], sourceRole: 'transit', candidateRole: 'destination' });
    expect(byKind.language.data).toEqual({ languages: ['it'] });
    expect(byKind.size).toBeUndefined(); // 65× apart: more than 1.5 decades
    expect((byKind.distance.data as { km: number }).km).toBeGreaterThan(980);
    expect(facts.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(score, 3);

    const reasons = describeFacts(facts, {
      lang: 'fr', sourceName: 'Lampedusa', candidateName: 'Bologna',
      routeOf: (id) => (id === 'r-central-med' ? { slug: 'central-mediterranean', name: 'Méditerranée centrale' } : undefined),
      priorityLabel: (code) => `«${code}»`,
      nearbyKm: 300,
    });
    const detail = Object.fromEntries(reasons.map((r) => [r.kind, r.detail]));
    expect(detail.complementary_priority).toBe('Bologna offre ce que Lampedusa recherche : «dignity.2» · Lampedusa offre ce que Bologna recherche : «community.1»');
    expect(detail.route).toBe('transit (Lampedusa) ↔ destination (Bologna) sur Méditerranée centrale');
    expect(detail.language).toBe('Langue de travail commune : italien');
    expect(detail.distance).toMatch(/^À [\d\u202f]+ km l'une de l'autre$/); // ~1,000 km: not "nearby"
    expect(reasons.find((r) => r.kind === 'route')!.data).toMatchObject({ route: 'central-mediterranean', sourceRole: 'transit', candidateRole: 'destination' });
  });
});
