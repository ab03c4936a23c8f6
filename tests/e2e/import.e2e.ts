import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformBetween } from '../../src/core';
import { ROOT, SHARED_DATA } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// Importing as an officer does: dropping files on the map, correcting the CRS the file was read in,
// waiting on a large file with a progress bar; and the layer panel kept as it was left.

let harness: Harness;
let scratch: string;
const SHOTS = join(ROOT, '.tmp');

beforeAll(async () => {
  harness = await startHarness();
  scratch = mkdtempSync(join(tmpdir(), 'landcheck-import-'));
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await harness?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

type Square = { centre: [number, number]; properties: Record<string, string | number> };

/** A GeoJSON of squares (side in metres) around lon/lat centres, written in `crs` without a crs member, as some bureaus send it. */
function squaresGeoJson(squares: Square[], sideM: number, crs: string): string {
  const toCrs = transformBetween('EPSG:4490', crs);
  const h = sideM / 2;
  const features = squares.map(({ centre, properties }) => {
    const [x, y] = toCrs(centre);
    const ring = [[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]].map(([a, b]) => [Number(a!.toFixed(3)), Number(b!.toFixed(3))]);
    return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Whether the map's colour at each lon/lat changes when the layer is hidden: where it is drawn, it does. */
async function drawnAt(app: LandCheck, layer: RegExp, places: [number, number][]): Promise<boolean[]> {
  const shown = await app.mapColoursAt(places);
  await app.whenIToggleTheLayer(layer);
  await app.untilTheMapIsStill();
  const hidden = await app.mapColoursAt(places);
  await app.whenIToggleTheLayer(layer);
  await app.untilTheMapIsStill();
  return shown.map((c, i) => Math.abs(c[0] - hidden[i]![0]) + Math.abs(c[1] - hidden[i]![1]) + Math.abs(c[2] - hidden[i]![2]) > 12);
}

describe('dropping files on the map', () => {
  let app: LandCheck;
  beforeAll(async () => {
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('a GeoJSON dropped on the map opens the import dialog, and once confirmed its prefectures are drawn on Guangdong', async () => {
    const before = await app.layerNames();
    await app.whenIDropOnTheMap([join(SHARED_DATA, 'china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e.geojson')]);
    const facts = await app.theImportDialog();
    expect(facts).toContain('guangdong_prefectures_cgcs2000_gk_cm114e.geojson');
    expect(facts).toContain('EPSG:4547');
    expect(facts).toContain('GeoJSON crs');
    expect((await app.theCrsChoice()).chosen).toBe('EPSG:4547');
    await app.whenIAddTheLayerAs('国土空间规划分区');
    expect(await app.layerNames()).toEqual(['国土空间规划分区', ...before]);
    // Guangzhou, Meizhou and Zhanjiang lie inside prefectures; the sea south of Yangjiang does not.
    const inside: [number, number][] = [[113.26, 23.13], [116.12, 24.29], [110.36, 21.27]];
    const sea: [number, number] = [112.5, 20.8];
    const box = (await app.page.locator('#map').boundingBox())!;
    for (const [lon, lat] of [...inside, sea]) {
      const p = await app.page.evaluate(([a, b]) => window.__landcheck!.project(a!, b!), [lon, lat]);
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(box.width);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(box.height);
    }
    expect(await drawnAt(app, /国土空间规划分区 · guangdong/, [...inside, sea])).toEqual([true, true, true, false]);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('choosing the coordinate system in the import dialog', () => {
  let app: LandCheck;
  // Plots near Hefei (117.25°E) in CGCS2000 CM 117°E, eastings without the zone number and no CRS named in
  // the file: LandCheck can only take them as the sample county's own zone (CM 114°E), 3° too far west.
  const centres: [number, number][] = [[117.25, 31.85], [117.252, 31.851], [117.254, 31.849]];
  let file: string;
  beforeAll(async () => {
    file = join(scratch, 'hefei_plots_cm117.geojson');
    writeFileSync(file, squaresGeoJson(centres.map((centre, i) => ({ centre, properties: { PZWH: `皖政地〔2024〕${i + 1}号`, XMMC: `地块${i + 1}` } })), 120, 'EPSG:4548'));
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('offers the detected CRS first, then the CGCS2000 3-degree zones near the data, then all others by datum', async () => {
    await app.whenIImport([file]);
    const facts = await app.theImportDialog();
    expect(facts).toMatch(/EPSG:4547 \(推断\)/);
    const choice = await app.theCrsChoice();
    expect(choice.chosen).toBe('EPSG:4547');
    expect(choice.groups.map((g) => g.label)).toEqual(['检测结果', '数据附近的 CGCS2000 3 度带', 'CGCS2000（2000 国家大地坐标系）', '西安 80（1980 西安坐标系）', '北京 54（1954 北京坐标系）', 'WGS 84', 'NAD83']);
    expect(choice.groups[0]!.options).toEqual(['EPSG:4547 CGCS2000 3 度带 中央经线 114°E（东坐标不含带号）（检测结果）']);
    // Read as CM 114°E the plots fall near 114.2°E: the zones offered are around there, zone-numbered form first.
    expect(choice.groups[1]!.options.map((o) => o.split(' ')[0])).toEqual(['EPSG:4526', 'EPSG:4527', 'EPSG:4548', 'EPSG:4525', 'EPSG:4546']);
    expect(choice.groups.flatMap((g) => g.options)).toHaveLength(341);
  });

  it('a CRS that cannot hold the coordinates is refused with the core\'s reason, and the layers stay as they were', async () => {
    const before = await app.layerNames();
    await app.whenIChooseTheCrs('EPSG:4526');
    const refusal = await app.theImportDialogRefusal();
    expect(refusal).toMatch(/无法导入：hefei_plots_cm117\.geojson: /);
    expect(refusal).toMatch(/EPSG:4526 expects eastings of zone 38 \(38000000…38999999\), but the coordinates are x 52\d+…52\d+/);
    expect(await app.canAddTheLayer()).toBe(false);
    await app.page.screenshot({ path: join(SHOTS, 'import-crs-refused.png') });
    await app.whenICancelTheImport();
    expect(await app.layerNames()).toEqual(before);
  });

  it('the right CRS reads the plots where they are, and the layer says the CRS was named by the user', async () => {
    const before = await app.layerNames();
    await app.whenIImport([file]);
    await app.theImportDialog();
    await app.whenIChooseTheCrs('EPSG:4548');
    const facts = await app.theImportDialogReadsAs('EPSG:4548');
    expect(facts).toMatch(/EPSG:4548 \(用户或工作区指定\)/);
    expect(facts).toMatch(/由用户或工作区指定为 EPSG:4548/);
    expect(facts).toMatch(/117\.24\d+, 31\.84\d+, 117\.25\d+, 31\.85\d+/); // the extent, read in CM 117°E
    expect(facts).toMatch(/已改为按 EPSG:4548 读取坐标（检测结果为 EPSG:4547）/);
    await app.page.screenshot({ path: join(SHOTS, 'import-crs-choice.png') });
    await app.whenIAddTheLayerAs('建设用地审批');
    expect(await app.layerNames()).toEqual(['建设用地审批', ...before]);
    const meta = await app.page.locator('.layer', { hasText: 'hefei_plots_cm117.geojson' }).locator('.layer-meta').textContent();
    expect(meta).toContain('坐标系 EPSG:4548（用户或工作区指定）');
    // The map went to the new layer: the plots are in the middle of it, and drawn there.
    expect(await app.offsetFromMapCentre(117.252, 31.85)).toBeLessThan(60);
    expect(await drawnAt(app, /建设用地审批 · hefei_plots_cm117/, centres)).toEqual([true, true, true]);
  });
});

describe('a large file', () => {
  let app: LandCheck;
  let big: string;
  beforeAll(async () => {
    // 50 000 plots of 20 m on a 250 × 200 grid in the sample county, in CGCS2000 CM 114°E.
    const squares: Square[] = [];
    for (let row = 0; row < 200; row++) {
      for (let col = 0; col < 250; col++) squares.push({ centre: [114.82 + col * 0.0004, 30.40 + row * 0.0004], properties: { BSM: `T${row * 250 + col}`, DLBM: '0103' } });
    }
    big = join(scratch, 'big_plots.geojson');
    writeFileSync(big, squaresGeoJson(squares, 20, 'EPSG:4547'));
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('shows a progress bar naming the file while it is inspected, and can stop', async () => {
    const before = await app.layerNames();
    await app.whenIImport([big]);
    const progress = await app.theImportProgress(/big_plots\.geojson/);
    // Stopped at once: on a loaded machine the few seconds of reading and inspecting are all there is.
    await app.whenIStopTheImport();
    expect(progress.name).toMatch(/^正在(读取|检查) big_plots\.geojson…$/);
    await app.page.getByRole('progressbar').waitFor({ state: 'hidden' });
    await app.page.waitForTimeout(1500);
    expect(await app.page.getByRole('dialog').count()).toBe(0);
    expect(await app.layerNames()).toEqual(before);
  });

  it('shows the stage and the file while it is inspected and added, and the page keeps responding', async () => {
    await app.page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await app.whenIImport([big]);
    expect((await app.theImportProgress(/big_plots\.geojson/)).name).toMatch(/^正在(读取|检查) big_plots\.geojson…$/);
    const facts = await app.theImportDialog();
    const untilDialog = Date.now() - started;
    expect(facts).toContain('50000');
    const longTasks = await app.page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`reading and inspecting 50 000 plots took ${untilDialog} ms; main-thread tasks over 50 ms meanwhile: ${JSON.stringify(longTasks)}`);
    await app.page.getByRole('combobox', { name: '图层类型' }).selectOption({ label: '国土调查地类图斑（三调）' });
    await app.page.getByRole('button', { name: '添加图层' }).click();
    const adding = await app.theImportProgress(/正在添加 big_plots\.geojson/);
    expect(adding).toEqual({ name: '正在添加 big_plots.geojson…', determinate: false });
    await app.page.screenshot({ path: join(SHOTS, 'import-adding-progress.png') });
    await app.page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 120_000 });
    await app.untilTheMapIsStill();
    expect((await app.layerNames())[0]).toBe('国土调查地类图斑（三调）');
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('the layer panel kept with the workspace', () => {
  let app: LandCheck;
  beforeAll(async () => {
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('hidden, moved and faded layers are as I left them after a reload', async () => {
    const defaults = await app.theLayerPanel();
    await app.whenIToggleTheLayer('显示 永久基本农田 · basic_farmland.zip');
    await app.whenIMoveTheLayerUp('生态保护红线 · eco_redline.geojson');
    await app.whenISetTheOpacity('国土调查地类图斑（三调） · land_use.zip', 0.4);
    const left = await app.theLayerPanel();
    expect(left).not.toEqual(defaults);
    expect(left.find((l) => l.id === 'basic-farmland')!.visible).toBe(false);
    expect(left.find((l) => l.id === 'land-use')!.opacity).toBe(0.4);
    const ids = left.map((l) => l.id);
    expect(ids.indexOf('eco-redline')).toBe(defaults.findIndex((l) => l.id === 'eco-redline') - 1);
    await app.whenIReload();
    expect(await app.theLayerPanel()).toEqual(left);
  });
});
