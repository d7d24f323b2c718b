import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';
import { ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';
import { twinningsApi } from '../twinnings/api';
import { ConsentActions } from '../twinnings/ConsentActions';
import { allowedActions } from '../twinnings/model';
import { PlanEditor } from '../twinnings/PlanEditor';
import { ConsentList, PlanView, ReasonList, ThemeList, Timeline } from '../twinnings/TwinningParts';
import type { TwinningDetail } from '../twinnings/types';
import '../twinnings/twinnings.css';

/** One twinning: status, both cities, consents, what I may do, the plan, the calendar and the timeline. */
export function TwinningPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { status, onNotification } = useAuth();
  const [state, reload] = useApi((signal) => twinningsApi.get(id, signal), [id, status]);
  const [tw, setTw] = useState<TwinningDetail | null>(null);
  // keep showing the twinning while it is read again (after a notification or a 409)
  useEffect(() => { if (state.status === 'success') setTw(state.data); else if (state.status === 'error') setTw(null); }, [state]);
  // the other city's consent arrives as a notification: read the twinning again
  useEffect(() => onNotification((n) => {
    const p = n.payload as { twinningId?: unknown } | null;
    if (n.type.startsWith('twinning.') && (!p?.twinningId || p.twinningId === id)) reload();
  }), [onNotification, reload, id]);
  const title = tw ? `${tw.fromCity.name} – ${tw.toCity.name}` : t('twinnings.title');
  useDocumentTitle(title, t('app.name'));

  if (status === 'anonymous') return <p><Link to="/signin">{t('twinnings.signIn')}</Link></p>;
  return (
    <article className="twinning-page">
      <p className="breadcrumb"><Link to="/twinnings">← {t('twinnings.back')}</Link></p>
      {state.status === 'loading' && !tw && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {tw && (
        <>
          <h1>{title}</h1>
          <p className="twinning-status">
            <span className={`badge status-${tw.status}`} data-status={tw.status}>{t(`twinnings.status.${tw.status}`)}</span>{' '}
            <span className="muted">{t(`twinnings.statusHint.${tw.status}`)}</span>
          </p>
          <dl className="facts">
            <div><dt>{t('twinnings.fields.from')}</dt><dd><Link to={`/cities/${encodeURIComponent(tw.fromCity.id)}`}>{tw.fromCity.name}</Link></dd></div>
            <div><dt>{t('twinnings.fields.to')}</dt><dd><Link to={`/cities/${encodeURIComponent(tw.toCity.id)}`}>{tw.toCity.name}</Link></dd></div>
            {tw.brokered ? (
              <div><dt>{t('twinnings.fields.brokeredBy')}</dt><dd>{t('twinnings.fields.brokeredIn', { manager: tw.brokered.manager.name, network: tw.brokered.network.name })}</dd></div>
            ) : (
              <div><dt>{t('twinnings.fields.requestedBy')}</dt><dd>{tw.requestedBy.name}</dd></div>
            )}
            {typeof tw.score === 'number' && <div><dt>{t('twinnings.fields.score')}</dt><dd>{new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(tw.score)}</dd></div>}
          </dl>
          {tw.brokered?.note && (<section aria-labelledby="tw-note"><h2 id="tw-note">{t('twinnings.fields.note')}</h2><p className="pre-line">{tw.brokered.note}</p></section>)}
          {tw.message && (<section aria-labelledby="tw-message"><h2 id="tw-message">{t('twinnings.fields.message')}</h2><p className="pre-line">{tw.message}</p></section>)}

          <section aria-labelledby="tw-consents">
            <h2 id="tw-consents">{t('twinnings.fields.consents')}</h2>
            <ConsentList twinning={tw} />
            <ConsentActions twinning={tw} actions={allowedActions(tw)} onChanged={(next) => setTw(next)} onStale={reload} />
          </section>

          {tw.status === 'ended' && (tw.outcome || tw.endReason) && (
            <section aria-labelledby="tw-outcome">
              <h2 id="tw-outcome">{t('twinnings.fields.outcome')}</h2>
              {tw.outcome && <p className="pre-line">{tw.outcome}</p>}
              {tw.endReason && <p className="muted">{t('twinnings.timeline.why', { reason: tw.endReason })}</p>}
            </section>
          )}

          <section aria-labelledby="tw-themes">
            <h2 id="tw-themes">{t('twinnings.fields.themes')}</h2>
            <ThemeList codes={tw.themes} />
            {tw.reasons.length > 0 && (<><h3>{t('twinnings.fields.reasons')}</h3><ReasonList reasons={tw.reasons} /></>)}
          </section>

          {(tw.threadId || tw.status === 'active' || tw.plan) && (
            <p className="actions twinning-links">
              {tw.threadId && <Link className="button button-ghost" to={`/threads/${encodeURIComponent(tw.threadId)}`}>{t('twinnings.thread')}</Link>}
              {(tw.status === 'active' || tw.plan) && (
                <a className="button button-ghost" href={twinningsApi.calendarUrl(tw.id)} download={`twinning-${tw.id}.ics`}>{t('twinnings.calendar')}</a>
              )}
            </p>
          )}

          <section aria-labelledby="tw-plan-view" className="plan-section">
            {tw.can.editPlan ? (
              <PlanEditor key={tw.id} twinning={tw} onSaved={(plan) => setTw((cur) => (cur ? { ...cur, plan } : cur))} />
            ) : (
              <>
                <h2 id="tw-plan-view">{t('twinnings.plan.title')}</h2>
                {tw.plan ? <PlanView twinning={tw} plan={tw.plan} /> : <p className="muted">{t(tw.status === 'active' ? 'twinnings.plan.noneYet' : 'twinnings.plan.afterActive')}</p>}
              </>
            )}
          </section>

          <section aria-labelledby="tw-timeline">
            <h2 id="tw-timeline">{t('twinnings.timeline.title')}</h2>
            <Timeline twinning={tw} />
          </section>
        </>
      )}
    </article>
  );
}
