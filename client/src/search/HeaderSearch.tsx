import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { http } from '../api/http';
import type { SearchAllResult } from '../../../server/contract/search-all.ts';
import './header-search.css';

/** Cities and practices the box suggests, each (the practices results page lists as many cities). */
export const SUGGESTIONS = 5;

type Option = { key: string; to: string; kind: 'city' | 'practice' | 'all'; label: string; html?: string; detail?: string };

/** Time to wait after the last keystroke before asking the API. */
const DEBOUNCE_MS = 180;

/** Cities and practices as one list of options, then "all practices for …". */
export function searchOptions(data: SearchAllResult | null, q: string, allLabel: string): Option[] {
  const options: Option[] = [];
  for (const c of data?.cities ?? []) {
    options.push({ key: `c-${c.id}`, to: `/cities/${encodeURIComponent(c.id)}`, kind: 'city', label: c.name, detail: c.countryName ?? c.country ?? undefined });
  }
  for (const p of data?.practices ?? []) {
    options.push({ key: `p-${p.id}`, to: `/practices/${encodeURIComponent(p.id)}`, kind: 'practice', label: p.title, html: p.highlight, detail: p.city.name });
  }
  if (q.trim()) options.push({ key: 'all', to: `/practices?q=${encodeURIComponent(q.trim())}`, kind: 'all', label: allLabel });
  return options;
}

/**
 * The header's one search box: a combobox over cities (name, country) and practices, typo-tolerant
 * (GET /api/search). Arrow keys move through the options, Enter opens one (or all practices for the
 * words), Escape closes the list.
 */
export function HeaderSearch() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const listId = `${id}-list`;
  const [q, setQ] = useState('');
  const [data, setData] = useState<SearchAllResult | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setData(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      http.get<SearchAllResult>('/api/search', { query: { q: text, lang: i18n.resolvedLanguage ?? 'en', limit: SUGGESTIONS }, signal: ctl.signal })
        .then((r) => {
          setData(r);
          setActive(-1);
        })
        .catch(() => {})
        .finally(() => setLoading(false));
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, i18n.resolvedLanguage]);

  const options = searchOptions(data, q, t('globalSearch.allPractices', { q: q.trim() }));
  const shown = open && q.trim().length > 0;

  function go(option: Option | undefined) {
    const target = option?.to ?? (q.trim() ? `/practices?q=${encodeURIComponent(q.trim())}` : null);
    if (!target) return;
    setOpen(false);
    setActive(-1);
    setQ('');
    navigate(target);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a + 1) % options.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a <= 0 ? options.length - 1 : a - 1) : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(active >= 0 ? options[active] : undefined);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  const optionId = (k: number) => `${id}-opt-${k}`;
  const group = (kind: Option['kind']) => options.map((o, k) => ({ o, k })).filter(({ o }) => o.kind === kind);
  const cities = group('city');
  const practices = group('practice');
  const renderOption = ({ o, k }: { o: Option; k: number }) => (
    <li
      key={o.key}
      id={optionId(k)}
      role="option"
      aria-selected={k === active}
      className={`header-search-option${k === active ? ' active' : ''}`}
      // mousedown, not click: the input's blur would close the list first
      onMouseDown={(e) => {
        e.preventDefault();
        go(o);
      }}
      onMouseEnter={() => setActive(k)}
    >
      {/* practice highlights are HTML built server-side by renderHighlight: text escaped, <mark> only */}
      {o.html ? <span className="header-search-label" dangerouslySetInnerHTML={{ __html: o.html }} /> : <span className="header-search-label">{o.label}</span>}
      {o.detail && <span className="header-search-detail">{o.detail}</span>}
    </li>
  );

  return (
    <div className="header-search" ref={box} role="search">
      <label htmlFor={id} className="visually-hidden">{t('globalSearch.label')}</label>
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        placeholder={t('globalSearch.placeholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="header-search-panel" hidden={!shown}>
        <ul id={listId} role="listbox" aria-label={t('globalSearch.label')}>
          {cities.length > 0 && <li role="presentation" className="header-search-group">{t('globalSearch.cities')}</li>}
          {cities.map(renderOption)}
          {practices.length > 0 && <li role="presentation" className="header-search-group">{t('globalSearch.practices')}</li>}
          {practices.map(renderOption)}
          {data && !cities.length && !practices.length && !loading && (
            <li role="presentation" className="header-search-empty">{t('globalSearch.empty', { q: q.trim() })}</li>
          )}
          {group('all').map(renderOption)}
        </ul>
        <p className="visually-hidden" aria-live="polite">
          {loading ? t('globalSearch.loading') : data ? t('globalSearch.found', { count: cities.length + practices.length }) : ''}
        </p>
      </div>
    </div>
  );
}
