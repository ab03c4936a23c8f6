import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import { crsFromPrj, InputError } from '../core';
import type { CrsFinding, Feature, FeatureCollection } from '../core';
import { isValidUtf8 } from './text';

// Zipped Shapefile in (.shp/.shx/.dbf/.prj/.cpg). The geometry and the DBF are parsed by shpjs;
// this module finds the parts, decides the attribute encoding and reads the .prj.

/** Refuse archives that would unpack to more than this (zip bombs). */
const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3;

export interface ShapefileRead {
  collection: FeatureCollection;
  crs: CrsFinding | null;
  prj: string | null;
  encoding: string;
  /** How the encoding was decided, in words. */
  encodingReason: string;
}

const CPG_ALIASES: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', '65001': 'utf-8',
  gbk: 'gb18030', '936': 'gb18030', cp936: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', 'ansi 936': 'gb18030',
};

/** dBase language driver ids that name a Chinese code page. */
const CHINESE_LDIDS = new Set([0x4d, 0x7a]);

export function decideDbfEncoding(cpg: string | null, dbf: Uint8Array): { encoding: string; reason: string } {
  if (cpg !== null) {
    const key = cpg.trim().toLowerCase();
    const known = CPG_ALIASES[key];
    if (known) return { encoding: known, reason: `.cpg says ${cpg.trim()}` };
  }
  const ldid = dbf[29] ?? 0;
  if (CHINESE_LDIDS.has(ldid)) return { encoding: 'gb18030', reason: `the DBF language driver (0x${ldid.toString(16)}) is Chinese (code page 936)` };
  if (isValidUtf8(dbf.subarray(32, dbf.length))) return { encoding: 'utf-8', reason: 'no .cpg; the attributes are valid UTF-8' };
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

export function readShapefileZip(bytes: Uint8Array, file: string): ShapefileRead {
  let entries: Record<string, Uint8Array>;
  let unzipped = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (info) => {
        unzipped += info.originalSize;
        if (unzipped > MAX_UNZIPPED_BYTES) throw new Error('the archive would unpack to more than 2 GiB');
        return !info.name.includes('__MACOSX');
      },
    });
  } catch (error) {
    throw new InputError(file, null, `not a readable zip archive (${(error as Error).message})`);
  }
  const names = Object.keys(entries);
  const shpNames = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shpNames.length === 0) throw new InputError(file, null, `the zip holds no .shp file (found: ${names.join(', ') || 'nothing'})`);
  if (shpNames.length > 1) throw new InputError(file, null, `the zip holds ${shpNames.length} shapefiles (${shpNames.join(', ')}); expected one`);
  const shpName = shpNames[0]!;
  const base = shpName.slice(0, -4);
  const part = (ext: string): Uint8Array | null => {
    const name = names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase());
    return name ? entries[name]! : null;
  };
  const dbf = part('dbf');
  if (!dbf) throw new InputError(file, shpName, 'the .dbf with the attributes is missing from the zip');
  const prjBytes = part('prj');
  const cpgBytes = part('cpg');
  const prj = prjBytes ? new TextDecoder().decode(prjBytes) : null;
  const { encoding, reason } = decideDbfEncoding(cpgBytes ? new TextDecoder().decode(cpgBytes) : null, dbf);
  let geometries: ReturnType<typeof parseShp>;
  let rows: ReturnType<typeof parseDbf>;
  try {
    geometries = parseShp(part('shp')!, false);
  } catch (error) {
    throw new InputError(file, shpName, `the .shp cannot be read (${(error as Error).message}); expected a complete ESRI Shapefile`);
  }
  try {
    rows = parseDbf(normaliseDbfHeader(dbf), encoding);
  } catch (error) {
    throw new InputError(file, `${base}.dbf`, `the .dbf cannot be read (${(error as Error).message})`);
  }
  if (rows.length !== geometries.length) {
    throw new InputError(file, shpName, `the .shp has ${geometries.length} shapes but the .dbf has ${rows.length} rows; expected the same number`);
  }
  const features: Feature[] = geometries.map((geometry, i) => ({ type: 'Feature', geometry: geometry ?? null, properties: rows[i] ?? {} }));
  return {
    collection: { type: 'FeatureCollection', features },
    crs: prj ? crsFromPrj(prj) : null,
    prj,
    encoding,
    encodingReason: reason,
  };
}
