import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { SUGGESTIONS } from './HeaderSearch';

/**
 * The cities matching the words of a practices search, as a compact list of links to the city pages:
 * the same cities, in the same order, as the header's suggestions (GET /api/search/cities, as many as
 * the box shows), so Enter keeps what it showed. Nothing while they load, when there are none, or if
 * the request fails: the practices are the page. `q`: the words, not blank (the page shows no cities
 * without them).
 */
export function CityResults({ q }: { q: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language ?? 'en';
  const headingId = useId();
  const text = q.trim();
  const [state] = useApi((signal) => api.searchCities({ q: text, lang, limit: SUGGESTIONS }, signal), [text, lang]);

  const cities = state.status === 'success' ? state.data.cities : [];
  if (cities.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="city-results">
      <h2 id={headingId}>{t('globalSearch.cities')}</h2>
      <ul className="tags">
        {cities.map((c) => (
          <li key={c.id}>
            <Link to={`/cities/${encodeURIComponent(c.id)}`}>{c.name}</Link>
            {(c.countryName ?? c.country) && <span className="muted small"> ({c.countryName ?? c.country})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
