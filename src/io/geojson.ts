import { crsFromGeoJsonMember, InputError } from '../core';
import type { CrsFinding, Feature, FeatureCollection, Geometry } from '../core';
import { decodeUtf8 } from './text';

// GeoJSON in: RFC 7946 (lon/lat) and the legacy `crs` member that GDAL still writes for projected data.

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

export interface GeoJsonRead {
  collection: FeatureCollection;
  /** What the file says about its CRS, or null (RFC 7946 then means lon/lat). */
  crs: CrsFinding | null;
}

function checkGeometry(geometry: unknown, file: string, place: string): Geometry | null {
  if (geometry === null) return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (typeof g !== 'object' || typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type)) {
    throw new InputError(file, place, `expected a GeoJSON geometry (Point … MultiPolygon), found ${JSON.stringify(g?.type ?? geometry)}`);
  }
  if (!Array.isArray(g.coordinates)) throw new InputError(file, place, `the ${g.type} has no coordinates array`);
  return geometry as Geometry;
}

export function readGeoJson(bytes: Uint8Array, file: string): GeoJsonRead {
  let raw: unknown;
  try {
    raw = JSON.parse(decodeUtf8(bytes));
  } catch (error) {
    throw new InputError(file, null, `not valid JSON (${(error as Error).message})`);
  }
  const root = raw as { type?: unknown; features?: unknown; crs?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof root !== 'object' || root === null) throw new InputError(file, null, 'expected a GeoJSON object');
  let rawFeatures: unknown[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) throw new InputError(file, 'features', 'expected an array of features');
    rawFeatures = root.features;
  } else if (root.type === 'Feature') {
    rawFeatures = [root];
  } else if (typeof root.type === 'string' && GEOMETRY_TYPES.has(root.type)) {
    rawFeatures = [{ type: 'Feature', geometry: root, properties: {} }];
  } else {
    throw new InputError(file, 'type', `expected FeatureCollection, Feature or a geometry, found ${JSON.stringify(root.type)}`);
  }
  const features: Feature[] = rawFeatures.map((f, i) => {
    const place = `features[${i}]`;
    const feature = f as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (typeof feature !== 'object' || feature === null || feature.type !== 'Feature') {
      throw new InputError(file, place, 'expected a Feature');
    }
    const properties = feature.properties === null || feature.properties === undefined ? {} : feature.properties;
    if (typeof properties !== 'object' || Array.isArray(properties)) throw new InputError(file, `${place}.properties`, 'expected an object');
    return { type: 'Feature', geometry: checkGeometry(feature.geometry ?? null, file, `${place}.geometry`), properties: properties as Feature['properties'] };
  });
  return { collection: { type: 'FeatureCollection', features }, crs: crsFromGeoJsonMember(root.crs) };
}
