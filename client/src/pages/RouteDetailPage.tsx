import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { RouteRole } from '../../../server/contract/common.ts';
import { useApi } from '../api/useApi';
import { ErrorState, Loading } from '../components/Status';
import { countryName, useDocumentTitle } from '../format';
import { preloadMap } from '../map/MapView';
import { RouteMap } from '../map/RouteMap';

const STAGES: RouteRole[] = ['origin', 'transit', 'destination'];

export function RouteDetailPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => {
    preloadMap(); // beside the route, not after it
    return api.route(slug, lang, signal);
  }, [slug, lang]);
  useDocumentTitle(state.status === 'success' ? state.data.route.name : t('routes.title'), t('app.name'));

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/routes">← {t('route.back')}</Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <>
          <h1>{state.data.route.name}</h1>
          {state.data.route.description && <p className="lead">{state.data.route.description}</p>}
          <RouteMap detail={state.data} />
          <section aria-labelledby="route-cities">
            <h2 id="route-cities">{t('route.citiesHeading')}</h2>
            <ol className="stages">
              {STAGES.map((stage) => {
                const cities = state.data.stages?.[stage] ?? [];
                return (
                  <li key={stage} className={`card stage stage-${stage}`}>
                    <h3>{t(`route.stage.${stage}`)}</h3>
                    {cities.length ? (
                      <ul className="plain">
                        {cities.map((c) => (
                          <li key={c.id}>
                            <Link to={`/cities/${encodeURIComponent(c.id)}`}>{c.name}</Link>{' '}
                            <span className="muted">{countryName(c.country, lang)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted">{t('route.noCities')}</p>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        </>
      )}
    </article>
  );
}
