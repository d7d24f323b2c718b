// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { byText, click, cleanup, json, mockFetch, problem, renderApp, submit, typeInto, waitFor, useCleanClientState } from './harness';

const anonymous = () => problem(401, 'Unauthorized');

describe('pages', () => {
  useCleanClientState();

  it('renders the 7 principles with 5 priorities each', async () => {
    const principles = Array.from({ length: 7 }, (_, i) => ({
      slug: `p${i}`,
      label: `Principle ${i}`,
      theme: `Theme ${i}`,
      priorities: Array.from({ length: 5 }, (_, j) => ({ code: `p${i}.${j + 1}`, label: `Priority ${i}.${j + 1}` })),
    }));
    const fetchMock = mockFetch({ 'GET /api/me': anonymous, 'GET /api/taxonomy': () => json(200, { principles }) });
    const { container } = await renderApp('/taxonomy');
    await waitFor(() => container.querySelector('.principles'));
    expect(container.querySelectorAll('.principles > li')).toHaveLength(7);
    expect(container.querySelectorAll('.priorities > li')).toHaveLength(35);
    expect(container.textContent).toContain('p6.5');
    expect(fetchMock.mock.calls.some(([u]) => String(u) === '/api/taxonomy?lang=en')).toBe(true);
  });

  it('shows a graceful error state when a list endpoint is missing (404)', async () => {
    mockFetch({ 'GET /api/me': anonymous }); // /api/routes falls through to a 404 problem
    const { container } = await renderApp('/routes');
    const alert = (await waitFor(() => container.querySelector('.error-state')))!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('may not be available yet');
    expect(alert.textContent).toContain('404');
    // the rest of the app still works
    expect(container.querySelector('header nav')).not.toBeNull();
  });

  it('searches cities and loads more with the cursor', async () => {
    const page1 = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, name: `City ${i}`, country: 'IT', region: 'Sicily', population: 1000 + i }));
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'GET /api/cities': (url) => {
        if (url.searchParams.get('cursor') === 'next-1') {
          return json(200, { items: [{ id: 'c20', name: 'City 20', country: 'TN', region: null, population: null }], nextCursor: null });
        }
        if (url.searchParams.get('q') === 'lampedusa') {
          return json(200, { items: [{ id: 'lamp', name: 'Lampedusa', country: 'IT', region: 'Sicily', population: 6000 }], nextCursor: null });
        }
        return json(200, { items: page1, nextCursor: 'next-1' });
      },
    });
    const { container } = await renderApp('/cities');
    await waitFor(() => container.querySelectorAll('.city-item').length === 20);
    const more = byText(container, 'Load more', 'button');
    expect(more).not.toBeNull();
    await click(more);
    await waitFor(() => container.querySelectorAll('.city-item').length === 21);
    expect(byText(container, 'Load more', 'button')).toBeNull();
    const cursorCall = fetchMock.mock.calls.find(([u]) => String(u).includes('cursor=next-1'));
    expect(String(cursorCall![0])).toContain('limit=20');

    await typeInto(container.querySelector('main input[type="search"]'), 'lampedusa');
    await submit(container.querySelector('form[role="search"]'));
    await waitFor(() => container.querySelectorAll('.city-item').length === 1);
    expect(container.textContent).toContain('Lampedusa');
    expect(container.textContent).toContain('Results for “lampedusa”');
  });

  it('renders a route with its stages and a city with priorities and routes', async () => {
    mockFetch({
      'GET /api/me': anonymous,
      'GET /api/routes/central-med': () =>
        json(200, {
          route: { slug: 'central-med', name: 'Central Mediterranean', description: 'From the Sahel to Europe' },
          stages: {
            origin: [{ id: 'c1', name: 'Niamey', country: 'NE' }],
            transit: [{ id: 'c2', name: 'Sfax', country: 'TN' }],
            destination: [],
          },
        }),
      'GET /api/cities/c2': () =>
        json(200, {
          id: 'c2',
          name: 'Sfax',
          country: 'TN',
          region: 'Sfax Governorate',
          population: 330440,
          priorities: [{ code: 'solidarity.3', stance: 'offer', label: 'Search and rescue' }],
          routes: [{ slug: 'central-med', name: 'Central Mediterranean', role: 'transit' }],
        }),
    });
    const route = await renderApp('/routes/central-med');
    await waitFor(() => byText(route.container, 'Central Mediterranean', 'h1'));
    expect(route.container.querySelectorAll('.stage')).toHaveLength(3);
    expect(route.container.textContent).toContain('Niamey');
    expect(route.container.textContent).toContain('No cities at this stage yet.');
    cleanup();

    const city = await renderApp('/cities/c2');
    await waitFor(() => byText(city.container, 'Sfax', 'h1'));
    expect(city.container.textContent).toContain('Search and rescue');
    expect(city.container.textContent).toContain('Offers experience');
    expect(city.container.textContent).toContain('Tunisia');
    expect(city.container.textContent).toContain('330,440');
    expect(city.container.querySelector('a[href="/routes/central-med"]')).not.toBeNull();
  });

  it('renders the 404 page for unknown paths', async () => {
    mockFetch({ 'GET /api/me': anonymous });
    const { container } = await renderApp('/nowhere');
    await waitFor(() => byText(container, 'Page not found', 'h1'));
  });
});
