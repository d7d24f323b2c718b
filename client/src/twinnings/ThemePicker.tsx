import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { priorityLabels, useTaxonomy } from './usePriorityLabels';

/**
 * Themes as checkboxes (the suggested codes plus the chosen ones), and a select to add any other
 * priority of the taxonomy.
 */
export function ThemePicker({ value, onChange, suggested = [], lang, legend, error }: {
  value: string[];
  onChange: (codes: string[]) => void;
  suggested?: readonly string[];
  lang: string;
  legend: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const tx = useTaxonomy(lang);
  const labels = priorityLabels(tx);
  const id = useId();
  const [adding, setAdding] = useState('');
  const shown = [...suggested, ...value.filter((c) => !suggested.includes(c))];
  const toggle = (code: string, on: boolean) => onChange(on ? [...value.filter((c) => c !== code), code] : value.filter((c) => c !== code));
  return (
    <fieldset className={`themes${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {shown.length === 0 && <p className="muted small">{t('twinnings.themes.none')}</p>}
      <ul className="plain theme-options">
        {shown.map((code) => (
          <li key={code}>
            <label>
              <input type="checkbox" checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />{' '}
              <span className="code">{code}</span> {labels.get(code) ?? ''}
            </label>
          </li>
        ))}
      </ul>
      {tx && (
        <p className="theme-add">
          <label htmlFor={`${id}-add`}>{t('twinnings.themes.add')}</label>{' '}
          <select
            id={`${id}-add`}
            value={adding}
            onChange={(e) => {
              const code = e.target.value;
              setAdding('');
              if (code && !value.includes(code)) onChange([...value, code]);
            }}
          >
            <option value="">{t('twinnings.themes.choose')}</option>
            {tx.principles.map((p) => (
              <optgroup key={p.slug} label={p.label}>
                {p.priorities.filter((q) => !shown.includes(q.code)).map((q) => (
                  <option key={q.code} value={q.code}>{q.code} — {q.label}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </p>
      )}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}
