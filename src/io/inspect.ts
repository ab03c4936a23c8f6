import { guessIdField, lookupCrs, validateFeatures } from '../core';
import type { CrsFinding, FeatureCollection, Problem } from '../core';
import { formatOf, readVectorFile } from './formats';
import type { VectorFormat, VectorInput } from './formats';
import { readGeoTiffInfo } from './geotiff';
import type { GeoTiffInfo } from './geotiff';
import { collectionBbox, resolveCrs, swapAxes, toLonLat } from './layerFile';
import type { CrsHints } from './layerFile';
import { transformBetween } from '../core';

// What a file holds, before anything is added to a workspace: the `landcheck inspect` report (DESIGN
// §9) and the import dialog's facts.

export interface FieldSummary {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'empty' | 'mixed';
}

export interface InspectReport {
  file: string;
  format: VectorFormat | 'geotiff';
  crs: CrsFinding | null;
  /** Set when the file writes X = northing first and LandCheck swapped the axes. */
  axesSwapped?: boolean;
  /** A caution about the CRS (e.g. a legacy datum converted without a shift). */
  caution?: string;
  featureCount: number | null;
  /** lon/lat, EPSG:4490. */
  bbox: [number, number, number, number] | null;
  fields: FieldSummary[];
  encoding: string | null;
  encodingReason?: string;
  idField?: string | null;
  problems: Problem[];
  raster?: Omit<GeoTiffInfo, 'crs' | 'bbox'>;
}

function fieldSummary(collection: FeatureCollection): FieldSummary[] {
  const names = [...new Set(collection.features.flatMap((f) => Object.keys(f.properties)))];
  return names.map((name) => {
    const types = new Set(collection.features.map((f) => f.properties[name]).filter((v) => v !== null && v !== undefined && v !== '').map((v) => typeof v));
    const type = types.size === 0 ? 'empty' : types.size > 1 ? 'mixed' : ([...types][0] as FieldSummary['type']);
    return { name, type };
  });
}

export async function inspectFile(input: VectorInput, file: string, hints: CrsHints = {}): Promise<InspectReport> {
  if (formatOf(file) === 'geotiff') return inspectGeoTiff(input as Uint8Array, file);
  const read = await readVectorFile(input, file);
  const { crs, axesSwapped } = resolveCrs(read, hints, file);
  const stored = axesSwapped ? swapAxes(read.collection) : read.collection;
  const lonLat = toLonLat(stored, crs.code);
  const info = lookupCrs(crs.code)!;
  const fields = fieldSummary(read.collection);
  const idField = guessIdField(fields.map((f) => f.name));
  const report: InspectReport = {
    file,
    format: read.format,
    crs,
    featureCount: read.collection.features.length,
    bbox: collectionBbox(lonLat),
    fields,
    encoding: read.encoding,
    idField,
    problems: validateFeatures(stored, { idField, lonLat, areaOfUse: info.areaOfUse }),
  };
  if (axesSwapped) report.axesSwapped = true;
  if (info.caution) report.caution = info.caution;
  if (read.encodingReason) report.encodingReason = read.encodingReason;
  return report;
}

async function inspectGeoTiff(bytes: Uint8Array, file: string): Promise<InspectReport> {
  const { crs, bbox, ...raster } = await readGeoTiffInfo(bytes, file);
  let lonLat: [number, number, number, number] | null = null;
  if (crs && raster.georeferencing !== 'none') {
    const t = transformBetween(crs.code, 'EPSG:4490');
    const corners = [t([bbox[0], bbox[1]]), t([bbox[0], bbox[3]]), t([bbox[2], bbox[1]]), t([bbox[2], bbox[3]])];
    lonLat = [Math.min(...corners.map((c) => c[0])), Math.min(...corners.map((c) => c[1])), Math.max(...corners.map((c) => c[0])), Math.max(...corners.map((c) => c[1]))];
  }
  const report: InspectReport = { file, format: 'geotiff', crs, featureCount: null, bbox: lonLat, fields: [], encoding: null, problems: [], raster };
  const caution = crs ? lookupCrs(crs.code)?.caution : undefined;
  if (caution) report.caution = caution;
  if (!crs) report.problems.push({ kind: 'unknown_crs', count: 1, examples: [{ feature: 0, detail: 'the GeoTIFF keys name no CRS LandCheck knows' }] });
  return report;
}
