import { transformBetween } from '../crs/reproject';
import type { PolygonRings } from '../geometry/clip';
import type { Position } from '../model';
import type { FactsSnapshot } from './caseFile';

// What the map outlines for a verified case: the verified zone and the exact overlap pieces, kept planar
// in the area CRS by the verification and turned back into lon/lat here.

/** The zone and every overlap piece of a verification, as lon/lat polygons (outer ring, then holes). */
export function factsOutlineLonLat(facts: FactsSnapshot, areaCrs: string): Position[][][] {
  const toLonLat = transformBetween(areaCrs, 'EPSG:4490');
  const polygon = (rings: PolygonRings) => rings.map((ring) => ring.map((p) => toLonLat(p)));
  return [...facts.result.zone.map(polygon), ...facts.result.overlaps.flatMap((o) => o.pieces.map(polygon))];
}
