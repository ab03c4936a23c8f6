import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { featurePolygons, locatePoints, storeFeatureContains } from '../../src/core';
import type { LayerStore, Position } from '../../src/core';

// Points in polygons over the store's typed arrays: hand-built squares, holes and multipolygons with known
// answers (edges included), then a seeded Voronoi layer against turf's booleanPointInPolygon.

type Part = Position[][];

/** A store straight from planar parts (features of one or more parts, rings as given). */
function storeOf(features: Part[][]): LayerStore {
  const coords: number[] = [], ringStart: number[] = [], partStart: number[] = [], featureStart: number[] = [], bbox: number[] = [];
  const index = new Flatbush(Math.max(1, features.length));
  for (const parts of features) {
    featureStart.push(partStart.length);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const rings of parts) {
      partStart.push(ringStart.length);
      for (const ring of rings) {
        ringStart.push(coords.length / 2);
        for (const [x, y] of ring) {
          coords.push(x!, y!);
          minX = Math.min(minX, x!); minY = Math.min(minY, y!); maxX = Math.max(maxX, x!); maxY = Math.max(maxY, y!);
        }
      }
    }
    bbox.push(minX, minY, maxX, maxY);
    if (minX > maxX) index.add(Infinity, Infinity, Infinity, Infinity);
    else index.add(minX, minY, maxX, maxY);
  }
  featureStart.push(partStart.length);
  partStart.push(ringStart.length);
  ringStart.push(coords.length / 2);
  if (features.length === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  return {
    id: 't', kind: 'real_estate', crs: 'EPSG:4547', featureCount: features.length, coords: new Float64Array(coords), ringStart: new Uint32Array(ringStart),
    partStart: new Uint32Array(partStart), featureStart: new Uint32Array(featureStart), bbox: new Float64Array(bbox), index: index.data as ArrayBuffer,
    ids: features.map((_, i) => `#${i + 1}`), attributes: features.map(() => ({})),
  };
}

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
