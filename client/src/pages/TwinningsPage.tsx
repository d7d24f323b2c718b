import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';
import { twinningsApi } from '../twinnings/api';
import { ConsentActions } from '../twinnings/ConsentActions';
import { allowedActions, awaitingMine, cityName, TABS, tabOf, type Tab } from '../twinnings/model';
import { useMyRoles } from '../twinnings/useMyRoles';
import '../twinnings/twinnings.css';

/** The user's twinnings in three tabs; "pending" puts the ones awaiting my city's consent first. */
export function TwinningsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { status } = useAuth();
  const roles = useMyRoles();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'pending';
  const [state, reload] = useApi((signal) => (status === 'authenticated' ? twinningsApi.list({}, signal) : Promise.resolve({ items: [], nextCursor: null })), [status]);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  useDocumentTitle(t('twinnings.title'), t('app.name'));

  if (status === 'anonymous') return <p><Link to="/signin">{t('twinnings.signIn')}</Link></p>;
  const items = state.status === 'success' ? state.data.items : [];
  const mine = (id: string) => items.some((x) => x.id === id && x.can.accept);
  const inTab = items
    .filter((x) => tabOf(x.status) === tab)
    .sort((a, b) => Number(mine(b.id)) - Number(mine(a.id)) || b.updatedAt.localeCompare(a.updatedAt));
  const counts = Object.fromEntries(TABS.map((k) => [k, items.filter((x) => tabOf(x.status) === k).length]));
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });

  const select = (k: Tab) => setParams(k === 'pending' ? {} : { tab: k }, { replace: true });
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length]
      : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    select(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="twinnings-page">
      <h1>{t('twinnings.title')}</h1>
      <p className="muted">{t('twinnings.intro')}</p>
      {roles.managedNetworks.length > 0 && (
        <nav aria-label={t('twinnings.brokering.boards')} className="brokering-links">
          <h2 className="small">{t('twinnings.brokering.boards')}</h2>
          <ul className="plain">
            {roles.managedNetworks.map((n) => (
              <li key={n.id}><Link to={`/networks/${encodeURIComponent(n.id)}/brokering`}>{t('twinnings.brokering.boardOf', { network: n.name })}</Link></li>
            ))}
          </ul>
        </nav>
      )}
      <div role="tablist" aria-label={t('twinnings.tabs.label')} className="tabs" onKeyDown={onTabKey}>
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" id={`tab-${k}`} aria-controls="twinnings-panel" aria-selected={tab === k}
            tabIndex={tab === k ? 0 : -1} ref={(el) => { tabRefs.current[k] = el; }} onClick={() => select(k)}>
            {t(`twinnings.tabs.${k}`)}
            {state.status === 'success' && <span className="count"> {counts[k]}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="twinnings-panel" aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
        {state.status === 'success' && (inTab.length === 0 ? <Empty>{t(`twinnings.empty.${tab}`)}</Empty> : (
          <ul className="twinning-list">
            {inTab.map((tw) => {
              const waiting = tw.can.accept ? awaitingMine(tw, roles.focalCityIds) : [];
              return (
                <li key={tw.id} className={`card twinning-item${tw.can.accept ? ' awaiting-me' : ''}`} data-twinning={tw.id}>
                  <h2>
                    <Link to={`/twinnings/${encodeURIComponent(tw.id)}`}>{tw.fromCity.name} – {tw.toCity.name}</Link>{' '}
                    <span className={`badge status-${tw.status}`}>{t(`twinnings.status.${tw.status}`)}</span>
                  </h2>
                  <p className="muted small">
                    {t(tw.status === 'proposed' ? 'twinnings.list.proposedOn' : 'twinnings.list.createdOn', { date: date.format(new Date(tw.createdAt)) })}
                    {tw.themes.length > 0 && <> · {tw.themes.join(', ')}</>}
                  </p>
                  {tw.can.accept && (
                    <p className="awaiting"><strong>{t('twinnings.list.awaitingYou', { city: (waiting.length ? waiting : tw.awaiting).map((c) => cityName(tw, c)).join(', ') })}</strong></p>
                  )}
                  {(tw.brokered?.note || tw.message) && <p className="pre-line">{tw.brokered?.note || tw.message}</p>}
                  {tab === 'pending' && (
                    <ConsentActions twinning={tw} actions={allowedActions(tw)} onChanged={reload} onStale={reload} />
                  )}
                </li>
              );
            })}
          </ul>
        ))}
      </div>
    </section>
  );
}
