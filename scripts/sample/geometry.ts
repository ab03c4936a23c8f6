// Plane geometry helpers for the generator, in Gauss-Kruger metres.
import { ellipsoidalAreaOfLonLat, mapGeometry, planarAreaOfProjected, transformBetween } from '../../src/core';
import type { MultiPolygon, Polygon, Position } from '../../src/core';

export type XY = [number, number];

/** Planar area of a polygon in its own projected metres, m² (the core's figure). */
export const planarAreaM2 = planarAreaOfProjected;

/** Ellipsoidal area on GRS80 (the CGCS2000 ellipsoid), m², of a polygon given in `crs` metres (the core's figure). */
export function ellipsoidalAreaM2(geometry: Polygon | MultiPolygon, crs: string): number {
  return ellipsoidalAreaOfLonLat(mapGeometry(geometry, transformBetween(crs, 'EPSG:4490')));
}

export function closeRing(points: XY[]): Position[] {
  const first = points[0]!;
  return [...points, [first[0], first[1]]];
}

/** A rectangle of w × h metres centred at c, turned by `angle` radians, as a closed ring. */
export function rotatedRect(c: XY, w: number, h: number, angle: number): Position[] {
  const cos = Math.cos(angle), sin = Math.sin(angle);
  const corners: XY[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  return closeRing(corners.map(([x, y]) => [c[0] + x * cos - y * sin, c[1] + x * sin + y * cos]));
}

/** A wobbly closed blob around c with radii rx, ry, from a seeded random source. */
export function blob(c: XY, rx: number, ry: number, random: () => number, vertices = 28, wobble = 0.12): Position[] {
  const phase = random() * Math.PI * 2;
  const pts: XY[] = [];
  for (let i = 0; i < vertices; i++) {
    const t = (i / vertices) * Math.PI * 2;
    const k = 1 + wobble * Math.sin(3 * t + phase) + (wobble / 2) * Math.sin(7 * t + 2 * phase);
    pts.push([c[0] + rx * k * Math.cos(t), c[1] + ry * k * Math.sin(t)]);
  }
  return closeRing(pts);
}

/** A band of half-width hw along a polyline, as a closed ring (for rivers and roads). */
export function band(line: XY[], hw: number): Position[] {
  const left: XY[] = [];
  const right: XY[] = [];
  line.forEach((p, i) => {
    const a = line[Math.max(0, i - 1)]!;
    const b = line[Math.min(line.length - 1, i + 1)]!;
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    const nx = -dy / len, ny = dx / len;
    left.push([p[0] + nx * hw, p[1] + ny * hw]);
    right.push([p[0] - nx * hw, p[1] - ny * hw]);
  });
  return closeRing([...left, ...right.reverse()]);
}

/** Distance from p to a polyline, m. */
export function distanceToLine(p: XY, line: XY[]): number {
  let best = Infinity;
  for (let i = 0; i < line.length - 1; i++) {
    const [ax, ay] = line[i]!, [bx, by] = line[i + 1]!;
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy));
  }
  return best;
}

/** Even-odd point-in-ring test. */
export function pointInRing(p: XY, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: XY, geometry: Polygon | MultiPolygon): boolean {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.some((rings) => pointInRing(p, rings[0]!) && !rings.slice(1).some((hole) => pointInRing(p, hole)));
}
