import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SHARED_DATA } from '../support/paths';
import { CaseClerk } from './caseDriver';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// An officer's day with one case: registered by a click on the map, verified, its opinion edited and
// saved, moved through the flow to closed — and after a reload everything is still there. A second case
// typed at the coordinates of the sample's HK-2026-001 gets the golden figures of that case.

const golden = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/golden/sample-verification.json'), 'utf8')) as {
  cases: { id: string; geometry: { coordinates: [number, number] }; overlaps: { layerId: string; featureId: string; planarAreaM2: number; areaMu: number }[]; flags: { code: string }[] }[];
};
const HK001 = golden.cases.find((c) => c.id === 'HK-2026-001')!;
const [LON, LAT] = HK001.geometry.coordinates;

let harness: Harness;
let app: LandCheck;
let clerk: CaseClerk;
beforeAll(async () => {
  harness = await startHarness();
  app = await LandCheck.start(harness);
  clerk = new CaseClerk(app);
  await app.givenTheSampleCounty();
  await clerk.untilTheCasesAreLoaded();
}, 120_000);
afterEach(async ({ task }) => {
  // What the page looked like when a step failed.
  if (task.result?.state === 'fail') await app.page.screenshot({ path: join(ROOT, `test-results/cases-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

describe('a case from intake to closing', () => {
  let id = '';

  it('is registered by clicking the map, with the petitioner kept but not shown', async () => {
    // Close enough that one screen pixel is well under a metre.
    await app.whenILocate(`${LON}, ${LAT}`);
    id = await clerk.whenIStartANewCase({ petitioner: '王建国', phone: '13912345678', idNumber: '420102198001011234', complaint: '王建国反映邻居在基本农田上建房', demands: '请求查处', place: '河口镇李家湾村' });
    expect(id).toMatch(/^XF-\d{4}-\d{4}$/);
    expect(await clerk.whenIPickThePlaceOnTheMap(LON, LAT)).toContain('地图点选');
    await clerk.whenIRegister();
    const desk = (await clerk.desk().textContent()) ?? '';
    expect(desk).toContain(id);
    expect(desk).toContain('王**');
    expect(desk).toContain('139****5678');
    expect(desk).not.toContain('13912345678');
    expect(await clerk.theStatus()).toBe('登记');
  });

  it('is accepted, verified (status 核查) and shows the facts of the place', async () => {
    await clerk.whenIMoveTheCaseTo('受理');
    await clerk.whenIVerifyTheCase();
    expect(await clerk.theStatus()).toBe('核查');
    const { flags, overlaps } = await clerk.theVerification();
    // The same ground as HK-2026-001: its findings, and it repeats that complaint.
    for (const code of HK001.flags.map((f) => f.code)) expect(flags).toContain(code);
    expect(flags).toContain('REPEAT');
    const ids = overlaps.map((row) => row[1]);
    for (const o of HK001.overlaps) expect(ids).toContain(o.featureId);
  });

  it('keeps the edited opinion with its facts, moves to 拟办 and on to 办结', async () => {
    const draft = await clerk.opinion().inputValue();
    expect(draft).toContain(id);
    await clerk.whenISaveTheOpinion(`${draft}\n（经现场核实，情况属实。）`);
    expect(await clerk.theStatus()).toBe('拟办');
    for (const status of ['审核', '答复', '回访', '办结']) await clerk.whenIMoveTheCaseTo(status);
  });

  it('is all still there after a reload', async () => {
    await app.whenIReload();
    await clerk.untilTheCasesAreLoaded();
    await clerk.whenIOpenTheCase(id);
    expect(await clerk.theStatus()).toBe('办结');
    expect(await clerk.opinion().inputValue()).toContain('（经现场核实，情况属实。）');
    const { flags } = await clerk.theVerification();
    expect(flags).toContain('BASIC_FARMLAND');
    const log = (await clerk.theAuditLog()).join('\n');
    for (const line of ['登记', '状态 登记 → 受理', '核查', '保存意见', '状态 回访 → 办结']) expect(log).toContain(line);
  });
});

describe('a case located by typed coordinates', () => {
  it('gets the golden overlap areas of the case at the same place', async () => {
    await clerk.whenIStartANewCase({ petitioner: '李四', complaint: '同一地点再次反映' });
    expect(await clerk.whenITypeThePlace(`${LON}, ${LAT}`)).toContain('位置：');
    await clerk.whenIRegister();
    await clerk.whenIMoveTheCaseTo('受理');
    await clerk.whenIVerifyTheCase();
    const { overlaps } = await clerk.theVerification();
    for (const o of HK001.overlaps) {
      const row = overlaps.find((r) => r[1] === o.featureId)!;
      expect(Number(row[2])).toBeCloseTo(o.planarAreaM2, 2);
      expect(Number(row[3])).toBeCloseTo(o.areaMu, 4);
    }
  });

  it('drafts the acceptance notice with the reply deadline, 60 days from today', async () => {
    const desk = clerk.desk();
    await desk.getByLabel('文书类型').selectOption({ label: '受理告知书' });
    await desk.getByRole('button', { name: '起草', exact: true }).click();
    const letter = await desk.getByLabel('文书内容').inputValue();
    const id = (await desk.getByRole('heading', { level: 2 }).textContent())!.replace('案件 ', '');
    expect(letter).toContain(id);
    const accepted = await app.page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() + 60);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(letter).toContain(accepted);
  });
});

describe('the workspace kept by the browser and as one backup file', () => {
  const PREFECTURES = join(SHARED_DATA, 'china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e.geojson');

  it('an imported layer is still there after a reload', async () => {
    await app.whenIImport([PREFECTURES]);
    await app.theImportDialog();
    await app.whenIAddTheLayerAs('国土空间规划分区');
    await app.whenIReload();
    await clerk.untilTheCasesAreLoaded();
    expect(await app.layerNames()).toContain('国土空间规划分区');
  });

  it('a backup restored in another browser brings back the cases, their work and the imported layer', async () => {
    await app.whenIOpenTheWorkspaceMenu();
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: '备份工作区' }).click()]);
    const backup = join(ROOT, 'test-results/workspace-backup.landcheck.zip');
    await download.saveAs(backup);
    const ids = await app.page.getByRole('list', { name: '信访案件' }).locator('.case-id').allInnerTexts();
    const other = await LandCheck.start(harness);
    const otherClerk = new CaseClerk(other);
    try {
      await other.givenTheSampleCounty();
      await otherClerk.untilTheCasesAreLoaded();
      expect(await other.page.getByRole('list', { name: '信访案件' }).locator('.case-id').count()).toBe(30);
      await other.whenIOpenTheWorkspaceMenu();
      // Restoring asks first, then reloads the page on the restored workspace.
      other.page.once('dialog', (dialog) => void dialog.accept());
      await Promise.all([other.page.waitForEvent('load', { timeout: 60_000 }), other.page.getByLabel('选择工作区备份文件').setInputFiles(backup)]);
      await other.untilTheMapIsDrawn();
      await otherClerk.untilTheCasesAreLoaded();
      expect(await other.page.getByRole('list', { name: '信访案件' }).locator('.case-id').allInnerTexts()).toEqual(ids);
      expect(await other.layerNames()).toContain('国土空间规划分区');
      await otherClerk.whenIOpenTheCase(ids.find((id) => id.startsWith('XF-'))!);
      expect(await otherClerk.theStatus()).toBe('办结');
      expect(await otherClerk.opinion().inputValue()).toContain('（经现场核实，情况属实。）');
    } finally {
      await other.close();
    }
  });

  it("numbers new cases by the bureau's own pattern, kept across a reload", async () => {
    await app.whenIOpenTheWorkspaceMenu();
    await app.page.getByRole('button', { name: '办案设置' }).click();
    const dialog = app.page.getByRole('dialog', { name: '办案设置' });
    await dialog.getByLabel(/案件编号规则/).fill('HK-{YYYY}-{NNN}');
    await dialog.getByRole('button', { name: '保存设置' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await app.whenIReload();
    await clerk.untilTheCasesAreLoaded();
    // The sample ledger runs HK-2026-001 … HK-2026-030; the number counts on in the year of today's registration.
    const year = new Date().getFullYear();
    expect(await clerk.whenIStartANewCase({})).toBe(year === 2026 ? 'HK-2026-031' : `HK-${year}-001`);
    await clerk.intake().getByRole('button', { name: '取消' }).click();
  });
});
