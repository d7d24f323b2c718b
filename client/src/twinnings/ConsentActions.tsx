import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';
import { twinningsApi } from './api';
import { twinningsChanged } from './useInboxCount';
import { LIMITS } from './limits';
import type { Twinning, TwinningDetail, TwinningMove } from './types';

type Mode = null | 'decline' | 'withdraw' | 'end';

/**
 * The transitions the user may make, as buttons; decline, withdraw and end open a small form for the
 * reason (and, for end, the outcome). `onChanged` gets the twinning as the server returned it.
 */
export function ConsentActions({ twinning, actions, onChanged, onStale }: {
  twinning: Twinning;
  actions: readonly TwinningMove[];
  onChanged: (t: TwinningDetail) => void;
  /** A 409: someone moved it first; read it again so the buttons match where it stands. */
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<Mode>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (actions.length === 0 && !failure) return null;

  async function run(call: () => Promise<TwinningDetail>) {
    setBusy(true);
    setFailure(null);
    try {
      const next = await call();
      setMode(null);
      setReason('');
      setOutcome('');
      twinningsChanged();
      onChanged(next);
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        setFailure(t('twinnings.actions.conflict'));
        setMode(null);
        twinningsChanged();
        onStale?.();
      }
      else if (isApiError(err)) {
        setErrors(err.fieldErrors);
        setFailure(err.detail ?? err.title);
      } else setFailure(String(err));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (mode !== 'withdraw' && !reason.trim()) local.reason = t('twinnings.actions.reasonRequired');
    if (mode === 'end' && !outcome.trim()) local.outcome = t('twinnings.actions.outcomeRequired');
    setErrors(local);
    if (Object.keys(local).length) return;
    if (mode === 'decline') void run(() => twinningsApi.decline(twinning.id, reason.trim(), twinning.version));
    if (mode === 'withdraw') void run(() => twinningsApi.withdraw(twinning.id, reason.trim(), twinning.version));
    if (mode === 'end') void run(() => twinningsApi.end(twinning.id, reason.trim(), outcome.trim(), twinning.version));
  }

  const names = `${twinning.fromCity.name} – ${twinning.toCity.name}`;
  return (
    <div className="twinning-actions">
      <p className="actions">
        {actions.includes('accept') && (
          <button type="button" className="button" disabled={busy} aria-label={t('twinnings.actions.acceptLabel', { names })}
            onClick={() => void run(() => twinningsApi.accept(twinning.id, twinning.version))}>
            {t('twinnings.actions.accept')}
          </button>
        )}
        {(['decline', 'withdraw', 'end'] as const).filter((a) => actions.includes(a)).map((a) => (
          <button key={a} type="button" className="button button-ghost" disabled={busy} aria-expanded={mode === a}
            aria-label={t(`twinnings.actions.${a}Label`, { names })}
            onClick={() => { setMode(mode === a ? null : a); setErrors({}); setFailure(null); }}>
            {t(`twinnings.actions.${a}`)}
          </button>
        ))}
      </p>
      {mode && (
        <form className="form reason-form" onSubmit={onSubmit} noValidate aria-label={t(`twinnings.actions.${mode}Form`)}>
          <div className={`field${errors.reason ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-reason`}>{t(mode === 'withdraw' ? 'twinnings.actions.reasonOptional' : 'twinnings.actions.reason')}</label>
            <textarea id={`${id}-reason`} rows={3} maxLength={LIMITS.reason} value={reason} onChange={(e) => setReason(e.target.value)}
              aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `${id}-reason-error` : undefined} />
            {errors.reason && <p id={`${id}-reason-error`} className="field-error">{errors.reason}</p>}
          </div>
          {mode === 'end' && (
            <div className={`field${errors.outcome ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-outcome`}>{t('twinnings.actions.outcome')}</label>
              <p className="field-hint" id={`${id}-outcome-hint`}>{t('twinnings.actions.outcomeHint')}</p>
              <textarea id={`${id}-outcome`} rows={4} maxLength={LIMITS.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value)}
                aria-invalid={errors.outcome ? true : undefined}
                aria-describedby={[`${id}-outcome-hint`, errors.outcome ? `${id}-outcome-error` : ''].filter(Boolean).join(' ')} />
              {errors.outcome && <p id={`${id}-outcome-error`} className="field-error">{errors.outcome}</p>}
            </div>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>{t(`twinnings.actions.${mode}Confirm`)}</button>
            <button type="button" className="button button-ghost" onClick={() => setMode(null)}>{t('twinnings.cancel')}</button>
          </p>
        </form>
      )}
      {failure && <p className="form-error" role="alert">{failure}</p>}
    </div>
  );
}
