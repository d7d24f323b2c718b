/**
 * The one door through which the client imports the contract's zod schemas as values (see the
 * `client-contract-types-only` rule): forms validate with the very schemas the API validates with.
 */
import { createPracticeBody, updatePracticeBody } from '../../../server/contract/practices.ts';
import { PRACTICE_LIMITS } from '../../../server/contract/practice-limits.ts';
import { TARGET_GROUPS, TARGET_GROUP_CODES } from '../../../server/contract/target-groups.ts';
import { checker } from './check';

export { PRACTICE_LIMITS, TARGET_GROUPS, TARGET_GROUP_CODES };
export type { FieldProblem } from './check';

/** Checks a new practice as POST /api/practices will; [] when it would pass. */
export const checkNewPractice = checker(createPracticeBody);

/** Checks a change as PATCH /api/practices/:id will. */
export const checkPracticeChange = checker(updatePracticeBody);
