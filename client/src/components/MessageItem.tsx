import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../server/contract/threads.ts';
import { formatDate } from '../format';

/** One message: author, time, body (sanitised server-side), edited/deleted marks, edit and delete. */
export function MessageItem({ message: m, mine, canDelete, seenBy, lang, onEdit, onDelete }: {
  message: Message;
  mine: boolean;
  canDelete: boolean;
  seenBy: string[];
  lang: string;
  onEdit: (body: string) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.body);
  const time = formatDate(m.createdAt, lang, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <li className={`message${mine ? ' mine' : ''}${m.deletedAt ? ' deleted' : ''}`} data-seq={m.seq}>
      <p className="message-meta">
        <strong>{m.author.name}</strong> <time dateTime={m.createdAt}>{time}</time>
        {m.editedAt && !m.deletedAt && <span className="muted small"> · {t('threads.edited')}</span>}
      </p>
      {m.deletedAt ? (
        <p className="muted">{t('threads.deleted')}</p>
      ) : editing ? (
        <form onSubmit={async (e) => { e.preventDefault(); await onEdit(draft); setEditing(false); }}>
          <label className="visually-hidden" htmlFor={`edit-${m.id}`}>{t('threads.edit')}</label>
          <textarea id={`edit-${m.id}`} value={draft} rows={3} maxLength={10_000} onChange={(e) => setDraft(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={!draft.trim()}>{t('threads.save')}</button>
            <button type="button" className="button button-ghost" onClick={() => { setEditing(false); setDraft(m.body); }}>{t('threads.cancel')}</button>
          </div>
        </form>
      ) : (
        // bodyHtml is rendered from Markdown and sanitised server-side (server/services/practices/markdown.ts)
        <div className="prose message-body" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
      )}
      {!m.deletedAt && !editing && (mine || canDelete) && (
        <p className="message-actions">
          {mine && <button type="button" className="link-button" onClick={() => { setDraft(m.body); setEditing(true); }}>{t('threads.edit')}</button>}
          {(mine || canDelete) && (
            <button type="button" className="link-button" onClick={() => { if (window.confirm(t('threads.confirmDelete'))) void onDelete(); }}>
              {t('threads.delete')}
            </button>
          )}
        </p>
      )}
      {seenBy.length > 0 && <p className="seen-by muted small">{t('threads.seenBy', { cities: seenBy.join(', ') })}</p>}
    </li>
  );
}
