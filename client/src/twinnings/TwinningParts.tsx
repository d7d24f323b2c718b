import { useTranslation } from 'react-i18next';
import { cityName, consentState } from './model';
import { priorityLabels, useTaxonomy } from './usePriorityLabels';
import type { MatchReason, Plan, Twinning } from './types';

function useDates() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return {
    lang,
    day: (s: string) => {
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T12:00:00Z` : s);
      return Number.isNaN(d.getTime()) ? s : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
    },
    moment: (s: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(s)),
  };
}

/** Match reasons in plain words (the server phrases them in the reader's language). */
export function ReasonList({ reasons }: { reasons: readonly MatchReason[] }) {
  const { t } = useTranslation();
  if (!reasons.length) return null;
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.kind}-${i}`}>
          <span className={`badge reason-${r.kind}`}>{t(`matches.kind.${r.kind}`, { defaultValue: r.kind })}</span> {r.detail}
        </li>
      ))}
    </ul>
  );
}

export function ThemeList({ codes }: { codes: readonly string[] }) {
  const { lang } = useDates();
  const labels = priorityLabels(useTaxonomy(lang));
  return (
    <ul className="plain theme-list">
      {codes.map((c) => <li key={c}><span className="code">{c}</span> {labels.get(c) ?? ''}</li>)}
    </ul>
  );
}

/** Each city's consent: given (by whom, when), declined or awaited. */
export function ConsentList({ twinning }: { twinning: Twinning }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  return (
    <ul className="plain consents">
      {twinning.consents.map((c) => (
        <li key={c.cityId} className={`consent consent-${consentState(twinning, c)}`}>
          <strong>{cityName(twinning, c.cityId)}</strong>: {t(`twinnings.consent.${consentState(twinning, c)}`)}
          {c.by && <> — {c.by.name}</>}
          {c.consentedAt && <span className="muted small"> · {moment(c.consentedAt)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The audit trail: who, for which city, what, when, why. */
export function Timeline({ twinning }: { twinning: Twinning }) {
  const { t } = useTranslation();
  const { moment } = useDates();
  const events = twinning.events ?? [];
  if (!events.length) return <p className="muted">{t('twinnings.timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id} className={`event event-${e.action}`}>
          <time dateTime={e.at} className="muted small">{moment(e.at)}</time>{' '}
          <span>
            {t('twinnings.timeline.line', {
              who: e.actor.name,
              what: t(`twinnings.event.${e.action}`, { defaultValue: e.action }),
            })}
            {e.cityId && <> {t('twinnings.timeline.forCity', { city: cityName(twinning, e.cityId) })}</>}
            {e.fromStatus !== e.toStatus && <span className="muted small"> → {t(`twinnings.status.${e.toStatus}`)}</span>}
          </span>
          {e.reason && <p className="pre-line event-reason">{t('twinnings.timeline.why', { reason: e.reason })}</p>}
        </li>
      ))}
    </ol>
  );
}

/** The plan read-only (for managers, and once the twinning has ended). */
export function PlanView({ twinning, plan }: { twinning: Twinning; plan: Plan }) {
  const { t } = useTranslation();
  const { day } = useDates();
  return (
    <div className="plan-view">
      {plan.objectives.length > 0 && (<><h3>{t('twinnings.plan.objectives')}</h3><ul>{plan.objectives.map((o) => <li key={o}>{o}</li>)}</ul></>)}
      {plan.themes.length > 0 && (<><h3>{t('twinnings.plan.themes')}</h3><ThemeList codes={plan.themes} /></>)}
      {plan.activities.length > 0 && (
        <>
          <h3>{t('twinnings.plan.activities')}</h3>
          <ul>{plan.activities.map((a, i) => (
            <li key={i}>{a.title} — {t('twinnings.plan.ledBy', { city: cityName(twinning, a.cityId) })}, {day(a.startsOn)} – {day(a.endsOn)}</li>
          ))}</ul>
        </>
      )}
      {plan.visits.length > 0 && (
        <>
          <h3>{t('twinnings.plan.visits')}</h3>
          <ul>{plan.visits.map((v) => (
            <li key={v.kind}>{t(`twinnings.plan.${v.kind}`)}: {t('twinnings.plan.hostedBy', { city: cityName(twinning, v.hostCityId) })}, {day(v.startsOn)} – {day(v.endsOn)}</li>
          ))}</ul>
        </>
      )}
      {plan.indicators.length > 0 && (<><h3>{t('twinnings.plan.indicators')}</h3><ul>{plan.indicators.map((o) => <li key={o}>{o}</li>)}</ul></>)}
    </div>
  );
}
