import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CityDetail } from '../../../server/contract/cities.ts';
import { cityAbilities } from './permissions';
import { useMe } from './useMe';

/** On a city's page: "Manage this city" for those who may, "Ask to join" for signed-in non-members. */
export function CityManageLinks({ city }: { city: CityDetail }) {
  const { t } = useTranslation();
  const [me] = useMe();
  if (!me) return null;
  const can = cityAbilities(me, city);
  return (
    <p className="city-actions">
      {can.manage && <Link className="button" to={`/cities/${encodeURIComponent(city.id)}/edit`}>{t('join.city.manage')}</Link>}
      {can.canAsk && <Link className="button button-ghost" to={`/join?city=${encodeURIComponent(city.id)}`}>{t('join.city.askToJoin')}</Link>}
    </p>
  );
}
