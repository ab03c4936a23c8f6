import { crsMismatch, inferCrs, InputError, lookupCrs, mapGeometry, reprojectGeometry } from '../core';
import type { Bbox, CrsFinding, FeatureCollection, Geometry, Position } from '../core';
import type { VectorFileRead } from './formats';

// Decides the CRS of a layer as read and makes the lon/lat copy the map and the outputs use.

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
    if (!f.geometry || !Array.isArray(f.geometry.coordinates)) continue;
    forEachPosition(f.geometry, (p) => {
      const x = p[0], y = p[1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    });
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

export interface CrsDecision {
  crs: CrsFinding;
  /** The file stores X = northing first; the coordinates must be swapped before use. */
  axesSwapped: boolean;
}

export interface CrsHints {
  /** What the manifest or the user named. */
  named?: string;
  /** The workspace's area CRS, for metres without a zone number. */
  fallback?: string;
}

/**
 * A layer's CRS: what the user or manifest names first, then what the file declares, then an inference
 * from the coordinates; GeoJSON without a crs member is lon/lat by RFC 7946. A named or declared CRS the
 * coordinates cannot be in (a wrong .prj) is refused, as is a layer whose CRS nothing decides.
 */
export function resolveCrs(read: VectorFileRead, hints: CrsHints, file: string): CrsDecision {
  const bbox = collectionBbox(read.collection);
  if (hints.named) {
    const code = lookupCrs(hints.named)?.code;
    if (!code) throw new InputError(file, null, `unknown CRS ${hints.named}`);
    const problem = bbox ? crsMismatch(code, bbox) : null;
    if (problem) throw new InputError(file, null, `the CRS given for it does not fit: ${problem}`);
    const differs = read.declaredCrs && read.declaredCrs.code !== code ? ` (the file itself says ${read.declaredCrs.code})` : '';
    return { crs: { code, source: 'manifest', reason: `named by the user or workspace as ${code}${differs}` }, axesSwapped: false };
  }
  if (read.declaredCrs) {
    const problem = bbox ? crsMismatch(read.declaredCrs.code, bbox) : null;
    if (problem) throw new InputError(file, null, `${read.declaredCrs.reason}, but ${problem}; fix the ${read.format === 'shapefile' ? '.prj' : 'CRS declaration'} or name the right CRS`);
    return { crs: read.declaredCrs, axesSwapped: false };
  }
  const json = read.format === 'geojson' || read.format === 'topojson';
  if (json && (!bbox || crsMismatch('EPSG:4326', bbox) === null)) {
    return { crs: { code: 'EPSG:4326', source: 'default', reason: `${read.format === 'geojson' ? 'GeoJSON' : 'TopoJSON'} without a crs member is WGS 84 longitude/latitude (RFC 7946)` }, axesSwapped: false };
  }
  const inference = bbox ? inferCrs(bbox, hints.fallback) : null;
  if (inference) return { crs: inference.finding, axesSwapped: inference.axesSwapped };
  if (!bbox) return { crs: { code: 'EPSG:4490', source: 'default', reason: 'the file has no coordinates; CGCS2000 longitude/latitude assumed' }, axesSwapped: false };
  throw new InputError(file, null, `the coordinate system cannot be determined (no .prj or header, and coordinates x ${Math.round(bbox[0])}…${Math.round(bbox[2])}, y ${Math.round(bbox[1])}…${Math.round(bbox[3])} do not show a zone); name the CRS`);
}

/** The collection with x and y exchanged (survey files write X = northing first). */
export function swapAxes(collection: FeatureCollection): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({ ...f, geometry: f.geometry ? mapGeometry(f.geometry, (p) => [p[1], p[0]]) : null })),
  };
}

/** A copy of the collection in `toCode` (lon/lat EPSG:4490 by default). */
export function reprojectCollection(collection: FeatureCollection, fromCode: string, toCode = 'EPSG:4490'): FeatureCollection {
  const from = lookupCrs(fromCode)!;
  const to = lookupCrs(toCode)!;
  // CGCS2000, WGS 84 and NAD83 longitude/latitude differ by centimetres to a metre: used as they are.
  const same = from.code === to.code || (from.geographic && to.geographic && from.datum !== 'Xian 1980' && from.datum !== 'Beijing 1954' && to.datum !== 'Xian 1980' && to.datum !== 'Beijing 1954');
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({
      ...f,
      geometry: f.geometry && !same && Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length > 0 ? reprojectGeometry(f.geometry, from.code, to.code) : f.geometry,
    })),
  };
}

/** A copy of the collection in lon/lat (EPSG:4490), for the map and the outputs. */
export function toLonLat(collection: FeatureCollection, fromCode: string): FeatureCollection {
  return reprojectCollection(collection, fromCode, 'EPSG:4490');
}
