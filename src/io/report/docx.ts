import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { IBorderOptions, IFontAttributesProperties, ITableCellBorders } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { SEVERITY_LABELS } from '../../core';
import type { Lang, ReportAlign, ReportBlock, ReportDocument, ReportFigure, ReportImage } from '../../core';

// A ReportDocument laid out as the DOCX bureaus file (DESIGN §5): A4 portrait with the margins and
// fonts of a Chinese official document (GB/T 9704-2012). The core decides every word and figure; this
// file only decides how it looks. Same ReportDocument (and rasteriser) → same bytes.

export interface DocxAssets {
  /** SVG → PNG `widthPx` wide (see rasterise.ts; the caller binds the fonts). */
  rasterise: (svg: string, widthPx: number) => Promise<Uint8Array>;
}

// --- page -----------------------------------------------------------------------------------------

/** Rounded, not floored as docx's own converter does, so A4 is Word's 11906 × 16838 twips. */
const mmToTwips = (mm: number) => Math.round((mm / 25.4) * 1440);
const A4_WIDTH_MM = 210;
const A4_HEIGHT_MM = 297;
// GB/T 9704-2012 §5.2.1: top 37 mm, left 28 mm; the 156 × 225 mm type area leaves 26 mm right and 35 mm bottom.
const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 };
const TEXT_WIDTH_MM = A4_WIDTH_MM - MARGIN_MM.left - MARGIN_MM.right;
const TEXT_WIDTH_TWIPS = mmToTwips(TEXT_WIDTH_MM);

// --- fonts and sizes (docx sizes are half-points) ---------------------------------------------------

// The names Chinese offices' Word and WPS know. GB/T 9704 names 仿宋_GB2312, but Windows since Vista
// ships its successor 仿宋 (FangSong) and not the old font, so 仿宋 is what the fallback would give
// anyway and is on every office PC. Latin letters and digits in Times New Roman, as bureaus type them.
const LATIN = 'Times New Roman';
const FANGSONG: IFontAttributesProperties = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '仿宋' };
const SONGTI: IFontAttributesProperties = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '宋体' };
const HEITI: IFontAttributesProperties = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '黑体' };
// The title font of GB/T 9704 is 方正小标宋, which not every PC has; 宋体 bold is everywhere and close.
const TITLE_FONT = SONGTI;

const SIZE = {
  title: 44, // 二号 22 pt, the title size of GB/T 9704
  subtitle: 32, // 三号 16 pt, as the document number under a title
  heading1: 32, // 三号 黑体, GB/T 9704's first-level heading
  heading2: 28, // 四号 黑体, one step down so the levels read apart
  opinion: 32, // 三号 仿宋: the opinion is the official text, set as GB/T 9704 sets body text
  body: 28, // 四号: explanations around the data; a step smaller keeps map and tables on fewer pages
  table: 24, // 小四 12 pt: tables of areas and case fields need room for several columns
  caption: 21, // 五号 10.5 pt under figures and images
  note: 21, // 五号 for notes and sources
  footer: 18, // 小五 9 pt: the footer lists every layer with its checksum and must stay a few lines
  pageNumber: 21, // 五号
} as const;

// Exact line pitch in twips: 28.95 pt gives GB/T 9704's 22 lines a page of 三号; 24 pt suits 四号.
const LINE_PITCH = { opinion: 579, body: 480 } as const;

const SEVERITY_COLOUR = { high: 'C00000', medium: 'C55A11', warning: 'C55A11', info: '595959' } as const;

type PageText = (string | typeof PageNumber.CURRENT | typeof PageNumber.TOTAL_PAGES)[];
const TEXT: Record<Lang, { page: PageText; signature: (label: string) => string; severity: (word: string) => string; code: (code: string) => string }> = {
  'zh-CN': {
    page: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
    signature: (label) => `${label.replace(/[:：]\s*$/, '')}：________  日期：____年__月__日`,
    severity: (word) => `【${word}】`,
    code: (code) => `（${code}）`,
  },
  en: {
    page: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
    signature: (label) => `${label.replace(/[:：]\s*$/, '')}: ________  Date: ____-__-__`,
    severity: (word) => `[${word}] `,
    code: (code) => ` (${code})`,
  },
};

interface RunStyle {
  font: IFontAttributesProperties;
  size: number;
  bold?: boolean;
  color?: string;
}

/** One paragraph's runs; line breaks inside the text become breaks in the paragraph. */
function runs(text: string, style: RunStyle): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, font: style.font, size: style.size, bold: style.bold, color: style.color }));
}

const ALIGN: Record<ReportAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER };

// --- blocks ---------------------------------------------------------------------------------------

/** Everything one document needs while its blocks are laid out. */
interface Layout {
  lang: Lang;
  assets: DocxAssets;
  /** docPr ids numbered per document (docx numbers them per process, which would differ between runs). */
  nextDrawingId: () => string;
}

const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' };
const LABEL_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' };

/** Relative widths → twips that add up to the text width (equal columns when the widths don't fit). */
function columnTwips(widths: number[], count: number): number[] {
  const usable = widths.length === count && widths.every((w) => Number.isFinite(w) && w > 0) ? widths : Array<number>(count).fill(1);
  const sum = usable.reduce((a, b) => a + b, 0);
  const twips = usable.map((w) => Math.floor((w / sum) * TEXT_WIDTH_TWIPS));
  if (twips.length) twips[twips.length - 1]! += TEXT_WIDTH_TWIPS - twips.reduce((a, b) => a + b, 0);
  return twips;
}

function cellParagraph(text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType], bold = false): Paragraph {
  return new Paragraph({ alignment, spacing: { before: 0, after: 0 }, children: runs(text, { font: SONGTI, size: SIZE.table, bold }) });
}

function tableBlock(columns: string[], rows: string[][], align: ReportAlign[], widths: number[]): Table {
  const twips = columnTwips(widths, columns.length);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: twips[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: header ? HEADER_SHADING : undefined,
      children: [cellParagraph(text, header ? AlignmentType.CENTER : ALIGN[align[i] ?? 'left'], header)],
    });
  return gridTable(twips, [
      // The header row repeats at the top of every page the table runs onto.
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, i, true)) }),
      // Body rows may break across pages: a long table should fill pages, not leave gaps.
      ...rows.map((row) => new TableRow({ cantSplit: false, children: columns.map((_, i) => cell(row[i] ?? '', i, false)) })),
  ]);
}

/** A full-width table of fixed columns (twips) with the report's thin grid. */
function gridTable(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({ width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA }, columnWidths, layout: TableLayoutType.FIXED, borders: GRID_BORDERS, margins: CELL_MARGINS, rows });
}

function fieldsBlock(rows: [string, string][]): Table {
  const twips = columnTwips([3, 7], 2);
  return gridTable(
    twips,
    rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: false,
          children: [
            new TableCell({ width: { size: twips[0]!, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, shading: LABEL_SHADING, children: [cellParagraph(label, AlignmentType.LEFT)] }),
            new TableCell({ width: { size: twips[1]!, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, children: [cellParagraph(value, AlignmentType.LEFT)] }),
          ],
        }),
    ),
  );
}

/** docx sizes images in pixels at 96 to the inch. */
const mmToPx96 = (mm: number) => Math.round((mm / 25.4) * 96);

function caption(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 60, after: 200 }, children: runs(text, { font: SONGTI, size: SIZE.caption }) });
}

async function figureBlock(figure: ReportFigure, layout: Layout, breakBefore: boolean): Promise<Paragraph[]> {
  const png = await layout.assets.rasterise(figure.svg, figure.widthPx);
  const widthMm = Math.min(figure.widthMm, TEXT_WIDTH_MM);
  const heightMm = (figure.heightMm * widthMm) / figure.widthMm;
  const image = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: mmToPx96(widthMm), height: mmToPx96(heightMm) },
    altText: { id: layout.nextDrawingId(), name: 'figure', description: figure.caption },
  });
  // Kept with its caption: a map whose caption lands on the next page reads as two things.
  return [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, pageBreakBefore: breakBefore, spacing: { before: 120, after: 0 }, children: [image] }), caption(figure.caption)];
}

const DASHED: IBorderOptions = { style: BorderStyle.DASHED, size: 4, color: '808080' };
const MISSING_BORDERS: ITableCellBorders = { top: DASHED, bottom: DASHED, left: DASHED, right: DASHED };

/** Before/after clips two to a row in a borderless table, each captioned; a dashed box says why one is missing. */
function imagesBlock(images: ReportImage[], layout: Layout): Table {
  const columnTwipsEach = Math.floor(TEXT_WIDTH_TWIPS / 2);
  const maxWidthMm = TEXT_WIDTH_MM / 2 - 4; // leaves the cell margins and a gutter
  const size = (image: ReportImage) => {
    const widthMm = Math.min(image.widthMm, maxWidthMm);
    const aspect = image.widthPx > 0 && image.heightPx > 0 ? image.heightPx / image.widthPx : 0.75;
    return { widthMm, heightMm: widthMm * aspect };
  };
  const rows: TableRow[] = [];
  for (let start = 0; start < images.length; start += 2) {
    const pair = [images[start]!, images[start + 1] ?? null];
    const tallestMm = Math.max(...pair.map((image) => (image ? size(image).heightMm : 0)));
    const pictureCell = (image: ReportImage | null) => {
      if (!image) return new TableCell({ width: { size: columnTwipsEach, type: WidthType.DXA }, children: [new Paragraph({})] });
      if (!image.png) {
        return new TableCell({
          width: { size: columnTwipsEach, type: WidthType.DXA },
          borders: MISSING_BORDERS,
          verticalAlign: VerticalAlignTable.CENTER,
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runs(image.missing ?? '', { font: SONGTI, size: SIZE.caption, color: '595959' }) })],
        });
      }
      const { widthMm, heightMm } = size(image);
      const run = new ImageRun({
        type: 'png',
        data: image.png,
        transformation: { width: mmToPx96(widthMm), height: mmToPx96(heightMm) },
        altText: { id: layout.nextDrawingId(), name: 'image', description: image.caption },
      });
      return new TableCell({ width: { size: columnTwipsEach, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run] })] });
    };
    const captionCell = (image: ReportImage | null) => new TableCell({ width: { size: columnTwipsEach, type: WidthType.DXA }, children: [caption(image?.caption ?? '')] });
    rows.push(
      new TableRow({ cantSplit: true, keepNext: true, height: { value: mmToTwips(tallestMm + 2), rule: HeightRule.ATLEAST }, children: pair.map(pictureCell) }),
      new TableRow({ cantSplit: true, children: pair.map(captionCell) }),
    );
  }
  return new Table({
    width: { size: columnTwipsEach * 2, type: WidthType.DXA },
    columnWidths: [columnTwipsEach, columnTwipsEach],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { top: 60, bottom: 0, left: 80, right: 80 },
    rows,
  });
}

function paragraphBlock(text: string, style: 'body' | 'opinion' | 'note', breakBefore: boolean): Paragraph[] {
  // Texts carry their own first-line indent (two ideographic spaces) as Chinese documents do; each
  // line is a paragraph so the justification and line pitch hold on every line.
  return text.split('\n').map((line, i) => {
    const pageBreakBefore = breakBefore && i === 0;
    if (style === 'note') return new Paragraph({ alignment: AlignmentType.LEFT, pageBreakBefore, spacing: { before: i === 0 ? 120 : 0, after: 60 }, children: runs(line, { font: FANGSONG, size: SIZE.note, color: '404040' }) });
    return new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      pageBreakBefore,
      spacing: { before: 0, after: 0, line: LINE_PITCH[style], lineRule: LineRuleType.EXACT },
      children: runs(line, { font: FANGSONG, size: SIZE[style] }),
    });
  });
}

function flagsBlock(items: Extract<ReportBlock, { kind: 'flags' }>['items'], lang: Lang, breakBefore: boolean): Paragraph[] {
  return items.map(
    (item, i) =>
      new Paragraph({
        alignment: AlignmentType.LEFT,
        pageBreakBefore: breakBefore && i === 0,
        indent: { left: 420, hanging: 420 },
        spacing: { before: 0, after: 60, line: LINE_PITCH.body, lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({ text: `${i + 1}.\t`, font: FANGSONG, size: SIZE.body }),
          new TextRun({ text: TEXT[lang].severity(SEVERITY_LABELS[lang][item.severity]), font: HEITI, size: SIZE.body, bold: item.severity === 'high', color: SEVERITY_COLOUR[item.severity] }),
          new TextRun({ text: item.text, font: FANGSONG, size: SIZE.body }),
          new TextRun({ text: TEXT[lang].code(item.code), font: FANGSONG, size: SIZE.note, color: '595959' }),
        ],
      }),
  );
}

function signaturesBlock(labels: string[], lang: Lang, breakBefore: boolean): Paragraph[] {
  return labels.map((label, i) => new Paragraph({ alignment: AlignmentType.LEFT, keepNext: true, pageBreakBefore: breakBefore && i === 0, spacing: { before: 360, after: 0 }, children: runs(TEXT[lang].signature(label), { font: FANGSONG, size: SIZE.body }) }));
}

/** A block's paragraphs and tables; `breakBefore` starts it on a new page (asked by a pageBreak block before it). */
async function blockChildren(block: Exclude<ReportBlock, { kind: 'pageBreak' }>, layout: Layout, breakBefore: boolean): Promise<(Paragraph | Table)[]> {
  // A table cannot start a page by itself: a break paragraph goes before it.
  const tableBreak = breakBefore ? [pageBreakParagraph()] : [];
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          keepNext: true,
          pageBreakBefore: breakBefore,
          spacing: { before: block.level === 1 ? 240 : 160, after: 120 },
          children: runs(block.text, { font: HEITI, size: block.level === 1 ? SIZE.heading1 : SIZE.heading2, color: '000000' }),
        }),
      ];
    case 'paragraph':
      return paragraphBlock(block.text, block.style, breakBefore);
    case 'fields':
      return [...tableBreak, fieldsBlock(block.rows), spacer()];
    case 'table':
      return [...tableBreak, tableBlock(block.columns, block.rows, block.align, block.widths), spacer()];
    case 'figure':
      return figureBlock(block.figure, layout, breakBefore);
    case 'images':
      return [...tableBreak, imagesBlock(block.images, layout), spacer()];
    case 'flags':
      return flagsBlock(block.items, layout.lang, breakBefore);
    case 'signatures':
      return signaturesBlock(block.labels, layout.lang, breakBefore);
  }
}

const pageBreakParagraph = () => new Paragraph({ children: [new PageBreak()] });

/** An empty line after a table, so two tables or a table and a heading don't touch. */
const spacer = () => new Paragraph({ spacing: { before: 0, after: 0 }, children: [new TextRun({ text: '', size: SIZE.note })] });

function titleBlock(doc: ReportDocument): Paragraph[] {
  const title = new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 0, after: 240 }, children: runs(doc.title, { font: TITLE_FONT, size: SIZE.title, bold: true, color: '000000' }) });
  if (!doc.subtitle) return [title];
  return [title, new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 360 }, children: runs(doc.subtitle, { font: FANGSONG, size: SIZE.subtitle }) })];
}

function footer(doc: ReportDocument): Footer {
  const lines = doc.footer ? doc.footer.split('\n') : [];
  return new Footer({
    children: [
      ...lines.map((line) => new Paragraph({ alignment: AlignmentType.LEFT, spacing: { before: 0, after: 0 }, children: runs(line, { font: SONGTI, size: SIZE.footer, color: '404040' }) })),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 60, after: 0 }, children: [new TextRun({ children: TEXT[doc.lang].page, font: SONGTI, size: SIZE.pageNumber })] }),
    ],
  });
}

// --- package --------------------------------------------------------------------------------------

/** W3C date-time without milliseconds, as docProps/core.xml holds it. */
function coreDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`report generatedAt "${iso}" is not an ISO date-time`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Rewrites the package docx made so the same document gives the same bytes: its created/modified
 * times become the report's own, and the zip is rebuilt in a fixed entry order with fixed times.
 */
function normalisePackage(bytes: Uint8Array, generatedAt: string): Uint8Array {
  const entries = unzipSync(bytes);
  const when = coreDate(generatedAt);
  const core = entries['docProps/core.xml'];
  if (core) {
    entries['docProps/core.xml'] = strToU8(
      strFromU8(core)
        .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${when}$2`)
        .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${when}$2`),
    );
  }
  const paths = Object.keys(entries)
    .filter((path) => !path.endsWith('/'))
    .sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const zippable: Zippable = {};
  // Images are compressed already; storing them saves time and nothing else.
  for (const path of paths) zippable[path] = /^word\/media\//.test(path) ? [entries[path]!, { level: 0 }] : entries[path]!;
  // fflate writes the time from local fields; a local-time date gives the same bytes in every time zone.
  return zipSync(zippable, { level: 6, mtime: new Date(2000, 0, 1) });
}

/** The report as a .docx file's bytes. */
export async function writeReportDocx(doc: ReportDocument, assets: DocxAssets): Promise<Uint8Array> {
  let drawingId = 0;
  const layout: Layout = { lang: doc.lang, assets, nextDrawingId: () => String(++drawingId) };
  const children: (Paragraph | Table)[] = [...titleBlock(doc)];
  // A page break becomes "page break before" on the next paragraph where it can, so the new page does
  // not start with the empty line a break paragraph leaves behind.
  let pendingBreak = false;
  for (const block of doc.blocks) {
    if (block.kind === 'pageBreak') {
      if (pendingBreak) children.push(pageBreakParagraph());
      pendingBreak = true;
      continue;
    }
    children.push(...(await blockChildren(block, layout, pendingBreak)));
    pendingBreak = false;
  }
  if (pendingBreak) children.push(pageBreakParagraph());

  const document = new Document({
    creator: 'LandCheck',
    lastModifiedBy: 'LandCheck',
    title: doc.title,
    subject: doc.subtitle,
    styles: {
      default: {
        document: {
          run: { font: FANGSONG, size: SIZE.body, language: { value: doc.lang === 'en' ? 'en-GB' : 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        title: { run: { font: TITLE_FONT, size: SIZE.title, bold: true, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER } },
        heading1: { run: { font: HEITI, size: SIZE.heading1, bold: false, color: '000000' } },
        heading2: { run: { font: HEITI, size: SIZE.heading2, bold: false, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwips(A4_WIDTH_MM), height: mmToTwips(A4_HEIGHT_MM), orientation: PageOrientation.PORTRAIT },
            margin: {
              top: mmToTwips(MARGIN_MM.top),
              bottom: mmToTwips(MARGIN_MM.bottom),
              left: mmToTwips(MARGIN_MM.left),
              right: mmToTwips(MARGIN_MM.right),
              header: mmToTwips(15),
              footer: mmToTwips(12),
            },
          },
        },
        footers: { default: footer(doc) },
        children,
      },
    ],
  });
  return normalisePackage(new Uint8Array(await Packer.toArrayBuffer(document)), doc.generatedAt);
}
