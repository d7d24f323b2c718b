import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';
import { twinningsApi } from '../twinnings/api';
import { themesFromReasons } from '../twinnings/model';
import { ProposeTwinningForm } from '../twinnings/ProposeTwinning';
import { ReasonList } from '../twinnings/TwinningParts';
import { useMyRoles } from '../twinnings/useMyRoles';
import '../twinnings/twinnings.css';

/** A network manager's brokering board: pairs of member cities ranked by mutual match, with a "Propose". */
export function BrokeringPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { status } = useAuth();
  const roles = useMyRoles();
  const [state, reload] = useApi((signal) => twinningsApi.brokering(id, lang, signal), [id, lang, status]);
  const [open, setOpen] = useState<string | null>(null);
  const network = roles.managedNetworks.find((n) => n.id === id);
  const title = network ? t('twinnings.brokering.boardOf', { network: network.name }) : t('twinnings.brokering.title');
  useDocumentTitle(title, t('app.name'));
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });

  if (status === 'anonymous') return <p><Link to="/signin">{t('twinnings.signIn')}</Link></p>;
  return (
    <section className="brokering-page">
      <p className="breadcrumb"><Link to="/twinnings">← {t('twinnings.back')}</Link></p>
      <h1>{title}</h1>
      <p className="muted">{t('twinnings.brokering.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'success' && (state.data.items.length === 0 ? <Empty>{t('twinnings.brokering.empty')}</Empty> : (
        <ol className="match-list brokering-list">
          {state.data.items.map(({ cities: [a, b], score, reasons }) => {
            const key = `${a.id}:${b.id}`;
            const names = `${a.name} – ${b.name}`;
            return (
              <li key={key} className="card match brokering-pair" data-pair={key}>
                <h2>
                  <Link to={`/cities/${encodeURIComponent(a.id)}`}>{a.name}</Link> – <Link to={`/cities/${encodeURIComponent(b.id)}`}>{b.name}</Link>
                </h2>
                <p className="score">
                  <span className="score-bar" aria-hidden="true"><span style={{ width: `${Math.round(Math.min(Math.max(score, 0), 1) * 100)}%` }} /></span>{' '}
                  <span>{t('twinnings.brokering.score', { score: pct.format(score) })}</span>
                </p>
                <ReasonList reasons={reasons} />
                <button type="button" className="button" aria-expanded={open === key} aria-label={t('twinnings.brokering.proposeLabel', { names })}
                  onClick={() => setOpen(open === key ? null : key)}>
                  {t('twinnings.brokering.propose')}
                </button>
                {open === key && (
                  <ProposeTwinningForm from={a} to={b} suggestedThemes={themesFromReasons(reasons)} brokered networkId={id} onCancel={() => setOpen(null)} />
                )}
              </li>
            );
          })}
        </ol>
      ))}
    </section>
  );
}
