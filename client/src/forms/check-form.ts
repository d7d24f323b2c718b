import type { FieldProblem } from '../validation/check';
import type { FormName } from '../validation/forms';

type T = (key: string, opts?: Record<string, unknown>) => string;
export type FieldErrors = Record<string, string>;

const load = () => import('../validation/forms');

/** Starts loading the checks (on a form's first focus) so the first submit does not wait for them. */
export const prefetchFormChecks = () => { void load(); };

/**
 * Checks a form's request body with the contract schema of its endpoint and returns messages by field
 * (first problem wins), in the user's language from each problem's code.
 * `hints` word a field's problem better than the generic messages: `hints[field]` for any but "required",
 * `hints['field.code']` for one code only (`password.too_short`).
 */
export async function checkForm(form: FormName, body: unknown, t: T, hints: Hints = {}): Promise<FieldErrors> {
  const { formChecks } = await load();
  return fieldErrors(formChecks[form](body), t, hints);
}

export type Hints = Record<string, string>;

/** Messages by the path's first segment (`stages`) and by the whole path (`stages.origin.2`). */
export function fieldErrors(problems: FieldProblem[], t: T, hints: Hints = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const key = p.path.split('.')[0] ?? '';
    const message = hints[`${key}.${p.code}`]
      ?? (p.code === 'required' ? t('auth.validation.required') : undefined)
      ?? hints[key]
      ?? (p.code === 'email' ? t('auth.validation.email')
        : p.code === 'too_short' ? t('forms.tooShort', { min: p.min })
        : p.code === 'too_long' ? t('forms.tooLong', { max: p.max })
        : p.code === 'too_many' ? t('forms.tooMany', { max: p.max })
        : t('forms.invalid'));
    out[key] ??= message;
    out[p.path] ??= message;
  }
  return out;
}
