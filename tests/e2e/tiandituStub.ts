import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';

// A stand-in for a Tianditu (intranet mirror) WMTS server, for end-to-end tests without a network: it answers
// /<layer>_<set>/wmts?…TILEMATRIXSET=<set>&TILEMATRIX=&TILEROW=&TILECOL=&tk= with PNG tiles drawn from known
// lines, in the tile matrix the set names: `c` lon/lat (origin −180°, 90°; level L tiles of 180/2^(L−1)°) or
// `w` Web Mercator. Base layers (vec, img) are opaque with a faint 0.01° grid and a red parallel at LINE_LAT;
// annotation layers (cva, cia) are transparent with a blue meridian at LINE_LON. A wrong key gets 403.

export const LINE_LAT = 30.5;
export const LINE_LON = 114.9;
export const RED: [number, number, number] = [220, 30, 30];
export const BLUE: [number, number, number] = [30, 60, 220];

export interface TiandituStub {
  url: string;
  /** Every tile request, path and query as received. */
  requests: string[];
  close: () => Promise<void>;
}

const latAtMercatorY = (worldY: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * worldY))) * 180) / Math.PI;

/** Pixel edges of a tile: longitudes of its 257 column edges and latitudes of its 257 row edges. */
function edges(set: 'c' | 'w', level: number, row: number, col: number): { lons: number[]; lats: number[] } {
  const k = [...Array(257).keys()];
  if (set === 'c') {
    const span = 180 / 2 ** (level - 1);
    return { lons: k.map((i) => -180 + (col + i / 256) * span), lats: k.map((j) => 90 - (row + j / 256) * span) };
  }
  const n = 2 ** level;
  return { lons: k.map((i) => ((col + i / 256) / n) * 360 - 180), lats: k.map((j) => latAtMercatorY((row + j / 256) / n)) };
}

/** Pixels whose centre lies within 1.5 pixels of a value: a 3-pixel band centred on the line. */
function band(edgesOf: number[], value: number): Set<number> {
  const out = new Set<number>();
  for (let p = 0; p < 256; p++) {
    const centre = (edgesOf[p]! + edgesOf[p + 1]!) / 2;
    if (Math.abs(centre - value) < 1.5 * Math.abs(edgesOf[p + 1]! - edgesOf[p]!)) out.add(p);
  }
  return out;
}

/** Pixels crossed by a multiple of `step`. */
function grid(edgesOf: number[], step: number): Set<number> {
  const out = new Set<number>();
  for (let p = 0; p < 256; p++) if (Math.floor(edgesOf[p]! / step) !== Math.floor(edgesOf[p + 1]! / step)) out.add(p);
  return out;
}

export function drawTile(layer: string, set: 'c' | 'w', level: number, row: number, col: number): Buffer {
  const { lons, lats } = edges(set, level, row, col);
  const image = new PNG({ width: 256, height: 256 });
  const annotation = layer === 'cva' || layer === 'cia';
  const ground: [number, number, number] = layer === 'img' ? [118, 132, 104] : [244, 241, 232];
  const gridRows = grid(lats, 0.01);
  const gridCols = grid(lons, 0.01);
  const lineRows = band(lats, LINE_LAT);
  const lineCols = band(lons, LINE_LON);
  for (let j = 0; j < 256; j++) {
    for (let i = 0; i < 256; i++) {
      const o = (j * 256 + i) * 4;
      let pixel: [number, number, number, number];
      if (annotation) pixel = lineCols.has(i) ? [...BLUE, 255] : [0, 0, 0, 0];
      else if (lineRows.has(j)) pixel = [...RED, 255];
      else if (gridRows.has(j) || gridCols.has(i)) pixel = [ground[0] - 40, ground[1] - 40, ground[2] - 40, 255];
      else pixel = [...ground, 255];
      image.data.set(pixel, o);
    }
  }
  return PNG.sync.write(image);
}

export async function startTiandituStub(key: string): Promise<TiandituStub> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const headers = { 'Access-Control-Allow-Origin': '*' };
    const path = /^\/(vec|img|cva|cia)_(w|c)\/wmts$/.exec(url.pathname);
    const param = (name: string) => [...url.searchParams].find(([k]) => k.toLowerCase() === name)?.[1];
    if (!path) {
      response.writeHead(404, headers).end();
      return;
    }
    requests.push(`${url.pathname}${url.search}`);
    if (param('tk') !== key) {
      response.writeHead(403, { ...headers, 'Content-Type': 'application/json' }).end('{"msg":"权限类型错误","code":"403"}');
      return;
    }
    const [, layer, set] = path as unknown as [string, string, 'c' | 'w'];
    if (param('tilematrixset') !== set || param('layer') !== layer) {
      response.writeHead(400, headers).end();
      return;
    }
    const tile = drawTile(layer, set, Number(param('tilematrix')), Number(param('tilerow')), Number(param('tilecol')));
    response.writeHead(200, { ...headers, 'Content-Type': 'image/png', 'Content-Length': tile.length }).end(tile);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
