import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvTable } from '../../src/io/tabular';
import { ROOT, SAMPLE_DIR } from '../support/paths';
import { docxToPdf, expectLikeReference, hasCommand, pdfPage1 } from '../support/reportRender';

// `landcheck report` (DESIGN §9, issue 8) on the sample county: the reports hold the case number, every
// overlapping feature id, the areas in mu as `landcheck verify` computed them, the flags and the opinion,
// and no petitioner name, phone or ID number unless --unmask; the same case gives the same bytes twice.

const run = promisify(execFile);
const landcheck = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [join(ROOT, 'src/cli/bin.js'), ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
const FIXED = { SOURCE_DATE_EPOCH: '1790000000' };
const CASE = 'HK-2026-001';
const ID_NUMBER = '420102198001011234';
const work = mkdtempSync(join(tmpdir(), 'landcheck-report-'));
// The sample county, its ledger given an ID-number column (the sample's has none): the third confidential field.
const county = join(work, 'county');
cpSync(SAMPLE_DIR, county, { recursive: true });
{
  const csv = readFileSync(join(county, 'cases.csv'), 'utf8').split(/\r?\n/);
  writeFileSync(join(county, 'cases.csv'), csv.map((line, i) => (line === '' ? line : i === 0 ? `${line},身份证号` : `${line},${line.startsWith(`${CASE},`) ? ID_NUMBER : ''}`)).join('\n'));
}
const MANIFEST = join(county, 'sample.landcheck.json');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface VerifiedCase { id: string; overlaps: { featureId: string; areaMu: number }[]; flags: { code: string; message: string }[]; opinion: { text: string } }
let verified: VerifiedCase;
let petitioner: { name: string; phone: string };
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  const out = join(work, 'verify');
  const v = await landcheck({}, 'verify', MANIFEST, '--case', CASE, '--out', out);
  expect(v.code).toBe(0);
  verified = (JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as { cases: VerifiedCase[] }).cases[0]!;
  const ledger = readCsvTable(new Uint8Array(readFileSync(join(county, 'cases.csv'))), 'cases.csv');
  const row = ledger.collection.features.map((f) => f.properties as Record<string, string>).find((r) => Object.values(r).includes(CASE))!;
  const name = Object.entries(row).find(([k]) => /信访人|姓名/.test(k))![1];
  const phone = Object.entries(row).find(([k]) => /电话/.test(k))![1];
  petitioner = { name, phone };
}, 120_000);

const docxText = (path: string) => strFromU8(unzipSync(new Uint8Array(readFileSync(path)))['word/document.xml']!).replace(/<[^>]+>/g, '');

describe('landcheck report', () => {
  it('writes a DOCX with the case number, every overlap id, the mu areas, the flags and the opinion, petitioner masked', async () => {
    const file = join(work, 'case.docx');
    const r = await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', file);
    expect(r.code, r.stderr).toBe(0);
    const text = docxText(file);
    expect(text).toContain(CASE);
    for (const o of verified.overlaps) {
      expect(text).toContain(o.featureId);
      expect(text).toContain(o.areaMu.toFixed(4));
    }
    for (const f of verified.flags) expect(text).toContain(f.code);
    // Every line of the opinion that names no petitioner is printed as the verification drafted it.
    const lines = verified.opinion.text.split('\n').map((l) => l.trim()).filter((l) => l.length > 8 && !l.includes(petitioner.name) && !l.includes(petitioner.phone));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(text.replace(/\s+/g, '')).toContain(line.replace(/\s+/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(text).not.toContain(petitioner.name);
    expect(text).not.toContain(petitioner.phone);
    expect(text).not.toContain(ID_NUMBER);
  });

  it('writes the same DOCX bytes twice for the same case and time', async () => {
    const a = join(work, 'a.docx'), b = join(work, 'b.docx');
    await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', a);
    await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', b);
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
  });

  it('prints the petitioner only with --unmask', async () => {
    const file = join(work, 'unmasked.docx');
    const r = await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', file, '--unmask');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/NOT masked/);
    const text = docxText(file);
    expect(text).toContain(petitioner.name);
    expect(text).toContain(petitioner.phone);
    expect(text).toContain(ID_NUMBER);
  });

  it.skipIf(!hasPoppler && !process.env.CI)('writes a PDF whose text (pdftotext) holds the same facts, the same bytes twice', async () => {
    const a = join(work, 'a.pdf'), b = join(work, 'b.pdf');
    expect((await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', a)).code).toBe(0);
    expect((await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', b)).code).toBe(0);
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
    const text = execFileSync('pdftotext', ['-raw', a, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(CASE);
    for (const o of verified.overlaps) {
      expect(text).toContain(o.featureId);
      expect(text).toContain(o.areaMu.toFixed(4));
    }
    for (const f of verified.flags) expect(text).toContain(f.code);
    expect(text).not.toContain(petitioner.name);
    expect(text).not.toContain(petitioner.phone);
    expect(text).not.toContain(ID_NUMBER);
  });

  // The first page of the sample case's report, as a reader sees it, against reviewed references.
  it.skipIf(!hasCommand('pdftoppm') && !process.env.CI)('renders page 1 of the sample PDF like its reference (pdftoppm)', async () => {
    const pdf = join(work, 'page.pdf');
    expect((await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', pdf)).code).toBe(0);
    expectLikeReference(pdfPage1(pdf, work), join(ROOT, 'tests/fixtures/report/sample-case-pdf-page1.png'), 'sample-case-pdf-page1');
  });

  it.skipIf(!hasCommand('soffice') && !process.env.CI)('renders page 1 of the sample DOCX like its reference (LibreOffice)', async () => {
    const docx = join(work, 'page.docx');
    expect((await landcheck(FIXED, 'report', MANIFEST, '--case', CASE, '--out', docx)).code).toBe(0);
    const dir = mkdtempSync(join(work, 'lo-'));
    expectLikeReference(pdfPage1(docxToPdf(docx, dir), dir), join(ROOT, 'tests/fixtures/report/sample-case-docx-page1.png'), 'sample-case-docx-page1');
  }, 180_000);

  it('writes one report per case into a folder with --all, and refuses bad arguments writing nothing', async () => {
    const dir = join(work, 'all');
    const r = await landcheck(FIXED, 'report', MANIFEST, '--all', '--out', dir, '--format', 'pdf');
    expect(r.code, r.stderr).toBe(0);
    const cases = readCsvTable(new Uint8Array(readFileSync(join(SAMPLE_DIR, 'cases.csv'))), 'cases.csv').collection.features.length;
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(cases);
    const bad = join(work, 'bad.docx');
    for (const args of [['--case', 'NO-SUCH', '--out', bad], ['--out', bad], ['--all', '--out', bad], ['--case', CASE, '--out', bad, '--format', 'pdf']]) {
      const refused = await landcheck(FIXED, 'report', MANIFEST, ...args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(bad)).toBe(false);
    }
  }, 300_000);
});
