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

export function mapGeometry<G extends Geometry>(geometry: G, transform: PositionTransform): G {
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: transform(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(transform) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(transform)) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(transform))) };
  }
}

export function reprojectGeometry<G extends Geometry>(geometry: G, fromCode: string, toCode: string): G {
  return mapGeometry(geometry, transformBetween(fromCode, toCode));
}
