import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/lib/logger.ts';
import { startApi } from '../../../server/main.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, registerApiNode, type TestClient } from '../../helpers/http.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createSignedInUser } from '../../factories/users.ts';

/** Two API nodes over one database: a change made through one reaches the other's match index. */
let app: TestApp;
let second: Awaited<ReturnType<typeof startApi>>;
let nodeA: TestClient;
let nodeB: TestClient;
let managerOnA: TestClient;
const id: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ label: 'matching_nodes' });
  second = await startApi({ env: app.env, logger: createLogger('silent'), databaseUrl: app.database.url, prepare: false });
  nodeA = createClient(app.baseUrl);
  registerApiNode(`http://127.0.0.1:${second.port}`, second.responseFor);
  nodeB = createClient(`http://127.0.0.1:${second.port}`);
  const m = await createSignedInUser(app.db, app.baseUrl);
  managerOnA = m.client;
  const net = await createNetwork(app.db, { managerIds: [m.user.id] });
  id.source = (await createCity(app.db, { name: 'Source', languages: ['xh'], networkIds: [net.id], priorities: [{ code: 'resilience.4', stance: 'seek' }] })).id;
  id.peer = (await createCity(app.db, { name: 'Peer', languages: ['zu'], networkIds: [net.id] })).id;
});
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

const peerOn = async (client: TestClient) =>
  ((await client.get(`/api/cities/${id.source}/matches?limit=100`)).body.items as { city: { id: string }; reasons: { kind: string; data: any }[] }[])
    .find((m) => m.city.id === id.peer);

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('match index across API nodes', () => {
  it('reloads a city on the other node after its priorities change', async () => {
    // both nodes build their index while the peer has nothing in common with the source
    expect(await peerOn(nodeA)).toBeUndefined();
    expect(await peerOn(nodeB)).toBeUndefined();

    const put = await managerOnA.put(`/api/cities/${id.peer}/priorities`, { priorities: [{ code: 'resilience.4', stance: 'offer' }] });
    expect(put.status).toBe(200);
    expect(await peerOn(nodeA)).toBeDefined(); // the writing node: at once

    const onB = await eventually(() => peerOn(nodeB));
    expect(onB?.reasons.find((r) => r.kind === 'complementary_priority')?.data.candidateOffers).toEqual(['resilience.4']);
  });
});
