import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { nearestFeature, polygonDistance } from '../../src/core/verify/nearest';
import type { MultiRings, Position } from '../../src/core';
import { storeOf } from '../support/planarStore';
import type { Part } from '../support/planarStore';

// The nearest feature and the distance between polygon sets: hand-computed cases, then seeded random layers
// against a brute force written here (every vertex against every edge, both ways, over every feature).

const square = (x: number, y: number, side: number): Position[] => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];

function bruteDistance(a: MultiRings, b: MultiRings): number {
  let best = Infinity;
  const one = (p: Position, q: Position, r: Position) => {
    const dx = r[0] - q[0], dy = r[1] - q[1], len = dx * dx + dy * dy;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - q[0]) * dx + (p[1] - q[1]) * dy) / len));
    return Math.hypot(p[0] - q[0] - t * dx, p[1] - q[1] - t * dy);
  };
  for (const [from, to] of [[a, b], [b, a]] as const) {
    for (const p of from.flat(2)) for (const ring of to.flat(1)) for (let k = 0; k < ring.length - 1; k++) best = Math.min(best, one(p, ring[k]!, ring[k + 1]!));
  }
  return best;
}

/** A ring of n vertices around (cx, cy) with radii in [r/2, r]: star-shaped, so never self-crossing. */
function blob(random: () => number, cx: number, cy: number, r: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n, radius = r * (0.5 + 0.5 * random());
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return [...ring, ring[0]!];
}

describe('polygonDistance', () => {
  it('measures to the nearest edge, not the nearest vertex', () => {
    // A square 10 m east of a triangle's tip: the tip meets the square's west edge between its corners.
    const tri: MultiRings = [[[[0, 0], [5, 5], [0, 10], [0, 0]]]];
    expect(polygonDistance(tri, [[square(15, -20, 50)]])).toBeCloseTo(10, 12);
    expect(polygonDistance([[square(15, -20, 50)]], tri)).toBeCloseTo(10, 12);
  });

  it('counts a hole\'s edges: a parcel inside a hole is as near as the hole\'s rim', () => {
    const withHole: MultiRings = [[square(0, 0, 100), square(20, 20, 60).reverse()]];
    expect(polygonDistance(withHole, [[square(45, 45, 10)]])).toBeCloseTo(25, 12);
  });

  it('agrees with the brute force on seeded shapes', () => {
    const random = seedrandom('nearest-distance');
    for (let k = 0; k < 300; k++) {
      const a: MultiRings = [[blob(random, 0, 0, 50, 3 + Math.floor(random() * 60))]];
      const b: MultiRings = [[blob(random, 120 + random() * 200, (random() - 0.5) * 300, 40, 3 + Math.floor(random() * 40))], [blob(random, -200, 200, 30, 7)]];
      expect(polygonDistance(a, b)).toBeCloseTo(bruteDistance(a, b), 9);
    }
  });
});

describe('nearestFeature', () => {
  it('finds the nearest of a seeded layer, as the brute force over every feature does', () => {
    const random = seedrandom('nearest-feature');
    const features: Part[][] = [];
    for (let i = 0; i < 250; i++) features.push([[blob(random, random() * 4000, random() * 4000, 10 + random() * 60, 4 + Math.floor(random() * 30))]]);
    const store = storeOf(features);
    for (let k = 0; k < 50; k++) {
      const zone: MultiRings = [[blob(random, random() * 4000, random() * 4000, 20, 64)]];
      const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const [x, y] of zone[0]![0]!) { box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y); }
      const distances = features.map((f) => bruteDistance(zone, f));
      const best = Math.min(...distances);
      const found = nearestFeature({ store, fields: {} }, zone, box)!;
      expect(found.distanceM).toBeCloseTo(best, 9);
      expect(distances[Number(found.featureId.slice(1)) - 1]).toBeCloseTo(best, 9);
    }
  });

  it('has nothing to say of an empty layer', () => {
    expect(nearestFeature({ store: storeOf([]), fields: {} }, [[square(0, 0, 1)]], [0, 0, 1, 1])).toBeNull();
  });
});
