import { useId, type ReactNode } from 'react';

/** A labelled control with its hint and error wired through aria-describedby (for textareas, selects, inputs). */
export function Field({ label, name, error, hint, children }: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: (a11y: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = `${useId()}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      {children({ id, name, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error && <p id={errorId} className="field-error" data-field={name}>{error}</p>}
    </div>
  );
}

/** A group of checkboxes (priorities, routes, target groups) with one legend and one error. */
export function CheckboxGroup({ legend, name, options, value, onChange, error }: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const errorId = `${useId()}-${name}-error`;
  return (
    <fieldset className={`field checkbox-group${error ? ' field-invalid' : ''}`} aria-describedby={error ? errorId : undefined} data-group={name}>
      <legend>{legend}</legend>
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error && <p id={errorId} className="field-error" data-field={name}>{error}</p>}
    </fieldset>
  );
}
