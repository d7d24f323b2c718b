// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { byText, json, mockFetch, problem, renderApp, typeInto, waitFor, useCleanClientState } from './harness';

const anonymous = () => problem(401, 'Unauthorized');
const found = {
  cities: [{ id: 'c1', name: 'Palermo', country: 'IT', countryName: 'Italy' }],
  practices: [{ id: 'p1', title: 'Palermo welcome kitchen', highlight: '<mark>Palermo</mark> welcome kitchen', city: { id: 'c1', name: 'Palermo', country: 'IT' } }],
  practicesTotal: 1,
  practicesTotalIsEstimate: false,
};

async function key(input: HTMLInputElement, k: string) {
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
}

describe('header search', () => {
  useCleanClientState();

  it('lists cities and practices for what is typed, moves with the arrow keys and opens the option on Enter', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'GET /api/routes': () => json(200, { items: [], nextCursor: null }),
      'GET /api/search': () => json(200, found),
      'GET /api/practices/p1': () => problem(404, 'Not Found'),
    });
    const { container } = await renderApp('/routes');
    const input = container.querySelector<HTMLInputElement>('header input[role="combobox"]')!;
    expect(input).not.toBeNull();
    await act(async () => input.focus());
    await typeInto(input, 'palremo');
    await waitFor(() => byText(container, 'Italy'));

    const call = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).find((u) => u.pathname === '/api/search')!;
    expect(call.searchParams.get('q')).toBe('palremo');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const options = [...container.querySelectorAll('[role="option"]')];
    expect(options.map((o) => o.textContent)).toEqual(['PalermoItaly', 'Palermo welcome kitchenPalermo', 'All practices for “palremo”']);
    // the practice's highlight is rendered as markup (server-escaped), not as text
    expect(options[1].querySelector('mark')?.textContent).toBe('Palermo');

    await key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0].id);
    await key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1].id);
    expect(options[1].getAttribute('aria-selected')).toBe('true');
    await key(input, 'ArrowUp');
    await key(input, 'ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[2].id); // wraps around
    await key(input, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await typeInto(input, 'palremo ');
    await key(input, 'ArrowDown');
    await key(input, 'ArrowDown');
    await key(input, 'Enter');
    // the practice's page asked for it
    await waitFor(() => fetchMock.mock.calls.some(([u]) => String(u).startsWith('/api/practices/p1')) || null);
    expect(input.value).toBe('');
  });

  it('shows "about N" when the total is an estimate', async () => {
    mockFetch({
      'GET /api/me': anonymous,
      'GET /api/taxonomy': () => json(200, { principles: [] }),
      'GET /api/routes': () => json(200, { items: [] }),
      'GET /api/search/practices': () => json(200, {
        hits: [], total: 54_000, totalIsEstimate: true, facetsAreEstimates: true, page: 1, perPage: 20, totalPages: 2700,
        facets: { principle: {}, priority: {}, country: {}, region: {}, route: {}, language: {}, targetGroup: {} }, engine: 'postgres',
      }),
    });
    const { container } = await renderApp('/practices?q=housing');
    await waitFor(() => byText(container, /about 54\D?000 practices for “housing”/));
    expect(byText(container, 'Counts are estimates.')).not.toBeNull();
  });
});
