import PDFDocument from 'pdfkit';
import { SEVERITY_LABELS } from '../../core';
import type { Lang, ReportAlign, ReportBlock, ReportDocument, ReportFigure, ReportImage } from '../../core';

// ReportDocument → PDF bytes with pdfkit (DESIGN §5). The core decides what the report says; this
// file only lays it out on A4. Chinese shows on any machine because the caller hands us the Noto Sans
// SC TTFs and pdfkit embeds a subset of the glyphs used. The same document gives the same bytes: the
// only clock is doc.generatedAt, and pdfkit derives the file /ID from the info dictionary.

export interface ReportPdfAssets {
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** SVG → PNG at the given pixel width (src/io/report/rasterise.ts in the app and the CLI). */
  rasterise: (svg: string, widthPx: number) => Promise<Uint8Array>;
}

const PT_PER_MM = 72 / 25.4;
const mm = (value: number): number => value * PT_PER_MM;

const REGULAR = 'report-regular';
const BOLD = 'report-bold';

const SIZE = { title: 18, subtitle: 11, h1: 14, h2: 12, body: 10.5, note: 9, table: 9, footer: 7.5 } as const;
const COLOUR = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#7f7f7f',
  headerFill: '#e4e9f0',
  labelFill: '#f2f3f5',
  missingFill: '#f7f7f7',
  severity: { high: '#c0392b', medium: '#d68910', warning: '#b7950b', info: '#2e86c1' },
} as const;
const MARGIN = { top: mm(20), side: mm(20), bottom: mm(12) };
const CELL_PAD = { x: mm(1.6), y: mm(1.1) };
const LINE_GAP = { body: 3, table: 1, footer: 0.5 };

const WORDS: Record<Lang, { page: (n: number, of: number) => string; date: string; severity: Record<'high' | 'medium' | 'info' | 'warning', string> }> = {
  'zh-CN': { page: (n, of) => `第 ${n} 页 共 ${of} 页`, date: '日期', severity: SEVERITY_LABELS['zh-CN'] },
  en: { page: (n, of) => `Page ${n} of ${of}`, date: 'Date', severity: SEVERITY_LABELS.en },
};

/** The parts of a pdfkit image object we rely on; the bundled types omit openImage. */
interface PdfImage {
  width: number;
  height: number;
  obj?: { offset?: number };
}
type Doc = PDFKit.PDFDocument & { openImage(src: Uint8Array): PdfImage };

export async function writeReportPdf(doc: ReportDocument, assets: ReportPdfAssets): Promise<Uint8Array> {
  // Rasterise first, so the layout below runs without waiting on anything but pdfkit itself.
  const figurePngs = new Map<ReportFigure, Uint8Array>();
  for (const block of doc.blocks) {
    if (block.kind === 'figure') figurePngs.set(block.figure, await assets.rasterise(block.figure.svg, block.figure.widthPx));
  }

  const generatedAt = new Date(doc.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new Error(`Report "${doc.title}": generatedAt "${doc.generatedAt}" is not an ISO date-time`);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, left: MARGIN.side, right: MARGIN.side, bottom: MARGIN.bottom },
    bufferPages: true,
    // No standard font: the browser build would need Helvetica registered, and we never use it.
    font: '',
    lang: doc.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: doc.title, Subject: doc.subtitle, Creator: 'LandCheck', Producer: 'LandCheck (PDFKit)', CreationDate: generatedAt, ModDate: generatedAt },
  }) as Doc;
  const bytes = collect(pdf);
  pdf.registerFont(REGULAR, assets.fonts.regular);
  pdf.registerFont(BOLD, assets.fonts.bold);

  const layout = new Layout(pdf, doc.lang);
  layout.reserveFooter(doc.footer);
  layout.title(doc.title, doc.subtitle);
  for (const [i, block] of doc.blocks.entries()) await layout.block(block, doc.blocks[i + 1], figurePngs);
  layout.footers(doc.footer);
  pdf.end();
  return bytes;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on('error', reject);
    pdf.on('end', () => {
      const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(out);
    });
  });
}

interface Grid {
  header: string[] | null;
  rows: string[][];
  align: ReportAlign[];
  widthsPt: number[];
  /** Shade and embolden the first column (label/value fields). */
  labelColumn: boolean;
}

class Layout {
  private readonly words: (typeof WORDS)[Lang];

  constructor(
    private readonly pdf: Doc,
    lang: Lang,
  ) {
    this.words = WORDS[lang] ?? WORDS['zh-CN'];
  }

  private get left(): number {
    return this.pdf.page.margins.left;
  }
  private get width(): number {
    return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right;
  }
  private get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }
  private get atTop(): boolean {
    return this.pdf.y <= this.pdf.page.margins.top + 0.5;
  }

  /** Starts a new page unless `height` fits below the cursor (or we already are at the top of a page). */
  private ensure(height: number): void {
    if (this.pdf.y + height > this.bottom && !this.atTop) this.pdf.addPage();
  }

  private style(font: string, size: number, colour: string): void {
    this.pdf.font(font).fontSize(size).fillColor(colour);
  }

  private lineHeight(font: string, size: number, lineGap = 0): number {
    this.pdf.font(font).fontSize(size);
    return this.pdf.currentLineHeight(true) + lineGap;
  }

  /** Text that flows across pages: pdfkit's line wrapper breaks CJK between any two ideographs (UAX #14). */
  private flow(text: string, font: string, size: number, colour: string, options: PDFKit.Mixins.TextOptions = {}): void {
    this.style(font, size, colour);
    this.pdf.text(text, this.left, this.pdf.y, { width: this.width, lineGap: LINE_GAP.body, ...options });
    this.pdf.x = this.left;
  }

  /** The running footer can name many layers with checksums: the bottom margin grows to hold it. */
  reserveFooter(footer: string): void {
    const height = this.footerTextHeight(footer) + this.lineHeight(REGULAR, SIZE.footer) + mm(4);
    const bottom = MARGIN.bottom + Math.min(height, this.pdf.page.height / 4);
    this.pdf.page.margins.bottom = bottom;
    this.pdf.options.margins = { top: MARGIN.top, left: MARGIN.side, right: MARGIN.side, bottom };
  }

  private footerTextHeight(footer: string): number {
    if (!footer.trim()) return 0;
    this.pdf.font(REGULAR).fontSize(SIZE.footer);
    return this.pdf.heightOfString(footer, { width: this.width, lineGap: LINE_GAP.footer });
  }

  title(title: string, subtitle: string): void {
    this.flow(title, BOLD, SIZE.title, COLOUR.text, { align: 'center' });
    if (subtitle.trim()) {
      this.pdf.y += mm(1.5);
      this.flow(subtitle, REGULAR, SIZE.subtitle, COLOUR.muted, { align: 'center' });
    }
    this.pdf.y += mm(6);
  }

  async block(block: ReportBlock, next: ReportBlock | undefined, figurePngs: Map<ReportFigure, Uint8Array>): Promise<void> {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.level, block.text, next);
      case 'paragraph':
        return this.paragraph(block.text, block.style);
      case 'fields':
      case 'table':
        return this.grid(this.gridOf(block));
      case 'figure':
        return this.figure(block.figure, figurePngs.get(block.figure)!);
      case 'images':
        return this.images(block.images);
      case 'flags':
        return this.flags(block.items);
      case 'signatures':
        return this.signatures(block.labels);
      case 'pageBreak':
        if (!this.atTop) this.pdf.addPage();
        return;
    }
  }

  private gridOf(block: Extract<ReportBlock, { kind: 'fields' | 'table' }>): Grid {
    if (block.kind === 'fields') return { header: null, rows: block.rows, align: ['left', 'left'], widthsPt: [this.width * 0.3, this.width * 0.7], labelColumn: true };
    return { header: block.columns, rows: block.rows, align: block.align, widthsPt: this.columnWidths(block.widths, block.columns.length), labelColumn: false };
  }

  /** The height of the first piece of a block that cannot be split: what a heading must stay with. */
  private leadHeight(block: ReportBlock | undefined): number {
    const twoLines = 2 * this.lineHeight(REGULAR, SIZE.body, LINE_GAP.body);
    switch (block?.kind) {
      case 'fields':
      case 'table': {
        const grid = this.gridOf(block);
        const first = grid.rows[0];
        return (grid.header ? this.rowHeight(grid.header, grid, true) : 0) + (first ? this.rowHeight(first, grid, false) : 0);
      }
      case 'figure': {
        const box = this.figureBox(block.figure);
        return box.heightPt + mm(2) + box.captionHeight;
      }
      case 'images':
        return this.imageRow(block.images).height;
      case 'signatures':
        return mm(16);
      default:
        return twoLines;
    }
  }

  private heading(level: 1 | 2, text: string, next: ReportBlock | undefined): void {
    const size = level === 1 ? SIZE.h1 : SIZE.h2;
    if (!this.atTop) this.pdf.y += level === 1 ? mm(4) : mm(2.5);
    // Keep a heading on the page of what follows it (the first rows of a table, a whole figure).
    this.ensure(this.lineHeight(BOLD, size) + mm(1.5) + this.leadHeight(next));
    this.flow(text, BOLD, size, COLOUR.text);
    this.pdf.y += mm(1.5);
  }

  private paragraph(text: string, style: 'body' | 'note' | 'opinion'): void {
    if (style === 'note') this.flow(text, REGULAR, SIZE.note, COLOUR.muted);
    else this.flow(text, REGULAR, SIZE.body, COLOUR.text, style === 'opinion' ? { lineGap: LINE_GAP.body + 1.5 } : {});
    this.pdf.y += mm(2);
  }

  /** Relative widths from the model, scaled to the text width; equal columns when they do not fit the table. */
  private columnWidths(widths: number[], count: number): number[] {
    const total = widths.reduce((sum, w) => sum + w, 0);
    if (widths.length !== count || !(total > 0) || widths.some((w) => !(w >= 0))) return Array.from({ length: count }, () => this.width / count);
    return widths.map((w) => (w / total) * this.width);
  }

  private cellHeight(text: string, font: string, widthPt: number): number {
    this.pdf.font(font).fontSize(SIZE.table);
    const lines = text ? this.pdf.heightOfString(text, { width: widthPt - 2 * CELL_PAD.x, lineGap: LINE_GAP.table }) : 0;
    return Math.max(lines, this.lineHeight(font, SIZE.table, LINE_GAP.table)) + 2 * CELL_PAD.y;
  }

  private rowHeight(cells: string[], grid: Grid, header: boolean): number {
    return Math.max(...grid.widthsPt.map((w, i) => this.cellHeight(cells[i] ?? '', header || (grid.labelColumn && i === 0) ? BOLD : REGULAR, w)));
  }

  private drawRow(cells: string[], grid: Grid, y: number, height: number, header: boolean): void {
    let x = this.left;
    grid.widthsPt.forEach((w, i) => {
      const label = grid.labelColumn && i === 0;
      const fill = header ? COLOUR.headerFill : label ? COLOUR.labelFill : null;
      if (fill) this.pdf.save().rect(x, y, w, height).fill(fill).restore();
      this.pdf.save().lineWidth(0.5).rect(x, y, w, height).stroke(COLOUR.rule).restore();
      this.style(header || label ? BOLD : REGULAR, SIZE.table, COLOUR.text);
      // Bounded height: pdfkit stops at the cell instead of starting a page.
      this.pdf.text(cells[i] ?? '', x + CELL_PAD.x, y + CELL_PAD.y, { width: w - 2 * CELL_PAD.x, height: height - CELL_PAD.y, align: grid.align[i] ?? 'left', lineGap: LINE_GAP.table, ellipsis: true });
      x += w;
    });
  }

  /** A bordered table that breaks between rows and repeats its header row on each page. */
  private grid(grid: Grid): void {
    const headerHeight = grid.header ? this.rowHeight(grid.header, grid, true) : 0;
    // A row taller than a page (a letter pasted into a field) ends in "…" at the page's foot rather
    // than running over the footer.
    const maxRow = this.pdf.page.height - this.pdf.page.margins.top - this.pdf.page.margins.bottom - headerHeight;
    const rowHeight = (row: string[]): number => Math.min(this.rowHeight(row, grid, false), maxRow);
    const first = grid.rows[0];
    this.ensure(headerHeight + (first ? rowHeight(first) : 0));
    // Drawing a cell's text moves pdfkit's cursor: rows are placed from our own.
    let y = this.pdf.y;
    const drawHeader = (): void => {
      if (!grid.header) return;
      this.drawRow(grid.header, grid, y, headerHeight, true);
      y += headerHeight;
    };
    drawHeader();
    for (const row of grid.rows) {
      const height = rowHeight(row);
      if (y + height > this.bottom) {
        this.pdf.addPage();
        y = this.pdf.y;
        drawHeader();
      }
      this.drawRow(row, grid, y, height, false);
      y += height;
    }
    this.pdf.x = this.left;
    this.pdf.y = y + mm(3);
  }

  private caption(text: string, x: number, widthPt: number): void {
    if (!text) return;
    this.style(REGULAR, SIZE.note, COLOUR.muted);
    this.pdf.text(text, x, this.pdf.y, { width: widthPt, align: 'center', lineGap: LINE_GAP.table });
  }

  private captionHeight(text: string, widthPt: number): number {
    if (!text) return 0;
    this.pdf.font(REGULAR).fontSize(SIZE.note);
    return this.pdf.heightOfString(text, { width: widthPt, lineGap: LINE_GAP.table });
  }

  private figureBox(figure: ReportFigure): { widthPt: number; heightPt: number; captionHeight: number } {
    const pageRoom = this.pdf.page.height - this.pdf.page.margins.top - this.pdf.page.margins.bottom;
    const aspect = figure.heightMm > 0 && figure.widthMm > 0 ? figure.heightMm / figure.widthMm : figure.heightPx / figure.widthPx;
    const captionHeight = this.captionHeight(figure.caption, this.width);
    const widthPt = Math.min(mm(figure.widthMm), this.width);
    // A figure never runs past a page; a tall one shrinks, keeping its proportions.
    const maxHeight = pageRoom - captionHeight - mm(6);
    const heightPt = widthPt * aspect;
    return heightPt > maxHeight ? { widthPt: maxHeight / aspect, heightPt: maxHeight, captionHeight } : { widthPt, heightPt, captionHeight };
  }

  private async figure(figure: ReportFigure, png: Uint8Array): Promise<void> {
    const { widthPt, heightPt, captionHeight } = this.figureBox(figure);
    if (!this.atTop) this.pdf.y += mm(2);
    this.ensure(heightPt + mm(2) + captionHeight);
    const x = this.left + (this.width - widthPt) / 2;
    await this.image(png, x, this.pdf.y, widthPt, heightPt, `figure "${figure.caption}"`);
    this.pdf.y += heightPt + mm(2);
    this.caption(figure.caption, this.left, this.width);
    this.pdf.x = this.left;
    this.pdf.y += mm(3);
  }

  /** Before/after clips side by side, scaled together to the text width. */
  private imageRow(images: ReportImage[]): { boxes: { image: ReportImage; widthPt: number; heightPt: number; captionHeight: number }[]; gap: number; widthPt: number; height: number } {
    const gap = mm(5);
    const natural = images.reduce((sum, image) => sum + mm(image.widthMm), 0) + gap * Math.max(0, images.length - 1);
    const scale = natural > 0 ? Math.min(1, this.width / natural) : 1;
    const boxes = images.map((image) => {
      const widthPt = mm(image.widthMm) * scale;
      const heightPt = image.widthPx > 0 && image.heightPx > 0 ? (widthPt * image.heightPx) / image.widthPx : widthPt * 0.75;
      return { image, widthPt, heightPt, captionHeight: this.captionHeight(image.caption, widthPt) };
    });
    const height = Math.max(0, ...boxes.map((b) => b.heightPt)) + mm(2) + Math.max(0, ...boxes.map((b) => b.captionHeight));
    return { boxes, gap: gap * scale, widthPt: natural * scale, height };
  }

  /** The clips side by side with their captions; a framed note where a clip is missing. */
  private async images(images: ReportImage[]): Promise<void> {
    if (images.length === 0) return;
    const row = this.imageRow(images);
    if (!this.atTop) this.pdf.y += mm(2);
    this.ensure(row.height);
    const top = this.pdf.y;
    let x = this.left + (this.width - row.widthPt) / 2;
    for (const box of row.boxes) {
      if (box.image.png) await this.image(box.image.png, x, top, box.widthPt, box.heightPt, `image "${box.image.caption}"`);
      else this.missing(box.image.missing ?? '', x, top, box.widthPt, box.heightPt);
      this.pdf.y = top + box.heightPt + mm(2);
      this.caption(box.image.caption, x, box.widthPt);
      x += box.widthPt + row.gap;
    }
    this.pdf.x = this.left;
    this.pdf.y = top + row.height + mm(3);
  }

  private missing(text: string, x: number, y: number, widthPt: number, heightPt: number): void {
    this.pdf.save().rect(x, y, widthPt, heightPt).fill(COLOUR.missingFill).restore();
    this.pdf.save().lineWidth(0.75).dash(3, { space: 2 }).rect(x, y, widthPt, heightPt).stroke(COLOUR.rule).undash().restore();
    this.pdf.font(REGULAR).fontSize(SIZE.body);
    const inner = widthPt - 2 * mm(3);
    const textHeight = this.pdf.heightOfString(text, { width: inner });
    this.style(REGULAR, SIZE.body, COLOUR.muted);
    this.pdf.text(text, x + mm(3), y + Math.max(0, (heightPt - textHeight) / 2), { width: inner, height: heightPt, align: 'center' });
  }

  /**
   * Places a PNG or JPEG. pdfkit decodes a PNG with alpha asynchronously and writes its object when the
   * decode ends; waiting for each keeps the object order, and so the bytes, the same on every run.
   */
  private async image(data: Uint8Array, x: number, y: number, widthPt: number, heightPt: number, what: string): Promise<void> {
    let image: PdfImage;
    try {
      image = this.pdf.openImage(data);
    } catch (error) {
      throw new Error(`Report ${what}: not a PNG or JPEG the PDF writer can embed (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    this.pdf.image(image as unknown as ArrayBuffer, x, y, { width: widthPt, height: heightPt });
    for (let waited = 0; typeof image.obj?.offset !== 'number'; waited++) {
      if (waited > 10_000) throw new Error(`Report ${what}: the PDF writer did not finish decoding the image`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  private flags(items: { severity: 'high' | 'medium' | 'info' | 'warning'; code: string; text: string }[]): void {
    const indent = mm(5);
    for (const item of items) {
      this.ensure(this.lineHeight(REGULAR, SIZE.body, LINE_GAP.body));
      const y = this.pdf.y;
      const square = mm(2.2);
      const colour = COLOUR.severity[item.severity] ?? COLOUR.muted;
      this.pdf.save().rect(this.left, y + (this.lineHeight(REGULAR, SIZE.body) - square) / 2, square, square).fill(colour).restore();
      this.style(BOLD, SIZE.body, colour);
      this.pdf.text(`${this.words.severity[item.severity] ?? item.severity}  ${item.code}  `, this.left + indent, y, { width: this.width - indent, lineGap: LINE_GAP.body, continued: true });
      this.style(REGULAR, SIZE.body, COLOUR.text);
      this.pdf.text(item.text, { lineGap: LINE_GAP.body });
      this.pdf.x = this.left;
      this.pdf.y += mm(1);
    }
    this.pdf.y += mm(2);
  }

  /** Each label, a line to sign on, then the date and a line for it. */
  private signatures(labels: string[]): void {
    const rowHeight = mm(12);
    const lineHeight = this.lineHeight(REGULAR, SIZE.body);
    this.ensure(rowHeight * labels.length);
    this.pdf.y += mm(4);
    for (const label of labels) {
      this.ensure(rowHeight);
      const y = this.pdf.y;
      const underline = y + lineHeight - mm(0.5);
      this.style(REGULAR, SIZE.body, COLOUR.text);
      const labelEnd = this.left + this.pdf.widthOfString(label) + mm(2);
      const dateX = this.left + this.width * 0.62;
      const dateEnd = dateX + this.pdf.widthOfString(this.words.date) + mm(2);
      this.pdf.text(label, this.left, y, { lineBreak: false });
      this.pdf.text(this.words.date, dateX, y, { lineBreak: false });
      this.pdf
        .save()
        .lineWidth(0.6)
        .moveTo(labelEnd, underline)
        .lineTo(dateX - mm(6), underline)
        .moveTo(dateEnd, underline)
        .lineTo(this.left + this.width, underline)
        .stroke(COLOUR.text)
        .restore();
      this.pdf.x = this.left;
      this.pdf.y = y + rowHeight;
    }
  }

  /** The running footer and "第 N 页 共 M 页" on every page, once the page count is known. */
  footers(footer: string): void {
    const range = this.pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i);
      const page = this.pdf.page;
      const bottom = page.margins.bottom;
      // Writing inside the bottom margin would otherwise make pdfkit start a new page.
      page.margins.bottom = 0;
      let y = page.height - bottom + mm(3);
      this.pdf.save().lineWidth(0.5).moveTo(this.left, y - mm(1.5)).lineTo(this.left + this.width, y - mm(1.5)).stroke(COLOUR.rule).restore();
      if (footer.trim()) {
        const height = Math.min(this.footerTextHeight(footer), bottom - mm(8));
        this.style(REGULAR, SIZE.footer, COLOUR.muted);
        this.pdf.text(footer, this.left, y, { width: this.width, height, lineGap: LINE_GAP.footer, ellipsis: true });
        y += height + mm(0.5);
      }
      this.style(REGULAR, SIZE.footer, COLOUR.muted);
      this.pdf.text(this.words.page(i - range.start + 1, range.count), this.left, y, { width: this.width, height: this.lineHeight(REGULAR, SIZE.footer) * 1.5, align: 'center' });
      page.margins.bottom = bottom;
    }
  }
}
