import { describe, expect, it } from 'vitest';
import { readCaseSettings } from '../../src/ui/cases/caseSettings';

describe('the bureau case settings kept with a workspace', () => {
  it('are the defaults when nothing is stored: 15 / 60 / 30 / 3 days and XF-{YYYY}-{NNNN}', () => {
    expect(readCaseSettings(undefined)).toEqual({ deadlineRules: { acceptDays: 15, replyDays: 60, maxExtensionDays: 30, dueSoonDays: 3 }, numberPattern: 'XF-{YYYY}-{NNNN}' });
  });

  it('keep what the bureau set, and fall back field by field where a stored value is unusable', () => {
    const stored = { schemaVersion: 1, deadlineRules: { acceptDays: 7, replyDays: 30, maxExtensionDays: -5, dueSoonDays: 2.5 }, numberPattern: 'HK-{YY}{MM}-{NNN}' };
    expect(readCaseSettings(stored)).toEqual({ deadlineRules: { acceptDays: 7, replyDays: 30, maxExtensionDays: 30, dueSoonDays: 3 }, numberPattern: 'HK-{YY}{MM}-{NNN}' });
  });
});
