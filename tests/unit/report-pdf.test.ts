import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_DOCUMENT_SCHEMA_VERSION } from '../../src/core';
import type { ReportDocument } from '../../src/core';
import { writeReportPdf } from '../../src/io/report/pdf';
import { ROOT } from '../support/paths';

// The PDF writer checked from outside: poppler (pdftotext, pdffonts, pdfinfo, pdftoppm; Debian
// package poppler-utils) reads what pdfkit wrote, and page 1 is compared with a viewable reference
// image. Regenerate it with UPDATE=1 and look at it before committing it.

const FONT_DIR = join(ROOT, 'node_modules/@expo-google-fonts/noto-sans-sc');
const fonts = {
  regular: new Uint8Array(readFileSync(join(FONT_DIR, '400Regular/NotoSansSC_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONT_DIR, '700Bold/NotoSansSC_700Bold.ttf'))),
};
const REFERENCE_PAGE1 = join(ROOT, 'tests/fixtures/report/pdf-page1.png');

const hasPoppler = !spawnSync('pdftotext', ['-v']).error;
// Locally, a machine without poppler skips these checks; CI must have it (and fails loudly if not).
const skipPoppler = !hasPoppler && !process.env.CI;
const popplerSuite = skipPoppler ? 'with poppler (SKIPPED: pdftotext not found; apt-get install poppler-utils)' : 'read back with poppler';

/** A small fixed RGBA PNG (transparent corner included) standing in for a rasterised map or an imagery clip. */
function fakePng(width: number, height: number, tint: [number, number, number]): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const stripe = (Math.floor(x / 8) + Math.floor(y / 8)) % 2 === 0;
      png.data[i] = stripe ? tint[0] : 255;
      png.data[i + 1] = stripe ? tint[1] : 255;
      png.data[i + 2] = stripe ? tint[2] : 255;
      png.data[i + 3] = x < 6 && y < 6 ? 0 : 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

// Both carry an alpha channel, which pdfkit decodes asynchronously: two of them test that the
// writer still gives the same bytes every time.
const FIGURE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"><rect width="160" height="120" fill="#2e86c1"/></svg>';
const FIGURE_PNG = fakePng(80, 60, [46, 134, 193]);
const BEFORE_PNG = fakePng(64, 48, [39, 174, 96]);

const LAND_USES = ['永久基本农田', '耕地', '林地', '建设用地', '园地'];
/** 60 overlap rows: enough to break the table across pages. The first row's area is 1.2346 亩. */
const OVERLAP_ROWS = Array.from({ length: 60 }, (_, i) => {
  const areaM2 = 823.0423 + i * 17.25;
  return [String(i + 1), `TB-${String(i + 1).padStart(4, '0')}`, LAND_USES[i % LAND_USES.length]!, areaM2.toFixed(2), ((areaM2 * 3) / 2000).toFixed(4)];
});

const OPINION_SENTENCES = [
  '经核查，举报反映的地块位于城关镇东关村三组，与永久基本农田图斑TB-0001重叠，重叠面积1.2346亩。',
  '该地块未取得农用地转用审批手续，也不在设施农业用地备案范围内，现场已建成砖混结构厂房一处。',
  '根据《中华人民共和国土地管理法》第四十四条和第七十七条的规定，建议责令当事人限期拆除新建的建筑物和其他设施，恢复土地原状，并依法处以罚款。',
  '请城关镇人民政府于收到本报告之日起十五个工作日内将处置结果书面报送县自然资源局执法监察大队。',
];

const FOOTER = '数据来源：永久基本农田 permanent_farmland.shp 2024-01-15 SHA-256 3f9a1c07；土地利用现状 landuse_2023.gpkg 2023-12-31 SHA-256 b71e44d2；批准用地 approved_land.geojson 2024-02-01 SHA-256 09cd5e6a';

function sampleReport(): ReportDocument {
  return {
    schemaVersion: REPORT_DOCUMENT_SCHEMA_VERSION,
    lang: 'zh-CN',
    title: '信访举报核查报告',
    subtitle: '案件编号 LC-2024-0137　城关镇自然资源所',
    generatedAt: '2024-03-15T08:30:00Z',
    footer: FOOTER,
    masked: true,
    blocks: [
      { kind: 'heading', level: 1, text: '一、案件基本情况' },
      {
        kind: 'fields',
        rows: [
          ['案件编号', 'LC-2024-0137'],
          ['举报人', '张**'],
          ['联系电话', '138****5678'],
          ['举报位置', '城关镇东关村三组，东经 112.5432°，北纬 34.6781°'],
          ['举报内容', '反映有人在村东耕地上建设厂房，占用基本农田，要求依法查处并恢复耕地原状。'],
        ],
      },
      {
        kind: 'figure',
        figure: { svg: FIGURE_SVG, widthMm: 120, heightMm: 90, widthPx: 945, heightPx: 709, caption: '图 1　举报位置与重叠图斑' },
      },
      {
        kind: 'images',
        images: [
          { png: BEFORE_PNG, widthPx: 64, heightPx: 48, widthMm: 75, caption: '2023-06 影像（前时相）', missing: null },
          { png: null, widthPx: 64, heightPx: 48, widthMm: 75, caption: '2024-02 影像（后时相）', missing: '无覆盖该位置的影像' },
        ],
      },
      { kind: 'heading', level: 1, text: '二、重叠分析' },
      { kind: 'table', columns: ['序号', '图斑编号', '地类', '重叠面积（㎡）', '重叠面积（亩）'], rows: OVERLAP_ROWS, align: ['center', 'left', 'left', 'right', 'right'], widths: [8, 20, 32, 20, 20] },
      { kind: 'heading', level: 1, text: '三、核查发现' },
      {
        kind: 'flags',
        items: [
          { severity: 'high', code: 'R-BF-01', text: '占用永久基本农田 1.2346 亩' },
          { severity: 'medium', code: 'R-AP-02', text: '未取得批准用地手续' },
          { severity: 'info', code: 'R-IM-01', text: '后时相影像未覆盖举报位置' },
        ],
      },
      { kind: 'heading', level: 1, text: '四、处理意见' },
      { kind: 'paragraph', style: 'opinion', text: `　　${OPINION_SENTENCES.join('')}` },
      { kind: 'paragraph', style: 'note', text: '注：面积按 CGCS2000 / 3-degree Gauss-Kruger zone 38 平面坐标计算。' },
      { kind: 'signatures', labels: ['核查人', '审核人', '负责人'] },
    ],
  };
}

describe('writeReportPdf', () => {
  const rasterised: [string, number][] = [];
  const rasterise = async (svg: string, widthPx: number): Promise<Uint8Array> => {
    rasterised.push([svg, widthPx]);
    return FIGURE_PNG;
  };
  let pdf: Uint8Array;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    pdf = await writeReportPdf(sampleReport(), { fonts, rasterise });
    dir = mkdtempSync(join(tmpdir(), 'landcheck-report-pdf-'));
    file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a PDF far smaller than the 10 MB fonts it draws with', () => {
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 8))).toBe('%PDF-1.7');
    expect(pdf.byteLength).toBeLessThan(1_000_000);
  });

  it('rasterises the figure at its pixel width', () => {
    expect(rasterised[0]).toEqual([FIGURE_SVG, 945]);
  });

  it('gives the same bytes for the same document, dated by generatedAt', async () => {
    const again = await writeReportPdf(sampleReport(), { fonts, rasterise });
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(pdf).toString('latin1')).toContain('(D:20240315083000Z)');
    const later = await writeReportPdf({ ...sampleReport(), generatedAt: '2024-03-16T08:30:00Z' }, { fonts, rasterise });
    expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(false);
  });

  describe.skipIf(skipPoppler)(popplerSuite, () => {
    const run = (command: string, ...args: string[]): string => execFileSync(command, args, { encoding: 'utf8' });
    const squash = (text: string): string => text.replace(/\s+/g, '');
    const TABLE_ROW = /TB-\d{4}\s+\S+\s+[\d.]+\s+[\d.]+/;

    it('embeds subsets of Noto Sans SC regular and bold, and no other font', () => {
      const rows = run('pdffonts', file).split('\n').slice(2).filter((line) => line.trim());
      expect(rows).toHaveLength(2);
      for (const weight of ['Regular', 'Bold']) {
        // name, type, encoding, emb, sub, uni
        expect(rows.some((row) => new RegExp(`^[A-Z]{6}\\+NotoSansSC-${weight}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`).test(row))).toBe(true);
      }
    });

    it('shows every text of the report', () => {
      const text = run('pdftotext', '-layout', file, '-');
      const flat = squash(text);
      for (const expected of ['信访举报核查报告', 'LC-2024-0137', '张**', '138****5678', '无覆盖该位置的影像', '图1举报位置与重叠图斑', '2023-06影像（前时相）', '核查人', '日期']) {
        expect(flat).toContain(squash(expected));
      }
      for (const row of OVERLAP_ROWS) expect(text).toMatch(new RegExp(`${row[1]}\\s+${row[2]}\\s+${row[3]}\\s+${row[4]!.replace('.', '\\.')}`));
      expect(text).toContain('1.2346');
      for (const code of ['R-BF-01', 'R-AP-02', 'R-IM-01']) expect(text).toContain(code);
      expect(flat).toContain('高R-BF-01占用永久基本农田1.2346亩');
      for (const sentence of OPINION_SENTENCES) expect(flat).toContain(squash(sentence));
    });

    it('numbers every page and repeats the footer and the table header on each page', () => {
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', file))![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      for (let n = 1; n <= pages; n++) {
        const page = run('pdftotext', '-layout', '-f', String(n), '-l', String(n), file, '-');
        // pdftotext drops the narrow spaces of "第 1 页 共 4 页".
        expect(squash(page)).toContain(`第${n}页共${pages}页`);
        expect(squash(page)).toContain(squash(FOOTER).slice(0, 40));
        if (TABLE_ROW.test(page)) expect(page).toContain('图斑编号');
      }
      const tablePages = Array.from({ length: pages }, (_, i) => run('pdftotext', '-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-')).filter((page) => TABLE_ROW.test(page));
      expect(tablePages.length).toBeGreaterThanOrEqual(2);
    });

    it('keeps all text inside the side margins and wraps the Chinese opinion at the right margin', () => {
      const html = run('pdftotext', '-bbox-layout', file, '-');
      const lines = [...html.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)].map((m) => ({
        xMin: Number(m[1]),
        xMax: Number(m[2]),
        text: [...m[3]!.matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
      }));
      const margin = (20 * 72) / 25.4;
      const right = 595.28 - margin;
      for (const line of lines) {
        expect(line.xMin, line.text).toBeGreaterThanOrEqual(margin - 0.5);
        expect(line.xMax, line.text).toBeLessThanOrEqual(right + 0.5);
      }
      const start = lines.findIndex((line) => line.text.includes('经核查'));
      const end = lines.findIndex((line) => line.text.includes('执法监察大队'));
      expect(start).toBeGreaterThanOrEqual(0);
      // About 200 characters at 10.5 pt: several lines, each but the last filled to the margin, give or
      // take a number such as 1.2346亩 that may not be split.
      expect(end - start).toBeGreaterThanOrEqual(3);
      for (const line of lines.slice(start, end)) expect(line.xMax, line.text).toBeGreaterThan(right - 40);
    });

    it('renders page 1 like the reference image', () => {
      run('pdftoppm', '-r', '50', '-f', '1', '-l', '1', '-png', '-singlefile', file, join(dir, 'page1'));
      const rendered = PNG.sync.read(readFileSync(join(dir, 'page1.png')));
      if (process.env.UPDATE === '1') {
        mkdirSync(dirname(REFERENCE_PAGE1), { recursive: true });
        writeFileSync(REFERENCE_PAGE1, PNG.sync.write(rendered, { colorType: 2 }));
      }
      expect(existsSync(REFERENCE_PAGE1), `${REFERENCE_PAGE1} is missing: run with UPDATE=1 and look at it`).toBe(true);
      const reference = PNG.sync.read(readFileSync(REFERENCE_PAGE1));
      expect([rendered.width, rendered.height]).toEqual([reference.width, reference.height]);
      let differing = 0;
      for (let i = 0; i < rendered.data.length; i += 4) {
        const d = Math.max(...[0, 1, 2].map((c) => Math.abs(rendered.data[i + c]! - reference.data[i + c]!)));
        if (d > 48) differing++;
      }
      // Font rasterisers differ a little between poppler versions: allow 2 % of pixels.
      expect(differing / (rendered.width * rendered.height)).toBeLessThan(0.02);
    });
  });
});
