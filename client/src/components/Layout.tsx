import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { NotificationBell } from '../notifications/NotificationBell';
import { useAuth } from '../auth/AuthProvider';
import { useUnreadTotal } from '../threads/useUnreadTotal';
import { TwinningsNavItem } from '../twinnings/TwinningsNavItem';
import { HeaderSearch } from '../search/HeaderSearch';
import { LanguageSwitcher } from './LanguageSwitcher';
import { UserMenu } from './UserMenu';
import { PageFallback } from './PageFallback';
import '../polish.css';

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="main-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/taxonomy">{t('nav.taxonomy')}</NavLink>
            </li>
            <li>
              <NavLink to="/routes">{t('nav.routes')}</NavLink>
            </li>
            <li>
              <NavLink to="/cities">{t('nav.cities')}</NavLink>
            </li>
            <li>
              <NavLink to="/practices">{t('nav.practices')}</NavLink>
            </li>
            <li>
              <NavLink to="/networks">{t('nav.networks')}</NavLink>
            </li>
            <ThreadsNavItem />
            <TwinningsNavItem />
          </ul>
        </nav>
        <div className="header-tools">
          <HeaderSearch />
          <LanguageSwitcher />
          <NotificationBell />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}

/** "Messages" with the live total of unread messages, for signed-in users. */
function ThreadsNavItem() {
  const { t } = useTranslation();
  const { status } = useAuth();
  const unread = useUnreadTotal();
  if (status !== 'authenticated') return null;
  return (
    <li>
      <NavLink to="/threads">
        {t('nav.threads')}
        {unread > 0 && <span className="badge unread" aria-label={t('threads.unread', { count: unread })}> {unread}</span>}
      </NavLink>
    </li>
  );
}

function Flash() {
  const { t } = useTranslation();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  if (!flash) return null;
  return (
    <p className="flash" role="status">
      {t(flash)}
    </p>
  );
}

export function Layout() {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="container">
        <Flash />
        {/* each page is its own chunk (App.tsx): the header stays while one loads */}
        <Suspense fallback={<PageFallback />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
