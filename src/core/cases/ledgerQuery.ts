import type { CaseCategory, CaseChannel, CaseFile, CaseStatus } from './caseFile';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_STATUSES } from './caseFile';
import { parseCategory, parseChannel } from './caseText';
import { toIsoDate } from './dates';
import type { CaseDeadline, DeadlineRules } from './deadlines';
import { caseDeadline, DEFAULT_DEADLINE_RULES } from './deadlines';

// The ledger as the supervisor reads it (DESIGN §1): one row per case with its deadline and repeats
// worked out once for a given day, then filtered and sorted without recomputing anything.

export interface LedgerRow {
  id: string;
  file: CaseFile;
  deadline: CaseDeadline | null;
  /** Earlier cases this one may repeat (findRepeatCases), oldest first. */
  repeatOf: string[];
  /** Recognised from the record's text; null when the bureau's word is not one we know. */
  channel: CaseChannel | null;
  category: CaseCategory | null;
}

export function toLedgerRows(cases: CaseFile[], today: string, repeats: Map<string, string[]>, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): LedgerRow[] {
  return cases.map((file) => ({
    id: file.record.id,
    file,
    deadline: caseDeadline(file, today, rules),
    repeatOf: repeats.get(file.record.id) ?? [],
    channel: parseChannel(file.record.channel),
    category: parseCategory(file.record.category),
  }));
}

/** Conditions that all must hold; an absent one does not narrow. The booleans select rows that are (true) or are not (false). */
export interface LedgerFilter {
  statuses?: CaseStatus[];
  categories?: CaseCategory[];
  channels?: CaseChannel[];
  /** The assignee's name, exactly (surrounding spaces ignored). */
  assignee?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  repeat?: boolean;
  /** YYYY-MM-DD, inclusive; a case without a readable receipt date fails either bound. */
  receivedFrom?: string;
  receivedTo?: string;
  /** Case-insensitive substring of the case number, the place or the complaint. */
  text?: string;
}

function matches(row: LedgerRow, filter: LedgerFilter, text: string | null): boolean {
  const record = row.file.record;
  if (filter.statuses?.length && !filter.statuses.includes(row.file.status)) return false;
  if (filter.categories?.length && (row.category === null || !filter.categories.includes(row.category))) return false;
  if (filter.channels?.length && (row.channel === null || !filter.channels.includes(row.channel))) return false;
  if (filter.assignee !== undefined && filter.assignee.trim() !== '' && row.file.assignee !== filter.assignee.trim()) return false;
  if (filter.overdue !== undefined && (row.deadline?.mark === 'overdue') !== filter.overdue) return false;
  if (filter.dueSoon !== undefined && (row.deadline?.mark === 'dueSoon') !== filter.dueSoon) return false;
  if (filter.repeat !== undefined && row.repeatOf.length > 0 !== filter.repeat) return false;
  if (filter.receivedFrom || filter.receivedTo) {
    const received = toIsoDate(record.receivedDate);
    if (received === null) return false;
    if (filter.receivedFrom && received < filter.receivedFrom) return false;
    if (filter.receivedTo && received > filter.receivedTo) return false;
  }
  if (text !== null) {
    const haystacks = [record.id, record.place, record.complaint];
    if (!haystacks.some((h) => h !== null && h.toLowerCase().includes(text))) return false;
  }
  return true;
}

export function filterLedger(rows: LedgerRow[], filter: LedgerFilter): LedgerRow[] {
  const text = filter.text?.trim().toLowerCase() || null;
  return rows.filter((row) => matches(row, filter, text));
}

export type LedgerSortKey = 'id' | 'receivedDate' | 'status' | 'category' | 'channel' | 'assignee' | 'dueDate';

// Case numbers sort as people read them (XF-2026-9 before XF-2026-10); names in pinyin order.
const collator = new Intl.Collator('zh-CN', { numeric: true });

type SortValue = string | number | null;

function sortValue(row: LedgerRow, key: LedgerSortKey): SortValue {
  switch (key) {
    case 'id':
      return row.id;
    case 'receivedDate':
      return toIsoDate(row.file.record.receivedDate);
    // Statuses by their place in the flow, channels and categories in their list order: the same in every language.
    case 'status':
      return CASE_STATUSES.indexOf(row.file.status);
    case 'category':
      return row.category === null ? null : CASE_CATEGORIES.indexOf(row.category);
    case 'channel':
      return row.channel === null ? null : CASE_CHANNELS.indexOf(row.channel);
    case 'assignee':
      return row.file.assignee;
    case 'dueDate':
      return row.deadline?.dueDate ?? null;
  }
}

/** A new array sorted by `key`; equal rows keep their order and rows without the value come last either way. */
export function sortLedger(rows: LedgerRow[], key: LedgerSortKey, direction: 'asc' | 'desc'): LedgerRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: sortValue(row, key) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
    const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return sign * order;
  });
  return keyed.map((k) => k.row);
}
