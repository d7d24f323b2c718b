import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

function messageKey(status: number): string | null {
  if (status === 0) return 'common.error.network';
  if (status === 401) return 'common.error.unauthorized';
  if (status === 403) return 'common.error.forbidden';
  if (status === 404) return 'common.error.notFound';
  if (status >= 500) return 'common.error.server';
  return null;
}

/** A friendly, translated error block for a failed request. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const key = messageKey(error.status);
  return (
    <div className="error-state" role="alert">
      <h2>{t('common.error.title')}</h2>
      <p>{key ? t(key) : error.detail || error.title}</p>
      {error.status > 0 && (
        <p className="muted small">
          {t('common.error.status', { status: error.status })}
          {error.title ? ` — ${error.title}` : ''}
        </p>
      )}
      {onRetry && error.status !== 404 && error.status !== 403 && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
