import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseMapFigure, caseReport, KIND_NAMES, maskIdNumber, maskName, maskPhone, newCaseFile, patchSummaryReport } from '../../src/core';
import type { Breakdown, CaseFile, CaseVerification, FactsSnapshot, PatchJudgement, PatchRow, ReportBlock, ReportDocument } from '../../src/core';
import { loadRuleSet, prepareVerification, runVerification } from '../../src/io/verification';
import { loadWorkspaceFromDir, ROOT, SAMPLE_DIR } from '../support/paths';

// The report model (issue 8) over the sample county verified as the CLI does: every figure the report
// prints is the verification's own, the petitioner is masked unless asked, the sources carry every
// layer's checksum, and the map is well-formed, deterministic, to scale and framed in true
// Gauss-Kruger coordinates (checked against proj4 with the EPSG definition written out here).

const CASE_ID = 'HK-2026-029'; // a point on a road approval over basic farmland: five layers, eleven overlaps
const AREA_CRS = 'EPSG:4547';
// EPSG:4547, CGCS2000 / 3-degree Gauss-Kruger CM 114E, as EPSG publishes it (not through src/core/crs).
const EPSG_4547 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const ID_NUMBER = '420102199001011234';

let file: CaseFile;
let facts: FactsSnapshot;
let result: CaseVerification;

beforeAll(async () => {
  const ws = await loadWorkspaceFromDir(SAMPLE_DIR);
  const read = async (path: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, path)));
  const ruleSet = await loadRuleSet(ws, read, { text: readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8'), file: 'default.json' });
  const layerBytes = Object.fromEntries(await Promise.all(ws.layers.map(async (l) => [l.id, await read(l.path)] as const)));
  const run = await runVerification(ws, prepareVerification(ws, ruleSet), { caseIds: [CASE_ID], generatedAt: '2026-11-21T00:00:00.000Z', date: '2026-11-21', layerBytes });
  result = run.results[0]!;
  facts = {
    verifiedAt: '2026-11-21T00:00:00.000Z',
    rulesVersion: ruleSet.version,
    softwareVersion: '0.1.0',
    layers: run.document.layers.map(({ id, kind, path, sha256 }) => ({ id, kind, path, sha256 })),
    result,
    draft: run.opinions[CASE_ID]!,
    draftLang: 'zh-CN',
  };
  const record = ws.cases.find((c) => c.id === CASE_ID)!;
  // The complaint repeats the petitioner's name, phone and ID number, as letters do.
  const complaint = `${record.complaint}本人${record.petitioner}，电话${record.phone}，身份证号${ID_NUMBER}。`;
  file = newCaseFile({ ...record, complaint }, { by: '方丽', at: '2026-11-05T09:00:00+08:00', petitionerIdNumber: ID_NUMBER });
});

const build = (options: { unmask?: boolean; lang?: 'zh-CN' | 'en' } = {}): ReportDocument =>
  caseReport({
    file,
    facts,
    areaCrs: AREA_CRS,
    lang: options.lang ?? 'zh-CN',
    unmask: options.unmask ?? false,
    generatedAt: '2026-11-22T10:00:00+08:00',
    bureau: '黄冈市自然资源和规划局河口分局',
    layerNames: { approved: '建设用地审批', 'approved-txt': '建设用地审批红线（坐标交换文件）' },
    layerDates: { 'land-use': '2025-12-31' },
    imagery: [],
    softwareVersion: '0.1.0',
  });

type TableBlock = Extract<ReportBlock, { kind: 'table' }>;
const tables = (doc: ReportDocument) => doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
const tableAfter = (doc: ReportDocument, heading: string) => {
  const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  return doc.blocks.slice(at).find((b): b is TableBlock => b.kind === 'table')!;
};
const figureOf = (doc: ReportDocument) => doc.blocks.find((b): b is Extract<ReportBlock, { kind: 'figure' }> => b.kind === 'figure')!.figure;
/** Every text of the document except the figure's SVG. */
const allText = (doc: ReportDocument) => JSON.stringify({ ...doc, blocks: doc.blocks.filter((b) => b.kind !== 'figure') });

function parseSvg(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  return doc.documentElement!;
}
const elements = (root: Element, tag: string) => Array.from(root.getElementsByTagName(tag));
const byClass = (root: Element, tag: string, cls: string) => elements(root, tag).filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls));
const num = (e: Element, attr: string) => Number(e.getAttribute(attr));
/** The (x, y) pairs of an SVG path of M/L commands. */
const pathPoints = (d: string) => [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);

describe('the case report', () => {
  it('states every overlap with the areas the verification computed, and the full breakdown', () => {
    const doc = build();
    expect(doc.title).toBe('信访举报核查报告');
    expect(doc.subtitle).toContain(CASE_ID);
    expect(doc.footer).toBe(`黄冈市自然资源和规划局河口分局  ${CASE_ID}  内部资料 注意保密`);
    const overlapTable = tableAfter(doc, '四、套合情况');
    expect(overlapTable.columns).toEqual(['图层', '要素编号', '主要属性', '面积（平方米）', '面积（亩）', '占比']);
    expect(overlapTable.rows).toHaveLength(result.overlaps.length);
    result.overlaps.forEach((o, i) => {
      const row = overlapTable.rows[i]!;
      expect(row[1]).toBe(o.featureId);
      expect(row[3]).toBe(o.planarAreaM2.toFixed(2));
      expect(row[4]).toBe(o.areaMu.toFixed(4));
      // mu and m² on one row agree at 666.67 m² a mu (to the printed precision).
      expect(Math.abs(Number(row[4]) - Number(row[3]) / (10000 / 15))).toBeLessThan(0.0001);
    });
    expect(overlapTable.rows.find((r) => r[1] === '鄂政土批〔2022〕131号')![2]).toContain('批准日期：2022-05-10');
    expect(overlapTable.rows.find((r) => r[1] === '42110221100000810')![2]).toContain('地类：0101 水田');
    const b = result.breakdown;
    const breakdown = tableAfter(doc, '套合结果（亩）');
    expect(breakdown.rows.map((r) => r[0])).toEqual(['地块面积', '占耕地', '占非耕农用地', '占未利用地', '建设用地', '无地类余量', '占永久基本农田', '占生态保护红线']);
    expect(breakdown.rows.map((r) => r[1])).toEqual(
      [b.totalMu, b.farmlandMu, b.otherAgriculturalMu, b.unusedMu, b.constructionMu, b.remainderMu, b.basicFarmlandMu, b.ecoRedlineMu].map((v) => v.toFixed(4)),
    );
    const flags = doc.blocks.find((x): x is Extract<ReportBlock, { kind: 'flags' }> => x.kind === 'flags')!;
    expect(flags.items.map((f) => f.code)).toEqual(result.flags.map((f) => f.code));
    const signatures = doc.blocks.find((x): x is Extract<ReportBlock, { kind: 'signatures' }> => x.kind === 'signatures')!;
    expect(signatures.labels).toEqual(['承办人', '审核人', '负责人']);
    // No imagery was handed over: the report says so rather than leaving a gap.
    expect(doc.blocks.some((x) => x.kind === 'paragraph' && x.text === '无覆盖该位置的影像。')).toBe(true);
  });

  it('prints the draft opinion until the officer saves one, then the saved text', () => {
    const opinionLines = (doc: ReportDocument) => doc.blocks.filter((x) => x.kind === 'paragraph' && x.style === 'opinion').map((x) => (x as { text: string }).text);
    expect(opinionLines(build())[0]).toBe(facts.draft.split('\n')[0]);
    const saved = { ...file, opinion: { lang: 'zh-CN' as const, text: '经核查，该地块已批准建设。\n建议向信访人解释政策。', draft: facts.draft, savedAt: '2026-11-20T10:00:00+08:00', savedBy: '方丽', facts } };
    const doc = caseReport({ file: saved, facts, areaCrs: AREA_CRS, lang: 'zh-CN', unmask: false, generatedAt: 'x', bureau: '', layerNames: {}, imagery: [], softwareVersion: '0.1.0' });
    expect(opinionLines(doc)).toEqual(['经核查，该地块已批准建设。', '建议向信访人解释政策。']);
  });

  it('masks the petitioner everywhere by default, also where the complaint repeats them, and not with unmask', () => {
    const name = file.record.petitioner!;
    const phone = file.record.phone!;
    const masked = allText(build());
    for (const secret of [name, phone, ID_NUMBER]) expect(masked).not.toContain(secret);
    expect(masked).toContain(maskName(name)!);
    expect(masked).toContain(maskPhone(phone)!);
    expect(masked).toContain(maskIdNumber(ID_NUMBER)!);
    expect(build().masked).toBe(true);

    const open = build({ unmask: true });
    expect(open.masked).toBe(false);
    const fields = open.blocks.find((x): x is Extract<ReportBlock, { kind: 'fields' }> => x.kind === 'fields')!.rows;
    const field = (label: string) => fields.find((r) => r[0] === label)![1];
    expect(field('信访人')).toBe(name);
    expect(field('联系电话')).toBe(phone);
    expect(field('身份证号')).toBe(ID_NUMBER);
    expect(field('反映问题')).toContain(`本人${name}，电话${phone}，身份证号${ID_NUMBER}`);
  });

  it('lists every layer read with its file, date and SHA-256, the rule-set version and when it was verified', () => {
    const doc = build();
    const sources = tableAfter(doc, '八、数据来源');
    expect(sources.rows).toHaveLength(facts.layers.length);
    for (const layer of facts.layers) {
      const row = sources.rows.find((r) => r[1] === layer.path)!;
      expect(row[3]).toMatch(/^[0-9a-f]{64}$/);
      expect(row[3]).toBe(layer.sha256);
    }
    expect(sources.rows.find((r) => r[1] === 'land_use.zip')![2]).toBe('2025-12-31');
    expect(sources.rows.find((r) => r[1] === 'approved_land_boundary.txt')![0]).toBe('建设用地审批红线（坐标交换文件）');
    const text = allText(doc);
    expect(text).toContain(facts.rulesVersion);
    expect(text).toContain(facts.verifiedAt);
  });

  it('is complete in English: no Chinese in any heading, label or column', () => {
    const doc = build({ lang: 'en' });
    const cjk = /[\u2e80-\u9fff\uff00-\uffef]/;
    expect(doc.title).toBe('Verification report');
    expect(doc.footer).toContain('Internal — confidential');
    for (const block of doc.blocks) {
      if (block.kind === 'heading') expect(block.text).not.toMatch(cjk);
      if (block.kind === 'table') for (const c of block.columns) expect(c).not.toMatch(cjk);
      if (block.kind === 'fields') for (const [label] of block.rows) expect(label).not.toMatch(cjk);
      if (block.kind === 'signatures') for (const label of block.labels) expect(label).not.toMatch(cjk);
      if (block.kind === 'paragraph' && block.style === 'note') expect(block.text).not.toMatch(cjk);
    }
    const root = parseSvg(figureOf(doc).svg);
    const texts = elements(root, 'text').map((t) => t.textContent ?? '');
    expect(texts).toContain('Legend');
    expect(texts).toContain('Permanent basic farmland');
    expect(figureOf(doc).caption).toBe('Figure 1 Case location and overlaps');
  });
});

describe('the case map figure', () => {
  const figureInput = () => {
    const lonLat = result.geometry.coordinates as [number, number];
    return { zone: result.zone, overlaps: result.overlaps, areaCrs: AREA_CRS, casePoint: proj4(EPSG_4547).forward(lonLat) as [number, number], lang: 'zh-CN' as const };
  };

  it('is well-formed SVG naming every feature and layer kind, the same bytes every time', () => {
    const figure = caseMapFigure(figureInput());
    expect(caseMapFigure(figureInput()).svg).toBe(figure.svg);
    expect(figureOf(build()).svg).toBe(figureOf(build()).svg);
    expect(figure.caption).toBe('图1 案件位置及套合示意图');
    expect(figure.widthMm).toBe(160);
    expect(figure.heightMm).toBe(120);
    // ≈ 200 dpi.
    expect(Math.abs(figure.widthPx / (figure.widthMm / 25.4) - 200)).toBeLessThan(1);
    expect(Math.abs(figure.heightPx / (figure.heightMm / 25.4) - 200)).toBeLessThan(1);

    const root = parseSvg(figure.svg);
    expect(root.getAttribute('font-family')).toBe('Noto Sans SC');
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${figure.widthPx} ${figure.heightPx}`);
    const texts = elements(root, 'text').map((t) => t.textContent ?? '');
    for (const o of result.overlaps) expect(texts, o.featureId).toContain(o.featureId);
    // One label per feature even when two layers hold the same approval.
    expect(texts.filter((t) => t === '鄂政土批〔2022〕131号')).toHaveLength(1);
    for (const kind of new Set(result.overlaps.map((o) => o.layerKind))) expect(texts).toContain(KIND_NAMES['zh-CN'][kind]);
    expect(texts).toContain('核查范围');
    expect(texts).toContain('北');
    expect(byClass(root, 'text', 'scale-bar-label')[0]!.textContent).toMatch(/^(1|2|5)0* 米$/);
  });

  it('draws a scale bar as long as its label says, at the scale of the drawn zone and of the frame', () => {
    const figure = caseMapFigure(figureInput());
    const root = parseSvg(figure.svg);
    const [, , vbWidth] = root.getAttribute('viewBox')!.split(' ').map(Number);
    expect(vbWidth).toBe(figure.widthPx);

    // Metres per viewBox unit from the zone: its outline is the 20 m circle, 40 m across in the data.
    const zoneXs = result.zone.flatMap((rings) => rings[0]!.map((p) => p[0]));
    const zoneWidthM = Math.max(...zoneXs) - Math.min(...zoneXs);
    expect(zoneWidthM).toBeCloseTo(40, 6);
    const drawnXs = pathPoints(elements(root, 'path').find((p) => p.getAttribute('id') === 'case-zone')!.getAttribute('d')!).map((p) => p[0]);
    const metresPerUnitFromZone = zoneWidthM / (Math.max(...drawnXs) - Math.min(...drawnXs));

    // … and from the frame: two Y ticks, their positions and their labelled eastings.
    const ticks = byClass(root, 'g', 'tick-y').map((g) => ({ x: pathPoints(elements(g, 'path')[0]!.getAttribute('d')!)[0]![0], value: Number(elements(g, 'text')[0]!.textContent!.replace(/ /g, '')) }));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    const metresPerUnitFromFrame = (ticks.at(-1)!.value - ticks[0]!.value) / (ticks.at(-1)!.x - ticks[0]!.x);
    expect(metresPerUnitFromFrame / metresPerUnitFromZone).toBeCloseTo(1, 3);

    const bar = byClass(root, 'rect', 'scale-bar-length')[0]!;
    const labelM = Number(byClass(root, 'text', 'scale-bar-label')[0]!.textContent!.replace(/ 米$/, ''));
    expect(num(bar, 'width') * metresPerUnitFromZone).toBeCloseTo(labelM, 1);
    // A round length that takes a sensible part of the figure: between 2 and 6 cm on the page.
    const barMm = (num(bar, 'width') / vbWidth!) * figure.widthMm;
    expect(barMm).toBeGreaterThan(20);
    expect(barMm).toBeLessThan(60);
    // The view is the zone grown by 30% but at least 60 m: the frame spans ≥ 60 m each way.
    const frame = elements(root, 'rect').find((r) => r.getAttribute('id') === 'frame')!;
    expect(num(frame, 'width') * metresPerUnitFromZone).toBeGreaterThanOrEqual(60 - 1e-6);
    expect(num(frame, 'height') * metresPerUnitFromZone).toBeGreaterThanOrEqual(60 - 1e-6);
  });

  it('labels the frame in Gauss-Kruger X and zone-prefixed Y that proj4 gives for the case point', () => {
    const lonLat = result.geometry.coordinates as [number, number];
    const [easting, northing] = proj4(EPSG_4547).forward(lonLat);
    const root = parseSvg(caseMapFigure(figureInput()).svg);
    const point = elements(root, 'circle').find((c) => (c.parentNode as Element).getAttribute('id') === 'case-point')!;
    const at = (cls: string, axis: 0 | 1, pixel: number) => {
      const ticks = byClass(root, 'g', cls).map((g) => ({ px: pathPoints(elements(g, 'path')[0]!.getAttribute('d')!)[0]![axis], label: elements(g, 'text')[0]!.textContent! }));
      for (const t of ticks) expect(t.label).toMatch(/^\d{1,2}( \d{3})+$/);
      const [a, b] = [ticks[0]!, ticks.at(-1)!];
      const va = Number(a.label.replace(/ /g, '')), vb = Number(b.label.replace(/ /g, ''));
      return va + ((pixel - a.px) * (vb - va)) / (b.px - a.px);
    };
    // X (northing) up the left side; Y (easting) along the bottom, with zone 38 (114°E / 3) in front.
    expect(Math.abs(at('tick-x', 1, num(point, 'cy')) - northing)).toBeLessThan(0.05);
    expect(Math.abs(at('tick-y', 0, num(point, 'cx')) - (38_000_000 + easting))).toBeLessThan(0.05);
    // The labels are round: multiples of the tick step.
    const labels = byClass(root, 'g', 'tick-x').map((g) => Number(elements(g, 'text')[0]!.textContent!.replace(/ /g, '')));
    expect(labels.every((v) => v % 10 === 0)).toBe(true);
  });

  it('escapes feature ids as text and draws a polygon case without a point', () => {
    const square = [[[500000, 3370000], [500100, 3370000], [500100, 3370050], [500000, 3370050], [500000, 3370000]]] as [number, number][][];
    const figure = caseMapFigure({ zone: [square], overlaps: [{ layerKind: 'real_estate', featureId: 'A<&>"B', pieces: [square] }], areaCrs: 'EPSG:4513', lang: 'en' });
    const root = parseSvg(figure.svg);
    expect(elements(root, 'text').map((t) => t.textContent)).toContain('A<&>"B');
    expect(elements(root, 'g').some((g) => g.getAttribute('id') === 'case-point')).toBe(false);
    // EPSG:4513 (zone 25) already carries the zone in its eastings: labels are not prefixed twice.
    const first = byClass(root, 'g', 'tick-y').map((g) => elements(g, 'text')[0]!.textContent!)[0]!;
    expect(first.replace(/ /g, '')).toMatch(/^5000\d\d$/);
  });
});

describe('the patch review summary', () => {
  const row = (id: string, type: string, judgement: PatchJudgement | null, areaMu: number, extra: Partial<PatchRow> = {}): PatchRow => ({
    index: 0, id, type, district: '421102', areaM2: (areaMu * 10000) / 15, areaMu, beforeDate: '2025-03-18', afterDate: '2026-06-22',
    judgement, subtype: '', vintage: null, from: judgement ? 'review' : null, reviewer: judgement ? '李四' : '', at: '', note: '',
    suggested: null, suggestedSubtype: '', reason: '', basicFarmland: false, redline: false, risk: 0, ...extra,
  });
  const rows = [
    row('P7', 'YH', '伪变化', 0.1),
    row('P1', '20', '合法', 1.5),
    row('P2', '20', '违法', 2.0, { vintage: '新增', subtype: '工矿商服-厂房', note: '未批先建' }),
    row('P3', 'YH', '违法', 0.5, { vintage: '存量' }),
    row('P4', 'YH', '违法', 1.25, { vintage: '新增' }),
    row('P5', 'CK', '其他', 3.0),
    row('P6', '20', null, 0.75),
  ];
  const breakdown: Breakdown = { totalMu: 2, farmlandMu: 1.2, otherAgriculturalMu: 0.3, unusedMu: 0, constructionMu: 0.5, basicFarmlandMu: 0.8, ecoRedlineMu: 0, remainderMu: 0 };
  const report = (lang: 'zh-CN' | 'en') => patchSummaryReport({ rows, breakdowns: { P2: breakdown }, layerName: '2026年第二季度卫片', lang, generatedAt: '2026-11-22T10:00:00+08:00', bureau: '河口分局', softwareVersion: '0.1.0' });

  it('counts and sums by judgement, by 新增/存量 and by type × judgement, as worked out by hand', () => {
    const doc = report('zh-CN');
    expect(doc.title).toBe('卫片图斑核查结果汇总');
    const progress = doc.blocks.find((b): b is Extract<ReportBlock, { kind: 'fields' }> => b.kind === 'fields')!.rows;
    expect(progress).toEqual([['图斑总数', '7 个，9.1000 亩'], ['已判定', '6 个，8.3500 亩'], ['未判定', '1 个，0.7500 亩']]);
    const [judgements, illegal, byType, patches] = tables(doc);
    expect(judgements!.rows).toEqual([
      ['合法', '1', '1.5000'], ['违法', '3', '3.7500'], ['其他', '1', '3.0000'], ['伪变化', '1', '0.1000'], ['未判定', '1', '0.7500'], ['合计', '7', '9.1000'],
    ]);
    expect(illegal!.rows).toEqual([['新增', '2', '3.2500'], ['存量', '1', '0.5000'], ['合计', '3', '3.7500']]);
    expect(byType!.columns).toEqual(['图斑类型', '合计', '合法', '违法', '其他', '伪变化', '未判定']);
    expect(byType!.rows).toEqual([
      ['20 建（构）筑物', '3 / 4.2500', '1 / 1.5000', '1 / 2.0000', '0 / 0.0000', '0 / 0.0000', '1 / 0.7500'],
      ['CK 采矿', '1 / 3.0000', '0 / 0.0000', '0 / 0.0000', '1 / 3.0000', '0 / 0.0000', '0 / 0.0000'],
      ['YH 硬化地面', '3 / 1.8500', '0 / 0.0000', '2 / 1.7500', '0 / 0.0000', '1 / 0.1000', '0 / 0.0000'],
      ['合计', '7 / 9.1000', '1 / 1.5000', '3 / 3.7500', '1 / 3.0000', '1 / 0.1000', '1 / 0.7500'],
    ]);
    expect(patches!.columns).toEqual(['编号', '类型', '判定', '子类', '面积（亩）', '占耕地（亩）', '占永久基本农田（亩）', '核查人', '备注']);
    expect(patches!.rows.map((r) => r[0])).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    expect(patches!.rows[1]).toEqual(['P2', '20', '违法（新增）', '工矿商服-厂房', '2.0000', '1.2000', '0.8000', '李四', '未批先建']);
    expect(patches!.rows[5]).toEqual(['P6', '20', '未判定', '—', '0.7500', '—', '—', '—', '']);
    expect(doc.footer).toBe('河口分局  内部资料 注意保密');
  });

  it('reads in English', () => {
    const doc = report('en');
    const [judgements, , , patches] = tables(doc);
    expect(judgements!.rows.map((r) => r[0])).toEqual(['Legal', 'Illegal', 'Other', 'False change', 'Not judged', 'Total']);
    expect(patches!.rows[1]![2]).toBe('Illegal (New)');
    for (const t of tables(doc)) for (const c of t.columns) expect(c).not.toMatch(/[\u2e80-\u9fff]/);
  });
});
