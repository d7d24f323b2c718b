import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/lib/logger.ts';
import { startApi } from '../../../server/main.ts';
import { createCity } from '../../factories/cities.ts';
import { createTwinningCast, type TwinningCast } from '../../factories/twinnings.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, forgetApiNode, registerApiNode } from '../../helpers/http.ts';

/** Two API nodes over one database: concurrent moves on one twinning arrive on different processes. */
let app: TestApp;
let nodeB: Awaited<ReturnType<typeof startApi>>;
let urlB: string;
let cast: TwinningCast;

beforeAll(async () => {
  app = await startTestApp({ label: 'twinning_race' });
  nodeB = await startApi({ env: { ...app.env, PORT: 0 }, logger: createLogger('silent'), databaseUrl: app.database.url, prepare: false });
  urlB = `http://127.0.0.1:${nodeB.port}`;
  registerApiNode(urlB, nodeB.responseFor);
  cast = await createTwinningCast(app.db, app.baseUrl);
});
afterAll(async () => {
  forgetApiNode(urlB);
  await nodeB?.stop();
  await app?.stop();
});

const onB = (who: { client: { token: string } }) => createClient(urlB, { token: who.client.token });

/** A proposal awaiting both A and B, with a second focal point in B so two people answer at once. */
async function proposal(i: number) {
  const a = await createCity(app.db, { name: `Race A ${i}`, networkIds: [cast.network.id], members: [{ userId: cast.focalA.user.id, role: 'focal_point' }] });
  const b = await createCity(app.db, { name: `Race B ${i}`, networkIds: [cast.network.id], members: [{ userId: cast.focalB.user.id, role: 'focal_point' }, { userId: cast.focalC.user.id, role: 'focal_point' }] });
  const res = await cast.manager.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['dignity.1'], note: 'Pair' });
  expect(res.status).toBe(201);
  // A consents first: B's answer is the last one, accept activates and decline ends it
  expect((await cast.focalA.client.post(`/api/twinnings/${res.body.id}/accept`, {})).body.status).toBe('proposed');
  return { id: res.body.id as string, a, b };
}

describe('concurrent moves through two API nodes', () => {
  it('accept and decline of one twinning at once: exactly one succeeds, the other gets 409, the record holds one outcome', async () => {
    for (let i = 0; i < 6; i++) {
      const { id } = await proposal(i);
      const [accept, decline] = await Promise.all([
        cast.focalB.client.post(`/api/twinnings/${id}/accept`, {}),
        onB(cast.focalC).post(`/api/twinnings/${id}/decline`, { reason: 'We are not ready' }),
      ]);
      expect([accept.status, decline.status].sort()).toEqual([200, 409]);
      const loser = accept.status === 409 ? accept : decline;
      expect(loser.body.code).toBe('conflict');

      const row = await app.db.twinning.findUniqueOrThrow({ where: { id }, include: { events: true, threads: true } });
      expect(row.status).toBe(accept.status === 200 ? 'active' : 'declined');
      expect(row.version).toBe(3);
      const actions = row.events.map((e) => e.kind).sort();
      expect(actions).toEqual(accept.status === 200 ? ['accept', 'accept', 'activate', 'propose'] : ['accept', 'decline', 'propose']);
      expect(row.threads).toHaveLength(accept.status === 200 ? 1 : 0);
      const types = (await app.db.outboxEvent.findMany({ where: { job: 'notification.fanout' } }))
        .map((r) => r.payload as { type: string; subject: { id: string } }).filter((p) => p.subject.id === id).map((p) => p.type);
      expect(types.filter((t) => t === 'twinning.declined' || t === 'twinning.activated')).toHaveLength(1);
    }
  });

  it('two requests for one pair at once: one is created, the other gets 409', async () => {
    const a = await createCity(app.db, { name: 'Pair A', networkIds: [cast.network.id], members: [{ userId: cast.focalA.user.id, role: 'focal_point' }] });
    const b = await createCity(app.db, { name: 'Pair B', networkIds: [cast.network.id], members: [{ userId: cast.focalB.user.id, role: 'focal_point' }] });
    const [one, two] = await Promise.all([
      cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['dignity.1'], message: 'From A' }),
      onB(cast.focalB).post('/api/twinnings', { fromCityId: b.id, toCityId: a.id, themes: ['dignity.1'], message: 'From B' }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect(await app.db.twinning.count({ where: { OR: [{ fromCityId: a.id }, { fromCityId: b.id }] } })).toBe(1);
  });
});
