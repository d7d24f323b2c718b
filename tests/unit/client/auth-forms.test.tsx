// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { byText, i18n, json, mockFetch, problem, renderApp, submit, typeInto, waitFor, useCleanClientState } from './harness';

const anonymous = () => problem(401, 'Unauthorized');

function fieldError(container: HTMLElement, name: string): string | null {
  const input = container.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!input) throw new Error(`no input ${name}`);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const err = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field-error'));
  return err ? err.textContent : null;
}

describe('sign-in form', () => {
  useCleanClientState();

  it('shows problem+json field errors next to the fields', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'POST /api/auth/login': () =>
        problem(400, 'Invalid request', {
          errors: [
            { path: 'email', message: 'Email is not registered in a valid format' },
            { path: 'password', message: 'Password is required by the server' },
          ],
        }),
    });
    const { container } = await renderApp('/signin');
    await waitFor(() => container.querySelector('form'));

    await typeInto(container.querySelector('input[name="email"]'), 'someone@example.org');
    await typeInto(container.querySelector('input[name="password"]'), 'whatever-long');
    await submit(container.querySelector('form'));

    await waitFor(() => fieldError(container, 'email'));
    expect(fieldError(container, 'email')).toBe('Email is not registered in a valid format');
    expect(fieldError(container, 'password')).toBe('Password is required by the server');
    expect(container.querySelector('input[name="email"]')!.getAttribute('aria-invalid')).toBe('true');

    const loginCall = fetchMock.mock.calls.find(([u]) => String(u) === '/api/auth/login');
    expect(JSON.parse(String(loginCall![1]!.body))).toEqual({ email: 'someone@example.org', password: 'whatever-long' });
  });

  it('shows a form-level message on 401 and validates locally before calling the API', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': anonymous, 'POST /api/auth/login': () => problem(401, 'Unauthorized') });
    const { container } = await renderApp('/signin');
    await waitFor(() => container.querySelector('form'));

    await submit(container.querySelector('form'));
    expect(fieldError(container, 'email')).toBe('This field is required.');
    expect(fetchMock.mock.calls.some(([u]) => String(u) === '/api/auth/login')).toBe(false);

    await typeInto(container.querySelector('input[name="email"]'), 'someone@example.org');
    await typeInto(container.querySelector('input[name="password"]'), 'wrong-password');
    await submit(container.querySelector('form'));
    await waitFor(() => byText(container, 'The email or password is incorrect.'));
  });

  it('signs in and shows the profile', async () => {
    let signedIn = false;
    const user = { id: 'u1', email: 'amina@example.org', name: 'Amina Diallo', locale: 'fr' };
    mockFetch({
      'GET /api/me': () => (signedIn ? json(200, { user }) : anonymous()),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, { token: 'tok', user });
      },
    });
    const { container } = await renderApp('/me');
    // anonymous → redirected to sign in
    await waitFor(() => container.querySelector('form input[name="password"]'));
    await typeInto(container.querySelector('input[name="email"]'), user.email);
    await typeInto(container.querySelector('input[name="password"]'), 'correct horse battery');
    await submit(container.querySelector('form'));
    await waitFor(() => byText(container, 'My profile', 'h1'));
    expect(container.textContent).toContain('Amina Diallo');
    expect(container.textContent).toContain('Sign out');
  });
});

describe('register form', () => {
  useCleanClientState();

  it('requires a password of at least 10 characters', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': anonymous });
    const { container } = await renderApp('/register');
    await waitFor(() => container.querySelector('form'));
    await typeInto(container.querySelector('input[name="name"]'), 'Amina');
    await typeInto(container.querySelector('input[name="email"]'), 'amina@example.org');
    await typeInto(container.querySelector('input[name="password"]'), 'short');
    await submit(container.querySelector('form'));
    expect(fieldError(container, 'password')).toBe('The password must be at least 10 characters long.');
    expect(fetchMock.mock.calls.some(([u]) => String(u) === '/api/auth/register')).toBe(false);
  });

  it('registers with the current locale, then logs in', async () => {
    await i18n.changeLanguage('es');
    const user = { id: 'u2', email: 'luis@example.org', name: 'Luis', locale: 'es' };
    const fetchMock = mockFetch({
      'GET /api/me': anonymous,
      'POST /api/auth/register': () => json(201, { user }),
      'POST /api/auth/login': () => json(200, { token: 'tok', user }),
    });
    const { container } = await renderApp('/register');
    await waitFor(() => container.querySelector('form'));
    await typeInto(container.querySelector('input[name="name"]'), 'Luis');
    await typeInto(container.querySelector('input[name="email"]'), 'luis@example.org');
    await typeInto(container.querySelector('input[name="password"]'), 'a-long-enough-password');
    await submit(container.querySelector('form'));
    await waitFor(() => byText(container, 'Mi perfil', 'h1'));
    const reg = fetchMock.mock.calls.find(([u]) => String(u) === '/api/auth/register');
    expect(JSON.parse(String(reg![1]!.body))).toEqual({
      name: 'Luis',
      email: 'luis@example.org',
      password: 'a-long-enough-password',
      locale: 'es',
    });
    expect(fetchMock.mock.calls.some(([u]) => String(u) === '/api/auth/login')).toBe(true);
  });

  it('shows a server conflict on the email field', async () => {
    mockFetch({
      'GET /api/me': anonymous,
      'POST /api/auth/register': () =>
        problem(409, 'Conflict', { detail: 'Email already registered', errors: [{ path: 'body.email', message: 'Already registered' }] }),
    });
    const { container } = await renderApp('/register');
    await waitFor(() => container.querySelector('form'));
    await typeInto(container.querySelector('input[name="name"]'), 'Amina');
    await typeInto(container.querySelector('input[name="email"]'), 'amina@example.org');
    await typeInto(container.querySelector('input[name="password"]'), 'a-long-enough-password');
    await submit(container.querySelector('form'));
    await waitFor(() => fieldError(container, 'email'));
    expect(fieldError(container, 'email')).toBe('Already registered');
  });
});
