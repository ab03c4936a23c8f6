import { isPatchJudgement, PATCH_SUBTYPES } from './patchModel';
import type { PatchInfo, PatchJudgement, PatchVintage } from './patchModel';

// The reviewer's judgements and their trail. Every judgement and every undo is an entry of the review
// log, kept with the verdicts, so undo works across reloads and the evidence of who decided what, when
// and on which suggestion stays.

export const PATCH_REVIEW_SCHEMA_VERSION = 1;

export interface PatchVerdict {
  judgement: PatchJudgement;
  subtype: string;
  /** For 违法: 新增 or 存量 (from the suggestion's dates unless the reviewer changed it). */
  vintage: PatchVintage | null;
  note: string;
  reviewer: string;
  /** ISO date-time of the judgement. */
  at: string;
  /** The suggestion shown when the reviewer judged (null when there was none): evidence of what was confirmed or overruled. */
  suggested: { judgement: PatchJudgement | null; subtype: string; reason: string } | null;
}

export interface PatchLogEntry {
  /** Increasing within a layer's log. */
  seq: number;
  layerId: string;
  patchId: string;
  kind: 'judge' | 'undo';
  /** The verdict before and after this entry (null: no reviewer verdict). */
  before: PatchVerdict | null;
  after: PatchVerdict | null;
  /** For an undo: the seq of the judgement it took back. */
  undoes?: number;
  reviewer: string;
  at: string;
}

/** The review of one layer as the app holds it. */
export interface PatchReview {
  schemaVersion: number;
  layerId: string;
  verdicts: Record<string, PatchVerdict>;
  log: PatchLogEntry[];
}

export class PatchReviewError extends Error {
  readonly code: 'subtype' | 'judgement' | 'nothingToUndo';
  constructor(code: PatchReviewError['code'], message: string) {
    super(message);
    this.name = 'PatchReviewError';
    this.code = code;
  }
}

export function emptyReview(layerId: string): PatchReview {
  return { schemaVersion: PATCH_REVIEW_SCHEMA_VERSION, layerId, verdicts: {}, log: [] };
}

/** The judgement that stands for a patch: the reviewer's, else the one its file carries, else none. */
export function standingJudgement(patch: PatchInfo, review: PatchReview): { judgement: PatchJudgement; subtype: string; from: 'review' | 'file'; verdict: PatchVerdict | null } | null {
  const verdict = review.verdicts[patch.id];
  if (verdict) return { judgement: verdict.judgement, subtype: verdict.subtype, from: 'review', verdict };
  if (patch.fileJudgement) return { judgement: patch.fileJudgement, subtype: patch.fileSubtype, from: 'file', verdict: null };
  return null;
}

const nextSeq = (review: PatchReview) => (review.log.length ? review.log[review.log.length - 1]!.seq + 1 : 1);

/** Records a judgement; returns the new review and the log entry to store with it. */
export function judgePatch(review: PatchReview, patchId: string, verdict: PatchVerdict): { review: PatchReview; entry: PatchLogEntry } {
  if (!isPatchJudgement(verdict.judgement)) throw new PatchReviewError('judgement', `unknown judgement "${String(verdict.judgement)}"`);
  if (verdict.subtype && !PATCH_SUBTYPES[verdict.judgement].includes(verdict.subtype)) {
    throw new PatchReviewError('subtype', `"${verdict.subtype}" is not a subtype of ${verdict.judgement}`);
  }
  const clean: PatchVerdict = { ...verdict, vintage: verdict.judgement === '违法' ? verdict.vintage : null };
  const entry: PatchLogEntry = { seq: nextSeq(review), layerId: review.layerId, patchId, kind: 'judge', before: review.verdicts[patchId] ?? null, after: clean, reviewer: clean.reviewer, at: clean.at };
  return { review: { ...review, verdicts: { ...review.verdicts, [patchId]: clean }, log: [...review.log, entry] }, entry };
}

/** The newest judgement not yet undone, or null. */
export function lastUndoable(review: PatchReview): PatchLogEntry | null {
  const undone = new Set(review.log.filter((e) => e.kind === 'undo').map((e) => e.undoes));
  for (let i = review.log.length - 1; i >= 0; i--) {
    const e = review.log[i]!;
    if (e.kind === 'judge' && !undone.has(e.seq)) return e;
  }
  return null;
}

/** Takes back the newest judgement not yet undone: the patch gets back the verdict it had before it. */
export function undoLast(review: PatchReview, reviewer: string, at: string): { review: PatchReview; entry: PatchLogEntry } {
  const target = lastUndoable(review);
  if (!target) throw new PatchReviewError('nothingToUndo', 'there is no judgement to undo');
  const verdicts = { ...review.verdicts };
  if (target.before) verdicts[target.patchId] = target.before;
  else delete verdicts[target.patchId];
  const entry: PatchLogEntry = { seq: nextSeq(review), layerId: review.layerId, patchId: target.patchId, kind: 'undo', before: review.verdicts[target.patchId] ?? null, after: target.before, undoes: target.seq, reviewer, at };
  return { review: { ...review, verdicts, log: [...review.log, entry] }, entry };
}

/** Rebuilds a review from its stored log (the verdicts are the log replayed; the log is the record). */
export function reviewFromLog(layerId: string, log: PatchLogEntry[]): PatchReview {
  const sorted = [...log].sort((a, b) => a.seq - b.seq);
  const verdicts: Record<string, PatchVerdict> = {};
  for (const e of sorted) {
    if (e.after) verdicts[e.patchId] = e.after;
    else delete verdicts[e.patchId];
  }
  return { schemaVersion: PATCH_REVIEW_SCHEMA_VERSION, layerId, verdicts, log: sorted };
}
