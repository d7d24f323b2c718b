import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '../../../server/contract/threads.ts';
import { isApiError } from '../api/http';
import { checkForm, prefetchFormChecks } from '../forms/check-form';

type Participant = Thread['participants'][number];
const MAX = 10_000;

/** The @word being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number) {
  const m = /(^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(text.slice(0, caret));
  return m ? { query: m[2], start: caret - m[2].length - 1 } : null;
}

/**
 * Writing a message: Markdown, at most 10,000 characters, `@` opens an autocomplete of the thread's
 * participants; the ids of those still mentioned in the text are sent as `mentions`.
 */
export function MessageComposer({ participants, selfId, onSend, onTyping }: {
  participants: Participant[];
  selfId: string | undefined;
  onSend: (body: string, mentions: string[]) => Promise<void>;
  onTyping: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<Participant[]>([]);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const q = mentionQuery(text, caret);
  const options = useMemo(() => {
    if (!q) return [];
    const needle = q.query.toLocaleLowerCase();
    return participants.filter((p) => p.id !== selfId && p.name.toLocaleLowerCase().includes(needle)).slice(0, 8);
  }, [q?.query, participants, selfId]); // eslint-disable-line react-hooks/exhaustive-deps

  function choose(p: Participant) {
    if (!q) return;
    const next = `${text.slice(0, q.start)}@${p.name} ${text.slice(caret)}`;
    const pos = q.start + p.name.length + 2;
    setText(next);
    setPicked((all) => (all.some((x) => x.id === p.id) ? all : [...all, p]));
    setActive(0);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
      setCaret(pos);
    });
  }

  async function send() {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const mentions = picked.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id);
      const local = await checkForm('message', { body: text, ...(mentions.length ? { mentions } : {}) }, t);
      if (Object.keys(local).length) return setError(Object.values(local)[0] ?? null);
      await onSend(text, mentions);
      setText('');
      setPicked([]);
    } catch (err) {
      setError(isApiError(err) && err.status === 429 ? t('threads.rateLimited') : isApiError(err) ? err.detail ?? err.title : t('common.error.network'));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (options.length) {
      if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % options.length); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a - 1 + options.length) % options.length); return; }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(options[Math.min(active, options.length - 1)]); return; }
      if (e.key === 'Escape') { setCaret(-1); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <form className="composer" onSubmit={(e) => { e.preventDefault(); void send(); }} onFocus={prefetchFormChecks}>
      <label htmlFor={`${listId}-input`} className="visually-hidden">{t('threads.write')}</label>
      <textarea
        id={`${listId}-input`}
        ref={ref}
        value={text}
        rows={3}
        maxLength={MAX}
        placeholder={t('threads.placeholder')}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); onTyping(); }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul id={listId} role="listbox" className="mention-options" aria-label={t('threads.mentionSomeone')}>
          {options.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
              onMouseDown={(e) => { e.preventDefault(); choose(p); }}>
              {p.name}
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <span className="muted small">{t('threads.markdownHint', { count: MAX - text.length })}</span>
        <button type="submit" className="button" disabled={busy || !text.trim()}>{t('threads.send')}</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}
