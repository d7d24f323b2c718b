import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser, createUser } from '../../factories/users.ts';

/** Members of a city: list, add by e-mail (extension of {userId}), change role, remove; the last focal point stays. */
let app: TestApp;
let writes: () => Promise<number>;
let focal: { user: { id: string }; client: TestClient };
let manager: { user: { id: string }; client: TestClient };
let practitioner: { user: { id: string }; client: TestClient };
let outsider: { user: { id: string }; client: TestClient };
let cityId: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'city_members' });
  writes = (await installWriteCounter(app.db)).writes;
  const user = () => createSignedInUser(app.db, app.baseUrl);
  [focal, manager, practitioner, outsider] = await Promise.all([user(), user(), user(), user()]);
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  cityId = (await createCity(app.db, {
    networkIds: [network.id],
    members: [{ userId: focal.user.id, role: 'focal_point' }, { userId: practitioner.user.id, role: 'practitioner' }],
  })).id;
});
afterAll(() => app?.stop());

async function unchanged(fn: () => Promise<void>) {
  const before = await writes();
  await fn();
  expect(await writes()).toBe(before);
}

describe('city members', () => {
  it('the focal point adds an existing user by e-mail, changes the role, removes them', async () => {
    const newcomer = await createUser(app.db, { email: 'new.comer@example.org', name: 'New Comer' });
    const added = await focal.client.post(`/api/cities/${cityId}/members`, { email: 'new.comer@EXAMPLE.org ', role: 'practitioner' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: newcomer.id, name: 'New Comer', role: 'practitioner', email: 'new.comer@example.org' });

    const changed = await manager.client.post(`/api/cities/${cityId}/members`, { userId: newcomer.id, role: 'focal_point' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('focal_point');

    const list = await focal.client.get(`/api/cities/${cityId}/members`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { userId: string; role: string }) => `${m.role}`)).toEqual(['focal_point', 'focal_point', 'practitioner']);
    expect(list.body.items.every((m: { email?: string }) => typeof m.email === 'string')).toBe(true);

    expect((await focal.client.delete(`/api/cities/${cityId}/members/${newcomer.id}`)).status).toBe(204);
    expect(await app.db.cityMembership.count({ where: { cityId, userId: newcomer.id } })).toBe(0);
  });

  it('members see the list without e-mails; outsiders and anonymous do not see it', async () => {
    const list = await practitioner.client.get(`/api/cities/${cityId}/members`);
    expect(list.status).toBe(200);
    expect(list.body.items.some((m: { email?: string }) => 'email' in m)).toBe(false);
    expect((await outsider.client.get(`/api/cities/${cityId}/members`)).status).toBe(403);
    expect((await createClient(app.baseUrl).get(`/api/cities/${cityId}/members`)).status).toBe(401);
    expect((await focal.client.get('/api/cities/nope/members')).status).toBe(404);
  });

  it('refusals write nothing: 403, 404, 409 for the last focal point, 400 with field errors', async () => {
    const someone = await createUser(app.db);
    await unchanged(async () => {
      for (const who of [practitioner.client, outsider.client]) {
        expect((await who.post(`/api/cities/${cityId}/members`, { userId: someone.id, role: 'practitioner' })).status).toBe(403);
        expect((await who.delete(`/api/cities/${cityId}/members/${practitioner.user.id}`)).status).toBe(403);
      }
      expect((await focal.client.delete(`/api/cities/${cityId}/members/${someone.id}`)).status).toBe(404);
      // the only focal point can neither leave nor step down
      expect((await focal.client.delete(`/api/cities/${cityId}/members/${focal.user.id}`)).status).toBe(409);
      expect((await manager.client.post(`/api/cities/${cityId}/members`, { userId: focal.user.id, role: 'practitioner' })).status).toBe(409);

      const unknown = await focal.client.post(`/api/cities/${cityId}/members`, { email: 'nobody@example.org', role: 'practitioner' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ path: 'email', message: expect.stringMatching(/register/) }]);
      const both = await focal.client.post(`/api/cities/${cityId}/members`, { email: 'a@example.org', userId: someone.id, role: 'practitioner' });
      expect(both.status).toBe(400);
      expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(['userId']);
      const role = await focal.client.post(`/api/cities/${cityId}/members`, { userId: someone.id, role: 'mayor' });
      expect(role.body.errors).toEqual([{ path: 'role', code: 'invalid_value', message: expect.stringMatching(/mayor/) }]);
      const bad = await focal.client.post(`/api/cities/${cityId}/members`, { email: 'not an email', role: 'practitioner' });
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
    });
  });
});
