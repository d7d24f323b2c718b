import type { PracticeStatus } from '../../generated/prisma/client.ts';

export type Transition = 'submit' | 'publish' | 'return' | 'archive';

/** The workflow: draft → in_review → published → archived, with a way back to the author and a republish. */
export const TRANSITIONS: Record<Transition, { from: PracticeStatus[]; to: PracticeStatus; action: string }> = {
  submit: { from: ['draft'], to: 'in_review', action: 'submitted' },
  publish: { from: ['in_review', 'archived'], to: 'published', action: 'published' },
  return: { from: ['in_review'], to: 'draft', action: 'returned' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived', action: 'archived' },
};

/** The search index holds published practices only: a change matters to it when either side is published. */
export const touchesIndex = (before: PracticeStatus, after: PracticeStatus) => before === 'published' || after === 'published';
