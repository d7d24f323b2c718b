// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { countryPoint } from '../../../client/src/map/countries';
import { routeLine, stageOfCountry } from '../../../client/src/map/route-path';
import { act } from 'react';
import { byText, json, mockFetch, problem, renderApp, waitFor, useCleanClientState } from './harness';

const route = (slug: string, name: string, stageHints: Record<string, string[]>) => ({
  id: slug, slug, name, description: null, sourcedFrom: null, stageHints, names: { en: name }, descriptions: {}, cityCount: 0,
});

describe('route lines', () => {
  it('goes origin → transit → destination through every known stage country, once each', () => {
    const line = routeLine({ origin: ['ET', 'SO', 'DJ'], transit: ['YE'], destination: ['SA'] }, countryPoint);
    expect(line).toHaveLength(5);
    expect(line.slice(0, 3)).toEqual(expect.arrayContaining([countryPoint('ET'), countryPoint('SO'), countryPoint('DJ')]));
    expect(line[3]).toEqual(countryPoint('YE'));
    expect(line[4]).toEqual(countryPoint('SA'));
  });

  it('starts a stage with the country farthest from where the route goes next, then the nearest each time', () => {
    const pts: Record<string, [number, number]> = { A: [0, 0], B: [5, 0], C: [10, 0], D: [20, 0] };
    expect(routeLine({ transit: ['B', 'A', 'C'], destination: ['D'] }, (c) => pts[c])).toEqual([[0, 0], [5, 0], [10, 0], [20, 0]]);
  });

  it('skips unknown countries and empty stages, and keeps a country on two stages at the later one', () => {
    expect(routeLine({ origin: [], transit: ['CO', 'ZZ', 'PA'], destination: [] }, countryPoint)).toEqual([countryPoint('CO'), countryPoint('PA')]);
    expect(routeLine({}, countryPoint)).toEqual([]);
    expect(stageOfCountry({ transit: ['GR'], destination: ['GR', 'IT'] })).toEqual(new Map([['GR', 'destination'], ['IT', 'destination']]));
  });

  it('has a point for small countries the 110m shapes leave out', () => {
    expect(countryPoint('MT')).toEqual([14.58, 35.83]);
    expect(countryPoint('XX')).toBeUndefined();
  });
});

/** The map chunk parses the world geometry: on a busy machine that takes a while. */
const SLOW = 10_000;

describe('the home map', () => {
  useCleanClientState();

  it('draws every route and city as a labelled link, and a route click opens the route page', { timeout: 30_000 }, async () => {
    mockFetch({
      'GET /api/me': () => problem(401, 'Unauthorized'),
      'GET /api/routes': () => json(200, { items: [route('central-mediterranean', 'Central Mediterranean', { origin: [], transit: ['LY', 'TN'], destination: ['IT', 'MT'] })] }),
      'GET /api/cities': () => json(200, { items: [{ id: 'c1', name: 'Palermo', kind: 'city', country: 'IT', region: null, population: null, lat: 38.1, lon: 13.4, languages: ['it'] }], nextCursor: null }),
      'GET /api/routes/central-mediterranean': () => json(200, {
        route: route('central-mediterranean', 'Central Mediterranean', { origin: [], transit: ['LY', 'TN'], destination: ['IT', 'MT'] }),
        stages: { origin: [], transit: [], destination: [{ id: 'c1', name: 'Palermo', country: 'IT', lat: 38.1, lon: 13.4 }] },
      }),
    });
    const { container } = await renderApp('/');
    const link = await waitFor(() => container.querySelector('svg a[data-route="central-mediterranean"]'), SLOW);
    expect(link!.getAttribute('aria-label')).toBe('Central Mediterranean');
    expect(link!.getAttribute('href')).toBe('/routes/central-mediterranean');
    expect(container.querySelector('svg a[data-city="c1"]')!.getAttribute('aria-label')).toBe('City: Palermo');
    // the list alternative names the same route and city
    expect(container.querySelector('.map-legend a[href="/routes/central-mediterranean"]')).not.toBeNull();
    expect(container.querySelector('.map-lists a[href="/cities/c1"]')).not.toBeNull();

    // an SVG link: not an HTMLElement, so a plain left-button click event
    await act(async () => {
      link!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    });
    await waitFor(() => byText(container, 'Central Mediterranean', 'h1'), SLOW);
    // the route page's own map colours its stage countries; Malta (no 110m shape) is a dot
    await waitFor(() => container.querySelector('.route-map svg .country.stage-transit'), SLOW);
    expect(container.querySelectorAll('.route-map svg path.country.stage-destination').length).toBe(1); // Italy
    expect(container.querySelectorAll('.route-map svg circle.country.stage-destination').length).toBe(1); // Malta
    expect(container.querySelector('.route-map .map-legend')!.textContent).toContain('Libya');
  });
});
