import { useMemo } from 'react';
import { create } from 'zustand';
import { DEFAULT_SUGGESTION_SETTINGS, ILLEGAL, emptyReview, filterPatchRows, judgePatch, lastUndoable, PATCH_SUBTYPES, patchRows, reviewFromLog, sortPatchRows, undoLast } from '../../core';
import type { Position, PatchFilter, PatchJudgement, PatchLogEntry, PatchReview, PatchRow, PatchSortKey, PatchVerdict, SuggestionSettings } from '../../core';
import type { PatchItem } from '../../workers/patchReview';
import { currentUser, useCaseStore, workspaceDb } from '../cases/caseStore';
import { nowIso } from '../cases/clock';
import { StorageFullError } from '../persist/workspaceDb';
import { getWorker } from '../worker';

// The patch review as the page holds it (issue 7). The facts and suggestions come from the worker a
// chunk at a time; the judgements are the review log kept in IndexedDB: a judgement or an undo is shown
// only once its log entry committed, so a reload finds exactly what was shown, and undo works after it.

/** Patches evaluated per worker call: small enough for a progress bar to move, large enough to be cheap. */
const CHUNK = 200;
const CURRENT_KEY = (layerId: string) => `patchReview.current.${layerId}`;
const LAYER_KEY = 'patchReview.layer';
/** The suggestion's settings as kept with the workspace: { schemaVersion: 1, approvalCoverShare, homesteadDistanceM, periodStart }. */
const SETTINGS_KEY = 'patchReview.settings';

/** Stored settings, checked field by field: anything missing or out of range falls back to the default. */
export function readSuggestionSettings(value: unknown): SuggestionSettings {
  const v = (value ?? {}) as Partial<Record<keyof SuggestionSettings, unknown>>;
  const share = typeof v.approvalCoverShare === 'number' && v.approvalCoverShare > 0 && v.approvalCoverShare <= 1 ? v.approvalCoverShare : DEFAULT_SUGGESTION_SETTINGS.approvalCoverShare;
  const distance = typeof v.homesteadDistanceM === 'number' && v.homesteadDistanceM >= 0 && v.homesteadDistanceM <= 1000 ? v.homesteadDistanceM : DEFAULT_SUGGESTION_SETTINGS.homesteadDistanceM;
  const start = typeof v.periodStart === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.periodStart) ? v.periodStart : null;
  return { approvalCoverShare: share, homesteadDistanceM: distance, periodStart: start };
}

/** saveError's value when the browser's storage is full (translated where it is shown). */
export const PATCH_STORAGE_FULL = 'storage-full';

export interface PatchState {
  layerId: string | null;
  items: PatchItem[];
  /** Patches in the layer (known after the first chunk). */
  total: number;
  evaluating: boolean;
  review: PatchReview;
  currentId: string | null;
  filter: PatchFilter;
  sort: PatchSortKey;
  saveError: string | null;
  settings: SuggestionSettings;
  setFilter: (filter: Partial<PatchFilter>) => void;
  setSort: (sort: PatchSortKey) => void;
}

export const usePatchStore = create<PatchState>((set) => ({
  layerId: null,
  items: [],
  total: 0,
  evaluating: false,
  review: emptyReview(''),
  currentId: null,
  filter: { state: 'all' },
  sort: 'risk',
  saveError: null,
  settings: DEFAULT_SUGGESTION_SETTINGS,
  setFilter: (filter) => set((s) => ({ filter: { ...s.filter, ...filter } })),
  setSort: (sort) => set({ sort }),
}));

/** The patches are kept under the workspace key the cases are kept under. */
const workspaceKeyNow = () => useCaseStore.getState().workspaceKey;

let opening = 0;

/** Opens a patch layer for review: its judgements from storage at once, its facts as the worker computes them. */
export async function openPatchLayer(layerId: string, lang: 'zh-CN' | 'en'): Promise<void> {
  const ticket = ++opening;
  const db = workspaceDb();
  const key = workspaceKeyNow();
  const logs = db && key ? await db.loadPatchLogs(key) : {};
  const settings = db && key ? await db.loadSettings(key) : {};
  const remembered = settings[CURRENT_KEY(layerId)];
  const suggestion = readSuggestionSettings(settings[SETTINGS_KEY]);
  usePatchStore.setState({
    layerId,
    items: [],
    total: 0,
    evaluating: true,
    review: reviewFromLog(layerId, logs[layerId] ?? []),
    currentId: typeof remembered === 'string' ? remembered : null,
    saveError: null,
    settings: suggestion,
  });
  if (db && key) void db.saveSetting(key, LAYER_KEY, layerId);
  const worker = getWorker();
  let items: PatchItem[] = [];
  for (let start = 0; ; start += CHUNK) {
    const chunk = await worker.patchChunk(layerId, start, CHUNK, suggestion, lang);
    if (ticket !== opening) return;
    items = [...items, ...chunk.items];
    usePatchStore.setState({ items, total: chunk.total });
    if (start + CHUNK >= chunk.total) break;
  }
  usePatchStore.setState((s) => ({ evaluating: false, currentId: s.currentId ?? null }));
}

/** Saves the suggestion's settings with the workspace and computes the suggestions again with them. */
export async function saveSuggestionSettings(settings: SuggestionSettings, lang: 'zh-CN' | 'en'): Promise<void> {
  const db = workspaceDb();
  const key = workspaceKeyNow();
  if (db && key) await db.saveSetting(key, SETTINGS_KEY, { schemaVersion: 1, ...settings });
  const { layerId } = usePatchStore.getState();
  if (layerId) await openPatchLayer(layerId, lang);
}

/** The layer the reviewer last had open in this workspace, if any. */
export async function rememberedPatchLayer(): Promise<string | null> {
  const db = workspaceDb();
  const key = workspaceKeyNow();
  if (!db || !key) return null;
  const value = (await db.loadSettings(key))[LAYER_KEY];
  return typeof value === 'string' ? value : null;
}


/** The rows of the last state asked for: the desk and the queue's parts share one derivation per change. */
let derived: { items: PatchItem[]; review: PatchReview; settings: SuggestionSettings; filter: PatchFilter; sort: PatchSortKey; all: PatchRow[]; shown: PatchRow[] } | null = null;

function rowsOf(s: PatchState): { all: PatchRow[]; shown: PatchRow[] } {
  if (derived && derived.items === s.items && derived.review === s.review && derived.settings === s.settings && derived.filter === s.filter && derived.sort === s.sort) return derived;
  const all = derived && derived.items === s.items && derived.review === s.review && derived.settings === s.settings ? derived.all : patchRows(s.items, s.review, s.settings);
  derived = { items: s.items, review: s.review, settings: s.settings, filter: s.filter, sort: s.sort, all, shown: sortPatchRows(filterPatchRows(all, s.filter), s.sort) };
  return derived;
}

/** Every row of the open layer, and the rows the filter and sort show. */
export function usePatchRows(): { all: PatchRow[]; shown: PatchRow[] } {
  const all = usePatchStore((s) => rowsOf(s).all);
  const shown = usePatchStore((s) => rowsOf(s).shown);
  return useMemo(() => ({ all, shown }), [all, shown]);
}

export async function selectPatch(id: string | null): Promise<void> {
  const { layerId } = usePatchStore.getState();
  usePatchStore.setState({ currentId: id });
  const db = workspaceDb();
  const key = workspaceKeyNow();
  if (db && key && layerId && id) await db.saveSetting(key, CURRENT_KEY(layerId), id);
}

async function commit(make: (review: PatchReview) => { review: PatchReview; entry: PatchLogEntry }): Promise<boolean> {
  const { review } = usePatchStore.getState();
  const db = workspaceDb();
  const key = workspaceKeyNow();
  if (!db || !key) return false;
  const next = make(review);
  try {
    await db.appendPatchLog(key, next.entry);
  } catch (error) {
    usePatchStore.setState({ saveError: error instanceof StorageFullError ? PATCH_STORAGE_FULL : error instanceof Error ? error.message : String(error) });
    return false;
  }
  // Another judgement may have landed while this one was written: apply the entry to what is held now.
  usePatchStore.setState((s) => ({ review: s.review === review ? next.review : reviewFromLog(s.review.layerId, [...s.review.log, next.entry]), saveError: null }));
  return true;
}

function itemOf(id: string): PatchItem | undefined {
  return usePatchStore.getState().items.find((i) => i.patch.id === id);
}

/** Judges a patch: with the subtype given, else the suggestion's when it suggests the same judgement, else the one it had if it still fits. */
export function judgeCurrent(judgement: PatchJudgement, changes: { subtype?: string; note?: string; vintage?: PatchVerdict['vintage'] } = {}): Promise<boolean> {
  const { currentId, review } = usePatchStore.getState();
  const item = currentId ? itemOf(currentId) : undefined;
  if (!currentId || !item) return Promise.resolve(false);
  const previous = review.verdicts[currentId];
  const fits = (subtype: string | undefined) => subtype !== undefined && (subtype === '' || PATCH_SUBTYPES[judgement].includes(subtype));
  const subtype = fits(changes.subtype) ? changes.subtype!
    : item.suggestion.judgement === judgement && previous?.judgement !== judgement ? item.suggestion.subtype
    : fits(previous?.subtype) && previous?.judgement === judgement ? previous.subtype
    : item.patch.fileJudgement === judgement && fits(item.patch.fileSubtype) ? item.patch.fileSubtype
    : '';
  const verdict: PatchVerdict = {
    judgement,
    subtype,
    vintage: judgement === ILLEGAL ? changes.vintage ?? (previous?.judgement === ILLEGAL ? previous.vintage : item.suggestion.vintage) : null,
    note: changes.note ?? previous?.note ?? '',
    reviewer: currentUser(),
    at: nowIso(),
    suggested: { judgement: item.suggestion.judgement, subtype: item.suggestion.subtype, reason: item.suggestion.reason },
  };
  return commit((r) => judgePatch(r, currentId, verdict));
}

export interface StandingJudgement {
  judgement: PatchJudgement;
  subtype: string;
  note: string;
  vintage: PatchVerdict['vintage'];
}

/** A patch's standing judgement: the reviewer's verdict, else what its file says (with the suggested 新增/存量). */
export function standingJudgement(item: PatchItem | undefined, verdict: PatchVerdict | undefined | null): StandingJudgement | null {
  if (verdict) return verdict;
  const patch = item?.patch;
  if (!patch?.fileJudgement) return null;
  return { judgement: patch.fileJudgement, subtype: patch.fileSubtype, note: patch.fileNote, vintage: patch.fileJudgement === ILLEGAL ? item!.suggestion.vintage : null };
}

/** The current patch's standing judgement. */
export function currentJudgement(): StandingJudgement | null {
  const { currentId, review } = usePatchStore.getState();
  return currentId ? standingJudgement(itemOf(currentId), review.verdicts[currentId]) : null;
}

/** Steps the current judgement's subtype through its list ('' first), saved at once. */
export function cycleSubtype(step: 1 | -1): Promise<boolean> {
  const standing = currentJudgement();
  if (!standing) return Promise.resolve(false);
  const options = ['', ...PATCH_SUBTYPES[standing.judgement]];
  if (options.length === 1) return Promise.resolve(false);
  const at = Math.max(0, options.indexOf(standing.subtype));
  return judgeCurrent(standing.judgement, { subtype: options[(at + step + options.length) % options.length]! });
}

export function undoJudgement(): Promise<boolean> {
  const target = lastUndoable(usePatchStore.getState().review);
  if (!target) return Promise.resolve(false);
  // The patch whose judgement is taken back becomes the current one: the reviewer sees what was undone.
  return commit((r) => undoLast(r, currentUser(), nowIso())).then(async (saved) => {
    if (saved) await selectPatch(target.patchId);
    return saved;
  });
}

const NO_OUTLINE: Position[][][] = [];

/** The current patch's outline while the review is shown (the maps draw it over both images). */
export function usePatchOutline(): Position[][][] {
  const view = useCaseStore((s) => s.view);
  const currentId = usePatchStore((s) => s.currentId);
  const items = usePatchStore((s) => s.items);
  return useMemo(() => (view === 'patches' ? items.find((i) => i.patch.id === currentId)?.outlineLonLat ?? NO_OUTLINE : NO_OUTLINE), [view, currentId, items]);
}

/**
 * The layers the maps show: while patches are reviewed, none: the images with the current patch's outline
 * over them (fills of land use or parcels hide the ground, and drawing a 5,000-patch layer on every step
 * costs ~0.4 s a frame where WebGL runs in software); else the panel's choice.
 */
export function useShownLayers(panelVisible: Record<string, boolean>): Record<string, boolean> {
  const view = useCaseStore((s) => s.view);
  const layerId = usePatchStore((s) => s.layerId);
  return useMemo(() => (view === 'patches' && layerId ? {} : panelVisible), [view, layerId, panelVisible]);
}
