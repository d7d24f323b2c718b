import { useState } from 'react';
import { asApiError } from '../api/useApi';
import type { ApiError } from '../api/http';

/** One form action: busy while it runs, the server's problem (with field errors) when it fails. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const act = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await run(...args);
    } catch (err) {
      setError(asApiError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { act, busy, error, fieldErrors: error?.fieldErrors ?? {}, reset: () => setError(null) };
}
