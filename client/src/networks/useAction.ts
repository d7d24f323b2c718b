import { useState } from 'react';
import { asApiError } from '../api/useApi';
import type { ApiError } from '../api/http';

/** One form action: busy while it runs, the server's problem (with field errors) when it fails or the client's check's. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const act = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    setLocal({});
    try {
      return await run(...args);
    } catch (err) {
      setError(asApiError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  /** Problems found before sending (the contract's schema), shown as the server's would be. */
  const invalid = (errors: Record<string, string>) => {
    setError(null);
    setLocal(errors);
  };
  return { act, busy, error, fieldErrors: { ...error?.fieldErrors, ...local }, invalid, reset: () => { setError(null); setLocal({}); } };
}
