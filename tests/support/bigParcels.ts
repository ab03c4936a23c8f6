// A seeded synthetic parcel layer of any size (Voronoi cells of about 1,000 m², 6–9 vertices, with a
// 宗地代码 each) written as FlatGeobuf in CGCS2000 lon/lat: the large layer of the performance e2e.
// Cached under .tmp/ by size and seed, since a million parcels take a while to make.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Delaunay } from 'd3-delaunay';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import seedrandom from 'seedrandom';
import { transformBetween } from '../../src/core';
import type { Position } from '../../src/core';
import { ROOT } from './paths';

/** South-west corner of the synthetic county, EPSG:4547 metres (near the sample county). */
const ORIGIN: Position = [520_000, 3_330_000];

export function bigParcelsFile(count: number, seed = 'landcheck-e2e'): string {
  const dir = join(ROOT, '.tmp', 'e2e-cache');
  const file = join(dir, `parcels-${count}-${seed}.fgb`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const random = seedrandom(`${seed}-${count}`);
  const toLonLat = transformBetween('EPSG:4547', 'EPSG:4490');
  const side = Math.sqrt(count * 1000);
  const points = new Float64Array(count * 2);
  for (let i = 0; i < count * 2; i++) points[i] = random() * side;
  const voronoi = new Delaunay(points).voronoi([0, 0, side, side]);
  const features = new Array(count);
  for (let i = 0; i < count; i++) {
    const cell = voronoi.cellPolygon(i) as unknown as Position[];
    features[i] = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cell.map(([x, y]) => toLonLat([ORIGIN[0] + x, ORIGIN[1] + y]))] },
      properties: { ZDDM: `421102${String(i).padStart(13, '0')}` },
    };
  }
  const bytes = serialize({ type: 'FeatureCollection', features } as never, 4490);
  writeFileSync(`${file}.part`, bytes);
  renameSync(`${file}.part`, file);
  return file;
}

/** Lon/lat extent of the synthetic county (corners of its square). */
export function bigParcelsBbox(count: number): [number, number, number, number] {
  const toLonLat = transformBetween('EPSG:4547', 'EPSG:4490');
  const side = Math.sqrt(count * 1000);
  const a = toLonLat(ORIGIN), b = toLonLat([ORIGIN[0] + side, ORIGIN[1] + side]);
  return [a[0], a[1], b[0], b[1]];
}
