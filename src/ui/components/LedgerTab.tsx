import { useMemo, useState } from 'react';
import { proxy } from 'comlink';
import { useTranslation } from 'react-i18next';
import { ledgerTable, recordVerification } from '../../core';
import type { CaseFile, FactsSnapshot, LedgerRow } from '../../core';
import { writeLedgerCsv, writeLedgerXlsx } from '../../io/ledgerFiles';
import { commitCases, currentUser, useCaseStore, useLedgerRows } from '../cases/caseStore';
import { nowIso, todayLocal } from '../cases/clock';
import { SOFTWARE_VERSION } from '../version';
import { downloadBytes } from '../download';
import { useAppStore } from '../store';
import { LedgerView } from './LedgerView';
import type { LedgerExportFormat } from './LedgerView';
import { reportRequest } from '../reports/reportRequest';
import { getWorker } from '../worker';

// The ledger tab: the table of every case, and its exports. Opening a case shows it on the map with
// the case desk beside it. Exports mask the petitioner unless the user chose otherwise.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function LedgerTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const rows = useLedgerRows();
  const files = useCaseStore((s) => s.files);
  const selectedId = useAppStore((s) => s.selectedCaseId);
  const officers = useMemo(() => [...new Set(files.map((f) => f.assignee).filter((a): a is string => Boolean(a)))].sort(), [files]);

  const [reports, setReports] = useState<{ done: number; total: number } | { error: string } | null>(null);
  const [verifying, setVerifying] = useState<VerifyProgress | null>(null);

  /**
   * Verifies each shown case that is not closed against the loaded layers and keeps its facts, as the case
   * desk's verify button does; the verified cases are saved together. A case edited or closed while the batch
   * ran keeps what it has: its facts would be of the record as it was.
   */
  const verifyShown = async (shown: LedgerRow[]) => {
    const byId = new Map(files.map((f) => [f.record.id, f]));
    const chosen = shown.map((r) => byId.get(r.id)).filter((f): f is CaseFile => f !== undefined);
    const open = chosen.filter((f) => f.status !== 'closed');
    const skippedClosed = chosen.length - open.length;
    const progress: VerifyProgress = { done: 0, total: open.length, finished: false, skippedClosed, overlapping: 0, failed: [] };
    setVerifying(progress);
    try {
      const at = nowIso();
      const results = await getWorker().verifyMany(
        open.map((f) => f.record),
        { lang, verifiedAt: at, date: todayLocal(), softwareVersion: SOFTWARE_VERSION },
        proxy((done: number, total: number) => setVerifying((v) => v && { ...v, done, total })),
      );
      const latest = new Map(useCaseStore.getState().files.map((f) => [f.record.id, f]));
      const verified: CaseFile[] = [];
      results.forEach((facts, i) => {
        const asked = open[i]!, file = latest.get(asked.record.id);
        if ('error' in facts) return progress.failed.push({ id: asked.record.id, message: facts.error });
        if (!file || file.record !== asked.record || file.status === 'closed') return progress.failed.push({ id: asked.record.id, message: t('ledger.verify.changed') });
        verified.push(recordVerification(file, facts, { by: currentUser(), at }));
      });
      if (verified.length > 0 && (await commitCases(verified))) {
        progress.done = verified.length;
        progress.overlapping = verified.filter((f) => (f.lastVerification as FactsSnapshot).result.overlaps.length > 0).length;
      }
    } catch (error) {
      progress.failed.push({ id: '—', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setVerifying({ ...progress, finished: true });
    }
  };

  /** Each shown case's verification report, in the ledger's order, in one zip (with progress). */
  const exportReports = async (shown: LedgerRow[], format: 'docx' | 'pdf', unmask: boolean) => {
    const byId = new Map(files.map((f) => [f.record.id, f]));
    const chosen = shown.map((r) => byId.get(r.id)!).filter(Boolean);
    setReports({ done: 0, total: chosen.length });
    const result = await getWorker().caseReportsZip(chosen, { ...reportRequest(format, lang, unmask), zipName: `${t('ledger.export.reportsZip')}-${todayLocal()}.zip` }, proxy((done: number, total: number) => setReports({ done, total })));
    if ('error' in result) return setReports({ error: result.error });
    setReports(null);
    downloadBytes(result.bytes, result.fileName, result.mime);
  };

  const exportRows = async (shown: LedgerRow[], format: LedgerExportFormat, unmask: boolean) => {
    if (format === 'docx' || format === 'pdf') return exportReports(shown, format, unmask);
    const table = ledgerTable(shown, { lang, unmask });
    const name = `${t('ledger.heading')}-${todayLocal()}`;
    if (format === 'csv') downloadBytes(writeLedgerCsv(table), `${name}.csv`, 'text/csv;charset=utf-8');
    else downloadBytes(await writeLedgerXlsx(table, t('ledger.heading')), `${name}.xlsx`, XLSX_TYPE);
  };

  return (
    <section className="tab-page" id="view-ledger" role="tabpanel" aria-labelledby="tab-ledger">
      {reports && 'total' in reports && (
        <p role="status" className="ledger-reports">
          {t('ledger.export.reportsProgress', reports)} <progress max={Math.max(1, reports.total)} value={reports.done} />
        </p>
      )}
      {reports && 'error' in reports && <p role="alert" className="error">{t('ledger.export.reportsFailed', { message: reports.error })}</p>}
      {verifying && <VerifyStatus progress={verifying} />}
      <LedgerView
        rows={rows}
        officers={officers}
        selectedId={selectedId}
        onOpenCase={(id) => {
          useAppStore.getState().selectCase(id);
          useCaseStore.getState().setView('map');
        }}
        onExport={(shown, format, unmask) => void exportRows(shown, format, unmask)}
        onImport={() => useCaseStore.getState().setLedgerImportOpen(true)}
        onVerify={(shown) => void verifyShown(shown)}
        verifying={verifying !== null && !verifying.finished}
        onNewCase={() => {
          useCaseStore.getState().setView('map');
          useCaseStore.getState().setIntakeOpen(true);
        }}
      />
    </section>
  );
}

interface VerifyProgress {
  done: number;
  total: number;
  finished: boolean;
  skippedClosed: number;
  overlapping: number;
  failed: { id: string; message: string }[];
}

/** How far the batch verification is, and when it is done, what came of it. */
function VerifyStatus({ progress }: { progress: VerifyProgress }) {
  const { t } = useTranslation();
  if (!progress.finished) {
    return (
      <p role="status" className="ledger-reports">
        {t('ledger.verify.progress', { done: progress.done, total: progress.total })} <progress max={Math.max(1, progress.total)} value={progress.done} />
      </p>
    );
  }
  const first = progress.failed[0];
  return (
    <p role="status" className="ledger-reports ledger-verified">
      {t('ledger.verify.done', { count: progress.done, overlapping: progress.overlapping })}
      {progress.skippedClosed > 0 && <> {t('ledger.verify.skippedClosed', { count: progress.skippedClosed })}</>}
      {first && <> {t('ledger.verify.failed', { count: progress.failed.length, first: first.id, message: first.message })}</>}
    </p>
  );
}
