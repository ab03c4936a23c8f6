import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigParcelsBbox, bigParcelsFile } from '../support/bigParcels';
import { ROOT } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// A million parcels in the browser: imported like any file, drawn from the worker's binary geometry,
// and panned while the Long Tasks API watches the main thread. The figures are printed and kept in
// test-results/performance.json. Large layers are drawn by view (src/workers/layerViews.ts) and the map
// draws at a lower resolution while it moves where frames are slow (src/map/adaptiveResolution.ts).

const PARCELS = Number(process.env.LANDCHECK_E2E_PARCELS ?? 1_000_000);

let harness: Harness;
let app: LandCheck;
let file: string;
beforeAll(async () => {
  file = bigParcelsFile(PARCELS);
  harness = await startHarness();
  app = await LandCheck.start(harness);
  await app.givenTheSampleCounty();
}, 600_000);
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

/** Drags the map around a loop of `steps` mouse moves per leg, as a hand would. */
async function panAround(app: LandCheck, legPx: number, steps: number): Promise<void> {
  const box = (await app.page.locator('#map').boundingBox())!;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  const legs: [number, number][] = [[legPx, 0], [0, legPx], [-legPx, 0], [0, -legPx]];
  await app.page.mouse.move(cx, cy);
  await app.page.mouse.down();
  let x = cx, y = cy;
  for (const [dx, dy] of legs) {
    for (let i = 1; i <= steps; i++) {
      await app.page.mouse.move(x + (dx * i) / steps, y + (dy * i) / steps);
      await app.page.waitForTimeout(16);
    }
    x += dx;
    y += dy;
  }
  await app.page.mouse.up();
}

interface PanFigures {
  longestTaskMs: number;
  longTasks: number;
  /** Every long task, ms, in order. */
  tasks: number[];
  frames: number;
  medianFrameMs: number;
  slowestFrameMs: number;
}

/** Watches long tasks and frame intervals while `pan` runs. */
async function measurePan(app: LandCheck, pan: () => Promise<void>): Promise<PanFigures> {
  await app.page.evaluate(() => {
    const w = window as unknown as { __perf: { tasks: number[]; frames: number[]; observer: PerformanceObserver; running: boolean } };
    const perf = { tasks: [] as number[], frames: [] as number[], observer: new PerformanceObserver((list) => list.getEntries().forEach((e) => perf.tasks.push(e.duration))), running: true };
    perf.observer.observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now: number) => {
      perf.frames.push(now - last);
      last = now;
      if (perf.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    w.__perf = perf;
  });
  await pan();
  await app.untilTheMapIsStill();
  return app.page.evaluate(() => {
    const perf = (window as unknown as { __perf: { tasks: number[]; frames: number[]; observer: PerformanceObserver; running: boolean } }).__perf;
    perf.running = false;
    perf.observer.takeRecords().forEach((e) => perf.tasks.push(e.duration));
    perf.observer.disconnect();
    const frames = perf.frames.slice(1).sort((a, b) => a - b);
    return {
      longestTaskMs: Math.max(0, ...perf.tasks),
      longTasks: perf.tasks.length,
      tasks: perf.tasks.map(Math.round),
      frames: frames.length,
      medianFrameMs: frames[Math.floor(frames.length / 2)] ?? 0,
      slowestFrameMs: frames[frames.length - 1] ?? 0,
    };
  });
}

/** The worker's job times, newest last. */
const workerTimings = (app: LandCheck) => app.page.evaluate(() => window.__landcheck!.workerTimings());

/** Waits until the worker has answered a view of the large layer, and the map is still; its kind and time. */
async function untilTheLayerViewCame(app: LandCheck, after: number): Promise<{ job: string; ms: number }> {
  for (let i = 0; i < 600; i++) {
    const timings = await workerTimings(app);
    const hit = timings.slice(after).find((t) => t.job.startsWith('layerView.'));
    if (hit) {
      await app.untilTheMapIsStill();
      return { job: hit.job, ms: Math.round(hit.ms) };
    }
    await app.page.waitForTimeout(500);
  }
  throw new Error('no view of the large layer came');
}

describe(`${PARCELS.toLocaleString('en')} parcels`, () => {
  const figures: Record<string, unknown> = { parcels: PARCELS };

  it('imports like any file, drawn as a picture made in the worker at the county scale', async () => {
    let t = Date.now();
    await app.whenIImport([file]);
    const facts = await app.page.getByRole('dialog').textContent({ timeout: 300_000 });
    expect(facts).toContain(String(PARCELS));
    figures.inspectSeconds = (Date.now() - t) / 1000;
    const before = (await workerTimings(app)).length;
    t = Date.now();
    await app.page.getByRole('combobox', { name: /图层类型|Layer kind/ }).selectOption({ label: '不动产登记宗地' });
    await app.page.getByRole('button', { name: /添加图层|Add layer/ }).click();
    await app.page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 300_000 });
    figures.addSeconds = (Date.now() - t) / 1000;
    const view = await untilTheLayerViewCame(app, before);
    expect(view.job).toBe('layerView.raster');
    figures.countyPictureMs = view.ms;
    expect(await app.layerNames()).toContain('不动产登记宗地');
    // Only the million parcels stay on: the figures are theirs, not the sample county's.
    const toggles = app.page.getByRole('checkbox', { name: /^显示 / });
    for (let i = 0; i < (await toggles.count()); i++) {
      const toggle = toggles.nth(i);
      const mine = ((await toggle.getAttribute('aria-label')) ?? '').includes('parcels-');
      if ((await toggle.isChecked()) !== mine) await toggle.click();
    }
    await app.untilTheMapIsStill();
    const [w, s, e, n] = bigParcelsBbox(PARCELS);
    expect(await app.offsetFromMapCentre((w + e) / 2, (s + n) / 2)).toBeLessThan(5);
    // The parcels' brown outlines or fill are drawn at the centre, over the light base map.
    const [centre] = await app.mapColoursAt([[(w + e) / 2, (s + n) / 2]]);
    expect(centre![0] + centre![1] + centre![2]).toBeLessThan(3 * 235);
  });

  it('pans with the whole layer in view, then at a working scale, and reports every long task', async () => {
    figures.panWholeLayer = await measurePan(app, () => panAround(app, 300, 20));
    const [w, s, e, n] = bigParcelsBbox(PARCELS);
    const before = (await workerTimings(app)).length;
    await app.whenILocate(`${((w + e) / 2).toFixed(6)}, ${((s + n) / 2).toFixed(6)}`);
    figures.workingScaleView = await untilTheLayerViewCame(app, before);
    figures.panAtWorkingScale = await measurePan(app, () => panAround(app, 300, 20));
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results/performance.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`[performance] ${JSON.stringify(figures)}`);
    const whole = figures.panWholeLayer as PanFigures, close = figures.panAtWorkingScale as PanFigures;
    expect(whole.frames).toBeGreaterThan(10);
    expect(close.frames).toBeGreaterThan(10);
  });
});
