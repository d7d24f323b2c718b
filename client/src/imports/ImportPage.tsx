import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api/http';
import { useApi } from '../api/useApi';
import { RequireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/Status';
import { formatNumber, useDocumentTitle } from '../format';
import type { CityImportReport } from '../../../server/contract/imports.ts';
import { dryRun, exportUrl, me as loadMe, runImport, templateUrl } from './api';
import './imports.css';

/** `/networks/:id/import`: bulk onboarding of a network's cities from CSV, for its managers. */
export function ImportPage() {
  return (
    <RequireAuth>
      <ImportLoader />
    </RequireAuth>
  );
}

function ImportLoader() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [me] = useApi((signal) => loadMe(signal), []);
  if (me.status === 'loading') return <Loading />;
  if (me.status === 'error') return <ErrorState error={me.error} />;
  const network = me.data.managedNetworks.find((n) => n.id === id || n.slug === id);
  if (!network && !me.data.user.isPlatformAdmin) {
    return <section className="narrow"><h1>{t('practicesUi.import.title')}</h1><Empty>{t('practicesUi.import.notManager')}</Empty></section>;
  }
  return <Importer networkId={network?.id ?? id} networkName={network?.name ?? id} />;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; report: CityImportReport }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'imported'; report: CityImportReport }
  | { kind: 'failed'; message: string; details: string[] };

function Importer({ networkId, networkName }: { networkId: string; networkName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  useDocumentTitle(t('practicesUi.import.title'), t('app.name'));
  const [csv, setCsv] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setPhase({ kind: 'idle' });
  };
  const fail = (err: unknown) => setPhase({
    kind: 'failed',
    message: isApiError(err) ? err.detail ?? err.title : err instanceof Error ? err.message : String(err),
    details: isApiError(err) ? (err.errors ?? []).map((e) => (e.path && e.path !== 'body' ? `${e.path}: ${e.message}` : e.message)) : [],
  });
  const check = async () => {
    setPhase({ kind: 'checking' });
    try {
      setPhase({ kind: 'checked', report: await dryRun(networkId, csv) });
    } catch (err) {
      fail(err);
    }
  };
  const importNow = async () => {
    setPhase({ kind: 'importing', done: 0, total: phase.kind === 'checked' ? phase.report.rows : 0 });
    try {
      const report = await runImport(networkId, csv, (done, total) => setPhase({ kind: 'importing', done, total }));
      setPhase({ kind: 'imported', report });
    } catch (err) {
      fail(err);
    }
  };
  const busy = phase.kind === 'checking' || phase.kind === 'importing';

  return (
    <section className="city-import">
      <h1>{t('practicesUi.import.title')}</h1>
      <p className="lead">{t('practicesUi.import.lead', { network: networkName })}</p>
      <p className="actions">
        <a className="button button-ghost" href={templateUrl} download>{t('practicesUi.import.template')}</a>
        <a className="button button-ghost" href={exportUrl(networkId)} download>{t('practicesUi.import.export')}</a>
      </p>
      <p className="muted small">{t('practicesUi.import.columns')}</p>

      <div className="field">
        <label htmlFor="import-file">{t('practicesUi.import.file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={onFile} disabled={busy} />
      </div>
      <div className="field">
        <label htmlFor="import-text">{t('practicesUi.import.text')}</label>
        <p className="field-hint" id="import-text-hint">{t('practicesUi.import.textHint')}</p>
        <textarea id="import-text" aria-describedby="import-text-hint" className="mono" rows={10} value={csv} disabled={busy}
          onChange={(e) => { setCsv(e.target.value); setPhase({ kind: 'idle' }); }} />
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={busy || !csv.trim()} onClick={check}>{t('practicesUi.import.check')}</button>
        {phase.kind === 'checked' && phase.report.errors.length === 0 && (
          <button type="button" className="button" onClick={importNow}>{t('practicesUi.import.run', { count: phase.report.rows })}</button>
        )}
      </div>

      <div aria-live="polite">
        {phase.kind === 'checking' && <Loading label={t('practicesUi.import.checking')} />}
        {phase.kind === 'checked' && <Report report={phase.report} lang={lang} />}
        {phase.kind === 'importing' && (
          <div className="import-progress">
            <label htmlFor="import-progress">{t('practicesUi.import.progress', { done: phase.done, total: phase.total })}</label>
            <progress id="import-progress" max={Math.max(phase.total, 1)} value={phase.done} />
          </div>
        )}
        {phase.kind === 'imported' && (
          <p className="flash" role="status" data-testid="import-result">
            {t('practicesUi.import.done', { created: formatNumber(phase.report.created, lang), updated: formatNumber(phase.report.updated, lang) })}
            {' '}<Link to={`/cities?network=${encodeURIComponent(networkId)}`}>{t('practicesUi.import.seeCities')}</Link>
          </p>
        )}
        {phase.kind === 'failed' && (
          <div className="form-error" role="alert">
            <p>{phase.message}</p>
            {phase.details.length > 0 && <ul>{phase.details.map((d) => <li key={d}>{d}</li>)}</ul>}
          </div>
        )}
      </div>
    </section>
  );
}

function Report({ report, lang }: { report: CityImportReport; lang: string }) {
  const { t } = useTranslation();
  if (!report.errors.length) {
    return (
      <p className="flash" role="status" data-testid="dry-run-ok">
        {t('practicesUi.import.checkedOk', { rows: formatNumber(report.rows, lang), created: formatNumber(report.created, lang), updated: formatNumber(report.updated, lang) })}
      </p>
    );
  }
  const badRows = new Set(report.errors.map((e) => e.row)).size;
  return (
    <div className="import-report" role="alert">
      <p><strong>{t('practicesUi.import.checkedBad', { count: badRows, rows: report.rows })}</strong></p>
      <table className="import-errors">
        <caption className="visually-hidden">{t('practicesUi.import.errorsCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('practicesUi.import.row')}</th><th scope="col">{t('practicesUi.import.column')}</th><th scope="col">{t('practicesUi.import.problem')}</th></tr>
        </thead>
        <tbody>
          {report.errors.map((e, i) => (
            <tr key={i} data-row={e.row}>
              <td>{e.row}</td>
              <td><code>{e.field || '—'}</code></td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
