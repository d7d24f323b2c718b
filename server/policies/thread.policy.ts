import { isMemberOf, managesAnyOf, type Principal } from './principal.ts';

/** What the rules need to know about a thread: its cities and the networks those cities belong to. */
export type ThreadFacts = { cityIds: string[]; cityNetworkIds: string[] };

/** Participants: members of a participating city. */
const isParticipant = (p: Principal, f: ThreadFacts) => f.cityIds.some((c) => isMemberOf(p, c));
/** Moderators: managers of a network one of the cities belongs to (and platform admins). */
const isModerator = (p: Principal, f: ThreadFacts) => managesAnyOf(p, f.cityNetworkIds);

/**
 * Rules on peer-exchange threads. Members of the participating cities take part (read, post, invite
 * another city); managers of those cities' networks read and moderate (delete any message, invite) but
 * do not post in the cities' name. Only the author edits a message, and only while still a participant.
 */
export const threadPolicy = {
  /** Start a thread in the name of `fromCityId`. */
  canCreate: (p: Principal, fromCityId: string) => isMemberOf(p, fromCityId),
  canRead: (p: Principal, f: ThreadFacts) => isParticipant(p, f) || isModerator(p, f),
  canPost: (p: Principal, f: ThreadFacts) => isParticipant(p, f),
  canInvite: (p: Principal, f: ThreadFacts) => isParticipant(p, f) || isModerator(p, f),
  canEditMessage: (p: Principal, f: ThreadFacts, authorId: string) => p.userId === authorId && isParticipant(p, f),
  canDeleteMessage: (p: Principal, f: ThreadFacts, authorId: string) => (p.userId === authorId && isParticipant(p, f)) || isModerator(p, f),
  canModerate: (p: Principal, f: ThreadFacts) => isModerator(p, f),
};
