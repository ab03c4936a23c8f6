import { InputError } from '../errors';
import type { Attributes, CaseRecord, Position } from '../model';
import type { Lang } from '../rules/ruleSet';
import type { CaseVerification } from '../verify/types';
import type { AuditAction, AuditEntry, CaseFile, Extension, FactsSnapshot, SavedOpinion } from './caseFile';
import { CASE_FILE_SCHEMA_VERSION, CASE_STATUSES } from './caseFile';
import { isIsoDate } from './dates';

// Reading a stored case file back (IndexedDB, a workspace archive): check every field before the app
// trusts it, and name the first thing wrong so a damaged backup is refused rather than half-loaded
// (DESIGN §8). Version 1 is the only version so far; a newer one is refused, never guessed at.

const AUDIT_ACTIONS: readonly AuditAction[] = ['registered', 'imported', 'edited', 'status', 'assigned', 'extended', 'verified', 'opinionSaved', 'letterDrafted'];
const LANGS: readonly Lang[] = ['zh-CN', 'en'];

type Json = Record<string, unknown>;

/** Field checks that throw InputError(where, path, what was expected). */
class Reader {
  constructor(private readonly where: string) {}

  fail(path: string, expected: string, value: unknown): never {
    const found = value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 60) ?? String(value);
    throw new InputError(this.where, path, `expected ${expected}, found ${found}`);
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'an object', value);
    return value as Json;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'a list', value);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'text', value);
    return value;
  }

  textOrNull(value: unknown, path: string): string | null {
    return value === null || value === undefined ? null : this.string(value, path);
  }

  dateOrNull(value: unknown, path: string): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string' || !isIsoDate(value)) this.fail(path, 'a date YYYY-MM-DD or null', value);
    return value;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
    if (!allowed.includes(value as T)) this.fail(path, `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  position(value: unknown, path: string): Position {
    const p = this.array(value, path);
    if ((p.length !== 2 && p.length !== 3) || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) this.fail(path, 'a coordinate [x, y]', value);
    return p as Position;
  }
}

function readGeometry(r: Reader, value: unknown, path: string): CaseRecord['geometry'] {
  const g = r.object(value, path);
  const type = r.oneOf(g.type, ['Point', 'LineString', 'Polygon'] as const, `${path}.type`);
  const at = `${path}.coordinates`;
  if (type === 'Point') return { type, coordinates: r.position(g.coordinates, at) };
  if (type === 'LineString') {
    const line = r.array(g.coordinates, at).map((p, i) => r.position(p, `${at}[${i}]`));
    if (line.length < 2) r.fail(at, 'a line of at least 2 positions', g.coordinates);
    return { type, coordinates: line };
  }
  const rings = r.array(g.coordinates, at).map((ring, i) => r.array(ring, `${at}[${i}]`).map((p, j) => r.position(p, `${at}[${i}][${j}]`)));
  if (rings.length === 0 || rings[0]!.length < 4) r.fail(at, 'a polygon ring of at least 4 positions', g.coordinates);
  return { type, coordinates: rings };
}

function readAttributes(r: Reader, value: unknown, path: string): Attributes {
  const raw = r.object(value, path);
  for (const [key, v] of Object.entries(raw)) {
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) r.fail(`${path}.${key}`, 'text, a number, true/false or null', v);
  }
  return { ...(raw as Attributes) };
}

function readRecord(r: Reader, value: unknown): CaseRecord {
  const o = r.object(value, 'record');
  const id = r.string(o.id, 'record.id');
  if (id.trim() === '') r.fail('record.id', 'a case number', o.id);
  const text = (key: keyof CaseRecord) => r.textOrNull(o[key], `record.${key}`);
  if (typeof o.radiusM !== 'number' || !(o.radiusM > 0)) r.fail('record.radiusM', 'a positive number of metres', o.radiusM);
  return {
    id,
    receivedDate: text('receivedDate'),
    channel: text('channel'),
    category: text('category'),
    petitioner: text('petitioner'),
    phone: text('phone'),
    complaint: text('complaint'),
    demands: text('demands'),
    place: text('place'),
    status: text('status'),
    officer: text('officer'),
    geometry: readGeometry(r, o.geometry, 'record.geometry'),
    radiusM: o.radiusM,
    attributes: readAttributes(r, o.attributes ?? {}, 'record.attributes'),
  };
}

function readExtension(r: Reader, value: unknown): Extension | null {
  if (value === null || value === undefined) return null;
  const o = r.object(value, 'extension');
  if (typeof o.days !== 'number' || !Number.isInteger(o.days) || o.days < 1) r.fail('extension.days', 'a whole number of days, at least 1', o.days);
  const grantedDate = r.dateOrNull(o.grantedDate, 'extension.grantedDate');
  if (grantedDate === null) r.fail('extension.grantedDate', 'a date YYYY-MM-DD', o.grantedDate);
  return { days: o.days, grantedDate, reason: r.string(o.reason ?? '', 'extension.reason') };
}

function readFacts(r: Reader, value: unknown, path: string): FactsSnapshot {
  const o = r.object(value, path);
  const layers = r.array(o.layers, `${path}.layers`).map((l, i) => {
    const layer = r.object(l, `${path}.layers[${i}]`);
    const s = (key: string) => r.string(layer[key], `${path}.layers[${i}].${key}`);
    return { id: s('id'), kind: s('kind'), path: s('path'), sha256: s('sha256') };
  });
  const result = r.object(o.result, `${path}.result`);
  r.string(result.id, `${path}.result.id`);
  r.array(result.overlaps, `${path}.result.overlaps`);
  r.array(result.flags, `${path}.result.flags`);
  return {
    verifiedAt: r.string(o.verifiedAt, `${path}.verifiedAt`),
    rulesVersion: r.string(o.rulesVersion, `${path}.rulesVersion`),
    softwareVersion: r.string(o.softwareVersion, `${path}.softwareVersion`),
    layers,
    result: result as unknown as CaseVerification,
    // Snapshots saved before the engine's draft was kept with the facts have none.
    draft: o.draft === undefined ? '' : r.string(o.draft, `${path}.draft`),
    draftLang: o.draftLang === undefined ? 'zh-CN' : r.oneOf(o.draftLang, LANGS, `${path}.draftLang`),
  };
}

function readOpinion(r: Reader, value: unknown): SavedOpinion | null {
  if (value === null || value === undefined) return null;
  const o = r.object(value, 'opinion');
  return {
    lang: r.oneOf(o.lang, LANGS, 'opinion.lang'),
    text: r.string(o.text, 'opinion.text'),
    draft: r.string(o.draft, 'opinion.draft'),
    savedAt: r.string(o.savedAt, 'opinion.savedAt'),
    savedBy: r.string(o.savedBy, 'opinion.savedBy'),
    facts: readFacts(r, o.facts, 'opinion.facts'),
  };
}

function readAudit(r: Reader, value: unknown): AuditEntry[] {
  return r.array(value, 'audit').map((e, i) => {
    const path = `audit[${i}]`;
    const o = r.object(e, path);
    const entry: AuditEntry = { at: r.string(o.at, `${path}.at`), by: r.string(o.by, `${path}.by`), action: r.oneOf(o.action, AUDIT_ACTIONS, `${path}.action`) };
    if (o.from !== undefined) entry.from = r.textOrNull(o.from, `${path}.from`);
    if (o.to !== undefined) entry.to = r.textOrNull(o.to, `${path}.to`);
    if (o.note !== undefined) entry.note = r.string(o.note, `${path}.note`);
    return entry;
  });
}

/**
 * A case file as stored, checked and brought to the current schema. `where` names the source in
 * errors ("workspace backup.zip: cases/XF-2026-0001.json"). Throws InputError naming the field.
 */
export function migrateCaseFile(raw: unknown, where: string): CaseFile {
  const r: Reader = new Reader(where);
  const o = r.object(raw, 'case file');
  const version = o.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) r.fail('schemaVersion', 'a schema version number', version);
  if (version > CASE_FILE_SCHEMA_VERSION) {
    throw new InputError(where, 'schemaVersion', `this case file was written by a newer LandCheck (schema version ${version}); this version reads up to ${CASE_FILE_SCHEMA_VERSION}. Update LandCheck to open it.`);
  }
  return {
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    record: readRecord(r, o.record),
    petitionerIdNumber: r.textOrNull(o.petitionerIdNumber, 'petitionerIdNumber'),
    status: r.oneOf(o.status, CASE_STATUSES, 'status'),
    acceptedDate: r.dateOrNull(o.acceptedDate, 'acceptedDate'),
    repliedDate: r.dateOrNull(o.repliedDate, 'repliedDate'),
    closedDate: r.dateOrNull(o.closedDate, 'closedDate'),
    extension: readExtension(r, o.extension),
    assignee: r.textOrNull(o.assignee, 'assignee'),
    lastVerification: o.lastVerification === null || o.lastVerification === undefined ? null : readFacts(r, o.lastVerification, 'lastVerification'),
    opinion: readOpinion(r, o.opinion),
    audit: readAudit(r, o.audit),
  };
}
