import proj4 from 'proj4';
import type { Geometry, Position } from '../model';
import { ensureProj4 } from './registry';

export type PositionTransform = (position: Position) => Position;

const transforms = new Map<string, PositionTransform>();

/**
 * A transform between two known CRSs, in x = easting/longitude, y = northing/latitude order. Built once
 * per pair and kept: making a proj4 converter costs far more than using one.
 */
export function transformBetween(fromCode: string, toCode: string): PositionTransform {
  const key = `${fromCode}>${toCode}`;
  const cached = transforms.get(key);
  if (cached) return cached;
  const from = ensureProj4(fromCode);
  const to = ensureProj4(toCode);
  let transform: PositionTransform;
  if (from === to) transform = (p) => p;
  else {
    const converter = proj4(from, to);
    transform = (p) => {
      const [x, y] = converter.forward([p[0], p[1]]);
      return p.length > 2 ? [x, y, p[2] as number] : [x, y];
    };
  }
  transforms.set(key, transform);
  return transform;
}

/**
 * A new geometry with every position transformed. Only type and coordinates are kept: a `bbox`
 * member (shpjs adds one) would be stale in the new CRS and misleads bbox-first tests.
 */
export function mapGeometry<G extends Geometry>(geometry: G, transform: PositionTransform): G {
  const g = geometry as Geometry;
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: transform(g.coordinates) } as G;
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(transform) } as G;
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((ring) => ring.map(transform)) } as G;
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(transform))) } as G;
  }
}

export function reprojectGeometry<G extends Geometry>(geometry: G, fromCode: string, toCode: string): G {
  return mapGeometry(geometry, transformBetween(fromCode, toCode));
}
