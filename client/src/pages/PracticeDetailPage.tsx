import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { Practice } from '../../../server/contract/practices.ts';
import { useApi } from '../api/useApi';
import { ContactCityButton } from '../components/ContactCityButton';
import { ErrorState, Loading } from '../components/Status';
import { countryName, formatDate as formatInLocale, languageName, useDocumentTitle } from '../format';
import { useLabels } from '../practices/labels';
import { PracticeActions } from '../practices/editor/PracticeActions';
import { SampleBadge } from '../components/SampleBadge';

const HOW_TO = ['process', 'challenges', 'successFactors', 'transferability'] as const;

function formatDate(iso: string | null, lang: string): string {
  if (!iso) return '';
  // plain dates (YYYY-MM-DD) are calendar days: format them in UTC so no time zone shifts the day
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatInLocale(d, lang, { dateStyle: 'long', timeZone: 'UTC' });
}

export function PracticeDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => api.practice(id, signal), [id]);
  useDocumentTitle(state.status === 'success' ? state.data.title : t('practices.title'), t('app.name'));

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/practices">← {t('practice.back')}</Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && <PracticeView practice={state.data} lang={lang} />}
    </article>
  );
}

function PracticeView({ practice: p, lang }: { practice: Practice; lang: string }) {
  const { t } = useTranslation();
  const labels = useLabels(lang);
  const howTo = HOW_TO.filter((k) => p.howTo?.[k]);
  return (
    <>
      <h1 lang={p.language}>
        {p.title}
        <SampleBadge show={p.isSample} />
      </h1>
      <p className="lead" lang={p.language}>
        {p.summary}
      </p>
      <PracticeActions practice={p} />
      <dl className="facts">
        <div>
          <dt>{t('practice.city')}</dt>
          <dd>
            <Link to={`/cities/${encodeURIComponent(p.city.id)}`}>{p.city.name}</Link>
            {p.city.country ? `, ${countryName(p.city.country, lang)}` : ''}{' '}
            <ContactCityButton cityId={p.city.id} cityName={p.city.name} />
          </dd>
        </div>
        <div>
          <dt>{t('practice.language')}</dt>
          <dd>{languageName(p.language, lang)}</dd>
        </div>
        {p.status !== 'published' && (
          <div>
            <dt>{t('practice.status')}</dt>
            <dd>{t(`practice.statuses.${p.status}`, { defaultValue: p.status })}</dd>
          </div>
        )}
        {(p.startedOn || p.endedOn) && (
          <div>
            <dt>{t('practice.period')}</dt>
            <dd>
              {p.startedOn ? formatDate(p.startedOn, lang) : '…'} – {p.endedOn ? formatDate(p.endedOn, lang) : t('practice.ongoing')}
            </dd>
          </div>
        )}
        {p.publishedAt && (
          <div>
            <dt>{t('practice.publishedAt')}</dt>
            <dd>{formatDate(p.publishedAt, lang)}</dd>
          </div>
        )}
        <div>
          <dt>{t('practice.updatedAt')}</dt>
          <dd>{formatDate(p.updatedAt, lang)}</dd>
        </div>
      </dl>

      <section aria-labelledby="practice-priorities">
        <h2 id="practice-priorities">{t('practice.priorities')}</h2>
        <ul className="priority-list">
          {p.priorities.map((code) => (
            <li key={code}>
              <span className="code">{code}</span> {labels.priority(code) ?? ''}
            </li>
          ))}
        </ul>
        {p.routes.length > 0 && (
          <p>
            <strong>{t('practice.routes')}:</strong>{' '}
            {p.routes.map((slug, i) => (
              <span key={slug}>
                {i > 0 && ', '}
                <Link to={`/routes/${encodeURIComponent(slug)}`}>{labels.route(slug) ?? slug}</Link>
              </span>
            ))}
          </p>
        )}
        {p.targetGroups.length > 0 && (
          <p>
            <strong>{t('practice.targetGroups')}:</strong>{' '}
            {p.targetGroups.map((g) => t(`practice.targetGroup.${g}`, { defaultValue: g })).join(', ')}
          </p>
        )}
      </section>

      <section aria-labelledby="practice-body">
        <h2 id="practice-body">{t('practice.description')}</h2>
        {/* bodyHtml is rendered from Markdown and sanitised server-side by renderMarkdown
            (server/services/practices/markdown.ts, sanitize-html allow-list: no scripts, styles or event handlers). */}
        <div className="prose" lang={p.language} dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
      </section>

      {howTo.length > 0 && (
        <section aria-labelledby="practice-howto">
          <h2 id="practice-howto">{t('practice.howTo')}</h2>
          {howTo.map((k) => (
            <div key={k} lang={p.language}>
              <h3>{t(`practice.howToFields.${k}`)}</h3>
              <p className="pre-line">{p.howTo![k]}</p>
            </div>
          ))}
        </section>
      )}

      {p.outcomes && (
        <section aria-labelledby="practice-outcomes">
          <h2 id="practice-outcomes">{t('practice.outcomes')}</h2>
          <p className="pre-line" lang={p.language}>
            {p.outcomes}
          </p>
        </section>
      )}

      {p.budget && (
        <section aria-labelledby="practice-budget">
          <h2 id="practice-budget">{t('practice.budget')}</h2>
          <p className="pre-line">{p.budget}</p>
        </section>
      )}

      {p.contact && (
        <section aria-labelledby="practice-contact">
          <h2 id="practice-contact">{t('practice.contact')}</h2>
          <p className="pre-line">{p.contact}</p>
        </section>
      )}
    </>
  );
}
