import type { AddProtocolAction } from 'maplibre-gl';
import { resamplePlan, resampleToMercator, TILE_SIZE } from './lonLatTiles';

// A maplibre protocol that shows geographic (lon/lat) WMTS tiles, Tianditu's "_c" sets, on the Web Mercator
// map: for each Mercator tile maplibre asks for, it fetches the covering c tiles, resamples them row by row
// (lonLatTiles.ts) and hands maplibre the finished tile as an ImageBitmap. Runs on the main thread, where
// maplibre loads raster tiles; a tile is one or two fetches and a few milliseconds of arithmetic.

export const LONLAT_PROTOCOL = 'lonlat-c';

/**
 * The maplibre tile URL for a c-grid WMTS template with {TileMatrix}, {TileRow}, {TileCol} and optionally
 * {s} (replaced by 0–7, one subdomain per tile, as Tianditu's t0–t7).
 */
export function lonLatTileUrl(template: string, maxLevel: number): string {
  return `${LONLAT_PROTOCOL}://{z}/{x}/{y}?max=${maxLevel}&src=${encodeURIComponent(template)}`;
}

/** The c tile URL for one tile of the template. */
export function cTileUrl(template: string, level: number, row: number, col: number): string {
  return template
    .replace('{TileMatrix}', String(level))
    .replace('{TileRow}', String(row))
    .replace('{TileCol}', String(col))
    .replace('{s}', String((row + col) % 8));
}

/** Keys stay out of messages a user may copy into a support ticket. */
export function withoutKey(url: string): string {
  return url.replace(/([?&]tk=)[^&]*/i, '$1…');
}

// Decoded c tiles, shared by neighbouring Mercator tiles (a c tile usually serves two of them).
const CACHE_SIZE = 96;
const cache = new Map<string, Promise<ImageBitmap | null>>();

function cTile(url: string): Promise<ImageBitmap | null> {
  const cached = cache.get(url);
  if (cached) {
    cache.delete(url);
    cache.set(url, cached);
    return cached;
  }
  const loading = fetch(url).then(async (response) => {
    // Outside the service's coverage a tile is simply absent.
    if (response.status === 404 || response.status === 204) return null;
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${withoutKey(url)}`);
    return createImageBitmap(await response.blob());
  });
  loading.catch(() => cache.delete(url));
  cache.set(url, loading);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return loading;
}

export const loadLonLatTile: AddProtocolAction = async (params, abortController) => {
  const match = /^lonlat-c:\/\/(\d+)\/(\d+)\/(\d+)\?(.*)$/.exec(params.url);
  if (!match) throw new Error(`not a ${LONLAT_PROTOCOL} tile URL: ${withoutKey(params.url)}`);
  const [z, x, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const query = new URLSearchParams(match[4]);
  const template = query.get('src') ?? '';
  const plan = resamplePlan(z, x, y, Number(query.get('max') ?? 18));
  const { range } = plan;
  const jobs: { col: number; row: number; tile: Promise<ImageBitmap | null> }[] = [];
  for (let row = range.rowMin; row <= range.rowMax; row++)
    for (let col = range.colMin; col <= range.colMax; col++) jobs.push({ col, row, tile: cTile(cTileUrl(template, range.level, row, col)) });
  const settled = await Promise.allSettled(jobs.map((j) => j.tile));
  abortController.signal.throwIfAborted();
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed && settled.every((s) => s.status === 'rejected')) throw failed.reason;

  const canvas = new OffscreenCanvas(plan.width, plan.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  settled.forEach((s, k) => {
    if (s.status !== 'fulfilled' || !s.value) return;
    const { col, row } = jobs[k]!;
    context.drawImage(s.value, (col - range.colMin) * TILE_SIZE, (row - range.rowMin) * TILE_SIZE, TILE_SIZE, TILE_SIZE);
  });
  const mosaic = context.getImageData(0, 0, plan.width, plan.height).data;
  const tile = new ImageData(resampleToMercator(mosaic, plan), TILE_SIZE, TILE_SIZE);
  return { data: await createImageBitmap(tile) };
};
