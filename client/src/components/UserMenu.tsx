import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';

export function UserMenu() {
  const { t } = useTranslation();
  const { status, user, logout } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  if (status === 'loading') {
    return <div className="user-menu" aria-busy="true" />;
  }

  if (status === 'anonymous' || !user) {
    return (
      <div className="user-menu">
        <NavLink to="/signin" className="button button-ghost">
          {t('user.signIn')}
        </NavLink>
        <NavLink to="/register" className="button">
          {t('user.register')}
        </NavLink>
      </div>
    );
  }

  return (
    <div className="user-menu" aria-label={t('user.menu')} role="group">
      <Link to="/me" className="user-name" title={t('user.signedInAs', { name: user.name })}>
        <span aria-hidden="true" className="avatar">
          {(user.name || user.email || '?').trim().charAt(0).toUpperCase()}
        </span>
        <span>{t('user.profile')}</span>
      </Link>
      <button
        type="button"
        className="button button-ghost"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await logout();
          setBusy(false);
          navigate('/', { state: { flash: 'auth.signedOut' } });
        }}
      >
        {busy ? t('user.signingOut') : t('user.signOut')}
      </button>
    </div>
  );
}
