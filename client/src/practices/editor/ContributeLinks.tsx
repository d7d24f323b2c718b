import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../auth/AuthProvider';
import { practicesApi } from './api';

/** Where a signed-in user contributes from: writing, their practices, and for managers the review queue and imports. */
export function ContributeLinks() {
  const { t } = useTranslation();
  const { status } = useAuth();
  // anonymous visitors never ask (a 401 in the console of every visit helps nobody)
  const [me] = useApi(async (signal) => (status === 'authenticated' ? practicesApi.me(signal) : null), [status]);
  if (me.status !== 'success' || !me.data) return null;
  const cities = me.data.cities ?? [];
  const managedNetworks = me.data.managedNetworks ?? [];
  const isAdmin = !!me.data.user?.isPlatformAdmin;
  return (
    <section aria-labelledby="contribute-heading" className="contribute">
      <h2 id="contribute-heading">{t('practicesUi.contribute.title')}</h2>
      <ul className="plain contribute-links">
        {cities.length > 0 && <li><Link to="/practices/new">{t('practicesUi.mine.write')}</Link></li>}
        <li><Link to="/me/practices">{t('practicesUi.mine.title')}</Link></li>
        {(managedNetworks.length > 0 || isAdmin) && <li><Link to="/review">{t('practicesUi.review.title')}</Link></li>}
        {managedNetworks.map((n) => (
          <li key={n.id}><Link to={`/networks/${n.id}/import`}>{t('practicesUi.contribute.import', { network: n.name })}</Link></li>
        ))}
      </ul>
    </section>
  );
}
