import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformBetween } from '../../src/core';
import { ROOT, SHARED_DATA } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// Imagery as an officer uses it: two dates side by side, false colour, and a Cloud-Optimized GeoTIFF
// by URL of which only the tiles the view needs are fetched. Pixels on screen are checked against the
// files' own pixels, read here in Node with geotiff.js.

type RGB = [number, number, number];
const distance = (a: number[], b: number[]) => Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!);

/** A GeoTIFF level read whole in Node: its bands by pixel, and the lon/lat of a pixel's centre. */
async function readLevel(path: string, level: number, crs: string) {
  const tiff = await fromFile(path);
  const full = await tiff.getImage(0);
  const image = await tiff.getImage(level);
  const [minX, minY, maxX, maxY] = full.getBoundingBox() as [number, number, number, number];
  const width = image.getWidth(), height = image.getHeight();
  const ycbcr = Number((full.fileDirectory as unknown as { getValue: (t: string) => unknown }).getValue('PhotometricInterpretation')) === 6;
  const bands = (ycbcr ? await image.readRGB({ interleave: false }) : await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  const rx = (maxX - minX) / width, ry = (maxY - minY) / height;
  const toLonLat = transformBetween(crs, 'EPSG:4490');
  const fromLonLat = transformBetween('EPSG:4490', crs);
  return {
    width, height, rx, ry,
    centre: toLonLat([(minX + maxX) / 2, (minY + maxY) / 2]) as [number, number],
    lonLatOf: (col: number, row: number) => toLonLat([minX + (col + 0.5) * rx, maxY - (row + 0.5) * ry]) as [number, number],
    /** The bands' values at a lon/lat (the pixel it falls in). */
    at: (lonLat: [number, number], pick = [0, 1, 2]) => {
      const [x, y] = fromLonLat(lonLat);
      const col = Math.floor((x - minX) / rx), row = Math.floor((maxY - y) / ry);
      return pick.map((b) => bands[b]![row * width + col]!) as RGB;
    },
  };
}

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('side by side', () => {
  const dir = join(SHARED_DATA, 'imagery/naip-north-dakota');
  const file2009 = 'm_4709963_se_14_1_20090818.tif', file2020 = 'm_4709963_se_14_1_20200831.tif';
  let app: LandCheck;
  beforeAll(async () => {
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('shows NAIP 2009 on the left map and 2020 on the right, cameras kept together, false colour on request', async () => {
    const naip2009 = await readLevel(join(dir, file2009), 0, 'EPSG:26914');
    const naip2020 = await readLevel(join(dir, file2020), 0, 'EPSG:26914');
    await app.whenIImport([join(dir, file2009), join(dir, file2020)]);
    await app.page.getByRole('checkbox', { name: new RegExp(file2020.replace('.', '\\.')) }).waitFor();
    await app.untilTheMapIsStill();
    await app.whenICompareImagery(/并排/);
    await app.untilBothMapsAreStill();
    await app.whenILocate(`${naip2009.centre[0]}, ${naip2009.centre[1]}`);
    await app.untilBothMapsAreStill();
    await app.page.screenshot({ path: join(ROOT, '.tmp/imagery-side-by-side.png') });

    // Pixel centres on a grid around the middle, where the two dates differ clearly.
    const points: [number, number][] = [];
    for (let i = 0; i < 14; i++) for (let j = 0; j < 14; j++) {
      const p = naip2009.lonLatOf(Math.floor(naip2009.width / 2) - 42 + i * 6, Math.floor(naip2009.height / 2) - 42 + j * 6);
      if (distance(naip2009.at(p), naip2020.at(p)) > 60) points.push(p);
    }
    expect(points.length).toBeGreaterThan(15);
    const left = await app.mapColoursAt(points, 'main');
    const right = await app.mapColoursAt(points, 'right');
    const leftIs2009 = points.filter((p, i) => distance(left[i]!, naip2009.at(p)) < distance(left[i]!, naip2020.at(p))).length;
    const rightIs2020 = points.filter((p, i) => distance(right[i]!, naip2020.at(p)) < distance(right[i]!, naip2009.at(p))).length;
    expect(leftIs2009 / points.length).toBeGreaterThan(0.8);
    expect(rightIs2020 / points.length).toBeGreaterThan(0.8);
    expect(points.filter((_, i) => distance(left[i]!, right[i]!) > 30).length / points.length).toBeGreaterThan(0.8);

    // Panning the left map moves the right one to the same place.
    await app.whenIDragTheMap(-120, 70);
    await app.untilBothMapsAreStill();
    expect(await app.rightMapOffsetFromLeftCentre()).toBeLessThan(1);

    // False colour (near infrared, red, green) on the right: vegetation turns red.
    await app.whenILocate(`${naip2009.centre[0]}, ${naip2009.centre[1]}`);
    await app.whenIShowTheBands(file2020, [4, 1, 2]);
    await app.page.waitForFunction(() => document.querySelectorAll('#map-right').length === 1);
    await app.page.waitForTimeout(1500);
    await app.untilBothMapsAreStill();
    const falseColour = await app.mapColoursAt(points, 'right');
    const expected = points.map((p) => naip2020.at(p, [3, 0, 1]));
    const matches = points.filter((p, i) => distance(falseColour[i]!, expected[i]!) < distance(falseColour[i]!, naip2020.at(p))).length;
    expect(points.filter((_, i) => distance(falseColour[i]!, right[i]!) > 30).length / points.length).toBeGreaterThan(0.5);
    expect(matches / points.length).toBeGreaterThan(0.8);
    await app.page.locator('.imagery-panel').screenshot({ path: join(ROOT, '.tmp/imagery-panel.png') });

    // Leaving the mode returns to one map.
    await app.whenICompareImagery(/不对比/);
    await app.page.locator('#map-right').waitFor({ state: 'detached' });
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('a Cloud-Optimized GeoTIFF by URL', () => {
  const cogPath = join(ROOT, 'tests/fixtures/imagery/sample-after-2m-cog.tif');
  const cog = readFileSync(cogPath);
  let server: Server;
  let base = '';
  const served = { bytes: 0, requests: 0 };
  let app: LandCheck;
  beforeAll(async () => {
    // A tiny server that answers range requests (and CORS: the page is on another port) and counts what it sends.
    server = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const body = req.url === '/sample-after-2m-cog.tif' ? cog : req.url === '/notes.tif' ? Buffer.from('these are notes, not a GeoTIFF\n') : null;
      if (!body) return void res.writeHead(404).end();
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      served.requests += 1;
      if (!range) {
        served.bytes += body.length;
        return void res.writeHead(200, { 'Content-Length': body.length, 'Content-Type': 'image/tiff' }).end(body);
      }
      const start = Number(range[1]), end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
      const chunk = body.subarray(start, end + 1);
      served.bytes += chunk.length;
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': chunk.length, 'Accept-Ranges': 'bytes', 'Content-Type': 'image/tiff' }).end(chunk);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A laptop-sized window: the map is about 540 px wide, so the whole image needs an overview.
    app = await LandCheck.start(harness, { width: 900, height: 650 });
    await app.givenTheSampleCounty();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('refuses a URL that does not answer or does not serve a GeoTIFF, naming it, and adds nothing', async () => {
    const before = await app.page.locator('[data-imagery-id]').count();
    await app.whenIAddImageryByUrl('http://127.0.0.1:9/missing.tif');
    expect(await app.alertText()).toMatch(/http:\/\/127\.0\.0\.1:9\/missing\.tif.*(Cloud-Optimized GeoTIFF|GeoTIFF)/);
    await app.page.getByRole('button', { name: /关闭提示|Dismiss|×/ }).first().click().catch(() => undefined);
    await app.whenIAddImageryByUrl(`${base}/notes.tif`);
    await app.page.getByRole('alert').filter({ hasText: 'notes.tif' }).waitFor();
    expect(await app.page.getByRole('alert').filter({ hasText: 'notes.tif' }).textContent()).toMatch(/GeoTIFF/);
    expect(await app.page.locator('[data-imagery-id]').count()).toBe(before);
  });

  it('fetches only the tiles the view needs, and a zoomed-in view is read at full resolution', async () => {
    await app.whenIHideEveryLayer();
    served.bytes = 0;
    await app.whenIAddImageryByUrl(`${base}/sample-after-2m-cog.tif`);
    await app.page.locator('[data-imagery-id="sample-after-2m-cog"]').first().waitFor({ timeout: 60_000 });
    await app.page.waitForTimeout(1500);
    await app.untilTheMapIsStill();
    const overview = (await app.imageryPictures())['sample-after-2m-cog']!;
    expect(overview.level).toBeGreaterThan(0);
    const wholeViewBytes = served.bytes;

    const full = await readLevel(cogPath, 0, 'EPSG:4547');
    const coarse = await readLevel(cogPath, overview.level, 'EPSG:4547');
    await app.whenILocate(`${full.centre[0]}, ${full.centre[1]}`);
    for (let i = 0; i < 2; i++) {
      await app.page.getByRole('button', { name: '放大' }).click();
      await app.page.waitForTimeout(600);
    }
    await app.page.waitForFunction(() => window.__landcheck!.imageryPictures?.()['sample-after-2m-cog']?.level === 0, null, { timeout: 60_000 });
    await app.page.waitForTimeout(800);
    await app.untilTheMapIsStill();
    const zoomedBytes = served.bytes - wholeViewBytes;
    console.log(`COG ${cog.length} B: whole view ${wholeViewBytes} B (level ${overview.level}), zoomed-in view ${zoomedBytes} B more, ${served.requests} requests`);
    // The whole view at an overview, then a zoomed-in view at full resolution: a fraction of the file.
    expect(served.bytes).toBeLessThan(cog.length * 0.35);
    expect(zoomedBytes).toBeLessThan(cog.length * 0.25);

    // Sharper: where the full-resolution pixels and the overview's differ, the screen shows the full-resolution ones.
    const candidates: [number, number][] = [];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) {
      const p = full.lonLatOf(Math.floor(full.width / 2) - 60 + i * 3, Math.floor(full.height / 2) - 60 + j * 3);
      if (distance(full.at(p), coarse.at(p)) > 30) candidates.push(p);
    }
    // Those on screen, away from the edges.
    const { clientWidth: w, clientHeight: h } = await app.page.locator('#map').evaluate((el) => ({ clientWidth: el.clientWidth, clientHeight: el.clientHeight }));
    const onScreen = await app.page.evaluate((ps) => ps.map(([a, b]) => window.__landcheck!.project(a!, b!)), candidates);
    const points = candidates.filter((_, i) => onScreen[i]!.x > 10 && onScreen[i]!.x < w - 60 && onScreen[i]!.y > 10 && onScreen[i]!.y < h - 40);
    expect(points.length).toBeGreaterThan(20);
    const screen = await app.mapColoursAt(points);
    await app.page.screenshot({ path: join(ROOT, '.tmp/imagery-cog-zoomed.png') });
    const sharper = points.filter((p, i) => distance(screen[i]!, full.at(p)) < distance(screen[i]!, coarse.at(p))).length;
    expect(sharper / points.length).toBeGreaterThan(0.8);
    expect(app.consoleErrors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
  });
});
