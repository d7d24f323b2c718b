import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useApi } from '../api/useApi';
import { RequireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/Status';
import { countryName, useDocumentTitle } from '../format';
import type { CitySummary } from '../../../server/contract/cities.ts';
import type { MemberRole } from '../../../server/contract/common.ts';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { joinApi } from './api';
import { RequestStatus } from './RequestStatus';
import { useMe } from './useMe';
import './join.css';

/** "Find your city and ask to join": search, pick, role and message; then the request waits for approval. */
function JoinCity() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [params] = useSearchParams();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [picked, setPicked] = useState<Pick<CitySummary, 'id' | 'name' | 'country'> | null>(null);
  const [role, setRole] = useState<MemberRole>('practitioner');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [me] = useMe();
  const [mine, reloadMine] = useApi((signal) => joinApi.myRequests(signal), []);
  const ids = { search: useId(), role: useId(), message: useId() };

  useEffect(() => {
    const h = setTimeout(() => setDebounced(q), 200);
    return () => clearTimeout(h);
  }, [q]);
  const [results] = useApi((signal) => (debounced.trim() ? joinApi.searchCities(debounced, signal) : Promise.resolve(null)), [debounced]);

  // arriving from a city's page (?city=<id>): that city is picked
  const preset = params.get('city');
  useEffect(() => {
    if (!preset) return;
    const ctl = new AbortController();
    joinApi.city(preset, lang, ctl.signal)
      .then((c) => setPicked({ id: c.id, name: c.name, country: c.country }))
      .catch(() => undefined); // an unknown id: nothing picked, the search is there
    return () => ctl.abort();
  }, [preset, lang]);

  const pending = mine.status === 'success' ? mine.data.items.filter((r) => r.status === 'pending') : [];
  const answered = mine.status === 'success' ? mine.data.items.filter((r) => r.status !== 'pending').slice(0, 5) : [];
  const memberOf = new Set(me?.cities.map((c) => c.id) ?? []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!picked) return setError(t('join.ask.pickFirst'));
    const local = await checkForm('joinRequest', { role, ...(message.trim() ? { message } : {}) }, t);
    if (Object.keys(local).length) return setError(Object.values(local)[0] ?? null);
    setBusy(true);
    setError(null);
    try {
      await joinApi.askToJoin(picked.id, role, message);
      setPicked(null);
      setMessage('');
      setQ('');
      reloadMine();
    } catch (err) {
      setError(err instanceof ApiError ? (err.status === 409 ? t('join.ask.conflict') : err.detail || err.title) : t('common.error.title'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="narrow join-page">
      <h1>{t('join.ask.title')}</h1>
      <p className="lead">{t('join.ask.intro')}</p>

      {mine.status === 'error' && <ErrorState error={mine.error} onRetry={reloadMine} />}
      {pending.length > 0 && (
        <section aria-labelledby="join-pending" className="card">
          <h2 id="join-pending">{t('join.ask.pending')}</h2>
          <ul className="plain">
            {pending.map((r) => (
              <li key={r.id}>
                <Link to={`/cities/${encodeURIComponent(r.city.id)}`}>{r.city.name}</Link> — {t(`join.role.${r.role}`)} <RequestStatus status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {answered.length > 0 && (
        <section aria-labelledby="join-answered">
          <h2 id="join-answered">{t('join.ask.answered')}</h2>
          <ul className="plain">
            {answered.map((r) => (
              <li key={r.id}>
                <Link to={`/cities/${encodeURIComponent(r.city.id)}`}>{r.city.name}</Link> — {t(`join.role.${r.role}`)} <RequestStatus status={r.status} />
                {r.reason && <blockquote className="join-message">{r.reason}</blockquote>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <form className="form" onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate aria-describedby={error ? 'join-error' : undefined}>
        <div className="field">
          <label htmlFor={ids.search}>{t('join.ask.search')}</label>
          <input id={ids.search} type="search" value={q} autoComplete="off" placeholder={t('join.ask.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
        </div>
        {results.status === 'loading' && debounced && <Loading />}
        {results.status === 'success' && results.data && (
          results.data.items.length === 0 ? <Empty>{t('join.ask.noCity')}</Empty> : (
            <ul className="pick-list" aria-label={t('join.ask.results')}>
              {results.data.items.map((c) => (
                <li key={c.id}>
                  <button type="button" className={`pick${picked?.id === c.id ? ' picked' : ''}`} aria-pressed={picked?.id === c.id}
                    disabled={memberOf.has(c.id)} onClick={() => setPicked(c)}>
                    {c.name} <span className="muted small">{countryName(c.country, lang)}</span>
                    {memberOf.has(c.id) && <span className="muted small"> — {t('join.ask.alreadyMember')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )
        )}
        {picked && <p className="picked-city" aria-live="polite">{t('join.ask.picked', { city: picked.name })}</p>}
        <div className="field">
          <label htmlFor={ids.role}>{t('join.ask.role')}</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
            <option value="practitioner">{t('join.role.practitioner')}</option>
            <option value="focal_point">{t('join.role.focal_point')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.message}>{t('join.ask.message')}</label>
          <textarea id={ids.message} value={message} maxLength={2000} rows={3} onChange={(e) => setMessage(e.target.value)} />
        </div>
        {error && <p id="join-error" className="form-error" role="alert">{error}</p>}
        <button type="submit" className="button" disabled={busy || !picked} aria-busy={busy}>{t('join.ask.submit')}</button>
      </form>
    </article>
  );
}

export function JoinCityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('join.ask.title'), t('app.name'));
  return (
    <RequireAuth>
      <JoinCity />
    </RequireAuth>
  );
}
