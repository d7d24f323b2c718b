type NotificationRow = { id: string; type: string; payload: unknown; createdAt: Date; readAt: Date | null };

export const presentNotification = (n: NotificationRow) => ({
  id: n.id,
  type: n.type,
  payload: n.payload,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});
