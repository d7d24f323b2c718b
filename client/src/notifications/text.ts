import type { TFunction } from 'i18next';
import type { Notification } from '../../../server/contract/notifications.ts';

/** The reader's line for a notification, in the UI language, from its type and payload. */
export function notificationText(t: TFunction, n: Notification) {
  const p = n.payload as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return t(`notifications.types.${n.type}`, { actor: str(p.actorName) ?? t('notifications.someone'), title: str(p.title) ?? '', interpolation: { escapeValue: false } });
}
