import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';
import { Empty, ErrorState, Loading } from '../components/Status';
import { countryName, formatNumber, useDocumentTitle } from '../format';
import { networksApi } from './api';

export function NetworksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { status } = useAuth();
  const [state, reload] = useApi((signal) => networksApi.list(signal), []);
  useDocumentTitle(t('networks.title'), t('app.name'));

  return (
    <article>
      <h1>{t('networks.title')}</h1>
      <p className="lead">{t('networks.intro')}</p>
      {status === 'authenticated' && (
        <p>
          <Link to="/manage">{t('manage.link')} →</Link>
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' &&
        (state.data.items.length ? (
          <ul className="cards two">
            {state.data.items.map((n) => (
              <li key={n.id} className="card">
                <h2>
                  <Link to={`/networks/${encodeURIComponent(n.slug)}`}>{n.name}</Link>
                </h2>
                {n.description && <p>{n.description}</p>}
                <p className="muted">
                  {t('networks.cityCount', { count: n.cityCount ?? 0, formatted: formatNumber(n.cityCount ?? 0, lang) })}
                  {n.country ? ` · ${countryName(n.country, lang)}` : ''}
                  {n.isFounding ? ` · ${t('networks.founding')}` : ''}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('networks.empty')}</Empty>
        ))}
    </article>
  );
}
