import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreadCast } from '../../factories/threads.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'threads_rl', env: { RATE_LIMIT_MESSAGES_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await app?.stop();
});

describe('posting rate limit', () => {
  it('answers 429 with Retry-After past the per-user budget, writes nothing, and leaves other users alone', async () => {
    const cast = await createThreadCast(app.db, app.baseUrl);
    const ana = cast.aMembers[0].client;
    const { id } = (await ana.post('/api/threads', { title: 'Fast', cityIds: [cast.cityB.id] })).body;
    for (let i = 0; i < 3; i++) expect((await ana.post(`/api/threads/${id}/messages`, { body: `m${i}` })).status).toBe(201);
    const refused = await ana.post(`/api/threads/${id}/messages`, { body: 'one too many' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await app.db.message.count({ where: { threadId: id } })).toBe(3);
    // reading is not limited, and the budget is per user
    expect((await ana.get(`/api/threads/${id}/messages`)).status).toBe(200);
    expect((await cast.bMembers[0].client.post(`/api/threads/${id}/messages`, { body: 'mine' })).status).toBe(201);
  });
});
