// Two small GeoTIFFs of the sample county, before and after: the land-use plots painted in the
// colours they have in each season, and every satellite patch's change painted on the after image.
import Flatbush from 'flatbush';
import { writeArrayBuffer } from 'geotiff';
import type { Polygon } from '../../src/core';
import { pointInPolygon } from './geometry';
import type { XY } from './geometry';
import { HEIGHT_M, WIDTH_M } from './landscape';
import type { LandPlot } from './landscape';
import type { Patch } from './scenarios';

export const PIXEL_M = 8;

type RGB = [number, number, number];
/** Ground colours in March (rapeseed in bloom, paddies bare) and June (crops green). */
const SEASON: Record<string, { before: RGB; after: RGB }> = {
  '0101': { before: [138, 128, 98], after: [88, 150, 70] },
  '0103': { before: [196, 192, 78], after: [120, 160, 75] },
  '0201': { before: [72, 112, 58], after: [66, 120, 56] },
  '0301': { before: [38, 78, 42], after: [34, 86, 40] },
  '0305': { before: [72, 100, 58], after: [70, 116, 60] },
  '0404': { before: [150, 148, 104], after: [122, 150, 82] },
  '05H1': { before: [172, 166, 160], after: [172, 166, 160] },
  '0601': { before: [186, 192, 204], after: [186, 192, 204] },
  '0701': { before: [152, 148, 146], after: [152, 148, 146] },
  '0702': { before: [168, 146, 134], after: [168, 146, 134] },
  '08H2': { before: [160, 150, 136], after: [160, 150, 136] },
  '0809': { before: [140, 140, 140], after: [140, 140, 140] },
  '0810': { before: [76, 128, 72], after: [64, 140, 66] },
  '1003': { before: [178, 178, 172], after: [178, 178, 172] },
  '1006': { before: [160, 150, 124], after: [160, 150, 124] },
  '1101': { before: [50, 80, 96], after: [46, 82, 100] },
  '1104': { before: [56, 92, 96], after: [50, 96, 98] },
  '1106': { before: [172, 162, 132], after: [150, 150, 118] },
  '1202': { before: [214, 214, 212], after: [218, 218, 216] },
};

/** What each patch type looks like from above once built (TBLX codes of DESIGN §2). */
const CHANGE: Record<string, RGB> = {
  '20': [70, 115, 190],
  YH: [206, 206, 200],
  DT: [150, 114, 80],
  TD: [162, 126, 90],
  CK: [192, 186, 176],
  GF: [36, 46, 78],
  KT: [44, 74, 92],
  SM: [44, 74, 92],
  ND: [178, 166, 140],
  DL2: [192, 192, 186],
};

function index(polys: { geometry: Polygon | { type: 'MultiPolygon'; coordinates: number[][][][] } }[]): Flatbush {
  const tree = new Flatbush(polys.length);
  for (const p of polys) {
    const rings = p.geometry.type === 'Polygon' ? p.geometry.coordinates : p.geometry.coordinates.flat();
    const xs = rings.flat().map((c) => c[0]!);
    const ys = rings.flat().map((c) => c[1]!);
    tree.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }
  tree.finish();
  return tree;
}

export interface ImagePair {
  width: number;
  height: number;
  before: Uint8Array;
  after: Uint8Array;
}

export function paintImages(plots: LandPlot[], patches: Patch[], random: () => number): ImagePair {
  const width = WIDTH_M / PIXEL_M;
  const height = HEIGHT_M / PIXEL_M;
  const plotIndex = index(plots as never);
  const patchIndex = index(patches);
  const before = new Uint8Array(width * height * 3);
  const after = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const p: XY = [(col + 0.5) * PIXEL_M, HEIGHT_M - (row + 0.5) * PIXEL_M];
      const plot = plotIndex.search(p[0], p[1], p[0], p[1]).map((i) => plots[i]!).find((pl) => pointInPolygon(p, pl.geometry));
      const season = SEASON[plot?.code ?? '0101'] ?? SEASON['0101']!;
      const patch = patchIndex.search(p[0], p[1], p[0], p[1]).map((i) => patches[i]!).find((pa) => pointInPolygon(p, pa.geometry));
      // Solar panels show as rows; everything gets a little texture so the image reads as ground.
      const striped = patch?.type === 'GF' && row % 3 === 0;
      const changed = patch ? (CHANGE[patch.type] ?? [200, 200, 200]) : season.after;
      const noise = () => Math.round((random() - 0.5) * 16);
      const o = (row * width + col) * 3;
      for (let b = 0; b < 3; b++) {
        const n = noise();
        before[o + b] = clamp(season.before[b]! + n);
        after[o + b] = clamp(changed[b]! + (striped ? 40 : 0) + n);
      }
    }
  }
  return { width, height, before, after };
}

const clamp = (v: number) => Math.max(1, Math.min(255, v)); // 0 is kept for "no data"

/** A GeoTIFF in EPSG:4547 with its upper-left corner at (west, north). */
export function geoTiff(pixels: Uint8Array, width: number, height: number, west: number, north: number): Uint8Array {
  const buffer = writeArrayBuffer(pixels as never, {
    width,
    height,
    ModelPixelScale: [PIXEL_M, PIXEL_M, 0],
    ModelTiepoint: [0, 0, 0, west, north, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 4547,
    GTCitationGeoKey: 'CGCS2000 / 3-degree Gauss-Kruger CM 114E',
  } as never);
  return new Uint8Array(buffer);
}
