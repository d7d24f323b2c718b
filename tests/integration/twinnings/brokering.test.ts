import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesResponse } from '../../../server/contract/cities.ts';
import { brokeringResponse, twinningDetailSchema } from '../../../server/contract/twinnings.ts';
import { createCity } from '../../factories/cities.ts';
import { createTwinningCast, type TwinningCast } from '../../factories/twinnings.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

let app: TestApp;
let cast: TwinningCast;

beforeAll(async () => {
  app = await startTestApp({ label: 'twinning_board' });
  cast = await createTwinningCast(app.db, app.baseUrl);
  // a city outside the network: never on its board
  await createCity(app.db, { name: 'Outside', priorities: [{ code: 'solidarity.3', stance: 'seek' }], languages: ['fr', 'it'] });
});
afterAll(async () => {
  await app?.stop();
});

const board = async () => {
  const res = await cast.manager.client.get(`/api/networks/${cast.network.id}/brokering`);
  expect(res.status).toBe(200);
  return brokeringResponse.parse(res.body).items;
};
const key = (ids: string[]) => [...ids].sort().join(':');
const scoreOf = async (from: string, to: string) =>
  matchesResponse.parse((await cast.manager.client.get(`/api/cities/${from}/matches?includeTwinned=true&limit=100`)).body).items.find((m) => m.city.id === to)!.score;

describe('the brokering board', () => {
  it('ranks pairs of the network\'s cities by mutual score (mean of both directions), with reasons', async () => {
    const items = await board();
    const { cityA: a, cityB: b, cityC: c } = cast;
    expect(items.map((i) => key(i.cities.map((x) => x.id))).sort()).toEqual([key([a.id, b.id]), key([a.id, c.id]), key([b.id, c.id])].sort());
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((x, y) => y - x));
    for (const item of items) {
      const [x, y] = item.cities.map((city) => city.id);
      expect(item.score).toBeCloseTo(((await scoreOf(x, y)) + (await scoreOf(y, x))) / 2, 3);
      expect(item.reasons.length).toBeGreaterThan(0);
    }
    // A offers what B seeks and the reverse: their pair leads, for complementary reasons
    expect(key(items[0].cities.map((x) => x.id))).toBe(key([a.id, b.id]));
    expect(items[0].reasons.map((r) => r.kind)).toContain('complementary_priority');
  });

  it('is for the network\'s managers only', async () => {
    expect((await cast.focalA.client.get(`/api/networks/${cast.network.id}/brokering`)).status).toBe(403);
    expect((await cast.otherManager.client.get(`/api/networks/${cast.network.id}/brokering`)).status).toBe(403);
    expect((await cast.manager.client.get('/api/networks/nope/brokering')).status).toBe(404);
  });

  it('a manager proposes from it with a note; pairs with an open or active twinning leave the board, declined ones come back', async () => {
    const [top] = await board();
    const [x, y] = top.cities;
    const proposed = await cast.manager.client.post('/api/twinnings', { fromCityId: x.id, toCityId: y.id, themes: ['solidarity.3'], note: 'Strong complementary match' });
    expect(proposed.status).toBe(201);
    const t = twinningDetailSchema.parse(proposed.body);
    expect(t).toMatchObject({ status: 'proposed', score: top.score, brokered: { note: 'Strong complementary match' } });
    expect(t.reasons.map((r) => r.kind)).toEqual(top.reasons.map((r) => r.kind)); // the snapshot of what motivated it
    expect((await board()).map((i) => key(i.cities.map((c) => c.id)))).not.toContain(key([x.id, y.id]));

    const focalOf = (id: string) => (id === cast.cityA.id ? cast.focalA : id === cast.cityB.id ? cast.focalB : cast.focalC);
    expect((await focalOf(y.id).client.post(`/api/twinnings/${t.id}/decline`, { reason: 'Not now' })).body.status).toBe('declined');
    expect((await board()).map((i) => key(i.cities.map((c) => c.id)))).toContain(key([x.id, y.id]));
  });
});
