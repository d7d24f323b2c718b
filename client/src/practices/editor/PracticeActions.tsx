import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import type { Practice } from '../../../../server/contract/practices.ts';

/** On a practice's page: its author edits a draft; a practice in review points reviewers to the queue. */
export function PracticeActions({ practice: p }: { practice: Practice }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  if (p.status === 'draft' && p.author.id === user.id) {
    return <p className="actions"><Link to={`/practices/${encodeURIComponent(p.id)}/edit`} className="button">{t('practicesUi.mine.edit')}</Link></p>;
  }
  if (p.status === 'in_review' && p.author.id !== user.id) {
    return <p className="actions"><Link to="/review" className="button button-ghost">{t('practicesUi.review.title')}</Link></p>;
  }
  return null;
}
