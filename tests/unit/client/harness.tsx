// Test harness for client unit tests (no @testing-library: plain react-dom + act).
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, vi } from 'vitest';
import i18n, { i18nReady } from '../../../client/src/i18n';
import { AppRoutes } from '../../../client/src/App';
import { AuthProvider } from '../../../client/src/auth/AuthProvider';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export { i18n };
// main.tsx renders once the first language's strings are in; so do the tests
await i18nReady;

export interface Mounted {
  container: HTMLDivElement;
  root: Root;
  unmount: () => void;
}

const mounted: Mounted[] = [];

export async function render(ui: ReactNode): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(ui);
  });
  const m: Mounted = {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
  mounted.push(m);
  return m;
}

/** Render the whole app (layout + routes) at `path`, with realtime disabled. */
export function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider realtime={false}>
        <AppRoutes />
      </AuthProvider>
    </MemoryRouter>,
  );
}

export function cleanup() {
  while (mounted.length) mounted.pop()!.unmount();
  document.body.innerHTML = '';
}

/** Poll until `fn` stops throwing (or returns truthy), flushing React work in between. */
export async function waitFor<T>(fn: () => T, timeout = 2000): Promise<T> {
  const start = Date.now();
  let lastErr: unknown;
  while (Date.now() - start < timeout) {
    try {
      const v = fn();
      if (v !== false && v !== null && v !== undefined) return v;
      lastErr = new Error('condition returned ' + String(v));
    } catch (err) {
      lastErr = err;
    }
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
  throw lastErr;
}

export async function typeInto(input: Element | null, value: string) {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function selectOption(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error('not a select');
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function click(el: Element | null) {
  if (!(el instanceof HTMLElement)) throw new Error('not an element');
  await act(async () => {
    el.click();
  });
}

export async function submit(form: Element | null) {
  if (!(form instanceof HTMLFormElement)) throw new Error('not a form');
  await act(async () => {
    form.requestSubmit();
  });
}

export function byText(root: ParentNode, text: string | RegExp, selector = '*'): HTMLElement | null {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
    const full = el.textContent?.trim() ?? '';
    const match = (s: string) => (typeof text === 'string' ? s === text : text.test(s));
    if (match(own) || (el.children.length === 0 && match(full))) return el;
  }
  return null;
}

// ---- fetch mocking ----------------------------------------------------------

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: 'about:blank', title, status, ...extra });
}

export type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

/**
 * Replace global fetch with a router: keys are "METHOD /path" (query ignored).
 * Unmatched requests get a 404 problem. Returns the vi mock for assertions.
 */
/** GET /api/session derived from a mocked GET /api/me: its 401 becomes 200 `{ user: null }`. */
function sessionFromMe(me: Handler | undefined): Handler | undefined {
  if (!me) return undefined;
  return async (url, init) => {
    const res = await me(url, init);
    return res.status === 401 ? json(200, { user: null }) : res;
  };
}

export function mockFetch(routes: Record<string, Handler>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${(init.method ?? 'GET').toUpperCase()} ${url.pathname}`;
    const handler = routes[key] ?? (key === 'GET /api/session' ? sessionFromMe(routes['GET /api/me']) : undefined);
    if (!handler) return problem(404, 'Not Found', { detail: `No route ${key}` });
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

export function headerOf(init: RequestInit | undefined, name: string): string | undefined {
  const h = init?.headers;
  if (!h) return undefined;
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const entry = Object.entries(h as Record<string, string>).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

/** Each test starts in English with empty storage, and leaves no mounted tree or stubbed global behind. */
export function useCleanClientState() {
  beforeEach(async () => {
    localStorage.clear();
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}
