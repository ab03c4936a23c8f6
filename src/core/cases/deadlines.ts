import type { CaseFile, CaseStatus } from './caseFile';
import { addDays, daysBetween, toIsoDate } from './dates';

// The two deadlines of the case flow (DESIGN §1): the decision to accept is due a set number of days
// after receipt, and the reply a set number of days after acceptance, plus at most one extension.
// Bureaus set their own numbers, so the rules are data with the regulations' defaults.

export interface DeadlineRules {
  /** Days from receipt to the decision to accept (受理). */
  acceptDays: number;
  /** Days from acceptance to the reply (答复). */
  replyDays: number;
  /** The longest single extension of the reply deadline. */
  maxExtensionDays: number;
  /** A case is "due soon" this many days or fewer before its due date. */
  dueSoonDays: number;
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = { acceptDays: 15, replyDays: 60, maxExtensionDays: 30, dueSoonDays: 3 };

export type DeadlineMark = 'overdue' | 'dueSoon' | 'onTime';

export interface CaseDeadline {
  kind: 'accept' | 'reply';
  /** YYYY-MM-DD */
  dueDate: string;
  /** dueDate − today: negative once overdue. */
  daysLeft: number;
  mark: DeadlineMark;
}

/** Statuses in which the reply is still owed. */
export const REPLY_PENDING_STATUSES: readonly CaseStatus[] = ['accepted', 'verifying', 'drafted', 'reviewed'];

function dueDateOf(c: CaseFile, rules: DeadlineRules): { kind: 'accept' | 'reply'; dueDate: string } | null {
  const received = toIsoDate(c.record.receivedDate);
  if (received === null) return null;
  if (c.status === 'registered') return { kind: 'accept', dueDate: addDays(received, rules.acceptDays) };
  if (REPLY_PENDING_STATUSES.includes(c.status)) {
    // An imported case may be accepted without a recorded date; receipt is the earliest it can count from.
    const from = toIsoDate(c.acceptedDate) ?? received;
    return { kind: 'reply', dueDate: addDays(from, rules.replyDays + (c.extension?.days ?? 0)) };
  }
  return null;
}

/** What is due next on a case and how it stands on `today` (YYYY-MM-DD); null when nothing is due or there is no receipt date. */
export function caseDeadline(c: CaseFile, today: string, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): CaseDeadline | null {
  const due = dueDateOf(c, rules);
  if (due === null) return null;
  const daysLeft = daysBetween(today, due.dueDate);
  const mark: DeadlineMark = daysLeft < 0 ? 'overdue' : daysLeft <= rules.dueSoonDays ? 'dueSoon' : 'onTime';
  return { ...due, daysLeft, mark };
}
