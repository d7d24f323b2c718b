import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';
import { twinningsApi } from './api';
import { validatePlan, type PlanErrors } from './plan-validation';
import { ThemePicker } from './ThemePicker';
import { LIMITS } from './limits';
import type { Activity, Plan, PlanInput, TwinningDetail, Visit } from './types';

type VisitKind = Visit['kind'];
const KINDS: readonly VisitKind[] = ['visit', 'return_visit'];
interface VisitDraft { hostCityId: string; startsOn: string; endsOn: string }

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** The server's plan warnings, in the user's language when we know the code. */
export function serverWarnings(plan: Plan | null | undefined, t: (key: string, opts?: Record<string, unknown>) => string): string[] {
  return (plan?.warnings ?? []).map((w) => t(`twinnings.plan.warnings.${w.code}`, { defaultValue: w.message }));
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}
const invalid = (id: string, error?: string) => (error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});

/**
 * The agreement plan of an active twinning: objectives, themes, activities (lead city, dates), the visit
 * and the return visit (host city, dates), indicators. Checked here first, then by the server, whose
 * field errors land next to the same fields and whose warnings are shown after saving.
 */
export function PlanEditor({ twinning, onSaved }: { twinning: TwinningDetail; onSaved: (plan: Plan) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const id = useId();
  const plan: Plan | null | undefined = twinning.plan;
  const cities = [twinning.fromCity, twinning.toCity];
  const [objectives, setObjectives] = useState((plan?.objectives ?? []).join('\n'));
  const [themes, setThemes] = useState<string[]>(plan?.themes?.length ? plan.themes : twinning.themes);
  const [activities, setActivities] = useState<Activity[]>(plan?.activities ?? []);
  const [visits, setVisits] = useState<Record<VisitKind, VisitDraft>>(() => {
    const of = (k: VisitKind, host: string) => {
      const v = plan?.visits?.find((x) => x.kind === k);
      return { hostCityId: v?.hostCityId ?? host, startsOn: v?.startsOn ?? '', endsOn: v?.endsOn ?? '' };
    };
    return { visit: of('visit', twinning.toCity.id), return_visit: of('return_visit', twinning.fromCity.id) };
  });
  const [indicators, setIndicators] = useState((plan?.indicators ?? []).join('\n'));
  const [errors, setErrors] = useState<PlanErrors>({});
  const [warnings, setWarnings] = useState<string[]>(() => serverWarnings(plan, t));
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  // visits are sent in KINDS order, skipping an empty one; `visitKinds[i]` maps `visits.<i>` paths back
  const visitKinds = KINDS.filter((k) => visits[k].startsOn || visits[k].endsOn);
  const input: PlanInput = {
    objectives: lines(objectives),
    themes,
    activities: activities.map((a) => ({ ...a, title: a.title.trim() })),
    visits: visitKinds.map((kind) => ({ kind, ...visits[kind] })),
    indicators: lines(indicators),
    // a plan saved meanwhile by the other city is refused (409) rather than overwritten
    ...(plan ? { baseRevision: plan.revision } : {}),
  };
  const err = (path: string) => errors[path];
  const visitErr = (kind: VisitKind, field: string) => {
    const i = visitKinds.indexOf(kind);
    return i >= 0 ? errors[`visits.${i}.${field}`] : undefined;
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setFailure(null);
    const local = validatePlan(input, cities.map((c) => c.id), t);
    setErrors(local.errors);
    setWarnings(local.warnings.map((w) => t(w.key)));
    if (Object.keys(local.errors).length) {
      setFailure(t('twinnings.plan.fix'));
      return;
    }
    setBusy(true);
    try {
      const next = await twinningsApi.savePlan(twinning.id, input);
      setWarnings(serverWarnings(next, t));
      setSaved(true);
      onSaved(next);
    } catch (caught) {
      if (isApiError(caught)) {
        setErrors(caught.fieldErrors);
        setFailure(caught.status === 409 ? t('twinnings.plan.conflict') : caught.detail ?? caught.title);
      } else setFailure(String(caught));
    } finally {
      setBusy(false);
    }
  }

  const setActivity = (i: number, patch: Partial<Activity>) => setActivities((all) => all.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const cityOptions = cities.map((c) => <option key={c.id} value={c.id}>{c.name}</option>);
  const known = new Set(['objectives', 'indicators']);
  const unplaced = Object.entries(errors).filter(([p]) => !known.has(p) && !/^(themes|activities|visits)\./.test(p) && p !== 'themes');

  return (
    <form className="form plan-editor" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('twinnings.plan.title')}</h2>
      <p className="muted small">{t('twinnings.plan.intro')}</p>
      <Field id={`${id}-objectives`} label={t('twinnings.plan.objectives')} error={err('objectives')}>
        <p className="field-hint">{t('twinnings.plan.onePerLine')}</p>
        <textarea id={`${id}-objectives`} rows={3} value={objectives} onChange={(e) => setObjectives(e.target.value)} {...invalid(`${id}-objectives`, err('objectives'))} />
      </Field>
      <ThemePicker value={themes} onChange={setThemes} suggested={twinning.themes} lang={lang} legend={t('twinnings.plan.themes')}
        error={err('themes') ?? Object.entries(errors).find(([p]) => p.startsWith('themes.'))?.[1]} />

      <fieldset className="plan-activities">
        <legend>{t('twinnings.plan.activities')}</legend>
        {activities.length === 0 && <p className="muted small">{t('twinnings.plan.noActivities')}</p>}
        <ol className="plain">
          {activities.map((a, i) => {
            const p = `${id}-a${i}`;
            return (
              <li key={i} className="plan-row" aria-label={t('twinnings.plan.activityN', { n: i + 1 })}>
                <Field id={`${p}-title`} label={t('twinnings.plan.activityTitle')} error={err(`activities.${i}.title`)}>
                  <input id={`${p}-title`} maxLength={LIMITS.activityTitle} value={a.title} onChange={(e) => setActivity(i, { title: e.target.value })} {...invalid(`${p}-title`, err(`activities.${i}.title`))} />
                </Field>
                <Field id={`${p}-city`} label={t('twinnings.plan.leadCity')} error={err(`activities.${i}.cityId`)}>
                  <select id={`${p}-city`} value={a.cityId} onChange={(e) => setActivity(i, { cityId: e.target.value })} {...invalid(`${p}-city`, err(`activities.${i}.cityId`))}>{cityOptions}</select>
                </Field>
                <Field id={`${p}-starts`} label={t('twinnings.plan.startsOn')} error={err(`activities.${i}.startsOn`)}>
                  <input id={`${p}-starts`} type="date" value={a.startsOn} onChange={(e) => setActivity(i, { startsOn: e.target.value })} {...invalid(`${p}-starts`, err(`activities.${i}.startsOn`))} />
                </Field>
                <Field id={`${p}-ends`} label={t('twinnings.plan.endsOn')} error={err(`activities.${i}.endsOn`)}>
                  <input id={`${p}-ends`} type="date" value={a.endsOn} onChange={(e) => setActivity(i, { endsOn: e.target.value })} {...invalid(`${p}-ends`, err(`activities.${i}.endsOn`))} />
                </Field>
                <button type="button" className="button button-ghost" aria-label={t('twinnings.plan.removeActivityN', { n: i + 1 })}
                  onClick={() => setActivities((all) => all.filter((_, j) => j !== i))}>{t('twinnings.plan.remove')}</button>
              </li>
            );
          })}
        </ol>
        <button type="button" className="button button-ghost" disabled={activities.length >= LIMITS.activities}
          onClick={() => setActivities((all) => [...all, { title: '', cityId: twinning.fromCity.id, startsOn: '', endsOn: '' }])}>
          {t('twinnings.plan.addActivity')}
        </button>
      </fieldset>

      {KINDS.map((kind) => {
        const p = `${id}-${kind}`;
        const v = visits[kind];
        const set = (patch: Partial<VisitDraft>) => setVisits((all) => ({ ...all, [kind]: { ...all[kind], ...patch } }));
        return (
          <fieldset key={kind} className="plan-visit plan-row">
            <legend>{t(`twinnings.plan.${kind}`)}</legend>
            <Field id={`${p}-host`} label={t('twinnings.plan.hostCity')} error={visitErr(kind, 'hostCityId') ?? visitErr(kind, 'kind')}>
              <select id={`${p}-host`} value={v.hostCityId} onChange={(e) => set({ hostCityId: e.target.value })} {...invalid(`${p}-host`, visitErr(kind, 'hostCityId'))}>{cityOptions}</select>
            </Field>
            <Field id={`${p}-starts`} label={t('twinnings.plan.startsOn')} error={visitErr(kind, 'startsOn')}>
              <input id={`${p}-starts`} type="date" value={v.startsOn} onChange={(e) => set({ startsOn: e.target.value })} {...invalid(`${p}-starts`, visitErr(kind, 'startsOn'))} />
            </Field>
            <Field id={`${p}-ends`} label={t('twinnings.plan.endsOn')} error={visitErr(kind, 'endsOn')}>
              <input id={`${p}-ends`} type="date" value={v.endsOn} onChange={(e) => set({ endsOn: e.target.value })} {...invalid(`${p}-ends`, visitErr(kind, 'endsOn'))} />
            </Field>
          </fieldset>
        );
      })}

      <Field id={`${id}-indicators`} label={t('twinnings.plan.indicators')} error={err('indicators')}>
        <p className="field-hint">{t('twinnings.plan.onePerLine')}</p>
        <textarea id={`${id}-indicators`} rows={3} value={indicators} onChange={(e) => setIndicators(e.target.value)} {...invalid(`${id}-indicators`, err('indicators'))} />
      </Field>

      {warnings.length > 0 && (
        <div className="plan-warnings" role="status">
          <h3 className="small">{t('twinnings.plan.warningsTitle')}</h3>
          <ul>{warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      )}
      {(failure || unplaced.length > 0) && (
        <div className="form-error" role="alert">
          {failure && <p>{failure}</p>}
          {unplaced.map(([p, m]) => <p key={p}>{p}: {m}</p>)}
        </div>
      )}
      {saved && <p className="flash" role="status">{t('twinnings.plan.saved')}</p>}
      <p className="actions"><button type="submit" className="button" disabled={busy}>{t('twinnings.plan.save')}</button></p>
    </form>
  );
}
