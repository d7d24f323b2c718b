/**
 * The one door through which the client imports the contract's zod schemas as values (see the
 * `client-contract-types-only` rule): forms validate with the very schemas the API validates with.
 */
import type { z } from 'zod';
import { createPracticeBody, updatePracticeBody } from '../../../server/contract/practices.ts';
import { PRACTICE_LIMITS } from '../../../server/contract/practice-limits.ts';
import { TARGET_GROUPS, TARGET_GROUP_CODES } from '../../../server/contract/target-groups.ts';

export { PRACTICE_LIMITS, TARGET_GROUPS, TARGET_GROUP_CODES };

export type FieldProblem = { path: string; code: 'required' | 'too_long' | 'invalid'; max?: number; message: string };

/** zod issues as field problems keyed by their path, with a code the form translates. */
function problems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'too_small' && Number(issue.minimum) === 1) return { path, code: 'required', message: issue.message };
    if (issue.code === 'too_big' && issue.origin === 'string') return { path, code: 'too_long', max: Number(issue.maximum), message: issue.message };
    return { path, code: 'invalid', message: issue.message };
  });
}

/** Checks a new practice as POST /api/practices will; [] when it would pass. */
export const checkNewPractice = (input: unknown): FieldProblem[] => {
  const r = createPracticeBody.safeParse(input);
  return r.success ? [] : problems(r.error);
};

/** Checks a change as PATCH /api/practices/:id will. */
export const checkPracticeChange = (input: unknown): FieldProblem[] => {
  const r = updatePracticeBody.safeParse(input);
  return r.success ? [] : problems(r.error);
};
