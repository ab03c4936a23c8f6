import { casesFromFeatures, InputError, lookupCrs, mapCaseColumns, mapFields, parseAngle, parseManifest, transformBetween } from '../core';
import type { CaseColumnMapping, CaseField, CaseRecord, CrsFinding, Feature, FeatureCollection, LayerKind, Manifest, Position } from '../core';
import { readGeoTiffImage } from './geotiff';
import { formatOf, readVectorFile } from './formats';
import type { VectorFileRead, VectorFormat } from './formats';
import { collectionBbox, resolveCrs, swapAxes, toLonLat } from './layerFile';
import { readCsvTable, readXlsxTable } from './tabular';
import { decodeUtf8 } from './text';

// Loads a whole workspace from its manifest. The host hands in a function that reads bytes by path
// relative to the manifest (fetch in the browser, node:fs in the CLI), so this runs anywhere.

export type ReadBytes = (relativePath: string) => Promise<Uint8Array>;

export interface LoadedLayer {
  id: string;
  kind: LayerKind;
  name: string | null;
  path: string;
  visible: boolean;
  format: VectorFormat;
  encoding: string | null;
  crs: CrsFinding;
  /** Canonical field → source field: the manifest's mapping over the auto-mapping by alias (DESIGN §2). */
  fields: Record<string, string>;
  featureCount: number;
  /** Features in lon/lat (EPSG:4490), attributes untouched. */
  lonLat: FeatureCollection;
  bboxLonLat: [number, number, number, number] | null;
}

export interface LoadedImagery {
  id: string;
  name: string | null;
  date: string;
  path: string;
  crs: CrsFinding;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** Corners in lon/lat: bottom-left, top-left, top-right, bottom-right. */
  cornersLonLat: [Position, Position, Position, Position];
}

export interface LoadedWorkspace {
  manifestPath: string;
  manifest: Manifest;
  layers: LoadedLayer[];
  imagery: LoadedImagery[];
  cases: CaseRecord[];
}

async function readOrExplain(readBytes: ReadBytes, path: string, manifestPath: string, place: string): Promise<Uint8Array> {
  try {
    return await readBytes(path);
  } catch (error) {
    throw new InputError(manifestPath, place, `cannot read "${path}" (${(error as Error).message})`);
  }
}

const LEDGER_FILE = /\.(csv|xlsx|geojson|json)$/i;

/** A case ledger (CSV, XLSX or GeoJSON) with its locations in lon/lat. */
export function readCases(bytes: Uint8Array, file: string, areaCrs?: string): Promise<CaseRecord[]> {
  return readLedger(bytes, file, areaCrs);
}

/** What an import dialog shows before the user confirms the columns. */
export interface LedgerPreview {
  header: string[];
  /** The first 5 rows, header → text. */
  sample: Record<string, string>[];
  rowCount: number;
  /** The automatic match of columns to case fields (lon/lat as the reader located the rows). */
  mapping: Partial<Record<CaseField, string>>;
}

/** A ledger's columns, its first rows and the automatic column match, for the user to check. */
export async function readLedgerForMapping(bytes: Uint8Array, file: string): Promise<LedgerPreview> {
  if (!LEDGER_FILE.test(file)) throw new InputError(file, null, 'a case ledger must be CSV, XLSX or GeoJSON');
  const format = formatOf(file);
  let header: string[];
  let features: Feature[];
  const mapping: Partial<Record<CaseField, string>> = {};
  if (format === 'csv' || format === 'xlsx') {
    const table = format === 'csv' ? readCsvTable(bytes, file) : await readXlsxTable(bytes, file);
    header = table.header;
    features = table.collection.features;
    Object.assign(mapping, mapCaseColumns(header));
    // Show the coordinate columns the reader actually uses (its aliases are a little wider).
    delete mapping.lon;
    delete mapping.lat;
    if (table.columns?.kind === 'lonlat') Object.assign(mapping, { lon: table.columns.lon, lat: table.columns.lat });
  } else {
    features = (await readVectorFile(bytes, file)).collection.features;
    header = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
    Object.assign(mapping, mapCaseColumns(header));
    delete mapping.lon;
    delete mapping.lat;
  }
  const sample = features.slice(0, 5).map((f) => Object.fromEntries(header.map((h) => [h, f.properties[h] === null || f.properties[h] === undefined ? '' : String(f.properties[h])])));
  return { header, sample, rowCount: features.length, mapping };
}

/**
 * Rows located from the longitude/latitude columns the user chose, where they differ from the ones
 * the reader found (values may also be X/Y metres: the CRS is decided from them afterwards).
 */
function locateByChosenColumns(read: VectorFileRead, lon: string, lat: string, file: string): VectorFileRead {
  const features = read.collection.features.map((feature, i): Feature => {
    const a = String(feature.properties[lon] ?? '').trim(), b = String(feature.properties[lat] ?? '').trim();
    if (a === '' && b === '') return { ...feature, geometry: null };
    const va = parseAngle(a), vb = parseAngle(b);
    if (!va || !vb || !Number.isFinite(va.degrees) || !Number.isFinite(vb.degrees)) {
      throw new InputError(file, `line ${i + 2}`, `expected numbers or degrees-minutes-seconds in ${lon} and ${lat}, found "${a}", "${b}"`);
    }
    return { ...feature, geometry: { type: 'Point', coordinates: [va.degrees, vb.degrees] } };
  });
  return { ...read, collection: { type: 'FeatureCollection', features } };
}

/**
 * A case ledger (CSV, XLSX or GeoJSON) with its locations in lon/lat, its columns matched by `mapping`
 * (the user's choice over the aliases; lon/lat count when both are named). All rows or none: the first
 * bad row is refused with its line and what was expected.
 */
export async function readLedger(bytes: Uint8Array, file: string, areaCrs?: string, mapping?: CaseColumnMapping): Promise<CaseRecord[]> {
  if (!LEDGER_FILE.test(file)) throw new InputError(file, null, 'a case ledger must be CSV, XLSX or GeoJSON');
  let read = await readVectorFile(bytes, file);
  const tabular = read.format === 'csv' || read.format === 'xlsx';
  if (tabular && mapping?.lon && mapping.lat) {
    const header = [...new Set(read.collection.features.flatMap((f) => Object.keys(f.properties)))];
    for (const column of [mapping.lon, mapping.lat]) {
      if (read.collection.features.length > 0 && !header.includes(column)) throw new InputError(file, 'header', `the column "${column}" chosen for the location is not in the file`);
    }
    read = locateByChosenColumns(read, mapping.lon, mapping.lat, file);
  }
  const located = read.collection.features.some((f) => f.geometry);
  const { crs, axesSwapped } = located ? resolveCrs(read, { fallback: areaCrs }, file) : { crs: { code: 'EPSG:4490' }, axesSwapped: false };
  const stored = axesSwapped ? swapAxes(read.collection) : read.collection;
  return casesFromFeatures(toLonLat(stored, crs.code).features, file, read.format === 'geojson' ? (i) => `features[${i}]` : (i) => `line ${i + 2}`, mapping);
}

export async function loadWorkspace(manifestPath: string, readManifest: () => Promise<Uint8Array>, readBytes: ReadBytes): Promise<LoadedWorkspace> {
  const manifest = parseManifest(decodeUtf8(await readManifest()), manifestPath);
  const layers = await Promise.all(
    manifest.layers.map(async (entry, index): Promise<LoadedLayer> => {
      const bytes = await readOrExplain(readBytes, entry.path, manifestPath, `layers[${index}].path`);
      const read = await readVectorFile(bytes, entry.path);
      const { crs, axesSwapped } = resolveCrs(read, { named: entry.crs, fallback: manifest.areaCrs }, entry.path);
      const stored = axesSwapped ? swapAxes(read.collection) : read.collection;
      const lonLat = toLonLat(stored, crs.code);
      const bbox = collectionBbox(lonLat);
      return {
        id: entry.id,
        kind: entry.kind,
        name: entry.name ?? null,
        path: entry.path,
        visible: entry.visible ?? true,
        format: read.format,
        encoding: read.encoding,
        crs,
        fields: mapFields(entry.kind, [...new Set(read.collection.features.flatMap((f) => Object.keys(f.properties)))], entry.fields),
        featureCount: read.collection.features.length,
        lonLat,
        bboxLonLat: bbox,
      };
    }),
  );
  const imagery = await Promise.all(
    manifest.imagery.map(async (entry, index): Promise<LoadedImagery> => {
      const bytes = await readOrExplain(readBytes, entry.path, manifestPath, `imagery[${index}].path`);
      const image = await readGeoTiffImage(bytes, entry.path);
      const crs: CrsFinding | null = entry.crs
        ? { code: lookupCrs(entry.crs)!.code, source: 'manifest', reason: `the workspace manifest names ${entry.crs}` }
        : image.crs;
      if (!crs) throw new InputError(entry.path, null, 'the image has no GeoTIFF CRS keys LandCheck knows; name its "crs" in the manifest');
      const toLonLatPosition = transformBetween(crs.code, 'EPSG:4490');
      const [minX, minY, maxX, maxY] = image.bbox;
      return {
        id: entry.id,
        name: entry.name ?? null,
        date: entry.date,
        path: entry.path,
        crs,
        width: image.width,
        height: image.height,
        rgba: image.rgba,
        cornersLonLat: [
          toLonLatPosition([minX, minY]),
          toLonLatPosition([minX, maxY]),
          toLonLatPosition([maxX, maxY]),
          toLonLatPosition([maxX, minY]),
        ],
      };
    }),
  );
  let cases: CaseRecord[] = [];
  if (manifest.cases) {
    const bytes = await readOrExplain(readBytes, manifest.cases, manifestPath, 'cases');
    cases = await readCases(bytes, manifest.cases, manifest.areaCrs);
  }
  return { manifestPath, manifest, layers, imagery, cases };
}
