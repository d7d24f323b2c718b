import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationListResponse } from '../../../server/contract/notifications.ts';
import type { Actor } from '../../../server/services/auth/actor.ts';
import type { MatchingService } from '../../../server/services/matching/matching.service.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { createReferenceCheck } from '../../../server/services/reference/reference-check.ts';
import { createTaxonomyService } from '../../../server/services/taxonomy/taxonomy.service.ts';
import { createTwinningReminders } from '../../../server/services/twinnings/reminders.ts';
import { createTwinningsService } from '../../../server/services/twinnings/twinnings.service.ts';
import { createTwinningCast, type TwinningCast } from '../../factories/twinnings.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { eventually } from '../../helpers/thread-client.ts';

/** The real pipeline: outbox relay → BullMQ workers → notifications read over the API. */
let app: TestApp;
let cast: TwinningCast;

beforeAll(async () => {
  app = await startTestApp({ label: 'twinning_delivery' });
  cast = await createTwinningCast(app.db, app.baseUrl);
  await app.startWorkers();
});
afterAll(async () => {
  await app?.stop();
});

const typesOf = async (who: TwinningCast['focalA'], twinningId: string) => {
  const list = notificationListResponse.parse((await who.client.get('/api/notifications?limit=100')).body);
  return list.items.filter((n) => (n.payload as { twinningId?: string }).twinningId === twinningId).map((n) => n.type).sort();
};

describe('twinning notifications, delivered', () => {
  it('reach the focal points concerned and the broker, never the actor', async () => {
    const t = (await cast.manager.client.post('/api/twinnings', { fromCityId: cast.cityA.id, toCityId: cast.cityB.id, themes: ['solidarity.3'], note: 'Try it' })).body;
    await cast.focalA.client.post(`/api/twinnings/${t.id}/accept`, {});
    await cast.focalB.client.post(`/api/twinnings/${t.id}/accept`, {});
    await eventually(async () => (await typesOf(cast.manager, t.id)).length === 3 || undefined, 'the broker\'s notifications');
    expect(await typesOf(cast.manager, t.id)).toEqual(['twinning.accepted', 'twinning.accepted', 'twinning.activated']);
    await eventually(async () => (await typesOf(cast.focalA, t.id)).length === 3 || undefined, 'A\'s notifications');
    // A: the proposal, B's consent, the activation (B's last consent caused it) — not A's own consent
    expect(await typesOf(cast.focalA, t.id)).toEqual(['twinning.accepted', 'twinning.activated', 'twinning.proposed']);
    // B caused the activation: it hears of the proposal and A's consent only
    expect(await typesOf(cast.focalB, t.id)).toEqual(['twinning.accepted', 'twinning.proposed']);
    expect(await typesOf(cast.outsider, t.id)).toEqual([]);
  });

  it('a reminder whose time has come is relayed and notifies both cities\' focal points', async () => {
    const t = (await cast.focalA.client.post('/api/twinnings', { fromCityId: cast.cityA.id, toCityId: cast.cityC.id, themes: ['dignity.1'], message: 'Hi' })).body;
    await cast.focalC.client.post(`/api/twinnings/${t.id}/accept`, {});
    // the plan is saved as if 30 days ago: the visit's 14-day reminder is due by now, its 2-day one is not
    const realNow = Date.now();
    const outbox = createOutbox();
    const service = createTwinningsService({
      db: app.db, outbox, refs: createReferenceCheck({ db: app.db, taxonomy: createTaxonomyService({ db: app.db }) }),
      matching: {} as Pick<MatchingService, 'mutualPair' | 'mutualAmong'>, reminders: createTwinningReminders({ db: app.db, outbox }),
      publicUrl: 'http://localhost', now: () => new Date(realNow - 30 * 86_400_000),
    });
    const visitOn = new Date(realNow + 10 * 86_400_000).toISOString().slice(0, 10);
    const actor: Actor = { userId: cast.focalA.user.id, sessionId: 's', user: cast.focalA.user };
    await service.putPlan(actor, t.id, {
      objectives: ['Meet'], indicators: [], activities: [],
      visits: [{ kind: 'visit', hostCityId: cast.cityC.id, startsOn: visitOn, endsOn: visitOn }],
    });
    for (const who of [cast.focalA, cast.focalC]) {
      await eventually(async () => (await typesOf(who, t.id)).includes('twinning.reminder') || undefined, 'the reminder');
    }
    const pending = await app.db.outboxEvent.findMany({ where: { job: 'twinning.reminder', dispatchedAt: null } });
    expect(pending.map((r) => (r.payload as { daysBefore: number }).daysBefore)).toEqual([2]);
  });
});
