import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_BACKGROUND } from '../../src/map/baseMaps';
import { loadWorkspaceFromDir, ROOT, SAMPLE_DIR } from '../support/paths';
import { tilesCovering, writePmtiles } from '../support/pmtilesWriter';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';
import { LINE_LAT, LINE_LON, startTiandituStub } from './tiandituStub';
import type { TiandituStub } from './tiandituStub';

// Base maps as an officer sets them: Tianditu from the bureau's intranet mirror (here a local stub drawing known
// lines) in its lon/lat (_c) and Web Mercator (_w) sets, and a PMTiles file picked from disk, remembered over a reload.

const KEY = 'e2e0123456789abcdef0123456789abcd';
const SHOTS = join(ROOT, '.tmp');
const BACKGROUND = [1, 3, 5].map((i) => parseInt(OFFLINE_BACKGROUND.slice(i, i + 2), 16)) as [number, number, number];
const near = (a: readonly number[], b: readonly number[], tolerance = 12) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

let harness: Harness;
let stub: TiandituStub;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness();
  stub = await startTiandituStub(KEY);
});
afterAll(async () => {
  await harness?.close();
  await stub?.close();
});

/** The map as a PNG, with a way to read a pixel at map-container coordinates. */
async function mapPixels(app: LandCheck) {
  const box = (await app.page.locator('#map').boundingBox())!;
  const png = PNG.sync.read(await app.page.screenshot());
  const at = (x: number, y: number): [number, number, number] => {
    const i = (Math.floor(box.y + y) * png.width + Math.floor(box.x + x)) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  return { at, width: box.width, height: box.height };
}

const project = (app: LandCheck, lon: number, lat: number) => app.page.evaluate(([a, b]) => window.__landcheck!.project(a!, b!), [lon, lat]);

/** Centre (in map pixels, pixel centres at +0.5) of the pixels along a scan whose `score` passes 60, weighted by it. */
function centreOfLine(samples: { at: number; rgb: [number, number, number] }[], score: (rgb: [number, number, number]) => number): number | null {
  let sum = 0;
  let weight = 0;
  for (const { at, rgb } of samples) {
    const s = score(rgb);
    if (s > 60) {
      sum += (at + 0.5) * s;
      weight += s;
    }
  }
  return weight > 0 ? sum / weight : null;
}
const redness = ([r, g, b]: [number, number, number]) => r - (g + b) / 2;
const blueness = ([r, g, b]: [number, number, number]) => b - (r + g) / 2;

async function openTheBaseMapDialog(app: LandCheck) {
  await app.whenIOpenTheWorkspaceMenu();
  await app.page.getByRole('button', { name: /底图设置|Base map/ }).click();
  return app.page.getByRole('dialog', { name: /底图|Base map/ });
}

async function whenISetTianditu(app: LandCheck, matrixSet: RegExp, mirror: string, shot?: string) {
  const dialog = await openTheBaseMapDialog(app);
  await dialog.getByRole('radio', { name: /天地图矢量/ }).check();
  await dialog.getByLabel(/天地图密钥/).fill(KEY);
  const select = dialog.getByRole('combobox', { name: /投影/ });
  const option = (await select.locator('option').allInnerTexts()).find((label) => matrixSet.test(label))!;
  await select.selectOption({ label: option });
  await dialog.getByLabel(/内网镜像地址/).fill(mirror);
  if (shot) await dialog.screenshot({ path: join(SHOTS, shot) });
  await dialog.getByRole('button', { name: /应用/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await app.untilTheMapIsStill();
}

/** The parallel at LINE_LAT and the meridian at LINE_LON, found in the rendered map, against where the map projects them. */
async function theStubLines(app: LandCheck) {
  const { at, height, width } = await mapPixels(app);
  // Right of the located marker for the parallel, below it for the meridian.
  const parallel = await project(app, LINE_LON + 0.0035, LINE_LAT);
  const meridian = await project(app, LINE_LON, LINE_LAT - 0.0015);
  const rows = [...Array(81).keys()].map((k) => Math.round(parallel.y) - 40 + k).filter((y) => y >= 0 && y < height);
  const cols = [...Array(81).keys()].map((k) => Math.round(meridian.x) - 40 + k).filter((x) => x >= 0 && x < width);
  const crossing = await project(app, LINE_LON, LINE_LAT);
  return {
    parallelExpected: parallel.y,
    parallelFound: centreOfLine(rows.map((y) => ({ at: y, rgb: at(parallel.x, y) })), redness),
    meridianExpected: meridian.x,
    meridianFound: centreOfLine(cols.map((x) => ({ at: x, rgb: at(x, meridian.y) })), blueness),
    atCrossing: at(crossing.x, crossing.y),
  };
}

describe('Tianditu from an intranet mirror', () => {
  it('lon/lat (_c) tiles are resampled onto the map: 30.5°N and 114.9°E land where the map projects them, labels on top', async () => {
    const app = await LandCheck.start(harness);
    try {
      await app.givenTheSampleCounty();
      await whenISetTianditu(app, /经纬度投影 \(_c\)/, stub.url, 'basemap-dialog-c.png');
      await app.page.screenshot({ path: join(SHOTS, 'basemap-c-county.png') });
      await app.whenILocate('114.9035, 30.4985');

      const lines = await theStubLines(app);
      await app.page.screenshot({ path: join(SHOTS, 'basemap-c-lines.png') });
      expect(lines.parallelFound).not.toBeNull();
      expect(Math.abs(lines.parallelFound! - lines.parallelExpected)).toBeLessThanOrEqual(2);
      expect(lines.meridianFound).not.toBeNull();
      expect(Math.abs(lines.meridianFound! - lines.meridianExpected)).toBeLessThanOrEqual(2);
      // The annotation layer (cva_c, the blue meridian) is drawn over the vector base (vec_c, the red parallel).
      expect(blueness(lines.atCrossing)).toBeGreaterThan(60);

      // The requests were Tianditu c-set GetTiles with the key, at the level of the map's tile zoom (c level = zoom at 30.5°N).
      const [west, east] = [await project(app, LINE_LON, LINE_LAT), await project(app, LINE_LON + 0.01, LINE_LAT)];
      const tileZoom = Math.round(Math.log2((((east.x - west.x) / 0.01) * 360) / 256));
      const cRequests = stub.requests.filter((r) => r.startsWith('/vec_c/') || r.startsWith('/cva_c/'));
      const atLevel = cRequests.filter((r) => r.includes(`TILEMATRIXSET=c&FORMAT=tiles&TILEMATRIX=${tileZoom}&`) && r.endsWith(`&tk=${KEY}`));
      expect(atLevel.length, cRequests.slice(-3).join('\n')).toBeGreaterThan(0);

      // Remembered with its schema version; after a reload the same map comes back.
      const saved = JSON.parse((await app.page.evaluate(() => localStorage.getItem('landcheck.baseMap')))!);
      expect(saved).toEqual({ version: 2, settings: { kind: 'tianditu-vec', key: KEY, matrixSet: 'c', mirror: stub.url } });
      await app.whenIReload();
      const dialog = await openTheBaseMapDialog(app);
      expect(await dialog.getByRole('radio', { name: /天地图矢量/ }).isChecked()).toBe(true);
      expect(await dialog.getByRole('combobox', { name: /投影/ }).inputValue()).toBe('c');
      await dialog.getByRole('button', { name: /取消/ }).click();

      // The Web Mercator set (_w) shows the same lines in the same places.
      await whenISetTianditu(app, /球面墨卡托 \(_w\)/, stub.url);
      await app.whenILocate('114.9035, 30.4985');
      const wLines = await theStubLines(app);
      expect(Math.abs(wLines.parallelFound! - wLines.parallelExpected)).toBeLessThanOrEqual(2);
      expect(Math.abs(wLines.meridianFound! - wLines.meridianExpected)).toBeLessThanOrEqual(2);
      expect(stub.requests.some((r) => r.startsWith('/vec_w/') && /TILEMATRIXSET=w&/.test(r))).toBe(true);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('a PMTiles file from disk', () => {
  it('a bad file is refused by name; a raster archive is drawn; after a reload the offline map and a request to pick it again', async () => {
    const sample = await loadWorkspaceFromDir(SAMPLE_DIR);
    const landUse = sample.layers.find((l) => l.kind === 'land_use')!;
    const [, minY, maxX, maxY] = landUse.bboxLonLat!;
    // Just east of the county, clear of the map's controls and messages: only the base map is drawn there.
    const outside: [number, number] = [maxX + 0.0012, (minY + maxY) / 2];
    const colour: [number, number, number] = [200, 40, 160];
    const tile = new PNG({ width: 256, height: 256 });
    for (let i = 0; i < 256 * 256; i++) tile.data.set([...colour, 255], i * 4);
    const tileBytes = new Uint8Array(PNG.sync.write(tile));
    const bounds: [number, number, number, number] = [114.8, 30.38, 115.0, 30.52];
    const archive = writePmtiles({
      tileType: 2,
      bounds,
      metadata: { name: 'test county imagery', attribution: 'LandCheck e2e' },
      tiles: [10, 11, 12, 13, 14].flatMap((z) => tilesCovering(bounds, z).map(({ x, y }) => ({ z, x, y, data: tileBytes }))),
    });

    const app = await LandCheck.start(harness);
    try {
      await app.givenTheSampleCounty();
      const colourOutside = async () => {
        const { at } = await mapPixels(app);
        const p = await project(app, ...outside);
        return at(p.x, p.y);
      };
      expect(near(await colourOutside(), BACKGROUND, 6)).toBe(true);

      // Not a PMTiles archive: the dialog says which file and what was expected; nothing changes.
      let dialog = await openTheBaseMapDialog(app);
      await dialog.getByRole('radio', { name: /本地 PMTiles 文件/ }).check();
      await dialog.getByLabel(/选择 PMTiles 文件/).setInputFiles({ name: 'parcels.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from('{"type":"FeatureCollection","features":[]}') });
      const refusal = (await dialog.getByRole('alert').textContent()) ?? '';
      expect(refusal).toContain('parcels.pmtiles');
      expect(refusal).toContain('PMTiles 第 3 版');
      await dialog.getByRole('button', { name: /取消/ }).click();
      expect(await app.page.evaluate(() => localStorage.getItem('landcheck.baseMap'))).toBeNull();

      // A raster archive: read, summarised, applied and drawn.
      dialog = await openTheBaseMapDialog(app);
      await dialog.getByRole('radio', { name: /本地 PMTiles 文件/ }).check();
      await dialog.getByLabel(/选择 PMTiles 文件/).setInputFiles({ name: '县域影像.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from(archive) });
      await dialog.getByText(/栅格瓦片 PNG，缩放级别 10–14/).waitFor();
      await dialog.screenshot({ path: join(SHOTS, 'basemap-dialog-pmtiles.png') });
      await dialog.getByRole('button', { name: /应用/ }).click();
      await app.untilTheMapIsStill();
      await app.page.screenshot({ path: join(SHOTS, 'basemap-pmtiles.png') });
      expect(near(await colourOutside(), colour)).toBe(true);
      const saved = JSON.parse((await app.page.evaluate(() => localStorage.getItem('landcheck.baseMap')))!);
      expect(saved).toEqual({ version: 2, settings: { kind: 'pmtiles-file', name: '县域影像.pmtiles', size: archive.length } });

      // A reload cannot reopen the file: the offline map, and a message asking to pick it again.
      await app.whenIReload();
      await app.page.screenshot({ path: join(SHOTS, 'basemap-pmtiles-reloaded.png') });
      const banner = (await app.page.locator('.map-banner[role=alert]').textContent()) ?? '';
      expect(banner).toContain('县域影像.pmtiles');
      expect(banner).toContain('重新选择');
      await app.untilTheMapIsStill();
      expect(near(await colourOutside(), BACKGROUND, 6)).toBe(true);
      dialog = await openTheBaseMapDialog(app);
      expect(await dialog.getByRole('radio', { name: /本地 PMTiles 文件/ }).isChecked()).toBe(true);
      expect(await dialog.textContent()).toContain('上次选择的是 县域影像.pmtiles');
      await dialog.getByLabel(/选择 PMTiles 文件/).setInputFiles({ name: '县域影像.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from(archive) });
      await dialog.getByText(/栅格瓦片 PNG/).waitFor();
      await dialog.getByRole('button', { name: /应用/ }).click();
      await app.untilTheMapIsStill();
      expect(await app.page.locator('.map-banner[role=alert]').count()).toBe(0);
      expect(near(await colourOutside(), colour)).toBe(true);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
