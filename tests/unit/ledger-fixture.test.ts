import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseExtras, casesFromFeatures, parseLedgerDate } from '../../src/core';
import type { CaseRecord, Feature } from '../../src/core';
import { readLedger, readLedgerForMapping } from '../../src/io/workspace';
import { ROOT } from '../support/paths';

// The 500-row bureau ledger (scripts/fixtures/make-ledger-fixture.ts) read with the project's reader and
// compared with the figures the generator counted over the rows it wrote.

const DIR = join(ROOT, 'tests/fixtures/ledger');
const bytes = new Uint8Array(readFileSync(join(DIR, 'ledger-500.xlsx')));
interface Expected {
  rows: number;
  header: string[];
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byCategory: Record<string, number>;
  byReceivedMonth: Record<string, number>;
  closed: number;
  meanDaysReceivedToClosed: number;
  formulaLikeCells: { id: string; column: string; value: string }[];
  petitionerInComplaint: { id: string; petitioner: string };
  repeatPetitioners: { earlier: string; later: string; petitioner: string }[];
}
const expected = JSON.parse(readFileSync(join(DIR, 'ledger-500.expected.json'), 'utf8')) as Expected;

const countBy = (cases: CaseRecord[], key: (c: CaseRecord) => string | null): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const c of cases) counts[key(c) ?? ''] = (counts[key(c) ?? ''] ?? 0) + 1;
  return counts;
};
const withoutZeros = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

describe('the 500-row ledger fixture', () => {
  it('previews its columns, first rows and the automatic match', async () => {
    const preview = await readLedgerForMapping(bytes, 'ledger-500.xlsx');
    expect(preview.header).toEqual(expected.header);
    expect(preview.rowCount).toBe(500);
    expect(preview.sample).toHaveLength(5);
    expect(preview.sample[0]!['案件编号']).toBe('XF-2026-0001');
    expect(preview.mapping).toEqual({
      id: '案件编号', receivedDate: '登记日期', channel: '来源渠道', category: '问题类别', petitioner: '信访人', phone: '联系电话',
      idNumber: '身份证号', complaint: '反映问题', demands: '诉求', place: '涉及地点', lon: '经度', lat: '纬度', radiusM: '核查半径',
      status: '办理状态', officer: '承办人', acceptedDate: '受理日期', repliedDate: '答复日期', closedDate: '办结日期',
    });
  });

  it('reads 500 cases with unique numbers, the figures the generator counted, and text kept as text', async () => {
    const cases = await readLedger(bytes, 'ledger-500.xlsx', 'EPSG:4547');
    expect(cases).toHaveLength(expected.rows);
    expect(new Set(cases.map((c) => c.id)).size).toBe(500);
    expect(withoutZeros(countBy(cases, (c) => c.status))).toEqual(withoutZeros(expected.byStatus));
    expect(withoutZeros(countBy(cases, (c) => c.channel))).toEqual(withoutZeros(expected.byChannel));
    expect(withoutZeros(countBy(cases, (c) => c.category))).toEqual(withoutZeros(expected.byCategory));
    // Date cells, 2026/7/3 and 2026年7月3日 all come out as YYYY-MM-DD.
    expect(cases.every((c) => /^2026-\d{2}-\d{2}$/.test(c.receivedDate ?? ''))).toBe(true);
    expect(withoutZeros(countBy(cases, (c) => c.receivedDate!.slice(0, 7)))).toEqual(withoutZeros(expected.byReceivedMonth));

    const extras = cases.map((c) => ({ c, x: caseExtras(c) }));
    const closed = extras.filter(({ x }) => x.closedDate !== null);
    expect(closed).toHaveLength(expected.closed);
    const mean = closed.reduce((s, { c, x }) => s + days(c.receivedDate!, x.closedDate!), 0) / closed.length;
    expect(Math.round(mean * 10) / 10).toBe(expected.meanDaysReceivedToClosed);
    expect(extras.every(({ x }) => /^\d{17}[\dX]$/.test(x.idNumber ?? ''))).toBe(true);
    expect(extras.every(({ c, x }) => x.acceptedDate === null || x.acceptedDate >= c.receivedDate!)).toBe(true);

    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const cell of expected.formulaLikeCells) {
      const c = byId.get(cell.id)!;
      expect(c.attributes[cell.column]).toBe(cell.value);
      expect(cell.column === '反映问题' ? c.complaint : c.demands).toBe(cell.value);
    }
    const named = byId.get(expected.petitionerInComplaint.id)!;
    expect(named.petitioner).toBe(expected.petitionerInComplaint.petitioner);
    expect(named.complaint).toContain(named.petitioner!);
    // Phones stored as numbers in some rows still read as the 11 digits.
    expect(cases.every((c) => /^1\d{10}$/.test(c.phone ?? ''))).toBe(true);
    for (const r of expected.repeatPetitioners) expect(caseExtras(byId.get(r.later)!).idNumber).toBe(caseExtras(byId.get(r.earlier)!).idNumber);
    // Inside the sample county (its extent is 114.874–114.926°E, 30.432–30.468°N).
    for (const c of cases) {
      const [lon, lat] = c.geometry.coordinates as number[];
      expect(lon).toBeGreaterThan(114.874);
      expect(lon).toBeLessThan(114.926);
      expect(lat).toBeGreaterThan(30.432);
      expect(lat).toBeLessThan(30.468);
    }
  });
});

const encode = (text: string) => new TextEncoder().encode(text);

describe('ledger import with a chosen mapping', () => {
  const csv = encode('编号,经度,纬度,来件人,姓名,受理,结案时间,证件\nA1,114.9,30.45,甲,乙,2026/7/3,2026年8月1日,421102199001011234\nA2,114.91,30.44,丙,丁,2026-07-05,,\n');

  it('lets the user override the aliases and drop a column', async () => {
    const auto = await readLedgerForMapping(csv, 'l.csv');
    expect(auto.mapping).toMatchObject({ id: '编号', petitioner: '姓名', lon: '经度', lat: '纬度' });
    expect(auto.mapping.acceptedDate).toBeUndefined();
    const mapping = { petitioner: '来件人', acceptedDate: '受理', closedDate: '结案时间', idNumber: '证件' };
    const [a1, a2] = await readLedger(csv, 'l.csv', undefined, mapping);
    expect(a1!.petitioner).toBe('甲');
    expect(caseExtras(a1!, mapping)).toEqual({ idNumber: '421102199001011234', acceptedDate: '2026-07-03', repliedDate: null, closedDate: '2026-08-01' });
    expect(caseExtras(a2!, mapping)).toEqual({ idNumber: null, acceptedDate: '2026-07-05', repliedDate: null, closedDate: null });
    expect(a1!.attributes['受理']).toBe('2026/7/3');
    const [dropped] = await readLedger(csv, 'l.csv', undefined, { petitioner: null });
    expect(dropped!.petitioner).toBeNull();
  });

  it('locates from the longitude/latitude columns the user chose', async () => {
    const twoPairs = encode('编号,经度,纬度,东经,北纬\nA1,0,0,114.9,30.45\n');
    const [a1] = await readLedger(twoPairs, 'l.csv', undefined, { lon: '东经', lat: '北纬' });
    expect(a1!.geometry.coordinates).toEqual([114.9, 30.45]);
  });

  it('refuses an unreadable date or an unknown column, naming file, line and column', async () => {
    await expect(readLedger(csv, 'l.csv', undefined, { acceptedDate: '证件' })).rejects.toThrow(/^l\.csv: line 2, column 证件: expected a date .*found "421102199001011234"/);
    await expect(readLedger(encode('编号,经度,纬度,登记日期\nA1,114.9,30.45,2026-07-03\nA2,114.9,30.45,2026-02-30\n'), 'l.csv')).rejects.toThrow(/^l\.csv: line 3, column 登记日期: expected a date/);
    await expect(readLedger(csv, 'l.csv', undefined, { status: '办理状态' })).rejects.toThrow(/^l\.csv: header: the column "办理状态" chosen for status is not in the file/);
    await expect(readLedger(csv, 'l.csv', undefined, { id: null })).rejects.toThrow(/no column for the case number/);
  });

  it('reads the ways a ledger writes a date', () => {
    expect(['2026-07-03', '2026/7/3', '2026.7.3', '2026年7月3日', '2026-07-03 09:30:00', '20260703', '46206'].map(parseLedgerDate)).toEqual(Array(7).fill('2026-07-03'));
    expect(['2026-13-01', '2026/2/29', '7/3/2026', '下周', '12345'].map(parseLedgerDate)).toEqual(Array(5).fill(null));
  });

  it('keeps the received date as YYYY-MM-DD in the record and the row as read', () => {
    const feature: Feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [114.9, 30.45] }, properties: { 案件编号: 'B1', 登记日期: '2026年7月3日' } };
    const [b1] = casesFromFeatures([feature], 'b.xlsx');
    expect(b1!.receivedDate).toBe('2026-07-03');
    expect(b1!.attributes['登记日期']).toBe('2026年7月3日');
  });
});
