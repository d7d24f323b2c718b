// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { slugify } from '../../../client/src/networks/ManagePage';
import { parseCountries } from '../../../client/src/networks/RoutesManager';
import { byText, click, json, mockFetch, problem, renderApp, submit, typeInto, waitFor, useCleanClientState } from './harness';

const user = { id: 'u1', email: 'm@example.org', name: 'Manager', locale: 'en', isPlatformAdmin: false, createdAt: '2026-01-01T00:00:00.000Z' };
const network = { id: 'n1', slug: 'ports', name: 'Ports of refuge', description: null, kind: 'network', country: 'IT', isFounding: false, createdAt: '2026-01-01T00:00:00.000Z', cityCount: 1, managerCount: 1 };
const detail = (canManage: boolean) => ({
  network,
  cities: [{ id: 'c1', name: 'Pozzallo', country: 'IT', region: null, lat: 36.7, lon: 14.8 }],
  ...(canManage ? { managers: [{ id: 'u1', name: 'Manager', email: 'm@example.org' }] } : {}),
  canManage,
  canAppointManagers: canManage,
});
const emptySearch = { hits: [], total: 0, page: 1, perPage: 20, totalPages: 0, facets: {}, engine: 'postgres' };

describe('network pages', () => {
  useCleanClientState();

  it('shows a network with its member cities and its library, the search limited to the network', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': () => problem(401, 'Unauthorized'),
      'GET /api/networks/ports': () => json(200, detail(false)),
      'GET /api/search/practices': () => json(200, emptySearch),
    });
    const { container } = await renderApp('/networks/ports');
    await waitFor(() => byText(container, 'Ports of refuge', 'h1'));
    expect(container.querySelector('.member-cities a[href="/cities/c1"]')).not.toBeNull();
    await waitFor(() => byText(container, 'Library of Ports of refuge', 'h2'));
    const searched = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).filter((u) => u.pathname === '/api/search/practices');
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.every((u) => u.searchParams.get('network') === 'ports')).toBe(true);
    // no management for visitors
    expect(container.textContent).not.toContain('Add a member city');
    expect(container.querySelector('button[aria-label="Remove Pozzallo from the network"]')).toBeNull();
  });

  it('lets its manager add a manager by e-mail and shows the server’s field error', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, { user, cities: [], managedNetworks: [{ id: 'n1', slug: 'ports', name: 'Ports of refuge' }] }),
      'GET /api/networks/ports': () => json(200, detail(true)),
      'GET /api/search/practices': () => json(200, emptySearch),
      'POST /api/networks/n1/managers': () => problem(400, 'Bad Request', {
        detail: 'No such user', errors: [{ path: 'email', message: 'No account has this e-mail address: ask them to register first' }],
      }),
    });
    const { container } = await renderApp('/networks/ports');
    await waitFor(() => byText(container, 'Managers', 'h2'));
    expect(container.querySelector('button[aria-label="Remove Pozzallo from the network"]')).not.toBeNull();
    const input = container.querySelector('input[name="email"]');
    await typeInto(input, 'new@example.org');
    await submit(input!.closest('form'));
    await waitFor(() => byText(container, 'No account has this e-mail address: ask them to register first'));
    const [, init] = fetchMock.mock.calls.find(([u, i]) => String(u).includes('/managers') && i?.method === 'POST')!;
    expect(JSON.parse(String(init!.body))).toEqual({ email: 'new@example.org' });
    expect(input!.getAttribute('aria-invalid')).toBe('true');
  });

  it('tells a user who manages nothing that management is for managers', async () => {
    mockFetch({ 'GET /api/me': () => json(200, { user, cities: [], managedNetworks: [] }) });
    const { container } = await renderApp('/manage');
    await waitFor(() => byText(container, 'Only platform admins and network managers can manage networks and routes.'));
  });

  it('edits a route’s stage countries and shows which country the server refused', async () => {
    const route = { id: 'r1', slug: 'darien', name: 'Darién crossing', description: null, sourcedFrom: 'IOM', stageHints: { origin: [], transit: ['CO', 'PA'], destination: [] }, names: { en: 'Darién crossing', fr: 'Traversée du Darién' }, descriptions: {}, cityCount: 0 };
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, { user, cities: [], managedNetworks: [{ id: 'n1', slug: 'ports', name: 'Ports of refuge' }] }),
      'GET /api/routes': () => json(200, { items: [route] }),
      'PATCH /api/routes/darien': () => problem(400, 'Bad Request', { detail: 'Unknown stage countries', errors: [{ path: 'stages.destination.0', message: 'Unknown country "QQ"' }] }),
    });
    const { container } = await renderApp('/manage');
    await click(await waitFor(() => container.querySelector('button[aria-label="Edit Darién crossing"]')));
    const dest = container.querySelector('input[name="stages.destination"]');
    expect((container.querySelector('input[name="stages.transit"]') as HTMLInputElement).value).toBe('CO, PA');
    expect((container.querySelector('input[name="names.fr"]') as HTMLInputElement).value).toBe('Traversée du Darién');
    await typeInto(dest, 'qq');
    await submit(dest!.closest('form'));
    await waitFor(() => byText(container, 'Unknown country "QQ"'));
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'PATCH')!;
    expect(JSON.parse(String(init!.body)).stages).toEqual({ origin: [], transit: ['CO', 'PA'], destination: ['QQ'] });
  });

  it('proposes slugs and reads country lists', () => {
    expect(slugify('Città Porto — Ñandú 2')).toBe('citta-porto-nandu-2');
    expect(parseCountries(' dz, LY  tn;;')).toEqual(['DZ', 'LY', 'TN']);
  });
});
