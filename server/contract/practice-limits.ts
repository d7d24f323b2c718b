/** Size limits of a practice's fields, in characters (documented in docs/practices.md). */
export const PRACTICE_LIMITS = {
  title: 200,
  summary: 1_000,
  /** The Markdown source of the body. */
  body: 50_000,
  howToField: 10_000,
  outcomes: 10_000,
  budget: 200,
  contact: 500,
  priorities: 10,
  routes: 12,
  targetGroups: 10,
} as const;
