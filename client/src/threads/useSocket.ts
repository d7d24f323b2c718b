import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { getRealtimeStatus, getSocket, subscribeRealtimeStatus, type RealtimeStatus } from '../realtime';

/** The app's socket (null while signed out); re-renders when its connection status changes. */
export function useSocket(): Socket | null {
  const [, setTick] = useState(0);
  useEffect(() => subscribeRealtimeStatus(() => setTick((n) => n + 1)), []);
  return getSocket();
}

/**
 * True once the live connection has been away for `graceMs` (a laptop asleep, a train tunnel, a node
 * restarting): long enough not to flash on a page load or a quick reconnect.
 */
export function useConnectionLost(graceMs = 1500): boolean {
  const [status, setStatus] = useState<RealtimeStatus>(getRealtimeStatus);
  const [lost, setLost] = useState(false);
  useEffect(() => subscribeRealtimeStatus(setStatus), []);
  useEffect(() => {
    if (status === 'connected' || status === 'unauthorized') {
      setLost(false);
      return;
    }
    const timer = setTimeout(() => setLost(true), graceMs);
    return () => clearTimeout(timer);
  }, [status, graceMs]);
  return lost;
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
