import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { RequireAuth } from '../../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../../components/Status';
import { useDocumentTitle } from '../../format';
import type { PracticeSummary } from '../../../../server/contract/practices.ts';
import { practicesApi } from './api';
import './editor.css';

const GROUPS = ['draft', 'in_review', 'published', 'archived'] as const;

/** `/me/practices`: the practices I wrote, drafts first, each draft with its editor. */
export function MyPracticesPage() {
  return (
    <RequireAuth>
      <MyPractices />
    </RequireAuth>
  );
}

function MyPractices() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  useDocumentTitle(t('practicesUi.mine.title'), t('app.name'));
  const [state, reload] = useApi((signal) => practicesApi.list({ mine: true, limit: 100 }, signal), []);
  return (
    <section className="my-practices">
      <div className="toolbar">
        <h1>{t('practicesUi.mine.title')}</h1>
        <Link to="/practices/new" className="button">{t('practicesUi.mine.write')}</Link>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && state.data.items.length === 0 && <Empty>{t('practicesUi.mine.empty')}</Empty>}
      {state.status === 'success' && GROUPS.map((status) => {
        const items = state.data.items.filter((p) => p.status === status);
        if (!items.length) return null;
        return (
          <section key={status} aria-labelledby={`mine-${status}`} data-group={status}>
            <h2 id={`mine-${status}`}>{t(`practicesUi.mine.groups.${status}`)}</h2>
            <ul className="plain practice-rows">
              {items.map((p) => <Row key={p.id} practice={p} lang={lang} />)}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function Row({ practice: p, lang }: { practice: PracticeSummary; lang: string }) {
  const { t } = useTranslation();
  return (
    <li className="card practice-row">
      <h3>
        {p.status === 'draft'
          ? <Link to={`/practices/${p.id}/edit`}>{p.title}</Link>
          : <Link to={`/practices/${p.id}`}>{p.title}</Link>}
      </h3>
      <p className="muted small">
        {p.city.name} · {t('practicesUi.mine.updated', { date: new Date(p.updatedAt).toLocaleDateString(lang) })}
      </p>
      {p.status === 'draft' && <Link to={`/practices/${p.id}/edit`} className="button button-ghost">{t('practicesUi.mine.edit')}</Link>}
    </li>
  );
}
