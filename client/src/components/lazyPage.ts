import { lazy, type ComponentType } from 'react';

/**
 * A page loaded on first visit (its own chunk): the first page downloads only the code it shows.
 * Pages are named exports, so `name` picks the component out of the module.
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
