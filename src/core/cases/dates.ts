// Calendar dates as the ledger writes them, 'YYYY-MM-DD'. Deadlines count whole days on the calendar
// the petition regulations use, so the arithmetic runs in UTC on date-only values: no time zone or
// daylight-saving shift can move a due date by a day.

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch at UTC midnight of the date, or null if it is not a real calendar date. */
function utcMidnight(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date comes back unchanged.
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : null;
}

function msOf(date: string): number {
  const m = ISO_DATE.exec(date);
  const ms = m ? utcMidnight(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (ms === null) throw new RangeError(`"${date}" is not a calendar date in the form YYYY-MM-DD`);
  return ms;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && utcMidnight(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** The date `days` calendar days after `date` (before it when negative). Throws RangeError for a bad date. */
export function addDays(date: string, days: number): string {
  return isoOf(msOf(date) + Math.round(days) * MS_PER_DAY);
}

/** `to` minus `from` in whole days: positive when `to` is later. Throws RangeError for a bad date. */
export function daysBetween(from: string, to: string): number {
  return Math.round((msOf(to) - msOf(from)) / MS_PER_DAY);
}

/**
 * The date part of an ISO 8601 date-time with offset ("2026-07-03T23:30:00+08:00" → "2026-07-03"):
 * the date on the clock of whoever acted, which is the date the bureau records, not the UTC date.
 */
export function dateOf(isoDateTime: string): string {
  const date = isoDateTime.slice(0, 10);
  if (!isIsoDate(date)) throw new RangeError(`"${isoDateTime}" does not start with a calendar date YYYY-MM-DD`);
  return date;
}

/**
 * A ledger date as bureaus type it, as YYYY-MM-DD: "2026-07-03", "2026/7/3", "2026.7.3",
 * "2026年7月3日", or a date-time whose date part is one of these. Null when it is not a real date.
 */
export function toIsoDate(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[T\s])/.exec(text);
  if (!m) return null;
  const ms = utcMidnight(Number(m[1]), Number(m[2]), Number(m[3]));
  return ms === null ? null : isoOf(ms);
}
