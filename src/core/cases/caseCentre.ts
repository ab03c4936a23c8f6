import type { CaseRecord, Position } from '../model';

// One point that stands for a case's location, for repeat distances and the ledger's longitude and
// latitude columns. A point is itself; a polygon its area centroid (the middle of the land complained
// of, where a vertex would be an arbitrary corner); a line the length-weighted midpoint of its segments.

function ringCentroid(ring: readonly Position[]): Position | null {
  // Relative to the first vertex, so large projected coordinates do not lose precision in the products.
  const [x0, y0] = ring[0]!;
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i]![0] - x0, ay = ring[i]![1] - y0;
    const bx = ring[i + 1]![0] - x0, by = ring[i + 1]![1] - y0;
    const cross = ax * by - bx * ay;
    twiceArea += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (twiceArea === 0) return null;
  return [x0 + cx / (3 * twiceArea), y0 + cy / (3 * twiceArea)];
}

function lineCentroid(line: readonly Position[]): Position | null {
  let length = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!, b = line[i + 1]!;
    const l = Math.hypot(b[0] - a[0], b[1] - a[1]);
    length += l;
    cx += ((a[0] + b[0]) / 2) * l;
    cy += ((a[1] + b[1]) / 2) * l;
  }
  return length === 0 ? null : [cx / length, cy / length];
}

/**
 * The centre of a case's geometry in the coordinates it is given in (transform the geometry first to
 * measure in metres). A degenerate polygon or line falls back to its first vertex. Holes are ignored:
 * a case polygon is drawn by an officer round one piece of land.
 */
export function caseCentre(geometry: CaseRecord['geometry']): [number, number] {
  const g = geometry;
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  const vertices = g.type === 'LineString' ? g.coordinates : (g.coordinates[0] ?? []);
  if (vertices.length === 0) return [NaN, NaN];
  const centre = g.type === 'LineString' ? lineCentroid(vertices) : ringCentroid(vertices);
  const p = centre ?? vertices[0]!;
  return [p[0], p[1]];
}
