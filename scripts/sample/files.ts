// File writers for the sample generator. Every output is deterministic: fixed field order, rounded
// coordinates, fixed zip timestamps and DBF dates, so running the generator twice gives the same bytes.
import { rewind } from '@turf/turf';
import { esriWkt } from '../../src/core';
import type { Feature, MultiPolygon, Polygon, Position } from '../../src/core';
import { writeShapefileZip } from '../../src/io/shapefile';

/** Fixed timestamp for every zip entry and DBF header (the sample's reference date). */
const FILE_DATE = new Date(Date.UTC(2024, 9, 1, 0, 0, 0));

export const roundMm = (p: Position): Position => [Math.round(p[0] * 1000) / 1000, Math.round(p[1] * 1000) / 1000];

/** ESRI WKT for CGCS2000 3-degree GK CM 114E exactly as ArcGIS writes it (what bureaus exchange). */
export const PRJ_CGCS2000_GK_CM_114E = esriWkt('EPSG:4547')!;

export interface SampleShapefile {
  baseName: string;
  features: Feature<Polygon | MultiPolygon>[];
  /** Attribute order in the DBF. */
  fields: string[];
  /** Write a .cpg naming GBK (bureau exports often lack one). */
  cpg: boolean;
}

/** A zipped GBK polygon Shapefile in EPSG:4547, mm-rounded, through LandCheck's own writer. */
export async function zippedShapefile(parts: SampleShapefile): Promise<Uint8Array> {
  const features = parts.features.map((f) => ({
    type: 'Feature' as const,
    geometry: roundGeometry(f.geometry),
    properties: Object.fromEntries(parts.fields.map((name) => [name, f.properties[name] ?? null])),
  }));
  const { bytes } = await writeShapefileZip({ type: 'FeatureCollection', features }, { baseName: parts.baseName, crs: 'EPSG:4547', encoding: 'gbk', cpg: parts.cpg, date: FILE_DATE });
  return bytes;
}

function roundGeometry(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(roundMm)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(roundMm))) };
}

/** GeoJSON with the legacy crs member (as GDAL writes projected GeoJSON) and mm-rounded coordinates. */
export function projectedGeoJson(name: string, crsCode: string, features: Feature<Polygon | MultiPolygon>[]): string {
  const lines = features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: roundGeometry(rewind(f.geometry as never) as unknown as Polygon | MultiPolygon) }));
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
