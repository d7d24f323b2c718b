import type { JoinRequest } from '../contract/join-requests.ts';

/** What `presentJoinRequest` needs loaded with a join request row. */
export const joinRequestInclude = {
  city: { select: { id: true, name: true, countryCode: true } },
  user: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string; role: 'focal_point' | 'practitioner'; message: string | null; status: 'pending' | 'approved' | 'declined';
  reason: string | null; decidedAt: Date | null; createdAt: Date;
  city: { id: string; name: string; countryCode: string | null };
  user: { id: string; name: string; email: string };
  decidedBy: { id: string; name: string } | null;
};

export const presentJoinRequest = (r: Row): JoinRequest => ({
  id: r.id,
  city: { id: r.city.id, name: r.city.name, country: r.city.countryCode },
  user: r.user,
  role: r.role,
  message: r.message,
  status: r.status,
  reason: r.reason,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});
