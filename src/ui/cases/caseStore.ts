import { useMemo } from 'react';
import { create } from 'zustand';
import { caseFileFromImport, DEFAULT_CASE_NUMBER_PATTERN, DEFAULT_DEADLINE_RULES, findRepeatCases, toLedgerRows } from '../../core';
import type { CaseFile, CaseLocation, CaseRecord, DeadlineRules, LedgerRow } from '../../core';
import { StorageFullError } from '../persist/workspaceDb';
import type { WorkspaceDb } from '../persist/workspaceDb';
import { getWorker } from '../worker';
import { CASE_SETTINGS_KEY, readCaseSettings } from './caseSettings';
import type { CaseSettings } from './caseSettings';
import { nowIso, todayLocal } from './clock';

// The ledger as the page holds it. The cases shown are the cases saved: every change is written to
// IndexedDB in its own transaction first and shown only once that transaction committed, so what
// the user saw as saved survives a reload or a crashed tab (DESIGN §8). The worker gets each new
// ledger so that verification (repeat complaints) and the locate box see the same cases.

export type CasesView = 'map' | 'patches' | 'ledger' | 'dashboard';

export interface CaseState {
  /** The workspace the cases belong to (its manifest's URL). */
  workspaceKey: string | null;
  /** Every case, as last saved. */
  files: CaseFile[];
  /** The intake form waits for a click on the map. */
  pickingLocation: boolean;
  /** The location the intake form has so far. */
  intakeLocation: CaseLocation | null;
  view: CasesView;
  /** The complaint-density layer is shown on the map. */
  densityShown: boolean;
  setDensityShown: (shown: boolean) => void;
  /** The last save refused by the browser's storage (disk full…): nothing of that change was kept. */
  saveError: string | null;
  /** The user's name, for the audit log (kept in this browser). */
  user: string;
  /** The intake form is open. */
  intakeOpen: boolean;
  /** The bulk ledger import dialog is open. */
  ledgerImportOpen: boolean;
  /** A bulk import is being written. */
  importing: boolean;
  deadlineRules: DeadlineRules;
  /** The rules' planar CRS and repeat distance (from the worker, once the workspace is open). */
  ledgerSettings: { areaCrs: string; repeatDistanceM: number } | null;
  /** Case number pattern of the bureau. */
  numberPattern: string;
  setView: (view: CasesView) => void;
  setPicking: (picking: boolean) => void;
  setIntakeLocation: (location: CaseLocation | null) => void;
  setUser: (user: string) => void;
  setIntakeOpen: (open: boolean) => void;
  setLedgerImportOpen: (open: boolean) => void;
  setSettings: (settings: { deadlineRules?: DeadlineRules; numberPattern?: string }) => void;
}

const USER_KEY = 'landcheck.user';
/** saveError's value when the browser's storage is full (translated where it is shown). */
export const STORAGE_FULL = 'storage-full';

export const useCaseStore = create<CaseState>((set) => ({
  workspaceKey: null,
  files: [],
  pickingLocation: false,
  intakeLocation: null,
  view: 'map',
  densityShown: false,
  setDensityShown: (shown) => set({ densityShown: shown }),
  saveError: null,
  user: localStorage.getItem(USER_KEY) ?? '',
  intakeOpen: false,
  ledgerImportOpen: false,
  importing: false,
  deadlineRules: DEFAULT_DEADLINE_RULES,
  ledgerSettings: null,
  numberPattern: DEFAULT_CASE_NUMBER_PATTERN,
  setView: (view) => set({ view }),
  setPicking: (picking) => set({ pickingLocation: picking }),
  setIntakeLocation: (location) => set({ intakeLocation: location, pickingLocation: false }),
  setUser: (user) => {
    localStorage.setItem(USER_KEY, user);
    set({ user });
  },
  setIntakeOpen: (open) => set(open ? { intakeOpen: true } : { intakeOpen: false, intakeLocation: null, pickingLocation: false }),
  setLedgerImportOpen: (open) => set({ ledgerImportOpen: open }),
  setSettings: (settings) => set(settings),
}));

let db: WorkspaceDb | null = null;

/** The name written in audit logs: the user's, or a clear placeholder until they give it. */
export function currentUser(): string {
  return useCaseStore.getState().user.trim() || '未署名';
}

function tellWorker(files: CaseFile[]): void {
  void getWorker().setCases(files.map((f) => f.record));
}

/**
 * Opens the workspace's cases: those saved in this browser, or, the first time, the manifest's
 * ledger (saved at once, so the browser's copy is the one from then on).
 */
export async function attachCases(database: WorkspaceDb, workspaceKey: string, manifestCases: CaseRecord[]): Promise<void> {
  db = database;
  const saved = await database.loadCases(workspaceKey);
  let files = saved;
  if (!files) {
    const at = nowIso();
    files = manifestCases.map((record) => caseFileFromImport(record, { by: currentUser(), at }));
    await database.seedCases(workspaceKey, files);
  }
  const settings = readCaseSettings((await database.loadSettings(workspaceKey))[CASE_SETTINGS_KEY]);
  useCaseStore.setState({ workspaceKey, files, saveError: null, ledgerSettings: await getWorker().ledgerSettings(), ...settings });
  tellWorker(files);
}

/** Saves the bureau's case settings with the workspace, then uses them. */
export async function saveCaseSettings(settings: CaseSettings): Promise<void> {
  const { workspaceKey } = useCaseStore.getState();
  if (!db || !workspaceKey) throw new Error('no workspace is open');
  await db.saveSetting(workspaceKey, CASE_SETTINGS_KEY, { schemaVersion: 1, ...settings });
  useCaseStore.setState(settings);
}

/** Saves changed or new cases in one transaction, then shows them. Refused saves change nothing. */
export async function commitCases(changed: CaseFile[]): Promise<boolean> {
  const { workspaceKey } = useCaseStore.getState();
  if (!db || !workspaceKey) throw new Error('no workspace is open');
  try {
    if (changed.length === 1) await db.saveCase(workspaceKey, changed[0]!);
    else await db.saveCases(workspaceKey, changed);
  } catch (error) {
    // A full disk is named in the user's language by the case desk; other refusals say what the browser said.
    useCaseStore.setState({ saveError: error instanceof StorageFullError ? STORAGE_FULL : error instanceof Error ? error.message : String(error) });
    return false;
  }
  const byId = new Map(changed.map((f) => [f.record.id, f]));
  const files = useCaseStore.getState().files.map((f) => byId.get(f.record.id) ?? f);
  const known = new Set(files.map((f) => f.record.id));
  for (const f of changed) if (!known.has(f.record.id)) files.push(f);
  useCaseStore.setState({ files, saveError: null });
  tellWorker(files);
  return true;
}

export const commitCase = (file: CaseFile) => commitCases([file]);

/** The database the workspace is kept in (for layers and settings). */
export function workspaceDb(): WorkspaceDb | null {
  return db;
}

/** Ledger rows with deadlines and repeats for today. */
export function ledgerRowsOf(files: CaseFile[], today: string, settings: { areaCrs: string; repeatDistanceM: number }, rules: DeadlineRules): LedgerRow[] {
  const repeats = findRepeatCases(files.map((f) => f.record), settings.areaCrs, settings.repeatDistanceM, new Map(files.map((f) => [f.record.id, f.petitionerIdNumber])));
  return toLedgerRows(files, today, repeats, rules);
}

/** The ledger rows of the open workspace, recomputed when the cases change. */
export function useLedgerRows(): LedgerRow[] {
  const files = useCaseStore((s) => s.files);
  const settings = useCaseStore((s) => s.ledgerSettings);
  const rules = useCaseStore((s) => s.deadlineRules);
  return useMemo(() => (settings ? ledgerRowsOf(files, todayLocal(), settings, rules) : []), [files, settings, rules]);
}
