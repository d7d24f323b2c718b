import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_TYPES, type NotificationType } from '../../contract/common.ts';

/** What a link turns off: one type's e-mail, or `all` (the digest). */
export type UnsubscribeScope = NotificationType | 'all';

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`unsubscribe:${body}`).digest('base64url');

/** `<userId.scope>.<hmac>`, base64url: per user and type, unforgeable without the secret, no expiry (RFC 8058 links must keep working). */
export function createUnsubscribeToken(secret: string, userId: string, scope: UnsubscribeScope) {
  const body = Buffer.from(`${userId}\n${scope}`).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { userId: string; scope: UnsubscribeScope } | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, scope] = Buffer.from(body, 'base64url').toString('utf8').split('\n');
  if (!userId || !(scope === 'all' || (NOTIFICATION_TYPES as readonly string[]).includes(scope))) return null;
  return { userId, scope: scope as UnsubscribeScope };
}
