import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_FIELDS, caseExtras, caseFileFromImport } from '../../core';
import type { CaseField } from '../../core';
import { readLedger, readLedgerForMapping } from '../../io/workspace';
import { commitCases, currentUser, useCaseStore } from '../cases/caseStore';
import { nowIso } from '../cases/clock';

// Bulk import of an existing ledger (XLSX/CSV): the columns are matched to case fields by their usual
// names, the user corrects the match, and all rows are written in one transaction — a refused row,
// a duplicate number or a closed tab leaves the ledger exactly as it was.

interface Pending {
  name: string;
  bytes: Uint8Array;
  header: string[];
  rowCount: number;
  mapping: Partial<Record<CaseField, string | null>>;
}

export function LedgerImportDialog() {
  const open = useCaseStore((s) => s.ledgerImportOpen);
  // Mounted afresh each time, so a new import starts with nothing picked.
  return open ? <ImportLedger /> : null;
}

function ImportLedger() {
  const { t } = useTranslation();
  const importing = useCaseStore((s) => s.importing);
  const areaCrs = useCaseStore((s) => s.ledgerSettings?.areaCrs);
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const close = () => useCaseStore.getState().setLedgerImportOpen(false);

  const pick = async (file: File | undefined) => {
    setProblem(null);
    setDone(null);
    setPending(null);
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const found = await readLedgerForMapping(bytes, file.name);
      setPending({ name: file.name, bytes, header: found.header, rowCount: found.rowCount, mapping: found.mapping });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  const run = async () => {
    if (!pending) return;
    setProblem(null);
    useCaseStore.setState({ importing: true });
    try {
      const records = await readLedger(pending.bytes, pending.name, areaCrs, pending.mapping);
      const existing = new Set(useCaseStore.getState().files.map((f) => f.record.id));
      const clash = records.filter((r) => existing.has(r.id)).map((r) => r.id);
      if (clash.length) {
        setProblem(t('caseDesk.ledgerImport.duplicates', { ids: clash.slice(0, 10).join(', ') + (clash.length > 10 ? ' …' : '') }));
        return;
      }
      const at = nowIso();
      // The ID number and the workflow dates come through the user's mapping as well.
      const files = records.map((record) => caseFileFromImport(record, { by: currentUser(), at }, { ...caseExtras(record, pending.mapping, pending.name), idNumberColumn: pending.mapping.idNumber ?? null }));
      if (await commitCases(files)) setDone(t('caseDesk.ledgerImport.imported', { count: files.length }));
      else setProblem(useCaseStore.getState().saveError);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      useCaseStore.setState({ importing: false });
    }
  };

  return (
    <dialog ref={dialog} className="dialog ledger-import" aria-labelledby="ledger-import-heading" onCancel={close}>
      <h2 id="ledger-import-heading">{t('caseDesk.ledgerImport.heading')}</h2>
      <label className="field">
        {t('caseDesk.ledgerImport.file')}
        <input type="file" accept=".xlsx,.csv" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {pending && (
        <>
          <p>{pending.name} · {t('caseDesk.ledgerImport.rows', { count: pending.rowCount })}</p>
          <fieldset>
            <legend>{t('caseDesk.ledgerImport.mapping')}</legend>
            <div className="mapping-grid">
              {CASE_FIELDS.map((field) => (
                <label key={field} className="field">
                  {t(`caseDesk.ledgerField.${field}`)}
                  <select
                    value={pending.mapping[field] ?? ''}
                    onChange={(e) => setPending({ ...pending, mapping: { ...pending.mapping, [field]: e.target.value === '' ? null : e.target.value } })}
                  >
                    <option value="">{t('caseDesk.ledgerImport.none')}</option>
                    {pending.header.map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}
      {importing && <p role="status">{t('caseDesk.ledgerImport.importing')}</p>}
      {done && <p role="status">{done}</p>}
      {problem && <p role="alert" className="error">{problem}</p>}
      <div className="buttons">
        <button type="button" onClick={close}>{t('caseDesk.ledgerImport.cancel')}</button>
        <button type="button" className="primary" disabled={!pending || importing || Boolean(done)} onClick={() => void run()}>
          {t('caseDesk.ledgerImport.import', { count: pending?.rowCount ?? 0 })}
        </button>
      </div>
    </dialog>
  );
}
