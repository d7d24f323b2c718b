import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitySummary } from '../../../server/contract/cities.ts';
import type { NetworkDetail } from '../../../server/contract/networks.ts';
import { useAuth } from '../auth/AuthProvider';
import { FormField } from '../components/FormField';
import { countryName } from '../format';
import { networksApi } from './api';
import { useAction } from './useAction';

export function RemoveCityButton({ networkId, city, onDone }: { networkId: string; city: { id: string; name: string }; onDone: () => void }) {
  const { t } = useTranslation();
  const remove = useAction(() => networksApi.removeCity(networkId, city.id).then(() => true));
  return (
    <>
      {' '}
      <button type="button" className="button button-ghost button-small" disabled={remove.busy}
        aria-label={t('manage.removeCity', { name: city.name })}
        onClick={async () => { if (await remove.act()) onDone(); }}>
        {t('manage.remove')}
      </button>
      {remove.error && <span role="alert" className="field-error">{remove.error.detail}</span>}
    </>
  );
}

/** Find a city by name and add it; cities already in the network are marked, not offered again. */
export function AddCityForm({ networkId, memberIds, onDone }: { networkId: string; memberIds: Set<string>; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CitySummary[] | null>(null);
  const search = useAction((query: string) => networksApi.findCities(query));
  const add = useAction((cityId: string) => networksApi.addCity(networkId, cityId));
  const resultsId = useId();

  const onSearch = async (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    const res = await search.act(q.trim());
    if (res) setFound(res.items);
  };

  return (
    <form className="card manage-form" onSubmit={onSearch} aria-labelledby={`${resultsId}-title`}>
      <h3 id={`${resultsId}-title`}>{t('manage.addCityTitle')}</h3>
      <FormField label={t('manage.cityName')} name="city" type="search" value={q} maxLength={100} required
        onChange={(e) => setQ(e.target.value)} error={search.fieldErrors.q} />
      <button type="submit" className="button" disabled={search.busy}>{t('manage.findCity')}</button>
      {add.error && <p role="alert" className="field-error">{add.error.fieldErrors.cityId ?? add.error.detail}</p>}
      {found && (
        <div aria-live="polite">
          {found.length === 0 ? (
            <p className="muted">{t('manage.noCityFound')}</p>
          ) : (
            <ul className="plain" aria-label={t('manage.cityResults')}>
              {found.map((c) => (
                <li key={c.id}>
                  {c.name} <span className="muted">{countryName(c.country, lang)}{c.region ? `, ${c.region}` : ''}</span>{' '}
                  {memberIds.has(c.id) ? (
                    <span className="muted">({t('manage.alreadyMember')})</span>
                  ) : (
                    <button type="button" className="button button-small" disabled={add.busy}
                      aria-label={t('manage.addCity', { name: c.name })}
                      onClick={async () => { if (await add.act(c.id)) { setFound(null); setQ(''); onDone(); } }}>
                      {t('manage.add')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

/** The network's managers: appoint one by e-mail (they need an account), remove one (one always remains). */
export function ManagersPanel({ detail, onDone }: { detail: NetworkDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [email, setEmail] = useState('');
  const add = useAction((value: string) => networksApi.addManager(detail.network.id, value));
  const remove = useAction((userId: string) => networksApi.removeManager(detail.network.id, userId).then(() => true));
  const managers = detail.managers ?? [];

  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    if (await add.act(email.trim())) {
      setEmail('');
      onDone();
    }
  };

  return (
    <section aria-labelledby="network-managers" className="manage-managers">
      <h2 id="network-managers">{t('manage.managersTitle')}</h2>
      <ul className="plain">
        {managers.map((m) => (
          <li key={m.id}>
            {m.name} <span className="muted">{m.email}</span>
            {detail.canAppointManagers && (
              <>
                {' '}
                <button type="button" className="button button-ghost button-small" disabled={remove.busy}
                  aria-label={t('manage.removeManager', { name: m.name })}
                  onClick={async () => { if (await remove.act(m.id)) onDone(); }}>
                  {m.id === user?.id ? t('manage.leave') : t('manage.remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {remove.error && <p role="alert" className="field-error">{remove.error.detail}</p>}
      {detail.canAppointManagers && (
        <form className="card manage-form" onSubmit={onAdd}>
          <FormField label={t('manage.managerEmail')} name="email" type="email" value={email} maxLength={254} required
            hint={t('manage.managerEmailHint')} onChange={(e) => setEmail(e.target.value)}
            error={add.fieldErrors.email ?? add.fieldErrors.userId ?? (add.error && !add.error.errors?.length ? add.error.detail : undefined)} />
          <button type="submit" className="button" disabled={add.busy}>{t('manage.addManager')}</button>
        </form>
      )}
    </section>
  );
}
