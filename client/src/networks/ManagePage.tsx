import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { FormField } from '../components/FormField';
import { RequireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/Status';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { useDocumentTitle } from '../format';
import { networksApi } from './api';
import { RoutesManager } from './RoutesManager';
import { useAction } from './useAction';

/** "Porto de refugio" → "porto-de-refugio": a slug proposal the manager can change. */
export const slugify = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);

export function ManagePage() {
  return (
    <RequireAuth>
      <Manage />
    </RequireAuth>
  );
}

function Manage() {
  const { t } = useTranslation();
  const [me, reload] = useApi((signal) => networksApi.me(signal), []);
  useDocumentTitle(t('manage.title'), t('app.name'));
  if (me.status === 'loading') return <Loading />;
  if (me.status === 'error') return <ErrorState error={me.error} onRetry={reload} />;
  const { user, managedNetworks } = me.data;
  const allowed = user.isPlatformAdmin || managedNetworks.length > 0;

  return (
    <article className="manage-page">
      <h1>{t('manage.title')}</h1>
      {!allowed ? (
        <Empty>{t('manage.notAllowed')}</Empty>
      ) : (
        <>
          <section aria-labelledby="manage-networks">
            <h2 id="manage-networks">{t('manage.yourNetworks')}</h2>
            {managedNetworks.length ? (
              <ul className="plain">
                {managedNetworks.map((n) => (
                  <li key={n.id}>
                    <Link to={`/networks/${encodeURIComponent(n.slug)}`}>{n.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('manage.noNetworks')}</p>
            )}
            <CreateNetworkForm />
          </section>
          <RoutesManager />
        </>
      )}
    </article>
  );
}

function CreateNetworkForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [country, setCountry] = useState('');
  const create = useAction(networksApi.create);
  const errors = create.fieldErrors;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: name.trim(), slug, ...(description.trim() ? { description: description.trim() } : {}), ...(country.trim() ? { country: country.trim().toUpperCase() } : {}),
    };
    const local = await checkForm('network', body, t, { slug: t('manage.slugHint'), country: t('manage.countryHint') });
    if (Object.keys(local).length) return create.invalid(local);
    const created = await create.act(body);
    if (created) navigate(`/networks/${encodeURIComponent(created.slug)}`, { state: { flash: 'manage.networkCreated' } });
  };

  return (
    <form className="card manage-form" onSubmit={onSubmit} onFocus={prefetchFormChecks} aria-labelledby="create-network-title" noValidate>
      <h3 id="create-network-title">{t('manage.createNetwork')}</h3>
      <FormField label={t('manage.networkName')} name="name" value={name} maxLength={160} required error={errors.name}
        onChange={(e) => { setName(e.target.value); if (!slugEdited) setSlug(slugify(e.target.value)); }} />
      <FormField label={t('manage.slug')} name="slug" value={slug} maxLength={80} required hint={t('manage.slugHint')} error={errors.slug}
        onChange={(e) => { setSlug(e.target.value); setSlugEdited(true); }} />
      <FormField label={t('manage.description')} name="description" value={description} maxLength={2000} error={errors.description}
        onChange={(e) => setDescription(e.target.value)} />
      <FormField label={t('manage.country')} name="country" value={country} maxLength={2} hint={t('manage.countryHint')} error={errors.country}
        onChange={(e) => setCountry(e.target.value)} />
      {create.error && !create.error.errors?.length && <p role="alert" className="field-error">{create.error.detail}</p>}
      <button type="submit" className="button" disabled={create.busy}>{t('manage.create')}</button>
    </form>
  );
}
