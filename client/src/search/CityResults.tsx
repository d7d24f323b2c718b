import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { http } from '../api/http';
import type { SearchCitiesResult } from '../../../server/contract/search-all.ts';

/** As many cities as the header's search box suggests (HeaderSearch asks for 5): Enter keeps what it showed. */
export const CITY_RESULTS_LIMIT = 5;

/**
 * The cities matching the words of a practices search, as a compact list of links to the city pages:
 * the same cities, in the same order, as the header's suggestions (GET /api/search/cities). Nothing
 * while they load, when there are none, or if the request fails: the practices are the page.
 */
export function CityResults({ q }: { q: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language ?? 'en';
  const headingId = useId();
  const [found, setFound] = useState<{ q: string; lang: string; cities: SearchCitiesResult['cities'] } | null>(null);
  const text = q.trim();

  useEffect(() => {
    if (!text) return;
    const ctl = new AbortController();
    http.get<SearchCitiesResult>('/api/search/cities', { query: { q: text, lang, limit: CITY_RESULTS_LIMIT }, signal: ctl.signal })
      .then((r) => setFound({ q: text, lang, cities: r.cities }), () => {});
    return () => ctl.abort();
  }, [text, lang]);

  // only the answer for these words (a newer search shows nothing until its own answer is in)
  const cities = found && found.q === text && found.lang === lang ? found.cities : [];
  if (!text || cities.length === 0) return null;
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
