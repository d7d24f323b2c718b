import { useTranslation } from 'react-i18next';

/** Shown while a page's chunk loads: same box as a page, so nothing moves when it arrives. */
export function PageFallback() {
  const { t } = useTranslation();
  return (
    <div className="page-fallback" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{t('polish.loadingPage')}</span>
    </div>
  );
}
