import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useApi } from '../api/useApi';
import { FormField } from '../components/FormField';
import { RequireAuth } from '../components/RequireAuth';
import { Empty, Loading } from '../components/Status';
import { countryName, formatNumber, useDocumentTitle } from '../format';
import type { Place } from '../../../server/contract/places.ts';
import { joinApi } from './api';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { errorsByField } from './forms';
import { createsCities } from './permissions';
import { useMe } from './useMe';
import './join.css';

type Form = { name: string; country: string; region: string; population: string; lat: string; lon: string; languages: string; geonameId: number | null };
const EMPTY: Form = { name: '', country: '', region: '', population: '', lat: '', lon: '', languages: '', geonameId: null };

/** What a gazetteer pick fills in (GeoNames has no region names: the region stays as typed). */
export function formFromPlace(p: Place, current: Form): Form {
  return {
    ...current, name: p.name, country: p.country, region: p.region ?? current.region,
    population: String(p.population), lat: String(p.lat), lon: String(p.lon), geonameId: p.geonameId,
  };
}

/** Look a place up in GeoNames (typo-tolerant), pick it, check the filled fields, create the city. */
function NewCity() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const navigate = useNavigate();
  const [me, , meLoading] = useMe();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [v, setV] = useState<Form>(EMPTY);
  const [networkIds, setNetworkIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const searchId = useId();

  useEffect(() => {
    const h = setTimeout(() => setDebounced(q), 200);
    return () => clearTimeout(h);
  }, [q]);
  const [places] = useApi((signal) => (debounced.trim() ? joinApi.places(debounced, undefined, signal) : Promise.resolve(null)), [debounced]);
  useEffect(() => {
    if (me && me.managedNetworks.length === 1) setNetworkIds([me.managedNetworks[0].id]);
  }, [me]);

  if (meLoading) return <Loading />;
  if (!createsCities(me)) return <p className="error-state" role="alert">{t('join.newCity.notAllowed')}</p>;

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const languages = v.languages.split(/[\s,]+/).filter(Boolean).map((l) => l.toLowerCase());
    const body = {
      name: v.name.trim(), country: v.country.trim().toUpperCase(), ...(v.region.trim() ? { region: v.region.trim() } : {}),
      population: num(v.population), lat: num(v.lat), lon: num(v.lon), languages, networkIds,
    };
    const local = await checkForm('newCity', body, t, { country: t('join.newCity.countryHint'), languages: t('join.city.languagesHint') });
    if (Object.keys(local).length) return setErrors(local);
    try {
      const city = await joinApi.createCity(body, lang);
      navigate(`/cities/${encodeURIComponent(city.id)}/edit`);
    } catch (err) {
      if (!(err instanceof ApiError)) return setFormError(t('common.error.title'));
      setErrors(errorsByField(err));
      setFormError(err.status === 409 ? t('join.newCity.exists') : err.status === 403 ? t('common.error.forbidden') : err.detail || err.title);
    }
  };

  return (
    <article className="narrow join-page">
      <h1>{t('join.newCity.title')}</h1>
      <p className="lead">{t('join.newCity.intro')}</p>
      <div className="field">
        <label htmlFor={searchId}>{t('join.newCity.lookup')}</label>
        <input id={searchId} type="search" autoComplete="off" value={q} placeholder={t('join.newCity.lookupPlaceholder')} onChange={(e) => setQ(e.target.value)} />
      </div>
      {places.status === 'loading' && debounced && <Loading />}
      {places.status === 'success' && places.data && (places.data.items.length === 0 ? <Empty>{t('join.newCity.noPlace')}</Empty> : (
        <ul className="pick-list" aria-label={t('join.newCity.places')}>
          {places.data.items.map((p) => (
            <li key={p.geonameId}>
              <button type="button" className={`pick${v.geonameId === p.geonameId ? ' picked' : ''}`} aria-pressed={v.geonameId === p.geonameId} onClick={() => setV(formFromPlace(p, v))}>
                {p.name} <span className="muted small">{countryName(p.country, lang)} · {t('join.newCity.inhabitants', { n: formatNumber(p.population, lang) })}</span>
              </button>
            </li>
          ))}
        </ul>
      ))}
      <form className="form card" onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate>
        {formError && <p className="form-error" role="alert">{formError}</p>}
        <FormField label={t('join.city.name')} name="name" required value={v.name} onChange={set('name')} error={errors.name} />
        <FormField label={t('city.country')} name="country" hint={t('join.newCity.countryHint')} value={v.country} onChange={set('country')} error={errors.country} />
        <FormField label={t('city.region')} name="region" hint={t('join.newCity.regionHint')} value={v.region} onChange={set('region')} error={errors.region} />
        <FormField label={t('city.population')} name="population" inputMode="numeric" value={v.population} onChange={set('population')} error={errors.population} />
        <div className="field-row">
          <FormField label={t('join.city.lat')} name="lat" inputMode="decimal" value={v.lat} onChange={set('lat')} error={errors.lat} />
          <FormField label={t('join.city.lon')} name="lon" inputMode="decimal" value={v.lon} onChange={set('lon')} error={errors.lon} />
        </div>
        <FormField label={t('city.languages')} name="languages" hint={t('join.city.languagesHint')} value={v.languages} onChange={set('languages')} error={errors.languages} />
        {me && me.managedNetworks.length > 0 && (
          <fieldset className={errors.networkIds ? 'field-invalid' : undefined}>
            <legend>{t('join.newCity.networks')}</legend>
            {me.managedNetworks.map((n) => (
              <label key={n.id} className="check">
                <input type="checkbox" checked={networkIds.includes(n.id)}
                  onChange={(e) => setNetworkIds(e.target.checked ? [...networkIds, n.id] : networkIds.filter((x) => x !== n.id))} /> {n.name}
              </label>
            ))}
            {errors.networkIds && <p className="field-error">{errors.networkIds}</p>}
          </fieldset>
        )}
        <button type="submit" className="button">{t('join.newCity.submit')}</button>
      </form>
    </article>
  );
}

export function NewCityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('join.newCity.title'), t('app.name'));
  return (
    <RequireAuth>
      <NewCity />
    </RequireAuth>
  );
}
