import { casesFromFeatures, InputError, lookupCrs, mapFields, parseManifest, transformBetween } from '../core';
import type { CaseRecord, CrsFinding, FeatureCollection, LayerKind, Manifest, Position } from '../core';
import { readGeoTiffImage } from './geotiff';
import { readVectorFile } from './formats';
import type { VectorFormat } from './formats';
import { collectionBbox, resolveCrs, swapAxes, toLonLat } from './layerFile';
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

/** A case ledger (CSV, XLSX or GeoJSON) with its locations in lon/lat. */
export async function readCases(bytes: Uint8Array, file: string, areaCrs?: string): Promise<CaseRecord[]> {
  if (!/\.(csv|xlsx|geojson|json)$/i.test(file)) throw new InputError(file, null, 'a case ledger must be CSV, XLSX or GeoJSON');
  const read = await readVectorFile(bytes, file);
  const located = read.collection.features.some((f) => f.geometry);
  const { crs, axesSwapped } = located ? resolveCrs(read, { fallback: areaCrs }, file) : { crs: { code: 'EPSG:4490' }, axesSwapped: false };
  const stored = axesSwapped ? swapAxes(read.collection) : read.collection;
  return casesFromFeatures(toLonLat(stored, crs.code).features, file, read.format === 'geojson' ? (i) => `features[${i}]` : (i) => `line ${i + 2}`);
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
