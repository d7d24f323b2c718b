import { useEffect, useState } from 'react';
import { practicesApi } from './api';

/**
 * The body rendered by the server's own renderer (what readers will see, sanitised there), a moment
 * after typing stops; stale requests are aborted so the preview never shows an older text.
 */
export function usePreview(body: string, delayMs = 300) {
  const [state, setState] = useState<{ html: string; pending: boolean; failed: boolean }>({ html: '', pending: false, failed: false });
  useEffect(() => {
    if (!body.trim()) {
      setState({ html: '', pending: false, failed: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      practicesApi.preview(body, controller.signal).then(
        (r) => setState({ html: r.bodyHtml, pending: false, failed: false }),
        () => { if (!controller.signal.aborted) setState((s) => ({ ...s, pending: false, failed: true })); },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [body, delayMs]);
  return state;
}
