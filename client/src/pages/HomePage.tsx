import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { useDocumentTitle } from '../format';
import { HomeMap } from '../map/HomeMap';

export function HomePage() {
  const { t } = useTranslation();
  const { status } = useAuth();
  useDocumentTitle(undefined, t('app.name'));
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <div className="actions">
          <Link to="/cities" className="button">
            {t('home.ctaCities')}
          </Link>
          <Link to="/routes" className="button button-ghost">
            {t('home.ctaRoutes')}
          </Link>
          {status === 'anonymous' && (
            <Link to="/register" className="button button-ghost">
              {t('home.ctaRegister')}
            </Link>
          )}
        </div>
      </section>
      <HomeMap />
      <ul className="cards three" aria-label={t('home.explore')}>
        {(['learn', 'twin', 'act'] as const).map((k) => (
          <li key={k} className="card">
            <h2>{t(`home.${k}.title`)}</h2>
            <p>{t(`home.${k}.text`)}</p>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/taxonomy">{t('home.ctaTaxonomy')} →</Link>
      </p>
    </div>
  );
}
