import type { Language } from './languages';

import type { Messages } from './merge';

// re-exported so that the merge is in the first script, not in a chunk of its own every language chunk waits for
export { withFeatures } from './merge';

const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  en: () => import('./messages.en'),
  fr: () => import('./messages.fr'),
  es: () => import('./messages.es'),
};
const loaded = new Map<Language, Promise<Messages>>();

/** One language's strings (fetched once; main.tsx starts this before anything renders). */
export function loadMessages(lng: Language): Promise<Messages> {
  let p = loaded.get(lng);
  if (!p) {
    p = loaders[lng]().then((m) => m.default);
    p.catch(() => loaded.delete(lng)); // a failed fetch (offline) is tried again next time
    loaded.set(lng, p);
  }
  return p;
}
