import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useApi } from '../api/useApi';
import { RequireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';
import type { JoinRequest } from '../../../server/contract/join-requests.ts';
import { joinApi } from './api';
import './join.css';

/** One pending request with its two decisions; a decline may say why (the requester sees it). */
export function RequestCard({ request, onDone }: { request: JoinRequest; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const when = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? i18n.language, { dateStyle: 'medium' }).format(new Date(request.createdAt));

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onDone();
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError && err.status === 409 ? t('join.review.alreadyDecided') : err instanceof ApiError ? err.detail || err.title : t('common.error.title'));
    }
  };

  return (
    <li className="card join-request" aria-label={t('join.review.requestBy', { name: request.user.name })}>
      <h3>
        {request.user.name} <span className="muted small">{request.user.email}</span>
      </h3>
      <p>
        {t('join.review.asks', { role: t(`join.role.${request.role}`) })}{' '}
        <Link to={`/cities/${encodeURIComponent(request.city.id)}`}>{request.city.name}</Link>
        <span className="muted small"> · {when}</span>
      </p>
      {request.message && <blockquote className="join-message">{request.message}</blockquote>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {declining ? (
        <div className="join-decline">
          <label htmlFor={reasonId}>{t('join.review.reason')}</label>
          <textarea id={reasonId} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" className="button button-danger" disabled={busy} onClick={() => act(() => joinApi.decline(request.id, reason))}>
              {t('join.review.confirmDecline')}
            </button>
            <button type="button" className="button button-ghost" disabled={busy} onClick={() => setDeclining(false)}>{t('join.common.cancel')}</button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => act(() => joinApi.approve(request.id))}>{t('join.review.approve')}</button>
          <button type="button" className="button button-ghost" disabled={busy} onClick={() => setDeclining(true)}>{t('join.review.decline')}</button>
        </div>
      )}
    </li>
  );
}

function JoinRequests() {
  const { t } = useTranslation();
  const [state, reload] = useApi((signal) => joinApi.reviewable(signal), []);
  return (
    <article className="narrow join-page">
      <h1>{t('join.review.title')}</h1>
      <p className="lead">{t('join.review.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (state.data.items.length === 0 ? <Empty>{t('join.review.empty')}</Empty> : (
        <ul className="plain join-requests">
          {state.data.items.map((r) => <RequestCard key={r.id} request={r} onDone={reload} />)}
        </ul>
      ))}
    </article>
  );
}

export function JoinRequestsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('join.review.title'), t('app.name'));
  return (
    <RequireAuth>
      <JoinRequests />
    </RequireAuth>
  );
}
