import type { z } from 'zod';

/** A zod issue as the forms show it: the field's path and a code they translate. */
export type FieldProblem = {
  path: string;
  code: 'required' | 'too_short' | 'too_long' | 'too_many' | 'email' | 'invalid';
  min?: number;
  max?: number;
  message: string;
};

/** zod issues as field problems keyed by their path. */
export function problems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const { message } = issue;
    if (issue.code === 'too_small' && issue.origin === 'string') {
      const min = Number(issue.minimum);
      return min <= 1 ? { path, code: 'required', message } : { path, code: 'too_short', min, message };
    }
    if (issue.code === 'too_small' && issue.origin === 'array' && Number(issue.minimum) === 1) return { path, code: 'required', message };
    if (issue.code === 'too_big' && issue.origin === 'string') return { path, code: 'too_long', max: Number(issue.maximum), message };
    if (issue.code === 'too_big' && issue.origin === 'array') return { path, code: 'too_many', max: Number(issue.maximum), message };
    if (issue.code === 'invalid_format' && issue.format === 'email') return { path, code: 'email', message };
    return { path, code: 'invalid', message };
  });
}

/** A check with the schema the API validates the same body with: [] when the request would pass. */
export const checker = (schema: z.ZodType) => (input: unknown): FieldProblem[] => {
  const r = schema.safeParse(input);
  return r.success ? [] : problems(r.error);
};
