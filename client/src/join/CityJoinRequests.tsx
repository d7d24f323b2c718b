import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { Empty, ErrorState, Loading } from '../components/Status';
import { joinApi } from './api';
import { RequestCard } from './JoinRequestsPage';

/** The city's pending join requests, decided in place (its focal points and its networks' managers). */
export function CityJoinRequests({ cityId, onDecided }: { cityId: string; onDecided?: () => void }) {
  const { t } = useTranslation();
  const [state, reload] = useApi((signal) => joinApi.cityRequests(cityId, signal), [cityId]);
  return (
    <section className="card" aria-labelledby="city-requests">
      <h2 id="city-requests">{t('join.review.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (state.data.items.length === 0 ? <Empty>{t('join.review.empty')}</Empty> : (
        <ul className="plain join-requests">
          {state.data.items.map((r) => <RequestCard key={r.id} request={r} onDone={() => { reload(); onDecided?.(); }} />)}
        </ul>
      ))}
    </section>
  );
}
