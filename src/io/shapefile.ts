import shpWrite from '@mapbox/shp-write';
import { zipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import { crsFromPrj, esriWkt, InputError } from '../core';
import type { CrsFinding, Feature, FeatureCollection, Geometry, Position } from '../core';
import { dbfFieldNames, dbfFieldsFor, writeDbf } from './dbf';
import { isValidUtf8 } from './text';
import { unzipBounded } from './unzip';

// Shapefile in (zipped, or as loose .shp/.shx/.dbf/.prj/.cpg parts) and out (zipped). The geometry and
// the DBF are parsed by shpjs; this module finds the parts, decides the attribute encoding and reads
// the .prj. Writing uses @mapbox/shp-write for .shp/.shx and our DBF writer for GBK/UTF-8 attributes.

/** Refuse archives that would unpack to more than this (zip bombs). */

export interface ShapefileRead {
  collection: FeatureCollection;
  crs: CrsFinding | null;
  prj: string | null;
  encoding: string;
  /** How the encoding was decided, in words. */
  encodingReason: string;
}

/** The files of one shapefile, by extension (lower case, without the dot). */
export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array | null;
  shx?: Uint8Array | null;
  prj?: Uint8Array | null;
  cpg?: Uint8Array | null;
}

const CPG_ALIASES: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', '65001': 'utf-8',
  gbk: 'gb18030', '936': 'gb18030', cp936: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', 'ansi 936': 'gb18030',
};

/** dBase language driver ids that name a Chinese code page. */
const CHINESE_LDIDS = new Set([0x4d, 0x7a]);

export function decideDbfEncoding(cpg: string | null, dbf: Uint8Array): { encoding: string; reason: string } {
  if (cpg !== null) {
    const known = CPG_ALIASES[cpg.trim().toLowerCase()];
    if (known) return { encoding: known, reason: `.cpg says ${cpg.trim()}` };
  }
  const ldid = dbf[29] ?? 0;
  if (CHINESE_LDIDS.has(ldid)) return { encoding: 'gb18030', reason: `the DBF language driver (0x${ldid.toString(16)}) is Chinese (code page 936)` };
  if (isValidUtf8(dbf.subarray(32))) return { encoding: 'utf-8', reason: 'no .cpg; the attributes are valid UTF-8' };
  return { encoding: 'gb18030', reason: 'no .cpg; the attributes are not valid UTF-8, so they are read as GBK/GB18030' };
}

/**
 * parsedbf finds the first record by counting field descriptors and ignores the header-length field,
 * so DBFs with bytes after the terminator (Visual FoxPro's backlink, writers that pad) read shifted.
 * Rebuild such a header in the plain dBase III layout it expects; records are copied untouched.
 */
export function normaliseDbfHeader(dbf: Uint8Array): Uint8Array {
  if (dbf.length < 32) return dbf;
  const headerLength = dbf[8]! | (dbf[9]! << 8);
  let terminator = 32;
  while (terminator < dbf.length && terminator < headerLength && dbf[terminator] !== 0x0d) terminator += 32;
  const expected = terminator + 1;
  if (headerLength === expected || terminator >= dbf.length) return dbf;
  const out = new Uint8Array(dbf.length - headerLength + expected);
  out.set(dbf.subarray(0, expected), 0);
  out.set(dbf.subarray(headerLength), expected);
  out[8] = expected & 0xff;
  out[9] = expected >> 8;
  return out;
}

/** Checks the .shp header before shpjs reads it, so a truncated file is named as such. */
function checkShp(shp: Uint8Array, file: string, name: string): void {
  if (shp.length < 100) throw new InputError(file, name, `the .shp is ${shp.length} bytes, shorter than its 100-byte header; expected a complete ESRI Shapefile`);
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0) !== 9994) throw new InputError(file, name, 'not an ESRI Shapefile (the .shp does not start with file code 9994)');
  const declared = view.getInt32(24) * 2;
  if (declared > shp.length) throw new InputError(file, name, `the .shp is truncated: its header declares ${declared} bytes but ${shp.length} are there`);
}

export function readShapefileParts(parts: ShapefileParts, file: string, shpName = 'the .shp'): ShapefileRead {
  const dbf = parts.dbf ?? null;
  if (!dbf) throw new InputError(file, shpName, 'the .dbf with the attributes is missing; expected .shp, .shx and .dbf together');
  checkShp(parts.shp, file, shpName);
  const prj = parts.prj ? new TextDecoder().decode(parts.prj) : null;
  const { encoding, reason } = decideDbfEncoding(parts.cpg ? new TextDecoder().decode(parts.cpg) : null, dbf);
  let geometries: ReturnType<typeof parseShp>;
  let rows: ReturnType<typeof parseDbf>;
  try {
    geometries = parseShp(parts.shp, false);
  } catch (error) {
    throw new InputError(file, shpName, `the .shp cannot be read (${(error as Error).message}); expected a complete ESRI Shapefile`);
  }
  try {
    rows = parseDbf(normaliseDbfHeader(dbf), encoding);
  } catch (error) {
    throw new InputError(file, 'the .dbf', `cannot be read (${(error as Error).message})`);
  }
  if (rows.length !== geometries.length) {
    throw new InputError(file, shpName, `the .shp has ${geometries.length} shapes but the .dbf has ${rows.length} rows; expected the same number`);
  }
  const features: Feature[] = geometries.map((geometry, i) => ({
    type: 'Feature',
    // shpjs adds a bbox member to each geometry; keep only what GeoJSON geometries hold.
    geometry: geometry ? ({ type: geometry.type, coordinates: geometry.coordinates } as Geometry) : null,
    properties: rows[i] ?? {},
  }));
  return { collection: { type: 'FeatureCollection', features }, crs: prj ? crsFromPrj(prj) : null, prj, encoding, encodingReason: reason };
}

export function readShapefileZip(bytes: Uint8Array, file: string): ShapefileRead {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipBounded(bytes, (name) => !name.includes('__MACOSX'));
  } catch (error) {
    throw new InputError(file, null, `not a readable zip archive (${(error as Error).message})`);
  }
  const names = Object.keys(entries);
  const shpNames = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shpNames.length === 0) throw new InputError(file, null, `the zip holds no .shp file (found: ${names.join(', ') || 'nothing'})`);
  if (shpNames.length > 1) throw new InputError(file, null, `the zip holds ${shpNames.length} shapefiles (${shpNames.join(', ')}); expected one`);
  const shpName = shpNames[0]!;
  const base = shpName.slice(0, -4).toLowerCase();
  const part = (ext: string): Uint8Array | null => {
    const name = names.find((n) => n.toLowerCase() === `${base}.${ext}`);
    return name ? entries[name]! : null;
  };
  return readShapefileParts({ shp: entries[shpName]!, dbf: part('dbf'), shx: part('shx'), prj: part('prj'), cpg: part('cpg') }, file, shpName);
}

export interface ShapefileWriteOptions {
  /** Name of the files inside the zip, without extension. */
  baseName: string;
  /** CRS of the coordinates, for the .prj. */
  crs: string;
  encoding: 'utf-8' | 'gbk';
  /** Timestamp stored in the zip and the DBF (fixed by default so output is reproducible). */
  date?: Date;
  /** Write a .cpg naming the encoding (default true; bureau exports often lack one). */
  cpg?: boolean;
}

type ShapeKind = 'POINT' | 'POLYLINE' | 'POLYGON';

function shapeKind(geometry: Geometry): ShapeKind | null {
  if (geometry.type === 'Point') return 'POINT';
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') return 'POLYLINE';
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return 'POLYGON';
  return null;
}

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

/** Shapefile rings: outer clockwise, holes counter-clockwise. */
function shapefileRings(geometry: Geometry): Position[][] {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polys.flatMap((rings) => rings.map((ring, i) => ((i === 0) === signedArea(ring) > 0 ? [...ring].reverse() : ring)));
}

/** A zipped Shapefile (.shp/.shx/.dbf/.prj/.cpg) of one geometry type. */
export async function writeShapefileZip(collection: FeatureCollection, options: ShapefileWriteOptions): Promise<{ bytes: Uint8Array; fieldNames: Record<string, string> }> {
  const features = collection.features;
  const file = `${options.baseName}.zip`;
  if (features.length === 0) throw new InputError(file, null, 'nothing to write: the layer has no features');
  let kind: ShapeKind | null = null;
  features.forEach((f, i) => {
    if (!f.geometry) throw new InputError(file, `feature ${i}`, 'has no geometry, which a Shapefile cannot keep; export it as GeoJSON instead');
    const k = shapeKind(f.geometry);
    if (!k) throw new InputError(file, `feature ${i}`, `${f.geometry.type} cannot be written to a Shapefile here`);
    if (kind && k !== kind) throw new InputError(file, `feature ${i}`, `mixes ${k.toLowerCase()} with ${kind.toLowerCase()} geometry; a Shapefile holds one type`);
    kind = k;
  });
  const shape = kind as unknown as ShapeKind;
  const geometries = features.map((f) => {
    const g = f.geometry!;
    if (shape === 'POLYGON') return shapefileRings(g);
    if (shape === 'POLYLINE') return g.type === 'LineString' ? [g.coordinates] : (g.coordinates as Position[][]);
    return (g.coordinates as Position);
  });
  const sourceNames = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const rows = features.map((f) => f.properties);
  const dbfNames = dbfFieldNames(sourceNames, options.encoding);
  const fields = dbfFieldsFor(sourceNames, rows, options.encoding).map((f, i) => ({ ...f, name: dbfNames[i]! }));
  const { shp, shx } = await new Promise<{ shp: DataView; shx: DataView }>((resolve, reject) =>
    shpWrite.write(rows.map(() => ({})), shape, geometries, (error: Error | null, files: { shp: DataView; shx: DataView }) => (error ? reject(error) : resolve(files))),
  );
  const date = options.date ?? new Date(Date.UTC(2000, 0, 1));
  const prj = esriWkt(options.crs);
  if (!prj) throw new InputError(file, null, `no .prj can be written for ${options.crs}`);
  // A zip entry's time is stored as local wall-clock time: the same fields on every machine, whatever its time zone.
  const zipTime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  const entry = (data: Uint8Array) => [data, { mtime: zipTime }] as [Uint8Array, { mtime: Date }];
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    [`${options.baseName}.shp`]: entry(new Uint8Array(shp.buffer)),
    [`${options.baseName}.shx`]: entry(new Uint8Array(shx.buffer)),
    [`${options.baseName}.dbf`]: entry(writeDbf(fields, rows, sourceNames, options.encoding, date)),
    [`${options.baseName}.prj`]: entry(new TextEncoder().encode(prj)),
  };
  if (options.cpg !== false) files[`${options.baseName}.cpg`] = entry(new TextEncoder().encode(options.encoding === 'gbk' ? 'GBK' : 'UTF-8'));
  const bytes = zipSync(files, { level: 9 });
  return { bytes, fieldNames: Object.fromEntries(sourceNames.map((n, i) => [n, dbfNames[i]!])) };
}
