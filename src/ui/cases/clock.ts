// The host's clock, in the forms the case files keep: a local date-time with its UTC offset for the
// audit log (an officer reads local time), and a local calendar date for deadlines.

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's local date, YYYY-MM-DD. */
export function todayLocal(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Now as ISO 8601 with the local offset, e.g. 2026-11-22T09:15:00+08:00. */
export function nowIso(now = new Date()): string {
  const offsetMin = -now.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${todayLocal(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
