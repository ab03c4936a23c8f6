// A driver that speaks in the user's words, so tests read as what an officer does (STYLE.md).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import '../../src/ui/pageHook';
import type { Harness, Session } from './harness';

export class LandCheck {
  readonly consoleErrors: string[] = [];

  private constructor(private readonly session: Session, private readonly baseUrl: string) {
    this.listen(session.page);
  }

  private listen(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(String(error)));
  }

  /** Opens the top bar's workspace menu (user name, backup, case settings, base map), if it is closed. */
  async whenIOpenTheWorkspaceMenu(): Promise<void> {
    const menu = this.page.locator('details.menu');
    if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
  }

  /**
   * The tab crashes (as when the browser kills it mid-work), and the user opens the app again in a new tab
   * of the same browser profile: what was stored is what there is.
   */
  async whenTheTabCrashesAndIReopen(): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const crashed = this.page.waitForEvent('crash', { timeout: 10_000 });
    // The command never answers: the page it would answer from is gone.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await this.page.close().catch(() => undefined);
    this.session.page = await this.session.context.newPage();
    this.listen(this.session.page);
    await this.givenTheSampleCounty();
  }

  static async start(harness: Harness, viewport?: { width: number; height: number }): Promise<LandCheck> {
    return new LandCheck(await harness.newSession(viewport), harness.baseUrl);
  }

  get page(): Page {
    return this.session.page;
  }

  /** Opens the app (the sample county is the default workspace) and waits until the map shows it. */
  async givenTheSampleCounty(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}${query}`);
    await this.untilTheMapIsDrawn();
  }

  async untilTheMapIsDrawn(): Promise<void> {
    await this.page.waitForFunction(() => window.__landcheck?.ready === true, null, { timeout: 90_000 });
    await this.page.waitForTimeout(300);
  }

  async whenIReload(): Promise<void> {
    await this.page.reload();
    await this.untilTheMapIsDrawn();
  }

  /** Names of the layers in the layer list, as shown. */
  async layerNames(): Promise<string[]> {
    return this.page.getByRole('list', { name: /^(图层|Layers)$/ }).locator('.layer-name').allInnerTexts();
  }

  /** Waits until a heading with this name is on screen. */
  async seeTheHeading(name: string | RegExp): Promise<void> {
    await this.page.getByRole('heading', { name }).first().waitFor({ state: 'visible' });
  }

  async alertText(): Promise<string> {
    const alert = this.page.getByRole('alert').first();
    await alert.waitFor({ state: 'visible' });
    return (await alert.textContent()) ?? '';
  }

  async caseIds(): Promise<string[]> {
    return this.page.locator('.case-list .case-id').allInnerTexts();
  }

  async whenIChooseTheLanguage(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: /语言|Language/ }).selectOption({ label });
  }

  async whenIToggleTheLayer(name: RegExp | string): Promise<void> {
    await this.page.getByRole('checkbox', { name }).click();
    await this.page.waitForTimeout(400);
  }

  async whenIPickTheCase(id: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(id) }).click();
  }

  async whenISetTheBaseMap(option: RegExp, fill?: { label: RegExp; value: string }): Promise<void> {
    await this.whenIOpenTheWorkspaceMenu();
    await this.page.getByRole('button', { name: /底图设置|Base map/ }).click();
    await this.page.getByRole('radio', { name: option }).check();
    if (fill) await this.page.getByLabel(fill.label).fill(fill.value);
    await this.page.getByRole('button', { name: /应用|Apply/ }).click();
  }

  async theBaseMapDialog(): Promise<{ checked: string | null; url: string | null }> {
    await this.whenIOpenTheWorkspaceMenu();
    await this.page.getByRole('button', { name: /底图设置|Base map/ }).click();
    const checked = await this.page.locator('dialog input[type=radio]:checked').getAttribute('value');
    const urlField = this.page.locator('dialog input[type=url]');
    const url = (await urlField.count()) > 0 ? await urlField.inputValue() : null;
    await this.page.getByRole('button', { name: /取消|Cancel/ }).click();
    return { checked, url };
  }

  /** Colours of the rendered map (or, side by side, the right map) at lon/lat positions, read from a screenshot of the page. */
  async mapColoursAt(positions: [number, number][], map: 'main' | 'right' = 'main'): Promise<[number, number, number][]> {
    // The canvas, not the container: the right map's container has a border.
    const box = (await this.page.locator(map === 'main' ? '#map' : '#map-right .maplibregl-canvas').boundingBox())!;
    const points = await this.page.evaluate(([ps, m]) => ps.map(([lon, lat]) => (m === 'main' ? window.__landcheck! : window.__landcheck!.right!).project(lon!, lat!)), [positions, map] as const);
    const png = PNG.sync.read(await this.page.screenshot());
    return points.map(({ x, y }) => {
      const px = Math.round(box.x + x);
      const py = Math.round(box.y + y);
      const i = (py * png.width + px) * 4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    });
  }

  async untilTheMapIsStill(): Promise<void> {
    await this.page.waitForTimeout(200);
    await this.page.evaluate(() => window.__landcheck!.idle());
    await this.page.waitForTimeout(300);
  }

  /** Picks files with the import button's file chooser and waits for the import dialog. */
  async whenIImport(paths: string[]): Promise<void> {
    await this.page.getByLabel(/^(选择要导入的文件|Choose files to import)$/).setInputFiles(paths);
  }

  async theImportDialog(): Promise<string> {
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    return (await dialog.textContent()) ?? '';
  }

  async whenIAddTheLayerAs(kind: string): Promise<void> {
    await this.page.getByRole('combobox', { name: /图层类型|Layer kind/ }).selectOption({ label: kind });
    await this.page.getByRole('button', { name: /添加图层|Add layer/ }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
    await this.untilTheMapIsStill();
  }

  async whenIClickTheMapAt(lon: number, lat: number): Promise<void> {
    const box = (await this.page.locator('#map').boundingBox())!;
    const { x, y } = await this.page.evaluate(([a, b]) => window.__landcheck!.project(a!, b!), [lon, lat]);
    await this.page.mouse.click(box.x + x, box.y + y);
  }

  async theIdentifyPanel(): Promise<string> {
    const panel = this.page.getByRole('complementary', { name: /查询结果|Identify/ });
    try {
      await panel.locator('.identified, p').first().waitFor();
    } catch (error) {
      await this.page.screenshot({ path: 'test-results/identify-timeout.png' });
      throw error;
    }
    return (await panel.textContent()) ?? '';
  }

  async whenILocate(text: string): Promise<string> {
    await this.page.getByRole('searchbox', { name: /定位|Locate/ }).fill(text);
    await this.page.getByRole('button', { name: /^(定位|Go)$/ }).click();
    const status = this.page.locator('.locate-status');
    await status.waitFor();
    await this.untilTheMapIsStill();
    return (await status.textContent()) ?? '';
  }

  /** Where a lon/lat is on screen relative to the map's centre, in pixels. */
  async offsetFromMapCentre(lon: number, lat: number): Promise<number> {
    const box = (await this.page.locator('#map').boundingBox())!;
    const { x, y } = await this.page.evaluate(([a, b]) => window.__landcheck!.project(a!, b!), [lon, lat]);
    return Math.hypot(x - box.width / 2, y - box.height / 2);
  }

  /**
   * Drops files on the map the way a user drags them from the desktop: a DataTransfer holding the files
   * (read here, on disk) goes through dragenter, dragover and drop on the map.
   */
  async whenIDropOnTheMap(paths: string[]): Promise<void> {
    const files = paths.map((path) => ({ name: basename(path), base64: readFileSync(path).toString('base64') }));
    const transfer = await this.page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const { name, base64 } of list) data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
      return data;
    }, files);
    // Released over the middle of the map: the events go to whatever is drawn there, as the mouse's would.
    const box = (await this.page.getByRole('region', { name: /^(地图|Map)$/ }).first().boundingBox())!;
    const at = { clientX: Math.round(box.x + box.width / 2), clientY: Math.round(box.y + box.height / 2) };
    const target = await this.page.evaluateHandle(({ clientX, clientY }) => document.elementFromPoint(clientX, clientY)!, at);
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: transfer, ...at });
    await Promise.all([transfer.dispose(), target.dispose()]);
  }

  /** The import progress bar, once it shows, named by what it is doing with which file. */
  async theImportProgress(name: RegExp): Promise<{ name: string; determinate: boolean }> {
    const bar = this.page.getByRole('progressbar', { name });
    await bar.first().waitFor({ state: 'visible', timeout: 60_000 });
    return bar.first().evaluate((el) => ({
      name: document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      determinate: el.hasAttribute('value'),
    }));
  }

  async whenIStopTheImport(): Promise<void> {
    await this.page.getByRole('button', { name: /停止导入|Stop importing/ }).click();
  }

  /** The coordinate system chosen in the import dialog, and the groups of its choices with their options. */
  async theCrsChoice(): Promise<{ chosen: string; groups: { label: string; options: string[] }[] }> {
    const select = this.page.getByRole('dialog').getByRole('combobox', { name: /^(坐标系|Coordinate system)$/ });
    await select.locator('optgroup').nth(2).waitFor({ state: 'attached' });
    return select.evaluate((el) => ({
      chosen: (el as HTMLSelectElement).value,
      groups: Array.from(el.querySelectorAll('optgroup'), (g) => ({ label: g.label, options: Array.from(g.querySelectorAll('option'), (o) => o.textContent ?? '') })),
    }));
  }

  /** Chooses the coordinate system in the import dialog by its EPSG code, as it begins the option. */
  async whenIChooseTheCrs(code: string): Promise<void> {
    const select = this.page.getByRole('dialog').getByRole('combobox', { name: /^(坐标系|Coordinate system)$/ });
    const label = (await select.locator('option').allTextContents()).find((text) => text.startsWith(`${code} `));
    if (!label) throw new Error(`the coordinate system choice has no ${code}`);
    await select.selectOption({ label });
  }

  /** What the import dialog says it refused, once it says so. */
  async theImportDialogRefusal(): Promise<string> {
    const alert = this.page.getByRole('dialog').getByRole('alert');
    await alert.waitFor({ state: 'visible', timeout: 60_000 });
    return (await alert.textContent()) ?? '';
  }

  /** Waits until the dialog has read the file again in the chosen CRS (its facts name it) and returns them. */
  async theImportDialogReadsAs(code: string): Promise<string> {
    const dialog = this.page.getByRole('dialog');
    await dialog.locator('.facts dd', { hasText: code }).first().waitFor({ timeout: 60_000 });
    await this.page.getByRole('button', { name: /添加图层|Add layer/ }).and(this.page.locator(':enabled')).waitFor();
    return (await dialog.textContent()) ?? '';
  }

  async canAddTheLayer(): Promise<boolean> {
    return this.page.getByRole('button', { name: /添加图层|Add layer/ }).isEnabled();
  }

  async whenICancelTheImport(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: /^(取消|Cancel)$/ }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  async whenIMoveTheLayerUp(name: RegExp | string): Promise<void> {
    await this.page.getByRole('button', { name: typeof name === 'string' ? `上移 ${name}` : new RegExp(`(上移|Move up) .*${name.source}`) }).click();
  }

  async whenISetTheOpacity(name: RegExp | string, opacity: number): Promise<void> {
    await this.page.getByRole('slider', { name: typeof name === 'string' ? `${name} 透明度` : new RegExp(`${name.source}.* (透明度|opacity)`) }).fill(String(opacity));
  }

  /** The layer list top to bottom: each layer's id, whether it is shown, and its opacity. */
  async theLayerPanel(): Promise<{ id: string; visible: boolean; opacity: number }[]> {
    const list = this.page.getByRole('list', { name: /^(图层|Layers)$/ });
    return list.locator(':scope > li').evaluateAll((items) =>
      items.map((li) => ({
        id: li.getAttribute('data-layer-id') ?? '',
        visible: (li.querySelector('input[type=checkbox]') as HTMLInputElement).checked,
        opacity: Number((li.querySelector('input[type=range]') as HTMLInputElement).value),
      })),
    );
  }

  /** Unticks every vector layer in the layer list, so only imagery is on the map. */
  async whenIHideEveryLayer(): Promise<void> {
    const boxes = this.page.getByRole('list', { name: /^(图层|Layers)$/ }).getByRole('checkbox', { checked: true });
    while ((await boxes.count()) > 0) await boxes.first().uncheck();
    await this.untilTheMapIsStill();
  }

  /** Chooses how two images are compared in the imagery panel: 不对比, 卷帘 or 并排 (or their English names). */
  async whenICompareImagery(mode: RegExp): Promise<void> {
    await this.page.getByRole('radiogroup', { name: /对比方式|Compare/ }).getByRole('radio', { name: mode }).check();
  }

  /** Waits until both maps of a side-by-side compare have drawn and stopped. */
  async untilBothMapsAreStill(): Promise<void> {
    await this.page.locator('#map-right').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.waitForFunction(() => Boolean(window.__landcheck?.right), null, { timeout: 60_000 });
    await this.page.waitForTimeout(500);
    await this.page.evaluate(() => Promise.all([window.__landcheck!.idle(), window.__landcheck!.right!.idle()]));
    await this.page.waitForTimeout(500);
  }

  /** Drags the (left) map by dx, dy pixels with the mouse. */
  async whenIDragTheMap(dx: number, dy: number): Promise<void> {
    const box = (await this.page.locator('#map').boundingBox())!;
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Where the left map's centre lies on the right map, relative to the right map's centre, in pixels. */
  async rightMapOffsetFromLeftCentre(): Promise<number> {
    return this.page.evaluate(() => {
      const left = document.getElementById('map')!, right = document.getElementById('map-right')!;
      const [lon, lat] = window.__landcheck!.unproject(left.clientWidth / 2, left.clientHeight / 2);
      const p = window.__landcheck!.right!.project(lon, lat);
      return Math.hypot(p.x - right.clientWidth / 2, p.y - right.clientHeight / 2);
    });
  }

  /** Shows bands of an image (named by its file) as red, green and blue in the imagery panel. */
  async whenIShowTheBands(file: string, bands: [number, number, number]): Promise<void> {
    const channels = ['红', '绿', '蓝'];
    for (let i = 0; i < 3; i++) {
      await this.page.getByRole('combobox', { name: `${file} 的${channels[i]}色通道` }).selectOption(String(bands[i]));
    }
  }

  async whenISetTheStretch(file: string, label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: `${file} 的拉伸` }).selectOption({ label });
  }

  /** Adds imagery by its URL in the imagery panel. */
  async whenIAddImageryByUrl(url: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /影像网址|Imagery URL/ }).fill(url);
    await this.page.getByRole('button', { name: /按网址添加|Add by URL/ }).click();
  }

  /** The overview level each image's newest picture was read from, and whether it was drawn by corners or warped. */
  async imageryPictures(): Promise<Record<string, { level: number; drawn: string }>> {
    return this.page.evaluate(() => window.__landcheck!.imageryPictures?.() ?? {});
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
