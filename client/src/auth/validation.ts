import { type ApiError } from '../api/http';

export const MIN_PASSWORD_LENGTH = 10;

export type FieldErrors = Record<string, string>;

/**
 * Split a problem's field errors into those that belong to a known form field
 * (shown next to the field) and the rest (shown in the form summary).
 */
export function splitServerErrors(err: ApiError, fields: readonly string[]): { fields: FieldErrors; other: string[] } {
  const out: FieldErrors = {};
  const other: string[] = [];
  for (const e of err.errors ?? []) {
    const key = fields.find((f) => e.path === f || e.path.split('.').at(-1) === f || e.path.startsWith(`${f}.`));
    if (key) {
      if (!(key in out)) out[key] = e.message;
    } else if (e.message) {
      other.push(e.path ? `${e.path}: ${e.message}` : e.message);
    }
  }
  return { fields: out, other };
}
