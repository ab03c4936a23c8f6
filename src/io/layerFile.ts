import { inferCrsFromExtent, InputError, lookupCrs, reprojectGeometry } from '../core';
import type { Bbox, CrsFinding, FeatureCollection, Geometry, Position } from '../core';
import { readBoundaryTxt } from './boundaryTxt';
import { readGeoJson } from './geojson';
import { readShapefileZip } from './shapefile';

// One vector layer file in, whatever its format: the features as stored, the CRS and how it was
// decided, and a lon/lat (EPSG:4490) copy for the map.

export type VectorFormat = 'geojson' | 'shapefile' | 'boundary-txt';

export interface VectorFileRead {
  format: VectorFormat;
  collection: FeatureCollection;
  /** CRS the file declares, if any. */
  declaredCrs: CrsFinding | null;
  encoding: string | null;
}

export function vectorFormatOf(path: string): VectorFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (lower.endsWith('.zip')) return 'shapefile';
  if (lower.endsWith('.txt')) return 'boundary-txt';
  return null;
}

export function readVectorFile(bytes: Uint8Array, file: string): VectorFileRead {
  const format = vectorFormatOf(file);
  switch (format) {
    case 'geojson': {
      const read = readGeoJson(bytes, file);
      return { format, collection: read.collection, declaredCrs: read.crs, encoding: 'utf-8' };
    }
    case 'shapefile': {
      const read = readShapefileZip(bytes, file);
      return { format, collection: read.collection, declaredCrs: read.crs, encoding: read.encoding };
    }
    case 'boundary-txt': {
      const read = readBoundaryTxt(bytes, file);
      return { format, collection: read.collection as FeatureCollection, declaredCrs: read.crs, encoding: read.encoding };
    }
    default:
      throw new InputError(file, null, 'unknown file type; expected .geojson, .json, a zipped Shapefile (.zip) or a boundary coordinate .txt');
  }
}

function forEachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point': visit(geometry.coordinates); break;
    case 'MultiPoint': case 'LineString': geometry.coordinates.forEach(visit); break;
    case 'MultiLineString': case 'Polygon': geometry.coordinates.forEach((r) => r.forEach(visit)); break;
    case 'MultiPolygon': geometry.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit))); break;
  }
}

/** Extent of a collection as stored, or null when it has no coordinates. */
export function collectionBbox(collection: FeatureCollection): Bbox | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of collection.features) {
    if (!f.geometry) continue;
    forEachPosition(f.geometry, ([x, y]) => {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    });
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

/**
 * Decides a layer's CRS: the manifest's word first, then what the file declares, then an inference
 * from the coordinates; GeoJSON without a crs member is lon/lat by RFC 7946. Throws when nothing decides.
 */
export function resolveCrs(read: VectorFileRead, manifestCrs: string | undefined, file: string): CrsFinding {
  if (manifestCrs) {
    const code = lookupCrs(manifestCrs)!.code;
    const differs = read.declaredCrs && read.declaredCrs.code !== code ? ` (the file itself says ${read.declaredCrs.code})` : '';
    return { code, source: 'manifest', reason: `the workspace manifest names ${code}${differs}` };
  }
  if (read.declaredCrs) return read.declaredCrs;
  const bbox = collectionBbox(read.collection);
  const inferred = bbox ? inferCrsFromExtent(bbox) : null;
  if (inferred) return inferred;
  if (read.format === 'geojson') return { code: 'EPSG:4326', source: 'default', reason: 'GeoJSON without a crs member is longitude/latitude (RFC 7946)' };
  throw new InputError(file, null, 'the coordinate system cannot be determined (no .prj or header, and the coordinates do not show a zone); name it as "crs" in the manifest');
}

/** A copy of the collection in lon/lat (EPSG:4490), for the map and the outputs. */
export function toLonLat(collection: FeatureCollection, fromCode: string): FeatureCollection {
  const geographic = lookupCrs(fromCode)?.geographic ?? false;
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({
      ...f,
      // CGCS2000 and WGS 84 differ by centimetres: geographic data is used as is.
      geometry: f.geometry && !geographic ? reprojectGeometry(f.geometry, fromCode, 'EPSG:4490') : f.geometry,
    })),
  };
}
