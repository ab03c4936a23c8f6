import { InputError } from '../errors';
import { DEFAULT_CASE_RADIUS_M } from '../model';
import type { Attributes, CaseRecord, Feature, Polygon } from '../model';

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
 * Cases from ledger features: the attributes as read (header → value) and the location already in
 * lon/lat (EPSG:4490), decided by the reader from lon/lat (decimal or DMS), X/Y with a CRS, WKT or a
 * geometry. `place` names where feature i sits in the file (a spreadsheet line by default: line 2 is the
 * first row under the header), so errors point where the user will look.
 */
export function casesFromFeatures(features: readonly Feature[], file: string, place: (index: number) => string = (i) => `line ${i + 2}`): CaseRecord[] {
  const header = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const columns = mapCaseColumns(header);
  if (features.length > 0 && !columns.id) {
    throw new InputError(file, 'header', `no column for the case number (expected one of ${CASE_FIELD_ALIASES.id.join(', ')})`);
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
    const attributes: Attributes = { ...feature.properties };
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
      geometry,
      radiusM: radius ?? DEFAULT_CASE_RADIUS_M,
      attributes,
    };
  });
}
