import { forbidden } from '../lib/errors.ts';

/** Turns a policy's answer into a 403 when it is no. */
export function assert(allowed: boolean, message?: string): asserts allowed {
  if (!allowed) throw forbidden(message);
}
