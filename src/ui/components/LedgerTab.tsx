import { useMemo, useState } from 'react';
import { proxy } from 'comlink';
import { useTranslation } from 'react-i18next';
import { ledgerTable } from '../../core';
import type { LedgerRow } from '../../core';
import { writeLedgerCsv, writeLedgerXlsx } from '../../io/ledgerFiles';
import { useCaseStore, useLedgerRows } from '../cases/caseStore';
import { todayLocal } from '../cases/clock';
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
        onNewCase={() => {
          useCaseStore.getState().setView('map');
          useCaseStore.getState().setIntakeOpen(true);
        }}
      />
    </section>
  );
}
