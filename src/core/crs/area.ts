import geographiclib from 'geographiclib-geodesic';
import type { Geometry, MultiPolygon, Polygon, Position } from '../model';
import { cgcs2000ThreeDegreeZoneFor, lookupCrs } from './registry';
import type { CrsInfo } from './registry';
import { transformBetween } from './reproject';
import type { PositionTransform } from './reproject';

// Areas as surveys and approvals report them (DESIGN §3): planar in the Gauss-Kruger zone of the data,
// and ellipsoidal (geodesic) on the CGCS2000 ellipsoid, the land-use survey's figure. Both in m², mu and
// ha. Turf's spherical area is never a figure of record here.

/** One mu (亩) is 10000/15 m². */
export const M2_PER_MU = 10000 / 15;
export const M2_PER_HA = 10000;

export interface AreaFigures {
  m2: number;
  mu: number;
  ha: number;
}

/** An area in mu rounded to 4 decimals (0.0667 m²), as the exports and tables write it. */
export const roundMu4 = (mu: number): number => Math.round(mu * 10000) / 10000;

export function areaFigures(m2: number): AreaFigures {
  return { m2, mu: m2 / M2_PER_MU, ha: m2 / M2_PER_HA };
}

function polygons(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/**
 * Shoelace area of a ring (absolute), in the ring's units squared. Coordinates are taken relative to
 * the first vertex: Gauss-Kruger values of millions of metres would otherwise cost ~1e-3 m² to rounding.
 */
export function ringAreaAbs(ring: readonly Position[]): number {
  if (ring.length < 3) return 0;
  const [x0, y0] = ring[0]!;
  let sum = 0;
  for (let i = 0, n = ring.length; i < n - 1; i++) {
    const ax = ring[i]![0] - x0, ay = ring[i]![1] - y0, bx = ring[i + 1]![0] - x0, by = ring[i + 1]![1] - y0;
    sum += ax * by - bx * ay;
  }
  return Math.abs(sum) / 2;
}

/** Planar area of a (multi)polygon whose coordinates are metres (outer rings minus holes), m². */
export function planarAreaOfProjected(geometry: Polygon | MultiPolygon): number {
  return polygons(geometry).reduce((total, rings) => total + rings.reduce((a, ring, i) => a + (i === 0 ? ringAreaAbs(ring) : -ringAreaAbs(ring)), 0), 0);
}

const grs80 = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Ellipsoidal area on GRS80 (CGCS2000) of a (multi)polygon in lon/lat degrees, m² (GeographicLib). */
export function ellipsoidalAreaOfLonLat(geometry: Polygon | MultiPolygon): number {
  return ellipsoidalAreaOfPlanar(polygons(geometry), (p) => p);
}

/**
 * Ellipsoidal area on GRS80 of polygons whose vertices `toLonLat` takes to lon/lat degrees, m² (GeographicLib):
 * an overlay measures every planar piece without building lon/lat copies of them.
 */
export function ellipsoidalAreaOfPlanar(parts: readonly (readonly (readonly Position[])[])[], toLonLat: PositionTransform): number {
  let total = 0;
  for (const rings of parts) {
    rings.forEach((ring, i) => {
      const polygon = grs80.Polygon(false);
      const n = ring.length - (ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? 1 : 0);
      for (let k = 0; k < n; k++) {
        const [lon, lat] = toLonLat(ring[k]! as Position);
        polygon.AddPoint(lat!, lon!);
      }
      const area = Math.abs(polygon.Compute(false, true).area ?? 0);
      total += i === 0 ? area : -area;
    });
  }
  return total;
}

/**
 * The CRS planar areas are computed in: the workspace's areaCrs when it names one, otherwise the
 * CGCS2000 3-degree Gauss-Kruger zone whose central meridian is nearest the data's centre.
 */
export function areaCrsFor(centreLongitude: number, areaCrs?: string): CrsInfo {
  const named = areaCrs ? lookupCrs(areaCrs) : null;
  if (named && !named.geographic) return named;
  return cgcs2000ThreeDegreeZoneFor(centreLongitude);
}

export interface AreaMeasure {
  planar: AreaFigures;
  ellipsoidal: AreaFigures;
  /** The CRS the planar figure was computed in. */
  areaCrs: string;
}

/** Planar and ellipsoidal area of a lon/lat (EPSG:4490) polygon. */
export function measureArea(geometry: Polygon | MultiPolygon, areaCrs: string): AreaMeasure {
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  const projected = (geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(toPlane)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(toPlane))) }) as Polygon | MultiPolygon;
  return {
    planar: areaFigures(planarAreaOfProjected(projected)),
    ellipsoidal: areaFigures(ellipsoidalAreaOfLonLat(geometry)),
    areaCrs,
  };
}

/** Length of a lon/lat line: planar in `areaCrs` and geodesic on GRS80 (GeographicLib), metres. */
export function measureLength(line: Position[], areaCrs: string): { planarM: number; geodesicM: number; areaCrs: string } {
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  let planarM = 0, geodesicM = 0;
  for (let i = 1; i < line.length; i++) {
    const a = toPlane(line[i - 1]!), b = toPlane(line[i]!);
    planarM += Math.hypot(b[0] - a[0], b[1] - a[1]);
    geodesicM += grs80.Inverse(line[i - 1]![1], line[i - 1]![0], line[i]![1], line[i]![0]).s12 ?? 0;
  }
  return { planarM, geodesicM, areaCrs };
}
