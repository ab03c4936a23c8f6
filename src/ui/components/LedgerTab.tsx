import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerTable } from '../../core';
import type { LedgerRow } from '../../core';
import { writeLedgerCsv, writeLedgerXlsx } from '../../io/ledgerFiles';
import { useCaseStore, useLedgerRows } from '../cases/caseStore';
import { todayLocal } from '../cases/clock';
import { downloadBytes } from '../download';
import { useAppStore } from '../store';
import { LedgerView } from './LedgerView';

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

  const exportRows = async (shown: LedgerRow[], format: 'xlsx' | 'csv', unmask: boolean) => {
    const table = ledgerTable(shown, { lang, unmask });
    const name = `${t('ledger.heading')}-${todayLocal()}`;
    if (format === 'csv') downloadBytes(writeLedgerCsv(table), `${name}.csv`, 'text/csv;charset=utf-8');
    else downloadBytes(await writeLedgerXlsx(table, t('ledger.heading')), `${name}.xlsx`, XLSX_TYPE);
  };

  return (
    <section className="tab-page" id="view-ledger" role="tabpanel" aria-labelledby="tab-ledger">
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
