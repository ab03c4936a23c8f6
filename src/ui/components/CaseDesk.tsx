import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS, CHANNEL_LABELS, maskIdNumber, maskName, maskPhone, parseCategory, parseChannel, STATUS_LABELS } from '../../core';
import type { AuditEntry, CaseFile, CaseStatus } from '../../core';
import { STORAGE_FULL, useCaseStore } from '../cases/caseStore';
import { useAppStore } from '../store';
import { CaseLetters } from './CaseLetters';
import { CaseReportExport } from './CaseReportExport';
import { CaseVerification } from './CaseVerification';
import { CaseWorkflow } from './CaseWorkflow';
import './caseDesk.css';

// One case at the officer's desk, beside the map: the case data (the petitioner masked until asked),
// the workflow, the verification with the opinion editor, the letters and the audit log.

function CaseData({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [unmasked, setUnmasked] = useState(false);
  const r = file.record;
  const channel = parseChannel(r.channel);
  const category = parseCategory(r.category);
  const rows: [string, string | null][] = [
    [t('caseDesk.field.receivedDate'), r.receivedDate],
    [t('caseDesk.field.channel'), channel ? CHANNEL_LABELS[lang][channel] : r.channel],
    [t('caseDesk.field.category'), category ? CATEGORY_LABELS[lang][category] : r.category],
    [t('caseDesk.field.petitioner'), unmasked ? r.petitioner : maskName(r.petitioner)],
    [t('caseDesk.field.phone'), unmasked ? r.phone : maskPhone(r.phone)],
    [t('caseDesk.field.idNumber'), unmasked ? file.petitionerIdNumber : maskIdNumber(file.petitionerIdNumber)],
    [t('caseDesk.field.complaint'), r.complaint],
    [t('caseDesk.field.demands'), r.demands],
    [t('caseDesk.field.place'), r.place],
    [t('caseDesk.field.assignee'), file.assignee],
    [t('caseDesk.field.acceptedDate'), file.acceptedDate],
    [t('caseDesk.field.repliedDate'), file.repliedDate],
    [t('caseDesk.field.closedDate'), file.closedDate],
  ];
  return (
    <section className="desk-section" aria-labelledby="desk-facts">
      <h3 id="desk-facts">{t('caseDesk.section.facts')}</h3>
      {/* Complaint text is shown as text, never as HTML (DESIGN §8): React escapes it. */}
      <dl className="case-data">
        {rows.filter(([, v]) => v).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="link" onClick={() => setUnmasked((u) => !u)} aria-pressed={unmasked}>
        {unmasked ? t('caseDesk.hideIdentity') : t('caseDesk.showIdentity')}
      </button>
    </section>
  );
}

function AuditLog({ audit }: { audit: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const word = (s: string | null | undefined) => (s && s in STATUS_LABELS[lang] ? STATUS_LABELS[lang][s as CaseStatus] : (s ?? '—'));
  return (
    <section className="desk-section" aria-labelledby="desk-audit">
      <h3 id="desk-audit">{t('caseDesk.section.audit')}</h3>
      <ol className="audit" aria-label={t('caseDesk.section.audit')}>
        {[...audit].reverse().map((entry, i) => (
          <li key={i}>
            <time dateTime={entry.at}>{entry.at.replace('T', ' ').slice(0, 19)}</time> <span className="by">{entry.by}</span>{' '}
            {t(`caseDesk.audit.${entry.action}`, { from: entry.action === 'status' ? word(entry.from) : (entry.from ?? '—'), to: entry.action === 'status' ? word(entry.to) : (entry.to ?? '—') })}
            {entry.note && <span className="note"> · {entry.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CaseDesk() {
  const { t } = useTranslation();
  const id = useAppStore((s) => s.selectedCaseId);
  const file = useCaseStore((s) => s.files.find((f) => f.record.id === id));
  const saveError = useCaseStore((s) => s.saveError);
  if (!id || !file) return null;
  return (
    <aside className="case-desk" aria-labelledby="case-desk-heading">
      <header>
        <h2 id="case-desk-heading">{t('caseDesk.heading', { id })}</h2>
        <button type="button" aria-label={t('caseDesk.close')} onClick={() => useAppStore.getState().selectCase(null)}>×</button>
      </header>
      {saveError && <p role="alert" className="error">{t('caseDesk.saveFailed', { message: saveError === STORAGE_FULL ? t('caseDesk.storageFull') : saveError })}</p>}
      <CaseData file={file} />
      <CaseWorkflow key={`${id}-workflow`} file={file} />
      <CaseVerification key={`${id}-verify`} file={file} />
      <CaseLetters key={`${id}-letters`} file={file} />
      <CaseReportExport key={`${id}-report`} file={file} />
      <AuditLog audit={file.audit} />
    </aside>
  );
}
