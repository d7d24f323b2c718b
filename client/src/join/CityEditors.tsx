import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/http';
import { useApi } from '../api/useApi';
import { FormField } from '../components/FormField';
import { ErrorState, Loading } from '../components/Status';
import type { CityDetail, CityMember } from '../../../server/contract/cities.ts';
import type { MemberRole, RouteRole, Stance } from '../../../server/contract/common.ts';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { joinApi } from './api';
import { errorsByField, MEMBER_ROLES, ROUTE_ROLES, STANCES, type Edits } from './forms';

type Saved = (city: CityDetail) => void;

function useSave(onSaved: Saved) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (fn: () => Promise<CityDetail>) => {
    setBusy(true);
    setMessage(null);
    try {
      const city = await fn();
      setFieldErrors({});
      setMessage({ ok: true, text: t('join.common.saved') });
      onSaved(city);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setFieldErrors(e ? errorsByField(e) : {});
      setMessage({ ok: false, text: e ? (e.status === 403 ? t('common.error.forbidden') : e.detail || e.title) : t('common.error.title') });
    } finally {
      setBusy(false);
    }
  };
  /** Problems found before sending (the contract's schema): shown like the server's. */
  const invalid = (errors: Record<string, string>) => {
    setFieldErrors(errors);
    setMessage({ ok: false, text: t('auth.validation.summary') });
  };
  return { busy, fieldErrors, message, run, invalid };
}

function SaveStatus({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return <p className={message.ok ? 'save-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>;
}

/** The profile fields: name, region, population, coordinates, languages (ISO 639-1, comma-separated). */
export function CityProfileEditor({ city, lang, onSaved }: { city: CityDetail; lang: string; onSaved: Saved }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    name: city.name, region: city.region ?? '', population: city.population?.toString() ?? '',
    lat: city.lat?.toString() ?? '', lon: city.lon?.toString() ?? '', languages: city.languages.join(', '),
  });
  const { busy, fieldErrors, message, run, invalid } = useSave(onSaved);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Edits = {
      name: v.name.trim(), region: v.region.trim() || null, population: num(v.population), lat: num(v.lat), lon: num(v.lon),
      languages: v.languages.split(/[\s,]+/).filter(Boolean).map((l) => l.toLowerCase()),
    };
    const local = await checkForm('cityProfile', body, t, { languages: t('join.city.languagesHint') });
    if (Object.keys(local).length) return invalid(local);
    void run(() => joinApi.updateCity(city.id, body, lang));
  };
  return (
    <form className="form card" onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate aria-labelledby="edit-profile">
      <h2 id="edit-profile">{t('join.city.profile')}</h2>
      <FormField label={t('join.city.name')} name="name" value={v.name} onChange={set('name')} error={fieldErrors.name} required />
      <FormField label={t('city.region')} name="region" value={v.region} onChange={set('region')} error={fieldErrors.region} />
      <FormField label={t('city.population')} name="population" inputMode="numeric" value={v.population} onChange={set('population')} error={fieldErrors.population} />
      <div className="field-row">
        <FormField label={t('join.city.lat')} name="lat" inputMode="decimal" value={v.lat} onChange={set('lat')} error={fieldErrors.lat} />
        <FormField label={t('join.city.lon')} name="lon" inputMode="decimal" value={v.lon} onChange={set('lon')} error={fieldErrors.lon} />
      </div>
      <FormField label={t('city.languages')} name="languages" hint={t('join.city.languagesHint')} value={v.languages} onChange={set('languages')} error={fieldErrors.languages} />
      <SaveStatus message={message} />
      <button type="submit" className="button" disabled={busy}>{t('join.common.save')}</button>
    </form>
  );
}

/** Priorities grouped by the Charter's principles, each with a stance (or none). */
export function PrioritiesEditor({ city, lang, onSaved }: { city: CityDetail; lang: string; onSaved: Saved }) {
  const { t } = useTranslation();
  const [taxonomy, reload] = useApi((signal) => api.taxonomy(lang, signal), [lang]);
  const [stances, setStances] = useState<Record<string, Stance | ''>>(() => Object.fromEntries(city.priorities.map((p) => [p.code, p.stance])));
  const { busy, message, run } = useSave(onSaved);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const priorities = Object.entries(stances).filter((e): e is [string, Stance] => !!e[1]).map(([code, stance]) => ({ code, stance }));
    void run(() => joinApi.setPriorities(city.id, priorities, lang));
  };
  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby="edit-priorities">
      <h2 id="edit-priorities">{t('city.priorities')}</h2>
      <p className="muted">{t('join.city.prioritiesIntro')}</p>
      {taxonomy.status === 'loading' && <Loading />}
      {taxonomy.status === 'error' && <ErrorState error={taxonomy.error} onRetry={reload} />}
      {taxonomy.status === 'success' && taxonomy.data.principles.map((principle) => (
        <fieldset key={principle.slug} className="principle-group">
          <legend>{principle.label}</legend>
          {principle.priorities.map((p) => (
            <label key={p.code} className="stance-row">
              <span><span className="code">{p.code}</span> {p.label}</span>
              <select aria-label={`${p.code} ${p.label}`} value={stances[p.code] ?? ''} onChange={(e) => setStances({ ...stances, [p.code]: e.target.value as Stance | '' })}>
                <option value="">{t('join.city.noStance')}</option>
                {STANCES.map((s) => <option key={s} value={s}>{t(`city.stance.${s}`)}</option>)}
              </select>
            </label>
          ))}
        </fieldset>
      ))}
      <SaveStatus message={message} />
      <button type="submit" className="button" disabled={busy || taxonomy.status !== 'success'}>{t('join.city.savePriorities')}</button>
    </form>
  );
}

/** Roles on migration routes: any number of routes, and several roles on one. */
export function RoutesEditor({ city, lang, onSaved }: { city: CityDetail; lang: string; onSaved: Saved }) {
  const { t } = useTranslation();
  const [routes, reload] = useApi((signal) => api.routes(lang, signal), [lang]);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(city.routes.map((r) => `${r.slug}|${r.role}`)));
  const { busy, message, run } = useSave(onSaved);
  const toggle = (key: string) => {
    const next = new Set(picked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setPicked(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = [...picked].map((k) => { const [route, role] = k.split('|'); return { route, role: role as RouteRole }; });
    void run(() => joinApi.setRoutes(city.id, body, lang));
  };
  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby="edit-routes">
      <h2 id="edit-routes">{t('city.routes')}</h2>
      {routes.status === 'loading' && <Loading />}
      {routes.status === 'error' && <ErrorState error={routes.error} onRetry={reload} />}
      {routes.status === 'success' && (
        <table className="route-roles">
          <thead>
            <tr><th scope="col">{t('join.city.route')}</th>{ROUTE_ROLES.map((r) => <th key={r} scope="col">{t(`city.role.${r}`)}</th>)}</tr>
          </thead>
          <tbody>
            {routes.data.items.map((r) => (
              <tr key={r.slug}>
                <th scope="row">{r.name}</th>
                {ROUTE_ROLES.map((role) => (
                  <td key={role}>
                    <input type="checkbox" aria-label={`${r.name}: ${t(`city.role.${role}`)}`} checked={picked.has(`${r.slug}|${role}`)} onChange={() => toggle(`${r.slug}|${role}`)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SaveStatus message={message} />
      <button type="submit" className="button" disabled={busy || routes.status !== 'success'}>{t('join.city.saveRoutes')}</button>
    </form>
  );
}

/** Members with roles: change a role, remove, add an existing user by e-mail. */
export function MembersEditor({ cityId }: { cityId: string }) {
  const { t } = useTranslation();
  const [members, reload] = useApi((signal) => joinApi.members(cityId, signal), [cityId]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('practitioner');
  const [error, setError] = useState<string | null>(null);
  const roleId = useId();
  const attempt = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      reload();
      return true;
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setError(e?.status === 409 ? t('join.members.lastFocal') : e?.fieldErrors.email ? t('join.members.noAccount') : e ? e.detail || e.title : t('common.error.title'));
      return false;
    }
  };
  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    const local = await checkForm('member', { email, role }, t);
    if (local.email || local.role) return setError(local.email ?? local.role ?? null);
    if (await attempt(() => joinApi.addMember(cityId, email, role))) setEmail('');
  };
  const row = (m: CityMember) => (
    <tr key={m.userId}>
      <th scope="row">{m.name} {m.email && <span className="muted small">{m.email}</span>}</th>
      <td>
        <select aria-label={t('join.members.roleOf', { name: m.name })} value={m.role} onChange={(e) => void attempt(() => joinApi.setMemberRole(cityId, m.userId, e.target.value as MemberRole))}>
          {MEMBER_ROLES.map((r) => <option key={r} value={r}>{t(`join.role.${r}`)}</option>)}
        </select>
      </td>
      <td>
        <button type="button" className="button button-ghost" onClick={() => { if (window.confirm(t('join.members.confirmRemove', { name: m.name }))) void attempt(() => joinApi.removeMember(cityId, m.userId)); }}>
          {t('join.members.remove')}
        </button>
      </td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby="edit-members">
      <h2 id="edit-members">{t('join.members.title')}</h2>
      {members.status === 'loading' && <Loading />}
      {members.status === 'error' && <ErrorState error={members.error} onRetry={reload} />}
      {members.status === 'success' && (
        <table className="members">
          <thead><tr><th scope="col">{t('join.members.name')}</th><th scope="col">{t('join.members.role')}</th><th scope="col"><span className="visually-hidden">{t('join.members.remove')}</span></th></tr></thead>
          <tbody>{members.data.items.map(row)}</tbody>
        </table>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <form className="form add-member" onSubmit={onAdd} onFocus={prefetchFormChecks} noValidate>
        <FormField label={t('join.members.email')} name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <div className="field">
          <label htmlFor={roleId}>{t('join.members.role')}</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
            {MEMBER_ROLES.map((r) => <option key={r} value={r}>{t(`join.role.${r}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="button" disabled={!email.trim()}>{t('join.members.add')}</button>
      </form>
    </section>
  );
}
