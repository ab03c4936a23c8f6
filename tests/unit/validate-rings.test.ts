import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { repeatedVertex, validateFeatures } from '../../src/core';
import type { Position } from '../../src/core';

// The repeated-vertex check (a ring touching itself at a vertex) on hand-made rings, then on seeded rings
// short and long against the plain definition written here: the first vertex equal to an earlier one that is
// not its own predecessor.

function firstRepeat(ring: Position[]): Position | null {
  for (let i = 1; i < ring.length - 1; i++) {
    const p = ring[i]!, prev = ring[i - 1]!;
    if (prev[0] === p[0] && prev[1] === p[1]) continue;
    for (let j = 0; j < i; j++) if (ring[j]![0] === p[0] && ring[j]![1] === p[1]) return p;
  }
  return null;
}

const close = (ring: Position[]) => [...ring, ring[0]!];

describe('repeatedVertex', () => {
  it('finds a figure-eight\'s middle vertex and lets a doubled point pass', () => {
    const eight = close([[0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4]]);
    expect(repeatedVertex(eight)).toEqual([2, 2]);
    expect(repeatedVertex(close([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1]]))).toBeNull();
  });

  it('agrees with the definition on seeded rings of 4 to 400 vertices, on a coarse grid so repeats happen', () => {
    const random = seedrandom('repeated-vertex');
    let repeats = 0;
    for (let k = 0; k < 3000; k++) {
      const n = 3 + Math.floor(random() ** 2 * 400);
      const grid = 2 + Math.floor(random() * Math.sqrt(n) * 3);
      const ring: Position[] = [];
      for (let i = 0; i < n; i++) {
        // Now and then the point just before again (a doubled point).
        ring.push(i > 0 && random() < 0.1 ? [...ring[i - 1]!] as Position : [Math.floor(random() * grid), Math.floor(random() * grid)]);
      }
      const closed = close(ring);
      const expected = firstRepeat(closed);
      if (expected) repeats++;
      expect(repeatedVertex(closed)).toEqual(expected);
    }
    expect(repeats).toBeGreaterThan(500);
    expect(repeats).toBeLessThan(2900);
  });

  it('makes a polygon touching itself a self-intersection problem', () => {
    const eight = close([[0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4]]);
    const problems = validateFeatures({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [eight] } }] });
    expect(problems.map((p) => p.kind)).toEqual(['self_intersection']);
  });
});
