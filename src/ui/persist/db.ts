import Dexie from 'dexie';
import type { Table } from 'dexie';
import type { CaseFile, PatchLogEntry } from '../../core';
import type { StoredImagery, StoredLayer } from '../../io/workspaceArchive';

// The browser's IndexedDB database of the app, through dexie. One database holds every workspace the
// browser has opened, each row keyed by its workspace. Dexie's schema version is the shape of the
// tables and indexes; the shape of what a row holds is versioned separately (CaseFile.schemaVersion,
// WorkspaceRow.schemaVersion) so a row written by an older release is migrated when read, not here.

export const DEFAULT_DATABASE_NAME = 'landcheck';

/** A workspace that has been saved at least once; its presence is what tells "never saved" from "no cases". */
export interface WorkspaceRow {
  key: string;
  name: string;
  /** WORKSPACE_SCHEMA_VERSION of the release that last wrote it. */
  schemaVersion: number;
  savedAt: string;
}

/** A case as stored: the CaseFile as the app last saved it, its schema version kept beside it. */
export interface CaseRow {
  workspaceKey: string;
  /** record.id of the case. */
  id: string;
  /** The file's own schemaVersion, copied out so an upgrade can find old rows without opening each one. */
  schemaVersion: number;
  file: CaseFile;
}

export interface SettingRow {
  workspaceKey: string;
  name: string;
  value: unknown;
}

/**
 * One entry of a satellite-patch layer's review log (a judgement or an undo), as stored: the log is the
 * record and the verdicts are rebuilt from it (reviewFromLog). Rows are only ever added, never replaced,
 * so two tabs judging the same layer cannot overwrite each other's entries.
 */
export type PatchLogRow = PatchLogEntry & { workspaceKey: string };

export class LandCheckDatabase extends Dexie {
  workspaces!: Table<WorkspaceRow, string>;
  cases!: Table<CaseRow, [string, string]>;
  layers!: Table<StoredLayer, [string, string]>;
  imagery!: Table<StoredImagery, [string, string]>;
  settings!: Table<SettingRow, [string, string]>;
  patchLog!: Table<PatchLogRow, [string, string, number]>;

  constructor(name: string) {
    super(name);
    // Version 1. A later table or index change adds db.version(2) below with an upgrade; never edit this one.
    this.version(1).stores({
      workspaces: 'key',
      cases: '[workspaceKey+id], workspaceKey',
      layers: '[workspaceKey+id], workspaceKey',
      imagery: '[workspaceKey+id], workspaceKey',
      settings: '[workspaceKey+name]',
    });
    // Version 2 adds the patch review logs. Dexie carries every table of an earlier version into a later one
    // unless the later one sets it to null (Version.stores() merges the declarations of all versions), so the
    // version-1 tables are not repeated here and a version-1 database upgrades with its rows untouched. No
    // upgrade function: the new table starts empty.
    this.version(2).stores({
      patchLog: '[workspaceKey+layerId+seq], [workspaceKey+layerId], workspaceKey',
    });
  }
}

/** Every key of one workspace in a table keyed by [workspaceKey+…] (the compound key's prefix). */
export const workspaceRange = (workspaceKey: string): [[string, unknown], [string, unknown]] => [
  [workspaceKey, Dexie.minKey],
  [workspaceKey, Dexie.maxKey],
];

/** Raised when the browser refuses a write because its storage quota for the app is used up. */
export class StorageFullError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(
      `The browser's storage for LandCheck is full: ${what} was not saved and the stored workspace is unchanged. ` +
        'Export a backup, then free space (remove imagery or workspaces no longer needed, or allow the site more storage) and try again.',
      options,
    );
    this.name = 'StorageFullError';
  }
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Whether an error, or the one it wraps, is the browser's quota refusal. Dexie passes a failed request's
 * DOMException on as is, but an aborted transaction arrives as an AbortError with the cause in `inner`.
 */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { name, code, inner, cause } = e as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
    // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR) in older engines.
    if (code === 22) return true;
    e = inner ?? cause;
  }
  return false;
}

/**
 * Raised when a patch review entry would not extend its layer's stored log: another tab or window has
 * judged the same layer since this one loaded it. Nothing was written.
 */
export class PatchLogConflictError extends Error {
  readonly layerId: string;
  readonly seq: number;
  /** The highest seq already stored for the layer. */
  readonly storedSeq: number;
  constructor(layerId: string, seq: number, storedSeq: number) {
    super(
      `The review of layer "${layerId}" was changed elsewhere (another tab or window): entry ${seq} was not saved because the stored log already reaches entry ${storedSeq}. ` +
        'Reload to see the review as stored, then judge again.',
    );
    this.name = 'PatchLogConflictError';
    this.layerId = layerId;
    this.seq = seq;
    this.storedSeq = storedSeq;
  }
}

/** Runs a write and turns a quota refusal into a StorageFullError; the transaction has already aborted, so nothing landed. */
export async function writing<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(what, { cause: error });
    throw error;
  }
}
