import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Thread } from '../../../server/contract/threads.ts';
import { api } from '../api/client';
import { asApiError, useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';
import { MessageComposer } from '../components/MessageComposer';
import { MessageItem } from '../components/MessageItem';
import { ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';
import { useConversation } from '../threads/useConversation';
import { useConnectionLost } from '../threads/useSocket';
import '../threads/threads.css';
import { SampleBadge } from '../components/SampleBadge';

export function ThreadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [state, reload] = useApi((signal) => api.thread(id, signal), [id]);
  useDocumentTitle(state.status === 'success' ? state.data.title : t('threads.title'), t('app.name'));
  return (
    <article className="thread-page">
      <p className="breadcrumb"><Link to="/threads">← {t('threads.back')}</Link></p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && <Conversation key={state.data.id} thread={state.data} />}
    </article>
  );
}

function Conversation({ thread }: { thread: Thread }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { user } = useAuth();
  const c = useConversation(thread.id);
  const connectionLost = useConnectionLost();
  const list = useRef<HTMLOListElement>(null);
  const loadingOlder = useRef(false);
  const stickToBottom = useRef(true);
  const nameOf = useMemo(() => new Map(thread.participants.map((p) => [p.id, p.name])), [thread.participants]);
  const myCities = useMemo(() => new Set(thread.participants.find((p) => p.id === user?.id)?.cityIds ?? []), [thread.participants, user?.id]);

  // how far each other city has read: what the thread said, moved on by live `thread:read`
  const seenByAt = useMemo(() => {
    const at = new Map<number, string[]>();
    const newest = c.messages.at(-1)?.seq ?? 0;
    for (const city of thread.cities) {
      if (myCities.has(city.id)) continue;
      let seq = thread.seenBy.find((s) => s.cityId === city.id)?.seq ?? 0;
      const members = new Set(thread.participants.filter((p) => p.cityIds.includes(city.id)).map((p) => p.id));
      for (const id of members) seq = Math.max(seq, c.reads[id] ?? 0);
      // under the newest message it has read that its own members did not write (a city "seeing" its own post says nothing)
      const mark = c.messages.filter((m) => m.seq <= Math.min(seq, newest) && !(m.author && members.has(m.author.id))).at(-1)?.seq;
      if (mark) at.set(mark, [...(at.get(mark) ?? []), city.name]);
    }
    return at;
  }, [c.messages, c.reads, thread, myCities]);

  // read through what is on screen while the tab is visible
  const lastSent = useRef(thread.lastReadSeq);
  useEffect(() => {
    if (!c.ready || c.lastSeq <= lastSent.current || document.visibilityState === 'hidden') return;
    lastSent.current = c.lastSeq;
    api.readThread(thread.id, c.lastSeq).catch(() => { lastSent.current = 0; });
  }, [c.ready, c.lastSeq, thread.id]);

  useLayoutEffect(() => {
    const el = list.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [c.messages.length]);

  async function onScroll() {
    const el = list.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < 40 && c.hasOlder && !loadingOlder.current) {
      loadingOlder.current = true;
      const before = el.scrollHeight;
      try {
        await c.loadOlder();
        requestAnimationFrame(() => { el.scrollTop += el.scrollHeight - before; });
      } finally {
        loadingOlder.current = false;
      }
    }
  }

  const online = c.presence.filter((id) => id !== user?.id).map((id) => nameOf.get(id) ?? '?');
  const typing = c.typingUserIds.filter((id) => id !== user?.id).map((id) => nameOf.get(id) ?? '?');

  return (
    <>
      <h1>
        {thread.title}
        <SampleBadge show={thread.isSample} />
      </h1>
      <p className="muted">{thread.cities.map((city) => city.name).join(' · ')}</p>
      {connectionLost && <p className="connection-notice" role="status">{t('threads.connectionLost')}</p>}
      <p className="presence small" aria-live="polite">
        {online.length ? t('threads.online', { names: online.join(', ') }) : t('threads.nobodyElse')}
      </p>
      {c.loadError ? <ErrorState error={asApiError(c.loadError)} /> : !c.ready ? <Loading /> : (
        <ol className="messages" ref={list} onScroll={onScroll} aria-label={t('threads.messages')} aria-live="polite">
          {c.hasOlder && (
            <li className="older">
              <button type="button" className="link-button" onClick={() => void c.loadOlder()}>{t('threads.older')}</button>
            </li>
          )}
          {c.messages.length === 0 && <li className="empty">{t('threads.noMessages')}</li>}
          {c.messages.map((m) => (
            <MessageItem
              key={m.seq}
              message={m}
              lang={lang}
              mine={m.author.id === user?.id}
              canDelete={thread.can.moderate}
              seenBy={seenByAt.get(m.seq) ?? []}
              onEdit={async (body) => c.apply(await api.editMessage(thread.id, m.id, body))}
              onDelete={async () => c.apply(await api.deleteMessage(thread.id, m.id))}
            />
          ))}
        </ol>
      )}
      <p className="typing small" aria-live="polite">{typing.length ? t('threads.typing', { names: typing.join(', ') }) : '\u00a0'}</p>
      {thread.can.post ? (
        <MessageComposer
          participants={thread.participants}
          selfId={user?.id}
          onTyping={c.sendTyping}
          onSend={async (body, mentions) => {
            stickToBottom.current = true;
            c.apply(await api.postMessage(thread.id, body, mentions));
          }}
        />
      ) : (
        <p className="muted">{t('threads.readOnly')}</p>
      )}
    </>
  );
}
