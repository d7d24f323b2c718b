import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES } from '../../../server/contract/common.ts';
import { notificationPolicy } from '../../../server/policies/notification.policy.ts';
import type { Principal } from '../../../server/policies/principal.ts';
import { renderDigest, renderInstant } from '../../../server/services/mail/render.ts';
import { MESSAGES } from '../../../server/services/mail/messages.ts';
import { latestSlot } from '../../../server/services/notifications/digest-slots.ts';
import { subjectUrl } from '../../../server/services/notifications/links.ts';
import { defaultPreferences, deliveryFor, INSTANT_TYPES } from '../../../server/services/notifications/preferences.ts';
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../../server/services/notifications/unsubscribe-token.ts';

const principal = (over: Partial<Principal> = {}): Principal => ({ userId: 'u1', isAdmin: false, managedNetworkIds: new Set(), cityRoles: new Map(), ...over });

describe('digest slots', () => {
  it('is the latest 08:00 in the user\'s zone, across DST changes', () => {
    expect(latestSlot(new Date('2026-12-03T07:59:00Z'), 'UTC', 'daily').toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(latestSlot(new Date('2026-12-03T08:00:00Z'), 'UTC', 'daily').toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(latestSlot(new Date('2026-12-03T12:00:00Z'), 'Europe/Rome', 'daily').toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(latestSlot(new Date('2026-03-29T07:00:00Z'), 'Europe/Rome', 'daily').toISOString()).toBe('2026-03-29T06:00:00.000Z'); // CEST starts
    expect(latestSlot(new Date('2026-12-03T12:00:00Z'), 'America/New_York', 'daily').toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(latestSlot(new Date('2026-12-03T12:00:00Z'), 'Asia/Kolkata', 'daily').toISOString()).toBe('2026-12-03T02:30:00.000Z');
  });
  it('is Monday 08:00 for weekly digests', () => {
    expect(latestSlot(new Date('2026-12-03T12:00:00Z'), 'UTC', 'weekly').toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(latestSlot(new Date('2026-11-30T07:59:59Z'), 'UTC', 'weekly').toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(latestSlot(new Date('2026-11-30T08:00:00Z'), 'UTC', 'weekly').toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
});

describe('delivery per preference', () => {
  it('e-mails decisions at once and the rest daily by default', () => {
    expect(deliveryFor(defaultPreferences(), 'twinning.requested')).toEqual({ inApp: true, emailMode: 'instant' });
    expect(deliveryFor(defaultPreferences(), 'membership.approved')).toEqual({ inApp: true, emailMode: 'instant' });
    expect(deliveryFor(defaultPreferences(), 'practice.submitted')).toEqual({ inApp: true, emailMode: 'digest' });
  });
  it('follows the cadence and the per-type switches', () => {
    expect(deliveryFor({ email: 'instant', timezone: 'UTC', types: {} }, 'practice.submitted').emailMode).toBe('instant');
    expect(deliveryFor({ email: 'off', timezone: 'UTC', types: {} }, 'twinning.requested').emailMode).toBe('none');
    expect(deliveryFor({ email: 'weekly', timezone: 'UTC', types: { 'twinning.requested': { email: false } } }, 'twinning.requested').emailMode).toBe('none');
    expect(deliveryFor({ email: 'daily', timezone: 'UTC', types: { 'thread.mentioned': { inApp: false } } }, 'thread.mentioned')).toEqual({ inApp: false, emailMode: 'digest' });
    // malformed stored JSON falls back to defaults
    expect(deliveryFor({ email: 'daily', timezone: 'UTC', types: { 'thread.mentioned': 'yes' } }, 'thread.mentioned')).toEqual({ inApp: true, emailMode: 'digest' });
    expect(INSTANT_TYPES.every((t) => (NOTIFICATION_TYPES as readonly string[]).includes(t))).toBe(true);
  });
});

describe('unsubscribe tokens', () => {
  it('round-trip per user and type, and refuse altered or foreign ones', () => {
    const t = createUnsubscribeToken('secret-0123456789', 'user-1', 'thread.mentioned');
    expect(verifyUnsubscribeToken('secret-0123456789', t)).toEqual({ userId: 'user-1', scope: 'thread.mentioned' });
    expect(verifyUnsubscribeToken('another-secret-xyz', t)).toBeNull();
    const other = createUnsubscribeToken('secret-0123456789', 'user-2', 'thread.mentioned');
    expect(verifyUnsubscribeToken('secret-0123456789', `${t.split('.')[0]}.${other.split('.')[1]}`)).toBeNull();
    expect(verifyUnsubscribeToken('secret-0123456789', 'garbage')).toBeNull();
    expect(verifyUnsubscribeToken('secret-0123456789', createUnsubscribeToken('secret-0123456789', 'u', 'all'))).toEqual({ userId: 'u', scope: 'all' });
  });
});

describe('policy', () => {
  it('lets a user read only their own notifications and admins see the queues', () => {
    expect(notificationPolicy.canRead(principal(), { userId: 'u1' })).toBe(true);
    expect(notificationPolicy.canRead(principal({ isAdmin: true }), { userId: 'u2' })).toBe(false);
    expect(notificationPolicy.canSeeQueues(principal())).toBe(false);
    expect(notificationPolicy.canSeeQueues(principal({ isAdmin: true }))).toBe(true);
  });
});

describe('e-mail rendering', () => {
  const common = { name: 'Ana <b>', unsubscribeUrl: 'https://x.org/unsubscribe?token=t', preferencesUrl: 'https://x.org/settings/notifications', publicUrl: 'https://x.org' };
  it('has a line for every type in every language', () => {
    for (const lang of ['en', 'fr', 'es'] as const) for (const type of NOTIFICATION_TYPES) expect(MESSAGES[lang].types[type]).toBeTruthy();
  });
  it('escapes in HTML, not in text, and links on PUBLIC_URL', () => {
    const m = renderInstant({ ...common, lang: 'en', reason: 'city_focal_points', item: { type: 'thread.invited', payload: { title: 'Tom & <Jerry>', actorName: 'Bo', url: '/threads/1' } } });
    expect(m.subject).toBe('Bo invited you to the thread “Tom & <Jerry>”');
    expect(m.text).toContain('Tom & <Jerry>');
    expect(m.html).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(m.html).toContain('Ana &lt;b&gt;');
    expect(m.text).toContain('https://x.org/threads/1');
    expect(m.text).toContain('you are a focal point of the city concerned');
  });
  it('names the cadence in a digest', () => {
    const d = renderDigest({ ...common, lang: 'es', cadence: 'weekly', items: [{ type: 'practice.published', payload: { title: 'A', url: '/practices/a' } }, { type: 'practice.published', payload: { title: 'B', url: '/practices/b' } }] });
    expect(d.subject).toBe('Su resumen semanal: 2 notificaciones nuevas');
    expect(d.text).toContain('semanal');
  });
  it('links each subject kind to its page', () => {
    expect(subjectUrl({ kind: 'practice', id: 'p 1' })).toBe('/practices/p%201');
    expect(subjectUrl({ kind: 'join_request', id: 'j' }, { cityId: 'c1' })).toBe('/cities/c1');
  });
});
