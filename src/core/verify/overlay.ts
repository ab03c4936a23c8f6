import { areaFigures, ellipsoidalAreaOfLonLat, planarAreaOfProjected } from '../crs/area';
import { transformBetween } from '../crs/reproject';
import { intersect } from '../geometry/clip';
import type { MultiRings } from '../geometry/clip';
import type { Bbox } from '../crs/detect';
import type { MultiPolygon, Position } from '../model';
import { featurePolygons, searchStore, storeIndex } from '../store/layerStore';
import type { LayerStore } from '../store/layerStore';
import type { Nearest, Overlap } from './types';

// One case zone against one layer: the exact overlap polygons with their planar and ellipsoidal areas,
// or, when nothing overlaps, the nearest feature and its distance.

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
  const toLonLat = transformBetween(crs, 'EPSG:4490');
  const lonLat: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons.map((rings) => rings.map((ring) => ring.map(toLonLat))) };
  return ellipsoidalAreaOfLonLat(lonLat);
}

function mappedAttributes(layer: VerifyLayer, i: number): Record<string, string | number | boolean | null> {
  const attributes = layer.store.attributes[i]!;
  return Object.fromEntries(Object.entries(layer.fields).map(([canonical, source]) => [canonical, attributes[source] ?? null]));
}

export function overlayLayer(layer: VerifyLayer, zone: MultiRings, zoneBbox: Bbox, caseAreaM2: number): Overlap[] {
  const { store } = layer;
  const origin: Position = [zoneBbox[0], zoneBbox[1]];
  const overlaps: Overlap[] = [];
  for (const i of searchStore(store, ...zoneBbox).sort((a, b) => a - b)) {
    const pieces = intersect(featurePolygons(store, i), zone, origin);
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

function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Shortest distance between the boundaries of two polygon sets that do not overlap. */
export function polygonDistance(a: MultiRings, b: MultiRings): number {
  let best = Infinity;
  const visit = (from: MultiRings, to: MultiRings) => {
    for (const rings of from) for (const ring of rings) for (const p of ring) {
      for (const other of to) for (const edge of other) for (let k = 0; k < edge.length - 1; k++) {
        const d = segmentDistance(p, edge[k]!, edge[k + 1]!);
        if (d < best) best = d;
      }
    }
  };
  visit(a, b);
  visit(b, a);
  return best;
}

/** The nearest feature of a layer to a zone it does not overlap (bbox candidates, then exact distance). */
export function nearestFeature(layer: VerifyLayer, zone: MultiRings, zoneBbox: Bbox, candidates = 16): Nearest | null {
  const { store } = layer;
  if (store.featureCount === 0) return null;
  const cx = (zoneBbox[0] + zoneBbox[2]) / 2, cy = (zoneBbox[1] + zoneBbox[3]) / 2;
  const near = storeIndex(store).neighbors(cx, cy, candidates);
  let best: Nearest | null = null;
  for (const i of near) {
    const polygons = featurePolygons(store, i);
    if (polygons.length === 0) continue;
    const distanceM = polygonDistance(zone, polygons);
    if (!best || distanceM < best.distanceM) best = { layerId: store.id, featureId: store.ids[i]!, distanceM };
  }
  return best;
}
