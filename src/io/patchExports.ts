import { unzipSync, zipSync } from 'fflate';
import { InputError, lookupCrs, PATCH_EXPORT_COLUMNS, PATCH_JUDGEMENTS, patchExportRecord, roundMu4, summarisePatches } from '../core';
import type { Breakdown, FeatureCollection, MultiPolygon, PatchJudgement, PatchRow, PatchSummary, Polygon, SummaryLine } from '../core';
import { reprojectCollection } from './layerFile';
import { writeShapefileZip } from './shapefile';
import { neutraliseCell, writeGeoJson } from './writers';

// Satellite-patch review results out (DESIGN §5; issue 7): GeoJSON, zipped Shapefile and XLSX with the
// same columns (PATCH_EXPORT_COLUMNS). Bytes out only, so the page's worker and the CLI write the same files.

export interface PatchExportItem {
  row: PatchRow;
  breakdown: Breakdown | null;
  /** the patch polygon in lon/lat EPSG:4490 */
  geometry: Polygon | MultiPolygon;
}

export type PatchExportFormat = 'geojson' | 'shapefile' | 'xlsx';

/** The patches as features in `crs`, with the record the given column names make. */
function patchCollection(items: PatchExportItem[], crs: string, names: 'header' | 'dbf', file: string): FeatureCollection {
  const code = lookupCrs(crs)?.code;
  if (!code) throw new InputError(file, null, `unknown CRS ${crs}; expected an EPSG code such as EPSG:4490 or EPSG:4547`);
  const lonLat: FeatureCollection = {
    type: 'FeatureCollection',
    features: items.map((item) => ({ type: 'Feature', geometry: item.geometry, properties: patchExportRecord(item.row, item.breakdown, names) })),
  };
  return reprojectCollection(lonLat, 'EPSG:4490', code);
}

export function writePatchGeoJson(items: PatchExportItem[], crs: string, name: string): Uint8Array {
  return writeGeoJson(patchCollection(items, crs, 'header', `${name}.geojson`), crs, name);
}

export async function writePatchShapefile(items: PatchExportItem[], crs: string, baseName: string, encoding: 'gbk' | 'utf-8'): Promise<Uint8Array> {
  const collection = patchCollection(items, crs, 'dbf', `${baseName}.zip`);
  return (await writeShapefileZip(collection, { baseName, crs, encoding })).bytes;
}

type Cell = string | number | null;

/** A cell as written: neutralised text (no formulas), finite numbers, empty for '' and null. */
function safeCell(value: Cell): Cell {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value === '' || value === null ? null : (neutraliseCell(value) as string);
}

/** Mu to 4 decimals, as PATCH_EXPORT_COLUMNS shows areas (on sums of such values it only drops floating-point noise). */

const UNJUDGED = '未判定';

/** The 汇总 sheet as rows: by judgement (with 违法 by 新增/存量), then 图斑类型 × judgement. */
function summaryRows(summary: PatchSummary): Cell[][] {
  const line = (label: string, l: SummaryLine): Cell[] => [label, l.count, roundMu4(l.areaMu)];
  const byJudgement: Cell[][] = [
    ['判定', '图斑数', '面积（亩）'],
    ...PATCH_JUDGEMENTS.map((j) => line(j, summary.byJudgement[j])),
    line(UNJUDGED, summary.unjudged),
    line('合计', summary.total),
    [],
    ['违法图斑', '图斑数', '面积（亩）'],
    line('新增', summary.illegalByVintage.新增),
    line('存量', summary.illegalByVintage.存量),
    // Dates missing or unreadable: shown so 新增 + 存量 + this = 违法.
    line('未区分新增存量', summary.illegalByVintage.unknown),
  ];
  // Per type, the total then each judgement and the unjudged, each as a count and an area column.
  const pairs = (group: { total: SummaryLine; byJudgement: Record<PatchJudgement, SummaryLine>; unjudged: SummaryLine }): Cell[] =>
    [group.total, ...PATCH_JUDGEMENTS.map((j) => group.byJudgement[j]), group.unjudged].flatMap((l) => [l.count, roundMu4(l.areaMu)]);
  const byType: Cell[][] = [
    ['图斑类型', ...['合计', ...PATCH_JUDGEMENTS, UNJUDGED].flatMap((j) => [`${j} 图斑数`, `${j} 面积（亩）`])],
    ...summary.byType.map((t) => [t.type || '（空）', ...pairs(t)]),
    ['合计', ...pairs(summary)],
  ];
  return [...byJudgement, [], ...byType];
}

export async function writePatchXlsx(items: PatchExportItem[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = workbook.created;

  const patches = workbook.addWorksheet('图斑核查结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  patches.addRow(PATCH_EXPORT_COLUMNS.map((c) => safeCell(c.header)));
  for (const { row, breakdown } of items) patches.addRow(PATCH_EXPORT_COLUMNS.map((c) => safeCell(c.value(row, breakdown))));
  patches.getRow(1).font = { bold: true };

  // Summarise the areas as sheet 1 shows them (4 decimals), so every 合计 equals the sum of the cells above it.
  const shown = items.map(({ row }) => ({ ...row, areaMu: roundMu4(row.areaMu) }));
  const summary = workbook.addWorksheet('汇总');
  for (const cells of summaryRows(summarisePatches(shown))) {
    const added = summary.addRow(cells.map(safeCell));
    // Header rows are the ones whose second cell is a title, not a count.
    if (typeof cells[1] === 'string') added.font = { bold: true };
  }

  // exceljs stamps each zip entry with the current time: rezip with a fixed one so the same input gives the
  // same bytes. fflate writes local-time fields, so a local-time date gives the same bytes in every time zone.
  const entries = Object.entries(unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()))).filter(([path]) => !path.endsWith('/'));
  return zipSync(Object.fromEntries(entries), { level: 6, mtime: new Date(2000, 0, 1) });
}

export async function writePatchExport(
  items: PatchExportItem[],
  format: PatchExportFormat,
  options: { crs: string; baseName: string; encoding?: 'gbk' | 'utf-8' },
): Promise<{ bytes: Uint8Array; fileName: string; mime: string }> {
  const base = options.baseName;
  switch (format) {
    case 'geojson':
      return { bytes: writePatchGeoJson(items, options.crs, base), fileName: `${base}.geojson`, mime: 'application/geo+json' };
    case 'shapefile':
      // UTF-8 by default, as writeVectorFile: lossless, and the .cpg tells ArcGIS and QGIS; GBK on request.
      return { bytes: await writePatchShapefile(items, options.crs, base, options.encoding ?? 'utf-8'), fileName: `${base}.zip`, mime: 'application/zip' };
    case 'xlsx':
      return { bytes: await writePatchXlsx(items), fileName: `${base}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
}
