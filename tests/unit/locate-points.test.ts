import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { Delaunay } from 'd3-delaunay';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { featurePolygons, locatePoints, storeFeatureContains } from '../../src/core';
import type { LayerStore, Position } from '../../src/core';
import { storeOf } from '../support/planarStore';
import type { Part } from '../support/planarStore';
import { boxHolds, buildPointGrid, cellAt, inCell, subColumn, subRow } from '../../src/core/store/pointGrid';

// Points in polygons over the store's typed arrays: hand-built squares, holes and multipolygons with known
// answers (edges included), then a seeded Voronoi layer against turf's booleanPointInPolygon; and the point grid
// (pointGrid.ts) against plain bbox comparisons.



const square = (x: number, y: number, side: number): Position[] => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];
const locate = (store: LayerStore, points: Position[]) => [...locatePoints(store, new Float64Array(points.flat()))];

describe('locatePoints', () => {
  const store = storeOf([
    [[square(0, 0, 10), square(3, 3, 4).reverse()]], // 0: 10 × 10 with a 4 × 4 hole
    [[square(20, 0, 2)], [square(30, 0, 3)]], // 1: two parts
    [], // 2: empty
    [[square(4, 4, 2)]], // 3: inside 0's hole
    [[square(10, 0, 10)]], // 4: 0's right-hand neighbour, sharing the edge x = 10
    [[square(30, 0, 3)]], // 5: the same square as 1's second part (1 comes first)
    [[square(40, 0, 10), square(42, 2, 2), square(46, 6, 2)]], // 6: two holes, rings not closed below
  ]);

  it('finds points in polygons, holes and parts', () => {
    expect(locate(store, [[1, 1], [5, 1], [3.5, 3.5], [5, 5], [6.5, 6.5], [21, 1], [31, 1], [25, 1], [-5, -5], [100, 100]]))
      .toEqual([0, 0, -1, 3, -1, 1, 1, -1, -1, -1]);
  });

  it('handles several holes and rings without a closing vertex', () => {
    const open = storeOf([[[square(40, 0, 10).slice(0, 4), square(42, 2, 2).slice(0, 4), square(46, 6, 2).slice(0, 4)]]]);
    const points: Position[] = [[41, 1], [43, 3], [47, 7], [45, 5], [49, 9]];
    expect(locate(store, points)).toEqual([6, -1, -1, 6, 6]);
    expect(locate(open, points)).toEqual([0, -1, -1, 0, 0]);
  });

  it('gives the lowest index when features overlap', () => {
    expect(locate(store, [[31.5, 1.5]])).toEqual([1]);
  });

  it('puts points on edges by the half-open rule: left and bottom in, right and top out; a shared edge goes to the +x side', () => {
    const single = storeOf([[[square(0, 0, 10)]]]);
    expect(locate(single, [[0, 5], [5, 0], [0, 0], [10, 5], [5, 10], [10, 10], [10, 0], [0, 10]])).toEqual([0, 0, 0, -1, -1, -1, -1, -1]);
    // x = 10 is shared by 0 and 4: the point is in 4 only. y = 10 (top of both) is in neither.
    expect(locate(store, [[10, 5], [10, 0], [10, 10]])).toEqual([4, 4, -1]);
    // Four squares meeting at a vertex: every point on the cross belongs to exactly one.
    const grid = storeOf([[[square(0, 0, 1)]], [[square(1, 0, 1)]], [[square(0, 1, 1)]], [[square(1, 1, 1)]]]);
    expect(locate(grid, [[1, 1], [1, 0.5], [0.5, 1], [1, 1.5], [1.5, 1]])).toEqual([3, 1, 2, 3, 3]);
  });

  it('gives -1 for NaN and for an empty layer', () => {
    expect(locate(store, [[NaN, 1], [1, NaN]])).toEqual([-1, -1]);
    expect(locate(storeOf([]), [[1, 1]])).toEqual([-1]);
  });

  it('agrees with turf on a seeded Voronoi layer; shared edges and vertices fall in exactly one parcel', () => {
    const random = seedrandom('locate-points-voronoi');
    const n = 3000, side = Math.sqrt(n * 1000);
    const seeds = new Float64Array(n * 2).map(() => random() * side);
    const voronoi = new Delaunay(seeds).voronoi([0, 0, side, side]);
    const parcels = storeOf(Array.from({ length: n }, (_, i) => [[(voronoi.cellPolygon(i) as unknown as Position[]).map(([x, y]) => [560_000 + x!, 3_340_000 + y!])]]));
    const points: Position[] = Array.from({ length: 5000 }, () => [560_000 + random() * side * 1.02 - side * 0.01, 3_340_000 + random() * side * 1.02 - side * 0.01]);
    const found = locate(parcels, points);
    const turfPolygons = Array.from({ length: n }, (_, i) => polygon(featurePolygons(parcels, i)[0]!));
    let outside = 0;
    points.forEach(([x, y], k) => {
      let expected = -1;
      for (let i = 0; i < n && expected < 0; i++) {
        const b = parcels.bbox.subarray(i * 4, i * 4 + 4);
        if (x! >= b[0]! && x! <= b[2]! && y! >= b[1]! && y! <= b[3]! && booleanPointInPolygon(point([x!, y!]), turfPolygons[i]!)) expected = i;
      }
      if (expected < 0) outside++;
      expect(found[k], `point ${k}`).toBe(expected);
    });
    expect(outside).toBeGreaterThan(0); // the margin outside the county is tested too
    // Every parcel vertex (a point on two or more edges) is in at most one parcel by the rule, and a vertex
    // strictly inside the county in exactly one.
    const holders: number[] = [];
    for (let v = 0; v < parcels.coords.length / 2; v += 3) {
      const x = parcels.coords[v * 2]!, y = parcels.coords[v * 2 + 1]!;
      let count = 0;
      for (let i = 0; i < n; i++) {
        const b = parcels.bbox.subarray(i * 4, i * 4 + 4);
        if (x >= b[0]! && x <= b[2]! && y >= b[1]! && y <= b[3]! && storeFeatureContains(parcels, i, x, y)) count++;
      }
      const inner = x > 560_000 && x < 560_000 + side && y > 3_340_000 && y < 3_340_000 + side;
      if (inner) holders.push(count);
      else expect(count).toBeLessThanOrEqual(1);
    }
    expect(new Set(holders)).toEqual(new Set([1]));
  });
});

/** A shuffled lattice of unit squares, cols × rows from (x0, y0): feature i is the square at `cells[i]`. */
function lattice(cols: number, rows: number, x0: number, y0: number, seed: string) {
  const random = seedrandom(seed);
  const cells = Array.from({ length: cols * rows }, (_, c) => [c % cols, Math.floor(c / cols)] as const);
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  const featureAt = new Map(cells.map(([cx, cy], i) => [`${cx},${cy}`, i]));
  return { store: storeOf(cells.map(([cx, cy]) => [[square(x0 + cx, y0 + cy, 1)]])), featureAt };
}

describe('locatePoints on its point grid', () => {
  it('puts every lattice vertex and edge midpoint in the square up and to the right of it, and the far edges nowhere', () => {
    const cols = 37, rows = 23, x0 = 500_000.25, y0 = 3_300_000.5;
    const { store, featureAt } = lattice(cols, rows, x0, y0, 'lattice');
    const points: Position[] = [], expected: number[] = [];
    for (let u = 0; u <= cols * 2; u++) {
      for (let v = 0; v <= rows * 2; v++) {
        // Half-unit steps: vertices, edge midpoints and square centres, the layer's outer edges included.
        points.push([x0 + u / 2, y0 + v / 2]);
        const cx = Math.floor(u / 2), cy = Math.floor(v / 2);
        expected.push(cx < cols && cy < rows ? featureAt.get(`${cx},${cy}`)! : -1);
      }
    }
    expect(locate(store, points)).toEqual(expected);
  });

  it('gives -1 outside the layer, at infinities and NaN; and finds the corner squares', () => {
    const { store, featureAt } = lattice(5, 4, 0, 0, 'small');
    const points: Position[] = [[-1e-9, 0], [0, -1e-9], [5, 0], [0, 4], [5 + 1e-9, 2], [2, 4 + 1e-9], [-1e12, 1e12],
      [Infinity, 1], [-Infinity, 1], [1, Infinity], [1, -Infinity], [NaN, NaN], [0, 0], [4.999, 3.999], [4.999, 0], [0, 3.999]];
    expect(locate(store, points)).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      featureAt.get('0,0'), featureAt.get('4,3'), featureAt.get('4,0'), featureAt.get('0,3')]);
  });

  it('skips empty features and finds nothing in a layer of empty features', () => {
    const store = storeOf([[], [[square(0, 0, 2)]], [], [[square(2, 0, 2)]], []]);
    expect(locate(store, [[1, 1], [3, 1], [2, 1], [4, 1], [1, 3]])).toEqual([1, 3, 3, -1, -1]);
    expect(locate(storeOf([[], [], []]), [[0, 0], [1, 1]])).toEqual([-1, -1]);
  });

  it('splits a square along its diagonal: a point on the diagonal goes to the triangle on its +x side', () => {
    // 0: lower-right triangle, 1: upper-left; rings left open, as some sources write them.
    const store = storeOf([[[[[0, 0], [1, 0], [1, 1]]]], [[[[0, 0], [1, 1], [0, 1]]]]]);
    expect(locate(store, [[0.5, 0.5], [0.25, 0.25], [0.9, 0.1], [0.1, 0.9], [0, 0], [1, 1], [0, 0.5], [0.5, 0]])).toEqual([0, 0, 0, 1, 0, -1, 1, 0]);
  });

  it('gives the lowest index where a huge feature overlaps many small ones, and where many huge ones overlap', () => {
    const small = Array.from({ length: 100 }, (_, i): Part[] => [[square((i % 10) * 10 + 1, Math.floor(i / 10) * 10 + 1, 8)]]);
    const big: Part[] = [[square(0, 0, 100)]];
    const store = storeOf([...small.slice(0, 50), big, ...small.slice(50)]);
    // Small squares 0–49 come before the big one (index 50); squares 50–99 (indices 51–100) are behind it.
    expect(locate(store, [[5, 5], [95, 5], [5, 95], [95, 95], [0.5, 0.5], [100, 50]])).toEqual([0, 9, 50, 50, 50, -1]);
    // 400 copies of one huge square and a few small ones: cells grow so the grid stays small, answers stay right.
    const copies = storeOf([...Array.from({ length: 400 }, () => big), ...small.slice(0, 3)]);
    const grid = buildPointGrid(copies);
    expect(grid.entries.length / 2).toBeLessThanOrEqual(16 * 403 + Math.ceil(403 / 8));
    expect(locate(copies, [[5, 5], [99.9, 99.9], [100, 100], [-1, 5]])).toEqual([0, 0, -1, -1]);
    // A small square, then 3000 copies of the huge one: cells of thousands of entries, so batches of points end
    // early; every point must still get its answer.
    const crowded = storeOf([[[square(10, 10, 1)]], ...Array.from({ length: 3000 }, () => big)]);
    const points: Position[] = Array.from({ length: 300 }, (_, k) => (k % 3 === 0 ? [10.5, 10.5] : k % 3 === 1 ? [k / 3, 99 - k / 4] : [100 + k, 5]));
    expect(locate(crowded, points)).toEqual(points.map((_, k) => (k % 3 === 0 ? 0 : k % 3 === 1 ? 1 : -1)));
  });

  it('gives a point in no bbox no candidate, and every feature whose bbox holds a point a candidate in its cell', () => {
    const random = seedrandom('point-grid');
    const n = 2000;
    const parts: Part[][] = Array.from({ length: n }, (_, i) => {
      if (i % 97 === 0) return []; // empty
      const w = random() ** 3 * 300, h = random() ** 3 * 300; // mostly small, a few wide
      const x = random() * 1000, y = random() * 1000;
      return [[[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]];
    });
    const store = storeOf(parts);
    // One feature with an infinite side (bad data), which the grid must still list wherever its bbox reaches.
    store.bbox.set([-Infinity, 400, 500, 420], 5 * 4);
    for (const featuresPerCell of [1, 8, 64]) {
      const grid = buildPointGrid(store, featuresPerCell);
      // Points on bbox sides and corners, and random ones, some outside the layer.
      const points: Position[] = Array.from({ length: 3000 }, (_, k) => {
        const i = Math.floor(random() * n);
        if (k % 3 === 0 && parts[i]!.length > 0) return [store.bbox[i * 4 + (k % 2 ? 0 : 2)]!, store.bbox[i * 4 + 1 + (k % 4 < 2 ? 0 : 2)]!];
        return [random() * 1200 - 100, random() * 1200 - 100];
      });
      points.push([-1e9, 410], [-Infinity, 410]);
      for (const [x, y] of points) {
        const holders: number[] = [];
        for (let i = 0; i < n; i++) {
          const b = store.bbox.subarray(i * 4, i * 4 + 4);
          if (x! >= b[0]! && y! >= b[1]! && x! <= b[2]! && y! <= b[3]!) holders.push(i);
        }
        const inBounds = x! >= grid.minX && x! <= grid.maxX && y! >= grid.minY && y! <= grid.maxY;
        if (!inBounds) {
          expect(holders, `(${x}, ${y}) outside the grid's bounds`).toEqual([]);
          continue;
        }
        const sx = subColumn(grid, x!), sy = subRow(grid, y!), cell = cellAt(sy) * grid.columns + cellAt(sx);
        const listed: number[] = [];
        for (let e = grid.cellStart[cell]!; e < grid.cellStart[cell + 1]!; e++) {
          if (boxHolds(grid.entries[e * 2 + 1]!, inCell(sx), inCell(sy))) listed.push(grid.entries[e * 2]!);
        }
        expect(listed, 'each cell lists its features in ascending order').toEqual([...listed].sort((a, b) => a - b));
        for (const i of holders) expect(listed, `feature ${i} at (${x}, ${y}), ${featuresPerCell} per cell`).toContain(i);
      }
    }
  });
});
