import { describe, expect, it } from 'vitest';
import { addDays, caseDeadline, dateOf, daysBetween, DEFAULT_DEADLINE_RULES, isIsoDate, toIsoDate } from '../../src/core';
import type { CaseFile, CaseStatus, Extension } from '../../src/core';

// Dates and due dates counted by hand on the calendar.

function caseOn(status: CaseStatus, receivedDate: string | null, acceptedDate: string | null, extension: Extension | null = null): CaseFile {
  return {
    schemaVersion: 1,
    record: {
      id: 'XF-2026-0001', receivedDate, channel: null, category: null, petitioner: null, phone: null, complaint: null, demands: null,
      place: null, status: null, officer: null, geometry: { type: 'Point', coordinates: [114, 30] }, radiusM: 20, attributes: {},
    },
    petitionerIdNumber: null, status, acceptedDate, repliedDate: null, closedDate: null, extension, assignee: null,
    lastVerification: null, opinion: null, audit: [],
  };
}

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29'); // 2024 is a leap year
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01'); // 2026 is not
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-07-02', 60)).toBe('2026-08-31'); // 29 days to Jul 31, then 31 to Aug 31
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts the days between two dates, later minus earlier', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-09-10', '2026-08-31')).toBe(-10);
    // Across the spring daylight-saving change of zones that have one: still whole days.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('knows a real date from a look-alike', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-7-3')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('takes the local date of a date-time with offset, not the UTC date', () => {
    // 23:30 in Beijing is 15:30 UTC the same day; 00:30 Beijing is the previous day in UTC.
    expect(dateOf('2026-07-03T23:30:00+08:00')).toBe('2026-07-03');
    expect(dateOf('2026-07-04T00:30:00+08:00')).toBe('2026-07-04');
    expect(() => dateOf('yesterday')).toThrow(RangeError);
  });

  it('reads the ways bureaus write dates in ledgers', () => {
    expect(toIsoDate('2026/7/3')).toBe('2026-07-03');
    expect(toIsoDate('2026.07.03')).toBe('2026-07-03');
    expect(toIsoDate('2026年7月3日')).toBe('2026-07-03');
    expect(toIsoDate('2026-07-03 14:20')).toBe('2026-07-03');
    expect(toIsoDate('2026/2/30')).toBeNull();
    expect(toIsoDate('7月3日')).toBeNull();
    expect(toIsoDate(null)).toBeNull();
  });
});

describe('case deadlines', () => {
  const today = '2026-09-10';
  // 70 days before 2026-09-10: back 10 to Aug 31, 31 to Jul 31, 29 to Jul 2.
  const seventyDaysAgo = '2026-07-02';

  it('a case accepted 70 days ago with no extension is 10 days overdue', () => {
    // Reply due 2026-07-02 + 60 = 2026-08-31; 2026-08-31 − 2026-09-10 = −10.
    expect(caseDeadline(caseOn('accepted', seventyDaysAgo, seventyDaysAgo), today)).toEqual({ kind: 'reply', dueDate: '2026-08-31', daysLeft: -10, mark: 'overdue' });
  });

  it('the same case with a 30-day extension is on time with 20 days left', () => {
    // Due 2026-08-31 + 30 = 2026-09-30; 2026-09-30 − 2026-09-10 = 20 > 3.
    const extended = caseOn('verifying', seventyDaysAgo, seventyDaysAgo, { days: 30, grantedDate: '2026-08-20', reason: '需现场测量' });
    expect(caseDeadline(extended, today)).toEqual({ kind: 'reply', dueDate: '2026-09-30', daysLeft: 20, mark: 'onTime' });
  });

  it('the decision to accept is due 15 days after receipt, due soon from 3 days before', () => {
    // Received 2026-07-03: due 2026-07-18.
    const registered = caseOn('registered', '2026-07-03', null);
    expect(caseDeadline(registered, '2026-07-14')).toMatchObject({ kind: 'accept', dueDate: '2026-07-18', daysLeft: 4, mark: 'onTime' });
    expect(caseDeadline(registered, '2026-07-15')).toMatchObject({ daysLeft: 3, mark: 'dueSoon' });
    expect(caseDeadline(registered, '2026-07-18')).toMatchObject({ daysLeft: 0, mark: 'dueSoon' });
    expect(caseDeadline(registered, '2026-07-19')).toMatchObject({ daysLeft: -1, mark: 'overdue' });
  });

  it('counts the reply from receipt when an imported accepted case has no acceptance date, and honours bureau rules', () => {
    // 2026/7/2 as typed in the ledger; 2026-07-02 + 45 = 2026-08-16 (29 to Jul 31, 16 more).
    const rules = { ...DEFAULT_DEADLINE_RULES, replyDays: 45 };
    expect(caseDeadline(caseOn('reviewed', '2026/7/2', null), '2026-08-16', rules)).toMatchObject({ kind: 'reply', dueDate: '2026-08-16', daysLeft: 0, mark: 'dueSoon' });
  });

  it('has nothing due once replied, followed up or closed, or without a receipt date', () => {
    for (const status of ['replied', 'followedUp', 'closed'] as const) expect(caseDeadline(caseOn(status, '2026-07-02', '2026-07-02'), today)).toBeNull();
    expect(caseDeadline(caseOn('accepted', null, '2026-07-02'), today)).toBeNull();
  });
});
