import { parse as parseWkt } from 'wellknown';
import { InputError, parseAngle } from '../core';
import type { Feature, FeatureCollection, Geometry } from '../core';
import { readCsv } from './csv';

// Tables with coordinates (CSV, XLSX) into point features: lon/lat columns in decimal or DMS, X/Y
// columns in metres (which way round is decided later from the values), or a WKT column.

const LON = ['经度', 'lon', 'lng', 'long', 'longitude', 'x经度'];
const LAT = ['纬度', 'lat', 'latitude', 'y纬度'];
const X = ['x', 'x坐标', 'xzb', '北坐标', '纵坐标', 'northing', 'n'];
const Y = ['y', 'y坐标', 'yzb', '东坐标', '横坐标', 'easting', 'e'];
const WKT = ['wkt', 'geometry', 'geom', 'shape', '几何', '图形'];

export type CoordinateColumns =
  | { kind: 'lonlat'; lon: string; lat: string }
  | { kind: 'xy'; x: string; y: string }
  | { kind: 'wkt'; wkt: string };

export function findCoordinateColumns(header: readonly string[]): CoordinateColumns | null {
  const pick = (aliases: string[]) => header.find((h) => aliases.includes(h.trim().toLowerCase()));
  const lon = pick(LON), lat = pick(LAT);
  if (lon && lat) return { kind: 'lonlat', lon, lat };
  const x = pick(X), y = pick(Y);
  if (x && y) return { kind: 'xy', x, y };
  const wkt = pick(WKT);
  if (wkt) return { kind: 'wkt', wkt };
  return null;
}

export interface TableRead {
  collection: FeatureCollection;
  columns: CoordinateColumns | null;
  header: string[];
  encoding: string | null;
}

/** Rows (header → text) to features; `firstLine` is the line/row number of rows[0] for messages. */
export function rowsToFeatures(header: string[], rows: Record<string, string>[], file: string, firstLine: number): TableRead {
  const columns = findCoordinateColumns(header);
  if (!columns) {
    // An attribute table without coordinates is still a table; its features have no geometry.
    return { collection: { type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', geometry: null, properties: { ...r } })) }, columns, header, encoding: null };
  }
  const features: Feature[] = rows.map((row, i) => {
    const place = `line ${firstLine + i}`;
    let geometry: Geometry | null = null;
    if (columns.kind === 'wkt') {
      const text = (row[columns.wkt] ?? '').trim();
      if (text) {
        const parsed = parseWkt(text);
        if (!parsed) throw new InputError(file, place, `column ${columns.wkt} is not WKT: "${text.slice(0, 40)}"`);
        geometry = parsed as unknown as Geometry;
      }
    } else {
      const [a, b] = columns.kind === 'lonlat' ? [columns.lon, columns.lat] : [columns.x, columns.y];
      const ta = (row[a] ?? '').trim(), tb = (row[b] ?? '').trim();
      if (ta !== '' || tb !== '') {
        const va = columns.kind === 'lonlat' ? parseAngle(ta) : { degrees: Number(ta), axis: null };
        const vb = columns.kind === 'lonlat' ? parseAngle(tb) : { degrees: Number(tb), axis: null };
        if (!va || !vb || !Number.isFinite(va.degrees) || !Number.isFinite(vb.degrees)) {
          throw new InputError(file, place, `expected numbers${columns.kind === 'lonlat' ? ' or degrees-minutes-seconds' : ''} in ${a} and ${b}, found "${ta}", "${tb}"`);
        }
        geometry = { type: 'Point', coordinates: [va.degrees, vb.degrees] };
      }
    }
    return { type: 'Feature', geometry, properties: { ...row } };
  });
  return { collection: { type: 'FeatureCollection', features }, columns, header, encoding: null };
}

export function readCsvTable(bytes: Uint8Array, file: string): TableRead {
  const csv = readCsv(bytes, file);
  return { ...rowsToFeatures(csv.header, csv.rows, file, 2), encoding: csv.encoding };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
    return '';
  }
  return String(value);
}

export async function readXlsxTable(bytes: Uint8Array, file: string): Promise<TableRead> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  } catch (error) {
    throw new InputError(file, null, `not a readable XLSX workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InputError(file, null, 'the workbook has no worksheet');
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value).trim() || `column${col}`));
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, string> = {};
    let any = false;
    header.forEach((h, i) => {
      const text = cellText(row.getCell(i + 1).value);
      if (text !== '') any = true;
      record[h] = text;
    });
    if (any) rows.push(record);
  }
  return { ...rowsToFeatures(header, rows, `${file} (sheet ${sheet.name})`, 2), encoding: null };
}
