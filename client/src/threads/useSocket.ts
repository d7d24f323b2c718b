import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { getSocket, subscribeRealtimeStatus } from '../realtime';

/** The app's socket (null while signed out); re-renders when its connection status changes. */
export function useSocket(): Socket | null {
  const [, setTick] = useState(0);
  useEffect(() => subscribeRealtimeStatus(() => setTick((n) => n + 1)), []);
  return getSocket();
}

/** Subscribes to a socket event for as long as the component is mounted. */
export function useSocketEvent<T>(socket: Socket | null, event: string, handler: (data: T) => void) {
  useEffect(() => {
    if (!socket) return;
    const h = (data: T) => handler(data);
    socket.on(event, h);
    return () => {
      socket.off(event, h);
    };
  }, [socket, event, handler]);
}
