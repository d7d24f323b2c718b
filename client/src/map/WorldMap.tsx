import { geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useMemo, type MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { countryPoint, numericId } from './countries';
import { routeColor } from './palette';
import { routeLine, stageOfCountry, type LonLat, type Stages } from './route-path';
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

const W = 960;
const H = 500;

type Countries = FeatureCollection<Geometry, { name: string }>;
// parsed once per page load: the geometry is in this chunk, fetched only by pages with a map
let countries: Countries | undefined;
const worldCountries = () =>
  (countries ??= feature(world as unknown as Topology, (world as unknown as Topology).objects.countries as GeometryCollection<{ name: string }>) as Countries);

/** The whole world, or zoomed to some points (a route's countries by their points: overseas parts would zoom out too far). */
function projectionFor(points: LonLat[]): GeoProjection {
  const p = geoNaturalEarth1();
  const worldScale = p.fitExtent([[8, 8], [W - 8, H - 8]], { type: 'Sphere' }).scale();
  if (!points.length) return p;
  p.fitExtent([[90, 70], [W - 90, H - 70]], { type: 'MultiPoint', coordinates: points });
  if (p.scale() > worldScale * 5) {
    const c: LonLat = [points.reduce((s, q) => s + q[0], 0) / points.length, points.reduce((s, q) => s + q[1], 0) / points.length];
    p.scale(worldScale * 5).center(c).translate([W / 2, H / 2]);
  }
  return p;
}

/** In-app navigation from an SVG link; modified clicks (new tab…) are left to the browser. */
function useLinkClick() {
  const navigate = useNavigate();
  return (to: string) => (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

/** An offline world map (world-atlas 110m, d3-geo): routes through their stage countries, cities as points; every route and city is a link. */
export default function WorldMap({ label, cities, routes, focus, cityLabel = (c) => c.name, zoomToCities = false }: WorldMapProps) {
  const onLink = useLinkClick();
  const { shapes, lines, points } = useMemo(() => {
    const cityPoints = cities.flatMap((c): LonLat[] => (c.lat !== null && c.lon !== null ? [[c.lon, c.lat]] : []));
    // a route's page shows its countries and its cities; a network's page its cities
    const zoom = focus
      ? [...[...stageOfCountry(focus.stageHints).keys()].map(countryPoint).filter((x): x is LonLat => !!x), ...cityPoints]
      : zoomToCities ? cityPoints : [];
    const projection = projectionFor(zoom);
    const path = geoPath(projection);
    const stageOf = focus ? stageOfCountry(focus.stageHints) : new Map();
    const byId = new Map([...stageOf].map(([code, stage]) => [numericId(code), stage]));
    const shapes = worldCountries().features.map((f: Feature<Geometry, { name: string }>) => ({
      id: String(f.id ?? f.properties.name),
      d: path(f) ?? '',
      stage: byId.get(String(f.id)),
    }));
    const lines = routes.map((r, i) => {
      const coords = routeLine(r.stageHints, countryPoint);
      return { route: r, color: routeColor(i), d: coords.length > 1 ? path({ type: 'LineString', coordinates: coords }) ?? '' : '' };
    }).filter((l) => l.d);
    // stage countries too small for the 110m shapes (Malta…) still show, as a dot in their stage colour
    const drawn = new Set(shapes.filter((s) => s.d).map((s) => s.id));
    const stageDots = [...stageOf].filter(([code]) => !drawn.has(numericId(code) ?? '')).flatMap(([code, stage]) => {
      const xy = countryPoint(code) && projection(countryPoint(code)!);
      return xy ? [{ code, stage, x: xy[0], y: xy[1] }] : [];
    });
    const points = cities.flatMap((c) => {
      const xy = c.lat !== null && c.lon !== null ? projection([c.lon, c.lat]) : null;
      return xy && xy[0] >= 0 && xy[0] <= W && xy[1] >= 0 && xy[1] <= H ? [{ city: c, x: xy[0], y: xy[1] }] : [];
    });
    return { shapes: { list: shapes, dots: stageDots }, lines, points };
  }, [cities, routes, focus, zoomToCities]);

  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <rect className="sea" width={W} height={H} aria-hidden="true" />
        <g className="countries" aria-hidden="true">
          {shapes.list.map((s) => s.d && <path key={s.id} d={s.d} className={s.stage ? `country stage-${s.stage}` : 'country'} />)}
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
