import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser, createUser, signIn } from '../../factories/users.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'networks' });
});
afterAll(() => app?.stop());

async function managerOfNewNetwork() {
  const { user, client } = await createSignedInUser(app.db, app.baseUrl);
  const network = await createNetwork(app.db, { managerIds: [user.id] });
  return { user, client, network };
}

describe('a network page', () => {
  it('shows a network by slug or id with its member cities; managers only to its managers', async () => {
    const { user, client: manager, network } = await managerOfNewNetwork();
    const city = await createCity(app.db, { name: 'Tarifa', lat: 36.01, lon: -5.6, networkIds: [network.id] });
    const anon = await createClient(app.baseUrl).get(`/api/networks/${network.slug}`);
    expect(anon.status).toBe(200);
    expect(anon.body).toMatchObject({ network: { id: network.id, cityCount: 1 }, canManage: false, canAppointManagers: false });
    expect(anon.body.cities).toEqual([{ id: city.id, name: 'Tarifa', country: 'ES', region: null, lat: 36.01, lon: -5.6 }]);
    expect(anon.body.managers).toBeUndefined();
    const asManager = await manager.get(`/api/networks/${network.id}`);
    expect(asManager.body).toMatchObject({ canManage: true, canAppointManagers: true, managers: [{ id: user.id, email: user.email }] });
    expect((await createClient(app.baseUrl).get('/api/networks/no-such-network')).status).toBe(404);
  });
});

describe('managing networks', () => {
  it('lets a manager found a network (becoming its manager), appoint a co-manager by e-mail and add and remove cities', async () => {
    const { client: manager } = await managerOfNewNetwork();
    const created = await manager.post('/api/networks', { name: 'Ports of refuge', slug: 'ports-of-refuge', country: 'IT' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'ports-of-refuge', managerCount: 1 });
    const id = created.body.id;

    const colleague = await createUser(app.db, { email: 'colleague@example.org' });
    const added = await manager.post(`/api/networks/${id}/managers`, { email: ' Colleague@Example.ORG ' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ networkId: id, userId: colleague.id });
    const asColleague = await signIn(app.baseUrl, colleague.email);
    expect((await asColleague.get('/api/me')).body.managedNetworks.map((n: { id: string }) => n.id)).toContain(id);

    const city = await createCity(app.db, { name: 'Pozzallo', countryCode: 'IT' });
    expect((await asColleague.post(`/api/networks/${id}/members`, { cityId: city.id })).status).toBe(201);
    expect((await createClient(app.baseUrl).get(`/api/cities?network=ports-of-refuge`)).body.items.map((c: { id: string }) => c.id)).toEqual([city.id]);
    expect((await manager.delete(`/api/networks/${id}/members/${city.id}`)).status).toBe(204);
    expect((await createClient(app.baseUrl).get(`/api/networks/${id}`)).body.cities).toEqual([]);
    expect((await manager.delete(`/api/networks/${id}/members/${city.id}`)).status).toBe(404);

    expect((await asColleague.delete(`/api/networks/${id}/managers/${colleague.id}`)).status).toBe(204);
    expect((await asColleague.post(`/api/networks/${id}/members`, { cityId: city.id })).status).toBe(403);
  });

  it('re-indexes a city’s practices when it joins or leaves a network', async () => {
    const { user, client: manager, network } = await managerOfNewNetwork();
    const city = await createCity(app.db);
    const practice = await app.db.practice.create({ data: { title: 'T', summary: 'S', body: 'B', bodyHtml: '<p>B</p>', cityId: city.id, authorId: user.id, language: 'es', status: 'published' } });
    const jobs = () => app.db.outboxEvent.count({ where: { job: 'search.index-practice', payload: { path: ['practiceId'], equals: practice.id } } });
    await manager.post(`/api/networks/${network.id}/members`, { cityId: city.id });
    expect(await jobs()).toBe(1);
    await manager.post(`/api/networks/${network.id}/members`, { cityId: city.id }); // already a member: no change
    expect(await jobs()).toBe(1);
    await manager.delete(`/api/networks/${network.id}/members/${city.id}`);
    expect(await jobs()).toBe(2);
  });

  it('keeps the last manager of a network', async () => {
    const { user, client: manager, network } = await managerOfNewNetwork();
    const res = await manager.delete(`/api/networks/${network.id}/managers/${user.id}`);
    expect(res.status).toBe(409);
    expect(await app.db.networkManager.count({ where: { networkId: network.id } })).toBe(1);
  });

  it('refuses outsiders and bad input', async () => {
    const { user, network } = await managerOfNewNetwork();
    const { client: otherManager } = await managerOfNewNetwork();
    const { client: nobody } = await createSignedInUser(app.db, app.baseUrl);
    const city = await createCity(app.db);
    const anon = createClient(app.baseUrl);

    expect((await anon.post('/api/networks', { name: 'N', slug: 'n-anon' })).status).toBe(401);
    expect((await nobody.post('/api/networks', { name: 'N', slug: 'n-nobody' })).status).toBe(403);
    expect((await otherManager.post(`/api/networks/${network.id}/members`, { cityId: city.id })).status).toBe(403);
    expect((await otherManager.delete(`/api/networks/${network.id}/managers/${user.id}`)).status).toBe(403);
    expect((await otherManager.post(`/api/networks/${network.id}/managers`, { email: 'someone@example.org' })).status).toBe(403);
    expect((await anon.delete(`/api/networks/${network.id}/members/${city.id}`)).status).toBe(401);
    expect(await app.db.networkCity.count({ where: { networkId: network.id } })).toBe(0);

    const { client: manager } = await signInAsManagerOf(network.id);
    const noUser = await manager.post(`/api/networks/${network.id}/managers`, { email: 'nobody-here@example.org' });
    expect(noUser.status).toBe(400);
    expect(noUser.body.errors[0].path).toBe('email');
    const both = await manager.post(`/api/networks/${network.id}/managers`, { email: 'a@example.org', userId: user.id });
    expect(both.status).toBe(400);
    const notEmail = await manager.post(`/api/networks/${network.id}/managers`, { email: 'not an address' });
    expect(notEmail.body.errors[0].path).toBe('email');
    const noCity = await manager.post(`/api/networks/${network.id}/members`, { cityId: 'nope' });
    expect(noCity.status).toBe(400);
    expect(noCity.body.errors[0].path).toBe('cityId');
    expect((await manager.post('/api/networks', { name: '', slug: 'Bad Slug' })).body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'slug']);
    expect((await manager.post('/api/networks/nowhere/members', { cityId: city.id })).status).toBe(404);
  });
});

async function signInAsManagerOf(networkId: string) {
  const { user, client } = await createSignedInUser(app.db, app.baseUrl);
  await app.db.networkManager.create({ data: { networkId, userId: user.id } });
  return { user, client };
}
