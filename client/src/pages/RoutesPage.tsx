import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';

export function RoutesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => api.routes(lang, signal), [lang]);
  useDocumentTitle(t('routes.title'), t('app.name'));

  return (
    <article>
      <h1>{t('routes.title')}</h1>
      <p className="lead">{t('routes.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' &&
        (state.data.items?.length ? (
          <ul className="cards two">
            {state.data.items.map((r) => (
              <li key={r.slug} className="card">
                <h2>
                  <Link to={`/routes/${encodeURIComponent(r.slug)}`}>{r.name}</Link>
                </h2>
                {r.description && <p>{r.description}</p>}
                {typeof r.cityCount === 'number' && <p className="muted">{t('routes.cityCount', { count: r.cityCount })}</p>}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('routes.empty')}</Empty>
        ))}
    </article>
  );
}
