import { stringify as stringifyWkt } from 'wellknown';
import { InputError, lookupCrs, mapFields, planarAreaOfProjected, transformBetween } from '../core';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from '../core';
import { writeBoundaryTxt } from './boundaryTxt';
import type { BoundaryPlot } from './boundaryTxt';
import { formatOf } from './formats';
import { writeShapefileZip } from './shapefile';
import { encodeGbk } from './text';

// Every vector format LandCheck writes: GeoJSON, zipped Shapefile, boundary coordinate txt, CSV, XLSX.
// The collection is already in the CRS to write; `crs` says which.

export const WRITABLE = 'GeoJSON (.geojson/.json), zipped Shapefile (.zip), boundary coordinate .txt, CSV, XLSX';

/** Spreadsheet cells that start with = + - @ would run as formulas when opened: prefix them with '. */
export function neutraliseCell(value: string | number | boolean | null): string | number | boolean | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function writeGeoJson(collection: FeatureCollection, crs: string, name?: string): Uint8Array {
  const code = lookupCrs(crs)!.code;
  const geographic = code === 'EPSG:4326' || code === 'EPSG:4490';
  const out: Record<string, unknown> = { type: 'FeatureCollection' };
  if (name) out.name = name;
  // RFC 7946 is longitude/latitude; other CRSs carry the legacy crs member GDAL and QGIS read.
  if (!geographic) out.crs = { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code.slice(5)}` } };
  out.features = collection.features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
  return new TextEncoder().encode(`${JSON.stringify(out)}\n`);
}

interface Table { header: string[]; rows: (string | number | boolean | null)[][] }

function table(collection: FeatureCollection, crs: string): Table {
  const fields = [...new Set(collection.features.flatMap((f) => Object.keys(f.properties)))];
  const allPoints = collection.features.every((f) => !f.geometry || f.geometry.type === 'Point');
  const geographic = lookupCrs(crs)!.geographic;
  const geometryColumns = allPoints ? (geographic ? ['lon', 'lat'] : ['x', 'y']) : ['WKT'];
  const taken = new Set(fields.map((f) => f.toLowerCase()));
  const columns = geometryColumns.map((c) => (taken.has(c.toLowerCase()) ? `${c}_geom` : c));
  const rows = collection.features.map((f) => {
    const attrs = fields.map((name) => neutraliseCell(f.properties[name] ?? null));
    if (allPoints) {
      const p = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
      return [...attrs, p ? p[0] : null, p ? p[1] : null];
    }
    return [...attrs, f.geometry ? stringifyWkt(f.geometry as never) : null];
  });
  return { header: [...fields, ...columns], rows };
}

export function writeCsv(collection: FeatureCollection, crs: string, encoding: 'utf-8' | 'gbk' = 'utf-8'): Uint8Array {
  const { header, rows } = table(collection, crs);
  const cell = (v: string | number | boolean | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  // Excel on a Chinese Windows opens UTF-8 correctly only with a BOM.
  return encoding === 'gbk' ? encodeGbk(text).bytes : new TextEncoder().encode(`\uFEFF${text}`);
}

export async function writeXlsx(collection: FeatureCollection, crs: string, sheetName = 'LandCheck'): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const { header, rows } = table(collection, crs);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const DATUM_LABEL: Record<string, string> = { CGCS2000: '2000国家大地坐标系', 'Xian 1980': '1980西安坐标系', 'Beijing 1954': '1954北京坐标系' };

/** The ministry boundary coordinate txt of polygon features in a Gauss-Kruger CRS. */
export function writeBoundaryTxtFile(collection: FeatureCollection, crs: string, file: string): Uint8Array {
  const info = lookupCrs(crs)!;
  const datum = DATUM_LABEL[info.datum];
  if (!datum || info.geographic || info.centralMeridian === undefined) {
    throw new InputError(file, null, `the boundary coordinate txt holds Gauss-Kruger coordinates (CGCS2000, Xian 1980 or Beijing 1954); ${info.code} is not one: convert with --to EPSG:45xx`);
  }
  const zone = info.zoneWidth === 3 ? info.centralMeridian / 3 : (info.centralMeridian + 3) / 6;
  const fields = [...new Set(collection.features.flatMap((f) => Object.keys(f.properties)))];
  const mapped = mapFields('approved_land', fields);
  const plotId = fields.includes('地块编号') ? '地块编号' : mapped.id;
  const plotName = fields.includes('地块名称') ? '地块名称' : mapped.name;
  const plotUse = fields.includes('地块用途') ? '地块用途' : mapped.use;
  const plots: BoundaryPlot[] = collection.features.map((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new InputError(file, `feature ${i}`, `is ${g?.type ?? 'empty'}; the boundary coordinate txt holds polygons only`);
    const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    const text = (field: string | undefined, fallback: string) => (field && f.properties[field] !== null && f.properties[field] !== undefined ? String(f.properties[field]) : fallback);
    return {
      rings,
      // A plot read from a txt keeps its stated area; otherwise the planar area of the geometry.
      areaHa: typeof f.properties['地块面积'] === 'number' ? f.properties['地块面积'] : planarAreaOfProjected(g as Polygon | MultiPolygon) / 10000,
      id: text(plotId, String(i + 1)),
      name: text(plotName, ''),
      use: text(plotUse, ''),
    };
  });
  const header = { 坐标系: datum, 几度分带: String(info.zoneWidth), 投影类型: '高斯克吕格', 计量单位: '米', 带号: String(zone), 精度: '0.001' };
  return encodeGbk(writeBoundaryTxt(header, plots)).bytes;
}

/** Writes a collection in the format the file name asks for. */
export async function writeVectorFile(collection: FeatureCollection, crs: string, file: string, options: { encoding?: 'utf-8' | 'gbk' } = {}): Promise<Uint8Array> {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  switch (formatOf(file)) {
    case 'geojson':
      return writeGeoJson(collection, crs, base);
    case 'shapefile':
      if (!file.toLowerCase().endsWith('.zip')) throw new InputError(file, null, 'Shapefiles are written zipped: name the output .zip');
      return (await writeShapefileZip(collection, { baseName: base, crs, encoding: options.encoding ?? 'utf-8' })).bytes;
    case 'boundary-txt':
      return writeBoundaryTxtFile(collection, crs, file);
    case 'csv':
      return writeCsv(collection, crs, options.encoding);
    case 'xlsx':
      return writeXlsx(collection, crs, base);
    default:
      throw new InputError(file, null, `cannot write this format; expected ${WRITABLE}`);
  }
}


/** One drawn lon/lat polygon as a boundary coordinate txt in the workspace's Gauss-Kruger zone. */
export function polygonBoundaryTxt(polygon: Polygon, areaCrs: string, plotName: string): Uint8Array {
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  const planar: Polygon = { type: 'Polygon', coordinates: polygon.coordinates.map((r) => r.map(toPlane)) };
  const areaHa = Number((planarAreaOfProjected(planar) / 10000).toFixed(4));
  return writeBoundaryTxtFile({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: planar, properties: { 地块编号: '1', 地块名称: plotName, 地块面积: areaHa } }] }, areaCrs, 'drawn.txt');
}
