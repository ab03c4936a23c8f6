import type { PatchJudgement } from './patchModel';
import { PATCH_JUDGEMENTS } from './patchModel';
import type { PatchRow } from './queue';

// The review summary (DESIGN §5): counts and areas by judgement and by patch type, for the summary report.

export interface SummaryLine {
  count: number;
  areaMu: number;
}

export interface PatchSummary {
  total: SummaryLine;
  judged: SummaryLine;
  unjudged: SummaryLine;
  byJudgement: Record<PatchJudgement, SummaryLine>;
  /** Illegal patches by 新增/存量 (unknown when the dates do not tell). */
  illegalByVintage: { 新增: SummaryLine; 存量: SummaryLine; unknown: SummaryLine };
  /** By 图斑类型, types in code order; each with its lines by judgement and the unjudged. */
  byType: { type: string; total: SummaryLine; byJudgement: Record<PatchJudgement, SummaryLine>; unjudged: SummaryLine }[];
}

const zero = (): SummaryLine => ({ count: 0, areaMu: 0 });
const add = (line: SummaryLine, row: PatchRow) => {
  line.count += 1;
  line.areaMu += row.areaMu;
};
const perJudgement = () => Object.fromEntries(PATCH_JUDGEMENTS.map((j) => [j, zero()])) as Record<PatchJudgement, SummaryLine>;

export function summarisePatches(rows: PatchRow[]): PatchSummary {
  const summary: PatchSummary = { total: zero(), judged: zero(), unjudged: zero(), byJudgement: perJudgement(), illegalByVintage: { 新增: zero(), 存量: zero(), unknown: zero() }, byType: [] };
  const types = new Map<string, PatchSummary['byType'][number]>();
  for (const row of rows) {
    add(summary.total, row);
    let t = types.get(row.type);
    if (!t) types.set(row.type, (t = { type: row.type, total: zero(), byJudgement: perJudgement(), unjudged: zero() }));
    add(t.total, row);
    if (row.judgement === null) {
      add(summary.unjudged, row);
      add(t.unjudged, row);
      continue;
    }
    add(summary.judged, row);
    add(summary.byJudgement[row.judgement], row);
    add(t.byJudgement[row.judgement], row);
    if (row.judgement === '违法') add(summary.illegalByVintage[row.vintage ?? 'unknown'], row);
  }
  // Code-point order, not the locale's: the same order on every machine.
  summary.byType = [...types.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return summary;
}
