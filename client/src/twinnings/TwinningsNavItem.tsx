import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { useInboxCount } from './useInboxCount';

/** "Twinnings" in the main nav, with the number of consents awaiting the user's city. */
export function TwinningsNavItem() {
  const { t } = useTranslation();
  const { status } = useAuth();
  const count = useInboxCount();
  if (status !== 'authenticated') return null;
  return (
    <li>
      <NavLink to="/twinnings">
        {t('twinnings.nav')}
        {count > 0 && <span className="badge unread" aria-label={t('twinnings.pendingCount', { count })}> {count}</span>}
      </NavLink>
    </li>
  );
}
