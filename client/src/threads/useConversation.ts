import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '../../../server/contract/threads.ts';
import { api } from '../api/client';
import { createThreadSync } from './thread-sync';
import { useSocket, useSocketEvent } from './useSocket';

const TYPING_SHOWN_MS = 3000;

/**
 * One open conversation: its messages (kept by the gap-fill module), live events, presence, typing
 * and read positions. Joins the thread's room on every (re)connect; the ack's lastSeq, a skipped seq
 * or the browser coming back online make it fetch `?after=` what it missed.
 */
export function useConversation(threadId: string) {
  const socket = useSocket();
  const [messages, setMessages] = useState<Message[]>([]);
  const [ready, setReady] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [presence, setPresence] = useState<string[]>([]);
  const [typing, setTyping] = useState<Record<string, number>>({});
  const [reads, setReads] = useState<Record<string, number>>({});
  const [loadError, setLoadError] = useState<unknown>(null);

  const sync = useMemo(() => createThreadSync({
    fetchAfter: (after) => api.messages(threadId, { after, limit: 100 }),
    onChange: setMessages,
    onError: (err) => console.warn('catching up failed; will retry', err),
  }), [threadId]);

  useEffect(() => {
    const controller = new AbortController();
    setReady(false);
    api.messages(threadId, { limit: 50 }, controller.signal).then(
      (page) => {
        sync.start(page.items);
        setHasOlder(page.nextSeq !== null);
        setReady(true);
      },
      (err) => { if (!controller.signal.aborted) setLoadError(err); },
    );
    return () => controller.abort();
  }, [threadId, sync]);

  // join on connect and on every reconnect (through whichever node answers)
  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.timeout(5000).emit('thread:join', { threadId }, (err: unknown, ack?: { ok: boolean; lastSeq?: number }) => {
        if (!err && ack?.ok && typeof ack.lastSeq === 'number') void sync.joined(ack.lastSeq);
      });
    };
    if (socket.connected) join();
    socket.on('connect', join);
    const online = () => void sync.resync();
    window.addEventListener('online', online);
    return () => {
      socket.off('connect', join);
      window.removeEventListener('online', online);
      if (socket.connected) socket.emit('thread:leave', { threadId });
    };
  }, [socket, threadId, sync]);

  const onMessage = useCallback((e: { threadId: string; message: Message }) => {
    if (e?.threadId === threadId && e.message) sync.received(e.message);
  }, [threadId, sync]);
  useSocketEvent(socket, 'message:new', useCallback((e: { threadId: string; message: Message }) => {
    onMessage(e);
    // the message they were typing has arrived: stop saying they are typing
    const authorId = e?.threadId === threadId ? e.message?.author?.id : undefined;
    if (authorId) setTyping((t) => { if (!(authorId in t)) return t; const { [authorId]: _sent, ...rest } = t; return rest; });
  }, [onMessage, threadId]));
  useSocketEvent(socket, 'message:updated', onMessage);
  useSocketEvent(socket, 'thread:presence', useCallback((e: { threadId: string; userIds: string[] }) => {
    if (e?.threadId === threadId) setPresence(e.userIds);
  }, [threadId]));
  useSocketEvent(socket, 'thread:typing', useCallback((e: { threadId: string; userId: string }) => {
    if (e?.threadId === threadId) setTyping((t) => ({ ...t, [e.userId]: Date.now() + TYPING_SHOWN_MS }));
  }, [threadId]));
  useSocketEvent(socket, 'thread:read', useCallback((e: { threadId: string; userId: string; seq: number }) => {
    if (e?.threadId === threadId) setReads((r) => ({ ...r, [e.userId]: Math.max(r[e.userId] ?? 0, e.seq) }));
  }, [threadId]));

  // typing indicators fade by themselves
  useEffect(() => {
    const ids = Object.keys(typing);
    if (!ids.length) return;
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((t) => Object.fromEntries(Object.entries(t).filter(([, until]) => until > now)));
    }, 500);
    return () => clearTimeout(timer);
  }, [typing]);

  const lastTyped = useRef(0);
  const sendTyping = useCallback(() => {
    if (!socket?.connected || Date.now() - lastTyped.current < 2000) return;
    lastTyped.current = Date.now();
    socket.emit('thread:typing', { threadId });
  }, [socket, threadId]);

  const loadOlder = useCallback(async () => {
    const page = await api.messages(threadId, { before: sync.log.floor + 1, limit: 50 });
    sync.prepend(page.items);
    setHasOlder(page.nextSeq !== null);
  }, [threadId, sync]);

  return {
    messages, ready, hasOlder, loadOlder, presence, reads, loadError,
    typingUserIds: Object.keys(typing),
    sendTyping,
    lastSeq: sync.lastSeq,
    /** What the user's own post/edit returned: shown at once, the live event is then a duplicate. */
    apply: (m: Message) => sync.received(m),
  };
}
