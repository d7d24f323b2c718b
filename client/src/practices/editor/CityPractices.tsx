import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { startEarly, takeEarly } from '../../api/early';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { Empty, ErrorState, Loading } from '../../components/Status';
import { practicesApi } from './api';

const key = (cityId: string) => `practices:${cityId}`;

/** Starts what <CityPractices> will ask for first (api/early.ts): the city's page does, while the city loads. */
export function startCityPractices(cityId: string) {
  startEarly(key(cityId), () => practicesApi.list({ cityId, limit: 50 }));
}

/** A city's practices on its page: the published ones, and for its members also those in the works. */
export function CityPractices({ cityId }: { cityId: string }) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const [state, reload] = useApi((signal) => takeEarly(key(cityId), () => practicesApi.list({ cityId, limit: 50 }, signal)), [cityId, status]);
  const [me] = useApi(async (signal) => (status === 'authenticated' ? practicesApi.me(signal) : null), [status]);
  const member = me.status === 'success' && !!me.data?.cities?.some((c) => c.id === cityId);
  return (
    <section aria-labelledby="city-practices" className="city-practices">
      <h2 id="city-practices">{t('practicesUi.city.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && state.data.items.length === 0 && <Empty>{t('practicesUi.city.empty')}</Empty>}
      {state.status === 'success' && state.data.items.length > 0 && (
        <ul className="plain practice-rows">
          {state.data.items.map((p) => (
            <li key={p.id} className="card practice-row">
              <h3><Link to={`/practices/${p.id}`}>{p.title}</Link></h3>
              {p.status !== 'published' && <span className="badge" data-status={p.status}>{t(`practice.statuses.${p.status}`, { defaultValue: p.status })}</span>}
              <p>{p.summary}</p>
            </li>
          ))}
        </ul>
      )}
      {member && <p><Link to="/practices/new" className="button button-ghost">{t('practicesUi.mine.write')}</Link></p>}
    </section>
  );
}
