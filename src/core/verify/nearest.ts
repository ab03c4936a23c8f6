import type { Bbox } from '../crs/detect';
import type { MultiRings } from '../geometry/clip';
import { featurePolygons, storeIndex } from '../store/layerStore';
import type { VerifyLayer } from './overlay';
import type { Nearest } from './types';

// How far a case zone is from the nearest feature of a layer it does not overlap, and the distance between
// two polygon sets. Exact: the shortest vertex-to-edge distance both ways (for shapes that do not cross, the
// boundaries' distance is reached at a vertex of one of them). Most work is skipped by bounds that cannot
// change the answer: a box farther than the best distance so far cannot hold a nearer vertex or feature.

/** The nearest pair so far: its squared distance and offsets (the distance is Math.hypot of them, as before). */
interface Best {
  sq: number;
  ex: number;
  ey: number;
}

/** Lowers `best` to the distance from (px, py) to the segment (ax, ay)–(bx, by) when that is nearer. */
function toSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number, best: Best): void {
  const dx = bx - ax, dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSq;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = px - ax - t * dx, ey = py - ay - t * dy;
  const sq = ex * ex + ey * ey;
  if (sq < best.sq) {
    best.sq = sq;
    best.ex = ex;
    best.ey = ey;
  }
}

/** Squared distance from a point to a box (0 inside). */
function boxDistanceSq(px: number, py: number, box: Bbox): number {
  const dx = px < box[0] ? box[0] - px : px > box[2] ? px - box[2] : 0;
  const dy = py < box[1] ? box[1] - py : py > box[3] ? py - box[3] : 0;
  return dx * dx + dy * dy;
}

/** Distance between two boxes (0 when they meet). */
function boxGap(a: Bbox, b: ArrayLike<number>, o: number): number {
  const dx = Math.max(0, b[o]! - a[2], a[0] - b[o + 2]!);
  const dy = Math.max(0, b[o + 1]! - a[3], a[1] - b[o + 3]!);
  return Math.hypot(dx, dy);
}

/** Every vertex's box, of all rings (holes included: their edges are boundary too). */
function ringsBox(polygons: MultiRings): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) for (const ring of rings) for (const [x, y] of ring) {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return box;
}

/** Lowers `best` to the nearest distance from the vertices of `from` to the edges of `to`. */
function vertexToEdge(from: MultiRings, to: MultiRings, toBox: Bbox, best: Best): void {
  for (const rings of from) for (const ring of rings) for (const [px, py] of ring) {
    // No edge of `to` is nearer than its box.
    if (boxDistanceSq(px, py, toBox) >= best.sq) continue;
    for (const other of to) for (const edge of other) {
      for (let k = 0; k < edge.length - 1; k++) {
        const a = edge[k]!, b = edge[k + 1]!;
        toSegment(px, py, a[0], a[1], b[0], b[1], best);
      }
    }
  }
}

/** Shortest distance between the boundaries of two polygon sets that do not overlap. */
export function polygonDistance(a: MultiRings, b: MultiRings): number {
  const best: Best = { sq: Infinity, ex: Infinity, ey: Infinity };
  vertexToEdge(a, b, ringsBox(b), best);
  vertexToEdge(b, a, ringsBox(a), best);
  return Math.hypot(best.ex, best.ey);
}

/**
 * The nearest feature of a layer to a zone it does not overlap: the `candidates` features whose boxes are
 * nearest the zone's centre, then the exact distance to each, skipping those whose box is already farther
 * than the best (it cannot be nearer). Ties keep the first in the index's order.
 */
export function nearestFeature(layer: VerifyLayer, zone: MultiRings, zoneBbox: Bbox, candidates = 16): Nearest | null {
  const { store } = layer;
  if (store.featureCount === 0) return null;
  const cx = (zoneBbox[0] + zoneBbox[2]) / 2, cy = (zoneBbox[1] + zoneBbox[3]) / 2;
  const near = storeIndex(store).neighbors(cx, cy, candidates);
  let best: Nearest | null = null;
  for (const i of near) {
    if (best && boxGap(zoneBbox, store.bbox, i * 4) >= best.distanceM) continue;
    const polygons = featurePolygons(store, i);
    if (polygons.length === 0) continue;
    const distanceM = polygonDistance(zone, polygons);
    if (!best || distanceM < best.distanceM) best = { layerId: store.id, featureId: store.ids[i]!, distanceM };
  }
  return best;
}
