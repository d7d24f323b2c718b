import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { type ApiError } from '../api/http';
import type { Notification } from '../../../server/contract/notifications.ts';
import { useAuth } from '../auth/AuthProvider';
import { RequireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/Status';
import { formatDate, useDocumentTitle } from '../format';
import { notificationText } from '../notifications/text';
import { markSeen, setUnreadCount } from '../notifications/unread';

function NotificationList() {
  const { t, i18n } = useTranslation();
  const { onNotification } = useAuth();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const lang = i18n.resolvedLanguage ?? i18n.language;

  const load = useCallback(async (more: string | null) => {
    try {
      const page = await api.notifications({ unread: unreadOnly, cursor: more });
      setItems((prev) => (more && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setUnreadCount(page.unreadCount);
      page.items.forEach((n) => markSeen(n.id));
      setError(null);
    } catch (err) {
      setError(err as ApiError);
    }
  }, [unreadOnly]);

  useEffect(() => {
    setItems(null);
    void load(null);
  }, [load]);

  // live: new ones on top (a repeated push is kept once)
  useEffect(() => onNotification((n) => setItems((prev) => (prev && !prev.some((x) => x.id === n.id) ? [n, ...prev] : prev))), [onNotification]);

  const markRead = async (n: Notification) => {
    if (n.readAt) return;
    const res = await api.readNotification(n.id);
    setItems((prev) => prev?.map((x) => (x.id === n.id ? res.notification : x)) ?? prev);
    setUnreadCount(res.unreadCount);
  };

  if (error) return <ErrorState error={error} onRetry={() => void load(null)} />;
  if (!items) return <Loading />;
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <>
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('notifications.unreadOnly')}
        </label>
        <button
          type="button"
          className="button button-ghost"
          disabled={unread === 0}
          onClick={async () => {
            const res = await api.readAllNotifications();
            setUnreadCount(res.unreadCount);
            const now = new Date().toISOString();
            setItems((prev) => prev?.map((x) => (x.readAt ? x : { ...x, readAt: now })) ?? prev);
          }}
        >
          {t('notifications.readAll')}
        </button>
        <Link to="/settings/notifications">{t('notifications.preferencesLink')}</Link>
      </div>
      {items.length === 0 ? (
        <Empty>{t(unreadOnly ? 'notifications.noneUnread' : 'notifications.none')}</Empty>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification read' : 'notification unread'} data-testid="notification">
              <a
                href={n.payload.url}
                onClick={async (e) => {
                  e.preventDefault();
                  await markRead(n).catch(() => {});
                  navigate(n.payload.url);
                }}
              >
                {notificationText(t, n)}
              </a>
              <time dateTime={n.createdAt} className="muted small">
                {formatDate(n.createdAt, lang, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
              {!n.readAt && (
                <button type="button" className="button button-ghost small" onClick={() => void markRead(n)}>
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" className="button button-ghost" onClick={() => void load(cursor)}>
          {t('notifications.more')}
        </button>
      )}
    </>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'), t('app.name'));
  return (
    <RequireAuth>
      <article className="narrow">
        <h1>{t('notifications.title')}</h1>
        <NotificationList />
      </article>
    </RequireAuth>
  );
}
