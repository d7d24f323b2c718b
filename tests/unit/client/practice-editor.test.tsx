// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createPayload, emptyForm, fieldKey, serverErrors, updatePayload } from '../../../client/src/practices/editor/form-state';
import { checkNewPractice } from '../../../client/src/validation/practice';
import { click, json, mockFetch, problem, renderApp, typeInto, useCleanClientState, waitFor } from './harness';

const user = { id: 'u1', email: 'a@example.org', name: 'Amal', locale: 'en', isPlatformAdmin: false, createdAt: '2026-01-01T00:00:00.000Z' };
const me = () => json(200, { user, cities: [{ id: 'c1', name: 'Palermo', country: 'IT', role: 'practitioner' }], managedNetworks: [] });
const taxonomy = () => json(200, { principles: [{ slug: 'dignity', label: 'Dignity', priorities: [{ code: 'dignity.1', label: 'Decent reception' }] }] });
const routes = () => json(200, { items: [{ slug: 'central-mediterranean', name: 'Central Mediterranean' }] });

async function typeText(el: Element | null, value: string) {
  if (!(el instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('practice form state', () => {
  it('leaves empty optional fields out of a new practice and clears them with null on an edit', () => {
    const f = { ...emptyForm('c1'), title: 'T', summary: 'S', body: 'B', priorities: ['dignity.1'], budget: ' ', howTo: { ...emptyForm().howTo, process: 'Do it' } };
    const created = createPayload(f);
    expect(created).toEqual({ title: 'T', summary: 'S', body: 'B', cityId: 'c1', language: 'en', priorities: ['dignity.1'], routes: [], targetGroups: [], howTo: { process: 'Do it' } });
    const updated = updatePayload({ ...f, howTo: emptyForm().howTo }, 3);
    expect(updated).toMatchObject({ howTo: null, budget: null, contact: null, startedOn: null, version: 3 });
    expect(updated).not.toHaveProperty('cityId');
  });

  it('validates with the contract schema and files each problem under its input', () => {
    const problems = checkNewPractice(createPayload({ ...emptyForm('c1'), title: 'x'.repeat(201) }));
    const byField = new Map(problems.map((p) => [fieldKey(p.path), p.code]));
    expect(byField.get('title')).toBe('too_long');
    expect(byField.get('summary')).toBe('required');
    expect(byField.get('body')).toBe('required');
    expect(byField.has('priorities')).toBe(true);
    expect(fieldKey('howTo.process')).toBe('howTo.process');
    expect(fieldKey('routes.3')).toBe('routes');
    expect(serverErrors([{ path: 'priorities.0', message: 'Unknown priority' }, { path: '', message: 'whole' }]))
      .toEqual({ fields: { priorities: 'Unknown priority' }, other: ['whole'] });
  });
});

describe('the practice editor', () => {
  useCleanClientState();

  it('shows client-side errors next to the fields and sends nothing while the form is wrong', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': me, 'GET /api/taxonomy': taxonomy, 'GET /api/routes': routes });
    const { container } = await renderApp('/practices/new');
    const form = await waitFor(() => container.querySelector('form.form'));
    await click(Array.from(form!.querySelectorAll('button')).find((b) => b.textContent === 'Save draft')!);
    await waitFor(() => container.querySelector('[data-field="title"]'));
    expect(container.querySelector('[data-field="title"]')!.textContent).toBe('Required');
    expect(container.querySelector('[data-field="priorities"]')!.textContent).toBe('Choose at least one Charter priority');
    expect((container.querySelector('input[name="title"]') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST' && true)).toBe(false);
  });

  it('shows the server preview and the server\'s field errors next to the fields', async () => {
    const posted: unknown[] = [];
    mockFetch({
      'GET /api/me': me, 'GET /api/taxonomy': taxonomy, 'GET /api/routes': routes,
      'POST /api/practices/preview': (_u, init) => json(200, { bodyHtml: `<p><strong>${JSON.parse(String(init.body)).body.replace(/\*/g, '')}</strong></p>` }),
      'POST /api/practices': (_u, init) => {
        posted.push(JSON.parse(String(init.body)));
        return problem(400, 'Bad Request', { detail: 'The request has invalid fields', errors: [{ path: 'language', message: 'Unknown language "xx"' }] });
      },
    });
    const { container } = await renderApp('/practices/new');
    await waitFor(() => container.querySelector('input[name="title"]'));
    await typeInto(container.querySelector('input[name="title"]'), 'Harbour desk');
    await typeText(container.querySelector('textarea[name="summary"]'), 'Interpreters at the quay');
    await typeText(container.querySelector('textarea[name="body"]'), '**Every boat**');
    await waitFor(() => container.querySelector('[data-testid="preview"] strong')?.textContent === 'Every boat', 3000);
    await click(container.querySelector('input[value="dignity.1"]'));
    await click(Array.from(container.querySelectorAll('button')).find((b) => b.textContent === 'Save draft')!);
    await waitFor(() => container.querySelector('[data-field="language"]'));
    expect(container.querySelector('[data-field="language"]')!.textContent).toBe('Unknown language "xx"');
    expect(posted).toEqual([expect.objectContaining({ title: 'Harbour desk', cityId: 'c1', priorities: ['dignity.1'], body: '**Every boat**' })]);
  });
});
