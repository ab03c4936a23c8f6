import type { LayerKind } from '../../core';
import { sha256Hex } from '../../io/verification';
import { openWorkspaceDb } from '../persist/workspaceDb';
import type { WorkspaceDb } from '../persist/workspaceDb';
import { useAppStore } from '../store';
import { getWorker } from '../worker';
import type { ViewWorkspace } from '../../workers/workspaceClient';
import { attachCases, workspaceDb } from './caseStore';
import { nowIso } from './clock';

// The workspace as this browser keeps it (DESIGN §8): the manifest's files are read from where they
// are served; what the user added (layers, cases, their work on cases) lives in IndexedDB and is put
// back on every load. A layer is shown only after it was saved.

/** The key a workspace is kept under: its manifest's path (IndexedDB is already per origin). */
export function workspaceKeyOf(manifestUrl: string): string {
  return new URL(manifestUrl, document.baseURI).pathname;
}

/** Opens the stored workspace: cases (or the manifest's ledger the first time) and imported layers. */
export async function openPersistedWorkspace(workspace: ViewWorkspace, key: string): Promise<void> {
  const db = await openWorkspaceDb();
  await attachCases(db, key, workspace.cases);
  await restoreLayers(db, key);
  await restoreImagery(db, key);
}

async function restoreImagery(db: WorkspaceDb, key: string): Promise<void> {
  const { imageryAdded, setImageryDate, setImportError } = useAppStore.getState();
  for (const stored of await db.loadImagery(key)) {
    const result = stored.bytes ? await getWorker().addImagery(stored.bytes, stored.fileName, stored.id) : await getWorker().addImageryUrl(stored.url ?? '', stored.id);
    if ('error' in result) {
      setImportError(`${stored.fileName}: ${result.error}`);
      continue;
    }
    imageryAdded(result.imagery, { zoom: false });
    // The date the user gave it, which the file name may not carry.
    if (stored.date) setImageryDate(result.imagery.id, stored.date);
  }
}

/** Saves an added image (its bytes, or its URL) with its date; resolves once the transaction committed. */
export async function persistImagery(image: { id: string; fileName: string; bytes: Uint8Array | null; url: string | null; date: string }): Promise<void> {
  const db = workspaceDb();
  const key = useAppStore.getState().workspaceKey;
  if (!db || !key) return;
  await db.saveImagery({ ...image, workspaceKey: key, name: image.fileName, addedAt: nowIso() });
}

/** Keeps a corrected image date, for an image the user added (the manifest's own dates are the manifest's). */
export async function persistImageryDate(id: string, date: string): Promise<void> {
  const db = workspaceDb();
  const key = useAppStore.getState().workspaceKey;
  if (!db || !key) return;
  const stored = (await db.loadImagery(key)).find((i) => i.id === id);
  if (stored) await db.saveImagery({ ...stored, date });
}

async function restoreLayers(db: WorkspaceDb, key: string): Promise<void> {
  const { layerAdded, setImportError } = useAppStore.getState();
  for (const stored of await db.loadLayers(key)) {
    const result = await getWorker().addLayer(stored.bytes, stored.fileName, stored.kind, stored.fields, stored.crs ?? undefined, stored.id);
    // A stored layer the reader now refuses (a newer reader is stricter) is named, not dropped silently.
    if ('error' in result) setImportError(`${stored.fileName}: ${result.error}`);
    else layerAdded(result.layer, { zoom: false });
  }
}

/** Saves an imported layer's bytes and choices; resolves once the transaction committed. */
export async function persistLayer(layer: { id: string; name: string; kind: LayerKind; fileName: string; bytes: Uint8Array; fields: Record<string, string>; crs: string | null }): Promise<void> {
  const db = workspaceDb();
  const key = useAppStore.getState().workspaceKey;
  if (!db || !key) return;
  await db.saveLayer({ ...layer, workspaceKey: key, addedAt: nowIso(), sha256: await sha256Hex(layer.bytes) });
}

export async function forgetLayer(id: string): Promise<void> {
  const db = workspaceDb();
  const key = useAppStore.getState().workspaceKey;
  if (db && key) await db.deleteLayer(key, id);
}
