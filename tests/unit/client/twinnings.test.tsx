// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetMyRolesCache } from '../../../client/src/twinnings/useMyRoles';
import { resetTaxonomyCache } from '../../../client/src/twinnings/usePriorityLabels';
import { byText, click, json, mockFetch, problem, renderApp, submit, waitFor as waitForAny, useCleanClientState } from './harness';
import { LYON, PALERMO, me, taxonomy, twinning } from './twinnings-fixtures';

/** waitFor, for a value that is there once it resolves. */
const waitFor = async <T,>(fn: () => T | null | undefined | false): Promise<T> => (await waitForAny(fn)) as T;
const bodyOf = (init: RequestInit) => JSON.parse(String(init.body)) as Record<string, unknown>;
function setValue(el: Element | null, value: string) {
  if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) throw new Error('not a field');
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
const type = (el: Element | null, value: string) => act(async () => setValue(el, value));
const labelled = (root: ParentNode, label: string) => {
  const l = Array.from(root.querySelectorAll('label')).find((x) => x.textContent?.trim() === label);
  return l?.htmlFor ? root.querySelector(`[id="${l.htmlFor}"]`) : null;
};
const button = (root: ParentNode, name: string) =>
  Array.from(root.querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name) ?? null;

const cityDetail = {
  id: PALERMO.id, name: 'Palermo', country: 'IT', region: null, population: 600000, lat: null, lon: null, languages: ['it'],
  priorities: [], routes: [], networks: [], memberCount: 2, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};
const matches = {
  items: [{
    city: LYON, score: 0.8,
    reasons: [
      { kind: 'shared_priority', detail: 'Both work on reception', weight: 0.3, data: { priorities: ['solidarity.3'] } },
      { kind: 'complementary_priority', detail: 'Lyon offers safe arrival', weight: 0.3, data: { candidateOffers: ['solidarity.1'], sourceOffers: [], count: 1 } },
      { kind: 'language', detail: 'French', weight: 0.2, data: { languages: ['fr'] } },
    ],
  }],
};
const cityPage = (meBody: ReturnType<typeof me>, extra: Parameters<typeof mockFetch>[0] = {}) => mockFetch({
  'GET /api/me': () => json(200, meBody),
  'GET /api/cities/pal': () => json(200, cityDetail),
  'GET /api/cities/pal/matches': () => json(200, matches),
  'GET /api/routes': () => json(200, { items: [], nextCursor: null }),
  'GET /api/taxonomy': () => json(200, taxonomy),
  'GET /api/twinnings': () => json(200, { items: [], nextCursor: null }),
  ...extra,
});

describe('twinnings client', () => {
  useCleanClientState();
  beforeEach(() => { resetMyRolesCache(); resetTaxonomyCache(); });

  it('a focal point proposes a twinning from a match card, themes pre-filled from the reasons', async () => {
    const created = twinning({ id: 'new1' });
    const fetchMock = cityPage(me({ id: 'ana', focal: [PALERMO.id] }), {
      'POST /api/twinnings': () => json(201, created),
      'GET /api/twinnings/new1': () => json(200, created),
    });
    const { container } = await renderApp('/cities/pal');
    const open = await waitFor(() => button(container, 'Propose a twinning with Lyon'));
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await click(open);
    const form = container.querySelector('form.propose-twinning')!;
    const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
    expect(boxes.map((b) => [b.parentElement!.textContent!.trim().split(' ')[0], b.checked])).toEqual([['solidarity.3', true], ['solidarity.1', true]]);
    await click(boxes[1]); // drop one theme
    await type(labelled(form, 'Message to the other city'), 'We would like to learn about your reception desk.');
    await submit(form);
    await waitFor(() => byText(container, 'Palermo – Lyon', 'h1'));
    const post = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/twinnings' && i?.method === 'POST')!;
    expect(bodyOf(post[1]!)).toEqual({ fromCityId: 'pal', toCityId: 'lyo', themes: ['solidarity.3'], message: 'We would like to learn about your reception desk.' });
    expect(container.textContent).toContain('Twinning requested.');
  });

  it('a network manager brokers from the same card with a required note; no button for a plain member', async () => {
    const fetchMock = cityPage(me({ id: 'mgr', manages: [{ id: 'net1', name: 'Med cities' }] }), {
      'POST /api/twinnings': () => problem(403, 'Forbidden', { detail: 'Both cities must belong to a network you manage' }),
    });
    const { container } = await renderApp('/cities/pal');
    await click(await waitFor(() => button(container, 'Broker a twinning with Lyon')));
    const form = container.querySelector('form.propose-twinning')!;
    await submit(form);
    expect(form.textContent).toContain('Say why these two cities should twin.');
    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(false);
    await type(labelled(form, 'Your note to both cities'), 'Same corridor, complementary offers.');
    await submit(form);
    const alert = await waitFor(() => form.querySelector('[role=alert]'));
    expect(alert.textContent).toContain('Both cities must belong to a network you manage');
    const post = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(bodyOf(post[1]!)).toEqual({ fromCityId: 'pal', toCityId: 'lyo', themes: ['solidarity.3', 'solidarity.1'], note: 'Same corridor, complementary offers.' });

    resetMyRolesCache();
    await act(async () => { document.body.innerHTML = ''; });
    cityPage(me({ id: 'plain' }));
    const second = await renderApp('/cities/pal');
    await waitFor(() => second.container.querySelector('.match-list'));
    expect(second.container.textContent).not.toContain('Propose a twinning');
  });

  it('the inbox lists what awaits my consent, counts it in the nav, declines with a reason and switches tabs by keyboard', async () => {
    const pending = twinning({ can: { accept: true, decline: true } });
    const active = twinning({ id: 'tw2', status: 'active', toCity: { id: 'tun', name: 'Tunis', country: 'TN' }, awaiting: [], consents: [] });
    let declined = false;
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, me({ id: 'bruno', focal: [LYON.id] })),
      'GET /api/twinnings': (url) => json(200, { items: url.searchParams.get('awaitingMe') === 'true' ? (declined ? [] : [pending]) : [pending, active], nextCursor: null }),
      'POST /api/twinnings/tw1/decline': () => { declined = true; return json(200, twinning({ status: 'declined', awaiting: [] })); },
    });
    const { container } = await renderApp('/twinnings');
    const badge = await waitFor(() => container.querySelector('header a[href="/twinnings"] .badge'));
    expect(badge.getAttribute('aria-label')).toBe('1 twinning awaits your consent');
    const item = await waitFor(() => container.querySelector('.twinning-item.awaiting-me'));
    expect(item.textContent).toContain('Awaiting your consent for Lyon');
    expect(container.querySelectorAll('.twinning-item')).toHaveLength(1); // the active one is in its tab

    await click(button(item, 'Decline the twinning Palermo – Lyon'));
    const form = item.querySelector('form.reason-form')!;
    await submit(form);
    expect(form.textContent).toContain('Say why, so the other city knows.');
    await type(labelled(form, 'Reason'), 'We have no staff for it this year.');
    await submit(form);
    await waitFor(() => !container.querySelector('header a[href="/twinnings"] .badge'));
    const post = fetchMock.mock.calls.find(([u]) => String(u) === '/api/twinnings/tw1/decline')!;
    expect(bodyOf(post[1]!)).toEqual({ reason: 'We have no staff for it this year.', version: 1 });

    const tab = container.querySelector<HTMLElement>('[role=tab][aria-selected=true]')!;
    expect(tab.textContent).toContain('Awaiting consent');
    await act(async () => { tab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })); });
    await waitFor(() => container.querySelector('[role=tab][aria-selected=true]')!.textContent!.includes('Active'));
    expect(document.activeElement?.textContent).toContain('Active');
    await waitFor(() => byText(container, 'Palermo – Tunis', 'a'));
  });

  it('the twinning page shows consents and the timeline, accepts with the version, and says so on a 409', async () => {
    const tw = twinning({
      can: { accept: true, decline: true },
      events: [
        { id: 'e1', action: 'request', actor: { id: 'ana', name: 'Ana' }, cityId: PALERMO.id, fromStatus: null, toStatus: 'requested', reason: null, at: '2026-11-01T10:00:00Z' },
      ],
    });
    const withdrawn = twinning({ status: 'withdrawn', awaiting: [], version: 2 });
    let stale = false;
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, me({ id: 'bruno2', focal: [LYON.id] })),
      'GET /api/twinnings': () => json(200, { items: [tw], nextCursor: null }),
      'GET /api/twinnings/tw1': () => json(200, stale ? withdrawn : tw),
      'GET /api/taxonomy': () => json(200, taxonomy),
      'POST /api/twinnings/tw1/accept': () => { stale = true; return problem(409, 'Conflict', { detail: 'The twinning is withdrawn' }); },
    });
    const { container } = await renderApp('/twinnings/tw1');
    await waitFor(() => byText(container, 'Palermo – Lyon', 'h1'));
    expect(container.querySelector('.twinning-status')!.textContent).toContain('Requested');
    const consents = container.querySelector('.consents')!.textContent!;
    expect(consents).toContain('Palermo: consent given — Ana');
    expect(consents).toContain('Lyon: consent awaited');
    expect(container.querySelector('.timeline')!.textContent).toMatch(/Ana requested the twinning for Palermo/);
    expect(container.textContent).toContain('Both work on reception');
    await waitFor(() => container.textContent!.includes('Reception')); // theme label from the taxonomy
    await click(button(container, 'Accept the twinning Palermo – Lyon'));
    const alert = await waitFor(() => container.querySelector('.twinning-actions [role=alert]'));
    expect(alert.textContent).toContain('Someone changed this twinning meanwhile');
    // read again: it shows where it stands, without the buttons that no longer apply
    await waitFor(() => container.querySelector('.twinning-status')!.textContent!.includes('Withdrawn'));
    expect(button(container, 'Accept the twinning Palermo – Lyon')).toBeNull();
    expect(container.querySelector('.consents')!.textContent).toContain('Lyon: no consent given');
    const post = fetchMock.mock.calls.find(([u]) => String(u) === '/api/twinnings/tw1/accept')!;
    expect(bodyOf(post[1]!)).toEqual({ version: 1 });
    expect(container.querySelector('a[download]')).toBeNull(); // no calendar before it is active
  });

  it('the plan editor checks dates before sending, places server field errors, and shows server warnings', async () => {
    const tw = twinning({ status: 'active', awaiting: [], threadId: 'th9', can: { end: true, editPlan: true } });
    let puts = 0;
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, me({ id: 'ana2', focal: [PALERMO.id] })),
      'GET /api/twinnings': () => json(200, { items: [], nextCursor: null }),
      'GET /api/twinnings/tw1': () => json(200, tw),
      'GET /api/taxonomy': () => json(200, taxonomy),
      'PUT /api/twinnings/tw1/plan': (_u, init) => {
        puts += 1;
        const body = bodyOf(init) as { visits: unknown[] };
        if (puts === 1) return problem(400, 'Bad Request', { errors: [{ path: ['body', 'activities', 0, 'title'], message: 'Title taken by another activity' }] });
        return json(200, {
          revision: 1, revisionCount: 1, objectives: ['Open a shared desk'], themes: ['solidarity.3'], activities: [], visits: body.visits,
          indicators: [], updatedAt: '2026-11-02T10:00:00Z', updatedBy: { id: 'ana2', name: 'Ana' },
          warnings: [{ code: 'return_visit_late', path: 'visits.1.startsOn', message: 'late' }],
        });
      },
    });
    const { container } = await renderApp('/twinnings/tw1');
    const form = await waitFor(() => container.querySelector('form.plan-editor'));
    expect(container.querySelector('a[href="/threads/th9"]')).not.toBeNull();
    expect(container.querySelector('a[download]')!.getAttribute('href')).toBe('/api/twinnings/tw1/calendar.ics');
    await type(labelled(form, 'Objectives'), 'Open a shared desk');
    await click(byText(form, 'Add an activity', 'button'));
    const row = form.querySelector('.plan-activities li')!;
    await type(labelled(row, 'Title'), 'Workshop');
    await type(labelled(row, 'Starts on'), '2027-03-10');
    await type(labelled(row, 'Ends on'), '2027-03-01');
    const visit = form.querySelectorAll('.plan-visit');
    await type(labelled(visit[0], 'Starts on'), '2027-01-10');
    await type(labelled(visit[0], 'Ends on'), '2027-01-12');
    await type(labelled(visit[1], 'Starts on'), '2028-05-10');
    await type(labelled(visit[1], 'Ends on'), '2028-05-12');
    await submit(form);
    expect(row.textContent).toContain('Ends before it starts.');
    expect(labelled(row, 'Ends on')!.getAttribute('aria-invalid')).toBe('true');
    expect(puts).toBe(0);
    expect(form.querySelector('.plan-warnings')!.textContent).toContain('more than 12 months after the visit');

    await type(labelled(row, 'Ends on'), '2027-03-12');
    await submit(form);
    await waitFor(() => row.textContent!.includes('Title taken by another activity'));
    expect(puts).toBe(1);
    const sent = bodyOf(fetchMock.mock.calls.find(([, i]) => i?.method === 'PUT')![1]!);
    expect(sent).toEqual({
      objectives: ['Open a shared desk'], themes: ['solidarity.3'],
      activities: [{ title: 'Workshop', cityId: PALERMO.id, startsOn: '2027-03-10', endsOn: '2027-03-12' }],
      visits: [
        { kind: 'visit', hostCityId: LYON.id, startsOn: '2027-01-10', endsOn: '2027-01-12' },
        { kind: 'return_visit', hostCityId: PALERMO.id, startsOn: '2028-05-10', endsOn: '2028-05-12' },
      ],
      indicators: [],
    });
    await click(byText(row, 'Remove', 'button'));
    await submit(form);
    await waitFor(() => form.textContent!.includes('Plan saved.'));
    expect(form.querySelector('.plan-warnings')!.textContent).toContain('The return visit is more than 12 months after the visit.');
  });

  it('the brokering board ranks pairs with reasons and proposes one with a note through its network', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, me({ id: 'mgr2', manages: [{ id: 'net1', name: 'Med cities' }] })),
      'GET /api/twinnings': () => json(200, { items: [], nextCursor: null }),
      'GET /api/taxonomy': () => json(200, taxonomy),
      'GET /api/networks/net1/brokering': () => json(200, { items: [{ cities: [PALERMO, LYON], score: 0.66, reasons: matches.items[0].reasons }] }),
      'POST /api/twinnings': () => json(201, twinning({ id: 'b1', status: 'proposed' })),
      'GET /api/twinnings/b1': () => json(200, twinning({ id: 'b1', status: 'proposed' })),
    });
    const { container } = await renderApp('/networks/net1/brokering');
    await waitFor(() => byText(container, 'Brokering board: Med cities', 'h1'));
    const pair = await waitFor(() => container.querySelector('.brokering-pair'));
    expect(pair.textContent).toContain('Mutual match 66%');
    expect(pair.textContent).toContain('Lyon offers safe arrival');
    await click(button(pair, 'Propose a twinning Palermo – Lyon'));
    await type(labelled(pair, 'Your note to both cities'), 'You share a corridor.');
    await submit(pair.querySelector('form'));
    await waitFor(() => byText(container, 'Palermo – Lyon', 'h1'));
    const post = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(bodyOf(post[1]!)).toEqual({ fromCityId: 'pal', toCityId: 'lyo', themes: ['solidarity.3', 'solidarity.1'], note: 'You share a corridor.', networkId: 'net1' });
  });

  it('ends an active twinning with a reason and an outcome, which then stay on the page', async () => {
    const tw = twinning({ status: 'active', awaiting: [], version: 3, can: { end: true } });
    const ended = twinning({
      status: 'ended', awaiting: [], version: 4, endReason: 'The project year is over', outcome: 'A shared reception desk in both cities',
      events: [{ id: 'e9', action: 'end', actor: { id: 'ana3', name: 'Ana' }, cityId: PALERMO.id, fromStatus: 'active', toStatus: 'ended', reason: 'The project year is over', at: '2026-12-01T10:00:00Z' }],
    });
    const fetchMock = mockFetch({
      'GET /api/me': () => json(200, me({ id: 'ana3', focal: [PALERMO.id] })),
      'GET /api/twinnings': () => json(200, { items: [], nextCursor: null }),
      'GET /api/twinnings/tw1': () => json(200, tw),
      'GET /api/taxonomy': () => json(200, taxonomy),
      'POST /api/twinnings/tw1/end': () => json(200, ended),
    });
    const { container } = await renderApp('/twinnings/tw1');
    const toggle = await waitFor(() => button(container, 'End the twinning Palermo – Lyon'));
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const form = container.querySelector('form.reason-form')!;
    await type(labelled(form, 'Reason'), 'The project year is over');
    await submit(form);
    expect(form.textContent).toContain('Write the outcome.');
    expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/end'))).toBe(false);
    await type(labelled(form, 'Outcome'), 'A shared reception desk in both cities');
    await submit(form);
    await waitFor(() => container.querySelector('.twinning-status')!.textContent!.includes('Ended'));
    const post = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/end'))!;
    expect(bodyOf(post[1]!)).toEqual({ reason: 'The project year is over', outcome: 'A shared reception desk in both cities', version: 3 });
    expect(container.textContent).toContain('A shared reception desk in both cities');
    expect(container.querySelector('.timeline')!.textContent).toContain('Ana ended the twinning for Palermo');
    expect(container.querySelector('form.plan-editor')).toBeNull();
  });

  it('shows an error state when the twinning cannot be loaded', async () => {
    mockFetch({
      'GET /api/me': () => json(200, me({ id: 'x' })),
      'GET /api/twinnings': () => json(200, { items: [], nextCursor: null }),
      'GET /api/twinnings/nope': () => problem(404, 'Not Found'),
    });
    const { container } = await renderApp('/twinnings/nope');
    const alert = await waitFor(() => container.querySelector('.error-state'));
    expect(alert.getAttribute('role')).toBe('alert');
  });
});
