import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, writeLedgerCsv, writeLedgerXlsx } from '../../src/io/ledgerFiles';
import type { LedgerTable } from '../../src/io/ledgerFiles';

// Ledger exports read back with the libraries a recipient's tools use (exceljs, papaparse): the literal
// cell values must be the neutralised text, and numbers must stay numbers (OWASP CSV injection).

const HOSTILE = `=cmd|' /C calc'!A0`;
const table: LedgerTable = {
  header: ['案件编号', '信访人', '联系电话', '反映问题', '延期天数', '核查半径', '备注'],
  rows: [
    ['XF-2026-0001', '张伟', '+86 138 0013 8000', HOSTILE, -5, 20, '@SUM(A1:A2)'],
    ['XF-2026-0002', '李娜', '13800138000', '有人占用耕地建房，"已两层"\n请核查', null, 50.5, '-已转办'],
    ['XF-2026-0003', '王芳', '\t13900000000', '=HYPERLINK("http://example.com","点击")', 0, 20, '\r回车开头'],
    ['=1+1', null, '', '普通文本, 含逗号', 30, -0.5, 'a-b=c'],
  ],
};

const expectedRows: (string | number | null)[][] = [
  ['XF-2026-0001', '张伟', "'+86 138 0013 8000", `'${HOSTILE}`, -5, 20, "'@SUM(A1:A2)"],
  ['XF-2026-0002', '李娜', '13800138000', '有人占用耕地建房，"已两层"\n请核查', null, 50.5, "'-已转办"],
  ['XF-2026-0003', '王芳', "'\t13900000000", `'=HYPERLINK("http://example.com","点击")`, 0, 20, "'\r回车开头"],
  ["'=1+1", null, null, '普通文本, 含逗号', 30, -0.5, 'a-b=c'],
];

describe('neutraliseCell', () => {
  it('prefixes text that a spreadsheet would run, and leaves numbers and harmless text alone', () => {
    expect(neutraliseCell(HOSTILE)).toBe(`'${HOSTILE}`);
    expect(neutraliseCell('+86 138 0013 8000')).toBe("'+86 138 0013 8000");
    expect(neutraliseCell('-5')).toBe("'-5");
    expect(neutraliseCell('@x')).toBe("'@x");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell('\rx')).toBe("'\rx");
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(0)).toBe(0);
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell('张三')).toBe('张三');
  });
});

describe('writeLedgerXlsx', () => {
  it('writes neutralised text, numbers as numbers, a bold frozen header and sized columns', async () => {
    const bytes = await writeLedgerXlsx(table, '信访台账');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('信访台账')!;
    expect(sheet).toBeDefined();
    expect(sheet.getRow(1).values).toEqual([undefined, ...table.header]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expectedRows.forEach((expected, r) => {
      const row = sheet.getRow(r + 2);
      expected.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        // XML turns a bare carriage return into a line feed (exceljs does not escape it as _x000D_).
        const stored = typeof value === 'string' ? value.replace(/\r/g, '\n') : value;
        expect(cell.value ?? null, `row ${r + 2} column ${c + 1}`).toEqual(stored);
        if (value !== null) expect(cell.type).toBe(typeof value === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String);
      });
    });
    expect(sheet.getCell('E2').value).toBe(-5);
    expect(sheet.getCell('D2').value).toBe(`'=cmd|' /C calc'!A0`);
    // The complaint column is wider than the radius column, and none is absurdly wide.
    expect(sheet.getColumn(4).width!).toBeGreaterThan(sheet.getColumn(6).width!);
    for (let c = 1; c <= table.header.length; c++) expect(sheet.getColumn(c).width!).toBeLessThanOrEqual(60);
  });

  it('writes the same bytes for the same ledger', async () => {
    const a = await writeLedgerXlsx(table, 'ledger');
    const b = await writeLedgerXlsx(table, 'ledger');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('writeLedgerCsv', () => {
  it('writes UTF-8 with a BOM, RFC 4180 quoting and every cell neutralised', () => {
    const bytes = writeLedgerCsv(table);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF案件编号,信访人,')).toBe(true);
    expect(text).toContain('"有人占用耕地建房，""已两层""\n请核查"');
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(table.header);
    const asText = expectedRows.map((row) => row.map((v) => (v === null ? '' : String(v))));
    expect(parsed.data.slice(1)).toEqual(asText);
    expect(parsed.data[1]![3]).toBe(`'=cmd|' /C calc'!A0`);
    expect(parsed.data[1]![2]).toBe("'+86 138 0013 8000");
    expect(parsed.data[1]![4]).toBe('-5');
  });
});
