import { PATCH_JUDGEMENTS } from '../patches/patchModel';
import type { PatchRow } from '../patches/queue';
import { sortPatchRows } from '../patches/queue';
import { summarisePatches } from '../patches/summary';
import type { SummaryLine } from '../patches/summary';
import type { Lang } from '../rules/ruleSet';
import type { Breakdown } from '../verify/types';
import { REPORT_DOCUMENT_SCHEMA_VERSION } from './reportDocument';
import type { ReportBlock, ReportDocument } from './reportDocument';
import { PATCH_REPORT_LABELS } from './reportLabels';

// The summary report of a satellite patch review (DESIGN §5): progress, counts and areas by judgement,
// illegal patches split into 新增 and 存量, a type × judgement table, and every patch with its judgement.

export interface PatchSummaryReportInput {
  rows: PatchRow[];
  /** Patch id → its 套合 breakdown (占耕地, 占永久基本农田 …); a patch without one shows a dash. */
  breakdowns: Record<string, Breakdown>;
  /** The patch layer's display name. */
  layerName: string;
  lang: Lang;
  /** ISO date-time from the host's clock. */
  generatedAt: string;
  bureau: string;
  softwareVersion: string;
}

const DASH = '—';
/** Mu as the report prints them: 4 decimals, always shown. */
const muText = (mu: number) => mu.toFixed(4);

export function patchSummaryReport(input: PatchSummaryReportInput): ReportDocument {
  const t = PATCH_REPORT_LABELS[input.lang];
  const summary = summarisePatches(input.rows);
  const blocks: ReportBlock[] = [];
  const countArea = (line: SummaryLine) => t.countArea(line.count, muText(line.areaMu));
  const typeName = (code: string) => (t.types[code] ? `${code} ${t.types[code]}` : code || DASH);

  blocks.push({ kind: 'heading', level: 1, text: t.sections.progress });
  blocks.push({
    kind: 'fields',
    rows: [
      [t.progress.total, countArea(summary.total)],
      [t.progress.judged, countArea(summary.judged)],
      [t.progress.unjudged, countArea(summary.unjudged)],
    ],
  });

  blocks.push({ kind: 'heading', level: 1, text: t.sections.judgements });
  const jc = t.judgementColumns;
  blocks.push({
    kind: 'table',
    columns: [jc.judgement, jc.count, jc.areaMu],
    rows: [
      ...PATCH_JUDGEMENTS.map((j) => [t.judgements[j], String(summary.byJudgement[j].count), muText(summary.byJudgement[j].areaMu)]),
      [t.unjudged, String(summary.unjudged.count), muText(summary.unjudged.areaMu)],
      [t.total, String(summary.total.count), muText(summary.total.areaMu)],
    ],
    align: ['left', 'right', 'right'],
    widths: [0.4, 0.3, 0.3],
  });

  blocks.push({ kind: 'heading', level: 2, text: t.sections.illegal });
  const v = summary.illegalByVintage;
  const ic = t.illegalColumns;
  blocks.push({
    kind: 'table',
    columns: [ic.vintage, ic.count, ic.areaMu],
    rows: [
      [t.vintages.新增, String(v.新增.count), muText(v.新增.areaMu)],
      [t.vintages.存量, String(v.存量.count), muText(v.存量.areaMu)],
      ...(v.unknown.count > 0 ? [[t.vintages.unknown, String(v.unknown.count), muText(v.unknown.areaMu)]] : []),
      [t.total, String(summary.byJudgement.违法.count), muText(summary.byJudgement.违法.areaMu)],
    ],
    align: ['left', 'right', 'right'],
    widths: [0.4, 0.3, 0.3],
  });

  blocks.push({ kind: 'heading', level: 1, text: t.sections.byType });
  blocks.push({ kind: 'paragraph', text: t.byTypeNote, style: 'note' });
  const cell = (line: SummaryLine) => `${line.count} / ${muText(line.areaMu)}`;
  blocks.push({
    kind: 'table',
    columns: [t.byTypeColumns.type, t.byTypeColumns.total, ...PATCH_JUDGEMENTS.map((j) => t.judgements[j]), t.unjudged],
    rows: [
      ...summary.byType.map((bt) => [typeName(bt.type), cell(bt.total), ...PATCH_JUDGEMENTS.map((j) => cell(bt.byJudgement[j])), cell(bt.unjudged)]),
      [t.total, cell(summary.total), ...PATCH_JUDGEMENTS.map((j) => cell(summary.byJudgement[j])), cell(summary.unjudged)],
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    widths: [0.19, 0.14, 0.13, 0.13, 0.13, 0.14, 0.14],
  });

  blocks.push({ kind: 'heading', level: 1, text: t.sections.patches });
  const pc = t.patchColumns;
  const judgementText = (r: PatchRow) => {
    if (r.judgement === null) return t.unjudged;
    const word = t.judgements[r.judgement];
    if (r.judgement !== '违法' || !r.vintage) return word;
    return input.lang === 'zh-CN' ? `${word}（${t.vintages[r.vintage]}）` : `${word} (${t.vintages[r.vintage]})`;
  };
  const breakdownMu = (id: string, pick: (b: Breakdown) => number) => (input.breakdowns[id] ? muText(pick(input.breakdowns[id]!)) : DASH);
  blocks.push({
    kind: 'table',
    columns: [pc.id, pc.type, pc.judgement, pc.subtype, pc.areaMu, pc.farmlandMu, pc.basicFarmlandMu, pc.reviewer, pc.note],
    rows: sortPatchRows(input.rows, 'id').map((r) => [
      r.id,
      r.type || DASH,
      judgementText(r),
      r.subtype || DASH,
      muText(r.areaMu),
      breakdownMu(r.id, (b) => b.farmlandMu),
      breakdownMu(r.id, (b) => b.basicFarmlandMu),
      r.reviewer || DASH,
      r.note || '',
    ]),
    align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left', 'left'],
    widths: [0.15, 0.06, 0.1, 0.13, 0.1, 0.1, 0.11, 0.09, 0.16],
  });

  blocks.push({ kind: 'heading', level: 1, text: t.sections.sources });
  blocks.push({
    kind: 'fields',
    rows: [
      [t.sourceFields.layer, input.layerName || DASH],
      [t.sourceFields.software, input.softwareVersion || DASH],
      [t.sourceFields.generatedAt, input.generatedAt],
    ],
  });

  const bureau = input.bureau.trim();
  return {
    schemaVersion: REPORT_DOCUMENT_SCHEMA_VERSION,
    lang: input.lang,
    title: t.title,
    subtitle: [input.layerName, bureau].filter((s) => s !== '').join(input.lang === 'zh-CN' ? '\u3000' : ' · '),
    generatedAt: input.generatedAt,
    footer: [bureau, t.footerNote].filter((s) => s !== '').join('  '),
    // The summary names no petitioner: there is nothing to unmask.
    masked: true,
    blocks,
  };
}
