import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser, createUser } from '../../factories/users.ts';

/**
 * Who may change a city: (anonymous, practitioner of the city, focal point of another city, manager of
 * another network, manager of the city's network, platform admin, and the city's own focal point)
 * × (edit the profile, set priorities, set routes, add a member). A refusal must change nothing.
 */
type Actor = 'anonymous' | 'practitioner' | 'focal point of another city' | 'manager of another network' | 'manager' | 'admin' | 'focal point';
type Action = 'edit city' | 'set priorities' | 'set routes' | 'add member';

const EXPECTED: Record<Actor, 'allowed' | 401 | 403> = {
  anonymous: 401,
  practitioner: 403,
  'focal point of another city': 403,
  'manager of another network': 403,
  manager: 'allowed',
  admin: 'allowed',
  'focal point': 'allowed',
};
const ACTIONS: Action[] = ['edit city', 'set priorities', 'set routes', 'add member'];

let app: TestApp;
let clients: Record<Actor, TestClient>;
let newMemberIds: string[];
let homeNetworkId: string;
let members: { practitioner: string; focal: string };

beforeAll(async () => {
  app = await startTestApp({ label: 'cities_authz' });
  const user = () => createSignedInUser(app.db, app.baseUrl);
  const [practitioner, otherFocal, otherManager, manager, admin, focal] = await Promise.all([
    user(), user(), user(), user(), createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true }), user(),
  ]);
  await createNetwork(app.db, { slug: 'net-other', managerIds: [otherManager.user.id] });
  const network = await createNetwork(app.db, { slug: 'net-home', managerIds: [manager.user.id] });
  await createCity(app.db, { name: 'Elsewhere', networkIds: [network.id], members: [{ userId: otherFocal.user.id, role: 'focal_point' }] });
  clients = {
    anonymous: createClient(app.baseUrl),
    practitioner: practitioner.client,
    'focal point of another city': otherFocal.client,
    'manager of another network': otherManager.client,
    manager: manager.client,
    admin: admin.client,
    'focal point': focal.client,
  };
  // users to add as members, one per case
  newMemberIds = await Promise.all(Array.from({ length: 30 }, () => createUser(app.db).then((u) => u.id)));
  homeNetworkId = network.id;
  members = { practitioner: practitioner.user.id, focal: focal.user.id };
});
afterAll(() => app?.stop());

/** The city under test, fresh per case, so each case starts from the same state. */
async function freshCity() {
  return createCity(app.db, {
    name: 'Target',
    networkIds: [homeNetworkId],
    languages: ['es'],
    priorities: [{ code: 'dignity.1', stance: 'offer' }],
    routes: [{ slug: 'western-mediterranean', role: 'destination' }],
    members: [{ userId: members.practitioner, role: 'practitioner' }, { userId: members.focal, role: 'focal_point' }],
  });
}

async function snapshot(cityId: string) {
  const city = await app.db.city.findUniqueOrThrow({
    where: { id: cityId },
    include: { priorities: { orderBy: { priorityCode: 'asc' } }, routes: { orderBy: { role: 'asc' } }, members: { orderBy: { userId: 'asc' } } },
  });
  return {
    name: city.name, population: city.population,
    priorities: city.priorities.map((p) => `${p.priorityCode}:${p.stance}`),
    routes: city.routes.map((r) => `${r.routeId}:${r.role}`),
    members: city.members.map((m) => `${m.userId}:${m.role}`),
  };
}

function perform(client: TestClient, action: Action, cityId: string, memberId: string) {
  switch (action) {
    case 'edit city': return client.patch(`/api/cities/${cityId}`, { name: 'Renamed', population: 12345 });
    case 'set priorities': return client.put(`/api/cities/${cityId}/priorities`, { priorities: [{ code: 'equity.3', stance: 'seek' }] });
    case 'set routes': return client.put(`/api/cities/${cityId}/routes`, { routes: [{ route: 'atlantic-canary', role: 'transit' }] });
    case 'add member': return client.post(`/api/cities/${cityId}/members`, { userId: memberId, role: 'practitioner' });
  }
}

const cases = (Object.keys(EXPECTED) as Actor[]).flatMap((actor) => ACTIONS.map((action) => ({ actor, action, expected: EXPECTED[actor] })));

describe('who may change a city', () => {
  it.each(cases)('$actor → $action: $expected', async ({ actor, action, expected }) => {
    const city = await freshCity();
    const before = await snapshot(city.id);
    const memberId = newMemberIds.pop()!;
    const res = await perform(clients[actor], action, city.id, memberId);
    const after = await snapshot(city.id);

    if (expected === 'allowed') {
      expect(res.status, JSON.stringify(res.body)).toBe(action === 'add member' ? 201 : 200);
      expect(after).not.toEqual(before);
      if (action === 'edit city') expect(after).toMatchObject({ name: 'Renamed', population: 12345 });
      if (action === 'set priorities') expect(after.priorities).toEqual(['equity.3:seek']);
      if (action === 'set routes') expect(after.routes).toHaveLength(1);
      if (action === 'add member') expect(after.members).toContain(`${memberId}:practitioner`);
    } else {
      expect(res.status).toBe(expected);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(after).toEqual(before);
    }
  });
});

describe('who may create a city', () => {
  it.each([
    ['anonymous', 401],
    ['practitioner', 403],
    ['focal point', 403],
    ['manager of another network', 403], // into a network they do not manage
    ['manager', 201],
    ['admin', 201],
  ] as [Actor, number][])('%s → %i', async (actor, status) => {
    const name = `New ${actor}`;
    const res = await clients[actor].post('/api/cities', { name, country: 'MA', languages: ['ar'], networkIds: [homeNetworkId] });
    expect(res.status).toBe(status);
    expect(await app.db.city.count({ where: { name } })).toBe(status === 201 ? 1 : 0);
  });
});
