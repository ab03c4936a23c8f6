import type { Download, Locator, Page } from 'playwright-core';
import type { LandCheck } from './driver';

// The case ledger in a user's words: registering, working a case at the desk, the ledger and the
// dashboard tabs. Built on the workbench driver (LandCheck).

export interface NewCase {
  petitioner?: string;
  phone?: string;
  idNumber?: string;
  complaint?: string;
  demands?: string;
  place?: string;
  officer?: string;
  receivedDate?: string;
}

export class CaseClerk {
  constructor(private readonly app: LandCheck) {}

  get page(): Page {
    return this.app.page;
  }

  /** Waits until the stored cases are loaded (after the map). */
  async untilTheCasesAreLoaded(): Promise<void> {
    await this.page.waitForFunction(() => window.__landcheck?.casesReady === true, null, { timeout: 60_000 });
  }

  intake(): Locator {
    return this.page.getByRole('dialog', { name: /登记新案件|Register a new case/ });
  }

  /** Opens the intake form and fills what the petitioner said; returns the case number it proposes. */
  async whenIStartANewCase(data: NewCase): Promise<string> {
    await this.page.getByRole('button', { name: '登记新案件' }).first().click();
    const form = this.intake();
    await form.waitFor();
    const fill = async (label: string, value: string | undefined) => {
      if (value !== undefined) await form.getByLabel(label, { exact: true }).fill(value);
    };
    await fill('登记日期', data.receivedDate);
    await fill('信访人', data.petitioner);
    await fill('联系电话', data.phone);
    await fill('身份证号', data.idNumber);
    await fill('反映问题', data.complaint);
    await fill('诉求', data.demands);
    await fill('涉及地点', data.place);
    await fill('承办人', data.officer);
    return form.getByLabel('案件编号', { exact: true }).inputValue();
  }

  /** Picks the case's place by clicking the map, and waits for the form to come back with it. */
  async whenIPickThePlaceOnTheMap(lon: number, lat: number): Promise<string> {
    await this.intake().getByRole('button', { name: '在地图上点选位置' }).click();
    await this.page.getByRole('status').filter({ hasText: '请在地图上点击案件位置' }).waitFor();
    await this.app.whenIClickTheMapAt(lon, lat);
    await this.intake().waitFor();
    return (await this.intake().getByRole('status').first().textContent()) ?? '';
  }

  /** Types the place in any form the locate box takes. */
  async whenITypeThePlace(text: string): Promise<string> {
    await this.intake().getByLabel('坐标、地块号或图斑号').fill(text);
    await this.intake().getByRole('button', { name: '定位', exact: true }).click();
    const status = this.intake().getByRole('status').first();
    await status.filter({ hasText: /位置：/ }).waitFor();
    return (await status.textContent()) ?? '';
  }

  async whenIRegister(): Promise<void> {
    await this.intake().getByRole('button', { name: '登记', exact: true }).click();
    await this.intake().waitFor({ state: 'hidden' });
  }

  desk(): Locator {
    return this.page.getByRole('complementary', { name: /^案件 / });
  }

  async whenIOpenTheCase(id: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`${id}`) }).first().click();
    await this.desk().waitFor();
  }

  async whenIMoveTheCaseTo(status: string): Promise<void> {
    await this.desk().getByRole('button', { name: `转为“${status}”` }).click();
    await this.desk().locator('strong.status').filter({ hasText: status }).waitFor();
  }

  async theStatus(): Promise<string> {
    return (await this.desk().locator('strong.status').textContent()) ?? '';
  }

  async whenIVerifyTheCase(): Promise<void> {
    const before = await this.desk().locator('.hint').filter({ hasText: '核查于' }).count();
    await this.desk().getByRole('button', { name: '核查', exact: true }).click();
    await this.desk().getByRole('button', { name: '核查', exact: true }).and(this.page.locator(':enabled')).waitFor();
    if (before === 0) await this.desk().locator('.hint').filter({ hasText: '核查于' }).waitFor();
  }

  /** The findings' codes and the overlap table's rows (layer, feature id, m², mu, share). */
  async theVerification(): Promise<{ flags: string[]; overlaps: string[][] }> {
    const flags = await this.desk().getByRole('list', { name: '发现' }).locator('li strong').allInnerTexts();
    const rows = this.desk().getByRole('table', { name: '叠加结果' }).locator('tbody tr');
    const overlaps: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) overlaps.push(await rows.nth(i).locator('td').allInnerTexts());
    return { flags, overlaps };
  }

  opinion(): Locator {
    return this.desk().getByLabel('处理意见（可编辑）');
  }

  async whenISaveTheOpinion(text: string): Promise<void> {
    await this.opinion().fill(text);
    await this.desk().getByRole('button', { name: '保存意见' }).click();
    await this.desk().getByRole('status').filter({ hasText: '意见已保存' }).waitFor();
  }

  async theAuditLog(): Promise<string[]> {
    return this.desk().getByRole('list', { name: '操作记录' }).locator('li').allInnerTexts();
  }

  async whenIOpenTheTab(name: '地图' | '台账' | '统计'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** Imports a ledger file with the columns as matched automatically. */
  async whenIImportTheLedger(path: string): Promise<string> {
    await this.whenIStartImportingTheLedger(path);
    const dialog = this.page.getByRole('dialog', { name: /导入台账/ });
    const outcome = dialog.getByRole('status').filter({ hasText: /已导入/ }).or(dialog.getByRole('alert'));
    await outcome.first().waitFor({ timeout: 120_000 });
    const text = (await outcome.first().textContent()) ?? '';
    await dialog.getByRole('button', { name: '取消' }).click();
    return text;
  }

  /** Starts importing a ledger and returns as soon as the import button was pressed. */
  async whenIStartImportingTheLedger(path: string): Promise<void> {
    await this.page.getByRole('button', { name: '导入台账' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: /导入台账/ });
    await dialog.getByLabel('台账文件').setInputFiles(path);
    const go = dialog.getByRole('button', { name: /^导入 \d+ 件$/ });
    await go.waitFor();
    await go.click();
  }

  /** The ledger tab's "n / N" count line. */
  async theLedgerCount(): Promise<{ shown: number; total: number }> {
    const line = this.page.getByText(/显示\s*\d+\s*\/\s*\d+\s*件/);
    // The table filters after the input settles: read until two readings a moment apart agree.
    let last = '';
    for (let i = 0; i < 50; i++) {
      const text = (await line.textContent()) ?? '';
      if (text === last) break;
      last = text;
      await this.page.waitForTimeout(150);
    }
    const [, shown, total] = /(\d+)\s*\/\s*(\d+)/.exec(last)!;
    return { shown: Number(shown), total: Number(total) };
  }

  /** Types into the ledger's search box. */
  async whenISearchTheLedgerFor(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: '搜索' }).fill(text);
  }

  /** Opens a case from its ledger row (the map and the case desk come up). */
  async whenIOpenTheLedgerRow(id: string): Promise<void> {
    await this.page.getByRole('row').filter({ hasText: id }).first().click();
    await this.desk().waitFor();
  }

  /** Verifies the cases the ledger shows and waits for the outcome line; returns it. */
  async whenIVerifyTheShownCases(): Promise<string> {
    await this.page.getByRole('button', { name: /^核查显示的 \d+ 件$/ }).click();
    const done = this.page.getByRole('status').filter({ hasText: /^已核查 \d+ 件/ });
    await done.waitFor({ timeout: 600_000 });
    return (await done.textContent()) ?? '';
  }

  async whenIFilterBy(checkbox: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: checkbox, exact: true }).check();
  }

  /** Exports the ledger as shown; returns the download. */
  async whenIExportTheLedger(format: 'XLSX' | 'CSV', unmask = false): Promise<Download> {
    await this.page.getByLabel(new RegExp(`^${format}$`)).check();
    const unmaskBox = this.page.getByRole('checkbox', { name: /不脱敏/ });
    if ((await unmaskBox.isChecked()) !== unmask) await unmaskBox.click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: '导出台账' }).click()]);
    return download;
  }

  /** The value of a dashboard figure tile by its name. */
  async theDashboardFigure(name: string): Promise<string> {
    const tile = this.page.getByRole('group', { name });
    return (await tile.locator('.tile-value').textContent()) ?? '';
  }
}
