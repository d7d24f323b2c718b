import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/http';
import type { User } from '../../../server/contract/auth.ts';
import { connectRealtime, disconnectRealtime, subscribeNotifications, type NotificationListener } from '../realtime';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  locale?: string;
}

export interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  /** Re-read the session from GET /api/session (200 with null when anonymous). */
  refresh: () => Promise<User | null>;
  /** POST /api/auth/login; throws ApiError (e.g. 400 with field errors, 401). */
  login: (email: string, password: string) => Promise<User>;
  /** POST /api/auth/register then log in; throws ApiError. */
  register: (input: RegisterInput) => Promise<User>;
  /** POST /api/auth/logout; always ends the local session. */
  logout: () => Promise<void>;
  /** Subscribe to real-time `notification:new` events (only delivered while signed in). */
  onNotification: (listener: NotificationListener) => () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * `initialSession`: GET /api/session already on its way (main.tsx starts it before the first render, so
 * it travels beside the page's scripts on a slow link); used by the first check instead of a new request.
 */
export function AuthProvider({ children, realtime = true, initialSession }: { children: ReactNode; realtime?: boolean; initialSession?: Promise<{ user: User | null }> }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  // The login token is kept in memory only (never in storage); the httpOnly cookie is the session.
  const tokenRef = useRef<string | null>(null);
  const initial = useRef(initialSession);

  const refresh = useCallback(async (signal?: AbortSignal, first = false) => {
    const pending = first ? initial.current : undefined;
    try {
      const { user: me } = await (pending ?? api.session(signal));
      if (pending && !signal?.aborted) initial.current = undefined;
      if (!me) throw new ApiError({ status: 401, title: 'Not signed in' });
      setUser(me);
      setStatus('authenticated');
      return me;
    } catch (err) {
      if (signal?.aborted) return null;
      if (pending) initial.current = undefined;
      if (!(err instanceof ApiError && err.status === 401)) {
        console.warn('Could not load the current session', err);
      }
      tokenRef.current = null;
      setUser(null);
      setStatus('anonymous');
      return null;
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal, true);
    return () => controller.abort();
  }, [refresh]);

  const login = useCallback(async (email: string, password: string) => {
    const res = await api.login(email, password);
    tokenRef.current = res.token ?? null;
    setUser(res.user);
    setStatus('authenticated');
    return res.user;
  }, []);

  const register = useCallback(
    async (input: RegisterInput) => {
      await api.register(input);
      return login(input.email, input.password);
    },
    [login],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (err) {
      console.warn('Sign-out request failed; clearing the local session anyway', err);
    } finally {
      tokenRef.current = null;
      setUser(null);
      setStatus('anonymous');
    }
  }, []);

  // Real-time connection follows the session.
  const userId = user?.id ?? null;
  useEffect(() => {
    if (!realtime || !userId) return;
    connectRealtime({ token: tokenRef.current });
    return () => disconnectRealtime();
  }, [realtime, userId]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      refresh: () => refresh(),
      login,
      register,
      logout,
      onNotification: subscribeNotifications,
    }),
    [status, user, refresh, login, register, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
