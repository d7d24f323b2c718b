import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/http';
import { useApi } from '../../api/useApi';
import { RequireAuth } from '../../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../../components/Status';
import { useDocumentTitle } from '../../format';
import type { PracticeSummary } from '../../../../server/contract/practices.ts';
import { practicesApi } from './api';
import './editor.css';

/** `/review`: practices in review in the cities of the networks I manage; publish, or return with a comment. */
export function ReviewQueuePage() {
  return (
    <RequireAuth>
      <ReviewQueue />
    </RequireAuth>
  );
}

function ReviewQueue() {
  const { t } = useTranslation();
  useDocumentTitle(t('practicesUi.review.title'), t('app.name'));
  const [state, reload] = useApi((signal) => practicesApi.list({ review: true, limit: 100 }, signal), []);
  const [done, setDone] = useState<Record<string, 'published' | 'returned'>>({});
  return (
    <section className="review-queue">
      <h1>{t('practicesUi.review.title')}</h1>
      <p className="lead">{t('practicesUi.review.lead')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && state.data.items.length === 0 && <Empty>{t('practicesUi.review.empty')}</Empty>}
      {state.status === 'success' && (
        <ul className="plain practice-rows">
          {state.data.items.map((p) => (
            <ReviewItem key={p.id} practice={p} outcome={done[p.id]} onDone={(o) => setDone((d) => ({ ...d, [p.id]: o }))} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewItem({ practice: p, outcome, onDone }: { practice: PracticeSummary; outcome?: 'published' | 'returned'; onDone: (o: 'published' | 'returned') => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (transition: 'publish' | 'return') => {
    if (transition === 'return' && !comment.trim()) {
      setError(t('practicesUi.review.commentRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await practicesApi.transition(p.id, transition, { version: p.version, ...(transition === 'return' ? { comment } : {}) });
      onDone(transition === 'publish' ? 'published' : 'returned');
    } catch (err) {
      setError(isApiError(err) ? err.detail ?? err.title : String(err));
    } finally {
      setBusy(false);
    }
  };
  const commentId = `return-comment-${p.id}`;
  return (
    <li className="card practice-row" data-practice={p.id}>
      <h2 className="h3"><Link to={`/practices/${p.id}`}>{p.title}</Link></h2>
      <p className="muted small">{t('practicesUi.review.byline', { city: p.city.name, author: p.author.name })}</p>
      <p>{p.summary}</p>
      {outcome ? (
        <p role="status" className="flash">{t(`practicesUi.review.${outcome}`)}</p>
      ) : (
        <>
          {error && <p className="form-error" role="alert">{error}</p>}
          {returning && (
            <div className="field">
              <label htmlFor={commentId}>{t('practicesUi.review.comment')}</label>
              <textarea id={commentId} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
            </div>
          )}
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => act('publish')}>{t('practicesUi.review.publish')}</button>
            {returning
              ? <button type="button" className="button button-ghost" disabled={busy} onClick={() => act('return')}>{t('practicesUi.review.sendBack')}</button>
              : <button type="button" className="button button-ghost" disabled={busy} onClick={() => setReturning(true)}>{t('practicesUi.review.return')}</button>}
          </div>
        </>
      )}
    </li>
  );
}
