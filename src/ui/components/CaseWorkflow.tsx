import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignCase, CaseFlowError, caseDeadline, changeStatus, extendReply, nextStatuses, STATUS_LABELS } from '../../core';
import type { CaseFile, CaseStatus } from '../../core';
import { commitCase, currentUser, useCaseStore } from '../cases/caseStore';
import { nowIso, todayLocal } from '../cases/clock';

// The case flow for one case: its deadline, the next steps it may take, assignment and the one
// extension of the reply deadline. The core decides what is allowed; refusals are shown in words.

export function DeadlineText({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const rules = useCaseStore((s) => s.deadlineRules);
  const deadline = caseDeadline(file, todayLocal(), rules);
  if (!deadline) return <span className="deadline">{t('caseDesk.deadline.none')}</span>;
  return (
    <span className={`deadline ${deadline.mark}`}>
      {t(`caseDesk.deadline.${deadline.kind}`, { date: deadline.dueDate })} ·{' '}
      {t(`caseDesk.deadline.${deadline.mark}`, { days: Math.abs(deadline.daysLeft) })}
    </span>
  );
}

export function CaseWorkflow({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const rules = useCaseStore((s) => s.deadlineRules);
  const [problem, setProblem] = useState<string | null>(null);
  const [assignee, setAssignee] = useState(file.assignee ?? '');
  const [days, setDays] = useState(String(rules.maxExtensionDays));
  const [reason, setReason] = useState('');
  const statusWord = (s: CaseStatus) => STATUS_LABELS[lang][s];

  const run = async (change: () => CaseFile) => {
    setProblem(null);
    try {
      await commitCase(change());
    } catch (error) {
      if (!(error instanceof CaseFlowError)) throw error;
      const code = (error as CaseFlowError & { code?: string }).code;
      setProblem(
        code === 'extensionTwice' || code === 'extensionNotAccepted' ? t(`caseDesk.flowError.${code}`)
        : code === 'extensionTooLong' ? t('caseDesk.flowError.extensionTooLong', { max: rules.maxExtensionDays })
        : t('caseDesk.flowError.other', { message: error.message }),
      );
    }
  };
  const who = () => ({ by: currentUser(), at: nowIso() });
  const steps = nextStatuses(file.status);
  const order = (s: CaseStatus) => ['registered', 'accepted', 'verifying', 'drafted', 'reviewed', 'replied', 'followedUp', 'closed'].indexOf(s);
  const canExtend = !file.extension && ['accepted', 'verifying', 'drafted', 'reviewed'].includes(file.status);

  return (
    <section className="desk-section" aria-labelledby="desk-workflow">
      <h3 id="desk-workflow">{t('caseDesk.section.workflow')}</h3>
      <p>
        {t('caseDesk.status')}: <strong className={`status ${file.status}`}>{statusWord(file.status)}</strong> · <DeadlineText file={file} />
      </p>
      <div className="buttons left">
        {steps.map((to) => (
          <button key={to} type="button" onClick={() => void run(() => changeStatus(file, to, who()))}>
            {file.status === 'registered' && to === 'closed' ? t('caseDesk.notAccepted') : order(to) < order(file.status) ? t('caseDesk.returnTo', { status: statusWord(to) }) : t('caseDesk.moveTo', { status: statusWord(to) })}
          </button>
        ))}
      </div>
      <div className="inline-form">
        <label className="field">
          {t('caseDesk.assignTo')}
          <input value={assignee} onChange={(e) => setAssignee(e.target.value)} />
        </label>
        <button type="button" disabled={!assignee.trim() || assignee.trim() === file.assignee} onClick={() => void run(() => assignCase(file, assignee.trim(), who()))}>
          {t('caseDesk.assign')}
        </button>
      </div>
      {file.extension ? (
        <p>{t('caseDesk.extended', { days: file.extension.days, date: file.extension.grantedDate, reason: file.extension.reason })}</p>
      ) : (
        canExtend && (
          <div className="inline-form">
            <label className="field">
              {t('caseDesk.extensionDays')}
              <input type="number" min={1} max={rules.maxExtensionDays} value={days} onChange={(e) => setDays(e.target.value)} />
            </label>
            <label className="field grow">
              {t('caseDesk.extensionReason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="button" disabled={!reason.trim()} onClick={() => void run(() => extendReply(file, { days: Number(days), grantedDate: todayLocal(), reason: reason.trim() }, who(), rules))}>
              {t('caseDesk.extend')}
            </button>
          </div>
        )
      )}
      {problem && <p role="alert" className="error">{problem}</p>}
    </section>
  );
}
