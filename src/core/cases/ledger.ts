import { InputError } from '../errors';
import { DEFAULT_CASE_RADIUS_M } from '../model';
import type { Attributes, CaseRecord } from '../model';

// Turns ledger rows (CSV/XLSX, already parsed into header → text) into cases. Bureaus name their
// columns differently, so each canonical field has aliases; the row itself is kept untouched.

type CaseField = 'id' | 'receivedDate' | 'channel' | 'category' | 'petitioner' | 'phone' | 'complaint' | 'demands' | 'place' | 'status' | 'officer' | 'lon' | 'lat' | 'radiusM';

export const CASE_FIELD_ALIASES: Record<CaseField, readonly string[]> = {
  id: ['案件编号', '信访编号', '编号', 'id', 'case_id', 'caseid'],
  receivedDate: ['登记日期', '收件日期', '来信日期', 'received', 'received_date', 'date'],
  channel: ['来源渠道', '信访形式', '渠道', 'channel'],
  category: ['问题类别', '类别', 'category'],
  petitioner: ['信访人', '反映人', '姓名', 'petitioner', 'name'],
  phone: ['联系电话', '电话', 'phone'],
  complaint: ['反映问题', '信访内容', '主要内容', 'complaint'],
  demands: ['诉求', '信访诉求', 'demands'],
  place: ['涉及地点', '地点', '位置', 'place', 'location'],
  status: ['办理状态', '状态', 'status'],
  officer: ['承办人', 'officer'],
  lon: ['经度', 'lon', 'lng', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  radiusM: ['核查半径', '核查半径(米)', '半径', 'radius', 'radius_m'],
};

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

function parseNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : null;
}

/**
 * Cases from ledger rows. `firstLine` is the line number of rows[0] in the file (2 for a CSV with one
 * header line), so errors point at the line a user sees in a spreadsheet.
 */
export function casesFromRows(rows: readonly Record<string, string>[], file: string, firstLine = 2): CaseRecord[] {
  const header = rows.length > 0 ? Object.keys(rows[0] as object) : [];
  const columns = mapCaseColumns(header);
  for (const required of ['id', 'lon', 'lat'] as const) {
    if (rows.length > 0 && !columns[required]) {
      throw new InputError(file, 'header', `no column for the case ${required === 'id' ? 'number' : required === 'lon' ? 'longitude' : 'latitude'} (expected one of ${CASE_FIELD_ALIASES[required].join(', ')})`);
    }
  }
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const line = `line ${firstLine + index}`;
    const get = (field: CaseField): string | null => {
      const column = columns[field];
      const value = column === undefined ? undefined : row[column];
      return value === undefined || value.trim() === '' ? null : value.trim();
    };
    const id = get('id');
    if (!id) throw new InputError(file, line, 'the case has no number');
    if (seen.has(id)) throw new InputError(file, line, `duplicate case number "${id}"`);
    seen.add(id);
    const lon = parseNumber(get('lon') ?? undefined);
    const lat = parseNumber(get('lat') ?? undefined);
    if (lon === null || lat === null || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new InputError(file, line, `case ${id} has no valid location (expected longitude and latitude in degrees, found "${get('lon') ?? ''}", "${get('lat') ?? ''}")`);
    }
    const radius = parseNumber(get('radiusM') ?? undefined);
    if (radius !== null && radius <= 0) throw new InputError(file, line, `case ${id}: the radius must be a positive number of metres`);
    const attributes: Attributes = { ...row };
    return {
      id,
      receivedDate: get('receivedDate'),
      channel: get('channel'),
      category: get('category'),
      petitioner: get('petitioner'),
      phone: get('phone'),
      complaint: get('complaint'),
      demands: get('demands'),
      place: get('place'),
      status: get('status'),
      officer: get('officer'),
      geometry: { type: 'Point', coordinates: [lon, lat] },
      radiusM: radius ?? DEFAULT_CASE_RADIUS_M,
      attributes,
    };
  });
}
