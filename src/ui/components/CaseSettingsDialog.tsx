import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseNumberPatternError, nextCaseNumber } from '../../core';
import type { DeadlineRules } from '../../core';
import { saveCaseSettings, useCaseStore } from '../cases/caseStore';
import { todayLocal } from '../cases/clock';

// The bureau's own rules for its ledger: the case number pattern and the deadlines (days to decide
// acceptance, days to reply, the longest extension, how early "due soon" shows). Kept with the workspace.

const DAY_FIELDS: (keyof DeadlineRules)[] = ['acceptDays', 'replyDays', 'maxExtensionDays', 'dueSoonDays'];

export function CaseSettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const current = useCaseStore.getState();
  const [pattern, setPattern] = useState(current.numberPattern);
  const [days, setDays] = useState<Record<keyof DeadlineRules, string>>(
    Object.fromEntries(DAY_FIELDS.map((f) => [f, String(current.deadlineRules[f])])) as Record<keyof DeadlineRules, string>,
  );
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  // A pattern the core cannot number with is shown as such, not saved.
  const example = (() => {
    try {
      return nextCaseNumber(pattern.trim(), [], todayLocal());
    } catch (error) {
      if (error instanceof CaseNumberPatternError) return null;
      throw error;
    }
  })();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!example) return setProblem(t('caseDesk.settings.badPattern'));
    const rules = Object.fromEntries(DAY_FIELDS.map((f) => [f, Number(days[f])])) as unknown as DeadlineRules;
    const bad = DAY_FIELDS.find((f) => !Number.isInteger(rules[f]) || rules[f] < 1);
    if (bad) return setProblem(t('caseDesk.settings.badDays', { field: t(`caseDesk.settings.${bad}`) }));
    await saveCaseSettings({ deadlineRules: rules, numberPattern: pattern.trim() });
    onClose();
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="case-settings-heading" onClose={onClose}>
      <form onSubmit={(e) => void save(e)}>
        <h2 id="case-settings-heading">{t('caseDesk.settings.heading')}</h2>
        <label className="field">
          {t('caseDesk.settings.pattern')}
          <input value={pattern} onChange={(e) => setPattern(e.target.value)} />
          <small>{example ? t('caseDesk.settings.example', { example }) : t('caseDesk.settings.badPattern')}</small>
        </label>
        {DAY_FIELDS.map((f) => (
          <label key={f} className="field">
            {t(`caseDesk.settings.${f}`)}
            <input type="number" min={1} value={days[f]} onChange={(e) => setDays({ ...days, [f]: e.target.value })} />
          </label>
        ))}
        {problem && <p role="alert" className="error">{problem}</p>}
        <div className="buttons">
          <button type="button" onClick={onClose}>{t('caseDesk.intake.cancel')}</button>
          <button type="submit" className="primary">{t('caseDesk.settings.save')}</button>
        </div>
      </form>
    </dialog>
  );
}
