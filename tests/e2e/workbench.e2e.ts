import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformBetween } from '../../src/core';
import type { Polygon } from '../../src/core';
import { loadWorkspaceFromDir, SAMPLE_DIR, SHARED_DATA } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// The map workbench as an officer uses it: import, identify, locate.

let harness: Harness;
let app: LandCheck;
beforeAll(async () => {
  harness = await startHarness();
  app = await LandCheck.start(harness);
  await app.givenTheSampleCounty();
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

describe('import', () => {
  it('the Guangdong CGCS2000 shapefile (.shp with its parts) lands on Guangdong, its .prj read', async () => {
    const base = join(SHARED_DATA, 'china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e');
    await app.whenIImport(['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => `${base}.${ext}`));
    const facts = await app.theImportDialog();
    expect(facts).toContain('EPSG:4547');
    expect(facts).toContain('CGCS2000_3_Degree_GK_CM_114E');
    expect(facts).toContain('21');
    await app.whenIAddTheLayerAs('国土空间规划分区');
    expect(await app.layerNames()).toContain('国土空间规划分区');
    // Guangzhou (113.26°E, 23.13°N) is inside the layer and on screen after the zoom to it.
    const box = (await app.page.locator('#map').boundingBox())!;
    const p = await app.page.evaluate(() => window.__landcheck!.project(113.26, 23.13));
    expect(p.x).toBeGreaterThan(0);
    expect(p.x).toBeLessThan(box.width);
    expect(p.y).toBeGreaterThan(0);
    expect(p.y).toBeLessThan(box.height);
  });

  it('the real Cambridge parcels GeoJSON, with its empty polygon, invalid rings and duplicate ids reported', async () => {
    await app.whenIImport([join(SHARED_DATA, 'parcels/cambridge-ma/cambridge_parcels_fy2014.geojson')]);
    const facts = await app.theImportDialog();
    expect(facts).toContain('13116');
    expect(facts).toContain('EPSG:4326');
    expect(facts).toMatch(/空几何: 1/);
    expect(facts).toMatch(/自相交: 37/);
    expect(facts).toMatch(/编号重复: 80/);
    await app.whenIAddTheLayerAs('不动产登记宗地');
    expect(await app.offsetFromMapCentre(-71.11, 42.378)).toBeLessThan(200);
  });

  it('a bad file leaves the workspace unchanged and says why', async () => {
    const before = await app.layerNames();
    await app.whenIImport([join(SAMPLE_DIR, 'README.md').replace('README.md', 'sample-design.json')]);
    expect(await app.alertText()).toMatch(/无法导入：sample-design\.json/);
    expect(await app.layerNames()).toEqual(before);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('identify and locate on the sample county', () => {
  it('clicking a registered parcel shows its 宗地代码 and areas', async () => {
    const ws = await loadWorkspaceFromDir(SAMPLE_DIR);
    const parcel = ws.layers.find((l) => l.id === 'real-estate')!.lonLat.features[0]!;
    const ring = (parcel.geometry as Polygon).coordinates[0]!.slice(0, -1);
    const inside: [number, number] = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    await app.whenILocate(`${inside[0]}, ${inside[1]}`);
    await app.whenIClickTheMapAt(...inside);
    const panel = await app.theIdentifyPanel();
    expect(panel).toContain(String(parcel.properties.ZDDM));
    expect(panel).toMatch(/平面面积（EPSG:4547）/);
    expect(panel).toMatch(/椭球面积/);
    expect(panel).toContain(`${Number(parcel.properties.ZDMJ).toFixed(2)} 平方米`);
  });

  it('locates Gauss-Kruger X/Y written northing first, with the zone number', async () => {
    const [e, n] = transformBetween('EPSG:4490', 'EPSG:4526')([114.905, 30.452]);
    const status = await app.whenILocate(`${n.toFixed(3)}, ${e.toFixed(3)}`);
    expect(status).toMatch(/EPSG:4526/);
    expect(await app.offsetFromMapCentre(114.905, 30.452)).toBeLessThan(5);
  });

  it('locates a GCJ-02 coordinate from a web map at its true CGCS2000 place', async () => {
    // gcoord's table: 驻马店市 WGS84 114.0164322, 33.0133556 is GCJ-02 114.022306, 33.0115324.
    const status = await app.whenILocate('gcj02: 114.022306, 33.0115324');
    expect(status).toMatch(/gcj02/);
    expect(await app.offsetFromMapCentre(114.0164322, 33.0133556)).toBeLessThan(5);
  });
});


describe('draw and measure', () => {
  // A fresh page: the imports above leave thousands of Cambridge parcels for software GL to draw.
  let app: LandCheck;
  beforeAll(async () => {
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('a drawn polygon shows its planar Gauss-Kruger and ellipsoidal area', async () => {
    await app.whenILocate('114.905, 30.452');
    await app.page.getByRole('button', { name: '画面' }).click();
    const box = (await app.page.locator('#map').boundingBox())!;
    const corners: [number, number][] = [[-100, -80], [120, -80], [120, 90], [-100, 90]].map(([dx, dy]) => [box.width / 2 + dx!, box.height / 2 + dy!]);
    // terra-draw follows the pointer: move to each vertex, then click.
    for (const [x, y] of [...corners, corners[0]!]) {
      await app.page.mouse.move(box.x + x, box.y + y, { steps: 4 });
      await app.page.waitForTimeout(100);
      await app.page.mouse.click(box.x + x, box.y + y);
      await app.page.waitForTimeout(250);
    }
    const result = app.page.getByRole('region', { name: '量算结果' });
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    const planar = Number(/平面面积（EPSG:4547）([\d.]+) 平方米/.exec(text)![1]);
    const ellipsoidal = Number(/椭球面积 ([\d.]+) 平方米/.exec(text)![1]);
    // Independent figure: the clicked corners in lon/lat, projected by proj4 itself, shoelace by hand.
    const proj4 = (await import('proj4')).default;
    const gk = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const lonLat = await app.page.evaluate((cs) => cs.map(([x, y]) => window.__landcheck!.unproject(x!, y!)), corners);
    const xy = lonLat.map((p) => proj4('+proj=longlat +ellps=GRS80', gk, p));
    const shoelace = Math.abs(xy.reduce((s, p, i) => s + p[0]! * xy[(i + 1) % xy.length]![1]! - xy[(i + 1) % xy.length]![0]! * p[1]!, 0)) / 2;
    expect(Math.abs(planar - shoelace) / shoelace).toBeLessThan(0.005);
    expect(Math.abs(ellipsoidal - planar) / planar).toBeLessThan(0.001);
    expect(text).toMatch(/亩/);
    await app.page.getByRole('button', { name: '结束绘制' }).click();
  });
});

describe('imagery compare', () => {
  let app: LandCheck;
  beforeAll(async () => {
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app?.close());

  it('swipes between the NAIP 2009 and 2020 images of the same place', async () => {
    const dir = join(SHARED_DATA, 'imagery/naip-north-dakota');
    await app.whenIImport([join(dir, 'm_4709963_se_14_1_20090818.tif'), join(dir, 'm_4709963_se_14_1_20200831.tif')]);
    await app.page.getByRole('checkbox', { name: /m_4709963_se_14_1_20200831\.tif/ }).waitFor();
    await app.untilTheMapIsStill();
    await app.page.getByRole('button', { name: '卷帘对比' }).click();
    const group = app.page.getByRole('group', { name: '卷帘对比' });
    expect(await group.locator('select').first().inputValue()).toBe('m_4709963_se_14_1_20090818');
    expect(await group.locator('select').nth(1).inputValue()).toBe('m_4709963_se_14_1_20200831');
    const slider = app.page.getByRole('slider', { name: '卷帘位置' });
    const box = (await app.page.locator('#map').boundingBox())!;
    // Sample a row of points at 30% of the width: left of the bar at 0.6 and 0.8, right of it at 0.1.
    const samples = async (position: number) => {
      await slider.fill(String(position));
      await app.untilTheMapIsStill();
      const points: [number, number][] = [];
      for (let i = 0; i < 12; i++) points.push(await app.page.evaluate(([x, y]) => window.__landcheck!.unproject(x!, y!), [box.width * 0.3, box.height * (0.2 + i * 0.05)]));
      return app.mapColoursAt(points);
    };
    const at60 = await samples(0.6);
    const at80 = await samples(0.8);
    const at10 = await samples(0.1);
    const differ = (a: number[][], b: number[][]) => a.filter((c, i) => Math.abs(c[0]! - b[i]![0]!) + Math.abs(c[1]! - b[i]![1]!) + Math.abs(c[2]! - b[i]![2]!) > 30).length;
    expect(differ(at60, at80)).toBe(0); // same side of the bar: the same (2009) image
    expect(differ(at60, at10)).toBeGreaterThan(3); // the bar crossed: now the 2020 image
  });
});
