import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseClerk } from './caseDriver';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';
import { PatchReviewer } from './patchDriver';

// Reports from the app (issue 8): a case's report from the case desk (DOCX and PDF, masked unless asked),
// the reports of the cases a ledger filter shows in one zip, and the patch review summary report.

let harness: Harness;
let app: LandCheck;
let clerk: CaseClerk;
const work = mkdtempSync(join(tmpdir(), 'landcheck-reports-'));
const CASE = 'HK-2026-001';
const PETITIONER = { name: '郭涛', phone: '13671400095' };

beforeAll(async () => {
  harness = await startHarness();
  app = await LandCheck.start(harness, { width: 1400, height: 900 });
  clerk = new CaseClerk(app);
  await app.givenTheSampleCounty();
  await clerk.untilTheCasesAreLoaded();
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
  rmSync(work, { recursive: true, force: true });
});

const docxText = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/<[^>]+>/g, '');

async function exportCaseReport(format: 'DOCX' | 'PDF', unmask = false): Promise<Uint8Array> {
  const desk = clerk.desk();
  await desk.getByRole('radio', { name: format }).check();
  const box = desk.getByRole('checkbox', { name: /不脱敏/ });
  if ((await box.isChecked()) !== unmask) await box.click();
  const [download] = await Promise.all([app.page.waitForEvent('download', { timeout: 120_000 }), desk.getByRole('button', { name: '导出核查报告' }).click()]);
  const path = join(work, download.suggestedFilename());
  await download.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

describe('a case report from the case desk', () => {
  it('is a DOCX with the case, its overlaps as verified and the petitioner masked', async () => {
    await clerk.whenIOpenTheCase(CASE);
    await clerk.whenIVerifyTheCase();
    const { overlaps } = await clerk.theVerification();
    const text = docxText(await exportCaseReport('DOCX'));
    expect(text).toContain(CASE);
    for (const row of overlaps) {
      expect(text).toContain(row[1]!);
      // The table's mu figure as the desk shows it (4 decimals in the report, as the verification computed).
      expect(text).toContain(Number(row[3]).toFixed(2).slice(0, -1));
    }
    expect(text).not.toContain(PETITIONER.name);
    expect(text).not.toContain(PETITIONER.phone);
  });

  it('is a PDF the same way, and shows the petitioner only when asked', async () => {
    const pdf = join(work, 'case.pdf');
    const bytes = await exportCaseReport('PDF', true);
    writeFileSync(pdf, bytes);
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(CASE);
    expect(text).toContain(PETITIONER.name);
    expect(text).toContain(PETITIONER.phone);
  });
});

describe('the reports of the cases a ledger filter shows', () => {
  it('come in one zip, one report per case, with progress', async () => {
    await clerk.whenIOpenTheTab('台账');
    await app.page.getByLabel('搜索', { exact: true }).fill('基本农田');
    const { shown } = await clerk.theLedgerCount();
    expect(shown).toBeGreaterThan(1);
    await app.page.getByRole('radio', { name: '核查报告 DOCX' }).check();
    const [download] = await Promise.all([app.page.waitForEvent('download', { timeout: 300_000 }), app.page.getByRole('button', { name: new RegExp(`导出 ${shown} 件核查报告`) }).click()]);
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(zip);
    expect(names).toHaveLength(shown);
    for (const name of names) {
      expect(name).toMatch(/^HK-2026-\d{3}\.docx$/);
      expect(docxText(zip[name]!)).toContain(name.replace('.docx', ''));
    }
  });
});

describe('the patch review summary report', () => {
  it('is a PDF with the counts by judgement', async () => {
    const reviewer = new PatchReviewer(app);
    await reviewer.whenIOpenThePatchReview();
    const [download] = await Promise.all([app.page.waitForEvent('download', { timeout: 120_000 }), reviewer.queue().getByRole('button', { name: /图斑核查汇总报告 PDF/ }).click()]);
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('4211022026001');
    expect(text).toContain('合法');
    expect(text).toContain('违法');
  });
});
