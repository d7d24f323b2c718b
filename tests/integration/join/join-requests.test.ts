import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser } from '../../factories/users.ts';

/**
 * Join requests end to end over HTTP with the real workers: ask, list, approve / decline, the membership
 * that follows, the notifications on both sides; every refusal (401, 403, 404, 409, 400) writes nothing.
 */
let app: TestApp;
let focal: { user: { id: string }; client: TestClient };
let manager: { user: { id: string }; client: TestClient };
let outsider: { user: { id: string }; client: TestClient };
let cityId: string;
let otherCityId: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'join_requests' });
  const user = () => createSignedInUser(app.db, app.baseUrl);
  [focal, manager, outsider] = await Promise.all([user(), user(), user()]);
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  cityId = (await createCity(app.db, { name: 'Lampedusa', countryCode: 'IT', networkIds: [network.id], members: [{ userId: focal.user.id, role: 'focal_point' }] })).id;
  otherCityId = (await createCity(app.db, { name: 'Elsewhere' })).id;
  await app.startWorkers();
});
afterAll(() => app?.stop());

/**
 * What a refused request could have written. (The whole-database write counter of other tests does not
 * fit here: the workers running alongside write their own bookkeeping rows at any time.)
 */
async function domainState() {
  const [requests, members, outbox] = await Promise.all([
    app.db.joinRequest.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, updatedAt: true } }),
    app.db.cityMembership.findMany({ orderBy: [{ cityId: 'asc' }, { userId: 'asc' }], select: { cityId: true, userId: true, role: true } }),
    app.db.outboxEvent.count({ where: { job: 'notification.fanout' } }),
  ]);
  return { requests, members, outbox };
}

async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await domainState();
  const out = await fn();
  expect(await domainState()).toEqual(before);
  return out;
}

async function notificationsOf(userId: string, type: string, count = 1) {
  // produced by the workers after the commit: wait for them (bounded by the test timeout)
  for (;;) {
    const rows = await app.db.notification.findMany({ where: { userId, type } });
    if (rows.length >= count) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('asking to join', () => {
  it('a signed-in user asks; the focal point and the manager see it and are notified; approval makes a member', async () => {
    const asker = await createSignedInUser(app.db, app.baseUrl, { name: 'Amina Diallo' });
    const res = await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner', message: 'I run the reception centre' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', role: 'practitioner', city: { id: cityId, name: 'Lampedusa' }, user: { name: 'Amina Diallo' } });

    for (const reviewer of [focal, manager]) {
      const list = await reviewer.client.get(`/api/cities/${cityId}/join-requests`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
      const mine = await reviewer.client.get('/api/join-requests');
      expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
      const [n] = await notificationsOf(reviewer.user.id, 'membership.requested');
      expect(n.payload).toMatchObject({ title: 'Lampedusa', actorName: 'Amina Diallo', cityId });
    }
    expect((await asker.client.get('/api/me/join-requests')).body.items).toHaveLength(1);

    const approved = await focal.client.post(`/api/join-requests/${res.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { id: focal.user.id } });
    const me = await asker.client.get('/api/me');
    expect(me.body.cities).toEqual([{ id: cityId, name: 'Lampedusa', country: 'IT', role: 'practitioner' }]);
    const [n] = await notificationsOf(asker.user.id, 'membership.approved');
    expect(n.payload).toMatchObject({ title: 'Lampedusa', url: `/cities/${cityId}` });
    // decided: gone from the pending lists
    expect((await focal.client.get(`/api/cities/${cityId}/join-requests`)).body.items.map((r: { id: string }) => r.id)).not.toContain(res.body.id);
    expect((await focal.client.get(`/api/cities/${cityId}/join-requests?status=approved`)).body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);

    // a member asking again is a conflict
    await unchanged(async () => expect((await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'focal_point' })).status).toBe(409));
    // a decided request cannot be decided again
    await unchanged(async () => expect((await manager.client.post(`/api/join-requests/${res.body.id}/decline`, {})).status).toBe(409));
  });

  it('a focal-point request, declined with a reason: no membership, the requester is told why, and may ask again', async () => {
    const asker = await createSignedInUser(app.db, app.baseUrl);
    const res = await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'focal_point' });
    expect(res.status).toBe(201);
    const declined = await manager.client.post(`/api/join-requests/${res.body.id}/decline`, { reason: 'We have a focal point' });
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'We have a focal point' });
    expect(await app.db.cityMembership.count({ where: { userId: asker.user.id } })).toBe(0);
    const [n] = await notificationsOf(asker.user.id, 'membership.declined');
    expect(n.payload).toMatchObject({ title: 'Lampedusa', declineReason: 'We have a focal point' });
    expect((await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner' })).status).toBe(201);
  });

  it('one pending request per user and city: the second is a 409, also when both are sent at once', async () => {
    const asker = await createSignedInUser(app.db, app.baseUrl);
    expect((await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner' })).status).toBe(201);
    await unchanged(async () => expect((await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner' })).status).toBe(409));

    const racer = await createSignedInUser(app.db, app.baseUrl);
    const statuses = await Promise.all(Array.from({ length: 4 }, () => racer.client.post(`/api/cities/${otherCityId}/join-requests`, { role: 'practitioner' }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([201, 409, 409, 409]);
    expect(await app.db.joinRequest.count({ where: { userId: racer.user.id } })).toBe(1);
  });

  it('two decisions at once: exactly one wins, the other is a 409', async () => {
    const asker = await createSignedInUser(app.db, app.baseUrl);
    const { body } = await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner' });
    const [a, d] = await Promise.all([
      focal.client.post(`/api/join-requests/${body.id}/approve`),
      manager.client.post(`/api/join-requests/${body.id}/decline`, {}),
    ]);
    expect([a.status, d.status].sort()).toEqual([200, 409]);
    expect(await app.db.cityMembership.count({ where: { userId: asker.user.id } })).toBe(a.status === 200 ? 1 : 0);
  });
});

describe('refusals write nothing', () => {
  it('401 anonymous, 404 unknown city or request, 400 with field errors', async () => {
    const anon = createClient(app.baseUrl);
    const asker = await createSignedInUser(app.db, app.baseUrl);
    await unchanged(async () => {
      expect((await anon.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner' })).status).toBe(401);
      expect((await anon.get(`/api/cities/${cityId}/join-requests`)).status).toBe(401);
      expect((await asker.client.post('/api/cities/nope/join-requests', { role: 'practitioner' })).status).toBe(404);
      expect((await focal.client.post('/api/join-requests/nope/approve')).status).toBe(404);
      const bad = await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'mayor', message: 'x'.repeat(3000), extra: 1 });
      expect(bad.status).toBe(400);
      const paths = bad.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['role', 'message']));
      const nul = await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner', message: 'a\u0000b' });
      expect(nul.status).toBe(400);
      expect((await focal.client.post('/api/join-requests/x/decline', { reason: 5 })).status).toBe(400);
      expect((await focal.client.get(`/api/cities/${cityId}/join-requests?status=maybe`)).status).toBe(400);
    });
  });

  it('403 for everyone but the focal points and managers, and for deciding one\'s own request', async () => {
    const asker = await createSignedInUser(app.db, app.baseUrl);
    const { body } = await asker.client.post(`/api/cities/${cityId}/join-requests`, { role: 'practitioner' });
    const practitioner = await createSignedInUser(app.db, app.baseUrl);
    await app.db.cityMembership.create({ data: { cityId, userId: practitioner.user.id, role: 'practitioner' } });
    await unchanged(async () => {
      for (const who of [outsider.client, practitioner.client, asker.client]) {
        expect((await who.get(`/api/cities/${cityId}/join-requests`)).status).toBe(403);
        expect((await who.post(`/api/join-requests/${body.id}/approve`)).status).toBe(403);
        expect((await who.post(`/api/join-requests/${body.id}/decline`, {})).status).toBe(403);
      }
      // the outsider's review list holds nothing of this city
      expect((await outsider.client.get('/api/join-requests')).body.items).toEqual([]);
    });
    // a manager asking to join a city of their own network cannot approve themselves
    const { body: own } = await manager.client.post(`/api/cities/${cityId}/join-requests`, { role: 'focal_point' });
    await unchanged(async () => expect((await manager.client.post(`/api/join-requests/${own.id}/approve`)).status).toBe(403));
  });
});
