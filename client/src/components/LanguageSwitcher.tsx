import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isSupported, setLanguage } from '../i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={isSupported(current) ? current : 'en'}
        onChange={(e) => {
          const next = e.target.value;
          if (isSupported(next)) void setLanguage(next);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </div>
  );
}
