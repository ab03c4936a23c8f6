import type { Download, Locator, Page } from 'playwright-core';
import type { LandCheck } from './driver';

// Satellite patch review in a reviewer's words: the queue, the desk of the current patch, the keyboard.

export interface ClipSide {
  side: string;
  imageId: string;
  imageDate: string;
  state: string;
  text: string;
}

export class PatchReviewer {
  constructor(private readonly app: LandCheck) {}

  get page(): Page {
    return this.app.page;
  }

  queue(): Locator {
    return this.page.getByRole('region', { name: /卫片图斑队列|Satellite patch queue/ });
  }

  desk(): Locator {
    return this.page.getByRole('complementary', { name: /^图斑 / });
  }

  /** Signs in by name (the reviewer recorded with each judgement). */
  async givenIAm(name: string): Promise<void> {
    await this.app.whenIOpenTheWorkspaceMenu();
    await this.page.getByLabel('当前用户').fill(name);
    await this.page.locator('details.menu summary').click();
  }

  /** Opens the review tab and waits until every patch has its facts. */
  async whenIOpenThePatchReview(): Promise<void> {
    await this.page.waitForFunction(() => window.__landcheck?.casesReady === true, null, { timeout: 60_000 });
    await this.page.getByRole('tab', { name: '图斑核查' }).click();
    await this.queue().getByText(/^已判定 \d+ \/ \d+$/).waitFor();
    await this.queue().getByText(/正在套合图斑/).waitFor({ state: 'hidden', timeout: 60_000 });
    await this.desk().waitFor();
  }

  async progress(): Promise<string> {
    return (await this.queue().getByText(/^已判定 \d+ \/ \d+$/).textContent()) ?? '';
  }

  async currentPatch(): Promise<string> {
    const heading = (await this.desk().getByRole('heading', { level: 2 }).textContent()) ?? '';
    return heading.replace(/^图斑\s*/, '').trim();
  }

  /** Keys go to the review, as after the reviewer clicked into the list (not into a field). */
  async whenIPress(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.page.keyboard.press(key);
      // A judgement is written to IndexedDB before it shows: give each key its turn before the next.
      await this.page.waitForTimeout(250);
    }
  }

  async whenIFocusTheList(): Promise<void> {
    await this.queue().getByRole('listbox').focus();
  }

  async whenIFilter(label: string, option: string): Promise<void> {
    // A select inside its label is named by the label and its chosen option ("图斑类型 不限").
    await this.queue().getByRole('combobox', { name: new RegExp(`^${label}`) }).selectOption({ label: option });
  }

  async whenIPickThePatch(id: string): Promise<void> {
    await this.queue().getByRole('option', { name: new RegExp(`^${id}`) }).click();
    await this.desk().getByRole('heading', { name: `图斑 ${id}` }).waitFor();
  }

  async listedPatches(): Promise<string[]> {
    return this.queue().getByRole('option').locator('.patch-id').allInnerTexts();
  }

  async theJudgement(): Promise<{ judgement: string | null; status: string; note: string; subtype: string | null }> {
    const checked = this.desk().getByRole('radio', { checked: true });
    const judgement = (await checked.count()) ? ((await checked.textContent()) ?? '').replace(/^\d\s*/, '') : null;
    const subtypeBox = this.desk().getByRole('combobox', { name: /^子类/ });
    return {
      judgement,
      status: (await this.desk().locator('.judging p[role=status]').first().textContent()) ?? '',
      note: await this.desk().getByRole('textbox', { name: /^备注/ }).inputValue(),
      subtype: (await subtypeBox.count()) ? await subtypeBox.inputValue() : null,
    };
  }

  async theSuggestion(): Promise<string> {
    return (await this.desk().getByRole('region', { name: '建议判定' }).textContent()) ?? '';
  }

  /** The before and after clips, once both are drawn or say why there is none. */
  async theClips(): Promise<ClipSide[]> {
    const figures = this.desk().locator('figure.patch-clip');
    await this.page.waitForFunction(() => Array.from(document.querySelectorAll('figure.patch-clip')).every((f) => f.getAttribute('data-state') !== 'loading'), null, { timeout: 30_000 });
    return figures.evaluateAll((els) =>
      els.map((e) => ({ side: e.getAttribute('data-side') ?? '', imageId: e.getAttribute('data-image-id') ?? '', imageDate: e.getAttribute('data-image-date') ?? '', state: e.getAttribute('data-state') ?? '', text: e.textContent ?? '' })),
    );
  }

  /** RGB at the centre of each drawn clip (inside the patch outline). */
  async clipCentres(): Promise<[number, number, number][]> {
    return this.desk().locator('figure.patch-clip canvas').evaluateAll((canvases) =>
      (canvases as HTMLCanvasElement[]).map((c) => {
        const d = c.getContext('2d')!.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
        return [d[0]!, d[1]!, d[2]!] as [number, number, number];
      }),
    );
  }

  async whenIExport(label: RegExp, encoding?: 'GBK' | 'UTF-8'): Promise<Download> {
    if (encoding) await this.queue().getByRole('combobox', { name: /^Shapefile 编码/ }).selectOption({ label: encoding });
    const downloading = this.page.waitForEvent('download');
    await this.queue().getByRole('button', { name: label }).click();
    return downloading;
  }
}
