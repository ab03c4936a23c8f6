// The sample county's land: a Voronoi tessellation of land-use plots (三调 地类图斑) cut by a river and
// roads, with a town, an industrial park, villages, hills, orchards and ponds. Local metres from
// the south-west corner; the caller shifts them into EPSG:4547.
import { difference, feature, featureCollection } from '@turf/turf';
import { Delaunay } from 'd3-delaunay';
import type { MultiPolygon, Polygon, Position } from '../../src/core';
import { band, blob, distanceToLine, pointInRing } from './geometry';
import type { XY } from './geometry';

export const WIDTH_M = 5000;
export const HEIGHT_M = 4000;

export const TOWN = { name: '河口镇', centre: [3500, 2200] as XY, rx: 720, ry: 560 };
export const INDUSTRIAL_PARK = { minX: 4050, minY: 1650, maxX: 4700, maxY: 2150 };
export const PARK_CENTRE: XY = [3230, 2470];
export const VILLAGES: { name: string; code: string; centre: XY }[] = [
  { name: '李家湾村', code: '421102105201', centre: [900, 1600] },
  { name: '王家畈村', code: '421102105202', centre: [2300, 1150] },
  { name: '陈家岭村', code: '421102105203', centre: [1500, 2450] },
  { name: '张家塆村', code: '421102105204', centre: [4300, 3300] },
  { name: '刘家垸村', code: '421102105205', centre: [4400, 500] },
  { name: '周家冲村', code: '421102105206', centre: [2800, 3150] },
];
const HILLS = { maxX: 1750, minY: 2750 };
const ORCHARD: { centre: XY; r: number } = { centre: [2550, 3550], r: 260 };
const GRASSLAND: { centre: XY; r: number } = { centre: [4650, 3650], r: 230 };
/** General farmland (not basic farmland) kept near the town for the factory-on-farmland cases. */
export const GENERAL_FARMLAND_ZONE = { minX: 1900, minY: 1650, maxX: 2700, maxY: 2080 };

export const RIVER_LINE: XY[] = Array.from({ length: 51 }, (_, i) => {
  const x = (i / 50) * WIDTH_M;
  return [x, 700 + 140 * Math.sin(x / 700) + 50 * Math.sin(x / 230)];
});
export const MAIN_ROAD_LINE: XY[] = [[0, 2150], [1200, 2180], [2400, 2170], [3500, 2200], [4300, 2230], [5000, 2260]];
export const COUNTY_ROAD_LINE: XY[] = [[3520, 930], [3510, 1600], [3500, 2200], [3490, 3000], [3470, 4000]];
export const RURAL_ROAD_LINE: XY[] = [[900, 1600], [1050, 1900], [1200, 2180]];

export interface LandPlot {
  /** Plot number within the survey, 1-based. */
  no: number;
  code: string;
  seed: XY;
  geometry: Polygon | MultiPolygon;
  /** Owning collective (village) or the state. */
  owner: string;
  ownerCode: string;
  basicFarmland: boolean;
  /** Registered as a real-estate parcel (宗地). */
  registered: boolean;
  zone: 'town' | 'industrial' | 'village' | 'hills' | 'rural' | 'river' | 'road' | 'park';
}

const inTown = (p: XY, scale = 1) => ((p[0] - TOWN.centre[0]) / (TOWN.rx * scale)) ** 2 + ((p[1] - TOWN.centre[1]) / (TOWN.ry * scale)) ** 2 <= 1;
const inBox = (p: XY, b: { minX: number; minY: number; maxX: number; maxY: number }) => p[0] >= b.minX && p[0] <= b.maxX && p[1] >= b.minY && p[1] <= b.maxY;
const dist = (a: XY, b: XY) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function seeds(random: () => number): XY[] {
  const out: XY[] = [];
  const rural = 115;
  for (let y = rural / 2; y < HEIGHT_M; y += rural) {
    for (let x = rural / 2; x < WIDTH_M; x += rural) {
      const p: XY = [x + (random() - 0.5) * rural * 0.6, y + (random() - 0.5) * rural * 0.6];
      if (!inTown(p, 1.05) && !inBox(p, INDUSTRIAL_PARK)) out.push(p);
    }
  }
  const dense = 58;
  for (let y = TOWN.centre[1] - TOWN.ry * 1.1; y < TOWN.centre[1] + TOWN.ry * 1.1; y += dense) {
    for (let x = TOWN.centre[0] - TOWN.rx * 1.1; x < INDUSTRIAL_PARK.maxX + dense; x += dense) {
      const p: XY = [x + (random() - 0.5) * dense * 0.5, y + (random() - 0.5) * dense * 0.5];
      if (inTown(p, 1.05) || inBox(p, INDUSTRIAL_PARK)) out.push(p);
    }
  }
  return out;
}

function classify(p: XY, random: () => number): Pick<LandPlot, 'code' | 'zone'> {
  if (dist(p, PARK_CENTRE) < 75) return { code: '0810', zone: 'park' };
  if (inBox(p, INDUSTRIAL_PARK)) return { code: '0601', zone: 'industrial' };
  if (inTown(p)) {
    const nearMainRoad = distanceToLine(p, MAIN_ROAD_LINE) < 70;
    if (nearMainRoad) return { code: '05H1', zone: 'town' };
    const r = random();
    return { code: r < 0.82 ? '0701' : r < 0.94 ? '08H2' : '0809', zone: 'town' };
  }
  const village = VILLAGES.find((v) => dist(p, v.centre) < 150);
  if (village) return { code: '0702', zone: 'village' };
  if (p[0] < HILLS.maxX + (p[1] - HILLS.minY) * 0.3 && p[1] > HILLS.minY) {
    return { code: random() < 0.8 ? '0301' : '0305', zone: 'hills' };
  }
  if (dist(p, ORCHARD.centre) < ORCHARD.r) return { code: '0201', zone: 'rural' };
  if (dist(p, GRASSLAND.centre) < GRASSLAND.r) return { code: '0404', zone: 'rural' };
  if (distanceToLine(p, RIVER_LINE) < 110 && p[0] > 1900 && p[0] < 2700 && p[1] < 700 + 140 * Math.sin(p[0] / 700)) return { code: '1106', zone: 'river' };
  const r = random();
  if (r < 0.035) return { code: '1104', zone: 'rural' };
  if (r < 0.045) return { code: '1202', zone: 'rural' };
  if (inBox(p, GENERAL_FARMLAND_ZONE)) return { code: '0103', zone: 'rural' };
  const dryNearHills = p[0] < 2300 && p[1] > 2300;
  return { code: dryNearHills || r > 0.8 ? '0103' : '0101', zone: 'rural' };
}

function cut(geometry: Polygon | MultiPolygon, knife: Position[][]): (Polygon | MultiPolygon) | null {
  const knifePolygon: Polygon = { type: 'Polygon', coordinates: knife };
  const result = difference(featureCollection([feature(geometry as never), feature(knifePolygon as never)]) as never);
  return result ? (result.geometry as unknown as Polygon | MultiPolygon) : null;
}

function explode(geometry: Polygon | MultiPolygon): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry] : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return Math.abs(s / 2);
}

export interface Landscape {
  plots: LandPlot[];
  river: Polygon;
  roads: { code: string; name: string; geometry: Polygon | MultiPolygon }[];
  redLine: Polygon;
  urbanBoundary: Polygon;
}

export function makeLandscape(random: () => number): Landscape {
  const seedPoints = seeds(random);
  const voronoi = Delaunay.from(seedPoints).voronoi([0, 0, WIDTH_M, HEIGHT_M]);
  const river: Polygon = { type: 'Polygon', coordinates: [band(RIVER_LINE, 35)] };
  const roadBands: { code: string; name: string; ring: Position[] }[] = [
    { code: '1003', name: 'G347国道', ring: band(MAIN_ROAD_LINE, 12) },
    { code: '1003', name: 'X101县道', ring: band(COUNTY_ROAD_LINE, 8) },
    { code: '1006', name: '李家湾村机耕路', ring: band(RURAL_ROAD_LINE, 3) },
  ];
  const knives = [river.coordinates[0]!, ...roadBands.map((r) => r.ring)];
  const plots: LandPlot[] = [];
  seedPoints.forEach((seed, i) => {
    const cell = voronoi.cellPolygon(i) as unknown as Position[] | null;
    if (!cell) return;
    const { code, zone } = classify(seed, random);
    let geometry: Polygon | MultiPolygon | null = { type: 'Polygon', coordinates: [cell.map((p) => [p[0], p[1]])] };
    for (const knife of knives) {
      if (!geometry) break;
      geometry = cut(geometry, [knife]);
    }
    if (!geometry) return;
    for (const piece of explode(geometry)) {
      if (ringArea(piece.coordinates[0]!) < 30) continue; // drop slivers left by the cuts
      plots.push({ no: 0, code, seed, geometry: piece, owner: '', ownerCode: '', basicFarmland: false, registered: false, zone });
    }
  });
  // The river and roads are plots of their own; roads are cut by the river (bridges are not mapped).
  const roads = roadBands.map((r) => ({ code: r.code, name: r.name, geometry: cut({ type: 'Polygon', coordinates: [r.ring] }, [river.coordinates[0]!])! }));
  const clipToCounty = (ring: Position[]): Position[] => ring.map(([x, y]) => [Math.min(WIDTH_M, Math.max(0, x)), Math.min(HEIGHT_M, Math.max(0, y))]);
  const redLine: Polygon = { type: 'Polygon', coordinates: [clipToCounty(blob([620, 3560], 620, 430, random, 32, 0.1))] };
  const urbanBoundary: Polygon = { type: 'Polygon', coordinates: [blob([3880, 2180], 1030, 640, random, 36, 0.06)] };

  const townOwner = { owner: '国有', ownerCode: '421102105000' };
  for (const plot of plots) {
    const village = [...VILLAGES].sort((a, b) => dist(plot.seed, a.centre) - dist(plot.seed, b.centre))[0]!;
    const state = plot.zone === 'town' || plot.zone === 'industrial' || plot.zone === 'park' || plot.zone === 'river';
    Object.assign(plot, state ? townOwner : { owner: village.name, ownerCode: village.code });
    const farmland = plot.code === '0101' || plot.code === '0103';
    const nearSettlement = inTown(plot.seed, 1.35) || VILLAGES.some((v) => dist(plot.seed, v.centre) < 260);
    plot.basicFarmland = farmland && !nearSettlement && !inBox(plot.seed, GENERAL_FARMLAND_ZONE);
    plot.registered = ['0701', '05H1', '08H2', '0809', '0601', '0702'].includes(plot.code);
  }
  plots.push({ no: 0, code: '1101', seed: [0, 700], geometry: river, owner: '国有', ownerCode: '421102105000', basicFarmland: false, registered: false, zone: 'river' });
  for (const road of roads) {
    for (const piece of explode(road.geometry)) {
      plots.push({ no: 0, code: road.code, seed: piece.coordinates[0]![0] as XY, geometry: piece, owner: road.code === '1006' ? VILLAGES[0]!.name : '国有', ownerCode: road.code === '1006' ? VILLAGES[0]!.code : '421102105000', basicFarmland: false, registered: false, zone: 'road' });
    }
  }
  // Stable numbering from north-west to south-east, as survey plots are numbered.
  plots.sort((a, b) => b.seed[1] - a.seed[1] || a.seed[0] - b.seed[0]);
  plots.forEach((p, i) => (p.no = i + 1));
  return { plots, river, roads, redLine, urbanBoundary };
}

export { inTown, inBox, pointInRing };
