import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { caseFileFromImport, caseReport, InputError, KIND_NAMES, placeLonLatBbox } from '../core';
import type { FactsSnapshot, ReportDocument } from '../core';
import { openRasterBytes } from '../io/cog';
import type { RasterSource } from '../io/cog';
import { writeReportDocx } from '../io/report/docx';
import { reportImageryClip } from '../io/report/imageryClip';
import { reportClips } from '../io/report/reportClips';
import { writeReportPdf } from '../io/report/pdf';
import { initRasteriser, rasteriseSvg } from '../io/report/rasterise';
import { safeFileName } from '../io/text';
import { loadRuleSet, prepareVerification, runVerification } from '../io/verification';
import { openWorkspace, writeAtomically } from './files';
import { loadReportAssets } from './reportAssets';

// `landcheck report MANIFEST (--case ID | --all) --out FILE.docx|FILE.pdf|DIR [--unmask]` (DESIGN §9):
// verifies the cases as `verify` does and writes each one's verification report. Everything is computed
// before anything is written; a bad argument or file writes nothing (exit 2).

export class ReportUsageError extends Error {}

/** The generation time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible reports; else now. */
export function reportTime(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date().toISOString();
  if (!/^\d+$/.test(epoch)) throw new ReportUsageError(`SOURCE_DATE_EPOCH=${epoch}: expected whole seconds since 1970`);
  return new Date(Number(epoch) * 1000).toISOString();
}

export async function report(args: string[], defaultRules: { text: string; file: string }, softwareVersion: string): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { case: { type: 'string', multiple: true }, all: { type: 'boolean' }, out: { type: 'string' }, unmask: { type: 'boolean' }, lang: { type: 'string' }, date: { type: 'string' }, format: { type: 'string' }, bureau: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new ReportUsageError('report takes one MANIFEST');
  if (!values.out) throw new ReportUsageError('report needs --out FILE.docx|FILE.pdf|DIR');
  if (!values.all === !values.case?.length) throw new ReportUsageError('report needs --case ID (one or more) or --all, not both');
  const lang = values.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') throw new ReportUsageError(`--lang ${lang}: expected zh-CN or en`);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ReportUsageError(`--date ${date}: expected YYYY-MM-DD`);
  const single = /\.(docx|pdf)$/i.exec(values.out);
  const format = (single ? single[1]!.toLowerCase() : values.format ?? 'docx') as 'docx' | 'pdf';
  if (format !== 'docx' && format !== 'pdf') throw new ReportUsageError(`--format ${String(values.format)}: expected docx or pdf`);
  if (single && values.format && values.format !== format) throw new ReportUsageError(`--out ${values.out} is a .${format} file but --format says ${values.format}`);
  const generatedAt = reportTime();

  const manifestPath = positionals[0]!;
  const { ws, read } = await openWorkspace(manifestPath);
  const unknown = (values.case ?? []).filter((id) => !ws.cases.some((c) => c.id === id));
  if (unknown.length) throw new InputError(manifestPath, 'cases', `no case ${unknown.join(', ')} in the ledger`);
  const caseIds = values.all ? ws.cases.map((c) => c.id) : values.case!;
  if (single && caseIds.length !== 1) throw new ReportUsageError(`--out ${values.out} holds one report; ${caseIds.length} cases asked for: give --out DIR`);

  const ruleSet = await loadRuleSet(ws, read, defaultRules);
  const vws = prepareVerification(ws, ruleSet);
  const layerBytes = Object.fromEntries(await Promise.all(ws.layers.map(async (l) => [l.id, await read(l.path)] as const)));
  const run = await runVerification(ws, vws, { caseIds, lang, generatedAt, date, layerBytes });
  const layerNames = Object.fromEntries(ws.layers.map((l) => [l.id, l.name ?? KIND_NAMES[lang][l.kind]]));
  const layers = run.document.layers.map((l) => ({ id: l.id, kind: l.kind, path: l.path, sha256: l.sha256 }));

  const assets = loadReportAssets();
  await initRasteriser(assets.wasm);
  const fonts = [assets.fonts.regular, assets.fonts.bold];
  const rasterise = (svg: string, widthPx: number) => rasteriseSvg(svg, widthPx, fonts);

  // Each image is read and parsed once for all the cases (--all would otherwise open it twice a case).
  const sources = new Map<string, Promise<RasterSource>>();
  const openImage = (path: string) => {
    if (!sources.has(path)) sources.set(path, read(path).then((bytes) => openRasterBytes(bytes, path)));
    return sources.get(path)!;
  };
  const outputs: { name: string; bytes: Uint8Array }[] = [];
  for (const result of run.results) {
    const record = ws.cases.find((c) => c.id === result.id)!;
    const file = caseFileFromImport(record, { by: 'landcheck', at: generatedAt });
    const facts: FactsSnapshot = { verifiedAt: generatedAt, rulesVersion: ruleSet.version, softwareVersion, layers, result, draft: run.opinions[result.id]!, draftLang: lang };
    const imagery = await reportClips(ws.imagery, placeLonLatBbox(result.zone, vws.areaCrs), lang, async (id, bounds, sizePx) => {
      const img = ws.imagery.find((i) => i.id === id)!;
      return reportImageryClip(await openImage(img.path), img.crs.code, bounds, sizePx);
    });
    const doc: ReportDocument = caseReport({ file, facts, areaCrs: vws.areaCrs, lang, unmask: values.unmask ?? false, generatedAt, bureau: values.bureau ?? ws.manifest.name ?? '', layerNames, imagery, softwareVersion });
    const bytes = format === 'docx' ? await writeReportDocx(doc, { rasterise }) : await writeReportPdf(doc, { fonts: assets.fonts, rasterise });
    outputs.push({ name: `${safeFileName(result.id)}.${format}`, bytes });
  }
  if (single) writeAtomically(values.out, outputs[0]!.bytes);
  else {
    mkdirSync(values.out, { recursive: true });
    for (const o of outputs) writeAtomically(join(values.out, o.name), o.bytes);
  }
  process.stderr.write(`landcheck: ${outputs.length} ${format.toUpperCase()} report(s)${values.unmask ? ' (petitioner data NOT masked)' : ''} written to ${values.out}\n`);
  return 0;
}
