import proj4 from 'proj4';
import type { Geometry, Position } from '../model';
import { ensureProj4 } from './registry';

export type PositionTransform = (position: Position) => Position;

/** A transform between two known CRSs, in x = easting/longitude, y = northing/latitude order. */
export function transformBetween(fromCode: string, toCode: string): PositionTransform {
  const from = ensureProj4(fromCode);
  const to = ensureProj4(toCode);
  if (from === to) return (p) => p;
  const converter = proj4(from, to);
  return (p) => {
    const [x, y] = converter.forward([p[0], p[1]]);
    return p.length > 2 ? [x, y, p[2] as number] : [x, y];
  };
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
