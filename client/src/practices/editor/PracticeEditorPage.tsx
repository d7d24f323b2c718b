import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { isApiError } from '../../api/http';
import { useApi } from '../../api/useApi';
import { RequireAuth } from '../../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../../components/Status';
import { languageName, useDocumentTitle } from '../../format';
import { checkNewPractice, checkPracticeChange, PRACTICE_LIMITS, TARGET_GROUPS, TARGET_GROUP_CODES } from '../../validation/practice';
import type { Practice } from '../../../../server/contract/practices.ts';
import type { Me } from '../../../../server/contract/me.ts';
import { practicesApi, type Revision } from './api';
import { CheckboxGroup, Field } from './Field';
import {
  clientErrors, createPayload, emptyForm, formFromPractice, HOW_TO, serverErrors, updatePayload, type FormErrors, type FormState,
} from './form-state';
import { usePreview } from './usePreview';
import './editor.css';

/** Languages offered for a practice's text (any ISO 639-1 code is accepted by the API). */
const PRACTICE_LANGUAGES = ['en', 'fr', 'es', 'it', 'de', 'el', 'pt', 'ar', 'tr', 'nl', 'pl', 'ro', 'uk'];

/** `/practices/new` and `/practices/:id/edit`: the editor, for signed-in users. */
export function PracticeEditorPage() {
  return (
    <RequireAuth>
      <EditorLoader />
    </RequireAuth>
  );
}

function EditorLoader() {
  const { id } = useParams();
  const [me] = useApi((signal) => practicesApi.me(signal), []);
  const [practice, reload] = useApi<{ practice: Practice; revisions: Revision[] } | null>(
    async (signal) => (id ? { practice: await practicesApi.get(id, signal), revisions: (await practicesApi.revisions(id, signal)).items } : null),
    [id],
  );
  if (me.status === 'loading' || practice.status === 'loading') return <Loading />;
  if (me.status === 'error') return <ErrorState error={me.error} />;
  if (practice.status === 'error') return <ErrorState error={practice.error} onRetry={reload} />;
  return <PracticeForm key={practice.data?.practice.id ?? 'new'} me={me.data} existing={practice.data} />;
}

function PracticeForm({ me, existing }: { me: Me; existing: { practice: Practice; revisions: Revision[] } | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const navigate = useNavigate();
  const [practice, setPractice] = useState(existing?.practice ?? null);
  const [form, setForm] = useState<FormState>(() =>
    existing ? formFromPractice(existing.practice) : emptyForm(me.cities.length === 1 ? me.cities[0].id : '', PRACTICE_LANGUAGES.includes(lang) ? lang : 'en'));
  const [errors, setErrors] = useState<FormErrors>({});
  const [summary, setSummary] = useState<string[]>([]);
  const [busy, setBusy] = useState<null | 'save' | 'submit'>(null);
  const [saved, setSaved] = useState(false);
  const preview = usePreview(form.body);
  useDocumentTitle(practice ? t('practicesUi.editor.editTitle') : t('practicesUi.editor.newTitle'), t('app.name'));

  const [taxonomy] = useApi((signal) => api.taxonomy(lang, signal), [lang]);
  const [routes] = useApi((signal) => api.routes(lang, signal), [lang]);
  const lastReturn = useMemo(() => (practice?.status === 'draft' ? existing?.revisions.find((r) => r.action === 'returned') : undefined), [existing, practice]);
  const editable = !practice || practice.status === 'draft';

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };
  const setHowTo = (key: (typeof HOW_TO)[number], value: string) => set('howTo', { ...form.howTo, [key]: value });

  /** Validates with the contract's schemas, then saves (create or patch); the saved practice, or null. */
  async function save(): Promise<Practice | null> {
    const payload = practice ? updatePayload(form, practice.version) : createPayload(form);
    const problems = practice ? checkPracticeChange(payload) : checkNewPractice(payload);
    const local = clientErrors(problems, t);
    if (!form.cityId) local.cityId = t('practicesUi.errors.city');
    setErrors(local);
    setSummary([]);
    if (Object.keys(local).length) return null;
    try {
      const next = practice ? await practicesApi.update(practice.id, payload) : await practicesApi.create(payload as never);
      setPractice(next);
      setForm(formFromPractice(next));
      if (!practice) navigate(`/practices/${next.id}/edit`, { replace: true });
      return next;
    } catch (err) {
      if (!isApiError(err)) throw err;
      const { fields, other } = serverErrors(err.errors);
      setErrors(fields);
      setSummary(other.length || Object.keys(fields).length ? other : [err.detail ?? err.title]);
      return null;
    }
  }

  async function onSave(e: FormEvent) {
    e.preventDefault();
    setBusy('save');
    const next = await save();
    setBusy(null);
    if (next) setSaved(true);
  }

  async function onSubmitForReview() {
    setBusy('submit');
    const next = await save();
    if (next) {
      try {
        await practicesApi.transition(next.id, 'submit', { version: next.version });
        navigate('/me/practices', { state: { flash: 'practicesUi.editor.submitted' } });
        return;
      } catch (err) {
        setSummary([isApiError(err) ? err.detail ?? err.title : String(err)]);
      }
    }
    setBusy(null);
  }

  if (!me.cities.length && !practice) {
    return (
      <section className="narrow">
        <h1>{t('practicesUi.editor.newTitle')}</h1>
        <Empty>{t('practicesUi.editor.noCity')}</Empty>
      </section>
    );
  }

  const fieldError = (k: string) => errors[k];
  const orphanErrors = Object.entries(errors).filter(([k]) => !KNOWN_FIELDS.has(k)).map(([k, m]) => `${k}: ${m}`);

  return (
    <section className="practice-editor">
      <p className="breadcrumb"><Link to="/me/practices">{t('practicesUi.mine.title')}</Link></p>
      <h1>{practice ? t('practicesUi.editor.editTitle') : t('practicesUi.editor.newTitle')}</h1>
      {practice && (
        <p className="muted">
          {t('practicesUi.editor.status')}: <span className="badge" data-status={practice.status}>{t(`practice.statuses.${practice.status}`, { defaultValue: practice.status })}</span>
          {practice.status === 'published' && <> · <Link to={`/practices/${practice.id}`}>{t('practicesUi.editor.view')}</Link></>}
        </p>
      )}
      {lastReturn && (
        <div className="returned-note" role="note">
          <strong>{t('practicesUi.editor.returnedBy', { name: lastReturn.editor.name })}</strong>
          {lastReturn.note && <p className="pre-line">{lastReturn.note}</p>}
        </div>
      )}
      {!editable && <p className="form-error" role="status">{t('practicesUi.editor.notEditable')}</p>}

      <form className="form" onSubmit={onSave} noValidate aria-describedby={summary.length ? 'editor-summary' : undefined}>
        {(summary.length > 0 || orphanErrors.length > 0) && (
          <div id="editor-summary" className="form-error" role="alert">
            <p>{t('practicesUi.errors.summary')}</p>
            <ul>{[...summary, ...orphanErrors].map((m) => <li key={m}>{m}</li>)}</ul>
          </div>
        )}
        {Object.keys(errors).length > 0 && summary.length === 0 && orphanErrors.length === 0 && (
          <p className="form-error" role="alert">{t('practicesUi.errors.fix')}</p>
        )}
        <fieldset disabled={!editable || busy !== null} className="plain">
          <Field label={t('practicesUi.fields.title')} name="title" error={fieldError('title')}>
            {(a) => <input {...a} type="text" maxLength={PRACTICE_LIMITS.title} value={form.title} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <Field label={t('practicesUi.fields.summary')} name="summary" error={fieldError('summary')} hint={t('practicesUi.hints.summary')}>
            {(a) => <textarea {...a} rows={3} maxLength={PRACTICE_LIMITS.summary} value={form.summary} onChange={(e) => set('summary', e.target.value)} />}
          </Field>

          <div className="editor-row">
            <Field label={t('practicesUi.fields.city')} name="cityId" error={fieldError('cityId')}>
              {(a) => (
                <select {...a} value={form.cityId} disabled={!!practice} onChange={(e) => set('cityId', e.target.value)}>
                  <option value="">{t('practicesUi.fields.chooseCity')}</option>
                  {(practice && !me.cities.some((c) => c.id === practice.city.id) ? [{ id: practice.city.id, name: practice.city.name }] : []).concat(me.cities)
                    .map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('practicesUi.fields.language')} name="language" error={fieldError('language')}>
              {(a) => (
                <select {...a} value={form.language} onChange={(e) => set('language', e.target.value)}>
                  {(PRACTICE_LANGUAGES.includes(form.language) ? PRACTICE_LANGUAGES : [form.language, ...PRACTICE_LANGUAGES])
                    .map((l) => <option key={l} value={l}>{languageName(l, lang)}</option>)}
                </select>
              )}
            </Field>
          </div>

          <div className="editor-body">
            <Field label={t('practicesUi.fields.body')} name="body" error={fieldError('body')} hint={t('practicesUi.hints.body')}>
              {(a) => <textarea {...a} rows={16} className="mono" value={form.body} onChange={(e) => set('body', e.target.value)} />}
            </Field>
            <div className="preview-pane">
              <h2 id="preview-heading" className="small-heading">{t('practicesUi.editor.preview')}</h2>
              <div className="prose preview" data-testid="preview" aria-labelledby="preview-heading" aria-live="polite" aria-busy={preview.pending}
                lang={form.language} dangerouslySetInnerHTML={{ __html: preview.html }} />
              {!form.body.trim() && <p className="muted small">{t('practicesUi.editor.previewEmpty')}</p>}
              {preview.failed && <p className="muted small">{t('practicesUi.editor.previewFailed')}</p>}
            </div>
          </div>

          <CheckboxGroup legend={t('practicesUi.fields.priorities')} name="priorities" value={form.priorities} onChange={(v) => set('priorities', v)}
            error={fieldError('priorities')}
            options={taxonomy.status === 'success' ? taxonomy.data.principles.flatMap((p) => p.priorities.map((q) => ({ value: q.code, label: `${p.label} · ${q.label}` }))) : []} />
          <CheckboxGroup legend={t('practicesUi.fields.routes')} name="routes" value={form.routes} onChange={(v) => set('routes', v)} error={fieldError('routes')}
            options={routes.status === 'success' ? routes.data.items.map((r) => ({ value: r.slug, label: r.name })) : []} />
          <CheckboxGroup legend={t('practicesUi.fields.targetGroups')} name="targetGroups" value={form.targetGroups} onChange={(v) => set('targetGroups', v)}
            error={fieldError('targetGroups')}
            options={TARGET_GROUP_CODES.map((code) => ({ value: code, label: TARGET_GROUPS[code][(lang as 'en' | 'fr' | 'es')] ?? TARGET_GROUPS[code].en }))} />

          <fieldset className="plain how-to">
            <legend>{t('practicesUi.fields.howTo')}</legend>
            {HOW_TO.map((k) => (
              <Field key={k} label={t(`practicesUi.fields.howToParts.${k}`)} name={`howTo.${k}`} error={fieldError(`howTo.${k}`)}>
                {(a) => <textarea {...a} rows={3} maxLength={PRACTICE_LIMITS.howToField} value={form.howTo[k]} onChange={(e) => setHowTo(k, e.target.value)} />}
              </Field>
            ))}
          </fieldset>

          <div className="editor-row">
            <Field label={t('practicesUi.fields.startedOn')} name="startedOn" error={fieldError('startedOn')}>
              {(a) => <input {...a} type="date" value={form.startedOn} onChange={(e) => set('startedOn', e.target.value)} />}
            </Field>
            <Field label={t('practicesUi.fields.endedOn')} name="endedOn" error={fieldError('endedOn')}>
              {(a) => <input {...a} type="date" value={form.endedOn} onChange={(e) => set('endedOn', e.target.value)} />}
            </Field>
            <Field label={t('practicesUi.fields.budget')} name="budget" error={fieldError('budget')}>
              {(a) => <input {...a} type="text" maxLength={PRACTICE_LIMITS.budget} value={form.budget} onChange={(e) => set('budget', e.target.value)} />}
            </Field>
          </div>
          <Field label={t('practicesUi.fields.outcomes')} name="outcomes" error={fieldError('outcomes')}>
            {(a) => <textarea {...a} rows={3} maxLength={PRACTICE_LIMITS.outcomes} value={form.outcomes} onChange={(e) => set('outcomes', e.target.value)} />}
          </Field>
          <Field label={t('practicesUi.fields.contact')} name="contact" error={fieldError('contact')}>
            {(a) => <input {...a} type="text" maxLength={PRACTICE_LIMITS.contact} value={form.contact} onChange={(e) => set('contact', e.target.value)} />}
          </Field>
        </fieldset>

        {editable && (
          <div className="actions">
            <button type="submit" className="button button-ghost" disabled={busy !== null}>
              {busy === 'save' ? t('practicesUi.editor.saving') : t('practicesUi.editor.save')}
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={onSubmitForReview}>
              {busy === 'submit' ? t('practicesUi.editor.submitting') : t('practicesUi.editor.submit')}
            </button>
            {saved && <span role="status" className="muted">{t('practicesUi.editor.saved')}</span>}
          </div>
        )}
      </form>
    </section>
  );
}

const KNOWN_FIELDS = new Set([
  'title', 'summary', 'body', 'cityId', 'language', 'priorities', 'routes', 'targetGroups',
  ...HOW_TO.map((k) => `howTo.${k}`), 'howTo', 'budget', 'startedOn', 'endedOn', 'outcomes', 'contact', 'version',
]);
