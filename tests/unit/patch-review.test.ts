import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { transformBetween } from '../../src/core/crs/reproject';
import { choosePatchImagery, DEFAULT_IMAGE_TOLERANCE_DAYS } from '../../src/core/patches/imageryChoice';
import type { ImageFootprint } from '../../src/core/patches/imageryChoice';
import { patchFacts } from '../../src/core/patches/patchFacts';
import type { PatchFacts } from '../../src/core/patches/patchFacts';
import { patchInfo } from '../../src/core/patches/patchModel';
import type { PatchInfo, PatchJudgement, PatchVintage } from '../../src/core/patches/patchModel';
import { filterPatchRows, patchRows, reviewProgress, sortPatchRows, stepPatch } from '../../src/core/patches/queue';
import type { PatchEvaluation, PatchRow } from '../../src/core/patches/queue';
import { emptyReview, judgePatch, lastUndoable, PatchReviewError, reviewFromLog, standingJudgement, undoLast } from '../../src/core/patches/review';
import type { PatchReview, PatchVerdict } from '../../src/core/patches/review';
import { DEFAULT_SUGGESTION_SETTINGS, periodStartFor, suggestJudgement } from '../../src/core/patches/suggest';
import type { PatchSuggestion, SuggestionSettings } from '../../src/core/patches/suggest';
import { summarisePatches } from '../../src/core/patches/summary';
import { parseRuleSet } from '../../src/core/rules/ruleSet';
import { buildLayerStore } from '../../src/core/store/layerStore';
import type { VerifyLayer } from '../../src/core/verify/overlay';
import type { VerifyWorkspace } from '../../src/core/verify/verify';
import type { LayerKind } from '../../src/core/model';
import { ROOT } from '../support/paths';

// Hand-computed cases for the patch review modules: the judgement log and its undo, the queue's rows,
// filters, sort and stepping, the summary, the choice of before/after images, and suggestions on tiny
// hand-made workspaces whose areas are whole rectangles (1 mu = 10000/15 m², written out below).

const M2_PER_MU = 10000 / 15;

// ---------------------------------------------------------------- review.ts

const verdict = (judgement: PatchJudgement, subtype: string, extra: Partial<PatchVerdict> = {}): PatchVerdict => ({
  judgement, subtype, vintage: null, note: '', reviewer: '王敏', at: '2026-07-03T09:30:00+08:00', suggested: null, ...extra,
});

function reviewCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchReviewError) return error.code;
    throw error;
  }
  return undefined;
}

const infoOf = (id: string, extra: Partial<PatchInfo> = {}): PatchInfo => ({
  layerId: 'L', featureIndex: 0, id, district: '421102', type: '20', beforeDate: '2025-03-18', afterDate: '2026-06-22', landClass: '0101',
  declaredBasicFarmland: null, declaredRedline: null, declaredAreaM2: null, fileJudgement: null, fileSubtype: '', fileNote: '', ...extra,
});

describe('review: judging, re-judging and undo', () => {
  const illegal = verdict('违法', '工矿商服-厂房', { vintage: '新增', note: '厂房', suggested: { judgement: '违法', subtype: '', reason: 'farmland' } });
  const homestead = verdict('其他', '农村宅基地', { reviewer: '李强', at: '2026-07-04T10:00:00+08:00' });

  it('records a judgement with its log entry, and a re-judgement with the verdict it replaced', () => {
    const start = emptyReview('L');
    const first = judgePatch(start, 'P1', illegal);
    expect(start.verdicts).toEqual({}); // the review given is not changed
    expect(start.log).toEqual([]);
    expect(first.review.verdicts).toEqual({ P1: illegal });
    expect(first.entry).toEqual({ seq: 1, layerId: 'L', patchId: 'P1', kind: 'judge', before: null, after: illegal, reviewer: '王敏', at: '2026-07-03T09:30:00+08:00' });

    const second = judgePatch(first.review, 'P1', homestead);
    expect(second.review.verdicts).toEqual({ P1: homestead });
    expect(second.entry).toMatchObject({ seq: 2, patchId: 'P1', kind: 'judge', before: illegal, after: homestead, reviewer: '李强' });
    expect(second.review.log.map((e) => e.seq)).toEqual([1, 2]);
    expect(lastUndoable(second.review)?.seq).toBe(2);
  });

  it('keeps 新增/存量 only on illegal verdicts', () => {
    const { review } = judgePatch(emptyReview('L'), 'P1', verdict('合法', '建设用地审批', { vintage: '新增' }));
    expect(review.verdicts.P1!.vintage).toBeNull();
    const { review: r2 } = judgePatch(review, 'P2', verdict('违法', '', { vintage: '存量' }));
    expect(r2.verdicts.P2!.vintage).toBe('存量');
  });

  it('undoes twice back to no verdict, and then has nothing to undo', () => {
    let review = judgePatch(emptyReview('L'), 'P1', illegal).review;
    review = judgePatch(review, 'P1', homestead).review;

    const undo1 = undoLast(review, '赵六', '2026-07-05T08:00:00+08:00');
    expect(undo1.review.verdicts).toEqual({ P1: illegal });
    expect(undo1.entry).toEqual({ seq: 3, layerId: 'L', patchId: 'P1', kind: 'undo', before: homestead, after: illegal, undoes: 2, reviewer: '赵六', at: '2026-07-05T08:00:00+08:00' });
    expect(lastUndoable(undo1.review)?.seq).toBe(1);

    const undo2 = undoLast(undo1.review, '赵六', '2026-07-05T08:01:00+08:00');
    expect(undo2.review.verdicts).toEqual({});
    expect(undo2.entry).toMatchObject({ seq: 4, kind: 'undo', before: illegal, after: null, undoes: 1 });
    expect(lastUndoable(undo2.review)).toBeNull();

    expect(reviewCode(() => undoLast(undo2.review, '赵六', '2026-07-05T08:02:00+08:00'))).toBe('nothingToUndo');
    expect(reviewCode(() => undoLast(emptyReview('L'), '赵六', '2026-07-05T08:02:00+08:00'))).toBe('nothingToUndo');
  });

  it('undoes only the newest judgement still standing, across patches (a stack)', () => {
    let review = judgePatch(emptyReview('L'), 'A', illegal).review; // 1
    review = judgePatch(review, 'B', homestead).review; // 2
    review = undoLast(review, 'x', 't').review; // 3 undoes 2: B gone
    expect(review.verdicts).toEqual({ A: illegal });
    review = judgePatch(review, 'A', homestead).review; // 4: A illegal → homestead
    review = undoLast(review, 'x', 't').review; // 5 undoes 4
    expect(review.verdicts).toEqual({ A: illegal });
    const last = undoLast(review, 'x', 't'); // 6 undoes 1
    expect(last.entry.undoes).toBe(1);
    expect(last.review.verdicts).toEqual({});
    expect(reviewCode(() => undoLast(last.review, 'x', 't'))).toBe('nothingToUndo');
  });

  it('rebuilds the same verdicts from the stored log (in any order), and undoes after the reload as before it', () => {
    let review = judgePatch(emptyReview('L'), 'P1', illegal).review;
    review = judgePatch(review, 'P2', homestead).review;
    review = judgePatch(review, 'P1', homestead).review;
    review = undoLast(review, '赵六', 't1').review; // P1 back to illegal
    const stored: unknown = JSON.parse(JSON.stringify([...review.log].reverse()));

    const reloaded = reviewFromLog('L', stored as PatchReview['log']);
    expect(reloaded.layerId).toBe('L');
    expect(reloaded.verdicts).toEqual({ P1: illegal, P2: homestead });
    expect(reloaded.verdicts).toEqual(review.verdicts);
    expect(reloaded.log.map((e) => e.seq)).toEqual([1, 2, 3, 4]);

    // The next undo takes back judgement 2 (P2), the one after it judgement 1 (P1): same as without reload.
    const a = undoLast(reloaded, '赵六', 't2');
    const b = undoLast(review, '赵六', 't2');
    expect(a.entry).toEqual(b.entry);
    expect(a.entry).toMatchObject({ seq: 5, patchId: 'P2', undoes: 2, after: null });
    expect(a.review.verdicts).toEqual({ P1: illegal });
    const a2 = undoLast(reviewFromLog('L', JSON.parse(JSON.stringify(a.review.log)) as PatchReview['log']), '赵六', 't3');
    expect(a2.entry).toMatchObject({ seq: 6, patchId: 'P1', undoes: 1, after: null });
    expect(a2.review.verdicts).toEqual({});
    expect(reviewCode(() => undoLast(reviewFromLog('L', a2.review.log), '赵六', 't4'))).toBe('nothingToUndo');
  });

  it('refuses a subtype of another judgement (code subtype) and an unknown judgement (code judgement)', () => {
    const start = judgePatch(emptyReview('L'), 'P1', illegal).review;
    expect(reviewCode(() => judgePatch(start, 'P1', verdict('合法', '农村宅基地')))).toBe('subtype');
    expect(reviewCode(() => judgePatch(start, 'P1', verdict('违法', '农村宅基地')))).toBe('subtype');
    expect(reviewCode(() => judgePatch(start, 'P1', verdict('伪变化', '灾毁')))).toBe('subtype');
    expect(reviewCode(() => judgePatch(start, 'P1', verdict('违规' as PatchJudgement, '')))).toBe('judgement');
    expect(start.verdicts).toEqual({ P1: illegal });
    expect(start.log).toHaveLength(1);
    // No subtype is always allowed; 伪变化 has none.
    expect(judgePatch(start, 'P1', verdict('伪变化', '')).review.verdicts.P1!.judgement).toBe('伪变化');
  });

  it('lets the reviewer’s verdict stand over the file’s, the file’s over none', () => {
    const patch = infoOf('P1', { fileJudgement: '违法', fileSubtype: '圈占堆放', fileNote: '文件' });
    expect(standingJudgement(patch, emptyReview('L'))).toEqual({ judgement: '违法', subtype: '圈占堆放', from: 'file', verdict: null });
    const { review } = judgePatch(emptyReview('L'), 'P1', homestead);
    expect(standingJudgement(patch, review)).toEqual({ judgement: '其他', subtype: '农村宅基地', from: 'review', verdict: homestead });
    expect(standingJudgement(infoOf('P2'), review)).toBeNull();
  });
});

// ---------------------------------------------------------------- queue.ts

const breakdownOf = (areaM2: number) => ({
  totalMu: areaM2 / M2_PER_MU, farmlandMu: areaM2 / M2_PER_MU, otherAgriculturalMu: 0, unusedMu: 0, constructionMu: 0, basicFarmlandMu: 0, ecoRedlineMu: 0, remainderMu: 0,
});

function evaluation(id: string, o: {
  index?: number; type?: string; district?: string; areaM2: number; approvedBeforeShare?: number; basicFarmlandM2?: number; redlineM2?: number;
  suggested: PatchJudgement | null; suggestedSubtype?: string; vintage?: PatchVintage | null; patch?: Partial<PatchInfo>;
}): PatchEvaluation {
  const facts: PatchFacts = {
    patchId: id, areaM2: o.areaM2, areaMu: o.areaM2 / M2_PER_MU, breakdown: breakdownOf(o.areaM2), approvals: [],
    approvedBeforeShare: o.approvedBeforeShare ?? 0, approvedAnyShare: o.approvedBeforeShare ?? 0, landUse: [],
    basicFarmlandM2: o.basicFarmlandM2 ?? 0, redlineM2: o.redlineM2 ?? 0, parcels: [], homesteadDistanceM: null, outside: false, flags: [],
  };
  const suggestion: PatchSuggestion = { judgement: o.suggested, subtype: o.suggestedSubtype ?? '', reason: 'farmland', text: `理由 ${id}`, vintage: o.vintage ?? null };
  return { patch: infoOf(id, { featureIndex: o.index ?? 0, type: o.type ?? '20', district: o.district ?? '421102', ...o.patch }), facts, suggestion };
}

describe('queue: rows from evaluations', () => {
  // 2000 m² = 3 mu; a quarter approved before the change: 2.25 mu unapproved.
  const evaluations = [
    evaluation('P1', { index: 0, areaM2: 2000, approvedBeforeShare: 0.25, basicFarmlandM2: 500, suggested: '违法', vintage: '新增' }),
    evaluation('P2', { index: 1, areaM2: 2000, approvedBeforeShare: 0.25, suggested: '违法', vintage: '存量', patch: { declaredRedline: true } }),
    evaluation('P3', { index: 2, areaM2: 1000, suggested: null }),
    evaluation('P4', { index: 3, areaM2: 1000, approvedBeforeShare: 1, suggested: '合法', patch: { fileJudgement: '合法', fileSubtype: '建设用地审批', fileNote: '文件备注' } }),
    evaluation('P5', { index: 4, areaM2: 1_000_000, suggested: '违法', redlineM2: 0.5, patch: { fileJudgement: '违法', fileSubtype: '圈占堆放' } }),
  ];
  const review = judgePatch(emptyReview('L'), 'P2', verdict('违法', '工矿商服-硬化', { vintage: '新增', note: '已核', reviewer: '李强', at: 'T' })).review;
  const rows = patchRows(evaluations, review);

  it('ranks by risk: illegal on protected land (3000+), illegal (2000+), undecided (1000+), the rest; plus unapproved mu capped at 999', () => {
    expect(rows.map((r) => r.risk)).toEqual([
      expect.closeTo(3000 + 2.25, 9), // suggested 违法, 500 m² of basic farmland
      expect.closeTo(2000 + 2.25, 9), // a declared red line is not a measured one: tier 2
      expect.closeTo(1000 + 1.5, 9),
      expect.closeTo(0, 9),
      expect.closeTo(2000 + 999, 9), // 1500 mu unapproved, capped; 0.5 m² of red line is under 1 m²
    ]);
  });

  it('shows the verdict that stands, with who, when and the note', () => {
    expect(rows[0]).toMatchObject({ index: 0, id: 'P1', judgement: null, subtype: '', vintage: null, from: null, reviewer: '', note: '', suggested: '违法', reason: '理由 P1', basicFarmland: true, redline: false });
    expect(rows[0]!.areaMu).toBeCloseTo(3, 12);
    expect(rows[1]).toMatchObject({ id: 'P2', judgement: '违法', subtype: '工矿商服-硬化', vintage: '新增', from: 'review', reviewer: '李强', at: 'T', note: '已核', basicFarmland: false, redline: true });
    expect(rows[3]).toMatchObject({ id: 'P4', judgement: '合法', subtype: '建设用地审批', vintage: null, from: 'file', reviewer: '', note: '文件备注' });
    expect(rows[4]).toMatchObject({ id: 'P5', judgement: '违法', subtype: '圈占堆放', from: 'file', redline: false });
    expect(reviewProgress(rows)).toEqual({ judged: 3, total: 5 });
    expect(reviewProgress([])).toEqual({ judged: 0, total: 0 });
  });
});

const row = (id: string, o: Partial<PatchRow> = {}): PatchRow => ({
  index: 0, id, type: '20', district: '421102105', areaM2: 0, areaMu: 0, beforeDate: '2025-03-18', afterDate: '2026-06-22', judgement: null, subtype: '',
  vintage: null, from: null, reviewer: '', at: '', note: '', suggested: null, suggestedSubtype: '', reason: '', basicFarmland: false, redline: false, risk: 0, ...o,
});

describe('queue: filters, sort and stepping', () => {
  const rows = [
    row('P03', { type: 'YH', district: '421102105', areaMu: 1.5, areaM2: 1000, judgement: '违法', risk: 2001, basicFarmland: true }),
    row('P01', { type: '20', district: '421102106', areaMu: 3, areaM2: 2000, risk: 3002, basicFarmland: true, redline: true }),
    row('P02', { type: '20', district: '421103001', areaMu: 1.5, areaM2: 1000, judgement: '合法', risk: 0 }),
    row('P05', { type: 'GF', district: '421102105', areaMu: 0.75, areaM2: 500, judgement: '其他', risk: 2001 }),
    row('P04', { type: 'YH', district: '421102', areaMu: 6, areaM2: 4000, risk: 1000, redline: true }),
  ];
  const ids = (rs: PatchRow[]) => rs.map((r) => r.id);

  it('filters by state, judgement, type, area bounds (inclusive), protected land and district prefix', () => {
    expect(ids(filterPatchRows(rows, {}))).toEqual(['P03', 'P01', 'P02', 'P05', 'P04']);
    expect(ids(filterPatchRows(rows, { state: 'unjudged' }))).toEqual(['P01', 'P04']);
    expect(ids(filterPatchRows(rows, { state: 'judged' }))).toEqual(['P03', 'P02', 'P05']);
    expect(ids(filterPatchRows(rows, { judgement: '违法' }))).toEqual(['P03']);
    expect(ids(filterPatchRows(rows, { type: 'YH' }))).toEqual(['P03', 'P04']);
    expect(ids(filterPatchRows(rows, { minAreaMu: 1.5 }))).toEqual(['P03', 'P01', 'P02', 'P04']);
    expect(ids(filterPatchRows(rows, { maxAreaMu: 1.5 }))).toEqual(['P03', 'P02', 'P05']);
    expect(ids(filterPatchRows(rows, { minAreaMu: 1, maxAreaMu: 3 }))).toEqual(['P03', 'P01', 'P02']);
    expect(ids(filterPatchRows(rows, { basicFarmland: true }))).toEqual(['P03', 'P01']);
    expect(ids(filterPatchRows(rows, { redline: true }))).toEqual(['P01', 'P04']);
    expect(ids(filterPatchRows(rows, { basicFarmland: true, redline: true }))).toEqual(['P01']);
    expect(ids(filterPatchRows(rows, { district: '421102' }))).toEqual(['P03', 'P01', 'P05', 'P04']);
    expect(ids(filterPatchRows(rows, { district: '421102105' }))).toEqual(['P03', 'P05']);
    expect(ids(filterPatchRows(rows, { state: 'unjudged', type: 'YH', district: '4211' }))).toEqual(['P04']);
    expect(ids(filterPatchRows(rows, { state: 'judged', judgement: null, type: null, minAreaMu: null, maxAreaMu: null, district: null }))).toEqual(['P03', 'P02', 'P05']);
    expect(filterPatchRows(rows, { judgement: '伪变化' })).toEqual([]);
  });

  it('sorts by id ascending, area and risk descending, ties by id ascending whatever the direction', () => {
    expect(ids(sortPatchRows(rows, 'id'))).toEqual(['P01', 'P02', 'P03', 'P04', 'P05']);
    expect(ids(sortPatchRows(rows, 'id', true))).toEqual(['P05', 'P04', 'P03', 'P02', 'P01']);
    expect(ids(sortPatchRows(rows, 'area'))).toEqual(['P04', 'P01', 'P02', 'P03', 'P05']);
    expect(ids(sortPatchRows(rows, 'area', false))).toEqual(['P05', 'P02', 'P03', 'P01', 'P04']);
    expect(ids(sortPatchRows(rows, 'risk'))).toEqual(['P01', 'P03', 'P05', 'P04', 'P02']);
    expect(ids(sortPatchRows(rows, 'risk', false))).toEqual(['P02', 'P04', 'P03', 'P05', 'P01']);
    // The input order does not matter, and the input is not reordered.
    expect(ids(sortPatchRows([...rows].reverse(), 'risk'))).toEqual(['P01', 'P03', 'P05', 'P04', 'P02']);
    expect(ids(rows)).toEqual(['P03', 'P01', 'P02', 'P05', 'P04']);
  });

  it('steps forward and back, stays at the ends, starts at the first row', () => {
    const sorted = sortPatchRows(rows, 'id');
    expect(stepPatch(sorted, 'P02', 1)).toBe('P03');
    expect(stepPatch(sorted, 'P02', -1)).toBe('P01');
    expect(stepPatch(sorted, 'P05', 1)).toBe('P05');
    expect(stepPatch(sorted, 'P01', -1)).toBe('P01');
    expect(stepPatch(sorted, null, 1)).toBe('P01');
    expect(stepPatch(sorted, 'gone', -1)).toBe('P01');
    expect(stepPatch([], 'P01', 1)).toBeNull();
    expect(stepPatch([row('only')], 'only', 1)).toBe('only');
  });
});

// ---------------------------------------------------------------- summary.ts

describe('summary: counts and mu by judgement, type and 新增/存量', () => {
  const rows = [
    row('a', { type: '20', areaMu: 2, judgement: '违法', vintage: '新增' }),
    row('b', { type: '20', areaMu: 3, judgement: '违法', vintage: '存量' }),
    row('c', { type: 'YH', areaMu: 1.5, judgement: '违法', vintage: null }),
    row('d', { type: 'YH', areaMu: 4, judgement: '合法' }),
    row('e', { type: 'GF', areaMu: 0.25, judgement: '其他' }),
    row('f', { type: '20', areaMu: 10, judgement: null }),
    row('g', { type: 'CK', areaMu: 0.5, judgement: '伪变化' }),
  ];
  const s = summarisePatches(rows);
  const line = (count: number, areaMu: number) => ({ count, areaMu: expect.closeTo(areaMu, 12) });
  const none = line(0, 0);

  it('adds up the whole layer, the judged and the unjudged', () => {
    expect(s.total).toEqual(line(7, 21.25));
    expect(s.judged).toEqual(line(6, 11.25));
    expect(s.unjudged).toEqual(line(1, 10));
  });

  it('splits by judgement and the illegal ones by 新增/存量/unknown', () => {
    expect(s.byJudgement).toEqual({ 合法: line(1, 4), 违法: line(3, 6.5), 其他: line(1, 0.25), 伪变化: line(1, 0.5) });
    expect(s.illegalByVintage).toEqual({ 新增: line(1, 2), 存量: line(1, 3), unknown: line(1, 1.5) });
  });

  it('splits by patch type, in code order', () => {
    expect(s.byType.map((t) => t.type)).toEqual(['20', 'CK', 'GF', 'YH']);
    expect(s.byType[0]).toEqual({ type: '20', total: line(3, 15), byJudgement: { 合法: none, 违法: line(2, 5), 其他: none, 伪变化: none }, unjudged: line(1, 10) });
    expect(s.byType[1]).toEqual({ type: 'CK', total: line(1, 0.5), byJudgement: { 合法: none, 违法: none, 其他: none, 伪变化: line(1, 0.5) }, unjudged: none });
    expect(s.byType[3]).toEqual({ type: 'YH', total: line(2, 5.5), byJudgement: { 合法: line(1, 4), 违法: line(1, 1.5), 其他: none, 伪变化: none }, unjudged: none });
  });

  it('is all zeros for no rows', () => {
    const empty = summarisePatches([]);
    expect(empty.total).toEqual({ count: 0, areaMu: 0 });
    expect(empty.byType).toEqual([]);
    expect(empty.byJudgement.违法).toEqual({ count: 0, areaMu: 0 });
  });
});

// ---------------------------------------------------------------- imageryChoice.ts

describe('imagery: the images nearest the before and after dates', () => {
  const patchBox: [number, number, number, number] = [114.10, 30.10, 114.11, 30.11];
  const whole: [number, number, number, number] = [114.0, 30.0, 114.5, 30.5];
  const img = (id: string, date: string, bbox = whole): ImageFootprint => ({ id, date, bbox });

  it('takes the nearest covering image on each side, with its days off', () => {
    const images = [img('A', '2025-03-10'), img('B', '2025-04-01'), img('C', '2026-06-20'), img('D', '2026-06-25'), img('E', '2026-06-23', [114.105, 30.0, 114.5, 30.5])];
    expect(choosePatchImagery(images, patchBox, '2025-03-18', '2026-06-22')).toEqual({
      before: { id: 'A', date: '2025-03-10', daysOff: 8 },
      after: { id: 'C', date: '2026-06-20', daysOff: 2 }, // E is 1 day off but does not cover the patch
      beforeMissing: null,
      afterMissing: null,
    });
  });

  it('never takes an image dated on or after the after-date as the before image', () => {
    // Before 2025-03-18, after 2025-03-20: X (3 days from the before-date) is after the change.
    const choice = choosePatchImagery([img('X', '2025-03-21'), img('Y', '2025-03-01'), img('Z', '2025-03-20')], patchBox, '2025-03-18', '2025-03-20');
    expect(choice.before).toEqual({ id: 'Y', date: '2025-03-01', daysOff: 17 });
    expect(choice.after).toEqual({ id: 'Z', date: '2025-03-20', daysOff: 0 });
  });

  it('never chooses an image that does not cover the whole patch', () => {
    const partial = [img('W', '2025-03-18', [114.0, 30.0, 114.105, 30.5]), img('N', '2026-06-22', [114.0, 30.105, 114.5, 30.5])];
    expect(choosePatchImagery(partial, patchBox, '2025-03-18', '2026-06-22')).toEqual({ before: null, after: null, beforeMissing: 'noCoverage', afterMissing: 'noCoverage' });
    // An image sharing the patch's edges covers it.
    expect(choosePatchImagery([img('S', '2025-03-18', patchBox)], patchBox, '2025-03-18', '2026-06-22').before?.id).toBe('S');
  });

  it('says noneNearDate beyond the tolerance (120 days by default, inclusive), noCoverage with no images, noDate without a date', () => {
    expect(DEFAULT_IMAGE_TOLERANCE_DAYS).toBe(120);
    // 2025-03-18 → 2025-10-04 is 200 days; 2025-10-04 → 2026-06-22 is 261 days.
    const far = [img('F', '2025-10-04')];
    expect(choosePatchImagery(far, patchBox, '2025-03-18', '2026-06-22')).toEqual({ before: null, after: null, beforeMissing: 'noneNearDate', afterMissing: 'noneNearDate' });
    expect(choosePatchImagery(far, patchBox, '2025-03-18', '2026-06-22', 200)).toEqual({ before: { id: 'F', date: '2025-10-04', daysOff: 200 }, after: null, beforeMissing: null, afterMissing: 'noneNearDate' });
    expect(choosePatchImagery(far, patchBox, '2025-03-18', '2026-06-22', 199).beforeMissing).toBe('noneNearDate');
    expect(choosePatchImagery([], patchBox, '2025-03-18', '2026-06-22')).toEqual({ before: null, after: null, beforeMissing: 'noCoverage', afterMissing: 'noCoverage' });
    expect(choosePatchImagery([img('A', '2026-06-20')], patchBox, null, '2026-06-22')).toEqual({ before: null, after: { id: 'A', date: '2026-06-20', daysOff: 2 }, beforeMissing: 'noDate', afterMissing: null });
    expect(choosePatchImagery([img('A', '2025-03-20')], patchBox, '2025-03-18', null)).toEqual({ before: { id: 'A', date: '2025-03-20', daysOff: 2 }, after: null, beforeMissing: null, afterMissing: 'noDate' });
  });

  it('never lets one image serve both sides', () => {
    // One image between the dates: 30 days after the before-date, 31 before the after-date.
    const choice = choosePatchImagery([img('M', '2025-04-17')], patchBox, '2025-03-18', '2025-05-18');
    expect(choice.before).toEqual({ id: 'M', date: '2025-04-17', daysOff: 30 });
    expect(choice.after).toBeNull();
    expect(choice.afterMissing).toBe('noneNearDate');
  });

  it('breaks equal distances by the earlier date, then the id', () => {
    const choice = choosePatchImagery([img('late', '2025-03-28'), img('b', '2025-03-08'), img('a', '2025-03-08')], patchBox, '2025-03-18', '2026-06-22');
    expect(choice.before).toEqual({ id: 'a', date: '2025-03-08', daysOff: 10 });
  });

  it('keeps every rule on random catalogues (seeded), checked against a brute-force search of every pairing', () => {
    const random = seedrandom('patch-imagery');
    const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const base = day('2025-01-01');
    for (let trial = 0; trial < 300; trial++) {
      const beforeDay = base + Math.floor(random() * 400), afterDay = beforeDay + 1 + Math.floor(random() * 300);
      const images = Array.from({ length: Math.floor(random() * 8) }, (_, i) => {
        const covers = random() < 0.7;
        return img(`I${i}`, iso(base - 150 + Math.floor(random() * 900)), covers ? whole : [114.105, 30.0, 114.5, 30.5]);
      });
      const before = iso(beforeDay), after = iso(afterDay);
      const choice = choosePatchImagery(images, patchBox, before, after);
      const ranked = (target: number, ok: (d: number) => boolean) =>
        images.filter((m) => m.bbox === whole && ok(day(m.date)))
          .map((m) => ({ id: m.id, date: m.date, daysOff: Math.abs(day(m.date) - target) }))
          .filter((c) => c.daysOff <= 120)
          .sort((p, q) => p.daysOff - q.daysOff || p.date.localeCompare(q.date) || p.id.localeCompare(q.id));
      // Every pairing of a before image (or none) with a different after image (or none): fewest sides
      // without an image, then the fewest days off in all, then the better-ranked before image, then after.
      const befores = ranked(beforeDay, (d) => d < afterDay), afters = ranked(afterDay, (d) => d > beforeDay);
      const options = [...befores.map((b, i) => [b, i] as const), [null, befores.length] as const].flatMap(([b, bi]) =>
        [...afters.map((a, i) => [a, i] as const), [null, afters.length] as const].filter(([a]) => !a || !b || a.id !== b.id).map(([a, ai]) => ({ b, a, key: [(b ? 0 : 1) + (a ? 0 : 1), (b?.daysOff ?? 0) + (a?.daysOff ?? 0), bi, ai] })));
      options.sort((p, q) => p.key[0]! - q.key[0]! || p.key[1]! - q.key[1]! || p.key[2]! - q.key[2]! || p.key[3]! - q.key[3]!);
      const wantBefore = options[0]!.b, wantAfter = options[0]!.a;
      expect(choice.before, `trial ${trial}`).toEqual(wantBefore);
      expect(choice.after, `trial ${trial}`).toEqual(wantAfter);
      if (choice.before && choice.after) expect(choice.before.id).not.toBe(choice.after.id);
      if (choice.before) expect(choice.before.date < after).toBe(true);
      if (choice.after) expect(choice.after.date > before).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- suggest.ts on hand-made workspaces

const CRS = 'EPSG:4547';
const ORIGIN = [560_000, 3_340_000] as const;
const toLonLat = transformBetween(CRS, 'EPSG:4490');
const ruleSet = parseRuleSet(readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8'), 'default.json');
type Rect = [number, number, number, number];

/** A layer of rectangles given in metres from ORIGIN (planar EPSG:4547), stored from lon/lat as files are. */
function rectLayer(id: string, kind: LayerKind, features: { rect: Rect; props: Record<string, string | number> }[], fields: Record<string, string>, idField: string | null = fields.id ?? null): VerifyLayer {
  const ring = ([x0, y0, x1, y1]: Rect) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => toLonLat([ORIGIN[0] + x!, ORIGIN[1] + y!]));
  const store = buildLayerStore(id, kind, {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: { type: 'Polygon', coordinates: [ring(f.rect)] } })),
  }, CRS, idField);
  return { store, fields };
}

const PATCH_FIELDS = { id: 'JCBH', type: 'TBLX', before: 'QSX', after: 'HSX' };
/** The patch under test: 100 m × 100 m = 10 000 m² = 15 mu. */
const patchLayer = (type = '20', dates: { QSX?: string; HSX?: string } = {}, rect: Rect = [0, 0, 100, 100]) =>
  rectLayer('patches', 'satellite_patch', [{ rect, props: { JCBH: 'T1', TBLX: type, QSX: dates.QSX ?? '2025-03-18', HSX: dates.HSX ?? '2026-06-22' } }], PATCH_FIELDS);
const landUse = (plots: [Rect, string][]) => rectLayer('land-use', 'land_use', plots.map(([rect, code], i) => ({ rect, props: { BSM: `LU${i + 1}`, DLBM: code } })), { id: 'BSM', code: 'DLBM' });
const approvals = (id: string, list: [Rect, string, string][], idField: string | null = 'PZWH') =>
  rectLayer(id, 'approved_land', list.map(([rect, number, date]) => ({ rect, props: { PZWH: number, PZRQ: date } })), idField ? { id: 'PZWH', date: 'PZRQ' } : { date: 'PZRQ' }, idField);
const FIELD: Rect = [-1000, -1000, 1000, 1000];

function suggestOn(layers: VerifyLayer[], settings: SuggestionSettings = DEFAULT_SUGGESTION_SETTINGS) {
  const ws: VerifyWorkspace = { areaCrs: CRS, layers, cases: [], ruleSet };
  const patches = layers.find((l) => l.store.kind === 'satellite_patch')!;
  const info = patchInfo(patches.store, patches.fields, 0);
  const facts = patchFacts(ws, info, 'zh-CN', { homesteadSearchM: settings.homesteadDistanceM });
  return { info, facts, suggestion: suggestJudgement(info, facts, settings), ws };
}

describe('suggest: hand-made workspaces', () => {
  it('a 100 m square half covered by an approval dated before: not 合法 at 95 %, 合法 when 50 % will do', () => {
    const layers = [patchLayer(), landUse([[FIELD, '0103']]), approvals('approved', [[[0, -10, 50, 110], '鄂政土批〔2025〕1号', '2025-01-01']])];
    const { facts, suggestion, info } = suggestOn(layers);
    expect(facts.areaM2).toBeCloseTo(10_000, 6);
    expect(facts.areaMu).toBeCloseTo(15, 8);
    expect(facts.approvedBeforeShare).toBeCloseTo(0.5, 9);
    expect(facts.approvedAnyShare).toBeCloseTo(0.5, 9);
    expect(facts.approvals).toEqual([expect.objectContaining({ id: '鄂政土批〔2025〕1号', date: '2025-01-01', beforeChange: true, areaM2: expect.closeTo(5000, 6), share: expect.closeTo(0.5, 9) })]);
    expect(facts.breakdown.farmlandMu).toBeCloseTo(15, 8);
    expect(facts.breakdown.remainderMu).toBeCloseTo(0, 8);
    expect(suggestion).toEqual({ judgement: '违法', subtype: '', reason: 'farmland', text: '占用耕地 15.00 亩，未批部分 50.0%', vintage: '新增' });

    const lenient = suggestJudgement(info, facts, { ...DEFAULT_SUGGESTION_SETTINGS, approvalCoverShare: 0.5 });
    expect(lenient.judgement).toBe('合法');
    expect(lenient.reason).toBe('approved');
    expect(lenient.vintage).toBeNull();
    expect(lenient.text).toBe('后时相 2026-06-22 之前的批准 鄂政土批〔2025〕1号（2025-01-01） 覆盖图斑 50.0%（不低于 50.0%）');
    expect(suggestJudgement(info, facts, DEFAULT_SUGGESTION_SETTINGS, 'en').text).toBe('takes 15.00 mu of farmland; 50.0% not approved');
  });

  it('counts an approval dated on the after-date as before it', () => {
    const { suggestion, facts } = suggestOn([patchLayer(), landUse([[FIELD, '0103']]), approvals('approved', [[[-10, -10, 110, 110], 'A', '2026-06-22']])]);
    expect(facts.approvals[0]!.beforeChange).toBe(true);
    expect(facts.approvedBeforeShare).toBeCloseTo(1, 9);
    expect(suggestion.judgement).toBe('合法');
  });

  it('an approval dated after the after-date: 违法, built before approval', () => {
    const { suggestion, facts } = suggestOn([patchLayer('GF'), landUse([[FIELD, '0103']]), approvals('approved', [[[-10, -10, 110, 110], '鄂政土批〔2026〕9号', '2026-07-01']])]);
    expect(facts.approvedBeforeShare).toBe(0);
    expect(facts.approvedAnyShare).toBeCloseTo(1, 9);
    expect(suggestion).toEqual({
      judgement: '违法', subtype: '工矿商服-光伏', reason: 'approvedAfterChange', vintage: '新增',
      text: '批准 鄂政土批〔2026〕9号（2026-07-01） 晚于后时相 2026-06-22：先建后批',
    });
  });

  it('splits illegal use into 新增 and 存量 by the period start', () => {
    const layers = [patchLayer('20', { QSX: '2025-03-18', HSX: '2026-06-22' }), landUse([[FIELD, '0103']])];
    const { info, facts, suggestion } = suggestOn(layers);
    expect(periodStartFor(info, DEFAULT_SUGGESTION_SETTINGS)).toBe('2025-01-01'); // 1 January of the year before the after-date
    expect(suggestion.vintage).toBe('新增');
    const at = (periodStart: string) => suggestJudgement(info, facts, { ...DEFAULT_SUGGESTION_SETTINGS, periodStart }).vintage;
    expect(at('2025-06-01')).toBe('存量');
    expect(at('2025-03-19')).toBe('存量');
    expect(at('2025-03-18')).toBe('新增');
    expect(periodStartFor({ ...info, afterDate: null }, DEFAULT_SUGGESTION_SETTINGS)).toBeNull();
    expect(periodStartFor({ ...info, afterDate: null }, { ...DEFAULT_SUGGESTION_SETTINGS, periodStart: '2024-07-01' })).toBe('2024-07-01');
    expect(suggestJudgement({ ...info, beforeDate: null }, facts).vintage).toBeNull();
    // Before-date in the year before the after-date's previous year: 存量 by default.
    const old = suggestOn([patchLayer('20', { QSX: '2024-12-31', HSX: '2026-06-22' }), landUse([[FIELD, '0103']])]);
    expect(old.suggestion.vintage).toBe('存量');
  });

  it('names protected land with its mu: basic farmland before the red line', () => {
    // Basic farmland on the west 40 m (4000 m² = 6 mu), red line on the east 25 m (2500 m² = 3.75 mu).
    const bf = rectLayer('bf', 'basic_farmland', [{ rect: [-50, -50, 40, 150], props: { TBBH: 'JBNT1' } }], { id: 'TBBH' });
    const red = rectLayer('red', 'eco_redline', [{ rect: [75, -50, 200, 150], props: { MC: '红线' } }], { id: 'MC' });
    const both = suggestOn([patchLayer('TD'), landUse([[FIELD, '0101']]), bf, red]);
    expect(both.facts.basicFarmlandM2).toBeCloseTo(4000, 5);
    expect(both.facts.redlineM2).toBeCloseTo(2500, 5);
    expect(both.facts.breakdown.basicFarmlandMu).toBeCloseTo(6, 8);
    expect(both.facts.breakdown.ecoRedlineMu).toBeCloseTo(3.75, 8);
    expect(both.suggestion).toEqual({ judgement: '违法', subtype: '圈占堆放', reason: 'basicFarmland', text: '占用永久基本农田 6.00 亩，未批部分 100.0%', vintage: '新增' });
    const redOnly = suggestOn([patchLayer('CK'), landUse([[FIELD, '0301']]), red]);
    expect(redOnly.suggestion).toEqual({ judgement: '违法', subtype: '工矿商服-采矿', reason: 'redline', text: '占用生态保护红线 3.75 亩，未批部分 100.0%', vintage: '新增' });
  });

  it('suggests 农村宅基地 for a house next to homestead land, within the distance setting', () => {
    // A homestead plot whose west edge is 30 m east of the patch.
    const at30 = suggestOn([patchLayer('20'), landUse([[[-1000, -1000, 130, 1000], '0103'], [[130, -1000, 1000, 1000], '0702']])]);
    expect(at30.facts.homesteadDistanceM).toBeCloseTo(30, 6);
    expect(at30.suggestion).toEqual({ judgement: '其他', subtype: '农村宅基地', reason: 'homesteadEdge', vintage: null, text: '建房/硬化紧邻农村宅基地（相距 30.0 米，不涉及永久基本农田和生态保护红线）' });
    // A photovoltaic field there is no house.
    const gf = suggestOn([patchLayer('GF'), landUse([[[-1000, -1000, 130, 1000], '0103'], [[130, -1000, 1000, 1000], '0702']])]);
    expect(gf.suggestion.reason).toBe('farmland');
    // 60 m away: beyond the default 50 m, inside 70 m.
    const at60 = suggestOn([patchLayer('YH'), landUse([[[-1000, -1000, 160, 1000], '0103'], [[160, -1000, 1000, 1000], '0702']])]);
    expect(at60.facts.homesteadDistanceM).toBeCloseTo(60, 6);
    expect(at60.suggestion.reason).toBe('farmland');
    expect(suggestJudgement(at60.info, at60.facts, { ...DEFAULT_SUGGESTION_SETTINGS, homesteadDistanceM: 70 }).reason).toBe('homesteadEdge');
    // On basic farmland a house is not waved through as homestead.
    const bf = rectLayer('bf', 'basic_farmland', [{ rect: [0, 0, 10, 10], props: { TBBH: 'JBNT1' } }], { id: 'TBBH' });
    expect(suggestOn([patchLayer('20'), landUse([[[-1000, -1000, 130, 1000], '0103'], [[130, -1000, 1000, 1000], '0702']]), bf]).suggestion).toMatchObject({ reason: 'basicFarmland', text: '占用永久基本农田 0.15 亩，未批部分 100.0%' });
  });

  it('honours a homestead distance setting above 100 m', () => {
    // The setting says 150 m; the homestead plot is 120 m away.
    const at120 = suggestOn([patchLayer('20'), landUse([[[-1000, -1000, 220, 1000], '0103'], [[220, -1000, 1000, 1000], '0702']])], { ...DEFAULT_SUGGESTION_SETTINGS, homesteadDistanceM: 150 });
    expect(at120.suggestion.reason).toBe('homesteadEdge');
    expect(at120.suggestion.text).toContain('相距 120.0 米');
  });

  it('reads what the land already is: facility agriculture, homestead, construction land, unused land', () => {
    const facility = suggestOn([patchLayer('20'), landUse([[[-1000, -1000, 30, 1000], '0103'], [[30, -1000, 1000, 1000], '1202']])]);
    expect(facility.suggestion).toEqual({ judgement: '其他', subtype: '设施农用地', reason: 'facilityAgriculture', vintage: null, text: '图斑 70.0% 位于设施农用地（1202）' });
    const home = suggestOn([patchLayer('YH'), landUse([[FIELD, '0702']])]);
    expect(home.suggestion).toMatchObject({ judgement: '其他', subtype: '农村宅基地', reason: 'homestead', text: '图斑 100.0% 位于农村宅基地（0702）' });
    const built = suggestOn([patchLayer('20'), landUse([[[-1000, -1000, 40, 1000], '0404'], [[40, -1000, 1000, 1000], '0601']])]);
    expect(built.facts.breakdown.constructionMu).toBeCloseTo(9, 8); // 6000 m²
    expect(built.facts.breakdown.unusedMu).toBeCloseTo(6, 8);
    expect(built.suggestion).toMatchObject({ judgement: null, subtype: '', reason: 'constructionLand', vintage: null, text: '图斑 60.0% 原为建设用地且无批准覆盖：请人工判定' });
    const unused = suggestOn([patchLayer('DT'), landUse([[[-1000, -1000, 70, 1000], '0404'], [[70, -1000, 1000, 1000], '0601']])]);
    expect(unused.suggestion).toEqual({ judgement: '违法', subtype: '圈占堆放', reason: 'noApproval', vintage: '新增', text: '占用农用地或未利用地 10.50 亩，未批部分 100.0%' });
  });

  it('reads the patch type: ND rural road even on basic farmland, 01–04 restoration', () => {
    const bf = rectLayer('bf', 'basic_farmland', [{ rect: FIELD, props: { TBBH: 'JBNT1' } }], { id: 'TBBH' });
    expect(suggestOn([patchLayer('ND'), landUse([[FIELD, '0101']]), bf]).suggestion).toEqual({ judgement: '其他', subtype: '农村道路', reason: 'ruralRoad', vintage: null, text: '图斑类型 ND（农村道路）' });
    expect(suggestOn([patchLayer('03'), landUse([[FIELD, '0404']])]).suggestion).toMatchObject({ judgement: '其他', subtype: '生态修复', reason: 'restoration' });
  });

  it('says nothing of a patch outside the land-use survey', () => {
    const { facts, suggestion } = suggestOn([patchLayer('20', {}, [5000, 5000, 5100, 5100]), landUse([[FIELD, '0103']])]);
    expect(facts.outside).toBe(true);
    expect(suggestion).toMatchObject({ judgement: null, subtype: '', reason: 'outside', vintage: null });
    expect(suggestion.text).not.toBe('');
  });

  it('reads approval dates in the forms patch dates are read in (spaced, full-width, Excel serial)', () => {
    // 43957 is 2020-05-06 as an Excel serial; patchInfo reads all three forms as 2020-05-06.
    for (const date of ['2020 年 5 月 6 日', '２０２０年５月６日', 43957]) {
      const layer = rectLayer('approved', 'approved_land', [{ rect: [-10, -10, 110, 110], props: { PZWH: 'A1', PZRQ: date } }], { id: 'PZWH', date: 'PZRQ' });
      const { facts, suggestion } = suggestOn([patchLayer('20'), landUse([[FIELD, '0103']]), layer]);
      expect(facts.approvals.map((a) => [a.date, a.beforeChange]), String(date)).toEqual([['2020-05-06', true]]);
      expect(suggestion.judgement, String(date)).toBe('合法');
    }
  });

  it('keeps apart two approvals that share an id but not a date (two layers without an id field: both "#1")', () => {
    // West half approved in 2020, east half only in 2027 (after the after-date 2026-06-22).
    const early = approvals('approved-a', [[[0, -10, 50, 110], '', '2020-01-01']], null);
    const late = approvals('approved-b', [[[50, -10, 110, 110], '', '2027-01-01']], null);
    const { facts, suggestion } = suggestOn([patchLayer('20'), landUse([[FIELD, '0103']]), early, late]);
    expect(facts.approvals.map((a) => [a.id, a.date, a.beforeChange])).toEqual([['#1', '2020-01-01', true], ['#1', '2027-01-01', false]]);
    expect(facts.approvedAnyShare).toBeCloseTo(1, 9);
    expect(facts.approvedBeforeShare).toBeCloseTo(0.5, 9); // only the 2020 half was approved before the change
    expect(suggestion.judgement).toBe('违法');
    expect(suggestion.reason).toBe('approvedAfterChange');
  });
});
