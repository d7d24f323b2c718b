import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Message, ThreadSummary } from '../../../server/contract/threads.ts';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';
import { Empty, ErrorState, Loading } from '../components/Status';
import { formatDate, useDocumentTitle } from '../format';
import { useSocket, useSocketEvent } from '../threads/useSocket';
import { SampleBadge } from '../components/SampleBadge';

/** The user's threads, most recently active first, with unread badges kept live. */
export function ThreadsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { user, status } = useAuth();
  const socket = useSocket();
  useDocumentTitle(t('threads.title'), t('app.name'));
  const [state, reload] = useApi((signal) => api.threads({}, signal), [status]);
  const [items, setItems] = useState<ThreadSummary[]>([]);
  useEffect(() => { if (state.status === 'success') setItems(state.data.items); }, [state]);

  const onActivity = useCallback((threadId: string, lastSeq: number, message: Message) => {
    setItems((all) => {
      const found = all.find((x) => x.id === threadId);
      if (!found) { reload(); return all; }
      if (lastSeq <= found.lastSeq && found.lastMessage) return all;
      const others = message.author.id !== user?.id;
      const updated = { ...found, lastSeq, lastMessage: message, unreadCount: found.unreadCount + (others ? 1 : 0) };
      return [updated, ...all.filter((x) => x.id !== threadId)];
    });
  }, [reload, user?.id]);
  useSocketEvent(socket, 'thread:activity', useCallback((e: { threadId: string; lastSeq: number; message: Message }) => {
    onActivity(e.threadId, e.lastSeq, e.message);
  }, [onActivity]));
  // a thread this socket is still in (the server then sends `message:new` instead of `thread:activity`)
  useSocketEvent(socket, 'message:new', useCallback((e: { threadId: string; message: Message }) => {
    if (e?.message) onActivity(e.threadId, e.message.seq, e.message);
  }, [onActivity]));
  useSocketEvent(socket, 'thread:read', useCallback((e: { threadId: string; userId: string; seq: number; unreadCount?: number }) => {
    if (e.userId !== user?.id || e.unreadCount === undefined) return;
    setItems((all) => all.map((x) => (x.id === e.threadId ? { ...x, lastReadSeq: e.seq, unreadCount: e.unreadCount! } : x)));
  }, [user?.id]));
  useSocketEvent(socket, 'connect', reload);

  if (status === 'anonymous') return <p><Link to="/signin">{t('threads.signIn')}</Link></p>;
  return (
    <section>
      <h1>{t('threads.title')}</h1>
      <p className="muted">{t('threads.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (items.length === 0 ? <Empty>{t('threads.empty')}</Empty> : (
        <ul className="thread-list">
          {items.map((th) => (
            <li key={th.id} className="card thread-item" data-thread={th.id}>
              <h2>
                <Link to={`/threads/${encodeURIComponent(th.id)}`}>{th.title}</Link>
                <SampleBadge show={th.isSample} />
                {th.unreadCount > 0 && (
                  <span className="badge unread" aria-label={t('threads.unread', { count: th.unreadCount })}>{th.unreadCount}</span>
                )}
              </h2>
              <p className="muted small">{th.cities.map((c) => c.name).join(' · ')}</p>
              {th.lastMessage && (
                <p className="last-message">
                  <strong>{th.lastMessage.author.name}:</strong>{' '}
                  {th.lastMessage.deletedAt ? t('threads.deleted') : th.lastMessage.body.slice(0, 140)}
                  <span className="muted small"> · {formatDate(th.lastMessage.createdAt, lang, { dateStyle: 'short', timeStyle: 'short' })}</span>
                </p>
              )}
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}
