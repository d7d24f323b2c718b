import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';

/**
 * The header's account corner. Signed out: "Sign in" and "Register". Signed in: one compact button
 * (the avatar) that discloses "My profile" and "Sign out", so the header fits on one line at 1280 px in
 * every language. A disclosure, not an ARIA menu: Tab moves through its links, Escape closes it and
 * gives the focus back to the button, a click or focus elsewhere closes it.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const { status, user, logout } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // a click (or tap) outside closes the panel
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

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

  const panelId = `${id}-panel`;
  const close = () => setOpen(false);
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    }
  }
  function onBlur(e: FocusEvent<HTMLDivElement>) {
    // the focus left the menu (Tab past its last item, or a click elsewhere): close it
    if (open && e.relatedTarget && !root.current?.contains(e.relatedTarget as Node)) setOpen(false);
  }

  return (
    <div className="user-menu signed-in" ref={root} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={toggle}
        type="button"
        className="user-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        title={t('user.signedInAs', { name: user.name })}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="avatar">
          {(user.name || user.email || '?').trim().charAt(0).toUpperCase()}
        </span>
        <span className="visually-hidden">{t('user.menu')}</span>
        <svg aria-hidden="true" className="chevron" viewBox="0 0 12 12" width="12" height="12">
          <path fill="none" stroke="currentColor" strokeWidth="1.6" d="M2.5 4.5 6 8l3.5-3.5" />
        </svg>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          <strong>{user.name}</strong>
          {user.email && <span className="muted small">{user.email}</span>}
        </p>
        <ul>
          <li>
            <NavLink to="/me" onClick={close}>
              {t('user.profile')}
            </NavLink>
          </li>
          <li>
            <button
              type="button"
              className="user-menu-item"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                await logout();
                setBusy(false);
                setOpen(false);
                navigate('/', { state: { flash: 'auth.signedOut' } });
              }}
            >
              {busy ? t('user.signingOut') : t('user.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
