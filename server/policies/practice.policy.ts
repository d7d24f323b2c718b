import type { PracticeStatus } from '../generated/prisma/client.ts';
import { isFocalPoint, isMemberOf, managesAnyOf, type Principal } from './principal.ts';

/** What the rules need to know about a practice: whose it is and where it stands. */
export type PracticeFacts = { cityId: string; authorId: string; status: PracticeStatus; cityNetworkIds: string[] };

const isAuthor = (p: Principal, f: PracticeFacts) => p.userId === f.authorId;
/** Reviewers: managers of any network the practice's city belongs to (and platform admins). */
const isReviewer = (p: Principal, f: PracticeFacts) => managesAnyOf(p, f.cityNetworkIds);

/**
 * Rules on good practices. Who may act is decided here (403); whether the practice's status allows the
 * move is the workflow's business (409), see practice.workflow.ts.
 *
 * - Published practices are public. Drafts, practices in review and archived ones are visible to their
 *   author, the members of their city and the reviewers only.
 * - Authors and the city's focal points edit while the practice is a draft; once submitted, only
 *   reviewers edit it (corrections before or after publishing); archived practices are frozen.
 */
export const practicePolicy = {
  canCreate: (p: Principal, cityId: string) => isMemberOf(p, cityId) || p.isAdmin,
  canView: (p: Principal | null, f: PracticeFacts) =>
    f.status === 'published' || (!!p && (isAuthor(p, f) || isMemberOf(p, f.cityId) || isReviewer(p, f))),
  canEdit: (p: Principal, f: PracticeFacts) =>
    isReviewer(p, f) || (f.status === 'draft' && (isAuthor(p, f) || isFocalPoint(p, f.cityId))),
  canSubmit: (p: Principal, f: PracticeFacts) => isAuthor(p, f) || isMemberOf(p, f.cityId) || isReviewer(p, f),
  canPublish: (p: Principal, f: PracticeFacts) => isReviewer(p, f),
  canReturn: (p: Principal, f: PracticeFacts) => isReviewer(p, f),
  canArchive: (p: Principal, f: PracticeFacts) => isAuthor(p, f) || isFocalPoint(p, f.cityId) || isReviewer(p, f),
  canSeeHistory: (p: Principal, f: PracticeFacts) => isAuthor(p, f) || isMemberOf(p, f.cityId) || isReviewer(p, f),
};
