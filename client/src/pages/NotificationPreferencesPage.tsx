import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ApiError } from '../api/http';
import type { NotificationPreferences } from '../../../server/contract/notifications.ts';
import { RequireAuth } from '../components/RequireAuth';
import { ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';

const CADENCES = ['instant', 'daily', 'weekly', 'off'] as const;

function zones(): string[] {
  const withIntl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  return withIntl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

function PreferencesForm() {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const timeZones = useMemo(() => zones(), []);

  useEffect(() => {
    const c = new AbortController();
    api.notificationPreferences(c.signal).then(setPrefs, (e) => !c.signal.aborted && setError(e));
    return () => c.abort();
  }, []);

  if (error) return <ErrorState error={error} />;
  if (!prefs) return <Loading />;
  const types = Object.keys(prefs.types) as (keyof NotificationPreferences['types'])[];
  const toggle = (type: (typeof types)[number], channel: 'inApp' | 'email') => {
    setSaved(false);
    setPrefs({ ...prefs, types: { ...prefs.types, [type]: { ...prefs.types[type], [channel]: !prefs.types[type][channel] } } });
  };

  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          setPrefs(await api.saveNotificationPreferences({ email: prefs.email, timezone: prefs.timezone, types: prefs.types }));
          setSaved(true);
        } catch (err) {
          setError(err as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend>{t('preferences.cadence')}</legend>
        {CADENCES.map((c) => (
          <label key={c} className="radio">
            <input type="radio" name="cadence" value={c} checked={prefs.email === c} onChange={() => { setSaved(false); setPrefs({ ...prefs, email: c }); }} />{' '}
            {t(`preferences.cadences.${c}`)}
          </label>
        ))}
        <p className="muted small">{t('preferences.instantNote')}</p>
      </fieldset>
      <label className="field">
        <span>{t('preferences.timezone')}</span>
        <select name="timezone" value={prefs.timezone} onChange={(e) => { setSaved(false); setPrefs({ ...prefs, timezone: e.target.value }); }}>
          {[...new Set(['UTC', prefs.timezone, ...timeZones])].map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
        <span className="muted small">{t('preferences.timezoneNote')}</span>
      </label>
      <table className="preferences-table">
        <thead>
          <tr>
            <th scope="col">{t('preferences.type')}</th>
            <th scope="col">{t('preferences.inApp')}</th>
            <th scope="col">{t('preferences.email')}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => (
            <tr key={type}>
              <th scope="row">{t(`notifications.typeNames.${type}`)}{prefs.instantTypes.includes(type) ? ` · ${t('preferences.instantBadge')}` : ''}</th>
              <td><input type="checkbox" aria-label={`${t(`notifications.typeNames.${type}`)} — ${t('preferences.inApp')}`} checked={prefs.types[type].inApp} onChange={() => toggle(type, 'inApp')} /></td>
              <td><input type="checkbox" aria-label={`${t(`notifications.typeNames.${type}`)} — ${t('preferences.email')}`} checked={prefs.types[type].email} onChange={() => toggle(type, 'email')} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="button" disabled={busy}>{t('preferences.save')}</button>
      {saved && <p role="status" className="flash">{t('preferences.saved')}</p>}
    </form>
  );
}

export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('preferences.title'), t('app.name'));
  return (
    <RequireAuth>
      <article className="narrow">
        <h1>{t('preferences.title')}</h1>
        <PreferencesForm />
      </article>
    </RequireAuth>
  );
}
