import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InputError, reviewFromLog, WORKSPACE_SCHEMA_VERSION } from '../../src/core';
import { readWorkspaceArchive, workspaceArchiveName, writeWorkspaceArchive } from '../../src/io/workspaceArchive';
import type { WorkspaceSnapshot } from '../../src/io/workspaceArchive';
import { ROOT } from '../support/paths';

const FIXTURE = 'v1.landcheck.zip';
const FIXTURE_V2 = 'v2.landcheck.zip';
const fixtureBytes = (name = FIXTURE): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'tests/fixtures/workspace', name)));

/** The fixture's entries, changed by `edit`, zipped again: a backup damaged in one known place. */
function damaged(edit: (entries: Record<string, Uint8Array>) => void, fixture = FIXTURE): Uint8Array {
  const entries = unzipSync(fixtureBytes(fixture));
  edit(entries);
  return zipSync(entries);
}
const editJson = (entries: Record<string, Uint8Array>, path: string, edit: (json: Record<string, unknown>) => void): void => {
  const json = JSON.parse(strFromU8(entries[path]!)) as Record<string, unknown>;
  edit(json);
  entries[path] = strToU8(JSON.stringify(json));
};
const layersOf = (json: Record<string, unknown>) => json.layers as Record<string, unknown>[];
/** The v2 fixture with one entry of its patch log changed. */
const damagedLog = (edit: (log: Record<string, unknown>[]) => void): Uint8Array =>
  damaged((e) => editJson(e, 'patches.json', (j) => edit((j.logs as Record<string, Record<string, unknown>[]>).patches!)), FIXTURE_V2);

async function refusal(bytes: Uint8Array, name = 'backup.landcheck.zip'): Promise<InputError> {
  const error = await readWorkspaceArchive(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('workspace backup (*.landcheck.zip)', () => {
  it('reads version 1 as it was written (tests/fixtures/workspace/v1.landcheck.zip)', async () => {
    const snapshot = await readWorkspaceArchive(fixtureBytes(), FIXTURE);
    expect(snapshot).toMatchObject({ schemaVersion: 1, key: 'fixture-county', name: '测试县 fixture', savedAt: '2026-07-10T18:00:00+08:00' });
    expect(snapshot.layers.map((l) => [l.id, l.kind, l.fileName, l.bytes.byteLength, l.sha256, l.workspaceKey])).toEqual([
      ['approved', 'approved_land', 'approved.geojson', 283, '86a3295cc0dd3474d04ccd893097c27a88e0f0ae5dd2ca00554249a8ccb0881c', 'fixture-county'],
      ['basic-farmland', 'basic_farmland', 'basic_farmland.geojson', 255, 'b8df0030ef9a70d4e7312186ac52e01daecbf33b9ba8a3d87071b96d5ca034d0', 'fixture-county'],
    ]);
    expect(snapshot.layers[0]!.fields).toEqual({ id: 'PZWH', date: 'PZRQ' });
    expect(new TextDecoder().decode(snapshot.layers[0]!.bytes)).toContain('鄂政土批〔2024〕12号');
    expect(snapshot.imagery).toEqual([
      { workspaceKey: 'fixture-county', id: 'after-2026', name: '2026 年影像', fileName: 'after.tif', bytes: null, url: 'https://tiles.example.org/after-2026.tif', date: '2026-06-22', addedAt: '2026-07-01T09:05:00+08:00' },
    ]);
    expect(snapshot.settings).toEqual({ panel: { schemaVersion: 1, layers: [{ id: 'approved', visible: true, opacity: 0.8 }] }, userName: '承办人甲' });
    expect(snapshot.cases.map((c) => [c.record.id, c.schemaVersion, c.status, c.audit.length])).toEqual([
      ['FX-001', 1, 'drafted', 4],
      ['FX-002', 1, 'registered', 1],
    ]);
    expect(snapshot.cases[0]!.opinion!.text).toBe('经核查，该地块位于永久基本农田内，面积 1.88 亩，建议立案查处。');
    expect(snapshot.cases[0]!.petitionerIdNumber).toBe('110101199001011234');
    // Version 1 had no patch review.
    expect(snapshot.patchLogs).toEqual({});
  });

  it('reads version 2 as it was written (tests/fixtures/workspace/v2.landcheck.zip): version 1 plus the patch review logs', async () => {
    const v1 = await readWorkspaceArchive(fixtureBytes(), FIXTURE);
    const snapshot = await readWorkspaceArchive(fixtureBytes(FIXTURE_V2), FIXTURE_V2);
    expect(WORKSPACE_SCHEMA_VERSION).toBe(2);
    expect(snapshot).toMatchObject({ schemaVersion: 2, key: 'fixture-county', name: '测试县 fixture', savedAt: '2026-07-10T18:00:00+08:00' });
    expect({ ...snapshot, schemaVersion: 1, settings: v1.settings, patchLogs: {} }).toEqual(v1);
    expect(snapshot.settings['patchReview.current.patches']).toBe('WP-0002');
    const log = snapshot.patchLogs.patches!;
    expect(Object.keys(snapshot.patchLogs)).toEqual(['patches']);
    expect(log.map((e) => [e.seq, e.kind, e.patchId, e.before?.judgement ?? null, e.after?.judgement ?? null, e.undoes ?? null])).toEqual([
      [1, 'judge', 'WP-0001', null, '违法', null],
      [2, 'judge', 'WP-0002', null, '合法', null],
      [3, 'undo', 'WP-0002', '合法', null, 2],
    ]);
    const review = reviewFromLog('patches', log);
    expect(Object.keys(review.verdicts)).toEqual(['WP-0001']);
    expect(review.verdicts['WP-0001']).toMatchObject({ judgement: '违法', subtype: '工矿商服-厂房', vintage: '新增', reviewer: '承办人甲', suggested: { judgement: '违法', reason: '占用耕地且无批准用地' } });
  });

  it('a snapshot written and read back is the same snapshot, images with bytes and patch logs included', async () => {
    const original = await readWorkspaceArchive(fixtureBytes(FIXTURE_V2), FIXTURE_V2);
    // A second layer's log, given out of order: it comes back by seq.
    const other = original.patchLogs.patches!.slice(0, 1).map((e) => ({ ...e, layerId: 'patches-2025', patchId: 'WP-9' }));
    original.patchLogs['patches-2025'] = [{ ...other[0]!, seq: 2, before: other[0]!.after, after: { ...other[0]!.after!, judgement: '伪变化', subtype: '', vintage: null } }, other[0]!];
    const tiff = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 2, 3]);
    original.imagery.push({ workspaceKey: original.key, id: 'before-2025', name: '2025', fileName: 'before.tif', bytes: tiff, url: null, date: '2025-03-18', addedAt: '2026-07-02T08:00:00+08:00' });
    const bytes = writeWorkspaceArchive(original);
    expect(Object.keys(unzipSync(bytes))).toEqual([
      'cases.json',
      'imagery/before-2025/before.tif',
      'layers/approved/approved.geojson',
      'layers/basic-farmland/basic_farmland.geojson',
      'patches.json',
      'workspace.json',
    ]);
    const back = await readWorkspaceArchive(bytes, 'copy.landcheck.zip');
    expect(back).toEqual({ ...original, patchLogs: { patches: original.patchLogs.patches, 'patches-2025': [...original.patchLogs['patches-2025']!].reverse() } });
    expect(back.patchLogs['patches-2025']!.map((e) => e.seq)).toEqual([1, 2]);
    expect(back.imagery.map((i) => i.id)).toEqual(['after-2026', 'before-2025']);
    expect([...back.imagery[1]!.bytes!]).toEqual([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 2, 3]);
  });

  it('the same workspace always gives the same bytes, whatever order it is listed in', async () => {
    const snapshot = await readWorkspaceArchive(fixtureBytes(FIXTURE_V2), FIXTURE_V2);
    const shuffled: WorkspaceSnapshot = {
      ...snapshot,
      layers: [...snapshot.layers].reverse(),
      cases: [...snapshot.cases].reverse(),
      settings: Object.fromEntries(Object.entries(snapshot.settings).reverse()),
      // Entries with their fields in another order, listed backwards.
      patchLogs: { patches: [...snapshot.patchLogs.patches!].reverse().map((e) => Object.fromEntries(Object.entries(e).reverse()) as unknown as typeof e) },
    };
    const a = writeWorkspaceArchive(snapshot);
    expect(writeWorkspaceArchive(shuffled)).toEqual(a);
    // Version 2 written today is byte for byte the committed fixture (the fixture script ran this writer).
    expect(a).toEqual(fixtureBytes(FIXTURE_V2));
  });

  it('a version 1 backup read and written again becomes version 2 with an empty patches.json', async () => {
    const bytes = writeWorkspaceArchive(await readWorkspaceArchive(fixtureBytes(), FIXTURE));
    expect(JSON.parse(strFromU8(unzipSync(bytes)['patches.json']!))).toEqual({ schemaVersion: 1, logs: {} });
    expect(await readWorkspaceArchive(bytes, 'again.landcheck.zip')).toMatchObject({ schemaVersion: 2, patchLogs: {} });
  });

  it('refuses to write a damaged patch log', async () => {
    const snapshot = await readWorkspaceArchive(fixtureBytes(FIXTURE_V2), FIXTURE_V2);
    const [first, second] = snapshot.patchLogs.patches!;
    expect(() => writeWorkspaceArchive({ ...snapshot, patchLogs: { patches: [first!, { ...second!, seq: 1 }] } })).toThrow(
      'workspace snapshot "fixture-county": patchLogs["patches"][1].seq: entry 1 is listed twice',
    );
  });

  it('names the file by the workspace and the day it was saved', () => {
    expect(workspaceArchiveName('测试县/河口', '2026-07-10T18:00:00+08:00')).toBe('测试县_河口 2026-07-10.landcheck.zip');
  });

  describe('refuses a bad backup, naming the file and the place', () => {
    it('not a zip', async () => {
      const error = await refusal(strToU8('{"format":"landcheck-workspace"}'), 'notes.landcheck.zip');
      expect(error.file).toBe('notes.landcheck.zip');
      expect(error.message).toMatch(/^notes\.landcheck\.zip: not a readable zip archive \(.+\); a LandCheck backup is a \.landcheck\.zip file$/);
    });

    it('no workspace.json', async () => {
      const error = await refusal(damaged((e) => delete e['workspace.json']));
      expect(error.message).toBe('backup.landcheck.zip: workspace.json: missing: a LandCheck workspace backup holds workspace.json and cases.json at its top level');
    });

    it('workspace.json that is not JSON', async () => {
      const error = await refusal(damaged((e) => (e['workspace.json'] = strToU8('{"format": '))));
      expect(error.place).toBe('workspace.json');
      expect(error.message).toMatch(/^backup\.landcheck\.zip: workspace\.json: not valid JSON \(/);
    });

    it('an unknown format', async () => {
      const error = await refusal(damaged((e) => editJson(e, 'workspace.json', (j) => (j.format = 'kepler.gl'))));
      expect(error.message).toBe('backup.landcheck.zip: workspace.json: format: expected "landcheck-workspace", found "kepler.gl"');
    });

    it('a schema version newer than this software', async () => {
      const error = await refusal(damaged((e) => editJson(e, 'workspace.json', (j) => (j.schemaVersion = 3))));
      expect(error.message).toBe('backup.landcheck.zip: workspace.json: schemaVersion: version 3 was written by a newer LandCheck; this one reads versions up to 2: update LandCheck to open it');
    });

    it('a layer listed but missing', async () => {
      const error = await refusal(damaged((e) => delete e['layers/basic-farmland/basic_farmland.geojson']));
      expect(error.message).toBe('backup.landcheck.zip: workspace.json: layers[1].file: "layers/basic-farmland/basic_farmland.geojson" is not in the archive (the backup is incomplete)');
    });

    it('a layer whose bytes do not match their SHA-256', async () => {
      const error = await refusal(
        damaged((e) => {
          const bytes = e['layers/approved/approved.geojson']!;
          bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1; // same size, one bit flipped
        }),
      );
      expect(error.place).toBe('layers/approved/approved.geojson');
      expect(error.message).toMatch(
        /^backup\.landcheck\.zip: layers\/approved\/approved\.geojson: SHA-256 is [0-9a-f]{64}, workspace\.json: layers\[0\]\.sha256 says 86a3295cc0dd3474d04ccd893097c27a88e0f0ae5dd2ca00554249a8ccb0881c \(the file was changed or damaged\)$/,
      );
    });

    it('a layer cut short', async () => {
      const error = await refusal(damaged((e) => (e['layers/basic-farmland/basic_farmland.geojson'] = e['layers/basic-farmland/basic_farmland.geojson']!.slice(0, 100))));
      expect(error.message).toBe('backup.landcheck.zip: layers/basic-farmland/basic_farmland.geojson: holds 100 bytes, workspace.json: layers[1].size says 255 (the file was changed or damaged)');
    });

    it('a layer of a kind LandCheck does not know', async () => {
      const error = await refusal(damaged((e) => editJson(e, 'workspace.json', (j) => (layersOf(j)[0]!.kind = 'roads'))));
      expect(error.message).toMatch(/^backup\.landcheck\.zip: workspace\.json: layers\[0\]\.kind: unknown layer kind "roads" \(expected one of satellite_patch, /);
    });

    it('cases.json missing, or of a newer version', async () => {
      expect((await refusal(damaged((e) => delete e['cases.json']))).message).toBe(
        'backup.landcheck.zip: cases.json: missing: a LandCheck workspace backup holds workspace.json and cases.json at its top level',
      );
      expect((await refusal(damaged((e) => editJson(e, 'cases.json', (j) => (j.schemaVersion = 3))))).message).toBe(
        'backup.landcheck.zip: cases.json: schemaVersion: version 3 was written by a newer LandCheck; this one reads versions up to 1: update LandCheck to open it',
      );
    });

    it('patches.json missing from a version 2 backup, or of a newer version', async () => {
      expect((await refusal(damaged((e) => delete e['patches.json'], FIXTURE_V2))).message).toBe(
        'backup.landcheck.zip: patches.json: missing: a LandCheck workspace backup of version 2 or later holds patches.json at its top level (the backup is incomplete)',
      );
      expect((await refusal(damaged((e) => editJson(e, 'patches.json', (j) => (j.schemaVersion = 2)), FIXTURE_V2))).message).toBe(
        'backup.landcheck.zip: patches.json: schemaVersion: version 2 was written by a newer LandCheck; this one reads versions up to 1: update LandCheck to open it',
      );
      expect((await refusal(damaged((e) => editJson(e, 'patches.json', (j) => (j.logs = [])), FIXTURE_V2))).message).toBe(
        'backup.landcheck.zip: patches.json: logs: expected an object of layer id → list of log entries',
      );
    });

    it('a damaged patch log entry, named by its layer and index', async () => {
      const cases: [(log: Record<string, unknown>[]) => void, string][] = [
        [(log) => (log[1]!.kind = 'redo'), 'patches.json: logs["patches"][1].kind: expected "judge" or "undo", found "redo"'],
        [(log) => (log[0]!.seq = '1'), 'patches.json: logs["patches"][0].seq: expected a whole number from 1, found "1"'],
        [(log) => delete log[2]!.patchId, 'patches.json: logs["patches"][2].patchId: expected a string, found nothing'],
        [(log) => ((log[0]!.after as Record<string, unknown>).judgement = '可疑'), 'patches.json: logs["patches"][0].after.judgement: expected one of 合法, 违法, 其他, 伪变化, found "可疑"'],
        [(log) => ((log[2]!.before as Record<string, unknown>).vintage = '旧'), 'patches.json: logs["patches"][2].before.vintage: expected 新增, 存量 or null, found "旧"'],
        [(log) => delete log[2]!.undoes, 'patches.json: logs["patches"][2].undoes: expected a whole number from 1, found nothing'],
        [(log) => (log[1]!.seq = 1), 'patches.json: logs["patches"][1].seq: entry 1 is listed twice'],
        [(log) => (log[1]!.layerId = 'other'), 'patches.json: logs["patches"][1].layerId: "other" in the log of layer "patches"'],
        [(log) => (log[0] = 'entry' as unknown as Record<string, unknown>), 'patches.json: logs["patches"][0]: expected a log entry object with seq, layerId, patchId, kind, before and after'],
      ];
      for (const [edit, place] of cases) {
        const error = await refusal(damagedLog(edit));
        expect(error.file).toBe('backup.landcheck.zip');
        expect(error.message).toBe(`backup.landcheck.zip: ${place}`);
      }
    });

    it('a damaged case', async () => {
      const error = await refusal(damaged((e) => editJson(e, 'cases.json', (j) => ((j.cases as Record<string, unknown>[])[1]!.status = 'lost'))));
      expect(error.message).toBe('backup.landcheck.zip cases.json: cases[1]: status: expected one of registered, accepted, verifying, drafted, reviewed, replied, followedUp, closed, found "lost"');
    });
  });
});
