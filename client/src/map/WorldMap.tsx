import { useMemo, type MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { countryPoint, numericId } from './countries';
import { routeColor } from './palette';
import { fitPoints, linePath, project, transformFrom, type Projection } from './projection';
import { routeLine, stageOfCountry, type LonLat, type Stages } from './route-path';
import world from './world-paths.json';
import './map.css';

export type MapCity = { id: string; name: string; lat: number | null; lon: number | null };
export type MapRoute = { slug: string; name: string; stageHints: Stages };

export type WorldMapProps = {
  /** What the map shows, for screen readers (the lists next to it say the same in words). */
  label: string;
  cities: MapCity[];
  routes: MapRoute[];
  /** Colour the stage countries of this route and zoom to them (the route's own page). */
  focus?: MapRoute;
  cityLabel?: (c: MapCity) => string;
  /** Zoom to the cities (a network's page) rather than show the whole world. */
  zoomToCities?: boolean;
};

const W = world.width;
const H = world.height;
/** The projection the countries were drawn with (scripts/gen-world-paths.mjs). */
const WORLD: Projection = { k: world.scale, tx: world.translate[0], ty: world.translate[1] };
const COUNTRIES = world.countries as [id: string, d: string][];
const DRAWN = new Set(COUNTRIES.map(([id]) => id));

/** In-app navigation from an SVG link; modified clicks (new tab…) are left to the browser. */
function useLinkClick() {
  const navigate = useNavigate();
  return (to: string) => (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

/** An offline world map (world-atlas 110m, projected at build time): routes through their stage countries, cities as points; every route and city is a link. */
export default function WorldMap({ label, cities, routes, focus, cityLabel = (c) => c.name, zoomToCities = false }: WorldMapProps) {
  const onLink = useLinkClick();
  const { zoom, shapes, lines, points } = useMemo(() => {
    const cityPoints = cities.flatMap((c): LonLat[] => (c.lat !== null && c.lon !== null ? [[c.lon, c.lat]] : []));
    // a route's page shows its countries and its cities; a network's page its cities
    const zoomTo = focus
      ? [...[...stageOfCountry(focus.stageHints).keys()].map(countryPoint).filter((x): x is LonLat => !!x), ...cityPoints]
      : zoomToCities ? cityPoints : [];
    const projection = fitPoints(WORLD, zoomTo, { width: W, height: H, pad: [90, 70] });
    const stageOf = focus ? stageOfCountry(focus.stageHints) : new Map();
    const byId = new Map([...stageOf].map(([code, stage]) => [numericId(code), stage]));
    const shapes = COUNTRIES.map(([id, d]) => ({ id, d, stage: byId.get(id) }));
    const lines = routes.map((r, i) => ({ route: r, color: routeColor(i), d: linePath(projection, routeLine(r.stageHints, countryPoint)) })).filter((l) => l.d);
    // stage countries too small for the 110m shapes (Malta…) still show, as a dot in their stage colour
    const stageDots = [...stageOf].filter(([code]) => !DRAWN.has(numericId(code) ?? '')).flatMap(([code, stage]) => {
      const point = countryPoint(code);
      const xy = point && project(projection, point);
      return xy ? [{ code, stage, x: xy[0], y: xy[1] }] : [];
    });
    const points = cities.flatMap((c) => {
      const xy = c.lat !== null && c.lon !== null ? project(projection, [c.lon, c.lat]) : null;
      return xy && xy[0] >= 0 && xy[0] <= W && xy[1] >= 0 && xy[1] <= H ? [{ city: c, x: xy[0], y: xy[1] }] : [];
    });
    return { zoom: projection === WORLD ? undefined : transformFrom(WORLD, projection), shapes: { list: shapes, dots: stageDots }, lines, points };
  }, [cities, routes, focus, zoomToCities]);

  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <rect className="sea" width={W} height={H} aria-hidden="true" />
        <g className="countries" aria-hidden="true">
          <g transform={zoom}>
            {shapes.list.map((s) => <path key={s.id} d={s.d} className={s.stage ? `country stage-${s.stage}` : 'country'} />)}
          </g>
          {shapes.dots.map((d) => <circle key={d.code} cx={d.x} cy={d.y} r={5} className={`country stage-${d.stage}`} />)}
        </g>
        <g className="routes">
          {lines.map(({ route, color, d }) => (
            <a key={route.slug} href={`/routes/${encodeURIComponent(route.slug)}`} aria-label={route.name} className="route-link" data-route={route.slug} onClick={onLink(`/routes/${encodeURIComponent(route.slug)}`)}>
              <title>{route.name}</title>
              <path d={d} className="route-hit" />
              <path d={d} className="route-line" stroke={color} />
            </a>
          ))}
        </g>
        <g className="cities">
          {points.map(({ city, x, y }) => (
            <a key={city.id} href={`/cities/${encodeURIComponent(city.id)}`} aria-label={cityLabel(city)} className="city-link" data-city={city.id} onClick={onLink(`/cities/${encodeURIComponent(city.id)}`)}>
              <title>{cityLabel(city)}</title>
              <circle cx={x} cy={y} r={9} className="city-hit" />
              <circle cx={x} cy={y} r={3.5} className="city-dot" />
            </a>
          ))}
        </g>
      </svg>
    </figure>
  );
}
