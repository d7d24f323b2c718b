// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { byText, click, cleanup, i18n, json, mockFetch, problem, renderApp, selectOption, waitFor, useCleanClientState } from './harness';

const anonymous = () => problem(401, 'Unauthorized');
const taxonomy = () =>
  json(200, { principles: [{ slug: 'dignity', label: 'Dignity', priorities: [{ code: 'dignity.1', label: 'Decent reception' }] }] });
const routes = () => json(200, { items: [{ slug: 'central-mediterranean', name: 'Central Mediterranean' }] });

function searchResult(over: Record<string, unknown> = {}) {
  return {
    hits: [
      {
        id: 'p1',
        title: 'Housing first for families',
        summary: 'Flats instead of camps',
        city: { id: 'c1', name: 'Palermo', country: 'IT' },
        priorities: ['dignity.1'],
        language: 'en',
        publishedAt: '2026-01-02T00:00:00.000Z',
        highlights: { title: '<mark>Housing</mark> first for families', summary: 'Flats instead of camps' },
      },
    ],
    total: 1,
    page: 1,
    perPage: 20,
    totalPages: 1,
    facets: {
      principle: { dignity: 1 },
      priority: { 'dignity.1': 1 },
      country: { IT: 7, TN: 3 },
      region: {},
      route: { 'central-mediterranean': 1 },
      language: { en: 1 },
      targetGroup: { families: 1 },
    },
    engine: 'postgres',
    ...over,
  };
}

describe('practices', () => {
  useCleanClientState();

  it('renders hits with highlights and facet counts; toggling a facet changes the request', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'GET /api/taxonomy': taxonomy,
      'GET /api/routes': routes,
      'GET /api/search/practices': (url) =>
        url.searchParams.get('q') === 'housng'
          ? json(200, searchResult({ corrections: [{ word: 'housng', to: ['housing'] }] }))
          : json(200, searchResult()),
    });
    const searchCalls = () => fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://x')).filter((u) => u.pathname === '/api/search/practices');

    const { container } = await renderApp('/practices?q=housng');
    await waitFor(() => container.querySelector('.hit'));
    // the title link carries the server's <mark>, not escaped text
    const link = container.querySelector('.hit h3 a')!;
    expect(link.getAttribute('href')).toBe('/practices/p1');
    expect(link.querySelector('mark')?.textContent).toBe('Housing');
    expect(container.querySelector('.hit a[href="/cities/c1"]')?.textContent).toBe('Palermo');
    // facet values with their counts and labels
    const country = container.querySelector('[data-facet="country"]')!;
    expect(country.textContent).toContain('Italy');
    expect(country.textContent).toContain('(7)');
    expect(country.textContent).toContain('(3)');
    await waitFor(() => container.querySelector('[data-facet="targetGroup"]')?.textContent?.includes('Families'));
    // the correction links to the corrected query, as a question
    expect(container.querySelector('.correction a')?.getAttribute('href')).toBe('/practices?q=housing');
    expect(container.querySelector('.correction')?.textContent).toBe('Did you mean housing?');
    // priorities by their labels, never their codes: on the hit and in the filters
    await waitFor(() => container.querySelector('.hit .tags li')?.textContent === 'Decent reception');
    const priority = container.querySelector('[data-facet="priority"]')!;
    expect(priority.textContent).toContain('Decent reception');
    expect(priority.textContent).not.toContain('dignity.1');
    expect(container.querySelector('[data-facet="principle"]')!.textContent).toContain('Dignity');
    // one page: no pagination
    expect(container.querySelector('.pagination')).toBeNull();

    expect(searchCalls().at(-1)!.searchParams.get('country')).toBeNull();
    await click(container.querySelector('[data-facet="country"] input[value="TN"]'));
    await waitFor(() => searchCalls().at(-1)!.searchParams.get('country') === 'TN');
    expect(searchCalls().at(-1)!.searchParams.get('q')).toBe('housng');
    await click(container.querySelector('[data-facet="country"] input[value="IT"]'));
    await waitFor(() => searchCalls().at(-1)!.searchParams.get('country') === 'TN,IT');
    expect((container.querySelector('[data-facet="country"] input[value="TN"]') as HTMLInputElement).checked).toBe(true);
    // and off again
    await click(container.querySelector('[data-facet="country"] input[value="TN"]'));
    await waitFor(() => searchCalls().at(-1)!.searchParams.get('country') === 'IT');
  });

  it('pages through results and shows the empty state', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'GET /api/taxonomy': taxonomy,
      'GET /api/routes': routes,
      'GET /api/search/practices': (url) =>
        url.searchParams.get('q') === 'nothing'
          ? json(200, searchResult({ hits: [], total: 0, totalPages: 0 }))
          : json(200, searchResult({ total: 45, totalPages: 3, page: Number(url.searchParams.get('page')) })),
    });
    const { container } = await renderApp('/practices');
    await waitFor(() => byText(container, 'Page 1 of 3'));
    await click(byText(container, /Next/, 'button'));
    await waitFor(() => byText(container, 'Page 2 of 3'));
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('page=2') && String(u).includes('perPage=20'))).toBe(true);
    cleanup();

    const empty = await renderApp('/practices?q=nothing');
    await waitFor(() => empty.container.querySelector('.empty'));
    expect(empty.container.textContent).toContain('No practices match your search');
    expect(empty.container.querySelector('.pagination')).toBeNull();
  });

  it('asks whether the reader meant the correction, in French and Spanish too', async () => {
    mockFetch({
      'GET /api/me': anonymous,
      'GET /api/taxonomy': taxonomy,
      'GET /api/routes': routes,
      'GET /api/search/practices': () => json(200, searchResult({ corrections: [{ word: 'hosuing', to: ['housing'] }] })),
    });
    for (const [lng, text] of [['fr', 'Vouliez-vous dire housing\u00a0?'], ['es', '¿Quizás quiso decir housing?']]) {
      await i18n.changeLanguage(lng);
      const { container } = await renderApp('/practices?q=hosuing');
      await waitFor(() => container.querySelector('.correction a'));
      expect(container.querySelector('.correction')!.textContent).toBe(text);
      expect(container.querySelector('.correction a')!.textContent).toBe('housing');
      cleanup();
    }
  });

  it('lists the cities the words match, as the header box suggests them, even without practices', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'GET /api/taxonomy': taxonomy,
      'GET /api/routes': routes,
      'GET /api/search/practices': () => json(200, searchResult({ hits: [], total: 0, totalPages: 0 })),
      'GET /api/search/cities': () => json(200, { cities: [
        { id: 'c9', name: 'Lampedusa e Linosa', country: 'IT', countryName: 'Italy' },
        { id: 'c8', name: 'Lampedusa', country: null, countryName: null },
      ] }),
    });
    const { container } = await renderApp('/practices?q=Lampedusa');
    await waitFor(() => container.querySelector('.city-results a'));
    const section = container.querySelector('.city-results')!;
    expect(section.querySelector('h2')?.textContent).toBe('Cities');
    expect([...section.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Lampedusa e Linosa', '/cities/c9'], ['Lampedusa', '/cities/c8'],
    ]);
    expect(section.textContent).toContain('(Italy)');
    await waitFor(() => byText(container, /0 practices for “Lampedusa”/));
    const asked = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://x')).find((u) => u.pathname === '/api/search/cities')!;
    expect(Object.fromEntries(asked.searchParams)).toEqual({ q: 'Lampedusa', lang: 'en', limit: '5' });
    expect(container.querySelector('.pagination')).toBeNull();
    cleanup();

    // no words, no cities asked for
    fetchMock.mockClear();
    const all = await renderApp('/practices');
    await waitFor(() => all.container.querySelector('.search-results'));
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/api/search/cities'))).toBe(false);
    expect(all.container.querySelector('.city-results')).toBeNull();
  });

  it('renders a practice with its sanitised body and labelled priorities', async () => {
    mockFetch({
      'GET /api/me': anonymous,
      'GET /api/taxonomy': taxonomy,
      'GET /api/routes': routes,
      'GET /api/practices/p1': () =>
        json(200, {
          id: 'p1', title: 'Housing first', summary: 'Flats', body: '**Flats**', bodyHtml: '<p><strong>Flats</strong> for all</p>',
          city: { id: 'c1', name: 'Palermo', country: 'IT' }, language: 'en', status: 'published', author: { id: 'u', name: 'A' },
          priorities: ['dignity.1'], routes: ['central-mediterranean'], targetGroups: ['families'],
          howTo: { process: 'Step by step' }, budget: null, startedOn: '2024-03-01', endedOn: null, outcomes: '120 families housed',
          contact: 'housing@palermo.example', version: 3, publishedAt: '2026-01-02T00:00:00.000Z', createdAt: '2025-12-01T00:00:00.000Z',
          updatedAt: '2026-01-02T00:00:00.000Z',
        }),
    });
    const { container } = await renderApp('/practices/p1');
    await waitFor(() => byText(container, 'Housing first', 'h1'));
    expect(container.querySelector('.prose strong')?.textContent).toBe('Flats');
    await waitFor(() => container.textContent!.includes('Decent reception'));
    expect(container.textContent).toContain('Step by step');
    expect(container.textContent).toContain('120 families housed');
    expect(container.textContent).toContain('housing@palermo.example');
    expect(container.textContent).toContain('March 1, 2024');
    expect(container.textContent).toContain('Families');
  });

  it('shows suggested peers with scores and reasons on the city page, filtered by route', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'GET /api/routes': routes,
      'GET /api/cities/c1': () => json(200, { id: 'c1', name: 'Palermo', country: 'IT', priorities: [], routes: [] }),
      'GET /api/cities/c1/matches': (url) =>
        json(200, {
          items: url.searchParams.get('route')
            ? []
            : [
                {
                  city: { id: 'c2', name: 'Sfax', country: 'TN' },
                  score: 0.82,
                  reasons: [
                    { kind: 'shared_priority', detail: 'Both work on decent reception', weight: 0.5, data: {} },
                    { kind: 'route', detail: 'Both on the Central Mediterranean route', weight: 0.32, data: {} },
                  ],
                },
              ],
        }),
    });
    const { container } = await renderApp('/cities/c1');
    await waitFor(() => container.querySelector('.match'));
    const match = container.querySelector('.match')!;
    expect(match.querySelector('a[href="/cities/c2"]')?.textContent).toBe('Sfax');
    expect(match.textContent).toContain('82%');
    expect((match.querySelector('.score-bar > span') as HTMLElement).style.width).toBe('82%');
    expect(match.textContent).toContain('Shared priority');
    expect(match.textContent).toContain('Both work on decent reception');
    expect(match.textContent).toContain('Both on the Central Mediterranean route');
    const call = fetchMock.mock.calls.map(([u]) => String(u)).find((u) => u.startsWith('/api/cities/c1/matches'))!;
    expect(call).toContain('limit=10');
    expect(call).toContain('lang=en');

    await selectOption(container.querySelector('.match-filter select'), 'central-mediterranean');
    await waitFor(() => byText(container, 'No peers to suggest along this route.'));
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('route=central-mediterranean'))).toBe(true);
  });
});
