import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { CityMatches, startCityMatches } from '../components/CityMatches';
import { CityPractices, startCityPractices } from '../practices/editor/CityPractices';
import { ErrorState, Loading } from '../components/Status';
import { CityManageLinks } from '../join/CityManageLinks';
import { countryName, formatNumber, languageName, useDocumentTitle } from '../format';
import { SampleBadge } from '../components/SampleBadge';

export function CityDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => {
    // the sections below the city's facts ask beside it, not after it (api/early.ts)
    startCityPractices(id);
    startCityMatches(id, lang);
    return api.city(id, lang, signal);
  }, [id, lang]);
  useDocumentTitle(state.status === 'success' ? state.data.name : t('cities.title'), t('app.name'));

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/cities">← {t('city.back')}</Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <>
          <h1>
            {state.data.name}
            <SampleBadge show={state.data.isSample} />
          </h1>
          <CityManageLinks city={state.data} />
          <dl className="facts">
            <div>
              <dt>{t('city.country')}</dt>
              <dd>{countryName(state.data.country, lang)}</dd>
            </div>
            {state.data.region && (
              <div>
                <dt>{t('city.region')}</dt>
                <dd>{state.data.region}</dd>
              </div>
            )}
            {typeof state.data.population === 'number' && (
              <div>
                <dt>{t('city.population')}</dt>
                <dd>{formatNumber(state.data.population, lang)}</dd>
              </div>
            )}
            {state.data.languages && state.data.languages.length > 0 && (
              <div>
                <dt>{t('city.languages')}</dt>
                <dd>{state.data.languages.map((l) => languageName(l, lang)).join(', ')}</dd>
              </div>
            )}
          </dl>

          <section aria-labelledby="city-priorities">
            <h2 id="city-priorities">{t('city.priorities')}</h2>
            {state.data.priorities?.length ? (
              <ul className="priority-list">
                {state.data.priorities.map((p) => (
                  <li key={p.code}>
                    <span className="code">{p.code}</span> {p.label ?? ''}{' '}
                    <span className={`badge badge-${p.stance}`}>{t(`city.stance.${p.stance}`, { defaultValue: p.stance })}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('city.noPriorities')}</p>
            )}
          </section>

          <section aria-labelledby="city-routes">
            <h2 id="city-routes">{t('city.routes')}</h2>
            {state.data.routes?.length ? (
              <ul className="plain">
                {state.data.routes.map((r) => (
                  <li key={`${r.slug}-${r.role}`}>
                    <Link to={`/routes/${encodeURIComponent(r.slug)}`}>{r.name}</Link>{' '}
                    <span className={`badge badge-${r.role}`}>{t(`city.role.${r.role}`, { defaultValue: r.role })}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('city.noRoutes')}</p>
            )}
          </section>

          <CityPractices cityId={state.data.id} />

          <CityMatches cityId={state.data.id} cityName={state.data.name} lang={lang} />
        </>
      )}
    </article>
  );
}
