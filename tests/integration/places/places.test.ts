import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { createSignedInUser } from '../../factories/users.ts';

let app: TestApp;
let client: TestClient;

beforeAll(async () => {
  app = await startTestApp({ label: 'places' });
  client = (await createSignedInUser(app.db, app.baseUrl)).client;
});
afterAll(() => app?.stop());

describe('GET /api/places', () => {
  it('answers from GeoNames, typo-tolerant, best match first, with what the city form needs', async () => {
    const res = await client.get('/api/places?q=Lampdusa&limit=3');
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      geonameId: 2524459, name: 'Lampedusa', country: 'IT', region: null, adminCode: '15', population: 4065, lat: 35.50142, lon: 12.60964,
    });
    const co = await client.get('/api/places?q=palermo&country=co');
    expect(co.body.items.map((p: { country: string }) => p.country)).toEqual(co.body.items.map(() => 'CO'));
    expect(co.body.items.length).toBeGreaterThan(0);
    expect((await client.get('/api/places?q=par&limit=50')).body.items).toHaveLength(50);
  });

  it('400 for bad input, 401 anonymous', async () => {
    const bad = await client.get('/api/places?q=&country=ITA&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['country', 'limit', 'q']);
    expect((await createClient(app.baseUrl).get('/api/places?q=rome')).status).toBe(401);
  });
});
