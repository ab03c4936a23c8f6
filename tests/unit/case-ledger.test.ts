import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, CHANNEL_LABELS, dashboardFigures, filterLedger, ledgerTable, sortLedger, STATUS_LABELS, toLedgerRows } from '../../src/core';
import type { CaseFile, CaseRecord, CaseStatus } from '../../src/core';

// Six hand-made cases seen on 2026-09-10 with the default rules (accept 15 days, reply 60, due soon ≤ 3).

const today = '2026-09-10';

function file(id: string, r: Partial<CaseRecord>, f: { status: CaseStatus; acceptedDate?: string; closedDate?: string; assignee: string | null; idNumber?: string }): CaseFile {
  return {
    schemaVersion: 1,
    record: {
      id, receivedDate: null, channel: null, category: null, petitioner: null, phone: null, complaint: null, demands: null, place: null,
      status: null, officer: null, geometry: { type: 'Point', coordinates: [114.88, 30.44] }, radiusM: 20, attributes: {}, ...r,
    },
    petitionerIdNumber: f.idNumber ?? null, status: f.status, acceptedDate: f.acceptedDate ?? null, repliedDate: null, closedDate: f.closedDate ?? null,
    extension: null, assignee: f.assignee, lastVerification: null, opinion: null, audit: [],
  };
}

const files: CaseFile[] = [
  // Reply due 2026-07-02 + 60 = 2026-08-31: 10 days overdue.
  file('XF-2026-0001', {
    receivedDate: '2026-07-02', channel: '来信', category: '违法占地', petitioner: '郭涛', phone: '13671400095', place: '李家湾村',
    complaint: '郭涛反映村民在耕地上建房，电话13671400095。', demands: '请求依法查处',
  }, { status: 'accepted', acceptedDate: '2026-07-02', assignee: '程晓东', idNumber: '420102199001011234' }),
  // Accept due 2026-09-01 + 15 = 2026-09-16: 6 days left. A polygon 0.002° × 0.001°: centroid (114.001, 30.0005).
  file('XF-2026-0002', {
    receivedDate: '2026-09-01', channel: '12336热线', category: '占用耕地建房', place: '王家畈',
    geometry: { type: 'Polygon', coordinates: [[[114, 30], [114.002, 30], [114.002, 30.001], [114, 30.001], [114, 30]]] },
  }, { status: 'registered', assignee: '王敏' }),
  // Accept due 2026-08-25 + 15 = 2026-09-09: 1 day overdue.
  file('XF-2026-0003', { receivedDate: '2026-08-25', channel: '网上信箱', category: '违法占地', place: '石桥镇' }, { status: 'registered', assignee: null }),
  // Closed after 40 days (Jul 15 → Aug 15 = 31, → Aug 24 = 9).
  file('XF-2026-0004', { receivedDate: '2026-07-15', channel: '来访', category: '界址纠纷' }, { status: 'closed', closedDate: '2026-08-24', assignee: '程晓东' }),
  // Closed after 50 days (Jun 10 → Jul 10 = 30, → Jul 30 = 20); a channel nobody recognises.
  file('XF-2026-0005', { receivedDate: '2026/6/10', channel: '群众举报', category: '其他' }, { status: 'closed', closedDate: '2026-07-30', assignee: '王敏' }),
  // Reply due 2026-07-13 + 60 = 2026-09-11 (18 to Jul 31, 31 to Aug 31, 11): 1 day left, due soon.
  file('XF-2026-0006', { receivedDate: '2026-07-10', channel: '来信', category: '违法占地', place: '李家湾村二组' }, { status: 'accepted', acceptedDate: '2026-07-13', assignee: '王敏' }),
];
const repeats = new Map([['XF-2026-0003', ['XF-2026-0001']], ['XF-2026-0006', ['XF-2026-0001']]]);
const rows = toLedgerRows(files, today, repeats);
const ids = (list: { id: string }[]) => list.map((r) => r.id.slice(-1));

describe('ledger rows', () => {
  it('carry the deadline, the repeats and the recognised channel and category', () => {
    expect(rows.map((r) => [r.id.slice(-1), r.deadline?.dueDate ?? null, r.deadline?.daysLeft ?? null, r.deadline?.mark ?? null])).toEqual([
      ['1', '2026-08-31', -10, 'overdue'],
      ['2', '2026-09-16', 6, 'onTime'],
      ['3', '2026-09-09', -1, 'overdue'],
      ['4', null, null, null],
      ['5', null, null, null],
      ['6', '2026-09-11', 1, 'dueSoon'],
    ]);
    expect(rows.map((r) => [r.channel, r.category])).toEqual([
      ['letter', 'illegalOccupation'], ['hotline12336', 'farmlandConstruction'], ['online', 'illegalOccupation'],
      ['visit', 'boundaryDispute'], [null, 'other'], ['letter', 'illegalOccupation'],
    ]);
    expect(rows[2]!.repeatOf).toEqual(['XF-2026-0001']);
    expect(rows[0]!.repeatOf).toEqual([]);
  });

  it('filter by every condition together', () => {
    expect(ids(filterLedger(rows, {}))).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(ids(filterLedger(rows, { overdue: true }))).toEqual(['1', '3']);
    expect(ids(filterLedger(rows, { dueSoon: true }))).toEqual(['6']);
    expect(ids(filterLedger(rows, { repeat: true }))).toEqual(['3', '6']);
    expect(ids(filterLedger(rows, { repeat: false, overdue: false }))).toEqual(['2', '4', '5']);
    expect(ids(filterLedger(rows, { statuses: ['registered', 'closed'] }))).toEqual(['2', '3', '4', '5']);
    expect(ids(filterLedger(rows, { categories: ['illegalOccupation'], assignee: '王敏' }))).toEqual(['6']);
    expect(ids(filterLedger(rows, { channels: ['letter', 'visit'] }))).toEqual(['1', '4', '6']);
    // 2026/6/10 is read as a date; bounds are inclusive.
    expect(ids(filterLedger(rows, { receivedFrom: '2026-06-10', receivedTo: '2026-07-10' }))).toEqual(['1', '5', '6']);
    expect(ids(filterLedger(rows, { text: '李家湾' }))).toEqual(['1', '6']);
    expect(ids(filterLedger(rows, { text: 'xf-2026-0005' }))).toEqual(['5']);
    expect(ids(filterLedger(rows, { text: '耕地上建房' }))).toEqual(['1']);
  });

  it('sort stably, with missing values last in either direction and statuses in flow order', () => {
    expect(ids(sortLedger(rows, 'dueDate', 'asc'))).toEqual(['1', '3', '6', '2', '4', '5']);
    expect(ids(sortLedger(rows, 'dueDate', 'desc'))).toEqual(['2', '6', '3', '1', '4', '5']);
    expect(ids(sortLedger(rows, 'status', 'asc'))).toEqual(['2', '3', '1', '6', '4', '5']);
    expect(ids(sortLedger(rows, 'status', 'desc'))).toEqual(['4', '5', '1', '6', '2', '3']);
    // letter, visit, hotline, online, transferred; the unrecognised channel last.
    expect(ids(sortLedger(rows, 'channel', 'asc'))).toEqual(['1', '6', '4', '2', '3', '5']);
    expect(ids(sortLedger(rows, 'receivedDate', 'asc'))).toEqual(['5', '1', '6', '4', '3', '2']);
    expect(ids(sortLedger(rows, 'assignee', 'asc')).at(-1)).toBe('3');
    expect(ids(sortLedger(rows, 'id', 'desc'))).toEqual(['6', '5', '4', '3', '2', '1']);
    expect(ids(rows)).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('dashboard figures', () => {
  it('are counted by hand from the six cases', () => {
    const zero = { registered: 0, accepted: 0, verifying: 0, drafted: 0, reviewed: 0, replied: 0, followedUp: 0, closed: 0 };
    expect(dashboardFigures(rows)).toEqual({
      total: 6,
      byStatus: { ...zero, registered: 2, accepted: 2, closed: 2 },
      // ties in list order: farmlandConstruction, boundaryDispute, other
      byCategory: [
        { category: 'illegalOccupation', count: 3 },
        { category: 'farmlandConstruction', count: 1 },
        { category: 'boundaryDispute', count: 1 },
        { category: 'other', count: 1 },
      ],
      byChannel: [
        { channel: 'letter', count: 2 },
        { channel: 'visit', count: 1 },
        { channel: 'hotline12336', count: 1 },
        { channel: 'online', count: 1 },
        { channel: null, count: 1 },
      ],
      // received: Jun 5; Jul 1, 4, 6; Aug 3; Sep 2. closed: Jul 5 (07-30), Aug 4 (08-24).
      byMonth: [
        { month: '2026-06', received: 1, closed: 0 },
        { month: '2026-07', received: 3, closed: 1 },
        { month: '2026-08', received: 1, closed: 1 },
        { month: '2026-09', received: 1, closed: 0 },
      ],
      resolutionRate: 2 / 6,
      meanDaysToClose: 45, // (40 + 50) / 2
      repeatRate: 2 / 6,
      overdue: [
        { id: 'XF-2026-0001', dueDate: '2026-08-31', daysOverdue: 10, assignee: '程晓东' },
        { id: 'XF-2026-0003', dueDate: '2026-09-09', daysOverdue: 1, assignee: null },
      ],
      dueSoon: 1,
    });
  });

  it('of an empty ledger are zeros, not NaN', () => {
    const empty = dashboardFigures([]);
    expect(empty).toMatchObject({ total: 0, resolutionRate: 0, repeatRate: 0, meanDaysToClose: null, byMonth: [], byCategory: [], overdue: [], dueSoon: 0 });
  });

  it('fill the months between with zeros, across a year end', () => {
    const figures = dashboardFigures(toLedgerRows([
      file('A', { receivedDate: '2025-11-20' }, { status: 'registered', assignee: null }),
      file('B', { receivedDate: '2026-02-03' }, { status: 'closed', closedDate: '2026-03-01', assignee: null }),
    ], '2026-03-02', new Map()));
    expect(figures.byMonth.map((m) => `${m.month}:${m.received}/${m.closed}`)).toEqual(['2025-11:1/0', '2025-12:0/0', '2026-01:0/0', '2026-02:1/0', '2026-03:0/1']);
    expect(figures.meanDaysToClose).toBe(26); // Feb 3 → Mar 1: 25 + 1
  });
});

describe('the ledger export table', () => {
  it('masks the petitioner, in Chinese words by default', () => {
    const table = ledgerTable(rows.slice(0, 3), { lang: 'zh-CN', unmask: false });
    expect(table.header).toEqual(['案件编号', '登记日期', '来源渠道', '问题类别', '信访人', '联系电话', '身份证号', '反映问题', '诉求', '涉及地点', '经度', '纬度', '办理状态', '承办人', '受理日期', '办理期限', '期限状态', '延期天数', '重复信访', '办结日期']);
    expect(table.rows[0]).toEqual([
      'XF-2026-0001', '2026-07-02', '来信', '违法占地', '郭*', '136****0095', '420102********1234',
      '郭*反映村民在耕地上建房，电话136****0095。', '请求依法查处', '李家湾村', 114.88, 30.44,
      '受理', '程晓东', '2026-07-02', '2026-08-31', '超期', null, null, null,
    ]);
    // the polygon's centroid
    expect(table.rows[1]!.slice(10, 12)).toEqual([114.001, 30.0005]);
    expect(table.rows[1]![16]).toBe('正常');
    expect(table.rows[2]![18]).toBe('XF-2026-0001');
  });

  it('shows the petitioner when asked, in English words, keeping unrecognised words as written', () => {
    const table = ledgerTable([rows[0]!, rows[4]!, rows[5]!], { lang: 'en', unmask: true });
    expect(table.header.slice(0, 4)).toEqual(['Case number', 'Received', 'Channel', 'Category']);
    expect(table.rows[0]!.slice(2, 8)).toEqual(['Letter', 'Illegal land occupation', '郭涛', '13671400095', '420102199001011234', '郭涛反映村民在耕地上建房，电话13671400095。']);
    expect(table.rows[0]![16]).toBe('overdue');
    expect(table.rows[1]!.slice(1, 4)).toEqual(['2026-06-10', '群众举报', 'Other']);
    expect(table.rows[1]!.slice(12, 13)).toEqual(['Closed']);
    expect(table.rows[1]![19]).toBe('2026-07-30');
    expect(table.rows[2]![16]).toBe('due soon');
  });

  it('label tables cover every status, channel and category in both languages', () => {
    expect(STATUS_LABELS['zh-CN'].closed).toBe('办结');
    expect(CHANNEL_LABELS['zh-CN'].hotline12336).toBe('12336热线');
    expect(Object.values(CATEGORY_LABELS['zh-CN'])).toEqual(['违法占地', '违法建设', '基本农田破坏', '征地补偿', '登记争议', '矿产违法', '规划违法', '界址纠纷', '其他']);
  });
});
