import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { M2_PER_MU, PATCH_EXPORT_COLUMNS, transformBetween } from '../../src/core';
import type { Breakdown, Feature, PatchRow, Polygon, Position } from '../../src/core';
import { readVectorFile } from '../../src/io/formats';
import { writePatchExport, writePatchGeoJson, writePatchShapefile, writePatchXlsx } from '../../src/io/patchExports';
import type { PatchExportItem } from '../../src/io/patchExports';
import { SHARED_DATA } from '../support/paths';

// Patch review results written in each format and read back with the project's own readers (and exceljs
// for the spreadsheet), checked against hand-computed sums and PROJ 9.1.1 (cs2cs) coordinates.

interface ProjPoint { name: string; lon: number; lat: number; epsg_cm: number; cm_E: number; cm_N: number }
const vectors = JSON.parse(readFileSync(join(SHARED_DATA, 'test-vectors/proj/cgcs2000_gk_proj_generated.json'), 'utf8')) as { points: ProjPoint[] };
// 孝感市 in EPSG:4547 (CGCS2000 3° GK CM 114E), computed by cs2cs: the corner of patch WP-004.
const xiaogan = vectors.points.find((p) => p.name === '孝感市' && p.epsg_cm === 4547)!;

/** A clockwise square of `sizeDeg` with its first corner at lon/lat. */
const square = (lon: number, lat: number, sizeDeg = 0.0003): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon, lat + sizeDeg], [lon + sizeDeg, lat + sizeDeg], [lon + sizeDeg, lat], [lon, lat]]],
});

const HOSTILE_NOTE = '=HYPERLINK("http://example.com","点此")';

function row(over: Partial<PatchRow> & Pick<PatchRow, 'id' | 'type' | 'areaMu'>): PatchRow {
  return {
    index: 0, district: '420984', areaM2: over.areaMu * M2_PER_MU, beforeDate: '2025-10-01', afterDate: '2026-03-31',
    judgement: null, subtype: '', vintage: null, from: null, reviewer: '', at: '', note: '',
    suggested: null, suggestedSubtype: '', reason: '', basicFarmland: false, redline: false, risk: 0, ...over,
  };
}

const breakdown1: Breakdown = { totalMu: 1.23456789, farmlandMu: 1.0, otherAgriculturalMu: 0.23456789, unusedMu: 0, constructionMu: 0, basicFarmlandMu: 0.5, ecoRedlineMu: 0, remainderMu: 0 };

const items: PatchExportItem[] = [
  {
    row: row({ index: 0, id: 'WP-001', type: '20', areaMu: 1.23456789, judgement: '违法', subtype: '工矿商服-厂房', vintage: '新增', from: 'review', reviewer: '张三', at: '2026-05-01T10:00:00+08:00', note: HOSTILE_NOTE, suggested: '违法', reason: '未见批文，占耕地' }),
    breakdown: breakdown1,
    geometry: square(114.9, 30.5),
  },
  {
    // 0.33336 shows as 0.3334: with WP-001 the type-20 area shown is 1.5680, though the raw sum rounds to 1.5679.
    row: row({ index: 1, id: 'WP-002', type: '20', areaMu: 0.33336, judgement: '合法', subtype: '建设用地审批', from: 'file', note: '已办理农转用，鄂政土批〔2024〕12号' }),
    breakdown: null,
    geometry: square(114.901, 30.5),
  },
  {
    row: row({ index: 2, id: 'WP-003', type: 'YH', areaMu: 2.5, suggested: '违法', reason: '硬化地面，未见批文' }),
    breakdown: null,
    geometry: { type: 'MultiPolygon', coordinates: [square(114.902, 30.501).coordinates, square(114.903, 30.501, 0.0001).coordinates] },
  },
  {
    row: row({ index: 3, id: 'WP-004', type: 'YH', areaMu: 0.75, judgement: '其他', subtype: '农村宅基地', from: 'review', reviewer: '李四', note: '村民自建房（一户一宅）' }),
    breakdown: null,
    geometry: square(xiaogan.lon, xiaogan.lat, 0.0002),
  },
];

const corners = (f: Feature): Position[] => (f.geometry!.type === 'Polygon' ? f.geometry!.coordinates.flat() : (f.geometry!.coordinates as Position[][][]).flat(2));
const inputCorners = (item: PatchExportItem): Position[] => (item.geometry.type === 'Polygon' ? item.geometry.coordinates.flat() : item.geometry.coordinates.flat(2));

/** Every corner of the input is within `toleranceDeg` of a corner read back (after taking it to lon/lat). */
function expectSameCorners(read: Feature, item: PatchExportItem, fromCrs: string, toleranceDeg: number) {
  const toLonLat = transformBetween(fromCrs, 'EPSG:4490');
  const back = corners(read).map(toLonLat);
  for (const [lon, lat] of inputCorners(item)) {
    const nearest = Math.min(...back.map(([x, y]) => Math.max(Math.abs(x - lon), Math.abs(y - lat))));
    expect(nearest).toBeLessThan(toleranceDeg);
  }
}

/** The corner read back nearest the PROJ easting/northing of 孝感市, and its distance in metres. */
function nearestToProj(read: Feature): number {
  return Math.min(...corners(read).map(([e, n]) => Math.hypot(e - xiaogan.cm_E, n - xiaogan.cm_N)));
}

describe('writePatchGeoJson', () => {
  it('writes the Chinese-headed record of every patch, in the CRS asked for (PROJ values in EPSG:4547)', async () => {
    const read = await readVectorFile(writePatchGeoJson(items, 'EPSG:4547', '图斑核查'), 'out.geojson');
    expect(read.declaredCrs?.code).toBe('EPSG:4547');
    const props = read.collection.features.map((f) => f.properties);
    expect(Object.keys(props[0]!)).toEqual(PATCH_EXPORT_COLUMNS.map((c) => c.header));
    expect(props.map((p) => p['图斑编号'])).toEqual(['WP-001', 'WP-002', 'WP-003', 'WP-004']);
    expect(props.map((p) => p['判定'])).toEqual(['违法', '合法', '', '其他']);
    expect(props[0]).toMatchObject({ 判定子类: '工矿商服-厂房', 新增存量: '新增', '面积（亩）': 1.2346, '占耕地（亩）': 1, '占非耕农用地（亩）': 0.2346, '占永久基本农田（亩）': 0.5, 判定来源: '核查', 核查人: '张三' });
    // GeoJSON is data, not a spreadsheet: the note is kept as written.
    expect(props[0]!['备注']).toBe(HOSTILE_NOTE);
    expect(props[1]).toMatchObject({ 备注: '已办理农转用，鄂政土批〔2024〕12号', 判定来源: '原数据', '占耕地（亩）': null });
    expect(read.collection.features[2]!.geometry!.type).toBe('MultiPolygon');
    expect(nearestToProj(read.collection.features[3]!)).toBeLessThan(0.001);
    read.collection.features.forEach((f, i) => expectSameCorners(f, items[i]!, 'EPSG:4547', 1e-9));
  });

  it('writes lon/lat without a crs member when asked for EPSG:4490', async () => {
    const read = await readVectorFile(writePatchGeoJson(items, 'EPSG:4490', 'p'), 'p.geojson');
    expect(read.declaredCrs).toBeNull();
    expect(read.collection.features[0]!.geometry).toEqual(items[0]!.geometry);
  });

  it('names the file when the CRS is unknown', () => {
    expect(() => writePatchGeoJson(items, 'EPSG:99999', 'p')).toThrow(/p\.geojson: unknown CRS EPSG:99999/);
  });
});

describe('writePatchShapefile', () => {
  it.each([['gbk', 'gb18030'], ['utf-8', 'utf-8']] as const)('keeps ids, judgements and Chinese notes in %s, with a .prj and .cpg', async (encoding, decoded) => {
    const bytes = await writePatchShapefile(items, 'EPSG:4547', '图斑核查', encoding);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(['图斑核查.cpg', '图斑核查.dbf', '图斑核查.prj', '图斑核查.shp', '图斑核查.shx']);
    expect(new TextDecoder().decode(entries['图斑核查.prj'])).toContain('CGCS2000_3_Degree_GK_CM_114E');
    expect(new TextDecoder().decode(entries['图斑核查.cpg'])).toBe(encoding === 'gbk' ? 'GBK' : 'UTF-8');

    const read = await readVectorFile(bytes, 'out.zip');
    expect(read.declaredCrs?.code).toBe('EPSG:4547');
    expect(read.encoding).toBe(decoded);
    const props = read.collection.features.map((f) => f.properties);
    expect(Object.keys(props[0]!)).toEqual(PATCH_EXPORT_COLUMNS.map((c) => c.dbf));
    expect(props.map((p) => p.JCBH)).toEqual(['WP-001', 'WP-002', 'WP-003', 'WP-004']);
    expect(props.map((p) => p.PD)).toEqual(['违法', '合法', '', '其他']);
    expect(props.map((p) => p.PDZL)).toEqual(['工矿商服-厂房', '建设用地审批', '', '农村宅基地']);
    expect(props.map((p) => p.BZ)).toEqual([HOSTILE_NOTE, '已办理农转用，鄂政土批〔2024〕12号', '', '村民自建房（一户一宅）']);
    expect(props[0]).toMatchObject({ XZCL: '新增', HCR: '张三', MJ_MU: 1.2346, GD_MU: 1 });
    expect(props.map((p) => p.MJ_MU)).toEqual([1.2346, 0.3334, 2.5, 0.75]);

    expect(read.collection.features[2]!.geometry!.type).toBe('MultiPolygon');
    expect(nearestToProj(read.collection.features[3]!)).toBeLessThan(0.001);
    read.collection.features.forEach((f, i) => expectSameCorners(f, items[i]!, 'EPSG:4547', 1e-7));
  });
});

describe('writePatchXlsx', () => {
  async function load(bytes: Uint8Array) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    return workbook;
  }
  const values = (sheet: ExcelJS.Worksheet, r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map((v) => v ?? null);

  it('sheet 1: one row per patch under bold Chinese headers, numbers as numbers, formulas neutralised', async () => {
    const workbook = await load(await writePatchXlsx(items));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['图斑核查结果', '汇总']);
    const sheet = workbook.getWorksheet('图斑核查结果')!;
    expect(values(sheet, 1)).toEqual(PATCH_EXPORT_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(1 + items.length);
    const col = (header: string) => PATCH_EXPORT_COLUMNS.findIndex((c) => c.header === header) + 1;
    expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(col('图斑编号')).value)).toEqual(['WP-001', 'WP-002', 'WP-003', 'WP-004']);
    const area = sheet.getRow(2).getCell(col('面积（亩）'));
    expect(area.value).toBe(1.2346);
    expect(area.type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(col('备注')).value).toBe(`'${HOSTILE_NOTE}`);
    expect(sheet.getRow(3).getCell(col('备注')).value).toBe('已办理农转用，鄂政土批〔2024〕12号');
    expect(sheet.getRow(4).getCell(col('判定')).value ?? null).toBeNull();
    expect(sheet.getRow(4).getCell(col('建议判定')).value).toBe('违法');
  });

  it('sheet 2: counts and areas (mu, 4 decimals) by judgement and by type × judgement, hand-computed', async () => {
    const sheet = (await load(await writePatchXlsx(items))).getWorksheet('汇总')!;
    const all = Array.from({ length: sheet.rowCount }, (_, i) => values(sheet, i + 1));
    // Areas as sheet 1 shows them: 1.2346 (违法 新增), 0.3334 (合法), 2.5 (未判定), 0.75 (其他).
    expect(all).toEqual([
      ['判定', '图斑数', '面积（亩）'],
      ['合法', 1, 0.3334],
      ['违法', 1, 1.2346],
      ['其他', 1, 0.75],
      ['伪变化', 0, 0],
      ['未判定', 1, 2.5],
      ['合计', 4, 4.818],
      [],
      ['违法图斑', '图斑数', '面积（亩）'],
      ['新增', 1, 1.2346],
      ['存量', 0, 0],
      ['未区分新增存量', 0, 0],
      [],
      ['图斑类型', '合计 图斑数', '合计 面积（亩）', '合法 图斑数', '合法 面积（亩）', '违法 图斑数', '违法 面积（亩）', '其他 图斑数', '其他 面积（亩）', '伪变化 图斑数', '伪变化 面积（亩）', '未判定 图斑数', '未判定 面积（亩）'],
      ['20', 2, 1.568, 1, 0.3334, 1, 1.2346, 0, 0, 0, 0, 0, 0],
      ['YH', 2, 3.25, 0, 0, 0, 0, 1, 0.75, 0, 0, 1, 2.5],
      ['合计', 4, 4.818, 1, 0.3334, 1, 1.2346, 1, 0.75, 0, 0, 1, 2.5],
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
  });

  it('neutralises a formula-like patch type in the summary too', async () => {
    const hostile = [{ ...items[2]!, row: { ...items[2]!.row, type: '+1' } }];
    const sheet = (await load(await writePatchXlsx(hostile))).getWorksheet('汇总')!;
    expect(sheet.getRow(15).getCell(1).value).toBe("'+1");
  });
});

describe('deterministic bytes', () => {
  afterEach(() => vi.useRealTimers());

  /** Writes twice, a day and a half apart by the clock, and compares the bytes. */
  async function twice(write: () => Promise<Uint8Array>) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T08:00:00Z'));
    const a = await write();
    vi.setSystemTime(new Date('2026-01-02T20:30:17Z'));
    const b = await write();
    return Buffer.from(a).equals(Buffer.from(b));
  }

  it('XLSX', async () => expect(await twice(() => writePatchXlsx(items))).toBe(true));
  it.each(['gbk', 'utf-8'] as const)('Shapefile (%s)', async (encoding) => expect(await twice(() => writePatchShapefile(items, 'EPSG:4547', 'p', encoding))).toBe(true));
});

describe('writePatchExport', () => {
  it('dispatches by format and names the file', async () => {
    const options = { crs: 'EPSG:4547', baseName: '图斑核查_2026' };
    const geojson = await writePatchExport(items, 'geojson', options);
    expect([geojson.fileName, geojson.mime]).toEqual(['图斑核查_2026.geojson', 'application/geo+json']);
    expect(geojson.bytes).toEqual(writePatchGeoJson(items, 'EPSG:4547', '图斑核查_2026'));
    const zip = await writePatchExport(items, 'shapefile', { ...options, encoding: 'gbk' });
    expect([zip.fileName, zip.mime]).toEqual(['图斑核查_2026.zip', 'application/zip']);
    expect((await readVectorFile(zip.bytes, zip.fileName)).encoding).toBe('gb18030');
    const utf8 = await writePatchExport(items, 'shapefile', options);
    expect((await readVectorFile(utf8.bytes, utf8.fileName)).encoding).toBe('utf-8');
    const xlsx = await writePatchExport(items, 'xlsx', options);
    expect([xlsx.fileName, xlsx.mime]).toEqual(['图斑核查_2026.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(xlsx.bytes).toEqual(await writePatchXlsx(items));
  });
});
