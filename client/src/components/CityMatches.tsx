import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { startEarly, takeEarly } from '../api/early';
import { useApi } from '../api/useApi';
import { countryName, formatNumber } from '../format';
import { ContactCityButton } from './ContactCityButton';
import { themesFromReasons } from '../twinnings/model';
import { ProposeTwinningButton } from '../twinnings/ProposeTwinning';
import { Empty, ErrorState, Loading } from './Status';

const cityMatchesKey = (cityId: string, lang: string) => `matches:${cityId}:${lang}`;

/** Starts what <CityMatches> will ask for (api/early.ts): the city's page does, while the city loads. */
export function startCityMatches(cityId: string, lang: string) {
  startEarly(`routes:${lang}`, () => api.routes(lang));
  startEarly(cityMatchesKey(cityId, lang), () => api.cityMatches(cityId, { lang, limit: 10 }));
}

/** "Suggested peers" for a city: GET /api/cities/:id/matches (public), optionally along one route. */
export function CityMatches({ cityId, cityName, lang }: { cityId: string; cityName?: string; lang: string }) {
  const { t } = useTranslation();
  const [route, setRoute] = useState('');
  const selectId = useId();
  const [routes] = useApi((signal) => takeEarly(`routes:${lang}`, () => api.routes(lang, signal)), [lang]);
  const [state, reload] = useApi((signal) => (route ? api.cityMatches(cityId, { lang, limit: 10, route }, signal)
    : takeEarly(cityMatchesKey(cityId, lang), () => api.cityMatches(cityId, { lang, limit: 10 }, signal))), [cityId, lang, route]);
  const pct = { format: (n: number) => formatNumber(n, lang, { style: 'percent', maximumFractionDigits: 0 }) };

  return (
    <section aria-labelledby="city-matches" className="matches">
      <h2 id="city-matches">{t('matches.title')}</h2>
      <p className="muted">{t('matches.intro')}</p>
      {routes.status === 'success' && routes.data.items.length > 0 && (
        <p className="match-filter">
          <label htmlFor={selectId}>{t('matches.route')}</label>{' '}
          <select id={selectId} value={route} onChange={(e) => setRoute(e.target.value)}>
            <option value="">{t('matches.anyRoute')}</option>
            {routes.data.items.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name}
              </option>
            ))}
          </select>
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' &&
        (state.error.status === 401 ? (
          <p>
            <Link to="/signin">{t('matches.signIn')}</Link>
          </p>
        ) : (
          <ErrorState error={state.error} onRetry={reload} />
        ))}
      {state.status === 'success' &&
        (state.data.items.length === 0 ? (
          <Empty>{route ? t('matches.emptyRoute') : t('matches.empty')}</Empty>
        ) : (
          <ol className="match-list">
            {state.data.items.map((m) => (
              <li key={m.city.id} className="card match">
                <h3>
                  <Link to={`/cities/${encodeURIComponent(m.city.id)}`}>{m.city.name}</Link>
                  {m.city.country && <span className="muted small"> {countryName(m.city.country, lang)}</span>}
                </h3>
                <p className="score">
                  <span className="score-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(Math.min(Math.max(m.score, 0), 1) * 100)}%` }} />
                  </span>{' '}
                  <span>{t('matches.score', { score: pct.format(m.score) })}</span>
                </p>
                <ContactCityButton cityId={m.city.id} cityName={m.city.name} />
                {cityName && <ProposeTwinningButton viewed={{ id: cityId, name: cityName }} match={m.city} suggestedThemes={themesFromReasons(m.reasons)} />}
                {m.reasons.length > 0 && (
                  <ul className="reasons">
                    {m.reasons.map((r, i) => (
                      <li key={`${r.kind}-${i}`}>
                        <span className={`badge reason-${r.kind}`}>
                          {/* "Nearby" only when the server says the cities are near (NEARBY_KM) */}
                          {r.kind === 'distance' && r.data.near !== true ? t('polish.matches.distanceFar') : t(`matches.kind.${r.kind}`, { defaultValue: r.kind })}
                        </span>{' '}
                        {r.detail}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
