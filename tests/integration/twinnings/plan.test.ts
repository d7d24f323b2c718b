import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema, twinningDetailSchema } from '../../../server/contract/twinnings.ts';
import type { JobPayload } from '../../../server/jobs/jobs.ts';
import type { Actor } from '../../../server/services/auth/actor.ts';
import type { MatchingService } from '../../../server/services/matching/matching.service.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { createReferenceCheck } from '../../../server/services/reference/reference-check.ts';
import { createTaxonomyService } from '../../../server/services/taxonomy/taxonomy.service.ts';
import { createTwinningReminders } from '../../../server/services/twinnings/reminders.ts';
import { createTwinningsService } from '../../../server/services/twinnings/twinnings.service.ts';
import { processors } from '../../../workers/processors/index.ts';
import type { ProcessorDeps } from '../../../workers/processor.ts';
import { createCity } from '../../factories/cities.ts';
import { createTwinningCast, planInput, type TwinningCast } from '../../factories/twinnings.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';

let app: TestApp;
let cast: TwinningCast;
let counter: Awaited<ReturnType<typeof installWriteCounter>>;

beforeAll(async () => {
  app = await startTestApp({ label: 'twinning_plan' });
  cast = await createTwinningCast(app.db, app.baseUrl);
  counter = await installWriteCounter(app.db);
});
afterAll(async () => {
  await app?.stop();
});

/** A pair of fresh cities (A's and B's focal points) with an active twinning between them. */
async function activeTwinning() {
  const a = await createCity(app.db, { name: 'Bari', networkIds: [cast.network.id], members: [{ userId: cast.focalA.user.id, role: 'focal_point' }, { userId: cast.practitionerA.user.id, role: 'practitioner' }] });
  const b = await createCity(app.db, { name: 'Nantes', networkIds: [cast.network.id], members: [{ userId: cast.focalB.user.id, role: 'focal_point' }] });
  const t = await cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: b.id, themes: ['solidarity.3'], message: 'Twin?' });
  expect((await cast.focalB.client.post(`/api/twinnings/${t.body.id}/accept`, {})).body.status).toBe('active');
  return { id: t.body.id as string, a, b };
}

const pendingReminders = async (twinningId: string) => (await app.db.outboxEvent.findMany({ where: { job: 'twinning.reminder', dispatchedAt: null }, orderBy: { availableAt: 'asc' } }))
  .filter((r) => (r.payload as { twinningId: string }).twinningId === twinningId)
  .map((r) => {
    const p = r.payload as JobPayload<'twinning.reminder'>;
    return `${p.itemKey} ${p.startsOn} -${p.daysBefore}d @ ${r.availableAt.toISOString()}`;
  });

describe('the agreement plan', () => {
  it('is saved by focal points of either city while active, with revisions and warnings', async () => {
    const { id, a, b } = await activeTwinning();
    const first = await cast.focalA.client.put(`/api/twinnings/${id}/plan`, planInput(a.id, b.id));
    expect(first.status).toBe(200);
    expect(planSchema.parse(first.body)).toMatchObject({ revision: 1, revisionCount: 1, warnings: [], themes: ['solidarity.3'], updatedBy: { id: cast.focalA.user.id } });

    // B's focal point edits too; a return visit 14 months after the visit is allowed, with a warning
    const late = planInput(a.id, b.id, { returnAfterDays: 430 });
    const second = await cast.focalB.client.put(`/api/twinnings/${id}/plan`, { ...late, themes: ['solidarity.3', 'dignity.1'], baseRevision: 1 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ revision: 2, revisionCount: 2, themes: ['solidarity.3', 'dignity.1'] });
    expect(second.body.warnings).toEqual([{ code: 'return_visit_late', path: 'visits.1.startsOn', message: expect.stringContaining('12 months') }]);

    const got = twinningDetailSchema.parse((await cast.focalA.client.get(`/api/twinnings/${id}`)).body);
    expect(got.plan).toMatchObject({ revision: 2, revisionCount: 2, visits: late.visits, activities: late.activities, indicators: late.indicators });
    expect(got.plan?.warnings.map((w) => w.code)).toEqual(['return_visit_late']);
    expect(got.can.editPlan).toBe(true);
    expect(await app.db.twinningPlanRevision.count({ where: { twinningId: id } })).toBe(2); // revisions kept

    // a stale base revision: refused
    expect((await cast.focalA.client.put(`/api/twinnings/${id}/plan`, { ...late, baseRevision: 1 })).status).toBe(409);
  });

  it('refuses bad plans (400, every field named), other people (403) and twinnings not active (409); nothing is written', async () => {
    const { id, a, b } = await activeTwinning();
    const good = planInput(a.id, b.id);
    const outsiderCity = await createCity(app.db, { name: 'Elsewhere' });
    const requested = await cast.focalA.client.post('/api/twinnings', { fromCityId: a.id, toCityId: cast.cityC.id, themes: ['dignity.1'], message: 'Hi' });
    const before = await counter.writes();

    const reversed = { ...good, activities: [{ ...good.activities[0], startsOn: good.activities[0].endsOn, endsOn: good.activities[0].startsOn }] };
    const r1 = await cast.focalA.client.put(`/api/twinnings/${id}/plan`, reversed);
    expect(r1.status).toBe(400);
    expect(r1.body.errors).toEqual([{ path: 'activities.0.endsOn', message: 'Ends before it starts' }]);

    const r2 = await cast.focalA.client.put(`/api/twinnings/${id}/plan`, {
      ...good,
      themes: ['nothing.1'],
      visits: [{ ...good.visits[0], hostCityId: outsiderCity.id }, { ...good.visits[1], startsOn: good.visits[0].startsOn }],
      activities: [{ ...good.activities[0], cityId: outsiderCity.id }],
    });
    expect(r2.status).toBe(400);
    expect(r2.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['activities.0.cityId', 'themes.0', 'visits.0.hostCityId', 'visits.1.startsOn']);
    const r3 = await cast.focalA.client.put(`/api/twinnings/${id}/plan`, { ...good, visits: [good.visits[0], good.visits[0]] });
    expect(r3.status).toBe(400);
    expect((await cast.focalA.client.put(`/api/twinnings/${id}/plan`, { ...good, visits: [{ ...good.visits[0], startsOn: '2027-02-30' }] })).status).toBe(400);

    expect((await cast.practitionerA.client.put(`/api/twinnings/${id}/plan`, good)).status).toBe(403);
    expect((await cast.manager.client.put(`/api/twinnings/${id}/plan`, good)).status).toBe(403);
    expect((await cast.outsider.client.put(`/api/twinnings/${id}/plan`, good)).status).toBe(404);
    expect((await cast.focalA.client.put(`/api/twinnings/${requested.body.id}/plan`, planInput(a.id, cast.cityC.id))).status).toBe(409);
    expect(await counter.writes()).toBe(before);
  });

  it('is downloadable as iCalendar: one VEVENT per visit and activity, parsed back', async () => {
    const { id, a, b } = await activeTwinning();
    const plan = planInput(a.id, b.id);
    await cast.focalA.client.put(`/api/twinnings/${id}/plan`, plan);
    const res = await fetch(`${app.baseUrl}/api/twinnings/${id}/calendar.ics`, { headers: { authorization: `Bearer ${cast.focalB.client.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(res.headers.get('content-disposition')).toContain(`twinning-${id}.ics`);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(3);
    const byStart = events.map((e) => ({ summary: e.summary, start: e.startDate.toString(), end: e.endDate.toString(), allDay: e.startDate.isDate })).sort((x, y) => x.start.localeCompare(y.start));
    const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(byStart).toEqual([
      { summary: expect.stringMatching(/^Visit: Nantes/), start: plan.visits[0].startsOn, end: nextDay(plan.visits[0].endsOn), allDay: true },
      { summary: expect.stringMatching(/^Joint workshop on housing/), start: plan.activities[0].startsOn, end: nextDay(plan.activities[0].endsOn), allDay: true },
      { summary: expect.stringMatching(/^Return visit: Bari/), start: plan.visits[1].startsOn, end: nextDay(plan.visits[1].endsOn), allDay: true },
    ]);
    const outsider = await fetch(`${app.baseUrl}/api/twinnings/${id}/calendar.ics`, { headers: { authorization: `Bearer ${cast.outsider.client.token}` } });
    expect(outsider.status).toBe(404);
  });
});

describe('reminders (a controlled clock)', () => {
  const now = new Date('2027-01-01T12:00:00Z');
  const at = (iso: string) => new Date(iso);
  const service = () => {
    const outbox = createOutbox();
    const taxonomy = createTaxonomyService({ db: app.db });
    return createTwinningsService({
      db: app.db, outbox, refs: createReferenceCheck({ db: app.db, taxonomy }),
      // plan edits never consult matching
      matching: {} as Pick<MatchingService, 'mutualPair' | 'mutualAmong'>,
      reminders: createTwinningReminders({ db: app.db, outbox }), publicUrl: 'http://localhost', now: () => now,
    });
  };
  const actorOf = (u: TwinningCast['focalA']): Actor => ({ userId: u.user.id, sessionId: 's', user: { ...u.user } });
  const plan = (a: string, b: string, activityOn = '2027-02-01') => ({
    objectives: ['Learn'], indicators: [],
    visits: [
      { kind: 'visit' as const, hostCityId: b, startsOn: '2027-01-10', endsOn: '2027-01-12' },
      { kind: 'return_visit' as const, hostCityId: a, startsOn: '2027-06-01', endsOn: '2027-06-03' },
    ],
    activities: [{ title: 'Workshop', cityId: a, startsOn: activityOn, endsOn: activityOn }],
  });

  it('are scheduled 14 and 2 days before each item at 08:00 UTC (past ones skipped), rescheduled with the dates, cancelled at the end', async () => {
    const { id, a, b } = await activeTwinning();
    const twinnings = service();
    await twinnings.putPlan(actorOf(cast.focalA), id, plan(a.id, b.id));
    expect(await pendingReminders(id)).toEqual([
      // the visit's 14-day reminder (2026-12-27) is already past at the clock's 2027-01-01
      'visit:visit 2027-01-10 -2d @ 2027-01-08T08:00:00.000Z',
      'activity:0 2027-02-01 -14d @ 2027-01-18T08:00:00.000Z',
      'activity:0 2027-02-01 -2d @ 2027-01-30T08:00:00.000Z',
      'visit:return_visit 2027-06-01 -14d @ 2027-05-18T08:00:00.000Z',
      'visit:return_visit 2027-06-01 -2d @ 2027-05-30T08:00:00.000Z',
    ]);

    // the activity moves a month: its reminders move, the others stay
    await twinnings.putPlan(actorOf(cast.focalB), id, plan(a.id, b.id, '2027-03-01'));
    expect(await pendingReminders(id)).toEqual([
      'visit:visit 2027-01-10 -2d @ 2027-01-08T08:00:00.000Z',
      'activity:0 2027-03-01 -14d @ 2027-02-15T08:00:00.000Z',
      'activity:0 2027-03-01 -2d @ 2027-02-27T08:00:00.000Z',
      'visit:return_visit 2027-06-01 -14d @ 2027-05-18T08:00:00.000Z',
      'visit:return_visit 2027-06-01 -2d @ 2027-05-30T08:00:00.000Z',
    ]);

    // the job when it runs: a current item notifies both cities' focal points; a moved one is skipped
    const reminders = createTwinningReminders({ db: app.db, outbox: createOutbox() });
    const deps = { twinningReminders: reminders, now: () => at('2027-02-15T08:00:00Z') } as unknown as ProcessorDeps;
    const current = { twinningId: id, itemKey: 'activity:0', startsOn: '2027-03-01', daysBefore: 14 };
    expect(await processors['twinning.reminder'](current, deps, { jobId: 'j', attempt: 1 })).toEqual({ sent: true });
    expect(await processors['twinning.reminder'](current, deps, { jobId: 'j', attempt: 2 })).toEqual({ sent: true }); // a rerun: same key, one row
    const fanouts = (await app.db.outboxEvent.findMany({ where: { job: 'notification.fanout' } }))
      .map((r) => r.payload as { type: string; subject: { id: string }; recipients: unknown[]; data: { startsOn?: string } })
      .filter((p) => p.subject.id === id && p.type === 'twinning.reminder');
    expect(fanouts).toHaveLength(1);
    expect(fanouts[0]).toMatchObject({ recipients: [{ kind: 'city_focal_points', cityId: a.id }, { kind: 'city_focal_points', cityId: b.id }], data: { startsOn: '2027-03-01' } });
    expect(await reminders.fire({ ...current, startsOn: '2027-02-01' }, at('2027-01-18T08:00:00Z'))).toEqual({ sent: false, why: 'moved or removed' });

    // ending cancels what is still pending; a reminder already relayed finds it no longer active
    await cast.focalA.client.post(`/api/twinnings/${id}/end`, { reason: 'Done', outcome: 'Learned a lot' });
    expect(await pendingReminders(id)).toEqual([]);
    expect(await reminders.fire(current, at('2027-02-15T08:00:00Z'))).toEqual({ sent: false, why: 'not active' });
  });
});
