/** Who is making a request, as resolved from a session token. */
export type Actor = {
  userId: string;
  sessionId: string;
  user: { id: string; email: string; name: string; locale: string; isPlatformAdmin: boolean; createdAt: Date };
};
