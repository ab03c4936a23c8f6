import { DEFAULT_CASE_NUMBER_PATTERN, DEFAULT_DEADLINE_RULES } from '../../core';
import type { DeadlineRules } from '../../core';

// The bureau's own ledger rules, kept with the workspace in IndexedDB under CASE_SETTINGS_KEY.

/** The bureau's case settings as stored with the workspace (schema version 1). */
export const CASE_SETTINGS_KEY = 'caseSettings';
export interface CaseSettings {
  deadlineRules: DeadlineRules;
  numberPattern: string;
}

/** Stored case settings, or the defaults for anything missing or unreadable (a setting never blocks the ledger). */
export function readCaseSettings(raw: unknown): CaseSettings {
  const value = (raw ?? {}) as { schemaVersion?: number; deadlineRules?: Partial<DeadlineRules>; numberPattern?: unknown };
  const days = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);
  const d = value.deadlineRules ?? {};
  return {
    deadlineRules: {
      acceptDays: days(d.acceptDays, DEFAULT_DEADLINE_RULES.acceptDays),
      replyDays: days(d.replyDays, DEFAULT_DEADLINE_RULES.replyDays),
      maxExtensionDays: days(d.maxExtensionDays, DEFAULT_DEADLINE_RULES.maxExtensionDays),
      dueSoonDays: days(d.dueSoonDays, DEFAULT_DEADLINE_RULES.dueSoonDays),
    },
    numberPattern: typeof value.numberPattern === 'string' && value.numberPattern ? value.numberPattern : DEFAULT_CASE_NUMBER_PATTERN,
  };
}

