import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { useUnreadCount } from './unread';

/** The header's bell: a link to /notifications with the live unread count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { status } = useAuth();
  const unread = useUnreadCount();
  if (status !== 'authenticated') return null;
  return (
    <Link to="/notifications" className="bell" aria-label={t('notifications.bell', { count: unread })} data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {unread > 0 && <span className="badge" data-testid="unread-count">{unread > 99 ? '99+' : unread}</span>}
    </Link>
  );
}
