import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { ErrorState } from '../components/Status';
import { countryName } from '../format';
import { mapApi } from './api';
import { MapView } from './MapView';
import './map-page.css';
import { routeColor } from './palette';

/** The home page's map of the network: every city with coordinates and the named routes, with the same in lists. */
export function HomeMap() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [routes, reloadRoutes] = useApi((signal) => mapApi.routes(lang, signal), [lang]);
  const [cities, reloadCities] = useApi((signal) => mapApi.allCities(signal), []);
  const located = cities.status === 'success' ? cities.data.filter((c) => c.lat !== null && c.lon !== null) : [];
  const routeItems = routes.status === 'success' ? routes.data.items : [];

  return (
    <section aria-labelledby="home-map-title" className="home-map">
      <h2 id="home-map-title">{t('map.homeTitle')}</h2>
      <p className="muted">{t('map.homeIntro')}</p>
      {routes.status === 'error' && <ErrorState error={routes.error} onRetry={reloadRoutes} />}
      {cities.status === 'error' && <ErrorState error={cities.error} onRetry={reloadCities} />}
      <MapView
        label={t('map.homeLabel', { routes: routeItems.length, cities: located.length })}
        cities={located}
        routes={routeItems}
        cityLabel={(c) => t('map.cityLink', { name: c.name })}
      />
      {routeItems.length > 0 && (
        <ul className="map-legend" aria-label={t('map.routesList')}>
          {routeItems.map((r, i) => (
            <li key={r.slug} style={{ '--swatch': routeColor(i) } as CSSProperties}>
              <Link to={`/routes/${encodeURIComponent(r.slug)}`}>{r.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {located.length > 0 && (
        <details className="map-lists">
          <summary>{t('map.citiesList', { count: located.length })}</summary>
          <ul className="columns plain">
            {located.map((c) => (
              <li key={c.id}>
                <Link to={`/cities/${encodeURIComponent(c.id)}`}>{c.name}</Link> <span className="muted">{countryName(c.country, lang)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
