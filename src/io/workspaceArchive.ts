import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { CASE_FILE_SCHEMA_VERSION, InputError, isLayerKind, isPatchJudgement, LAYER_KINDS, migrateCaseFile, PATCH_JUDGEMENTS, PATCH_REVIEW_SCHEMA_VERSION, WORKSPACE_SCHEMA_VERSION } from '../core';
import type { CaseFile, LayerKind, PatchJudgement, PatchLogEntry, PatchVerdict, PatchVintage } from '../core';
import { decodeUtf8 } from './text';
import { unzipBounded } from './unzip';
import { sha256Hex } from './verification';

// The whole workspace as one file, the backup of DESIGN §8: a zip (`*.landcheck.zip`) holding
// `workspace.json` (what the workspace holds, without bytes), the original bytes of every layer and
// image under `layers/<id>/` and `imagery/<id>/`, and `cases.json` (every case with its workflow,
// opinion and audit log) and, from version 2, `patches.json` (the satellite-patch review log of every
// layer judged). Pure bytes in and out, so the page and the CLI share it. Every archive version ever
// written stays readable (tests/fixtures/workspace).
//
// Versions (workspace.json schemaVersion, WORKSPACE_SCHEMA_VERSION):
//   1  workspace.json, cases.json, layers/, imagery/.
//   2  adds patches.json: { "schemaVersion": PATCH_REVIEW_SCHEMA_VERSION, "logs": { "<layerId>": [PatchLogEntry, …] } },
//      layers by id, each log by seq. One file rather than one per layer: layer ids need no escaping
//      into paths and the whole review is checked in one place. A version-1 backup reads with no logs.
// The reviewer's current patch of a layer is a setting ("patchReview.current.<layerId>") and travels
// with the other settings in workspace.json.

/** A layer file the user added to the workspace, as kept in the browser and in the backup. */
export interface StoredLayer {
  workspaceKey: string;
  id: string;
  name: string;
  kind: LayerKind;
  /** The file's name as the user gave it, e.g. "approved.zip"; its reader is chosen by the extension. */
  fileName: string;
  bytes: Uint8Array;
  /** Canonical field → source field. */
  fields: Record<string, string>;
  /** e.g. "EPSG:4547"; null when detected from the file. */
  crs: string | null;
  addedAt: string;
  /** SHA-256 of `bytes`, lower-case hex (the same checksum verification.json records). */
  sha256: string;
}

/** An image added to the workspace: its bytes, or a URL for a remote COG (then bytes is null). */
export interface StoredImagery {
  workspaceKey: string;
  id: string;
  name: string;
  fileName: string;
  bytes: Uint8Array | null;
  url: string | null;
  /** YYYY-MM-DD the image was taken. */
  date: string;
  addedAt: string;
}

/** Everything stored for one workspace: what the backup file holds and what restoring it writes back. */
export interface WorkspaceSnapshot {
  schemaVersion: number;
  key: string;
  name: string;
  savedAt: string;
  cases: CaseFile[];
  layers: StoredLayer[];
  imagery: StoredImagery[];
  /** Setting name → value; values must survive JSON (the backup stores them as JSON). */
  settings: Record<string, unknown>;
  /** Layer id → the review log of that satellite-patch layer, by seq (reviewFromLog rebuilds the verdicts); {} when nothing was judged. */
  patchLogs: Record<string, PatchLogEntry[]>;
}

/** The archive entry holding the patch review logs (archive version 2 on). */
export const PATCHES_ENTRY = 'patches.json';

export const WORKSPACE_ARCHIVE_FORMAT = 'landcheck-workspace';
export const WORKSPACE_ARCHIVE_SUFFIX = '.landcheck.zip';

/** Refuse archives that would unpack to more than this (zip bombs); the same bound as zipped shapefiles. */

/** Zip entries carry a DOS date; a fixed one makes the same workspace give the same bytes (built from local fields, so any time zone writes the same). */
const FIXED_ZIP_DATE = new Date(2000, 0, 1, 0, 0, 0);

/** Bytes that are already compressed gain nothing from deflate but time. */
const STORED_UNCOMPRESSED = /\.(zip|kmz|fgb|tif|tiff|jpg|jpeg|png|webp|pmtiles|xlsx|gz)$/i;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A path segment that cannot climb out of its folder or split into two. */
function safeSegment(name: string): string {
  const cleaned = [...name].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').replace(/^\.+$/, '_');
  return cleaned === '' ? '_' : cleaned;
}

export const layerEntryPath = (layer: Pick<StoredLayer, 'id' | 'fileName'>): string => `layers/${safeSegment(layer.id)}/${safeSegment(layer.fileName)}`;
export const imageryEntryPath = (image: Pick<StoredImagery, 'id' | 'fileName'>): string => `imagery/${safeSegment(image.id)}/${safeSegment(image.fileName)}`;

/** A file name for a workspace's backup, e.g. "Sample county 2024-05-01.landcheck.zip". */
export function workspaceArchiveName(name: string, savedAt: string): string {
  return `${safeSegment(name.trim() || 'workspace')} ${savedAt.slice(0, 10)}${WORKSPACE_ARCHIVE_SUFFIX}`;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
}

/** The backup file of a workspace. The same snapshot always gives the same bytes. */
export function writeWorkspaceArchive(snapshot: WorkspaceSnapshot): Uint8Array {
  const layers = [...snapshot.layers].sort(byId);
  const imagery = [...snapshot.imagery].sort(byId);
  const manifest = {
    format: WORKSPACE_ARCHIVE_FORMAT,
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    key: snapshot.key,
    name: snapshot.name,
    savedAt: snapshot.savedAt,
    layers: layers.map((l) => ({
      id: l.id,
      name: l.name,
      kind: l.kind,
      fileName: l.fileName,
      file: layerEntryPath(l),
      size: l.bytes.byteLength,
      sha256: l.sha256,
      fields: sortedKeys(l.fields),
      crs: l.crs,
      addedAt: l.addedAt,
    })),
    imagery: imagery.map((i) => ({
      id: i.id,
      name: i.name,
      fileName: i.fileName,
      file: i.bytes ? imageryEntryPath(i) : null,
      size: i.bytes ? i.bytes.byteLength : null,
      url: i.url,
      date: i.date,
      addedAt: i.addedAt,
    })),
    settings: sortedKeys(snapshot.settings),
  };
  const cases = { schemaVersion: CASE_FILE_SCHEMA_VERSION, cases: [...snapshot.cases].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)) };
  // Checked and rebuilt field by field, so a log never goes out damaged and the same log always gives the same bytes.
  const patches = { schemaVersion: PATCH_REVIEW_SCHEMA_VERSION, logs: sortedKeys(checkPatchLogs(snapshot.patchLogs, `workspace snapshot "${snapshot.key}"`, 'patchLogs')) };

  const entries = new Map<string, Uint8Array>();
  const add = (path: string, bytes: Uint8Array, owner: string): void => {
    // Two ids that only differ in characters safeSegment replaces would overwrite each other silently.
    if (entries.has(path)) throw new Error(`${owner}: the archive path "${path}" is taken twice; rename one of them`);
    entries.set(path, bytes);
  };
  add('workspace.json', strToU8(JSON.stringify(manifest, null, 2)), 'workspace.json');
  add('cases.json', strToU8(JSON.stringify(cases, null, 2)), 'cases.json');
  add(PATCHES_ENTRY, strToU8(JSON.stringify(patches, null, 2)), PATCHES_ENTRY);
  for (const l of layers) add(layerEntryPath(l), l.bytes, `layer "${l.id}"`);
  for (const i of imagery) if (i.bytes) add(imageryEntryPath(i), i.bytes, `image "${i.id}"`);

  const zippable: Zippable = {};
  for (const path of [...entries.keys()].sort()) {
    zippable[path] = [entries.get(path)!, { level: STORED_UNCOMPRESSED.test(path) ? 0 : 6, mtime: FIXED_ZIP_DATE }];
  }
  return zipSync(zippable, { mtime: FIXED_ZIP_DATE });
}

// ---- reading ----

/** "workspace.json: name" at the top of an entry, "workspace.json: layers[0].name" below it. */
const field = (place: string, key: string): string => (place.endsWith('.json') ? `${place}: ${key}` : `${place}.${key}`);

function requireString(obj: Json, key: string, file: string, place: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new InputError(file, field(place, key), `expected a non-empty string, found ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

function nullableString(obj: Json, key: string, file: string, place: string): string | null {
  const value = obj[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new InputError(file, field(place, key), `expected a string or null, found ${JSON.stringify(value)}`);
  return value;
}

function parseJsonEntry(entries: Record<string, Uint8Array>, path: string, file: string, missing = 'a LandCheck workspace backup holds workspace.json and cases.json at its top level'): Json {
  const bytes = entries[path];
  if (!bytes) throw new InputError(file, path, `missing: ${missing}`);
  let raw: unknown;
  try {
    raw = JSON.parse(decodeUtf8(bytes));
  } catch (error) {
    throw new InputError(file, path, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new InputError(file, path, 'expected a JSON object');
  return raw;
}

function checkVersion(obj: Json, file: string, place: string, newest: number): void {
  const version = obj.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(file, field(place, 'schemaVersion'), `expected a whole number from 1, found ${JSON.stringify(version) ?? 'nothing'}`);
  }
  if (version > newest) {
    throw new InputError(file, field(place, 'schemaVersion'), `version ${version} was written by a newer LandCheck; this one reads versions up to ${newest}: update LandCheck to open it`);
  }
}

/** The bytes an entry of workspace.json points to, checked against the size it recorded. */
function entryBytes(entries: Record<string, Uint8Array>, entry: Json, file: string, place: string): Uint8Array {
  const path = requireString(entry, 'file', file, place);
  const bytes = entries[path];
  if (!bytes) throw new InputError(file, `${place}.file`, `"${path}" is not in the archive (the backup is incomplete)`);
  if (typeof entry.size === 'number' && entry.size !== bytes.byteLength) {
    throw new InputError(file, path, `holds ${bytes.byteLength} bytes, ${place}.size says ${entry.size} (the file was changed or damaged)`);
  }
  return bytes;
}

function uniqueIds<T extends { id: string }>(items: T[], file: string, place: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) throw new InputError(file, `${place}[${index}].id`, `"${item.id}" is listed twice`);
    seen.add(item.id);
  });
}

async function readLayer(raw: unknown, index: number, key: string, entries: Record<string, Uint8Array>, file: string): Promise<StoredLayer> {
  const place = `workspace.json: layers[${index}]`;
  if (!isObject(raw)) throw new InputError(file, place, 'expected an object with id, kind, fileName, file and sha256');
  const id = requireString(raw, 'id', file, place);
  if (!isLayerKind(raw.kind)) throw new InputError(file, `${place}.kind`, `unknown layer kind ${JSON.stringify(raw.kind)} (expected one of ${LAYER_KINDS.join(', ')})`);
  const fields = raw.fields ?? {};
  if (!isObject(fields) || !Object.values(fields).every((v) => typeof v === 'string')) {
    throw new InputError(file, `${place}.fields`, 'expected an object mapping canonical field names to source field names');
  }
  const sha256 = requireString(raw, 'sha256', file, place).toLowerCase();
  const bytes = entryBytes(entries, raw, file, place);
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) {
    throw new InputError(file, raw.file as string, `SHA-256 is ${actual}, ${place}.sha256 says ${sha256} (the file was changed or damaged)`);
  }
  return {
    workspaceKey: key,
    id,
    name: nullableString(raw, 'name', file, place) ?? id,
    kind: raw.kind,
    fileName: requireString(raw, 'fileName', file, place),
    bytes,
    fields: fields as Record<string, string>,
    crs: nullableString(raw, 'crs', file, place),
    addedAt: requireString(raw, 'addedAt', file, place),
    sha256,
  };
}

function readImagery(raw: unknown, index: number, key: string, entries: Record<string, Uint8Array>, file: string): StoredImagery {
  const place = `workspace.json: imagery[${index}]`;
  if (!isObject(raw)) throw new InputError(file, place, 'expected an object with id, fileName, date and file or url');
  const url = nullableString(raw, 'url', file, place);
  const hasFile = raw.file !== null && raw.file !== undefined;
  if (!hasFile && !url) throw new InputError(file, place, 'expected a "file" inside the archive or a "url"');
  const date = requireString(raw, 'date', file, place);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InputError(file, `${place}.date`, `expected a date YYYY-MM-DD, found "${date}"`);
  const id = requireString(raw, 'id', file, place);
  return {
    workspaceKey: key,
    id,
    name: nullableString(raw, 'name', file, place) ?? id,
    fileName: requireString(raw, 'fileName', file, place),
    bytes: hasFile ? entryBytes(entries, raw, file, place) : null,
    url,
    date,
    addedAt: requireString(raw, 'addedAt', file, place),
  };
}

/**
 * A stored case (from a backup or from the browser's database) read through the core's migration, so a
 * damaged record is refused with its place named instead of breaking a view later, and an older schema
 * version is brought up to date. `place` names the record, e.g. `cases.json: cases[3]`.
 */
export function checkCaseFile(raw: unknown, file: string, place: string): CaseFile {
  return migrateCaseFile(raw, `${file} ${place}`);
}

// ---- patch review logs ----

const PATCH_VINTAGES: readonly PatchVintage[] = ['新增', '存量'];

function anyString(obj: Json, key: string, file: string, place: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new InputError(file, field(place, key), `expected a string, found ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

function wholeNumber(obj: Json, key: string, file: string, place: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InputError(file, field(place, key), `expected a whole number from 1, found ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

function judgementOf(obj: Json, key: string, file: string, place: string, nullable: boolean): PatchJudgement | null {
  const value = obj[key];
  if (nullable && value === null) return null;
  if (!isPatchJudgement(value)) throw new InputError(file, field(place, key), `expected one of ${PATCH_JUDGEMENTS.join(', ')}${nullable ? ' or null' : ''}, found ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

/** A verdict of a log entry (its before or after), or null. The subtype is not checked against today's list: a subtype retired later must not make an old log unreadable. */
function checkVerdict(raw: unknown, file: string, place: string): PatchVerdict | null {
  if (raw === null) return null;
  if (!isObject(raw)) throw new InputError(file, place, `expected a verdict object or null, found ${JSON.stringify(raw) ?? 'nothing'}`);
  const vintage = raw.vintage ?? null;
  if (vintage !== null && !PATCH_VINTAGES.includes(vintage as PatchVintage)) {
    throw new InputError(file, field(place, 'vintage'), `expected ${PATCH_VINTAGES.join(', ')} or null, found ${JSON.stringify(vintage)}`);
  }
  const rawSuggested = raw.suggested ?? null;
  let suggested: PatchVerdict['suggested'] = null;
  if (rawSuggested !== null) {
    const at = field(place, 'suggested');
    if (!isObject(rawSuggested)) throw new InputError(file, at, `expected an object or null, found ${JSON.stringify(rawSuggested)}`);
    suggested = { judgement: judgementOf(rawSuggested, 'judgement', file, at, true), subtype: anyString(rawSuggested, 'subtype', file, at), reason: anyString(rawSuggested, 'reason', file, at) };
  }
  return {
    judgement: judgementOf(raw, 'judgement', file, place, false)!,
    subtype: anyString(raw, 'subtype', file, place),
    vintage: vintage as PatchVintage | null,
    note: anyString(raw, 'note', file, place),
    reviewer: anyString(raw, 'reviewer', file, place),
    at: anyString(raw, 'at', file, place),
    suggested,
  };
}

/**
 * One entry of a patch review log (from a backup or from the browser's database) checked and rebuilt with
 * exactly the fields of PatchLogEntry, so a damaged entry is refused with its place instead of breaking the
 * review later. `place` names the entry, e.g. `patches.json: logs["patches"][3]`.
 */
export function checkPatchLogEntry(raw: unknown, file: string, place: string): PatchLogEntry {
  if (!isObject(raw)) throw new InputError(file, place, 'expected a log entry object with seq, layerId, patchId, kind, before and after');
  const kind = raw.kind;
  if (kind !== 'judge' && kind !== 'undo') throw new InputError(file, field(place, 'kind'), `expected "judge" or "undo", found ${JSON.stringify(kind) ?? 'nothing'}`);
  for (const key of ['before', 'after']) {
    if (!(key in raw)) throw new InputError(file, field(place, key), 'expected a verdict object or null, found nothing');
  }
  const entry: PatchLogEntry = {
    seq: wholeNumber(raw, 'seq', file, place),
    layerId: requireString(raw, 'layerId', file, place),
    patchId: anyString(raw, 'patchId', file, place),
    kind,
    before: checkVerdict(raw.before, file, field(place, 'before')),
    after: checkVerdict(raw.after, file, field(place, 'after')),
    reviewer: anyString(raw, 'reviewer', file, place),
    at: anyString(raw, 'at', file, place),
  };
  if (raw.undoes !== undefined || kind === 'undo') entry.undoes = wholeNumber(raw, 'undoes', file, place);
  return entry;
}

/**
 * The review logs of a workspace (layer id → entries), every entry checked, filed under its own layer and
 * with a seq of its own; each log comes back sorted by seq, and a layer with an empty log is left out.
 */
export function checkPatchLogs(raw: unknown, file: string, place: string): Record<string, PatchLogEntry[]> {
  if (!isObject(raw)) throw new InputError(file, place, 'expected an object of layer id → list of log entries');
  const logs: Record<string, PatchLogEntry[]> = {};
  for (const [layerId, list] of Object.entries(raw)) {
    const at = `${place}[${JSON.stringify(layerId)}]`;
    if (layerId === '') throw new InputError(file, at, 'expected a layer id, found an empty name');
    if (!Array.isArray(list)) throw new InputError(file, at, 'expected a list of log entries');
    const seen = new Set<number>();
    const entries = list.map((item: unknown, index) => {
      const entry = checkPatchLogEntry(item, file, `${at}[${index}]`);
      if (entry.layerId !== layerId) throw new InputError(file, `${at}[${index}].layerId`, `"${entry.layerId}" in the log of layer "${layerId}"`);
      if (seen.has(entry.seq)) throw new InputError(file, `${at}[${index}].seq`, `entry ${entry.seq} is listed twice`);
      seen.add(entry.seq);
      return entry;
    });
    if (entries.length) logs[layerId] = entries.sort((a, b) => a.seq - b.seq);
  }
  return logs;
}

function readPatchLogs(entries: Record<string, Uint8Array>, file: string): Record<string, PatchLogEntry[]> {
  const json = parseJsonEntry(entries, PATCHES_ENTRY, file, `a LandCheck workspace backup of version 2 or later holds ${PATCHES_ENTRY} at its top level (the backup is incomplete)`);
  checkVersion(json, file, PATCHES_ENTRY, PATCH_REVIEW_SCHEMA_VERSION);
  return checkPatchLogs(json.logs, file, `${PATCHES_ENTRY}: logs`);
}

/**
 * A workspace backup read back, every part checked: the file names the zip, the place names the entry
 * and the field. Nothing is returned unless all of it is sound, so a bad backup never half-restores.
 * Asynchronous because layer checksums use Web Crypto (the same SHA-256 as verification.json).
 */
export async function readWorkspaceArchive(bytes: Uint8Array, fileName: string): Promise<WorkspaceSnapshot> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipBounded(bytes);
  } catch (error) {
    throw new InputError(fileName, null, `not a readable zip archive (${(error as Error).message}); a LandCheck backup is a ${WORKSPACE_ARCHIVE_SUFFIX} file`);
  }

  const manifest = parseJsonEntry(entries, 'workspace.json', fileName);
  if (manifest.format !== WORKSPACE_ARCHIVE_FORMAT) {
    throw new InputError(fileName, 'workspace.json: format', `expected "${WORKSPACE_ARCHIVE_FORMAT}", found ${JSON.stringify(manifest.format) ?? 'nothing'}`);
  }
  checkVersion(manifest, fileName, 'workspace.json', WORKSPACE_SCHEMA_VERSION);
  const key = requireString(manifest, 'key', fileName, 'workspace.json');
  const name = requireString(manifest, 'name', fileName, 'workspace.json');
  const savedAt = requireString(manifest, 'savedAt', fileName, 'workspace.json');
  for (const list of ['layers', 'imagery'] as const) {
    if (!Array.isArray(manifest[list])) throw new InputError(fileName, `workspace.json: ${list}`, 'expected a list');
  }
  const settings = manifest.settings ?? {};
  if (!isObject(settings)) throw new InputError(fileName, 'workspace.json: settings', 'expected an object of setting name → value');

  const layers: StoredLayer[] = [];
  // One at a time so the first bad layer is the one reported, whatever the hashing order.
  for (const [index, raw] of (manifest.layers as unknown[]).entries()) layers.push(await readLayer(raw, index, key, entries, fileName));
  uniqueIds(layers, fileName, 'workspace.json: layers');
  const imagery = (manifest.imagery as unknown[]).map((raw, index) => readImagery(raw, index, key, entries, fileName));
  uniqueIds(imagery, fileName, 'workspace.json: imagery');

  const casesJson = parseJsonEntry(entries, 'cases.json', fileName);
  checkVersion(casesJson, fileName, 'cases.json', CASE_FILE_SCHEMA_VERSION);
  if (!Array.isArray(casesJson.cases)) throw new InputError(fileName, 'cases.json: cases', 'expected a list of cases');
  const cases = (casesJson.cases as unknown[]).map((raw, index) => checkCaseFile(raw, fileName, `cases.json: cases[${index}]`));
  const seen = new Set<string>();
  cases.forEach((c, index) => {
    if (seen.has(c.record.id)) throw new InputError(fileName, `cases.json: cases[${index}].record.id`, `case "${c.record.id}" is listed twice`);
    seen.add(c.record.id);
  });

  // Version 1 had no patch review; a patches.json in such an archive was not written by LandCheck and is ignored.
  const patchLogs = (manifest.schemaVersion as number) >= 2 ? readPatchLogs(entries, fileName) : {};

  return { schemaVersion: manifest.schemaVersion as number, key, name, savedAt, cases, layers, imagery, settings, patchLogs };
}
