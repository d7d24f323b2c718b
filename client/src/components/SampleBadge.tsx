import { useTranslation } from 'react-i18next';

/** Marks a record loaded by `npm run seed:sample`, so nobody mistakes it for a real city or practice. */
export function SampleBadge({ show }: { show: boolean | undefined }) {
  const { t, i18n } = useTranslation();
  if (!show) return null;
  return (
    <span className="badge sample" title={t('polish.sample.title')} lang={i18n.resolvedLanguage ?? i18n.language}>
      {t('polish.sample.badge')}
    </span>
  );
}
