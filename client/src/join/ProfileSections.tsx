import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useAuth } from '../auth/AuthProvider';
import { splitServerErrors, type FieldErrors } from '../auth/validation';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { FormField } from '../components/FormField';
import { countryName } from '../format';
import { LANGUAGES, isSupported, setLanguage } from '../i18n';
import type { Me } from '../../../server/contract/me.ts';
import { joinApi } from './api';
import { createsCities, reviewsRequests } from './permissions';
import './join.css';

const timeZones = (): string[] => {
  const withIntl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  return withIntl.supportedValuesOf?.('timeZone') ?? ['UTC'];
};

/** "My cities" with roles, and the way to the join page, the review page and the new-city form. */
export function MyCities({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (
    <section aria-labelledby="my-cities" className="my-cities">
      <h2 id="my-cities">{t('join.profile.myCities')}</h2>
      {me.cities.length === 0 ? (
        <p className="card join-cta">
          {t('join.profile.noCity')} <Link to="/join" className="button">{t('join.profile.findCity')}</Link>
        </p>
      ) : (
        <ul className="plain">
          {me.cities.map((c) => (
            <li key={c.id}>
              <Link to={`/cities/${encodeURIComponent(c.id)}`}>{c.name}</Link>
              {c.country && <span className="muted small"> {countryName(c.country, lang)}</span>}{' '}
              <span className={`badge role-${c.role}`}>{t(`join.role.${c.role}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="join-links">
        {me.cities.length > 0 && <Link to="/join">{t('join.profile.joinAnother')}</Link>}
        {reviewsRequests(me) && <Link to="/join-requests">{t('join.profile.review')}</Link>}
        {createsCities(me) && <Link to="/cities/new">{t('join.profile.newCity')}</Link>}
      </p>
    </section>
  );
}

/** Name, interface language and time zone (the one the notification digests use). */
export function ProfileForm({ me, onSaved }: { me: Me; onSaved: () => void }) {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(me.user.name);
  const [locale, setLocale] = useState(me.user.locale);
  const [timezone, setTimezone] = useState(me.timezone);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const ids = { locale: useId(), tz: useId() };

  if (!open) {
    return <button type="button" className="button button-ghost" onClick={() => { setOpen(true); setSaved(false); }}>{t('join.profile.edit')}</button>;
  }
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local = await checkForm('profile', { name, locale, timezone }, t);
    if (Object.keys(local).length) return setErrors(local);
    try {
      await joinApi.updateMe({ name: name.trim(), locale: locale as 'en', timezone });
      if (isSupported(locale)) await setLanguage(locale);
      await refresh();
      onSaved();
      setSaved(true);
      setOpen(false);
    } catch (err) {
      if (!(err instanceof ApiError)) return setOther([t('common.error.title')]);
      const split = splitServerErrors(err, ['name', 'locale', 'timezone']);
      setErrors(split.fields);
      setOther(split.other);
    }
  };
  return (
    <form className="form card" onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate aria-labelledby="profile-edit">
      <h2 id="profile-edit">{t('join.profile.edit')}</h2>
      {other.map((m) => <p key={m} className="form-error" role="alert">{m}</p>)}
      <FormField label={t('me.name')} name="name" value={name} required error={errors.name} onChange={(e) => setName(e.target.value)} />
      <div className={`field${errors.locale ? ' field-invalid' : ''}`}>
        <label htmlFor={ids.locale}>{t('join.profile.interface')}</label>
        <select id={ids.locale} value={locale} onChange={(e) => setLocale(e.target.value)}>
          {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.label}</option>)}
        </select>
        {errors.locale && <p className="field-error">{errors.locale}</p>}
      </div>
      <div className={`field${errors.timezone ? ' field-invalid' : ''}`}>
        <label htmlFor={ids.tz}>{t('join.profile.timezone')}</label>
        <p className="field-hint">{t('join.profile.timezoneHint')}</p>
        <select id={ids.tz} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
          {[...new Set(['UTC', me.timezone, ...timeZones()])].map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
        {errors.timezone && <p className="field-error">{errors.timezone}</p>}
      </div>
      <div className="actions">
        <button type="submit" className="button">{t('join.common.save')}</button>
        <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>{t('join.common.cancel')}</button>
      </div>
      {saved && <p role="status">{t('join.common.saved')}</p>}
    </form>
  );
}

/** Current password checked by the server; the other sessions end. */
export function PasswordForm() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);

  if (!open) {
    return (
      <>
        <button type="button" className="button button-ghost" onClick={() => { setOpen(true); setDone(false); }}>{t('join.password.title')}</button>
        {done && <p role="status">{t('join.password.changed')}</p>}
      </>
    );
  }
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local = await checkForm('password', { currentPassword: current, newPassword: next }, t, { 'newPassword.too_short': t('auth.validation.passwordLength') });
    if (Object.keys(local).length) return setErrors(local);
    try {
      await joinApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setErrors({});
      setDone(true);
      setOpen(false);
    } catch (err) {
      if (!(err instanceof ApiError)) return setErrors({ currentPassword: t('common.error.title') });
      const split = splitServerErrors(err, ['currentPassword', 'newPassword']);
      if (split.fields.currentPassword && err.status === 400) split.fields.currentPassword = t('join.password.wrong');
      setErrors(Object.keys(split.fields).length ? split.fields : { currentPassword: err.detail || err.title });
    }
  };
  return (
    <form className="form card" onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate aria-labelledby="password-edit">
      <h2 id="password-edit">{t('join.password.title')}</h2>
      <FormField label={t('join.password.current')} name="currentPassword" type="password" autoComplete="current-password"
        value={current} error={errors.currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <FormField label={t('join.password.new')} name="newPassword" type="password" autoComplete="new-password" hint={t('auth.fields.passwordHint')}
        value={next} error={errors.newPassword} onChange={(e) => setNext(e.target.value)} />
      <div className="actions">
        <button type="submit" className="button">{t('join.password.submit')}</button>
        <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>{t('join.common.cancel')}</button>
      </div>
    </form>
  );
}
