import { useCallback } from 'react';
import { useSocket, useSocketEvent } from '../threads/useSocket';
import type { TwinningUpdatedEvent } from '../../../server/contract/twinnings.ts';

/**
 * Calls `onUpdate` on socket.io `twinning:updated` (sent after each committed move to both cities'
 * members and the broker) and on reconnection, when events may have been missed.
 */
export function useTwinningUpdates(onUpdate: (e: TwinningUpdatedEvent | null) => void) {
  const socket = useSocket();
  useSocketEvent(socket, 'twinning:updated', onUpdate);
  useSocketEvent(socket, 'connect', useCallback(() => onUpdate(null), [onUpdate]));
}
