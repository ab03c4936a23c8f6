import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, Polygon } from '../../src/core';
import { OFFLINE_BACKGROUND } from '../../src/map/baseMaps';
import type { LoadedWorkspace } from '../../src/io/workspace';
import { loadWorkspaceFromDir, ROOT, SAMPLE_DIR } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

const BACKGROUND = [1, 3, 5].map((i) => parseInt(OFFLINE_BACKGROUND.slice(i, i + 2), 16)) as [number, number, number];
const isBackground = ([r, g, b]: [number, number, number]) => Math.abs(r - BACKGROUND[0]) + Math.abs(g - BACKGROUND[1]) + Math.abs(b - BACKGROUND[2]) < 6;

/** An inner point of a polygon feature: the mean of its outer ring (sample plots are convex-ish). */
const innerPoint = (f: Feature): [number, number] => {
  const ring = (f.geometry as Polygon).coordinates[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
};

let harness: Harness;
let sample: LoadedWorkspace;

beforeAll(async () => {
  harness = await startHarness();
  sample = await loadWorkspaceFromDir(SAMPLE_DIR);
});
afterAll(async () => harness?.close());

describe('the app opens on the sample county', () => {
  let app: LandCheck;
  beforeAll(async () => {
    app = await LandCheck.start(harness);
    await app.givenTheSampleCounty();
  });
  afterAll(async () => app.close());

  it('shows no console errors', () => {
    expect(app.consoleErrors).toEqual([]);
  });

  it('lists every sample layer by its Chinese name', async () => {
    const names = await app.layerNames();
    for (const name of ['卫片图斑', '建设用地审批', '不动产登记宗地', '永久基本农田', '生态保护红线', '城镇开发边界', '国土调查地类图斑（三调）']) expect(names).toContain(name);
    expect(names).toHaveLength(sample.layers.length);
  });

  it('lists the cases', async () => {
    expect(await app.caseIds()).toEqual(sample.cases.map((c) => c.id));
  });

  it('draws the layers: non-blank pixels where the sample data is, background outside it', async () => {
    const landUse = sample.layers.find((l) => l.kind === 'land_use')!;
    const plots = landUse.lonLat.features.filter((_, i) => i % 97 === 0).map(innerPoint);
    const [minX, , , maxY] = landUse.bboxLonLat!;
    // Just outside the north-west corner, inside the fit padding: nothing but the offline background.
    const colours = await app.mapColoursAt([...plots, [minX - 0.0012, maxY + 0.001]]);
    const inside = colours.slice(0, -1);
    expect(inside.filter(isBackground)).toEqual([]);
    expect(isBackground(colours[colours.length - 1]!)).toBe(true);
  });

  it('turning the land-use and imagery layers off changes what is drawn', async () => {
    const redLine = sample.layers.find((l) => l.kind === 'eco_redline')!.lonLat.features[0]!;
    const spot = innerPoint(redLine);
    const [before] = await app.mapColoursAt([spot]);
    await app.whenIToggleTheLayer(/国土调查地类图斑/);
    await app.whenIToggleTheLayer(/after_2026-06-22\.tif/);
    const [after] = await app.mapColoursAt([spot]);
    expect(after).not.toEqual(before);
    expect(isBackground(after!)).toBe(false); // the red line's own fill is still there
  });

  it('verifies in its worker as the command line does (the golden verification.json)', async () => {
    const doc = await app.page.evaluate(() => window.__landcheck!.verify!('2026-11-21T00:00:00.000Z', '2026-11-21'));
    const golden = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/golden/sample-verification.json'), 'utf8')) as unknown;
    // Chromium's V8 and Node's round the last bits of some Math functions differently: numbers agree
    // to a millionth (relative), everything else (ids, flags, opinion text) exactly.
    const differences: string[] = [];
    const compare = (a: unknown, b: unknown, path: string) => {
      if (typeof a === 'number' && typeof b === 'number') {
        if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(b))) differences.push(`${path}: ${a} vs ${b}`);
      } else if (a && b && typeof a === 'object' && typeof b === 'object') {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
        for (const k of keys) compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      } else if (a !== b) differences.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    };
    compare(doc, golden, '$');
    expect(differences).toEqual([]);
  });

  it('flies to a case picked from the list and marks it selected', async () => {
    await app.whenIPickTheCase('HK-2026-004');
    await expect.poll(() => app.page.getByRole('button', { name: /HK-2026-004/ }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('languages', () => {
  it('?lang=en shows English, and the language menu switches back to Chinese', async () => {
    const app = await LandCheck.start(harness);
    try {
      await app.givenTheSampleCounty('?lang=en');
      await app.seeTheHeading('Layers');
      await app.seeTheHeading(/Complaint cases/);
      const names = await app.layerNames();
      expect(names).toContain('Permanent basic farmland');
      expect(names.filter((n) => /[\u4e00-\u9fff]/.test(n))).toEqual([]);
      const chrome = await app.page.locator('.topbar h1, .panel h2, .panel h3, .layer-name, .legend, .topbar button, .case-meta').allInnerTexts();
      expect(chrome.filter((t) => /[\u4e00-\u9fff]/.test(t))).toEqual([]);
      expect(await app.page.getByRole('button', { name: 'Zoom in' }).count()).toBe(1);
      await app.whenIChooseTheLanguage('中文');
      await app.seeTheHeading('图层');
      await app.page.getByRole('button', { name: '放大' }).waitFor({ state: 'visible' });
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('base map', () => {
  it('an XYZ template is remembered after a reload; offline is the default', async () => {
    const app = await LandCheck.start(harness);
    try {
      await app.givenTheSampleCounty();
      expect((await app.theBaseMapDialog()).checked).toBe('offline');
      const template = 'https://tiles.example.invalid/{z}/{x}/{y}.png';
      await app.whenISetTheBaseMap(/XYZ/, { label: /^地址/, value: template });
      await app.whenIReload();
      expect(await app.theBaseMapDialog()).toEqual({ checked: 'xyz', url: template });
      // The data layers still draw when the online base map cannot load.
      expect((await app.layerNames()).length).toBe(sample.layers.length);
    } finally {
      await app.close();
    }
  });

  it('refuses a template without {z}/{x}/{y} with a message', async () => {
    const app = await LandCheck.start(harness);
    try {
      await app.givenTheSampleCounty('?lang=en');
      await app.whenISetTheBaseMap(/XYZ/, { label: /^URL/, value: 'https://tiles.example.invalid/tile.png' });
      expect(await app.alertText()).toContain('{z}, {x} and {y}');
    } finally {
      await app.close();
    }
  });
});
