import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/http';
import { splitServerErrors } from '../auth/validation';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { twinningsApi } from './api';
import { ThemePicker } from './ThemePicker';
import { LIMITS } from './limits';
import type { CityRef } from './types';
import { twinningsChanged } from './useInboxCount';
import { useMyRoles } from './useMyRoles';
import { twinningOfPair, useMyTwinnings } from './useMyTwinnings';

const MESSAGE_MAX = LIMITS.message;

/**
 * The request (focal point of `from`) or brokered proposal (network manager) form: themes pre-filled,
 * a message or note. On success it opens the new twinning's page.
 */
export function ProposeTwinningForm({ from, to, suggestedThemes, brokered, networkId, onCancel }: {
  from: CityRef;
  to: CityRef;
  suggestedThemes: readonly string[];
  brokered: boolean;
  /** The network brokering it (the brokering board's); otherwise the server picks the one both cities share. */
  networkId?: string;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const navigate = useNavigate();
  const id = useId();
  const [themes, setThemes] = useState<string[]>([...suggestedThemes]);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // opened from a button: move focus to the form's heading so it is announced, and Tab goes on to the themes
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const text = message.trim();
    const body = { fromCityId: from.id, toCityId: to.id, themes, ...(brokered ? { note: text, ...(networkId ? { networkId } : {}) } : { message: text }) };
    const checked = await checkForm('twinning', body, t, {
      themes: t('twinnings.propose.errors.themes'), 'themes.too_many': t('twinnings.propose.errors.tooManyThemes', { max: LIMITS.themes }),
      'message.too_long': t('twinnings.propose.errors.tooLong', { max: MESSAGE_MAX }), 'note.too_long': t('twinnings.propose.errors.tooLong', { max: MESSAGE_MAX }),
    });
    const local: Record<string, string> = { ...(checked.themes ? { themes: checked.themes } : {}) };
    // a brokered proposal says why (the service's rule); both texts are the one "message" field here
    if (brokered && !text) local.message = t('twinnings.propose.errors.note');
    else if (checked.message ?? checked.note) local.message = (checked.message ?? checked.note)!;
    setErrors(local);
    setOther([]);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const created = await twinningsApi.create(body);
      twinningsChanged();
      navigate(`/twinnings/${encodeURIComponent(created.id)}`, { state: { flash: brokered ? 'twinnings.flash.proposed' : 'twinnings.flash.requested' } });
    } catch (err) {
      setBusy(false);
      if (!isApiError(err)) { setOther([String(err)]); return; }
      const split = splitServerErrors(err, ['themes', 'message', 'note', 'toCityId', 'fromCityId']);
      setErrors({ ...split.fields, ...(split.fields.note ? { message: split.fields.note } : {}) });
      setOther(split.other.length || Object.keys(split.fields).length ? split.other : [err.detail ?? err.title]);
    }
  }

  const titleId = `${id}-title`;
  return (
    <form className="form propose-twinning card" aria-labelledby={titleId} onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate>
      <h4 id={titleId} ref={heading} tabIndex={-1}>
        {t(brokered ? 'twinnings.propose.brokeredTitle' : 'twinnings.propose.title', { from: from.name, to: to.name })}
      </h4>
      <p className="muted small">{t(brokered ? 'twinnings.propose.brokeredIntro' : 'twinnings.propose.intro', { from: from.name, to: to.name })}</p>
      <ThemePicker value={themes} onChange={setThemes} suggested={suggestedThemes} lang={lang} legend={t('twinnings.propose.themes')} error={errors.themes} />
      <div className={`field${errors.message ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-message`}>{t(brokered ? 'twinnings.propose.note' : 'twinnings.propose.message')}</label>
        <textarea
          id={`${id}-message`}
          rows={4}
          maxLength={MESSAGE_MAX}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={errors.message ? `${id}-message-error` : undefined}
        />
        {errors.message && <p id={`${id}-message-error`} className="field-error">{errors.message}</p>}
      </div>
      {(other.length > 0 || errors.toCityId || errors.fromCityId) && (
        <div className="form-error" role="alert">
          {[errors.toCityId, errors.fromCityId, ...other].filter(Boolean).map((m) => <p key={m}>{m}</p>)}
        </div>
      )}
      <p className="actions">
        <button type="submit" className="button" disabled={busy}>{t(brokered ? 'twinnings.propose.submitBrokered' : 'twinnings.propose.submit')}</button>
        <button type="button" className="button button-ghost" onClick={onCancel}>{t('twinnings.cancel')}</button>
      </p>
    </form>
  );
}

/**
 * "Propose a twinning" on a match card of `viewed`'s matches: a focal point of either city requests it
 * (from their city to the other), a network manager proposes it (brokered). Hidden for everyone else.
 */
export function ProposeTwinningButton({ viewed, match, suggestedThemes }: { viewed: CityRef; match: CityRef; suggestedThemes: readonly string[] }) {
  const { t } = useTranslation();
  const roles = useMyRoles();
  const mine = useMyTwinnings();
  const [open, setOpen] = useState(false);
  if (!roles.ready) return null;
  let from: CityRef | null = null;
  let to: CityRef | null = null;
  let brokered = false;
  if (roles.focalCityIds.has(viewed.id)) [from, to] = [viewed, match];
  else if (roles.focalCityIds.has(match.id)) [from, to] = [match, viewed];
  else if (roles.managedNetworks.length > 0) [from, to, brokered] = [viewed, match, true];
  if (!from || !to) return null;
  // one open or active twinning per pair: link to it rather than offer a request the server would refuse
  const existing = twinningOfPair(mine, viewed.id, match.id);
  if (existing) {
    return (
      <p className="propose">
        <Link to={`/twinnings/${encodeURIComponent(existing.id)}`}>{t('twinnings.propose.existing', { status: t(`twinnings.status.${existing.status}`) })}</Link>
      </p>
    );
  }
  return (
    <div className="propose">
      <button
        type="button"
        className="button button-ghost"
        aria-expanded={open}
        aria-label={t(brokered ? 'twinnings.propose.openBrokered' : 'twinnings.propose.open', { city: brokered ? match.name : to.name })}
        onClick={() => setOpen((o) => !o)}
      >
        {t(brokered ? 'twinnings.propose.buttonBrokered' : 'twinnings.propose.button')}
      </button>
      {open && <ProposeTwinningForm from={from} to={to} suggestedThemes={suggestedThemes} brokered={brokered} onCancel={() => setOpen(false)} />}
    </div>
  );
}
