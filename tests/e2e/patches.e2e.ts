import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVectorFile } from '../../src/io/formats';
import { readXlsxTable } from '../../src/io/tabular';
import { toLonLat } from '../../src/io/layerFile';
import { ROOT } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';
import { PatchReviewer } from './patchDriver';

// Satellite patch review (issue 7) in Chromium: the sample county's 33 patches, judged from the keyboard,
// kept across a reload, exported and read back with the project's own readers.

const SAMPLE = join(ROOT, 'data/sample');
const design = JSON.parse(readFileSync(join(SAMPLE, 'sample-design.json'), 'utf8')) as { patches: { id: string; judged: string | null; expected: { judgement: string; reason: string } }[] };
const M2_PER_MU = 10000 / 15;

let harness: Harness;
let app: LandCheck;
let reviewer: PatchReviewer;
const work = mkdtempSync(join(tmpdir(), 'landcheck-patches-'));

/** The patches as the sample file declares them (JCMJ m², dates), read with the project's reader. */
async function samplePatches(): Promise<Map<string, Record<string, unknown>>> {
  const read = await readVectorFile(new Uint8Array(readFileSync(join(SAMPLE, 'satellite_patches.zip'))), 'satellite_patches.zip');
  return new Map(read.collection.features.map((f) => [String(f.properties.JCBH), f.properties]));
}

beforeAll(async () => {
  harness = await startHarness();
  app = await LandCheck.start(harness, { width: 1400, height: 900 });
  reviewer = new PatchReviewer(app);
  await app.givenTheSampleCounty();
  await reviewer.givenIAm('刘审核');
  await reviewer.whenIOpenThePatchReview();
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the sample patches', () => {
  it('open with how far the review is, each with the suggested judgement and its reason', async () => {
    const judgedInFile = design.patches.filter((p) => p.judged).length;
    expect(await reviewer.progress()).toBe(`已判定 ${judgedInFile} / 33`);
    await reviewer.whenIFilter('图斑类型', 'YH');
    await reviewer.whenIFilter('状态', '未判定');
    expect(await reviewer.listedPatches()).toEqual(expect.arrayContaining(['4211022026014', '4211022026019', '4211022026026']));
    await reviewer.whenIPickThePatch('4211022026014');
    const suggestion = await reviewer.theSuggestion();
    expect(suggestion).toContain('合法');
    expect(suggestion).toContain('鄂政土批〔2025〕56号');
    expect(suggestion).toContain('2025-06-16');
    await reviewer.whenIPickThePatch('4211022026019');
    expect(await reviewer.theSuggestion()).toMatch(/其他 · 农村宅基地[\s\S]*农村宅基地（0702）/);
    await reviewer.whenIFilter('图斑类型', '不限');
    await reviewer.whenIFilter('状态', '全部');
  });

  it('show each patch before and after in clips of the images of its dates, the change inside the outline', async () => {
    const declared = await samplePatches();
    for (const id of ['4211022026003', '4211022026013', '4211022026006']) {
      await reviewer.whenIFilter('排序', '图斑编号');
      await reviewer.queue().getByRole('listbox').evaluate((el, index) => el.scrollTo(0, index * 30), Number(id.slice(-3)) - 1);
      await reviewer.whenIPickThePatch(id);
      const clips = await reviewer.theClips();
      const props = declared.get(id)!;
      expect(clips.map((c) => [c.side, c.imageDate, c.state])).toEqual([
        ['before', String(props.QSX), 'shown'],
        ['after', String(props.HSX), 'shown'],
      ]);
      // The manifest's two images, by their ids: the 2025-03-18 one before, the 2026-06-22 one after.
      expect(clips.map((c) => c.imageId)).toEqual(['before', 'after']);
      // The sample's after image paints every patch's change: the two clips differ inside the outline.
      const [before, after] = await reviewer.clipCentres();
      expect(Math.abs(before![0] - after![0]) + Math.abs(before![1] - after![1]) + Math.abs(before![2] - after![2])).toBeGreaterThan(30);
    }
    await reviewer.whenIFilter('排序', '风险');
  });
});

describe('judging from the keyboard', () => {
  it('judges three patches, writes a note, undoes one, all with keys', async () => {
    await reviewer.whenIFilter('状态', '未判定');
    await reviewer.whenIFilter('排序', '图斑编号');
    await reviewer.whenIFocusTheList();
    await reviewer.whenIPickThePatch('4211022026001');
    await reviewer.whenIFocusTheList();
    await reviewer.whenIPress('2');
    await expect.poll(() => reviewer.progress()).toBe('已判定 11 / 33');
    expect((await reviewer.theJudgement()).judgement).toBe('违法');
    await reviewer.whenIPress('m');
    await app.page.keyboard.type('两层砖房，已停工');
    await reviewer.whenIPress('Enter');
    await expect.poll(async () => (await reviewer.theJudgement()).note).toBe('两层砖房，已停工');
    // → goes to the next unjudged patch; Enter takes its suggestion (违法 · 圈占堆放) and moves on.
    await reviewer.whenIPress('ArrowRight');
    await expect.poll(() => reviewer.currentPatch()).toBe('4211022026003');
    await reviewer.whenIPress('Enter');
    await expect.poll(() => reviewer.progress()).toBe('已判定 12 / 33');
    await expect.poll(() => reviewer.currentPatch()).toBe('4211022026005');
    await reviewer.whenIPress('3');
    await expect.poll(() => reviewer.progress()).toBe('已判定 13 / 33');
    await reviewer.whenIPress('z');
    await expect.poll(() => reviewer.progress()).toBe('已判定 12 / 33');
    expect(await reviewer.currentPatch()).toBe('4211022026005');
    expect((await reviewer.theJudgement()).judgement).toBeNull();
  });

  it('keeps the judgements, the note and the current patch after a reload, and undo still works', async () => {
    await app.whenIReload();
    await reviewer.whenIOpenThePatchReview();
    expect(await reviewer.progress()).toBe('已判定 12 / 33');
    expect(await reviewer.currentPatch()).toBe('4211022026005');
    await reviewer.whenIFilter('状态', '已判定');
    await reviewer.whenIFilter('排序', '图斑编号');
    await reviewer.whenIPickThePatch('4211022026001');
    const first = await reviewer.theJudgement();
    expect(first).toMatchObject({ judgement: '违法', note: '两层砖房，已停工' });
    expect(first.status).toMatch(/^刘审核 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 判定$/);
    await reviewer.whenIPickThePatch('4211022026003');
    expect(await reviewer.theJudgement()).toMatchObject({ judgement: '违法', subtype: '圈占堆放' });
    // The newest judgement standing is 003's: undo takes it back, after the reload as before it.
    await reviewer.whenIFocusTheList();
    await reviewer.whenIPress('z');
    await expect.poll(() => reviewer.progress()).toBe('已判定 11 / 33');
    expect(await reviewer.currentPatch()).toBe('4211022026003');
    await reviewer.whenIFilter('状态', '全部');
  });
});

describe('the results', () => {
  it('export as XLSX with the figures of the review, read back with the project reader', async () => {
    const download = await reviewer.whenIExport(/Excel/);
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const table = await readXlsxTable(new Uint8Array(readFileSync(path)), path);
    const rows = table.collection.features.map((f) => f.properties as Record<string, string>);
    expect(rows).toHaveLength(33);
    const declared = await samplePatches();
    for (const row of rows) {
      // The area in mu from the file's own 监测面积 (m², to 2 decimals) within rounding.
      expect(Math.abs(Number(row['面积（亩）']) - Number(declared.get(row['图斑编号']!)!.JCMJ) / M2_PER_MU)).toBeLessThan(0.0002);
    }
    const first = rows.find((r) => r['图斑编号'] === '4211022026001')!;
    expect(first).toMatchObject({ 判定: '违法', 备注: '两层砖房，已停工', 核查人: '刘审核', 判定来源: '核查', 涉及永久基本农田: '是' });
    expect(Number(first['占永久基本农田（亩）'])).toBeGreaterThan(0);
    expect(rows.find((r) => r['图斑编号'] === '4211022026003')!['判定']).toBe('');
    expect(rows.find((r) => r['图斑编号'] === '4211022026002')).toMatchObject({ 判定: '违法', 判定子类: '工矿商服-硬化', 判定来源: '原数据' });
    expect(rows.filter((r) => r['判定']).length).toBe(11);
  });

  it('export as a GBK Shapefile with its .prj, read back with the project reader', async () => {
    const download = await reviewer.whenIExport(/Shapefile/, 'GBK');
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    const read = await readVectorFile(new Uint8Array(readFileSync(path)), 'results.zip');
    expect(read.collection.features).toHaveLength(33);
    expect(read.declaredCrs?.code).toBe('EPSG:4547');
    expect(read.encoding).toMatch(/gb/i);
    const first = read.collection.features.find((f) => f.properties.JCBH === '4211022026001')!;
    expect(first.properties).toMatchObject({ PD: '违法', BZ: '两层砖房，已停工', HCR: '刘审核' });
    expect(first.geometry?.type).toMatch(/Polygon/);
  });
});

describe('the suggestion rules', () => {
  it("are the bureau's: a later review period makes the illegal ones 存量, kept with the workspace", async () => {
    await reviewer.whenIFilter('状态', '全部');
    await reviewer.whenIFilter('排序', '图斑编号');
    await reviewer.whenIPickThePatch('4211022026003');
    expect(await reviewer.theSuggestion()).toContain('新增');
    await reviewer.queue().getByText('建议判定规则').click();
    await reviewer.queue().getByLabel('核查期起始日期').fill('2025-04-01');
    await reviewer.queue().getByRole('button', { name: '保存并重新套合' }).click();
    await expect.poll(() => reviewer.theSuggestion()).toContain('存量');
    await app.whenIReload();
    await reviewer.whenIOpenThePatchReview();
    await reviewer.whenIFilter('排序', '图斑编号');
    await reviewer.whenIPickThePatch('4211022026003');
    expect(await reviewer.theSuggestion()).toContain('存量');
  });
});

describe('a patch without the images of its dates', () => {
  it('says so for each side instead of showing another date', async () => {
    const read = await readVectorFile(new Uint8Array(readFileSync(join(SAMPLE, 'satellite_patches.zip'))), 'satellite_patches.zip');
    const file = join(work, 'old_patches.geojson');
    // Patch A: inside the county but from 2019 (no image within 120 days); patch B: 20 km east of every image.
    const lonLat = toLonLat(read.collection, read.declaredCrs!.code);
    const geometry = lonLat.features.find((f) => f.properties.JCBH === '4211022026001')!.geometry as { type: 'Polygon'; coordinates: number[][][] };
    const shifted = { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(([x, y]) => [x! + 0.2, y!])) };
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { JCBH: 'OLD-A', TBLX: '20', QSX: '2019-01-05', HSX: '2019-06-30' }, geometry },
        { type: 'Feature', properties: { JCBH: 'OLD-B', TBLX: '20', QSX: '2025-03-18', HSX: '2026-06-22' }, geometry: shifted },
      ],
    }));
    await app.whenIImport([file]);
    await app.theImportDialog();
    await app.whenIAddTheLayerAs('卫片图斑');
    await reviewer.queue().getByRole('combobox', { name: /^图斑图层/ }).selectOption({ label: 'old_patches' });
    await reviewer.queue().getByText(/^已判定 0 \/ 2$/).waitFor();
    await reviewer.whenIPickThePatch('OLD-A');
    const a = await reviewer.theClips();
    expect(a.map((c) => [c.state, c.imageId])).toEqual([['missing', ''], ['missing', '']]);
    expect(a[0]!.text).toContain('没有 2019-01-05 前后 120 天内覆盖此图斑的影像');
    expect(a[1]!.text).toContain('没有 2019-06-30 前后 120 天内覆盖此图斑的影像');
    await reviewer.whenIPickThePatch('OLD-B');
    const b = await reviewer.theClips();
    expect(b.map((c) => c.state)).toEqual(['missing', 'missing']);
    expect(b[0]!.text).toContain('没有覆盖此图斑的影像');
    expect(await reviewer.theSuggestion()).toContain('无法套合');
  });
});

describe('a batch of 5,000 patches', () => {
  it('filters and steps without waiting, and reports the figures', async () => {
    const read = await readVectorFile(new Uint8Array(readFileSync(join(SAMPLE, 'satellite_patches.zip'))), 'satellite_patches.zip');
    const lonLat = toLonLat(read.collection, read.declaredCrs!.code);
    // The sample's 33 shapes moved about the county on a fixed grid: 5,016 patches with the sample's attributes.
    const xs = lonLat.features.flatMap((f) => (f.geometry as { coordinates: number[][][] }).coordinates[0]!.map((p) => p[0]!));
    const ys = lonLat.features.flatMap((f) => (f.geometry as { coordinates: number[][][] }).coordinates[0]!.map((p) => p[1]!));
    const [w, s, e, n] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const features = [];
    for (let k = 0; k < 152; k++) {
      const dx = ((k % 12) / 12 - 0.5) * (e - w) * 0.5, dy = ((Math.floor(k / 12) % 13) / 13 - 0.5) * (n - s) * 0.5;
      for (const f of lonLat.features) {
        const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0]!.map(([x, y]) => [Math.min(e, Math.max(w, x! + dx)), Math.min(n, Math.max(s, y! + dy))]);
        features.push({ type: 'Feature', properties: { ...f.properties, JCBH: `B${String(k).padStart(3, '0')}-${String(f.properties.JCBH)}`, PD: '' }, geometry: { type: 'Polygon', coordinates: [ring] } });
      }
    }
    const file = join(work, 'batch_5016.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    await app.whenIImport([file]);
    await app.theImportDialog();
    await app.whenIAddTheLayerAs('卫片图斑');
    const opened = Date.now();
    await reviewer.queue().getByRole('combobox', { name: /^图斑图层/ }).selectOption({ label: 'batch_5016' });
    // Every patch has its facts when all of them are listed.
    await reviewer.queue().getByText('显示 5016 个').waitFor({ timeout: 180_000 });
    await reviewer.queue().getByText(/正在套合图斑/).waitFor({ state: 'hidden' });
    expect(await reviewer.progress()).toBe('已判定 0 / 5016');
    const overlaySeconds = (Date.now() - opened) / 1000;
    const workerMs = await app.page.evaluate(async () => (await window.__landcheck!.workerTimings!()).filter((t) => t.job === 'patchChunk').reduce((sum, t) => sum + t.ms, 0));

    const page = app.page;
    const longTasks = await page.evaluate(() => {
      (window as unknown as { __long: number[] }).__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((en) => (window as unknown as { __long: number[] }).__long.push(Math.round(en.duration)))).observe({ type: 'longtask', buffered: false });
      return true;
    });
    expect(longTasks).toBe(true);
    const timeIt = async (act: () => Promise<void>, until: () => Promise<void>) => {
      const start = Date.now();
      await act();
      await until();
      return Date.now() - start;
    };
    const filterMs: number[] = [];
    const quarries = lonLat.features.filter((f) => f.properties.TBLX === 'CK').length * 152;
    filterMs.push(await timeIt(() => reviewer.whenIFilter('图斑类型', 'CK'), () => reviewer.queue().getByText(`显示 ${quarries} 个`).waitFor()));
    filterMs.push(await timeIt(() => reviewer.whenIFilter('图斑类型', '不限'), () => reviewer.queue().getByText('显示 5016 个').waitFor()));
    await reviewer.queue().getByRole('checkbox', { name: '涉及永久基本农田' }).check();
    const withFarmland = Number(/显示 (\d+) 个/.exec((await reviewer.queue().getByText(/^显示 \d+ 个$/).textContent()) ?? '')![1]);
    expect(withFarmland).toBeGreaterThan(0);
    expect(withFarmland).toBeLessThan(5016);
    await reviewer.queue().getByRole('checkbox', { name: '涉及永久基本农田' }).uncheck();
    filterMs.push(await timeIt(() => reviewer.whenIFilter('排序', '面积'), () => reviewer.queue().getByText('显示 5016 个').waitFor()));

    await reviewer.whenIFocusTheList();
    const stepMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const from = await reviewer.currentPatch();
      stepMs.push(await timeIt(() => page.keyboard.press('ArrowRight'), async () => {
        await page.waitForFunction((id) => !document.querySelector('aside.patch-desk h2')?.textContent?.includes(id), from);
      }));
    }
    const judgeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = await reviewer.progress();
      judgeMs.push(await timeIt(() => page.keyboard.press('Enter'), async () => {
        await page.waitForFunction((text) => document.querySelector('.patch-progress strong')?.textContent !== text, before);
      }));
    }
    const tasks = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    console.log(`[patches] ${JSON.stringify({ patches: 5016, overlaySeconds, overlayWorkerMsPerPatch: Math.round((workerMs / 5016) * 100) / 100, filterMs, stepMedianMs: median(stepMs), stepMaxMs: Math.max(...stepMs), judgeAndNextMedianMs: median(judgeMs), longTasksMs: tasks })}`);
    expect(await reviewer.progress()).toBe('已判定 5 / 5016');
  });
});
