import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { CitySummary } from '../../../server/contract/cities.ts';
import { asApiError } from '../api/useApi';
import type { ApiError } from '../api/http';
import { Empty, ErrorState, Loading } from '../components/Status';
import { countryName, formatNumber, useDocumentTitle } from '../format';
import { SampleBadge } from '../components/SampleBadge';

const PAGE_SIZE = 20;

interface ListState {
  items: CitySummary[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  error?: ApiError;
  loadingMore: boolean;
  moreError?: ApiError;
}

export function CitiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, status: 'loading', loadingMore: false });
  const moreController = useRef<AbortController | null>(null);
  const searchId = useId();
  useDocumentTitle(t('cities.title'), t('app.name'));

  useEffect(() => setDraft(q), [q]);

  // First page whenever the query changes (or on retry).
  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState({ items: [], nextCursor: null, status: 'loading', loadingMore: false });
    api.cities({ q, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState({ items: page.items ?? [], nextCursor: page.nextCursor ?? null, status: 'ready', loadingMore: false });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ items: [], nextCursor: null, status: 'error', error: asApiError(err), loadingMore: false });
      },
    );
    return () => controller.abort();
  }, [q, nonce]);

  const loadMore = () => {
    if (!state.nextCursor || state.loadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }));
    api.cities({ q, limit: PAGE_SIZE, cursor: state.nextCursor }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => {
          const seen = new Set(s.items.map((c) => c.id));
          return {
            ...s,
            items: [...s.items, ...(page.items ?? []).filter((c) => !seen.has(c.id))],
            nextCursor: page.nextCursor ?? null,
            loadingMore: false,
          };
        });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loadingMore: false, moreError: asApiError(err) }));
      },
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    if (next === q) {
      setNonce((n) => n + 1);
      return;
    }
    setParams(next ? { q: next } : {});
  };

  return (
    <article>
      <h1>{t('cities.title')}</h1>
      <p className="lead">{t('cities.intro')}</p>

      <form role="search" className="search-form" onSubmit={onSubmit}>
        <label htmlFor={searchId}>{t('cities.searchLabel')}</label>
        <div className="search-row">
          <input
            id={searchId}
            type="search"
            name="q"
            value={draft}
            placeholder={t('cities.searchPlaceholder')}
            onChange={(e) => setDraft(e.target.value)}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t('cities.search')}
          </button>
          {q && (
            <button type="button" className="button button-ghost" onClick={() => setParams({})}>
              {t('cities.clear')}
            </button>
          )}
        </div>
      </form>

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && state.error && <ErrorState error={state.error} onRetry={() => setNonce((n) => n + 1)} />}
      {state.status === 'ready' && (
        <section aria-labelledby="cities-results">
          <h2 id="cities-results" className={q ? undefined : 'visually-hidden'}>
            {q ? t('cities.resultsFor', { q }) : t('cities.title')}
          </h2>
          {state.items.length === 0 ? (
            <Empty>{q ? t('cities.empty') : t('cities.emptyAll')}</Empty>
          ) : (
            <>
              <ul className="city-list">
                {state.items.map((c) => (
                  <li key={c.id} className="card city-item">
                    <h3>
                      <Link to={`/cities/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                      <SampleBadge show={c.isSample} />
                    </h3>
                    <p className="muted">{[c.region, countryName(c.country, lang)].filter(Boolean).join(', ')}</p>
                    {typeof c.population === 'number' && (
                      <p className="small">
                        {t('city.population')}: {formatNumber(c.population, lang)}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
              <p className="muted small" aria-live="polite">
                {t('cities.shown', { count: state.items.length })}
              </p>
            </>
          )}
          {state.moreError && <ErrorState error={state.moreError} onRetry={loadMore} />}
          {state.nextCursor && (
            <p>
              <button type="button" className="button" onClick={loadMore} disabled={state.loadingMore} aria-busy={state.loadingMore}>
                {state.loadingMore ? t('common.loadingMore') : t('common.loadMore')}
              </button>
            </p>
          )}
        </section>
      )}
    </article>
  );
}
