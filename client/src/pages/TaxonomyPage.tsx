import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';

export function TaxonomyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => api.taxonomy(lang, signal), [lang]);
  useDocumentTitle(t('taxonomy.title'), t('app.name'));

  return (
    <article>
      <h1>{t('taxonomy.title')}</h1>
      <p className="lead">{t('taxonomy.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' &&
        (state.data.principles?.length ? (
          <ol className="principles">
            {state.data.principles.map((p) => (
              <li key={p.slug} className="card principle" id={`principle-${p.slug}`}>
                <h2>{p.label}</h2>
                {p.theme && <p className="muted">{t('taxonomy.theme', { theme: p.theme })}</p>}
                <h3 className="visually-hidden">{t('taxonomy.priorities')}</h3>
                <ol className="priorities">
                  {p.priorities.map((pr) => (
                    <li key={pr.code}>
                      <span className="code">{pr.code}</span> {pr.label}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        ) : (
          <Empty>{t('taxonomy.empty')}</Empty>
        ))}
    </article>
  );
}
