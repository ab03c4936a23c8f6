import { areaFigures, ellipsoidalAreaOfPlanar, planarAreaOfProjected } from '../crs/area';
import { transformBetween } from '../crs/reproject';
import { clipPaths, flatClipPaths, intersectPaths } from '../geometry/clip';
import type { MultiRings } from '../geometry/clip';
import type { Bbox } from '../crs/detect';
import type { Position } from '../model';
import { searchStore } from '../store/layerStore';
import type { LayerStore } from '../store/layerStore';
import type { Overlap } from './types';

// One case zone against one layer: the exact overlap polygons with their planar and ellipsoidal areas
// (the nearest feature when nothing overlaps is nearest.ts's).

export interface VerifyLayer {
  store: LayerStore;
  /** Canonical field → source field (DESIGN §2 mapping). */
  fields: Record<string, string>;
}


export function bboxOf(polygons: MultiRings): Bbox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const rings of polygons) for (const [x, y] of rings[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function planarArea(polygons: MultiRings): number {
  return planarAreaOfProjected({ type: 'MultiPolygon', coordinates: polygons });
}

/** Ellipsoidal (GRS80) area of planar polygons in `crs`. */
export function ellipsoidalArea(polygons: MultiRings, crs: string): number {
  return ellipsoidalAreaOfPlanar(polygons, transformBetween(crs, 'EPSG:4490'));
}

/** Canonical field → the feature's value of its mapped source field (null when absent). */
export function mappedAttributes(layer: VerifyLayer, i: number): Record<string, string | number | boolean | null> {
  const attributes = layer.store.attributes[i]!;
  return Object.fromEntries(Object.entries(layer.fields).map(([canonical, source]) => [canonical, attributes[source] ?? null]));
}

export function overlayLayer(layer: VerifyLayer, zone: MultiRings, zoneBbox: Bbox, caseAreaM2: number): Overlap[] {
  const { store } = layer;
  const origin: Position = [zoneBbox[0], zoneBbox[1]];
  const overlaps: Overlap[] = [];
  const candidates = searchStore(store, ...zoneBbox);
  if (candidates.length === 0) return overlaps;
  candidates.sort((a, b) => a - b);
  // intersect(featurePolygons(store, i), zone, origin), with the zone made into Clipper paths once and each
  // feature's paths read straight from the store's arrays (the same integers, so the same pieces).
  const zonePaths = clipPaths(zone, origin);
  const { featureStart, partStart, ringStart, coords } = store;
  for (const i of candidates) {
    const pieces = intersectPaths(flatClipPaths(coords, ringStart, partStart[featureStart[i]!]!, partStart[featureStart[i + 1]!]!, origin), zonePaths, origin);
    const planarAreaM2 = planarArea(pieces);
    if (planarAreaM2 <= 0) continue;
    const figures = areaFigures(planarAreaM2);
    overlaps.push({
      layerId: store.id,
      layerKind: store.kind,
      featureId: store.ids[i]!,
      featureIndex: i,
      planarAreaM2,
      ellipsoidalAreaM2: ellipsoidalArea(pieces, store.crs),
      areaMu: figures.mu,
      areaHa: figures.ha,
      shareOfCase: caseAreaM2 > 0 ? planarAreaM2 / caseAreaM2 : 0,
      attributes: store.attributes[i]!,
      mapped: mappedAttributes(layer, i),
      pieces,
    });
  }
  return overlaps;
}
