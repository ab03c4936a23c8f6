import { areaFigures, ellipsoidalAreaOfPlanar, planarAreaOfProjected } from '../crs/area';
import { transformBetween } from '../crs/reproject';
import type { PositionTransform } from '../crs/reproject';
import { clipPaths, flatClipPaths, intersectPaths } from '../geometry/clip';
import type { MultiRings } from '../geometry/clip';
import type { Bbox } from '../crs/detect';
import type { Position } from '../model';
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
  return ellipsoidalAreaOfPlanar(polygons, transformBetween(crs, 'EPSG:4490'));
}

type Mapped = Record<string, string | number | boolean | null>;

/** Canonical field → attribute value of feature i (what Object.fromEntries of the mapping gives, key for key). */
function mappedAttributes(fields: [string, string][], attributes: Mapped): Mapped {
  const mapped: Mapped = {};
  for (const [canonical, source] of fields) {
    const value = attributes[source] ?? null;
    // Plain assignment to "__proto__" would set the prototype; fromEntries makes it an own property.
    if (canonical === '__proto__') Object.defineProperty(mapped, canonical, { value, enumerable: true, writable: true, configurable: true });
    else mapped[canonical] = value;
  }
  return mapped;
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
  let toLonLat: PositionTransform | null = null;
  const fields = Object.entries(layer.fields);
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
      ellipsoidalAreaM2: ellipsoidalAreaOfPlanar(pieces, (toLonLat ??= transformBetween(store.crs, 'EPSG:4490'))),
      areaMu: figures.mu,
      areaHa: figures.ha,
      shareOfCase: caseAreaM2 > 0 ? planarAreaM2 / caseAreaM2 : 0,
      attributes: store.attributes[i]!,
      mapped: mappedAttributes(fields, store.attributes[i]!),
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
