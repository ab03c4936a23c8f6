import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../core';
import type { ReportFormat } from '../../workers/reports';
import { downloadBytes } from '../download';
import { reportRequest } from '../reports/reportRequest';
import { getWorker } from '../worker';

// The case's verification report from the case desk: DOCX (what bureaus file) or PDF, masked unless asked.

export function CaseReportExport({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<ReportFormat>('docx');
  const [unmask, setUnmask] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await getWorker().caseReport(file, reportRequest(format, i18n.language, unmask));
    setBusy(false);
    if ('error' in result) setError(result.error);
    else downloadBytes(result.bytes, result.fileName, result.mime);
  };
  return (
    <section className="desk-section" aria-labelledby="desk-report">
      <h3 id="desk-report">{t('reports.heading')}</h3>
      <div className="inline-form">
        <fieldset>
          <legend>{t('reports.format')}</legend>
          {(['docx', 'pdf'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="case-report-format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" checked={unmask} onChange={(e) => setUnmask(e.target.checked)} /> {t('reports.unmask')}
        </label>
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>{t('reports.export')}</button>
      </div>
      {unmask && <p className="hint">{t('reports.unmaskWarning')}</p>}
      {busy && <p role="status" className="hint">{t('reports.working')}</p>}
      {error && <p role="alert" className="error">{t('reports.failed', { message: error })}</p>}
    </section>
  );
}
