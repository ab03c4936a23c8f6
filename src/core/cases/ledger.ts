import { InputError } from '../errors';
import { DEFAULT_CASE_RADIUS_M } from '../model';
import type { Attributes, CaseRecord, Feature, Polygon } from '../model';

// Turns ledger rows (CSV/XLSX, already parsed into header → text) into cases. Bureaus name their
// columns differently, so each canonical field has aliases, and the user may correct the match by
// hand (a mapping); the row itself is kept untouched in `attributes`.

/** Every canonical ledger field, in the order a mapping dialog shows them. */
export const CASE_FIELDS = [
  'id',
  'receivedDate',
  'channel',
  'category',
  'petitioner',
  'phone',
  'idNumber',
  'complaint',
  'demands',
  'place',
  'lon',
  'lat',
  'radiusM',
  'status',
  'officer',
  'acceptedDate',
  'repliedDate',
  'closedDate',
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/** Canonical field → the column the user chose; null means "this ledger has no such column". */
export type CaseColumnMapping = Partial<Record<CaseField, string | null>>;

export const CASE_FIELD_ALIASES: Record<CaseField, readonly string[]> = {
  id: ['案件编号', '信访编号', '编号', 'id', 'case_id', 'caseid'],
  receivedDate: ['登记日期', '收件日期', '来信日期', 'received', 'received_date', 'date'],
  channel: ['来源渠道', '信访形式', '渠道', 'channel'],
  category: ['问题类别', '类别', 'category'],
  petitioner: ['信访人', '反映人', '姓名', 'petitioner', 'name'],
  phone: ['联系电话', '电话', 'phone'],
  idNumber: ['身份证号', '身份证号码', '证件号码', 'id_number', 'idnumber'],
  complaint: ['反映问题', '信访内容', '主要内容', 'complaint'],
  demands: ['诉求', '信访诉求', 'demands'],
  place: ['涉及地点', '地点', '位置', 'place', 'location'],
  status: ['办理状态', '状态', 'status'],
  officer: ['承办人', 'officer'],
  lon: ['经度', 'lon', 'lng', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  radiusM: ['核查半径', '核查半径(米)', '半径', 'radius', 'radius_m'],
  acceptedDate: ['受理日期', 'accepted', 'accepted_date'],
  repliedDate: ['答复日期', 'replied', 'replied_date'],
  closedDate: ['办结日期', '销号日期', 'closed', 'closed_date'],
};

/** The date fields of a ledger: read as YYYY-MM-DD, refused when unreadable. */
const DATE_FIELDS = ['receivedDate', 'acceptedDate', 'repliedDate', 'closedDate'] as const satisfies readonly CaseField[];

/** Which column of the header holds each canonical field (first alias found wins). */
export function mapCaseColumns(header: readonly string[]): Partial<Record<CaseField, string>> {
  const byLower = new Map(header.map((h) => [h.trim().toLowerCase(), h]));
  const mapping: Partial<Record<CaseField, string>> = {};
  for (const [field, aliases] of Object.entries(CASE_FIELD_ALIASES) as [CaseField, readonly string[]][]) {
    const hit = aliases.map((a) => byLower.get(a.toLowerCase())).find((h) => h !== undefined);
    if (hit !== undefined) mapping[field] = hit;
  }
  return mapping;
}

/** The aliases' mapping with the user's choices laid over it (a null choice removes the field). */
function resolveColumns(header: readonly string[], chosen: CaseColumnMapping | undefined): Partial<Record<CaseField, string>> {
  const columns = mapCaseColumns(header);
  for (const [field, column] of Object.entries(chosen ?? {}) as [CaseField, string | null | undefined][]) {
    if (column === undefined) continue;
    if (column === null) delete columns[field];
    else columns[field] = column;
  }
  return columns;
}

function parseNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && year >= 1900 && year <= 2999 ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

// Excel counts days from 1899-12-30 (the 1900 system with its phantom 29 February already absorbed).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A ledger date as YYYY-MM-DD: 2026-07-03, 2026/7/3, 2026.7.3, 2026年7月3日, 20260703, any of these
 * followed by a time of day, or an Excel date serial (an unformatted date cell). Null when unreadable.
 */
export function parseLedgerDate(text: string): string | null {
  const t = text.normalize('NFKC').trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // Serials of 1950-01-01 … 2099-12-31; a bare number outside that range is no date.
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const serial = Math.floor(Number(t));
    if (serial >= 18264 && serial <= 73050) return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
  }
  return null;
}

const DATE_EXAMPLES = 'a date such as 2026-07-03, 2026/7/3 or 2026年7月3日';

function readDate(text: string | null, file: string, place: string, column: string): string | null {
  if (text === null) return null;
  const date = parseLedgerDate(text);
  if (date === null) throw new InputError(file, `${place}, column ${column}`, `expected ${DATE_EXAMPLES}, found "${text.slice(0, 40)}"`);
  return date;
}

/**
 * Cases from ledger features: the attributes as read (header → value) and the location already in
 * lon/lat (EPSG:4490), decided by the reader from lon/lat (decimal or DMS), X/Y with a CRS, WKT or a
 * geometry. `place` names where feature i sits in the file (a spreadsheet line by default: line 2 is the
 * first row under the header), so errors point where the user will look. `mapping` is the user's choice
 * of columns, laid over the aliases. Dates are checked here (so a bad one is refused at import, with its
 * line) and the received date is stored as YYYY-MM-DD.
 */
export function casesFromFeatures(
  features: readonly Feature[],
  file: string,
  place: (index: number) => string = (i) => `line ${i + 2}`,
  mapping?: CaseColumnMapping,
): CaseRecord[] {
  const header = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const columns = resolveColumns(header, mapping);
  if (features.length > 0) {
    for (const [field, column] of Object.entries(columns) as [CaseField, string][]) {
      if (!header.includes(column)) throw new InputError(file, 'header', `the column "${column}" chosen for ${field} is not in the file (its columns: ${header.join(', ')})`);
    }
    if (!columns.id) throw new InputError(file, 'header', `no column for the case number (expected one of ${CASE_FIELD_ALIASES.id.join(', ')})`);
  }
  const seen = new Set<string>();
  return features.map((feature, index) => {
    const line = place(index);
    const get = (field: CaseField): string | null => {
      const column = columns[field];
      const value = column === undefined ? undefined : feature.properties[column];
      return value === undefined || value === null || String(value).trim() === '' ? null : String(value).trim();
    };
    const id = get('id');
    if (!id) throw new InputError(file, line, 'the case has no number');
    if (seen.has(id)) throw new InputError(file, line, `duplicate case number "${id}"`);
    seen.add(id);
    const g = feature.geometry;
    const geometry = g && (g.type === 'Point' || g.type === 'Polygon' || g.type === 'LineString') ? g : g?.type === 'MultiPolygon' && g.coordinates.length === 1 ? ({ type: 'Polygon', coordinates: g.coordinates[0]! } as Polygon) : null;
    if (!geometry) {
      throw new InputError(file, line, `case ${id} has no valid location (expected longitude/latitude, X/Y with a CRS, or a point, line or polygon${g ? `; found ${g.type}` : ''})`);
    }
    const radius = parseNumber(get('radiusM') ?? undefined);
    if (radius !== null && radius <= 0) throw new InputError(file, line, `case ${id}: the radius must be a positive number of metres`);
    const dates = Object.fromEntries(DATE_FIELDS.map((field) => [field, readDate(get(field), file, line, columns[field] ?? field)])) as Record<(typeof DATE_FIELDS)[number], string | null>;
    const attributes: Attributes = { ...feature.properties };
    return {
      id,
      receivedDate: dates.receivedDate,
      channel: get('channel'),
      category: get('category'),
      petitioner: get('petitioner'),
      phone: get('phone'),
      complaint: get('complaint'),
      demands: get('demands'),
      place: get('place'),
      status: get('status'),
      officer: get('officer'),
      geometry,
      radiusM: radius ?? DEFAULT_CASE_RADIUS_M,
      attributes,
    };
  });
}

/** Ledger fields a CaseRecord does not carry, read back from its attributes. */
export interface CaseExtras {
  idNumber: string | null;
  /** YYYY-MM-DD */
  acceptedDate: string | null;
  repliedDate: string | null;
  closedDate: string | null;
}

/**
 * The identity-card number and the acceptance, reply and closing dates of an imported case, read from
 * its row through the mapping it was imported with (or the aliases). Dates come out as YYYY-MM-DD; an
 * unreadable one is refused, naming the case and the column (`file` names the ledger in the message).
 */
export function caseExtras(record: CaseRecord, mapping?: CaseColumnMapping, file = 'ledger'): CaseExtras {
  const columns = resolveColumns(Object.keys(record.attributes), mapping);
  const get = (field: CaseField): string | null => {
    const column = columns[field];
    const value = column === undefined ? undefined : record.attributes[column];
    return value === undefined || value === null || String(value).trim() === '' ? null : String(value).trim();
  };
  const place = `case ${record.id}`;
  return {
    idNumber: get('idNumber'),
    acceptedDate: readDate(get('acceptedDate'), file, place, columns.acceptedDate ?? 'acceptedDate'),
    repliedDate: readDate(get('repliedDate'), file, place, columns.repliedDate ?? 'repliedDate'),
    closedDate: readDate(get('closedDate'), file, place, columns.closedDate ?? 'closedDate'),
  };
}
