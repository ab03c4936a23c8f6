import type { Lang } from '../rules/ruleSet';

// A report as content, independent of the file format (DESIGN §5, issue 8): the core decides what a
// report says and every figure in it; the DOCX and PDF writers in src/io/report only lay it out.

export const REPORT_DOCUMENT_SCHEMA_VERSION = 1;

export type ReportAlign = 'left' | 'right' | 'center';

/** A map drawn by the core as SVG (deterministic: the same input gives the same text). */
export interface ReportFigure {
  /** A complete SVG document with a viewBox; text in it uses the font family REPORT_FONT_FAMILY. */
  svg: string;
  /** Size on the page, mm. */
  widthMm: number;
  heightMm: number;
  /** Pixel size to rasterise at where a format needs an image (≈ 200 dpi at widthMm). */
  widthPx: number;
  heightPx: number;
  caption: string;
}

/** An imagery clip: the place before or after, as a PNG the caller read from the imagery, or why there is none. */
export interface ReportImage {
  png: Uint8Array | null;
  widthPx: number;
  heightPx: number;
  widthMm: number;
  caption: string;
  /** Shown instead of the image when png is null (e.g. "无覆盖该位置的影像"). */
  missing: string | null;
}

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; style: 'body' | 'note' | 'opinion' }
  /** Label/value pairs (case data, sources). */
  | { kind: 'fields'; rows: [string, string][] }
  /** A table that may break across pages; its header row repeats on each page. */
  | { kind: 'table'; columns: string[]; rows: string[][]; align: ReportAlign[]; widths: number[] }
  | { kind: 'figure'; figure: ReportFigure }
  /** Images side by side (before/after). */
  | { kind: 'images'; images: ReportImage[] }
  | { kind: 'flags'; items: { severity: 'high' | 'medium' | 'info' | 'warning'; code: string; text: string }[] }
  /** Signature lines: label then a blank to sign and date. */
  | { kind: 'signatures'; labels: string[] }
  | { kind: 'pageBreak' };

export interface ReportDocument {
  schemaVersion: typeof REPORT_DOCUMENT_SCHEMA_VERSION;
  lang: Lang;
  /** Document title, e.g. 信访举报核查报告. */
  title: string;
  /** Under the title, e.g. the case number and the bureau. */
  subtitle: string;
  /** ISO date-time the report was generated: the only thing that may differ between two runs on the same input. */
  generatedAt: string;
  /** Running footer (page numbers are added by the writer as "第 N 页 共 M 页" / "Page N of M"). */
  footer: string;
  /** Whether petitioner data is masked in this document. */
  masked: boolean;
  blocks: ReportBlock[];
}

/** The font family SVG figures name; the writers supply a CJK font under this name. */
export const REPORT_FONT_FAMILY = 'Noto Sans SC';
