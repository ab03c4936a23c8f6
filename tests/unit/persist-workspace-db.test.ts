import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, reviewFromLog } from '../../src/core';
import type { CaseFile, PatchLogEntry } from '../../src/core';
import { readWorkspaceArchive, writeWorkspaceArchive } from '../../src/io/workspaceArchive';
import type { WorkspaceSnapshot } from '../../src/io/workspaceArchive';
import { LandCheckDatabase } from '../../src/ui/persist/db';
import { openWorkspaceDb, PatchLogConflictError, StorageFullError } from '../../src/ui/persist/workspaceDb';
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
  restoreAdd();
});

const readFixture = (name: string): Promise<WorkspaceSnapshot> => readWorkspaceArchive(new Uint8Array(readFileSync(join(ROOT, 'tests/fixtures/workspace', name))), name);
/** The committed v1 backup: two real CaseFiles (one with opinion and audit log), two layers, settings. */
const fixture = (): Promise<WorkspaceSnapshot> => readFixture('v1.landcheck.zip');
/** The committed v2 backup: the v1 workspace plus the review log of patch layer "patches" (two judgements and an undo) and its current patch. */
const fixtureV2 = (): Promise<WorkspaceSnapshot> => readFixture('v2.landcheck.zip');
const patchLog = async (): Promise<PatchLogEntry[]> => (await fixtureV2()).patchLogs.patches!;
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
// The same for IDBObjectStore.add, which the patch log uses (its rows are only ever added).
const addProto = (globalThis as unknown as { IDBObjectStore: { prototype: { add: (...args: unknown[]) => unknown } } }).IDBObjectStore.prototype;
const originalAdd = addProto.add;
function failAddNumber(n: number): void {
  let calls = 0;
  addProto.add = function (this: unknown, ...args: unknown[]) {
    if (++calls === n) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalAdd.apply(this, args);
  };
}
function restoreAdd(): void {
  addProto.add = originalAdd;
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

  it('snapshot → backup file → read → restore gives back the same workspace, patch review logs included', async () => {
    const original = await fixtureV2();
    const source = await openDb(freshName());
    await source.seedCases(KEY, original.cases);
    for (const layer of original.layers) await source.saveLayer(layer);
    for (const image of original.imagery) await source.saveImagery(image);
    for (const [name, value] of Object.entries(original.settings)) await source.saveSetting(KEY, name, value);
    for (const entry of original.patchLogs.patches!) await source.appendPatchLog(KEY, entry);
    // Another workspace's log stays out of this one's backup.
    await source.appendPatchLog('other', original.patchLogs.patches![0]!);

    const snapshot = await source.snapshot(KEY, original.name, original.savedAt);
    expect(snapshot).toEqual(original);
    const file = writeWorkspaceArchive(snapshot);

    // Restored into another browser's database that already holds an older state of the same workspace.
    const target = await openDb(freshName());
    await target.seedCases(KEY, [withId(original.cases[1]!, 'STALE-1')]);
    await target.saveLayer({ ...original.layers[0]!, id: 'stale-layer' });
    await target.saveSetting(KEY, 'stale', true);
    const stale = original.patchLogs.patches!;
    await target.appendPatchLog(KEY, { ...stale[0]!, patchId: 'STALE-P' });
    await target.appendPatchLog(KEY, { ...stale[0]!, layerId: 'stale-layer', seq: 7 });
    await target.restore(await readWorkspaceArchive(file, 'backup.landcheck.zip'));

    expect(await target.snapshot(KEY, original.name, original.savedAt)).toEqual(original);
    expect((await target.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['FX-001', 'FX-002']);
    expect(await target.loadPatchLogs(KEY)).toEqual({ patches: stale });
    // After the restore the review goes on from the restored log.
    await target.appendPatchLog(KEY, { ...stale[0]!, seq: 4, at: '2026-07-11T08:00:00+08:00' });
    expect((await target.loadPatchLogs(KEY)).patches!.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('a version 1 backup restores with no patch logs, clearing the ones stored', async () => {
    const db = await openDb(freshName());
    await db.appendPatchLog(KEY, (await patchLog())[0]!);
    const v1 = await fixture();
    await db.restore(v1);
    expect(await db.loadPatchLogs(KEY)).toEqual({});
    expect((await db.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['FX-001', 'FX-002']);
  });

  it('refuses a snapshot with a damaged patch log before touching the database', async () => {
    const db = await openDb(freshName());
    await db.saveSetting(KEY, 'userName', '原来的');
    const original = await fixtureV2();
    const log = original.patchLogs.patches!;
    await expect(db.restore({ ...original, patchLogs: { patches: [log[0]!, { ...log[1]!, kind: 'redo' as 'judge' }] } })).rejects.toThrow(
      'workspace snapshot "fixture-county": patchLogs["patches"][1].kind: expected "judge" or "undo", found "redo"',
    );
    expect(await db.loadSettings(KEY)).toEqual({ userName: '原来的' });
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

  it('a full disk while writing the patch logs of a restore leaves the workspace and its logs as they were', async () => {
    const original = await fixtureV2();
    const log = original.patchLogs.patches!;
    const db = await openDb(freshName());
    await db.seedCases(KEY, [withId(original.cases[1]!, 'KEPT-1')]);
    await db.appendPatchLog(KEY, { ...log[0]!, patchId: 'KEPT-P' });
    failAddNumber(2);
    await expect(db.restore(original)).rejects.toThrow(FULL_MESSAGE('the restored workspace "测试县 fixture"'));
    restoreAdd();
    expect((await db.loadCases(KEY))!.map((c) => c.record.id)).toEqual(['KEPT-1']);
    expect(await db.loadPatchLogs(KEY)).toEqual({ patches: [{ ...log[0]!, patchId: 'KEPT-P' }] });
  });
});

describe('patch review log kept in IndexedDB', () => {
  it('appends entries and loads them by layer, sorted by seq, per workspace, across a reopen', async () => {
    const name = freshName();
    const log = await patchLog();
    const first = await openWorkspaceDb(name);
    expect(await first.loadPatchLogs(KEY)).toEqual({});
    for (const entry of log) await first.appendPatchLog(KEY, entry);
    const otherLayer = { ...log[0]!, layerId: 'patches-2025', patchId: 'WP-9' };
    await first.appendPatchLog(KEY, otherLayer);
    await first.appendPatchLog('other', log[0]!);
    // The current patch of a layer is a setting.
    await first.saveSetting(KEY, 'patchReview.current.patches', 'WP-0002');
    first.close();

    const second = await openDb(name);
    const logs = await second.loadPatchLogs(KEY);
    expect(logs).toEqual({ patches: log, 'patches-2025': [otherLayer] });
    expect(await second.loadPatchLogs('other')).toEqual({ patches: [log[0]] });
    expect(Object.keys(reviewFromLog('patches', logs.patches!).verdicts)).toEqual(['WP-0001']);
    expect(await second.loadSettings(KEY)).toEqual({ 'patchReview.current.patches': 'WP-0002' });
  });

  it('seqs sort as numbers, not as text', async () => {
    const db = await openDb(freshName());
    const [entry] = await patchLog();
    for (const seq of [2, 9, 10, 11]) await db.appendPatchLog(KEY, { ...entry!, seq });
    expect((await db.loadPatchLogs(KEY)).patches!.map((e) => e.seq)).toEqual([2, 9, 10, 11]);
  });

  it('refuses an entry whose seq is already stored for its layer (another tab judged meanwhile), writing nothing', async () => {
    const name = freshName();
    const log = await patchLog();
    const tabA = await openDb(name);
    const tabB = await openDb(name);
    await tabA.appendPatchLog(KEY, log[0]!);
    await tabA.appendPatchLog(KEY, log[1]!);
    // Tab B loaded the review after entry 1 and judges another patch as entry 2.
    const clash: PatchLogEntry = { ...log[1]!, patchId: 'WP-0003' };
    const error = await tabB.appendPatchLog(KEY, clash).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PatchLogConflictError);
    expect(error).toMatchObject({ layerId: 'patches', seq: 2, storedSeq: 2 });
    expect((error as Error).message).toBe(
      'The review of layer "patches" was changed elsewhere (another tab or window): entry 2 was not saved because the stored log already reaches entry 2. Reload to see the review as stored, then judge again.',
    );
    // An older seq than the last stored is refused too, even where that seq is free.
    const db = await openDb(freshName());
    await db.appendPatchLog(KEY, { ...log[0]!, seq: 5 });
    await expect(db.appendPatchLog(KEY, { ...log[0]!, seq: 3 })).rejects.toBeInstanceOf(PatchLogConflictError);
    expect((await db.loadPatchLogs(KEY)).patches!.map((e) => e.seq)).toEqual([5]);

    expect(await tabA.loadPatchLogs(KEY)).toEqual({ patches: log.slice(0, 2) });
    // The same seq in another layer or another workspace is no clash.
    await tabB.appendPatchLog(KEY, { ...clash, layerId: 'patches-2025' });
    await tabB.appendPatchLog('other', clash);
    expect((await tabA.loadPatchLogs(KEY)).patches!.map((e) => [e.seq, e.patchId])).toEqual([
      [1, 'WP-0001'],
      [2, 'WP-0002'],
    ]);
  });

  it('refuses a damaged entry before writing it', async () => {
    const db = await openDb(freshName());
    const [entry] = await patchLog();
    const bad = { ...entry!, after: { ...entry!.after!, judgement: '可疑' } } as unknown as PatchLogEntry;
    const error = await db.appendPatchLog(KEY, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('workspace "fixture-county": patch log entry 1 of layer "patches".after.judgement: expected one of 合法, 违法, 其他, 伪变化, found "可疑"');
    expect(await db.loadPatchLogs(KEY)).toEqual({});
  });

  it('a full disk while appending gives a clear error and leaves the log as it was', async () => {
    const db = await openDb(freshName());
    const log = await patchLog();
    await db.appendPatchLog(KEY, log[0]!);
    failAddNumber(1);
    const error = await db.appendPatchLog(KEY, log[1]!).catch((e: unknown) => e);
    restoreAdd();
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toBe(FULL_MESSAGE('the judgement of patch WP-0002'));
    expect(await db.loadPatchLogs(KEY)).toEqual({ patches: [log[0]] });
    // The same entry goes in once there is room.
    await db.appendPatchLog(KEY, log[1]!);
    expect((await db.loadPatchLogs(KEY)).patches!.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('refuses a damaged stored entry, naming the database and the row', async () => {
    const name = freshName();
    const db = await openDb(name);
    for (const entry of await patchLog()) await db.appendPatchLog(KEY, entry);
    const raw = new LandCheckDatabase(name);
    const row = (await raw.patchLog.get([KEY, 'patches', 2]))!;
    await raw.patchLog.put({ ...row, kind: 'lost' as 'judge' });
    raw.close();
    await expect(db.loadPatchLogs(KEY)).rejects.toThrow('IndexedDB "' + name + '": patchLog["fixture-county", "patches", 2].kind: expected "judge" or "undo", found "lost"');
    await expect(db.snapshot(KEY, 'x', '2026-07-10T18:00:00+08:00')).rejects.toBeInstanceOf(InputError);
  });

  it('a database made by the version-1 schema opens under version 2 with its rows intact and no patch logs', async () => {
    const name = freshName();
    const { cases, layers } = await fixture();
    // The database exactly as the release with schema version 1 created and filled it.
    const old = new Dexie(name);
    old.version(1).stores({
      workspaces: 'key',
      cases: '[workspaceKey+id], workspaceKey',
      layers: '[workspaceKey+id], workspaceKey',
      imagery: '[workspaceKey+id], workspaceKey',
      settings: '[workspaceKey+name]',
    });
    await old.open();
    await old.table('workspaces').put({ key: KEY, name: KEY, schemaVersion: 1, savedAt: '2026-07-01T00:00:00Z' });
    await old.table('cases').put({ workspaceKey: KEY, id: cases[0]!.record.id, schemaVersion: 1, file: cases[0] });
    await old.table('layers').put(layers[0]);
    await old.table('settings').put({ workspaceKey: KEY, name: 'userName', value: '承办人甲' });
    old.close();

    const db = await openDb(name);
    expect(await db.loadCases(KEY)).toEqual([cases[0]]);
    expect(await db.loadLayers(KEY)).toEqual([layers[0]]);
    expect(await db.loadSettings(KEY)).toEqual({ userName: '承办人甲' });
    expect(await db.loadPatchLogs(KEY)).toEqual({});
    const entry = (await patchLog())[0]!;
    await db.appendPatchLog(KEY, entry);
    expect(await db.loadPatchLogs(KEY)).toEqual({ patches: [entry] });

    const raw = new LandCheckDatabase(name);
    await raw.open();
    expect(raw.verno).toBe(2);
    expect(Array.from(raw.backendDB().objectStoreNames).sort()).toEqual(['cases', 'imagery', 'layers', 'patchLog', 'settings', 'workspaces']);
    raw.close();
  });
});
