import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../src/core';
import { readWorkspaceArchive, writeWorkspaceArchive } from '../../src/io/workspaceArchive';
import type { WorkspaceSnapshot } from '../../src/io/workspaceArchive';
import { LandCheckDatabase } from '../../src/ui/persist/db';
import { openWorkspaceDb, StorageFullError } from '../../src/ui/persist/workspaceDb';
import type { StoredLayer, WorkspaceDb } from '../../src/ui/persist/workspaceDb';
import { ROOT } from '../support/paths';

// IndexedDB in Node through fake-indexeddb; every test opens its own database so none sees another's rows.

const KEY = 'fixture-county';
let counter = 0;
const freshName = (): string => `landcheck-test-${++counter}`;
const open: WorkspaceDb[] = [];
async function openDb(name: string): Promise<WorkspaceDb> {
  const db = await openWorkspaceDb(name);
  open.push(db);
  return db;
}
afterEach(() => {
  open.splice(0).forEach((db) => db.close());
  restorePut();
});

/** The committed v1 backup: two real CaseFiles (one with opinion and audit log), two layers, settings. */
const fixture = (): Promise<WorkspaceSnapshot> => readWorkspaceArchive(new Uint8Array(readFileSync(join(ROOT, 'tests/fixtures/workspace/v1.landcheck.zip'))), 'v1.landcheck.zip');
const withId = (file: CaseFile, id: string): CaseFile => ({ ...file, record: { ...file.record, id } });

// A browser's full disk, simulated: the n-th IDBObjectStore.put from now throws QuotaExceededError,
// as Chromium does when a write would exceed the origin's quota.
const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...args: unknown[]) => unknown } } }).IDBObjectStore.prototype;
const originalPut = proto.put;
function failPutNumber(n: number): void {
  let calls = 0;
  proto.put = function (this: unknown, ...args: unknown[]) {
    if (++calls === n) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalPut.apply(this, args);
  };
}
function restorePut(): void {
  proto.put = originalPut;
}

const FULL_MESSAGE = (what: string) =>
  `The browser's storage for LandCheck is full: ${what} was not saved and the stored workspace is unchanged. ` +
  'Export a backup, then free space (remove imagery or workspaces no longer needed, or allow the site more storage) and try again.';

describe('workspace kept in IndexedDB', () => {
  it('a workspace never saved loads as null; seeding marks it saved with its cases', async () => {
    const db = await openDb(freshName());
    const { cases } = await fixture();
    expect(await db.loadCases(KEY)).toBeNull();
    await db.seedCases(KEY, cases);
    expect((await db.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['FX-001', 'FX-002']);
    expect(await db.loadCases('another-workspace')).toBeNull();
  });

  it('a workspace seeded with an empty ledger is saved with no cases, not "never saved"', async () => {
    const db = await openDb(freshName());
    await db.seedCases(KEY, []);
    expect(await db.loadCases(KEY)).toEqual([]);
  });

  it('a saved case survives closing and reopening the database', async () => {
    const name = freshName();
    const { cases } = await fixture();
    const first = await openWorkspaceDb(name);
    await first.seedCases(KEY, cases);
    const edited: CaseFile = { ...cases[1]!, status: 'accepted', acceptedDate: '2026-07-09', audit: [...cases[1]!.audit, { at: '2026-07-09T09:00:00+08:00', by: '承办人乙', action: 'status', from: 'registered', to: 'accepted' }] };
    await first.saveCase(KEY, edited);
    first.close();

    const second = await openDb(name);
    const loaded = await second.loadCases(KEY);
    expect(loaded!.map((c) => [c.record.id, c.status, c.acceptedDate, c.audit.length])).toEqual([
      ['FX-001', 'drafted', '2026-07-04', 4],
      ['FX-002', 'accepted', '2026-07-09', 2],
    ]);
    expect(loaded![1]).toEqual(edited);
  });

  it('seeding again never overwrites a case that holds entered work', async () => {
    const db = await openDb(freshName());
    const { cases } = await fixture();
    await db.saveCase(KEY, { ...cases[0]!, assignee: '承办人丙' });
    await db.seedCases(KEY, cases);
    expect((await db.loadCases(KEY))!.map((c) => [c.record.id, c.assignee])).toEqual([
      ['FX-001', '承办人丙'],
      ['FX-002', null],
    ]);
  });

  it('deletes a case', async () => {
    const db = await openDb(freshName());
    await db.seedCases(KEY, (await fixture()).cases);
    await db.deleteCase(KEY, 'FX-001');
    expect((await db.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['FX-002']);
  });

  it('a bulk import is all or nothing: one case that cannot be stored leaves none of the import', async () => {
    const db = await openDb(freshName());
    const { cases } = await fixture();
    await db.seedCases(KEY, cases);
    // The third of four cannot be cloned into IndexedDB: the transaction fails half-way through.
    const broken = { ...withId(cases[1]!, 'IMP-3'), note: () => 'a function cannot be stored' } as unknown as CaseFile;
    const batch = [withId(cases[1]!, 'IMP-1'), { ...cases[0]!, status: 'closed' as const }, broken, withId(cases[1]!, 'IMP-4')];
    await expect(db.saveCases(KEY, batch)).rejects.toMatchObject({ name: 'DataCloneError' });
    const after = await db.loadCases(KEY);
    expect(after!.map((c) => [c.record.id, c.status])).toEqual([
      ['FX-001', 'drafted'],
      ['FX-002', 'registered'],
    ]);
  });

  it('a full disk during a bulk import gives a clear error and leaves none of the import', async () => {
    const db = await openDb(freshName());
    const { cases } = await fixture();
    await db.seedCases(KEY, cases);
    failPutNumber(2);
    const error = await db.saveCases(KEY, [withId(cases[1]!, 'IMP-1'), withId(cases[1]!, 'IMP-2'), withId(cases[1]!, 'IMP-3')]).catch((e: unknown) => e);
    restorePut();
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toBe(FULL_MESSAGE('the import of 3 cases'));
    expect((error as Error & { cause: { name: string } }).cause.name).toBe('QuotaExceededError');
    expect((await db.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['FX-001', 'FX-002']);
  });

  it('a full disk while saving one case keeps the version stored before', async () => {
    const db = await openDb(freshName());
    const { cases } = await fixture();
    await db.seedCases(KEY, cases);
    failPutNumber(1);
    await expect(db.saveCase(KEY, { ...cases[0]!, status: 'replied' })).rejects.toThrow(FULL_MESSAGE('case FX-001'));
    restorePut();
    expect((await db.loadCases(KEY))![0]!.status).toBe('drafted');
  });

  it('refuses a damaged stored case, naming the database and the row', async () => {
    const name = freshName();
    const db = await openDb(name);
    const { cases } = await fixture();
    await db.seedCases(KEY, cases);
    const raw = new LandCheckDatabase(name);
    const row = (await raw.cases.get([KEY, 'FX-002']))!;
    await raw.cases.put({ ...row, file: { ...row.file, audit: 'lost' as unknown as CaseFile['audit'] } });
    raw.close();
    await expect(db.loadCases(KEY)).rejects.toThrow('IndexedDB "' + name + '" cases["fixture-county", "FX-002"]: audit: expected a list, found "lost"');
  });

  it('keeps layers, imagery and settings per workspace', async () => {
    const db = await openDb(freshName());
    const { layers } = await fixture();
    const elsewhere: StoredLayer = { ...layers[0]!, workspaceKey: 'other' };
    await db.saveLayer(layers[1]!);
    await db.saveLayer(layers[0]!);
    await db.saveLayer(elsewhere);
    expect((await db.loadLayers(KEY)).map((l) => [l.id, l.bytes.byteLength])).toEqual([
      ['approved', 283],
      ['basic-farmland', 255],
    ]);
    await db.deleteLayer(KEY, 'approved');
    expect((await db.loadLayers(KEY)).map((l) => l.id)).toEqual(['basic-farmland']);
    expect((await db.loadLayers('other')).map((l) => l.id)).toEqual(['approved']);

    await db.saveImagery({ workspaceKey: KEY, id: 'after', name: 'after', fileName: 'after.tif', bytes: new Uint8Array([1, 2, 3]), url: null, date: '2026-06-22', addedAt: '2026-07-01T00:00:00Z' });
    expect([...(await db.loadImagery(KEY))[0]!.bytes!]).toEqual([1, 2, 3]);
    await db.deleteImagery(KEY, 'after');
    expect(await db.loadImagery(KEY)).toEqual([]);

    await db.saveSetting(KEY, 'userName', '承办人甲');
    await db.saveSetting(KEY, 'panel', { schemaVersion: 1, layers: [] });
    await db.saveSetting(KEY, 'userName', '承办人乙');
    await db.saveSetting('other', 'userName', '别人');
    expect(await db.loadSettings(KEY)).toEqual({ panel: { schemaVersion: 1, layers: [] }, userName: '承办人乙' });
  });

  it('snapshot → backup file → read → restore gives back the same workspace', async () => {
    const original = await fixture();
    const source = await openDb(freshName());
    await source.seedCases(KEY, original.cases);
    for (const layer of original.layers) await source.saveLayer(layer);
    for (const image of original.imagery) await source.saveImagery(image);
    for (const [name, value] of Object.entries(original.settings)) await source.saveSetting(KEY, name, value);

    const snapshot = await source.snapshot(KEY, original.name, original.savedAt);
    expect(snapshot).toEqual(original);
    const file = writeWorkspaceArchive(snapshot);

    // Restored into another browser's database that already holds an older state of the same workspace.
    const target = await openDb(freshName());
    await target.seedCases(KEY, [withId(original.cases[1]!, 'STALE-1')]);
    await target.saveLayer({ ...original.layers[0]!, id: 'stale-layer' });
    await target.saveSetting(KEY, 'stale', true);
    await target.restore(await readWorkspaceArchive(file, 'backup.landcheck.zip'));

    expect(await target.snapshot(KEY, original.name, original.savedAt)).toEqual(original);
    expect((await target.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['FX-001', 'FX-002']);
  });

  it('a full disk during a restore leaves the workspace as it was', async () => {
    const original = await fixture();
    const db = await openDb(freshName());
    await db.seedCases(KEY, [withId(original.cases[1]!, 'KEPT-1')]);
    await db.saveSetting(KEY, 'userName', '原来的');
    failPutNumber(3);
    await expect(db.restore(original)).rejects.toThrow(FULL_MESSAGE('the restored workspace "测试县 fixture"'));
    restorePut();
    expect((await db.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['KEPT-1']);
    expect(await db.loadSettings(KEY)).toEqual({ userName: '原来的' });
    expect(await db.loadLayers(KEY)).toEqual([]);
  });
});
