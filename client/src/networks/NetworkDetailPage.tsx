import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { Empty, ErrorState, Loading } from '../components/Status';
import { countryName, useDocumentTitle } from '../format';
import { MapView } from '../map/MapView';
import { PracticesPage } from '../pages/PracticesPage';
import { networksApi } from './api';
import { AddCityForm, ManagersPanel, RemoveCityButton } from './NetworkManagement';

/** A network: its member cities (on a map and in a list), its managers for those who manage it, and its library. */
export function NetworkDetailPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => networksApi.detail(slug, signal), [slug]);
  useDocumentTitle(state.status === 'success' ? state.data.network.name : t('networks.title'), t('app.name'));

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const { network, cities, canManage } = state.data;
  const located = cities.filter((c) => c.lat !== null && c.lon !== null);

  return (
    <article className="network-page">
      <p className="breadcrumb">
        <Link to="/networks">← {t('networks.back')}</Link>
      </p>
      <h1>{network.name}</h1>
      {network.description && <p className="lead">{network.description}</p>}

      <section aria-labelledby="network-cities">
        <h2 id="network-cities">{t('networks.members', { count: cities.length })}</h2>
        {located.length > 0 && (
          <MapView label={t('networks.mapLabel', { name: network.name, count: located.length })} cities={located} routes={[]} zoomToCities cityLabel={(c) => t('map.cityLink', { name: c.name })} />
        )}
        {cities.length ? (
          <ul className="plain member-cities">
            {cities.map((c) => (
              <li key={c.id}>
                <Link to={`/cities/${encodeURIComponent(c.id)}`}>{c.name}</Link> <span className="muted">{countryName(c.country, lang)}</span>
                {canManage && <RemoveCityButton networkId={network.id} city={c} onDone={reload} />}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('networks.noMembers')}</Empty>
        )}
        {canManage && <AddCityForm networkId={network.id} memberIds={new Set(cities.map((c) => c.id))} onDone={reload} />}
      </section>

      {canManage && <ManagersPanel detail={state.data} onDone={reload} />}

      <section className="network-library">
        <PracticesPage network={network.slug} heading={t('networks.library', { name: network.name })} />
      </section>
    </article>
  );
}
