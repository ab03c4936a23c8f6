import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseDeadline } from '../../core';
import type { CaseFile } from '../../core';
import { useCaseStore } from '../cases/caseStore';
import { todayLocal } from '../cases/clock';
import { downloadBytes } from '../download';
import { getWorker } from '../worker';
import type { LetterKind } from '../../workers/workspace.worker';

// The letters to the petitioner drafted from the case (DESIGN §4): the reply letter from the
// verification, and the acceptance, non-acceptance and extension notices. The officer edits the text
// and downloads it.

const KINDS: LetterKind[] = ['acceptance', 'nonAcceptance', 'extension', 'reply'];

export function CaseLetters({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const rules = useCaseStore((s) => s.deadlineRules);
  const [kind, setKind] = useState<LetterKind>('acceptance');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const draft = async () => {
    setProblem(null);
    const today = todayLocal();
    const deadline = caseDeadline(file, today, rules);
    const facts = file.lastVerification ?? undefined;
    const findings = facts ? (facts.result.flags.length ? facts.result.flags.map((f) => f.message).join('；') : t('caseDesk.noFlags')) : '';
    try {
      setText(
        await getWorker().draftLetter(kind, {
          record: file.record, bureau: t('caseDesk.bureau'), date: today, lang, reason: reason.trim(),
          dueDate: deadline?.dueDate, newDueDate: deadline?.dueDate, extensionDays: file.extension?.days, facts, findings,
        }),
      );
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <section className="desk-section" aria-labelledby="desk-letters">
      <h3 id="desk-letters">{t('caseDesk.section.letters')}</h3>
      <div className="inline-form">
        <label className="field">
          {t('caseDesk.letterKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as LetterKind)}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`caseDesk.letter.${k}`)}</option>)}
          </select>
        </label>
        {(kind === 'nonAcceptance' || kind === 'extension') && (
          <label className="field grow">
            {kind === 'nonAcceptance' ? t('caseDesk.nonAcceptReason') : t('caseDesk.extensionReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <button type="button" onClick={() => void draft()}>{t('caseDesk.draftLetter')}</button>
      </div>
      {problem && <p role="alert" className="error">{problem}</p>}
      {text && (
        <>
          <label className="field">
            {t('caseDesk.letterText')}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={10} />
          </label>
          <button type="button" onClick={() => downloadBytes(new TextEncoder().encode(text), `${file.record.id}-${t(`caseDesk.letter.${kind}`)}.txt`, 'text/plain;charset=utf-8')}>
            {t('caseDesk.downloadLetter')}
          </button>
        </>
      )}
    </section>
  );
}
