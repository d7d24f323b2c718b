import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { UnsubscribeResult } from '../../../server/contract/notifications.ts';
import { ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';

/** Where an e-mail's unsubscribe link lands: says what will stop, and stops it on confirmation (no sign-in). */
export function UnsubscribePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('unsubscribe.title'), t('app.name'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<UnsubscribeResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const c = new AbortController();
    api.describeUnsubscribe(token, c.signal).then(setState, (e) => !c.signal.aborted && setError(e));
    return () => c.abort();
  }, [token]);

  const what = state ? (state.type === 'all' ? t('unsubscribe.digest') : t(`notifications.typeNames.${state.type}`)) : '';
  return (
    <article className="narrow">
      <h1>{t('unsubscribe.title')}</h1>
      {error ? <ErrorState error={error} /> : !state ? <Loading /> : state.unsubscribed ? (
        <p role="status">{t('unsubscribe.done', { what })}</p>
      ) : (
        <>
          <p>{t('unsubscribe.confirm', { what })}</p>
          <button type="button" className="button" onClick={async () => setState(await api.unsubscribe(token))}>{t('unsubscribe.button')}</button>
        </>
      )}
      <p><Link to="/settings/notifications">{t('notifications.preferencesLink')}</Link></p>
    </article>
  );
}
