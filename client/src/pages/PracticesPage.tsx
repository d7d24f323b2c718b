import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { PracticeFacet, PracticeSearchResult } from '../../../server/contract/search.ts';
import { useApi } from '../api/useApi';
import { Empty, ErrorState, Loading } from '../components/Status';
import { countryName, formatNumber, languageName, useDocumentTitle } from '../format';
import { useLabels, type Labels } from '../practices/labels';
import { SampleBadge } from '../components/SampleBadge';
import { CityResults } from '../search/CityResults';

/** The facets offered as filters, in display order (the API also has `region`, not shown here). */
const FACETS: PracticeFacet[] = ['principle', 'priority', 'country', 'language', 'route', 'targetGroup'];
const PER_PAGE_OPTIONS = [10, 20, 50];
const DEFAULT_PER_PAGE = 20;

const positiveInt = (s: string | null, fallback: number) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Replace each corrected word by its first suggestion (whole words, case-insensitive). */
function correctedQuery(q: string, corrections: NonNullable<PracticeSearchResult['corrections']>): string {
  let out = q;
  for (const c of corrections) {
    if (!c.to.length) continue;
    const escaped = c.word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'giu'), `$1${c.to[0]}`);
  }
  return out;
}

/**
 * The practice search. `network` (a network slug) limits it to the practices of that network's cities:
 * the network page embeds it as the network's library, under its own `heading`.
 */
export function PracticesPage({ network, heading }: { network?: string; heading?: string } = {}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = positiveInt(params.get('page'), 1);
  const perPage = positiveInt(params.get('perPage'), DEFAULT_PER_PAGE);
  const filters = useMemo(
    () => Object.fromEntries(FACETS.map((f) => [f, params.getAll(f).flatMap((v) => v.split(',')).filter(Boolean)])) as Record<PracticeFacet, string[]>,
    [params],
  );
  const [draft, setDraft] = useState(q);
  const searchId = useId();
  const labels = useLabels(lang);
  useDocumentTitle(t('practices.title'), t('app.name'));
  useEffect(() => setDraft(q), [q]);

  const key = JSON.stringify([q, filters, page, perPage, network]);
  const [state, reload] = useApi((signal) => api.searchPractices({ q, filters, page, perPage, network }, signal), [key]);

  /** Change some params; any change other than the page itself goes back to page 1. */
  const update = (change: (p: URLSearchParams) => void, keepPage = false) => {
    const next = new URLSearchParams(params);
    change(next);
    if (!keepPage) next.delete('page');
    setParams(next);
  };

  const toggle = (facet: PracticeFacet, value: string) =>
    update((p) => {
      const current = filters[facet];
      const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
      p.delete(facet);
      for (const v of values) p.append(facet, v);
    });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    if (next === q) return reload();
    update((p) => (next ? p.set('q', next) : p.delete('q')));
  };

  const anyFilter = FACETS.some((f) => filters[f].length > 0);

  return (
    <article>
      {heading ? <h2>{heading}</h2> : <h1>{t('practices.title')}</h1>}
      {!heading && <p className="lead">{t('practices.intro')}</p>}

      <form role="search" className="search-form" onSubmit={onSubmit}>
        <label htmlFor={searchId}>{t('practices.searchLabel')}</label>
        <div className="search-row">
          <input
            id={searchId}
            type="search"
            name="q"
            value={draft}
            maxLength={200}
            placeholder={t('practices.searchPlaceholder')}
            onChange={(e) => setDraft(e.target.value)}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t('practices.search')}
          </button>
          {(q || anyFilter) && (
            <button type="button" className="button button-ghost" onClick={() => setParams({})}>
              {t('practices.clear')}
            </button>
          )}
        </div>
      </form>

      {/* the cities the header's search box suggests for these words (not in a network's library) */}
      {!network && q.trim() && <CityResults q={q} />}

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <div className="search-layout">
          <aside aria-labelledby="practice-facets" className="facets">
            <h2 id="practice-facets">{t('practices.filters')}</h2>
            {FACETS.map((f) => (
              <FacetGroup
                key={f}
                facet={f}
                counts={state.data.facets[f] ?? {}}
                selected={filters[f]}
                label={(v) => facetLabel(f, v, lang, labels, (g) => t(`practice.targetGroup.${g}`, { defaultValue: g }))}
                onToggle={(v) => toggle(f, v)}
              />
            ))}
          </aside>

          <section aria-labelledby="practice-results" className="search-results">
            <h2 id="practice-results">
              {/* above the engine's exact bound the total is an estimate: "about N" */}
              {state.data.totalIsEstimate
                ? q ? t('practices.resultsForAbout', { q, count: state.data.total }) : t('practices.resultsAbout', { count: state.data.total })
                : q ? t('practices.resultsFor', { q, count: state.data.total }) : t('practices.results', { count: state.data.total })}
            </h2>
            {state.data.facetsAreEstimates && <p className="muted">{t('practices.facetsAbout')}</p>}
            {state.data.corrections && state.data.corrections.length > 0 && q && (
              <Correction q={q} corrected={correctedQuery(q, state.data.corrections)} params={params} />
            )}
            {state.data.hits.length === 0 ? (
              <Empty>{q || anyFilter ? t('practices.empty') : t('practices.emptyAll')}</Empty>
            ) : (
              <ol className="hit-list" start={(page - 1) * perPage + 1}>
                {state.data.hits.map((h) => (
                  <li key={h.id} className="card hit">
                    {/* Highlights are HTML built server-side by renderHighlight (server/services/search/highlight.ts):
                        the text is HTML-escaped first, then only <mark> tags are added, so they are safe to inject. */}
                    <h3>
                      <Link to={`/practices/${encodeURIComponent(h.id)}`}>
                        <span dangerouslySetInnerHTML={{ __html: h.highlights.title }} />
                      </Link>
                      <SampleBadge show={h.isSample} />
                    </h3>
                    <p className="muted small">
                      <Link to={`/cities/${encodeURIComponent(h.city.id)}`}>{h.city.name}</Link>
                      {h.city.country ? `, ${countryName(h.city.country, lang)}` : ''} · {languageName(h.language, lang)}
                    </p>
                    <p dangerouslySetInnerHTML={{ __html: h.highlights.summary }} />
                    {h.highlights.body && <p className="small fragment" dangerouslySetInnerHTML={{ __html: `… ${h.highlights.body} …` }} />}
                    {h.priorities.length > 0 && (
                      <ul className="tags" aria-label={t('practice.priorities')}>
                        {/* the priority's label in the reader's language (its code until the taxonomy is in) */}
                        {h.priorities.map((p) => (
                          <li key={p} className="badge" title={labels.priority(p) ? p : undefined}>
                            {labels.priority(p) ?? p}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
            <Pagination
              page={page}
              totalPages={state.data.totalPages}
              perPage={perPage}
              onPage={(n) => update((p) => (n > 1 ? p.set('page', String(n)) : p.delete('page')), true)}
              onPerPage={(n) => update((p) => (n === DEFAULT_PER_PAGE ? p.delete('perPage') : p.set('perPage', String(n))))}
            />
          </section>
        </div>
      )}
    </article>
  );
}

function facetLabel(facet: PracticeFacet, value: string, lang: string, labels: Labels, targetGroup: (code: string) => string): string {
  switch (facet) {
    case 'principle':
      return labels.principle(value) ?? value;
    case 'priority':
      return labels.priority(value) ?? value;
    case 'country':
      return countryName(value, lang);
    case 'language':
      return languageName(value, lang);
    case 'route':
      return labels.route(value) ?? value;
    case 'targetGroup':
      return targetGroup(value);
    default:
      return value;
  }
}

function FacetGroup(props: {
  facet: PracticeFacet;
  counts: Record<string, number>;
  selected: string[];
  label: (value: string) => string;
  onToggle: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  // selected values stay visible (count 0) so they can be switched off
  const entries = Object.entries(props.counts);
  for (const v of props.selected) if (!(v in props.counts)) entries.push([v, 0]);
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return null;
  return (
    <fieldset className="facet" data-facet={props.facet}>
      <legend>{t(`practices.facet.${props.facet}`)}</legend>
      <ul>
        {entries.map(([value, count]) => (
          <li key={value}>
            <label>
              <input type="checkbox" value={value} checked={props.selected.includes(value)} onChange={() => props.onToggle(value)} />{' '}
              {props.label(value)} <span className="count">({formatNumber(count, lang)})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function Correction({ q, corrected, params }: { q: string; corrected: string; params: URLSearchParams }) {
  const { t } = useTranslation();
  if (corrected === q) return null;
  const next = new URLSearchParams(params);
  next.set('q', corrected);
  next.delete('page');
  return (
    <p className="correction">
      {/* "Did you mean <suggestion>…</suggestion>?": where the question mark goes (and its space, in French) is the language's */}
      <Trans t={t} i18nKey="practices.didYouMean" values={{ corrected }} components={{ suggestion: <Link to={`?${next.toString()}`} /> }} />
    </p>
  );
}

/** Previous / page N of M / next and the page size: only when there is more than one page (or the reader is past the last one). */
function Pagination(props: { page: number; totalPages: number; perPage: number; onPage: (n: number) => void; onPerPage: (n: number) => void }) {
  const { t } = useTranslation();
  const perPageId = useId();
  if (props.totalPages <= 1 && props.page <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('practices.pagination')}>
      <button type="button" className="button button-ghost" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        ← {t('practices.previous')}
      </button>
      <span aria-live="polite">{t('practices.pageOf', { page: props.page, total: Math.max(props.totalPages, 1) })}</span>
      <button
        type="button"
        className="button button-ghost"
        disabled={props.page >= props.totalPages}
        onClick={() => props.onPage(props.page + 1)}
      >
        {t('practices.next')} →
      </button>
      <label htmlFor={perPageId}>{t('practices.perPage')}</label>
      <select id={perPageId} value={props.perPage} onChange={(e) => props.onPerPage(Number(e.target.value))}>
        {[...new Set([...PER_PAGE_OPTIONS, props.perPage])].sort((a, b) => a - b).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </nav>
  );
}
