// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cityAbilities, createsCities, reviewsRequests } from '../../../client/src/join/permissions';
import { formFromPlace } from '../../../client/src/join/NewCityPage';
import type { Me } from '../../../server/contract/me.ts';
import { byText, click, json, mockFetch, problem, renderApp, selectOption, submit, typeInto, waitFor, useCleanClientState } from './harness';

const user = { id: 'u1', email: 'amina@example.org', name: 'Amina', locale: 'en', isPlatformAdmin: false, createdAt: '2026-01-01T00:00:00.000Z' };
const me = (over: Partial<Me> = {}): Me => ({ user, timezone: 'Europe/Rome', cities: [], managedNetworks: [], ...over });
const city = {
  id: 'c1', name: 'Lampedusa', kind: 'city', country: 'IT', region: null, population: 6000, lat: 35.5, lon: 12.6, languages: ['it'],
  locationNote: null, geonamesId: null, priorities: [{ code: 'dignity.1', stance: 'offer', label: 'Decent reception' }], routes: [],
  networks: [{ id: 'n1', slug: 'n1', name: 'Net' }], memberCount: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const request = {
  id: 'r1', city: { id: 'c1', name: 'Lampedusa', country: 'IT' }, user: { id: 'u2', name: 'Omar', email: 'omar@example.org' }, role: 'practitioner',
  message: 'I teach Italian', status: 'pending', reason: null, decidedBy: null, decidedAt: null, createdAt: '2026-01-02T00:00:00.000Z',
};
const page = (items: unknown[]) => json(200, { items, nextCursor: null });
const bodyOf = (init: RequestInit) => JSON.parse(String(init.body));

describe('permissions (what the client shows; the server decides)', () => {
  it('focal points and managers of the city manage it; others may ask to join', () => {
    expect(cityAbilities(me({ cities: [{ id: 'c1', name: 'L', country: 'IT', role: 'focal_point' }] }), city)).toEqual({ member: true, manage: true, canAsk: false });
    expect(cityAbilities(me({ cities: [{ id: 'c1', name: 'L', country: 'IT', role: 'practitioner' }] }), city)).toEqual({ member: true, manage: false, canAsk: false });
    expect(cityAbilities(me({ managedNetworks: [{ id: 'n1', slug: 'n1', name: 'Net' }] }), city).manage).toBe(true);
    expect(cityAbilities(me({ managedNetworks: [{ id: 'n2', slug: 'n2', name: 'Other' }] }), city)).toEqual({ member: false, manage: false, canAsk: true });
    expect(cityAbilities(null, city).canAsk).toBe(false);
    expect(reviewsRequests(me())).toBe(false);
    expect(createsCities(me({ user: { ...user, isPlatformAdmin: true } }))).toBe(true);
  });

  it('a gazetteer pick fills country, coordinates and population, and keeps a typed region', () => {
    const form = { name: '', country: '', region: 'Sicilia', population: '', lat: '', lon: '', languages: 'it', geonameId: null };
    expect(formFromPlace({ geonameId: 2524459, name: 'Lampedusa', country: 'IT', region: null, adminCode: '15', population: 4065, lat: 35.5, lon: 12.6 }, form))
      .toEqual({ name: 'Lampedusa', country: 'IT', region: 'Sicilia', population: '4065', lat: '35.5', lon: '12.6', languages: 'it', geonameId: 2524459 });
  });
});

describe('joining', () => {
  useCleanClientState();

  it('the profile of a user without a city leads to the join page; with cities it lists them with roles', async () => {
    mockFetch({ 'GET /api/me': () => json(200, me()) });
    const { container } = await renderApp('/me');
    const link = await waitFor(() => byText(container, 'Find your city and ask to join', 'a'));
    expect(link!.getAttribute('href')).toBe('/join');
    expect(container.textContent).toContain('Europe/Rome');
  });

  it('lists "My cities" with roles', async () => {
    mockFetch({ 'GET /api/me': () => json(200, me({ cities: [{ id: 'c1', name: 'Lampedusa', country: 'IT', role: 'focal_point' }] })) });
    const { container } = await renderApp('/me');
    await waitFor(() => byText(container, 'Lampedusa', 'a'));
    expect(container.querySelector('.my-cities')!.textContent).toContain('Focal point');
    expect(byText(container, 'Requests to join my cities', 'a')).not.toBeNull();
  });

  it('searches a city, picks it, asks with a role and a message; a 409 says why', async () => {
    let posted: unknown;
    let conflict = false;
    mockFetch({
      'GET /api/me': () => json(200, me()),
      'GET /api/me/join-requests': () => page([]),
      'GET /api/cities': (url) => page(url.searchParams.get('q') === 'lamp' ? [city] : []),
      'POST /api/cities/c1/join-requests': (_u, init) => {
        posted = bodyOf(init);
        return conflict ? problem(409, 'Conflict', { detail: 'pending' }) : json(201, request);
      },
    });
    const { container } = await renderApp('/join');
    await typeInto(await waitFor(() => container.querySelector('main input[type=search]')), 'lamp');
    await click(await waitFor(() => byText(container, 'Lampedusa', 'button')));
    await selectOption(container.querySelector('.join-page select'), 'focal_point');
    const textarea = container.querySelector('textarea')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    setter.call(textarea, 'I coordinate the reception centre');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    await submit(container.querySelector('main form'));
    await waitFor(() => posted);
    expect(posted).toEqual({ role: 'focal_point', message: 'I coordinate the reception centre' });

    conflict = true;
    await typeInto(container.querySelector('input[type=search]'), 'lamp');
    await click(await waitFor(() => byText(container, 'Lampedusa', 'button')));
    await submit(container.querySelector('main form'));
    await waitFor(() => byText(container, /already a member of this city, or your request is still pending/));
  });

  it('a focal point approves a request, or declines it with a reason', async () => {
    const calls: string[] = [];
    let declineBody: unknown;
    mockFetch({
      'GET /api/me': () => json(200, me({ cities: [{ id: 'c1', name: 'Lampedusa', country: 'IT', role: 'focal_point' }] })),
      'GET /api/join-requests': () => page([request, { ...request, id: 'r2', user: { id: 'u3', name: 'Lina', email: 'l@example.org' } }]
        .filter((r) => !calls.some((c) => c.endsWith(r.id)))),
      'POST /api/join-requests/r1/approve': () => { calls.push('approve r1'); return json(200, { ...request, status: 'approved' }); },
      'POST /api/join-requests/r2/decline': (_u, init) => { calls.push('decline r2'); declineBody = bodyOf(init); return json(200, { ...request, status: 'declined' }); },
    });
    const { container } = await renderApp('/join-requests');
    await waitFor(() => byText(container, 'I teach Italian'));
    const cards = container.querySelectorAll('.join-request');
    expect(cards).toHaveLength(2);
    await click(byText(cards[1], 'Decline', 'button'));
    const reason = cards[1].querySelector('textarea')!;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(reason, 'Not our city');
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    await click(byText(cards[1], 'Decline the request', 'button'));
    await waitFor(() => container.querySelectorAll('.join-request').length === 1);
    await click(byText(container.querySelector('.join-request')!, 'Approve', 'button'));
    await waitFor(() => byText(container, 'No request is waiting.'));
    expect(calls.sort()).toEqual(['approve r1', 'decline r2']);
    expect(declineBody).toEqual({ reason: 'Not our city' });
  });
});

describe('city profile', () => {
  useCleanClientState();

  it('priorities are grouped by principle; saving sends every stance, and the server\'s errors show', async () => {
    let put: unknown;
    mockFetch({
      'GET /api/me': () => json(200, me({ cities: [{ id: 'c1', name: 'Lampedusa', country: 'IT', role: 'focal_point' }] })),
      'GET /api/cities/c1': () => json(200, city),
      'GET /api/taxonomy': () => json(200, { lang: 'en', principles: [
        { slug: 'dignity', order: 1, label: 'Dignity', theme: '', priorities: [{ code: 'dignity.1', n: 1, label: 'Decent reception' }, { code: 'dignity.2', n: 2, label: 'Health' }] },
        { slug: 'solidarity', order: 2, label: 'Solidarity', theme: '', priorities: [{ code: 'solidarity.1', n: 1, label: 'Sharing' }] },
      ] }),
      'GET /api/routes': () => json(200, { items: [{ slug: 'central-mediterranean', name: 'Central Mediterranean' }] }),
      'GET /api/cities/c1/members': () => json(200, { items: [] }),
      'GET /api/cities/c1/join-requests': () => page([]),
      'GET /api/cities/c1/matches': () => json(200, { items: [] }),
      'PUT /api/cities/c1/priorities': (_u, init) => { put = bodyOf(init); return json(200, city); },
    });
    const { container } = await renderApp('/cities/c1/edit');
    await waitFor(() => container.querySelector('.principle-group'));
    expect([...container.querySelectorAll('.principle-group legend')].map((l) => l.textContent)).toEqual(['Dignity', 'Solidarity']);
    await selectOption(container.querySelector('select[aria-label="solidarity.1 Sharing"]'), 'seek');
    await submit(byText(container, 'Save priorities', 'button')!.closest('form'));
    await waitFor(() => put);
    expect(put).toEqual({ priorities: [{ code: 'dignity.1', stance: 'offer' }, { code: 'solidarity.1', stance: 'seek' }] });
  });

  it('a practitioner is not offered the management page', async () => {
    mockFetch({
      'GET /api/me': () => json(200, me({ cities: [{ id: 'c1', name: 'Lampedusa', country: 'IT', role: 'practitioner' }] })),
      'GET /api/cities/c1': () => json(200, city),
    });
    const { container } = await renderApp('/cities/c1/edit');
    await waitFor(() => byText(container, /Only the city's focal points/));
  });
});
