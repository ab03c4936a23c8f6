import Dexie from 'dexie';
import { WORKSPACE_SCHEMA_VERSION } from '../../core';
import type { Table } from 'dexie';
import type { CaseFile, PatchLogEntry } from '../../core';
import { checkCaseFile, checkPatchLogEntry, checkPatchLogs } from '../../io/workspaceArchive';
import type { StoredImagery, StoredLayer, WorkspaceSnapshot } from '../../io/workspaceArchive';
import { DEFAULT_DATABASE_NAME, LandCheckDatabase, PatchLogConflictError, workspaceRange, writing } from './db';
import type { CaseRow, PatchLogRow, SettingRow, WorkspaceRow } from './db';

// The workspace kept in the browser (DESIGN §8: nothing entered is lost to a reload, a crashed tab or a
// full disk). Every write is its own IndexedDB transaction and its promise settles only once that
// transaction has committed or aborted, so what the app shows as saved is on disk; a write the browser
// refuses aborts whole and leaves what was stored before.

export type { StoredImagery, StoredLayer, WorkspaceSnapshot } from '../../io/workspaceArchive';
export { PatchLogConflictError, StorageFullError } from './db';

export interface WorkspaceDb {
  /** null when this workspace was never saved (the app then seeds it from the manifest's ledger). */
  loadCases(workspaceKey: string): Promise<CaseFile[] | null>;
  /** Writes one case (insert or replace) in its own transaction; resolves only after the transaction committed. */
  saveCase(workspaceKey: string, file: CaseFile): Promise<void>;
  /** Writes many cases in ONE transaction: all or nothing (a bulk ledger import; a crash mid-way leaves none of them). */
  saveCases(workspaceKey: string, files: CaseFile[]): Promise<void>;
  /** First open: marks the workspace as saved and writes its cases, in one transaction. */
  seedCases(workspaceKey: string, files: CaseFile[]): Promise<void>;
  deleteCase(workspaceKey: string, id: string): Promise<void>;
  saveLayer(layer: StoredLayer): Promise<void>;
  loadLayers(workspaceKey: string): Promise<StoredLayer[]>;
  deleteLayer(workspaceKey: string, id: string): Promise<void>;
  saveImagery(img: StoredImagery): Promise<void>;
  loadImagery(workspaceKey: string): Promise<StoredImagery[]>;
  deleteImagery(workspaceKey: string, id: string): Promise<void>;
  /**
   * Settings of the workspace, one row each. The patch review keeps the reviewer's current patch of a layer
   * here, as setting `patchReview.current.<layerId>` (value: the patch id), so it comes back after a reload and
   * travels in the backup with the other settings.
   */
  saveSetting(workspaceKey: string, name: string, value: unknown): Promise<void>;
  loadSettings(workspaceKey: string): Promise<Record<string, unknown>>;
  /**
   * Adds one entry (a judgement or an undo) to the end of its layer's patch review log, in its own transaction;
   * resolves only after it committed. The entry's seq must be above every seq stored for that layer: an entry
   * that would not extend the log (another tab judged the layer meanwhile) is refused with a PatchLogConflictError
   * and nothing is written. A damaged entry is refused (InputError) before the database is touched.
   */
  appendPatchLog(workspaceKey: string, entry: PatchLogEntry): Promise<void>;
  /** Layer id → that layer's review log sorted by seq ({} when nothing was judged); reviewFromLog rebuilds the review. */
  loadPatchLogs(workspaceKey: string): Promise<Record<string, PatchLogEntry[]>>;
  snapshot(workspaceKey: string, name: string, savedAt: string): Promise<WorkspaceSnapshot>;
  /** Replaces everything stored for the snapshot's key (cases, layers, imagery, settings, patch logs) by the snapshot, in one transaction. */
  restore(snapshot: WorkspaceSnapshot): Promise<void>;
  close(): void;
}

const caseRow = (workspaceKey: string, file: CaseFile): CaseRow => ({ workspaceKey, id: file.record.id, schemaVersion: file.schemaVersion, file });

/** Stored rows come back in key order, i.e. by id within the workspace, so loads are deterministic. */
class DexieWorkspaceDb implements WorkspaceDb {
  private readonly db: LandCheckDatabase;

  constructor(db: LandCheckDatabase) {
    this.db = db;
  }

  /** A stored case checked (and, once older versions exist, migrated) before the app sees it; a damaged row is refused with its place. */
  private caseFromRow(row: CaseRow): CaseFile {
    return checkCaseFile(row.file, `IndexedDB "${this.db.name}"`, `cases[${JSON.stringify(row.workspaceKey)}, ${JSON.stringify(row.id)}]`);
  }

  /** A stored patch log entry checked before the app sees it; a damaged row is refused with its place. */
  private patchLogFromRow(row: PatchLogRow): PatchLogEntry {
    return checkPatchLogEntry(row, `IndexedDB "${this.db.name}"`, `patchLog[${JSON.stringify(row.workspaceKey)}, ${JSON.stringify(row.layerId)}, ${JSON.stringify(row.seq)}]`);
  }

  /** Rows of the workspace grouped by layer, each log by seq (the key order already is; sorted again so it never depends on it). */
  private patchLogsFromRows(rows: PatchLogRow[]): Record<string, PatchLogEntry[]> {
    const logs: Record<string, PatchLogEntry[]> = {};
    for (const row of rows) {
      const entry = this.patchLogFromRow(row);
      (logs[entry.layerId] ??= []).push(entry);
    }
    for (const log of Object.values(logs)) log.sort((a, b) => a.seq - b.seq);
    return logs;
  }

  private rowsOf<T>(table: Table<T, [string, string]> | Table<T, [string, string, number]>, workspaceKey: string): Promise<T[]> {
    const [lower, upper] = workspaceRange(workspaceKey);
    return table.where(':id').between(lower, upper, true, true).toArray();
  }

  async loadCases(workspaceKey: string): Promise<CaseFile[] | null> {
    const { db } = this;
    // Read the marker and the cases in one transaction so a seed committing in between cannot give "saved, no cases".
    const found = await db.transaction('r', db.workspaces, db.cases, async () => {
      const workspace = await db.workspaces.get(workspaceKey);
      return workspace ? this.rowsOf(db.cases, workspaceKey) : null;
    });
    return found && found.map((row) => this.caseFromRow(row));
  }

  saveCase(workspaceKey: string, file: CaseFile): Promise<void> {
    const { db } = this;
    return writing(`case ${file.record.id}`, () =>
      db.transaction('rw', db.cases, async () => {
        await db.cases.put(caseRow(workspaceKey, file));
      }),
    );
  }

  saveCases(workspaceKey: string, files: CaseFile[]): Promise<void> {
    const { db } = this;
    // One transaction for the whole import: the ledger either arrives complete or not at all, so a crash or a
    // full disk half-way never leaves a workspace holding part of an import that the user would have to untangle.
    return writing(`the import of ${files.length} cases`, () =>
      db.transaction('rw', db.cases, async () => {
        await db.cases.bulkPut(files.map((file) => caseRow(workspaceKey, file)));
      }),
    );
  }

  seedCases(workspaceKey: string, files: CaseFile[]): Promise<void> {
    const { db } = this;
    // The marker and the cases go together: a crash between them would otherwise leave a workspace that
    // counts as saved but has no cases, and the app would not seed it again.
    return writing(`the cases of workspace "${workspaceKey}"`, () =>
      db.transaction('rw', db.workspaces, db.cases, async () => {
        const existing = await db.workspaces.get(workspaceKey);
        const row: WorkspaceRow = { key: workspaceKey, name: existing?.name ?? workspaceKey, schemaVersion: WORKSPACE_SCHEMA_VERSION, savedAt: new Date().toISOString() };
        await db.workspaces.put(row);
        // A case already stored holds work entered before the seed (or by another tab): the ledger's copy must not overwrite it.
        const stored = new Set((await this.rowsOf(db.cases, workspaceKey)).map((r) => r.id));
        await db.cases.bulkPut(files.filter((f) => !stored.has(f.record.id)).map((file) => caseRow(workspaceKey, file)));
      }),
    );
  }

  deleteCase(workspaceKey: string, id: string): Promise<void> {
    const { db } = this;
    return writing(`the deletion of case ${id}`, () => db.transaction('rw', db.cases, () => db.cases.delete([workspaceKey, id])));
  }

  saveLayer(layer: StoredLayer): Promise<void> {
    const { db } = this;
    return writing(`layer "${layer.name}"`, () =>
      db.transaction('rw', db.layers, async () => {
        await db.layers.put(layer);
      }),
    );
  }

  loadLayers(workspaceKey: string): Promise<StoredLayer[]> {
    return this.rowsOf(this.db.layers, workspaceKey);
  }

  deleteLayer(workspaceKey: string, id: string): Promise<void> {
    const { db } = this;
    return writing(`the removal of layer ${id}`, () => db.transaction('rw', db.layers, () => db.layers.delete([workspaceKey, id])));
  }

  saveImagery(img: StoredImagery): Promise<void> {
    const { db } = this;
    return writing(`image "${img.name}"`, () =>
      db.transaction('rw', db.imagery, async () => {
        await db.imagery.put(img);
      }),
    );
  }

  loadImagery(workspaceKey: string): Promise<StoredImagery[]> {
    return this.rowsOf(this.db.imagery, workspaceKey);
  }

  deleteImagery(workspaceKey: string, id: string): Promise<void> {
    const { db } = this;
    return writing(`the removal of image ${id}`, () => db.transaction('rw', db.imagery, () => db.imagery.delete([workspaceKey, id])));
  }

  saveSetting(workspaceKey: string, name: string, value: unknown): Promise<void> {
    const { db } = this;
    return writing(`setting "${name}"`, () =>
      db.transaction('rw', db.settings, async () => {
        await db.settings.put({ workspaceKey, name, value });
      }),
    );
  }

  async loadSettings(workspaceKey: string): Promise<Record<string, unknown>> {
    const rows = await this.rowsOf(this.db.settings, workspaceKey);
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  async appendPatchLog(workspaceKey: string, entry: PatchLogEntry): Promise<void> {
    const { db } = this;
    // Checked before the transaction opens, so a damaged entry is refused with nothing touched.
    const checked = checkPatchLogEntry(entry, `workspace "${workspaceKey}"`, `patch log entry ${JSON.stringify(entry.seq)} of layer ${JSON.stringify(entry.layerId)}`);
    const row: PatchLogRow = { ...checked, workspaceKey };
    const what = checked.kind === 'undo' ? `the undo on patch ${checked.patchId}` : `the judgement of patch ${checked.patchId}`;
    return writing(what, () =>
      db.transaction('rw', db.patchLog, async () => {
        // Reading the last entry and adding the next in one read-write transaction: IndexedDB runs such
        // transactions one after another, so two tabs cannot both pass the check with the same seq.
        const last = await db.patchLog
          .where('[workspaceKey+layerId+seq]')
          .between([workspaceKey, checked.layerId, Dexie.minKey], [workspaceKey, checked.layerId, Dexie.maxKey], true, true)
          .last();
        if (last && last.seq >= checked.seq) throw new PatchLogConflictError(checked.layerId, checked.seq, last.seq);
        // add, never put: an entry already stored is never replaced.
        await db.patchLog.add(row);
      }),
    );
  }

  async loadPatchLogs(workspaceKey: string): Promise<Record<string, PatchLogEntry[]>> {
    return this.patchLogsFromRows(await this.rowsOf(this.db.patchLog, workspaceKey));
  }

  async snapshot(workspaceKey: string, name: string, savedAt: string): Promise<WorkspaceSnapshot> {
    const { db } = this;
    // One read transaction: a save landing while the backup is taken is either wholly in it or wholly not.
    const [cases, layers, imagery, settings, patchLog] = await db.transaction('r', [db.cases, db.layers, db.imagery, db.settings, db.patchLog], () =>
      Promise.all([
        this.rowsOf(db.cases, workspaceKey),
        this.rowsOf(db.layers, workspaceKey),
        this.rowsOf(db.imagery, workspaceKey),
        this.rowsOf(db.settings, workspaceKey),
        this.rowsOf(db.patchLog, workspaceKey),
      ]),
    );
    return {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      key: workspaceKey,
      name,
      savedAt,
      cases: cases.map((row) => this.caseFromRow(row)),
      layers,
      imagery,
      settings: Object.fromEntries(settings.map((r) => [r.name, r.value])),
      patchLogs: this.patchLogsFromRows(patchLog),
    };
  }

  async restore(snapshot: WorkspaceSnapshot): Promise<void> {
    const { db } = this;
    const key = snapshot.key;
    // Checked before the transaction opens, so a bad snapshot is refused with nothing touched.
    const cases = snapshot.cases.map((file, index) => caseRow(key, checkCaseFile(file, `workspace snapshot "${key}"`, `cases[${index}]`)));
    // The snapshot's key governs: rows are rewritten under it, so a backup can also be restored as another workspace.
    const layers = snapshot.layers.map((l) => ({ ...l, workspaceKey: key }));
    const imagery = snapshot.imagery.map((i) => ({ ...i, workspaceKey: key }));
    const settings = Object.entries(snapshot.settings).map(([name, value]): SettingRow => ({ workspaceKey: key, name, value }));
    const patchLog = Object.values(checkPatchLogs(snapshot.patchLogs, `workspace snapshot "${key}"`, 'patchLogs'))
      .flat()
      .map((entry): PatchLogRow => ({ ...entry, workspaceKey: key }));
    const workspace: WorkspaceRow = { key, name: snapshot.name, schemaVersion: WORKSPACE_SCHEMA_VERSION, savedAt: snapshot.savedAt };
    // One transaction for the clearing and the writing: a crash or a full disk half-way must leave the
    // workspace as it was, never emptied and half refilled.
    return writing(`the restored workspace "${snapshot.name}"`, () =>
      db.transaction('rw', [db.workspaces, db.cases, db.layers, db.imagery, db.settings, db.patchLog], async () => {
        const [lower, upper] = workspaceRange(key);
        await Promise.all([db.cases, db.layers, db.imagery, db.settings, db.patchLog].map((table) => table.where(':id').between(lower, upper, true, true).delete()));
        await db.workspaces.put(workspace);
        await db.cases.bulkPut(cases);
        await db.layers.bulkPut(layers);
        await db.imagery.bulkPut(imagery);
        await db.settings.bulkPut(settings);
        await db.patchLog.bulkAdd(patchLog);
      }),
    );
  }

  close(): void {
    this.db.close();
  }
}

/** Opens (creating or upgrading) the app's database. Rejects when the browser offers no IndexedDB (e.g. some private modes). */
export async function openWorkspaceDb(databaseName: string = DEFAULT_DATABASE_NAME): Promise<WorkspaceDb> {
  const db = new LandCheckDatabase(databaseName);
  await db.open();
  return new DexieWorkspaceDb(db);
}
