import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteDetail } from '../../../server/contract/migration-routes.ts';
import { countryName } from '../format';
import { MapView } from './MapView';
import './map-page.css';
import { STAGE_ORDER } from './route-path';
import { STAGE_COLORS } from './palette';

/** A route's own map: its stage countries coloured by stage, its line and its cities; the countries also as a list. */
export function RouteMap({ detail }: { detail: RouteDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const route = { ...detail.route, stageHints: detail.route.stageHints ?? {} };
  const cities = STAGE_ORDER.flatMap((s) => detail.stages[s] ?? []).filter((c, i, all) => all.findIndex((d) => d.id === c.id) === i);
  return (
    <section aria-labelledby="route-map-title" className="route-map">
      <h2 id="route-map-title">{t('map.routeTitle')}</h2>
      <MapView
        label={t('map.routeLabel', { name: route.name })}
        cities={cities}
        routes={[route]}
        focus={route}
        cityLabel={(c) => t('map.cityLink', { name: c.name })}
      />
      <ul className="map-legend" aria-label={t('map.stageCountries')}>
        {STAGE_ORDER.map((s) => (
          <li key={s} style={{ '--swatch': STAGE_COLORS[s] } as CSSProperties}>
            <strong>{t(`route.stage.${s}`)}</strong>:{' '}
            {(route.stageHints[s] ?? []).length
              ? (route.stageHints[s] ?? []).map((c) => countryName(c, lang)).join(', ')
              : <span className="muted">{t('map.noStageCountries')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
