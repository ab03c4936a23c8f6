import type { CaseCategory, CaseChannel, CaseStatus } from './caseFile';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_STATUSES } from './caseFile';
import { daysBetween, toIsoDate } from './dates';
import type { LedgerRow } from './ledgerQuery';

// The supervisor's figures (DESIGN §1): how many cases in each state, where they come from, how fast
// they close, how many repeat, and which are late. Computed from the same ledger rows the table
// shows, so the dashboard and the ledger always agree on a given day.

export interface DashboardFigures {
  total: number;
  byStatus: Record<CaseStatus, number>;
  /** null = the record's category is not one we recognise; most first. */
  byCategory: { category: CaseCategory | null; count: number }[];
  byChannel: { channel: CaseChannel | null; count: number }[];
  /** Every month from the first to the last with a receipt or a closure, empty months included. */
  byMonth: { month: string; received: number; closed: number }[];
  /** Closed cases / all cases; 0 for an empty ledger. */
  resolutionRate: number;
  /** Mean of closedDate − receivedDate in days over closed cases with both dates. */
  meanDaysToClose: number | null;
  /** Cases with a possible earlier case / all cases. */
  repeatRate: number;
  /** Most overdue first. */
  overdue: { id: string; dueDate: string; daysOverdue: number; assignee: string | null }[];
  dueSoon: number;
}

/** Counts by a key, most first; ties in the key list's order, unrecognised (null) last. */
function countBy<K extends string>(keys: readonly K[], values: (K | null)[]): { key: K | null; count: number }[] {
  const counts = new Map<K | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const rank = (k: K | null) => (k === null ? keys.length : keys.indexOf(k));
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || rank(a.key) - rank(b.key));
}

function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let m = first; m <= last; ) {
    months.push(m);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    m = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

function byMonthOf(rows: LedgerRow[]): DashboardFigures['byMonth'] {
  const received = new Map<string, number>();
  const closed = new Map<string, number>();
  const bump = (map: Map<string, number>, date: string | null) => {
    if (date !== null) map.set(date.slice(0, 7), (map.get(date.slice(0, 7)) ?? 0) + 1);
  };
  for (const row of rows) {
    bump(received, toIsoDate(row.file.record.receivedDate));
    bump(closed, row.file.status === 'closed' ? toIsoDate(row.file.closedDate) : null);
  }
  const all = [...received.keys(), ...closed.keys()].sort();
  if (all.length === 0) return [];
  return monthsFrom(all[0]!, all[all.length - 1]!).map((month) => ({ month, received: received.get(month) ?? 0, closed: closed.get(month) ?? 0 }));
}

export function dashboardFigures(rows: LedgerRow[]): DashboardFigures {
  const total = rows.length;
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const row of rows) byStatus[row.file.status] += 1;

  const daysToClose = rows.flatMap((row) => {
    const received = toIsoDate(row.file.record.receivedDate);
    const closed = toIsoDate(row.file.closedDate);
    return row.file.status === 'closed' && received !== null && closed !== null ? [daysBetween(received, closed)] : [];
  });

  const overdue = rows
    .filter((row) => row.deadline?.mark === 'overdue')
    .map((row) => ({ id: row.id, dueDate: row.deadline!.dueDate, daysOverdue: -row.deadline!.daysLeft, assignee: row.file.assignee }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    total,
    byStatus,
    byCategory: countBy(CASE_CATEGORIES, rows.map((r) => r.category)).map(({ key, count }) => ({ category: key, count })),
    byChannel: countBy(CASE_CHANNELS, rows.map((r) => r.channel)).map(({ key, count }) => ({ channel: key, count })),
    byMonth: byMonthOf(rows),
    resolutionRate: total === 0 ? 0 : byStatus.closed / total,
    meanDaysToClose: daysToClose.length === 0 ? null : daysToClose.reduce((a, b) => a + b, 0) / daysToClose.length,
    repeatRate: total === 0 ? 0 : rows.filter((r) => r.repeatOf.length > 0).length / total,
    overdue,
    dueSoon: rows.filter((r) => r.deadline?.mark === 'dueSoon').length,
  };
}
