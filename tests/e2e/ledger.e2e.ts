import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';
import { CaseClerk } from './caseDriver';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// The ledger at scale, on a fixed day (2026-11-22): a 500-row bureau ledger imported, overdue cases
// filtered and exported masked (and unmasked only on request), the extension rule, the dashboard's
// figures against those counted independently from the fixture and the sample ledger, and a tab killed
// in the middle of a bulk import.

const TODAY = '2026-11-22';
const FIXTURE = join(ROOT, 'tests/fixtures/ledger/ledger-500.xlsx');
const expected = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/ledger/ledger-500.expected.json'), 'utf8')) as {
  byStatus: Record<string, number>; byChannel: Record<string, number>; closed: number; meanDaysReceivedToClosed: number; overdueCount: number; overdueIds: string[];
};

/** The sample county's own ledger, counted here: every row is 登记, so overdue when received + 15 days < today. */
const sample = Papa.parse<Record<string, string>>(readFileSync(join(ROOT, 'data/sample/cases.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const sampleOverdue = sample.filter((r) => r['办理状态'] === '登记' && TODAY > addDays(r['登记日期']!, 15)).length;

/** Every petitioner name, phone and ID number of the fixture, as written there. */
async function fixtureSecrets(): Promise<{ names: string[]; phones: string[]; ids: string[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(FIXTURE);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => header.indexOf(name);
  const names: string[] = [], phones: string[] = [], ids: string[] = [];
  // A petitioner who shares a name with an officer is not a secret in the officer's column.
  const officers = new Set(sample.map((r) => r['承办人']));
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    officers.add(String(row.getCell(col('承办人')).value ?? ''));
  });
  sheet.eachRow((row, n) => {
    if (n === 1 || officers.has(String(row.getCell(col('信访人')).value ?? ''))) return;
    names.push(String(row.getCell(col('信访人')).value ?? ''));
    phones.push(String(row.getCell(col('联系电话')).value ?? ''));
    ids.push(String(row.getCell(col('身份证号')).value ?? ''));
  });
  return { names: names.filter(Boolean), phones: phones.filter(Boolean), ids: ids.filter(Boolean) };
}

async function readXlsx(path: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

let harness: Harness;
let app: LandCheck;
let clerk: CaseClerk;
const work = mkdtempSync(join(tmpdir(), 'landcheck-ledger-'));
beforeAll(async () => {
  harness = await startHarness();
  app = await LandCheck.start(harness);
  clerk = new CaseClerk(app);
  await app.page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await app.givenTheSampleCounty();
  await clerk.untilTheCasesAreLoaded();
}, 120_000);
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await app.page.screenshot({ path: join(ROOT, `test-results/ledger-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

describe('a 500-row ledger', () => {
  it('is imported in one go beside the sample ledger', async () => {
    await clerk.whenIOpenTheTab('台账');
    expect(await clerk.whenIImportTheLedger(FIXTURE)).toContain('已导入 500 件案件');
    expect(await clerk.theLedgerCount()).toEqual({ shown: 500 + sample.length, total: 500 + sample.length });
  });

  it('has the dashboard figures counted from the fixture and the sample ledger', async () => {
    await clerk.whenIOpenTheTab('统计');
    const total = 500 + sample.length;
    expect(await clerk.theDashboardFigure('总数')).toBe(String(total));
    expect(await clerk.theDashboardFigure('办结率')).toBe(`${((expected.closed / total) * 100).toFixed(1)}%`);
    expect(await clerk.theDashboardFigure('平均办结天数')).toBe(expected.meanDaysReceivedToClosed.toFixed(1));
    expect(await clerk.theDashboardFigure('超期')).toBe(String(expected.overdueCount + sampleOverdue));
    const byStatus = (await app.page.getByRole('img', { name: /^按状态统计/ }).getAttribute('aria-label')) ?? '';
    for (const [status, count] of Object.entries(expected.byStatus)) {
      expect(byStatus).toContain(`${status} ${count + sample.filter((r) => r['办理状态'] === status).length}`);
    }
    const byChannel = (await app.page.getByRole('img', { name: /^按来源渠道统计/ }).getAttribute('aria-label')) ?? '';
    for (const [channel, count] of Object.entries(expected.byChannel)) {
      const label = channel;
      expect(byChannel).toContain(`${label} ${count + sample.filter((r) => r['来源渠道'] === channel).length}`);
    }
  });

  it('filters the overdue cases and exports them with the petitioners masked', async () => {
    await clerk.whenIOpenTheTab('台账');
    await clerk.whenIFilterBy('超期');
    const overdue = expected.overdueCount + sampleOverdue;
    expect((await clerk.theLedgerCount()).shown).toBe(overdue);
    const download = await clerk.whenIExportTheLedger('XLSX');
    const path = join(work, 'overdue.xlsx');
    await download.saveAs(path);
    const rows = await readXlsx(path);
    expect(rows.length).toBe(overdue + 1);
    const ids = new Set(rows.slice(1).map((r) => r[0]));
    for (const id of expected.overdueIds) expect(ids.has(id)).toBe(true);
    const text = rows.flat().join('\n');
    const secrets = await fixtureSecrets();
    for (const name of secrets.names) expect(text).not.toContain(name);
    for (const phone of secrets.phones) expect(text).not.toContain(phone);
    for (const id of secrets.ids) expect(text).not.toContain(id);
  });

  it('exports the whole ledger as CSV with formula-like cells as text, unmasked only when asked', async () => {
    await app.page.getByRole('checkbox', { name: '超期', exact: true }).uncheck();
    const masked = join(work, 'all.csv');
    await (await clerk.whenIExportTheLedger('CSV')).saveAs(masked);
    const csv = readFileSync(masked, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(csv).not.toMatch(/(^|,)"?=cmd/m);
    const secrets = await fixtureSecrets();
    for (const name of secrets.names) expect(csv).not.toContain(name);
    const unmasked = join(work, 'all-unmasked.csv');
    await (await clerk.whenIExportTheLedger('CSV', true)).saveAs(unmasked);
    const open = readFileSync(unmasked, 'utf8');
    for (const name of secrets.names.slice(0, 20)) expect(open).toContain(name);
  });
});

describe('verifying the shown cases', () => {
  const golden = (JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/golden/sample-verification.json'), 'utf8')) as { cases: { id: string; overlaps: { featureId: string }[] }[] }).cases;

  it('keeps each shown case\'s verification, as the golden verification.json has it', async () => {
    await clerk.whenIOpenTheTab('台账');
    await clerk.whenISearchTheLedgerFor('HK-2026-00');
    expect((await clerk.theLedgerCount()).shown).toBe(9);
    const shown = golden.filter((c) => c.id.startsWith('HK-2026-00'));
    const overlapping = shown.filter((c) => c.overlaps.length > 0).length;
    expect(await clerk.whenIVerifyTheShownCases()).toBe(`已核查 9 件，其中 ${overlapping} 件与图层有重叠。`);
    await clerk.whenIOpenTheLedgerRow('HK-2026-008');
    const { overlaps } = await clerk.theVerification();
    expect(overlaps.map((row) => row[1]).sort()).toEqual(shown.find((c) => c.id === 'HK-2026-008')!.overlaps.map((o) => o.featureId).sort());
    expect((await clerk.theAuditLog()).some((line) => line.includes('核查'))).toBe(true);
  });

  it('leaves closed cases as they were', async () => {
    await clerk.whenIOpenTheTab('台账');
    await clerk.whenISearchTheLedgerFor('');
    await clerk.whenIFilterBy('办结');
    expect((await clerk.theLedgerCount()).shown).toBe(expected.closed);
    const outcome = await clerk.whenIVerifyTheShownCases();
    expect(outcome).toContain('已核查 0 件，其中 0 件与图层有重叠。');
    expect(outcome).toContain(`已办结的 ${expected.closed} 件未重新核查。`);
    await app.page.getByRole('checkbox', { name: '办结', exact: true }).uncheck();
  });
});

describe('the reply deadline', () => {
  it('a case received and accepted 70 days ago is overdue; the same with a 30-day extension is not', async () => {
    const received = addDays(TODAY, -70);
    const file = join(work, 'extension.csv');
    writeFileSync(file, `\uFEFF案件编号,登记日期,来源渠道,问题类别,信访人,经度,纬度,办理状态,受理日期,延期天数\nYQ-1,${received},来信,违法占地,赵一,114.8804568,30.4420391,受理,${received},\nYQ-2,${received},来信,违法占地,钱二,114.8983512,30.4574540,受理,${received},30\n`);
    expect(await clerk.whenIImportTheLedger(file)).toContain('已导入 2 件案件');
    await app.page.getByRole('searchbox', { name: '搜索' }).fill('YQ-');
    await clerk.whenIFilterBy('超期');
    expect((await clerk.theLedgerCount()).shown).toBe(1);
    const shown = await app.page.getByRole('table', { name: '案件台账' }).getByRole('row').allInnerTexts();
    expect(shown.some((r) => r.includes('YQ-1'))).toBe(true);
    expect(shown.some((r) => r.includes('YQ-2'))).toBe(false);
    await app.page.getByRole('checkbox', { name: '超期', exact: true }).uncheck();
    expect((await clerk.theLedgerCount()).shown).toBe(2);
    const both = await app.page.getByRole('table', { name: '案件台账' }).getByRole('row').allInnerTexts();
    expect(both.find((r) => r.includes('YQ-2'))).not.toContain('超期');
  });
});

describe('a tab killed in the middle of a bulk import', () => {
  it('leaves the ledger either fully before or fully after the import, every time', async () => {
    for (const [round, delayMs] of [0, 120, 170, 250, 600].entries()) {
      await clerk.whenIOpenTheTab('台账');
      await app.page.getByRole('button', { name: '清除筛选' }).click().catch(() => undefined);
      const before = (await clerk.theLedgerCount()).total;
      const rows = Array.from({ length: 3000 }, (_, i) => `K${round}-${String(i + 1).padStart(4, '0')},2026-10-0${1 + (i % 9)},来信,其他,测试${i},${(114.86 + (i % 60) * 0.0007).toFixed(6)},${(30.43 + Math.floor(i / 60) * 0.0005).toFixed(6)},登记`);
      const file = join(work, `bulk-${round}.csv`);
      writeFileSync(file, `\uFEFF案件编号,登记日期,来源渠道,问题类别,信访人,经度,纬度,办理状态\n${rows.join('\n')}\n`);
      await clerk.whenIStartImportingTheLedger(file);
      await app.page.waitForTimeout(delayMs);
      await app.whenTheTabCrashesAndIReopen();
      await clerk.untilTheCasesAreLoaded();
      await clerk.whenIOpenTheTab('台账');
      const after = (await clerk.theLedgerCount()).total;
      console.log(`[ledger] round ${round}: killed ${delayMs} ms after pressing import: ${before} → ${after}`);
      expect([before, before + 3000]).toContain(after);
    }
  }, 600_000);
});
