import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser } from '../../factories/users.ts';
import { expectedMatch, type CityView } from './oracle.ts';

/**
 * A small hand-built world around Palermo, a destination city on the Central Mediterranean route.
 * The seeded contributor cities (no priorities, no routes) are there too, as background.
 */
let app: TestApp;
let anon: TestClient;
let manager: TestClient;
const id: Record<string, string> = {};

type Match = { city: { id: string; name: string; country: string }; score: number; reasons: { kind: string; detail: string; weight: number; data: any }[] };

beforeAll(async () => {
  app = await startTestApp({ label: 'matching' });
  anon = createClient(app.baseUrl);
  const m = await createSignedInUser(app.db, app.baseUrl);
  manager = m.client;
  const net = await createNetwork(app.db, { slug: 'med-net', managerIds: [m.user.id] });
  const world: [string, Parameters<typeof createCity>[1]][] = [
    ['Palermo', {
      countryCode: 'IT', population: 630_000, lat: 38.1157, lon: 13.3615, languages: ['it'], networkIds: [net.id],
      priorities: [{ code: 'dignity.1', stance: 'seek' }, { code: 'equity.2', stance: 'seek' }, { code: 'community.3', stance: 'offer' }],
      routes: [{ slug: 'central-mediterranean', role: 'destination' }],
    }],
    // transit on the same route, offering both things Palermo seeks
    ['Sfax', {
      countryCode: 'TN', population: 330_000, lat: 34.7406, lon: 10.7603, languages: ['ar', 'fr'], networkIds: [net.id],
      priorities: [{ code: 'dignity.1', stance: 'offer' }, { code: 'equity.2', stance: 'both' }],
      routes: [{ slug: 'central-mediterranean', role: 'transit' }],
    }],
    // shares one priority, with the same stance, and nothing else
    ['Umeå', {
      countryCode: 'SE', population: null, lat: null, lon: null, languages: ['sv'], networkIds: [net.id],
      priorities: [{ code: 'community.3', stance: 'offer' }],
    }],
    // nothing in common with anyone
    ['Ísafjörður', { countryCode: 'IS', population: null, lat: null, lon: null, languages: ['is'], networkIds: [net.id] }],
    // the other end of the corridor, seeking what Palermo offers
    ['Agadez', {
      countryCode: 'NE', population: 120_000, lat: 16.9742, lon: 7.9865, languages: ['fr', 'ha'], networkIds: [net.id],
      priorities: [{ code: 'community.3', stance: 'seek' }],
      routes: [{ slug: 'central-mediterranean', role: 'origin' }, { slug: 'sahara-crossing', role: 'transit' }],
    }],
    // a strong match, but already actively twinned with Palermo
    ['Tunis', {
      countryCode: 'TN', population: 640_000, lat: 36.8065, lon: 10.1815, languages: ['ar', 'fr', 'it'], networkIds: [net.id],
      priorities: [{ code: 'dignity.1', stance: 'offer' }, { code: 'equity.2', stance: 'offer' }],
      routes: [{ slug: 'central-mediterranean', role: 'transit' }],
    }],
    // a twinning with Palermo that was declined: still a candidate
    ['Valletta', {
      countryCode: 'MT', population: 6_000, lat: 35.8989, lon: 14.5146, languages: ['mt', 'en'], networkIds: [net.id],
      priorities: [{ code: 'dignity.1', stance: 'both' }],
      routes: [{ slug: 'central-mediterranean', role: 'destination' }],
    }],
    // another corridor altogether
    ['Necoclí', {
      countryCode: 'CO', population: 70_000, lat: 8.4265, lon: -76.7847, languages: ['es'], networkIds: [net.id],
      priorities: [{ code: 'dignity.1', stance: 'offer' }], routes: [{ slug: 'darien', role: 'transit' }],
    }],
  ];
  for (const [name, data] of world) id[name] = (await createCity(app.db, { name, ...data })).id;

  const requester = await createSignedInUser(app.db, app.baseUrl);
  await app.db.twinning.create({ data: { fromCityId: id.Tunis, toCityId: id.Palermo, themes: ['dignity.1'], message: 'Partners', status: 'active', requestedById: requester.user.id } });
  await app.db.twinning.create({ data: { fromCityId: id.Palermo, toCityId: id.Valletta, themes: [], message: 'No', status: 'declined', requestedById: requester.user.id } });
});
afterAll(() => app?.stop());

async function matches(cityId: string, query = ''): Promise<Match[]> {
  const res = await anon.get(`/api/cities/${cityId}/matches${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
const names = (items: Match[]) => items.map((m) => m.city.name);

async function view(cityId: string): Promise<CityView> {
  const res = await anon.get(`/api/cities/${cityId}`);
  return res.body;
}

describe('GET /api/cities/:id/matches on a hand-built world', () => {
  it('ranks the transit city that offers what the destination seeks above a city sharing one priority', async () => {
    const items = await matches(id.Palermo, '?limit=100');
    const rank = (name: string) => names(items).indexOf(name);
    expect(rank('Sfax')).toBeGreaterThanOrEqual(0);
    expect(rank('Umeå')).toBeGreaterThan(rank('Sfax'));
    expect(items[0].city.name).toBe('Sfax');
    const sfax = items[rank('Sfax')];
    expect(sfax.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['complementary_priority', 'route']));
    const route = sfax.reasons.find((r) => r.kind === 'route')!;
    expect(route.data).toMatchObject({ route: 'central-mediterranean', sourceRole: 'destination', candidateRole: 'transit' });
    expect(route.detail).toBe('destination (Palermo) ↔ transit (Sfax) on Central Mediterranean');
    const umea = items[rank('Umeå')];
    expect(umea.reasons).toEqual([expect.objectContaining({ kind: 'shared_priority', data: { priorities: ['community.3'] } })]);
    // scores are in 0..1 and best first
    for (const m of items) expect(m.score).toBeGreaterThan(0);
    for (const m of items) expect(m.score).toBeLessThanOrEqual(1);
    expect(items.map((m) => m.score)).toEqual([...items.map((m) => m.score)].sort((a, b) => b - a));
  });

  it('leaves out a city with nothing in common, and gives it no matches', async () => {
    expect(names(await matches(id.Palermo, '?limit=100'))).not.toContain('Ísafjörður');
    expect(await matches(id['Ísafjörður'])).toEqual([]);
  });

  it('never returns the city itself; active twins only with includeTwinned=true; a declined twinning does not exclude', async () => {
    const items = await matches(id.Palermo, '?limit=100');
    expect(names(items)).not.toContain('Palermo');
    expect(names(items)).not.toContain('Tunis');
    expect(names(items)).toContain('Valletta');
    const withTwins = await matches(id.Palermo, '?limit=100&includeTwinned=true');
    expect(names(withTwins)).toContain('Tunis');
    expect(names(withTwins)).not.toContain('Palermo');
    // and from the other side of the twinning
    expect(names(await matches(id.Tunis, '?limit=100'))).not.toContain('Palermo');
  });

  it('gives reasons that match both cities\' data exactly, with weights adding up to the score', async () => {
    const source = await view(id.Palermo);
    const items = await matches(id.Palermo, '?limit=100&includeTwinned=true');
    expect(items.length).toBeGreaterThan(10); // the world plus seeded cities nearby or sharing a language
    for (const m of items) {
      const candidate = await view(m.city.id);
      const want = expectedMatch(source, candidate);
      const label = `${m.city.name}: ${JSON.stringify(m.reasons)}`;
      expect(m.score, label).toBeCloseTo(want.score, 3);
      expect(m.reasons.reduce((s, r) => s + r.weight, 0), label).toBeCloseTo(m.score, 3);
      const kinds = Object.entries(want.contributions).filter(([, v]) => v > 0).map(([k]) => k).sort();
      expect(m.reasons.map((r) => r.kind).sort(), label).toEqual(kinds);
      for (const r of m.reasons) {
        expect(r.weight, label).toBeCloseTo(want.contributions[r.kind as keyof typeof want.contributions], 3);
        switch (r.kind) {
          case 'complementary_priority':
            expect([...r.data.candidateOffers].sort()).toEqual(want.candidateOffers);
            expect([...r.data.sourceOffers].sort()).toEqual(want.sourceOffers);
            break;
          case 'shared_priority':
            expect([...r.data.priorities].sort()).toEqual(want.shared);
            break;
          case 'route': {
            // the named roles are really held on the named route, and no pair is worth more
            expect(source.routes).toContainEqual(expect.objectContaining({ slug: r.data.route, role: r.data.sourceRole }));
            expect(candidate.routes).toContainEqual(expect.objectContaining({ slug: r.data.route, role: r.data.candidateRole }));
            expect(r.data.value).toBe(want.route!.value);
            break;
          }
          case 'language':
            expect([...r.data.languages].sort()).toEqual(want.languages);
            break;
          case 'size':
            expect(r.data).toMatchObject({ sourcePopulation: source.population, candidatePopulation: candidate.population });
            break;
          case 'distance':
            expect(Math.abs(r.data.km - want.km!)).toBeLessThanOrEqual(1);
            expect(r.detail).toContain(new Intl.NumberFormat('en').format(r.data.km));
            break;
        }
      }
    }
  });

  it('narrows by route, role and priority, and says which filter value is unknown', async () => {
    const onRoute = await matches(id.Palermo, '?limit=100&route=central-mediterranean');
    expect(names(onRoute).sort()).toEqual(['Agadez', 'Sfax', 'Valletta']);
    expect(names(await matches(id.Palermo, '?limit=100&route=central-mediterranean&role=transit'))).toEqual(['Sfax']);
    expect(names(await matches(id.Palermo, '?limit=100&role=origin'))).toEqual(['Agadez']);
    const withPriority = await matches(id.Palermo, '?limit=100&priority=dignity.1');
    expect(names(withPriority).sort()).toEqual(['Necoclí', 'Sfax', 'Valletta']);
    // a filter narrows; it does not change a score
    const all = await matches(id.Palermo, '?limit=100');
    for (const m of withPriority) expect(m.score).toBe(all.find((x) => x.city.id === m.city.id)!.score);
    expect(names(await matches(id.Palermo, '?limit=2'))).toEqual(names(all).slice(0, 2));

    const bad = await anon.get(`/api/cities/${id.Palermo}/matches?route=atlantis&priority=dignity.77&role=middle`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['priority', 'role', 'route']);
    expect(bad.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(/"atlantis".*"dignity\.77".*"middle"|"dignity\.77".*"atlantis".*"middle"/);
    expect((await anon.get('/api/cities/no-such-city/matches')).status).toBe(404);
    expect((await anon.get(`/api/cities/${id.Palermo}/matches?limit=500`)).status).toBe(400);
  });

  it('writes reasons in the requested language', async () => {
    const items = await matches(id.Palermo, '?lang=fr');
    const sfax = items.find((m) => m.city.name === 'Sfax')!;
    const label = await app.db.priority.findUniqueOrThrow({ where: { code: 'dignity.1' } });
    const comp = sfax.reasons.find((r) => r.kind === 'complementary_priority')!;
    expect(comp.detail).toContain('Sfax offre ce que Palermo recherche');
    expect(comp.detail).toContain((label.label as { fr: string }).fr);
    expect(sfax.reasons.find((r) => r.kind === 'route')!.detail).toBe('destination (Palermo) ↔ transit (Sfax) sur Méditerranée centrale');
    const es = await anon.get(`/api/cities/${id.Palermo}/matches`, { 'accept-language': 'es' });
    expect(es.body.items.find((m: Match) => m.city.name === 'Sfax').reasons.find((r: Match['reasons'][0]) => r.kind === 'route').detail)
      .toBe('destino (Palermo) ↔ tránsito (Sfax) en Mediterráneo central');
  });

  it('follows edits at once: new priorities, new routes, a new city', async () => {
    await matches(id.Palermo); // the index exists from here on
    const put = await manager.put(`/api/cities/${id['Umeå']}/priorities`, { priorities: [{ code: 'dignity.1', stance: 'offer' }, { code: 'equity.2', stance: 'offer' }] });
    expect(put.status).toBe(200);
    let umea = (await matches(id.Palermo, '?limit=100')).find((m) => m.city.name === 'Umeå')!;
    expect(umea.reasons.find((r) => r.kind === 'complementary_priority')!.data.candidateOffers).toEqual(['dignity.1', 'equity.2']);
    expect(umea.reasons.find((r) => r.kind === 'shared_priority')).toBeUndefined();

    expect((await manager.put(`/api/cities/${id['Umeå']}/routes`, { routes: [{ route: 'central-mediterranean', role: 'origin' }] })).status).toBe(200);
    umea = (await matches(id.Palermo, '?limit=100')).find((m) => m.city.name === 'Umeå')!;
    expect(umea.reasons.find((r) => r.kind === 'route')!.data).toMatchObject({ sourceRole: 'destination', candidateRole: 'origin', value: 1 });

    const created = await manager.post('/api/cities', {
      name: 'Zarzis', country: 'TN', languages: ['ar'], population: 80_000, lat: 33.5, lon: 11.11, networkIds: [(await app.db.network.findUniqueOrThrow({ where: { slug: 'med-net' } })).id],
    });
    expect(created.status).toBe(201);
    await manager.put(`/api/cities/${created.body.id}/priorities`, { priorities: [{ code: 'equity.2', stance: 'offer' }] });
    const zarzis = (await matches(id.Palermo, '?limit=100')).find((m) => m.city.id === created.body.id);
    expect(zarzis?.reasons.find((r) => r.kind === 'complementary_priority')!.data.candidateOffers).toEqual(['equity.2']);
    // and the new city has matches of its own
    expect(names(await matches(created.body.id, '?limit=100'))).toContain('Palermo');

    await manager.patch(`/api/cities/${id['Umeå']}`, { languages: ['it'] });
    umea = (await matches(id.Palermo, '?limit=100')).find((m) => m.city.name === 'Umeå')!;
    expect(umea.reasons.find((r) => r.kind === 'language')!.data.languages).toEqual(['it']);
  });
});
