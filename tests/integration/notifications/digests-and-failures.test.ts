import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobPayload } from '../../../server/jobs/jobs.ts';
import { latestSlot } from '../../../server/services/notifications/digest-slots.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { createSignedInUser } from '../../factories/users.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { startSmtp, waitFor, type TestSmtp } from '../../helpers/smtp.ts';

/**
 * Digests over two consecutive periods on a controlled clock (the workers' `now`), SMTP outages
 * (retries with backoff until the server is back) and permanent failures (dead letters).
 */
const outbox = createOutbox();
const event = (userId: string, eventKey: string, type: JobPayload<'notification.fanout'>['type'] = 'practice.published'): JobPayload<'notification.fanout'> => ({
  type, eventKey, actorId: null, subject: { kind: 'practice', id: eventKey }, recipients: [{ kind: 'user', userId }], data: { title: `Practice ${eventKey}` },
});
const DAY = 24 * 3600 * 1000;

describe('digests', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let clock = new Date();
  let workers: Awaited<ReturnType<TestApp['startWorkers']>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp({ label: 'notif_digest', env: { SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '100' } });
    workers = await app.startWorkers({ now: () => clock });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });
  const emit = (e: JobPayload<'notification.fanout'>) => outbox.add(app.db, { job: 'notification.fanout', key: e.eventKey, payload: e });
  const tick = async () => {
    const job = await workers.queues['notification.digest-tick'].add('notification.digest-tick', {});
    await waitFor('the tick', async () => (await job.getState()) === 'completed');
    // the digests it queued went through the outbox: wait until they ran
    await waitFor('the digests', async () => (await app.db.outboxEvent.count({ where: { job: 'notification.digest', dispatchedAt: null } })) === 0
      && (await workers.queues['notification.digest'].getJobCounts('wait', 'active', 'delayed').then((c) => c.wait + c.active + c.delayed)) === 0);
  };
  const mailsTo = (email: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));

  it('runs from a BullMQ job scheduler', async () => {
    const schedulers = await workers.queues['notification.digest-tick'].getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('digest-tick');
  });

  it('sends at 08:00 in the user\'s time zone exactly what came since the previous digest, nothing an instant mail carried, nothing when nothing is new', async () => {
    const who = await createSignedInUser(app.db, app.baseUrl);
    await app.db.user.update({ where: { id: who.user.id }, data: { locale: 'fr' } });
    await who.client.put('/api/me/notification-preferences', { email: 'daily', timezone: 'America/New_York' });
    // tomorrow's 08:00 in New York: everything created now is before it
    const slot1 = latestSlot(new Date(Date.now() + DAY), 'America/New_York', 'daily');
    expect(slot1.getTime()).toBeGreaterThan(Date.now());

    for (const k of ['a1', 'a2']) await emit(event(who.user.id, k));
    await emit(event(who.user.id, 'instant-1', 'twinning.accepted')); // a decision: e-mailed at once
    await waitFor('3 notifications and the instant mail', async () =>
      (await app.db.notification.count({ where: { userId: who.user.id } })) === 3 && mailsTo(who.user.email).length === 1);

    clock = new Date(slot1.getTime() - 60_000); // 07:59 there: not yet
    await tick();
    expect(mailsTo(who.user.email)).toHaveLength(1);

    clock = new Date(slot1.getTime() + 5 * 60_000); // 08:05
    await tick();
    await waitFor('the first digest', () => mailsTo(who.user.email).length === 2);
    const first = mailsTo(who.user.email)[1];
    expect(first.subject).toBe('Votre résumé du jour : 2 nouvelles notifications');
    expect(first.text).toContain('Practice a1');
    expect(first.text).toContain('Practice a2');
    expect(first.text).not.toContain('instant-1');
    expect(first.text).toContain('quotidienne');
    expect(first.header('X-Charter-Notification-Reason')).toBe('digest-daily');
    expect(first.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const prefs = await app.db.notificationPreference.findUniqueOrThrow({ where: { userId: who.user.id } });
    expect(prefs.digestWatermark).toEqual(slot1);

    // a second tick in the same period, and a new notification: nothing more until the next 08:00
    await emit(event(who.user.id, 'b1'));
    await waitFor('b1', async () => (await app.db.notification.count({ where: { userId: who.user.id } })) === 4);
    clock = new Date(slot1.getTime() + 20 * 60_000);
    await tick();
    expect(mailsTo(who.user.email)).toHaveLength(2);

    clock = new Date(slot1.getTime() + DAY + 60_000); // next day 08:01
    await tick();
    await waitFor('the second digest', () => mailsTo(who.user.email).length === 3);
    const second = mailsTo(who.user.email)[2];
    expect(second.subject).toBe('Votre résumé du jour : 1 nouvelle notification');
    expect(second.text).toContain('Practice b1');
    expect(second.text).not.toContain('Practice a1');

    // a third day with nothing new: no mail (and the watermark still moves)
    clock = new Date(slot1.getTime() + 2 * DAY + 60_000);
    await tick();
    expect(mailsTo(who.user.email)).toHaveLength(3);
    const digests = await app.db.digestEmail.findMany({ where: { userId: who.user.id }, orderBy: { slot: 'asc' } });
    expect(digests.map((d) => d.notificationIds.length)).toEqual([2, 1]);
    expect(digests.every((d) => d.sentAt)).toBe(true);
  });

  it('weekly digests go on Monday 08:00 only', async () => {
    const who = await createSignedInUser(app.db, app.baseUrl);
    await who.client.put('/api/me/notification-preferences', { email: 'weekly', timezone: 'Asia/Kolkata' });
    await emit(event(who.user.id, 'w1'));
    await waitFor('w1', async () => (await app.db.notification.count({ where: { userId: who.user.id } })) === 1);
    const monday = latestSlot(new Date(Date.now() + 8 * DAY), 'Asia/Kolkata', 'weekly');
    expect(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Kolkata', weekday: 'long', hour: 'numeric', hourCycle: 'h23' }).format(monday)).toBe('Monday, 08');
    clock = new Date(monday.getTime() - DAY); // Sunday: not yet
    await tick();
    expect(mailsTo(who.user.email)).toHaveLength(0);
    clock = new Date(monday.getTime() + 60_000);
    await tick();
    await waitFor('the weekly digest', () => mailsTo(who.user.email).length === 1);
    expect(mailsTo(who.user.email)[0].subject).toBe('Your weekly summary: 1 new notification');
  });
});

describe('SMTP failures', () => {
  it('retries with backoff while the SMTP server is down and sends once it is back; in-app is not held up', async () => {
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.stop();
    const app = await startTestApp({ label: 'notif_smtp_down', env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_BACKOFF_MS: '200', MAIL_ATTEMPTS: '12' } });
    const workers = await app.startWorkers();
    try {
      const who = await createSignedInUser(app.db, app.baseUrl);
      await outbox.add(app.db, { job: 'notification.fanout', key: 'down-1', payload: event(who.user.id, 'down-1', 'twinning.declined') });
      await waitFor('the in-app notification', () => app.db.notification.findFirst({ where: { userId: who.user.id } }));
      const n = await app.db.notification.findFirstOrThrow({ where: { userId: who.user.id } });
      const job = await waitFor('two failed attempts', async () => {
        const jobs = await workers.queues['notification.email'].getJobs(['delayed', 'wait', 'active']);
        return jobs.find((j) => j.data.notificationId === n.id && j.attemptsMade >= 2);
      });
      expect(job.failedReason).toMatch(/ECONNREFUSED/);
      await smtp.start();
      await waitFor('the mail once SMTP is back', () => smtp.messages.length === 1, 30_000);
      await waitFor('emailedAt', async () => (await app.db.notification.findUniqueOrThrow({ where: { id: n.id } })).emailedAt);
      expect(smtp.messages[0].subject).toContain('declined');
    } finally {
      await app.stop();
      await smtp.stop();
    }
  });

  it('leaves a mail job failed with its error after the last attempt (dead letter), visible to admins in bull-board', async () => {
    const smtp = await startSmtp({ rejectWith: 'Mailbox unavailable' });
    const app = await startTestApp({ label: 'notif_dead', env: { SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '50', MAIL_ATTEMPTS: '3' } });
    const workers = await app.startWorkers();
    try {
      const who = await createSignedInUser(app.db, app.baseUrl);
      const admin = await createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true });
      await outbox.add(app.db, { job: 'notification.fanout', key: 'dead-1', payload: event(who.user.id, 'dead-1', 'twinning.accepted') });
      const failed = await waitFor('the dead letter', async () => (await workers.queues['notification.email'].getFailed())[0]);
      expect(failed.attemptsMade).toBe(3);
      expect(failed.failedReason).toMatch(/Mailbox unavailable/);
      expect(await app.db.notification.count({ where: { userId: who.user.id, emailedAt: null } })).toBe(1);
      const res = await fetch(`${app.baseUrl}/admin/queues/api/queues?activeQueue=notification.email&status=failed`, { headers: { authorization: `Bearer ${admin.client.token}` } });
      const body = await res.json() as { queues: { name: string; jobs: { failedReason: string }[]; counts: { failed: number } }[] };
      const q = body.queues.find((x) => x.name === 'notification.email')!;
      expect(q.counts.failed).toBe(1);
      expect(q.jobs[0].failedReason).toMatch(/Mailbox unavailable/);
    } finally {
      await app.stop();
      await smtp.stop();
    }
  });
});
