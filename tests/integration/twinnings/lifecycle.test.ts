import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesResponse } from '../../../server/contract/cities.ts';
import { twinningDetailSchema, twinningListResponse, type TwinningDetail } from '../../../server/contract/twinnings.ts';
import { createTwinningCast, type TwinningCast } from '../../factories/twinnings.ts';
import { createCity } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';

let app: TestApp;
let cast: TwinningCast;
let counter: Awaited<ReturnType<typeof installWriteCounter>>;

beforeAll(async () => {
  app = await startTestApp({ label: 'twinnings' });
  cast = await createTwinningCast(app.db, app.baseUrl);
  counter = await installWriteCounter(app.db);
});
afterAll(async () => {
  await app?.stop();
});

/** Fan-out rows written for a twinning: type → the recipients named. */
async function fanouts(twinningId: string) {
  const rows = await app.db.outboxEvent.findMany({ where: { job: 'notification.fanout' }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as { type: string; subject: { id: string }; recipients: unknown[]; data: Record<string, unknown> })
    .filter((p) => p.subject.id === twinningId);
}

/** A fresh pair of cities in the cast's network (so each test owns its pair). */
async function freshPair() {
  const a = await createCity(app.db, { name: 'Catania', networkIds: [cast.network.id], members: [{ userId: cast.focalA.user.id, role: 'focal_point' }], priorities: [{ code: 'solidarity.3', stance: 'offer' }] });
  const b = await createCity(app.db, { name: 'Marseille', networkIds: [cast.network.id], members: [{ userId: cast.focalB.user.id, role: 'focal_point' }], priorities: [{ code: 'solidarity.3', stance: 'seek' }] });
  return { a, b };
}

describe('a request by a focal point', () => {
  it('is requested, awaits the other city, and becomes active on its consent with a thread, events and notifications', async () => {
    const created = await cast.focalA.client.post<TwinningDetail>('/api/twinnings', {
      fromCityId: cast.cityA.id, toCityId: cast.cityB.id, themes: ['solidarity.3'], message: 'Shall we learn from each other?',
    });
    expect(created.status).toBe(201);
    const t = twinningDetailSchema.parse(created.body);
    expect(t).toMatchObject({ status: 'requested', version: 1, awaiting: [cast.cityB.id], brokered: null, threadId: null });
    expect(t.reasons.map((r) => r.kind)).toContain('complementary_priority'); // the match that motivated it
    expect(t.score).toBeGreaterThan(0);
    expect(t.events).toMatchObject([{ action: 'request', actor: { id: cast.focalA.user.id }, cityId: cast.cityA.id, fromStatus: null, toStatus: 'requested' }]);
    expect(t.can).toMatchObject({ accept: false, withdraw: true });
    expect((await fanouts(t.id)).map((f) => [f.type, f.recipients])).toEqual([
      ['twinning.requested', [{ kind: 'city_focal_points', cityId: cast.cityB.id }]],
    ]);

    // B's inbox
    const inbox = twinningListResponse.parse((await cast.focalB.client.get('/api/twinnings?awaitingMe=true')).body);
    expect(inbox.items.map((i) => i.id)).toEqual([t.id]);
    expect(inbox.items[0].can.accept).toBe(true);
    expect((await cast.focalA.client.get('/api/twinnings?awaitingMe=true')).body.items).toEqual([]);

    const accepted = await cast.focalB.client.post<TwinningDetail>(`/api/twinnings/${t.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'active', version: 2, awaiting: [], activatedAt: expect.any(String) });
    expect(accepted.body.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.cityId])).toEqual([
      ['request', null, 'requested', cast.cityA.id],
      ['accept', 'requested', 'requested', cast.cityB.id],
      ['activate', 'requested', 'active', null],
    ]);
    // its thread between the two cities, committed with the activation
    const thread = await app.db.thread.findFirstOrThrow({ where: { twinningId: t.id }, include: { cities: true } });
    expect(accepted.body.threadId).toBe(thread.id);
    expect(thread.cities.map((c) => c.cityId).sort()).toEqual([cast.cityA.id, cast.cityB.id].sort());
    expect((await cast.focalA.client.get(`/api/threads/${thread.id}`)).status).toBe(200);
    expect((await fanouts(t.id)).map((f) => f.type)).toEqual(['twinning.requested', 'twinning.accepted', 'twinning.activated']);

    // the active twin leaves A's matches unless asked for
    const matches = matchesResponse.parse((await cast.focalA.client.get(`/api/cities/${cast.cityA.id}/matches`)).body);
    expect(matches.items.map((m) => m.city.id)).not.toContain(cast.cityB.id);
    const all = matchesResponse.parse((await cast.focalA.client.get(`/api/cities/${cast.cityA.id}/matches?includeTwinned=true`)).body);
    expect(all.items.map((m) => m.city.id)).toContain(cast.cityB.id);

    // one open or active twinning per pair, in either direction
    const again = await cast.focalB.client.post('/api/twinnings', { fromCityId: cast.cityB.id, toCityId: cast.cityA.id, themes: ['dignity.1'], message: 'Again' });
    expect(again.status).toBe(409);
    // …and the database holds it for any writer
    await expect(app.db.twinning.create({ data: { fromCityId: cast.cityB.id, toCityId: cast.cityA.id, themes: [], message: '', status: 'requested', requestedById: cast.focalB.user.id } }))
      .rejects.toMatchObject({ code: 'P2002' });

    // illegal moves on an active twinning: 409
    for (const [move, body] of [['accept', {}], ['decline', { reason: 'No' }], ['withdraw', {}]] as const) {
      const res = await cast.focalB.client.post(`/api/twinnings/${t.id}/${move}`, body);
      expect(res.status, move).toBe(409);
      expect(res.body.code).toBe('conflict');
    }

    // ending keeps the outcome
    const ended = await cast.focalA.client.post<TwinningDetail>(`/api/twinnings/${t.id}/end`, { reason: 'Project finished', outcome: 'A shared reception protocol' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'A shared reception protocol', endReason: 'Project finished', closedAt: expect.any(String) });
    expect(ended.body.events.at(-1)).toMatchObject({ action: 'end', cityId: cast.cityA.id, fromStatus: 'active', toStatus: 'ended', reason: 'Project finished' });
    expect((await fanouts(t.id)).at(-1)).toMatchObject({ type: 'twinning.ended', recipients: [
      { kind: 'city_focal_points', cityId: cast.cityA.id }, { kind: 'city_focal_points', cityId: cast.cityB.id },
    ] });
    // an ended twinning frees the pair
    const next = await cast.focalB.client.post('/api/twinnings', { fromCityId: cast.cityB.id, toCityId: cast.cityA.id, themes: ['dignity.1'], message: 'Once more' });
    expect(next.status).toBe(201);
    expect((await cast.focalB.client.post(`/api/twinnings/${next.body.id}/withdraw`, {})).body.status).toBe('withdrawn');
  });

  it('can be declined with a reason, or withdrawn by the requester; both are final', async () => {
    const { a, b } = await freshPair();
    const t1 = (await cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['solidarity.3'], message: 'Hi' })).body;
    const declined = await cast.focalB.client.post<TwinningDetail>(`/api/twinnings/${t1.id}/decline`, { reason: 'Not this year' });
    expect(declined.body).toMatchObject({ status: 'declined', version: 2 });
    expect(declined.body.events.at(-1)).toMatchObject({ action: 'decline', reason: 'Not this year', cityId: b.id });
    expect((await cast.focalB.client.post(`/api/twinnings/${t1.id}/accept`, {})).status).toBe(409);
    expect((await fanouts(t1.id)).at(-1)?.type).toBe('twinning.declined');

    const t2 = (await cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['solidarity.3'], message: 'Hi again' })).body;
    expect((await cast.focalB.client.post(`/api/twinnings/${t2.id}/withdraw`, {})).status).toBe(403); // not the requester
    const withdrawn = await cast.focalA.client.post<TwinningDetail>(`/api/twinnings/${t2.id}/withdraw`, { reason: 'Wrong city' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect((await cast.focalB.client.post(`/api/twinnings/${t2.id}/accept`, {})).status).toBe(409);
    expect((await fanouts(t2.id)).at(-1)).toMatchObject({ type: 'twinning.withdrawn' });
  });
});

describe('a brokered proposal', () => {
  it('awaits both cities: the first consent keeps it proposed, the second makes it active; the manager hears of each', async () => {
    const created = await cast.manager.client.post<TwinningDetail>('/api/twinnings', {
      fromCityId: cast.cityA.id, toCityId: cast.cityC.id, themes: ['dignity.1'], message: '', note: 'You both work on dignity.1',
    });
    expect(created.status).toBe(201);
    const t = twinningDetailSchema.parse(created.body);
    expect(t).toMatchObject({
      status: 'proposed', brokered: { network: { id: cast.network.id }, manager: { id: cast.manager.user.id }, note: 'You both work on dignity.1' },
    });
    expect(t.awaiting.sort()).toEqual([cast.cityA.id, cast.cityC.id].sort());
    expect(t.events[0]).toMatchObject({ action: 'propose', cityId: null, toStatus: 'proposed', reason: 'You both work on dignity.1' });
    expect((await fanouts(t.id))[0]).toMatchObject({ type: 'twinning.proposed', recipients: [
      { kind: 'city_focal_points', cityId: cast.cityA.id }, { kind: 'city_focal_points', cityId: cast.cityC.id },
    ] });

    const first = await cast.focalC.client.post<TwinningDetail>(`/api/twinnings/${t.id}/accept`, {});
    expect(first.body).toMatchObject({ status: 'proposed', awaiting: [cast.cityA.id], version: 2 });
    expect((await cast.focalC.client.post(`/api/twinnings/${t.id}/accept`, {})).status).toBe(403); // C has answered
    expect((await cast.focalC.client.post(`/api/twinnings/${t.id}/accept`, { cityId: cast.cityC.id })).status).toBe(409);
    const second = await cast.focalA.client.post<TwinningDetail>(`/api/twinnings/${t.id}/accept`, {});
    expect(second.body).toMatchObject({ status: 'active', awaiting: [] });
    const rows = await fanouts(t.id);
    expect(rows.map((r) => r.type)).toEqual(['twinning.proposed', 'twinning.accepted', 'twinning.accepted', 'twinning.activated']);
    expect(rows[1].recipients).toEqual([{ kind: 'city_focal_points', cityId: cast.cityA.id }, { kind: 'user', userId: cast.manager.user.id }]);
    expect(rows[3].recipients).toContainEqual({ kind: 'user', userId: cast.manager.user.id });
  });
});

describe('who sees and who may act', () => {
  it('hides a twinning from outsiders and other networks\' managers (404); practitioners see but cannot answer (403)', async () => {
    const { a, b } = await freshPair();
    await app.db.cityMembership.create({ data: { cityId: b.id, userId: cast.practitionerA.user.id, role: 'practitioner' } });
    const t = (await cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['solidarity.3'], message: 'Hi' })).body;
    expect((await cast.outsider.client.get(`/api/twinnings/${t.id}`)).status).toBe(404);
    expect((await cast.otherManager.client.get(`/api/twinnings/${t.id}`)).status).toBe(404);
    expect((await cast.outsider.client.post(`/api/twinnings/${t.id}/accept`, {})).status).toBe(404);
    expect((await cast.manager.client.get(`/api/twinnings/${t.id}`)).status).toBe(200);
    expect((await cast.outsider.client.get('/api/twinnings')).body.items).toEqual([]);
    const before = await counter.writes();
    expect((await cast.practitionerA.client.post(`/api/twinnings/${t.id}/accept`, {})).status).toBe(403);
    expect((await cast.practitionerA.client.post(`/api/twinnings/${t.id}/accept`, { cityId: b.id })).status).toBe(403);
    expect((await cast.manager.client.post(`/api/twinnings/${t.id}/decline`, { reason: 'no' })).status).toBe(403);
    expect((await cast.focalB.client.post(`/api/twinnings/${t.id}/accept`, { version: 7 })).status).toBe(409); // a stale view
    expect(await counter.writes()).toBe(before);
  });
});

describe('bad input', () => {
  it('self-twinning, unknown cities or themes → 400; a city one is not focal point of → 403; nothing is written', async () => {
    const before = await counter.writes();
    const post = (client: typeof cast.focalA.client, body: Record<string, unknown>) => client.post('/api/twinnings', { message: 'x', themes: ['solidarity.3'], ...body });

    const self = await post(cast.focalA.client, { fromCityId: cast.cityA.id, toCityId: cast.cityA.id });
    expect(self.status).toBe(400);
    expect(self.body.errors).toContainEqual({ path: 'toCityId', message: 'A city cannot twin with itself' });
    const unknown = await post(cast.focalA.client, { fromCityId: cast.cityA.id, toCityId: 'nope', themes: ['solidarity.3', 'nothing.9'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['themes.1', 'toCityId']);
    expect((await post(cast.focalA.client, { fromCityId: cast.cityA.id, toCityId: cast.cityB.id, themes: [] })).status).toBe(400);
    expect((await post(cast.focalA.client, { fromCityId: cast.cityA.id, toCityId: cast.cityB.id, message: 'a\u0000b' })).body.errors[0].path).toBe('message');
    // acting for a city one is not focal point of
    expect((await post(cast.practitionerA.client, { fromCityId: cast.cityA.id, toCityId: cast.cityB.id })).status).toBe(403);
    expect((await post(cast.focalB.client, { fromCityId: cast.cityA.id, toCityId: cast.cityC.id })).status).toBe(403);
    expect((await post(cast.otherManager.client, { fromCityId: cast.cityA.id, toCityId: cast.cityC.id, note: 'x' })).status).toBe(403);
    expect((await post(cast.manager.client, { fromCityId: cast.cityA.id, toCityId: cast.cityC.id, networkId: 'other' })).status).toBe(403);
    expect((await cast.focalA.client.post('/api/twinnings/nope/accept', {})).status).toBe(404);
    expect((await cast.focalA.client.post(`/api/twinnings/x/decline`, {})).status).toBe(400); // reason required
    expect(await counter.writes()).toBe(before);
  });
});

describe('a practice from a twinning', () => {
  it('names a twinning of its own city (create and patch); another city\'s or an unknown one is bad input', async () => {
    const { a, b } = await freshPair();
    const t = (await cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['solidarity.3'], message: 'Hi' })).body;
    const created = await cast.focalB.client.post('/api/practices', practiceInput(b.id, { twinningId: t.id }));
    expect(created.status).toBe(201);
    expect(created.body.twinningId).toBe(t.id);
    const before = await counter.writes();
    const other = await cast.focalC.client.post('/api/practices', practiceInput(cast.cityC.id, { twinningId: t.id }));
    expect(other.status).toBe(400);
    expect(other.body.errors[0].path).toBe('twinningId');
    expect((await cast.focalB.client.patch(`/api/practices/${created.body.id}`, { twinningId: 'nope' })).status).toBe(400);
    expect(await counter.writes()).toBe(before);
    const cleared = await cast.focalB.client.patch(`/api/practices/${created.body.id}`, { twinningId: null });
    expect(cleared.body.twinningId).toBeNull();
  });
});
