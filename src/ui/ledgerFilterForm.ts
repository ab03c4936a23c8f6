import { CASE_CATEGORIES, CASE_CHANNELS, CASE_STATUSES } from '../core';
import type { CaseCategory, CaseChannel, CaseStatus, LedgerFilter } from '../core';

// The ledger's filter bar as the user left it, and the LedgerFilter it means. The form keeps what the
// controls show ('' for "any"); the filter carries only the conditions that narrow the ledger, so an
// untouched form is the empty filter and shows every case.

export interface LedgerFilterForm {
  /** Ticked statuses; none ticked means every status. */
  statuses: CaseStatus[];
  /** '' = every category. */
  category: CaseCategory | '';
  /** '' = every channel. */
  channel: CaseChannel | '';
  /** The officer's name, '' = every officer. */
  assignee: string;
  /** YYYY-MM-DD as an <input type="date"> gives it, '' = open. */
  receivedFrom: string;
  receivedTo: string;
  overdue: boolean;
  dueSoon: boolean;
  repeat: boolean;
  text: string;
}

export const EMPTY_LEDGER_FILTER_FORM: LedgerFilterForm = {
  statuses: [],
  category: '',
  channel: '',
  assignee: '',
  receivedFrom: '',
  receivedTo: '',
  overdue: false,
  dueSoon: false,
  repeat: false,
  text: '',
};

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The filter the form describes: empty and unticked controls add no condition. */
export function ledgerFilterFromForm(form: LedgerFilterForm): LedgerFilter {
  const filter: LedgerFilter = {};
  // The case-flow order, whatever order the boxes were ticked in, and each status once.
  const statuses = CASE_STATUSES.filter((s) => form.statuses.includes(s));
  if (statuses.length > 0) filter.statuses = statuses;
  if (form.category !== '' && (CASE_CATEGORIES as readonly string[]).includes(form.category)) filter.categories = [form.category];
  if (form.channel !== '' && (CASE_CHANNELS as readonly string[]).includes(form.channel)) filter.channels = [form.channel];
  const assignee = form.assignee.trim();
  if (assignee !== '') filter.assignee = assignee;
  let from = ISO_DATE.test(form.receivedFrom) ? form.receivedFrom : '';
  let to = ISO_DATE.test(form.receivedTo) ? form.receivedTo : '';
  // A range typed backwards means the same days, not an empty ledger.
  if (from !== '' && to !== '' && from > to) [from, to] = [to, from];
  if (from !== '') filter.receivedFrom = from;
  if (to !== '') filter.receivedTo = to;
  if (form.overdue) filter.overdue = true;
  if (form.dueSoon) filter.dueSoon = true;
  if (form.repeat) filter.repeat = true;
  const text = form.text.trim().replace(/\s+/g, ' ');
  if (text !== '') filter.text = text;
  return filter;
}

/** Ticks or unticks one status, keeping the case-flow order. */
export function toggleStatus(statuses: readonly CaseStatus[], status: CaseStatus): CaseStatus[] {
  const ticked = statuses.includes(status);
  return CASE_STATUSES.filter((s) => (s === status ? !ticked : statuses.includes(s)));
}

/** How many conditions the form sets (for the reset button and the count line). */
export function activeConditionCount(form: LedgerFilterForm): number {
  return Object.keys(ledgerFilterFromForm(form)).length;
}
