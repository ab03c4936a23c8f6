import resvgWasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import notoRegularUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import notoBoldUrl from '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf?url';
import { zipSync } from 'fflate';
import { caseReport, patchSummaryReport, placeLonLatBbox } from '../core';
import type { Breakdown, CaseFile, FactsSnapshot, Lang, PatchRow, ReportDocument } from '../core';
import { writeReportDocx } from '../io/report/docx';
import { reportClips } from '../io/report/reportClips';
import { safeFileName } from '../io/text';
import { writeReportPdf } from '../io/report/pdf';
import { initRasteriser, rasteriseSvg } from '../io/report/rasterise';
import { imageryReportClip } from './imagery';

// Reports in the worker (issue 8): the same core model and writers as `landcheck report`. The font and
// resvg's wasm are fetched once, the first time a report is asked for (the font is 10 MB a weight).

export type ReportFormat = 'docx' | 'pdf';
export interface ReportFile {
  bytes: Uint8Array;
  fileName: string;
  mime: string;
}

const MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

let assets: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(new URL(url, self.location.href));
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function reportAssets(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  assets ??= Promise.all([initRasteriser(new URL(resvgWasmUrl, self.location.href)), fetchBytes(notoRegularUrl), fetchBytes(notoBoldUrl)]).then(([, regular, bold]) => ({ regular, bold }));
  assets.catch(() => (assets = null));
  return assets;
}

async function write(doc: ReportDocument, format: ReportFormat): Promise<Uint8Array> {
  const fonts = await reportAssets();
  const rasterise = (svg: string, widthPx: number) => rasteriseSvg(svg, widthPx, [fonts.regular, fonts.bold]);
  return format === 'docx' ? writeReportDocx(doc, { rasterise }) : writeReportPdf(doc, { fonts, rasterise });
}


/** The workspace's imagery as the report chooses from it: id, date, lon/lat extent. */
export interface ReportImagery {
  id: string;
  name: string;
  date: string;
  cornersLonLat: number[][];
}


export interface CaseReportOptions {
  format: ReportFormat;
  lang: Lang;
  unmask: boolean;
  bureau: string;
  generatedAt: string;
  softwareVersion: string;
  areaCrs: string;
  layerNames: Record<string, string>;
  imagery: ReportImagery[];
}

/** One case's report; `facts`: the case's saved or last facts, or a verification made for the report. */
export async function caseReportFile(file: CaseFile, facts: FactsSnapshot, options: CaseReportOptions): Promise<ReportFile> {
  const imagery = await reportClips(options.imagery, placeLonLatBbox(facts.result.zone, options.areaCrs), options.lang, imageryReportClip);
  const doc = caseReport({ file, facts, areaCrs: options.areaCrs, lang: options.lang, unmask: options.unmask, generatedAt: options.generatedAt, bureau: options.bureau, layerNames: options.layerNames, imagery, softwareVersion: options.softwareVersion });
  return { bytes: await write(doc, options.format), fileName: `${safeFileName(file.record.id)}.${options.format}`, mime: MIME[options.format] };
}

/** Many reports in one zip (entries in the order given, fixed times so the same reports give the same zip). */
export function reportsZip(files: ReportFile[]): Uint8Array {
  const mtime = new Date(2000, 0, 1);
  return zipSync(Object.fromEntries(files.map((f) => [f.fileName, [f.bytes, { mtime, level: 0 }]])) as Parameters<typeof zipSync>[0]);
}

export async function patchSummaryFile(rows: PatchRow[], breakdowns: Record<string, Breakdown>, options: { format: ReportFormat; lang: Lang; layerName: string; bureau: string; generatedAt: string; softwareVersion: string }): Promise<ReportFile> {
  const doc = patchSummaryReport({ rows, breakdowns, layerName: options.layerName, lang: options.lang, generatedAt: options.generatedAt, bureau: options.bureau, softwareVersion: options.softwareVersion });
  const stem = options.lang === 'zh-CN' ? '卫片图斑核查汇总' : 'patch-review-summary';
  return { bytes: await write(doc, options.format), fileName: `${safeFileName(options.layerName)}-${stem}.${options.format}`, mime: MIME[options.format] };
}
