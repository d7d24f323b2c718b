import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RouteSummary } from '../../../server/contract/migration-routes.ts';
import { useApi } from '../api/useApi';
import { FormField } from '../components/FormField';
import { ErrorState, Loading } from '../components/Status';
import { networksApi, type RouteInput } from './api';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { useAction } from './useAction';

const STAGES = ['origin', 'transit', 'destination'] as const;
const LANGS = ['fr', 'es'] as const;
/** "dz, LY  TN" → ["DZ", "LY", "TN"] */
export const parseCountries = (s: string) => s.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);

/** Migration routes for managers: each one editable (names, descriptions, stage countries), and a new one. */
export function RoutesManager() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [routes, reload] = useApi((signal) => networksApi.routes(lang, signal), [lang]);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <section aria-labelledby="manage-routes">
      <h2 id="manage-routes">{t('manage.routesTitle')}</h2>
      {routes.status === 'loading' && <Loading />}
      {routes.status === 'error' && <ErrorState error={routes.error} onRetry={reload} />}
      {routes.status === 'success' && (
        <ul className="plain route-admin-list">
          {routes.data.items.map((r) => (
            <li key={r.slug}>
              <Link to={`/routes/${encodeURIComponent(r.slug)}`}>{r.name}</Link>{' '}
              <button type="button" className="button button-ghost button-small" aria-expanded={editing === r.slug}
                aria-label={t('manage.editRoute', { name: r.name })} onClick={() => setEditing(editing === r.slug ? null : r.slug)}>
                {t('manage.edit')}
              </button>
              {editing === r.slug && <RouteForm route={r} onDone={() => { setEditing(null); reload(); }} />}
            </li>
          ))}
        </ul>
      )}
      <details className="card">
        <summary>{t('manage.createRoute')}</summary>
        <RouteForm onDone={reload} />
      </details>
    </section>
  );
}

function RouteForm({ route, onDone }: { route?: RouteSummary; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [slug, setSlug] = useState('');
  const [names, setNames] = useState({ en: route?.names.en ?? '', fr: route?.names.fr ?? '', es: route?.names.es ?? '' });
  const [descriptions, setDescriptions] = useState({ en: route?.descriptions.en ?? '', fr: route?.descriptions.fr ?? '', es: route?.descriptions.es ?? '' });
  const [stages, setStages] = useState(() => Object.fromEntries(STAGES.map((s) => [s, (route?.stageHints[s] ?? []).join(', ')])) as Record<(typeof STAGES)[number], string>);
  const save = useAction((body: RouteInput) =>
    route ? networksApi.updateRoute(route.slug, body, lang) : networksApi.createRoute({ ...body, slug }, lang));
  const errors = save.fieldErrors;
  /** The first error about a stage list or one of its countries. */
  const stageError = (s: string) => Object.entries(errors).find(([p]) => p === `stages.${s}` || p.startsWith(`stages.${s}.`))?.[1];

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body: RouteInput = {
      name: names.en.trim(),
      description: descriptions.en.trim() || (route ? null : undefined),
      names: Object.fromEntries(LANGS.map((l) => [l, names[l].trim()]).filter(([, v]) => v || route)),
      descriptions: Object.fromEntries(LANGS.map((l) => [l, descriptions[l].trim()]).filter(([, v]) => v || route)),
      stages: Object.fromEntries(STAGES.map((s) => [s, parseCountries(stages[s])])) as RouteInput['stages'],
    };
    if (!route && !body.description) delete body.description;
    const local = route ? await checkForm('routeChange', body, t, { stages: t('manage.stageHint') })
      : await checkForm('route', { ...body, slug }, t, { slug: t('manage.slugHint'), stages: t('manage.stageHint') });
    if (Object.keys(local).length) return save.invalid(local);
    if (await save.act(body)) onDone();
  };

  return (
    <form className="manage-form route-form" onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate>
      {!route && (
        <FormField label={t('manage.slug')} name="slug" value={slug} maxLength={80} required hint={t('manage.slugHint')} error={errors.slug}
          onChange={(e) => setSlug(e.target.value)} />
      )}
      <FormField label={t('manage.routeName.en')} name="name" value={names.en} maxLength={120} required error={errors.name}
        onChange={(e) => setNames({ ...names, en: e.target.value })} />
      {LANGS.map((l) => (
        <FormField key={l} label={t(`manage.routeName.${l}`)} name={`names.${l}`} value={names[l]} maxLength={120} error={errors[`names.${l}`] ?? errors.names}
          onChange={(e) => setNames({ ...names, [l]: e.target.value })} />
      ))}
      {(['en', ...LANGS] as const).map((l) => (
        <FormField key={l} label={t(`manage.routeDescription.${l}`)} name={l === 'en' ? 'description' : `descriptions.${l}`} value={descriptions[l]} maxLength={2000}
          error={l === 'en' ? errors.description : errors[`descriptions.${l}`]} onChange={(e) => setDescriptions({ ...descriptions, [l]: e.target.value })} />
      ))}
      <fieldset>
        <legend>{t('manage.stageCountries')}</legend>
        <p className="field-hint">{t('manage.stageHint')}</p>
        {STAGES.map((s) => (
          <FormField key={s} label={t(`route.stage.${s}`)} name={`stages.${s}`} value={stages[s]} maxLength={400} error={stageError(s)}
            onChange={(e) => setStages({ ...stages, [s]: e.target.value })} />
        ))}
      </fieldset>
      {save.error && !save.error.errors?.length && <p role="alert" className="field-error">{save.error.detail}</p>}
      {Object.keys(errors).length > 0 && <p role="alert" className="field-error">{t('manage.fixFields')}</p>}
      <button type="submit" className="button" disabled={save.busy}>{route ? t('manage.save') : t('manage.create')}</button>
    </form>
  );
}
