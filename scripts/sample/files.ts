// File writers for the sample generator. Every output is deterministic: fixed field order, rounded
// coordinates, fixed zip timestamps and DBF dates, so running the generator twice gives the same bytes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import shpWrite from '@mapbox/shp-write';
import { rewind } from '@turf/turf';
import { DBFFile } from 'dbffile';
import { zipSync } from 'fflate';
import type { Feature, MultiPolygon, Polygon, Position } from '../../src/core';

/** Fixed modification time for every zip entry (the sample's reference date). */
const ZIP_MTIME = new Date(Date.UTC(2024, 9, 1, 0, 0, 0));

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  size: number;
  decimals?: number;
}

export const roundMm = (p: Position): Position => [Math.round(p[0] * 1000) / 1000, Math.round(p[1] * 1000) / 1000];

/** ESRI WKT for CGCS2000 3-degree GK CM 114E exactly as ArcGIS writes it (what bureaus exchange). */
export const PRJ_CGCS2000_GK_CM_114E =
  'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Outer rings clockwise and holes counter-clockwise, as the Shapefile spec requires. */
function shapefileRings(geometry: Polygon | MultiPolygon): Position[][] {
  const rewound = rewind(geometry as never, { reverse: true }) as unknown as Polygon | MultiPolygon;
  return rewound.type === 'Polygon' ? rewound.coordinates : rewound.coordinates.flat();
}

async function writeDbf(fields: DbfField[], rows: Record<string, string | number | null>[], encoding: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'landcheck-dbf-'));
  try {
    const path = join(dir, 'out.dbf');
    const dbf = await DBFFile.create(path, fields.map((f) => ({ name: f.name, type: f.type, size: f.size, decimalPlaces: f.decimals ?? 0 })), { encoding });
    await dbf.appendRecords(rows);
    const bytes = new Uint8Array(readFileSync(path));
    // Date of last update (bytes 1–3) would make every run differ: pin it to the reference date.
    bytes[1] = 124; // 2024
    bytes[2] = 10;
    bytes[3] = 1;
    // Language driver id 0x4D names code page 936 (GBK), as ArcGIS writes it for Chinese attributes.
    if (encoding === 'gbk') bytes[29] = 0x4d;
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ShapefileParts {
  baseName: string;
  features: Feature<Polygon | MultiPolygon>[];
  fields: DbfField[];
  encoding: 'gbk' | 'utf-8';
  /** Write a .cpg naming the encoding (bureaus often leave it out). */
  cpg: boolean;
  prj: string;
}

/** A zipped polygon Shapefile: .shp/.shx from @mapbox/shp-write, the .dbf from dbffile in the chosen encoding. */
export async function zippedShapefile(parts: ShapefileParts): Promise<Uint8Array> {
  const geometries = parts.features.map((f) => shapefileRings(f.geometry).map((ring) => ring.map(roundMm)));
  const rows = parts.features.map((f) => Object.fromEntries(parts.fields.map((field) => [field.name, f.properties[field.name] ?? null])) as Record<string, string | number | null>);
  const { shp, shx } = await new Promise<{ shp: DataView; shx: DataView }>((resolve, reject) =>
    shpWrite.write(rows, 'POLYGON', geometries, (error: Error | null, files: { shp: DataView; shx: DataView }) => (error ? reject(error) : resolve(files))),
  );
  const dbf = await writeDbf(parts.fields, rows, parts.encoding);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
    [`${parts.baseName}.shp`]: [new Uint8Array(shp.buffer), { mtime: ZIP_MTIME }],
    [`${parts.baseName}.shx`]: [new Uint8Array(shx.buffer), { mtime: ZIP_MTIME }],
    [`${parts.baseName}.dbf`]: [dbf, { mtime: ZIP_MTIME }],
    [`${parts.baseName}.prj`]: [new TextEncoder().encode(parts.prj), { mtime: ZIP_MTIME }],
  };
  if (parts.cpg) entries[`${parts.baseName}.cpg`] = [new TextEncoder().encode(parts.encoding === 'gbk' ? 'GBK' : 'UTF-8'), { mtime: ZIP_MTIME }];
  return zipSync(entries, { level: 9 });
}

/** GeoJSON with the legacy crs member (as GDAL writes projected GeoJSON) and mm-rounded coordinates. */
export function projectedGeoJson(name: string, crsCode: string, features: Feature<Polygon | MultiPolygon>[]): string {
  const round = (g: Polygon | MultiPolygon) =>
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(roundMm)) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(roundMm))) };
  const lines = features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: round(rewind(f.geometry as never) as unknown as Polygon | MultiPolygon) }));
  const epsg = crsCode.replace('EPSG:', '');
  return `{\n"type": "FeatureCollection",\n"name": ${JSON.stringify(name)},\n"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::${epsg}" } },\n"features": [\n${lines.join(',\n')}\n]\n}\n`;
}

/** CSV text with a header, quoting only where needed. */
export function csvText(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
