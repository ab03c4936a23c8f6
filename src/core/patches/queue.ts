import { M2_PER_MU } from '../crs/area';
import type { PatchFacts } from './patchFacts';
import type { PatchInfo, PatchJudgement, PatchVintage } from './patchModel';
import type { PatchReview } from './review';
import { standingJudgement } from './review';
import { DEFAULT_SUGGESTION_SETTINGS, vintageOf } from './suggest';
import type { PatchSuggestion, SuggestionSettings } from './suggest';

// The review queue (issue 7): one flat row per patch, filtered and sorted in one pass each, so 5,000
// patches filter and step without waiting.

export interface PatchRow {
  index: number;
  id: string;
  type: string;
  district: string;
  areaM2: number;
  areaMu: number;
  beforeDate: string | null;
  afterDate: string | null;
  judgement: PatchJudgement | null;
  subtype: string;
  vintage: PatchVintage | null;
  /** Whose judgement stands: the reviewer's, the file's, or none. */
  from: 'review' | 'file' | null;
  reviewer: string;
  at: string;
  note: string;
  suggested: PatchJudgement | null;
  suggestedSubtype: string;
  reason: string;
  basicFarmland: boolean;
  redline: boolean;
  /** Higher first: suggested illegal on protected land, then illegal, then undecided, then the rest; by unapproved mu within. */
  risk: number;
}

export interface PatchEvaluation {
  patch: PatchInfo;
  facts: PatchFacts;
  suggestion: PatchSuggestion;
}

function riskOf(e: PatchEvaluation): number {
  const { facts, suggestion } = e;
  const protectedLand = facts.basicFarmlandM2 >= 1 || facts.redlineM2 >= 1;
  const tier = suggestion.judgement === '违法' ? (protectedLand ? 3 : 2) : suggestion.judgement === null ? 1 : 0;
  const unapprovedMu = (facts.areaM2 * (1 - facts.approvedBeforeShare)) / M2_PER_MU;
  return tier * 1000 + Math.min(999, unapprovedMu);
}

/** `settings`: the review period that splits a file's illegal judgements into 新增 and 存量. */
export function patchRows(evaluations: PatchEvaluation[], review: PatchReview, settings: SuggestionSettings = DEFAULT_SUGGESTION_SETTINGS): PatchRow[] {
  return evaluations.map((e) => {
    const standing = standingJudgement(e.patch, review);
    const verdict = standing?.verdict ?? null;
    return {
      index: e.patch.featureIndex,
      id: e.patch.id,
      type: e.patch.type,
      district: e.patch.district,
      areaM2: e.facts.areaM2,
      areaMu: e.facts.areaMu,
      beforeDate: e.patch.beforeDate,
      afterDate: e.patch.afterDate,
      judgement: standing?.judgement ?? null,
      subtype: standing?.subtype ?? '',
      vintage: verdict ? verdict.vintage : standing?.judgement === '违法' ? vintageOf(e.patch, settings) : null,
      from: standing?.from ?? null,
      reviewer: verdict?.reviewer ?? '',
      at: verdict?.at ?? '',
      note: verdict?.note ?? (standing?.from === 'file' ? e.patch.fileNote : ''),
      suggested: e.suggestion.judgement,
      suggestedSubtype: e.suggestion.subtype,
      reason: e.suggestion.text,
      basicFarmland: e.facts.basicFarmlandM2 >= 1 || e.patch.declaredBasicFarmland === true,
      redline: e.facts.redlineM2 >= 1 || e.patch.declaredRedline === true,
      risk: riskOf(e),
    };
  });
}

export interface PatchFilter {
  /** 'unjudged', 'judged' or all. */
  state?: 'unjudged' | 'judged' | 'all';
  judgement?: PatchJudgement | null;
  type?: string | null;
  minAreaMu?: number | null;
  maxAreaMu?: number | null;
  basicFarmland?: boolean;
  redline?: boolean;
  /** Prefix of the 行政区代码 (a county code finds its towns). Empty text, like null, filters nothing (as for type). */
  district?: string | null;
}

export type PatchSortKey = 'id' | 'area' | 'risk';

export function filterPatchRows(rows: PatchRow[], filter: PatchFilter): PatchRow[] {
  const { state = 'all', judgement = null, type = null, minAreaMu = null, maxAreaMu = null, basicFarmland = false, redline = false, district = null } = filter;
  return rows.filter((r) =>
    (state === 'all' || (state === 'judged') === (r.judgement !== null)) &&
    (judgement === null || r.judgement === judgement) &&
    (!type || r.type === type) &&
    (minAreaMu === null || r.areaMu >= minAreaMu) &&
    (maxAreaMu === null || r.areaMu <= maxAreaMu) &&
    (!basicFarmland || r.basicFarmland) &&
    (!redline || r.redline) &&
    (!district || r.district.startsWith(district)),
  );
}

export function sortPatchRows(rows: PatchRow[], key: PatchSortKey, descending = key !== 'id'): PatchRow[] {
  const sign = descending ? -1 : 1;
  const byId = (a: PatchRow, b: PatchRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const by = key === 'id' ? byId : key === 'area' ? (a: PatchRow, b: PatchRow) => a.areaM2 - b.areaM2 : (a: PatchRow, b: PatchRow) => a.risk - b.risk;
  // Ties fall back to the id, ascending, in code-point order: the same order on every machine.
  return [...rows].sort((a, b) => sign * by(a, b) || byId(a, b));
}

/** "n of N judged" over the whole layer. */
export function reviewProgress(rows: PatchRow[]): { judged: number; total: number } {
  return { judged: rows.reduce((n, r) => n + (r.judgement !== null ? 1 : 0), 0), total: rows.length };
}

/** The patch after (step 1) or before (step -1) `currentId` in `rows`; the first when the current one is not in them. */
export function stepPatch(rows: PatchRow[], currentId: string | null, step: 1 | -1): string | null {
  if (rows.length === 0) return null;
  const at = currentId === null ? -1 : rows.findIndex((r) => r.id === currentId);
  if (at < 0) return rows[0]!.id;
  return rows[Math.min(rows.length - 1, Math.max(0, at + step))]!.id;
}
