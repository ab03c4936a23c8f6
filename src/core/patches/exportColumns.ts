import { roundMu4 } from '../crs/area';
import type { Breakdown } from '../verify/types';
import type { PatchRow } from './queue';

// The columns of the review results (DESIGN §5; issue 7): the same values in every format, headed in
// Chinese in XLSX and GeoJSON, and by the ministry's short field names in a Shapefile (a DBF field name
// holds 10 bytes, five Chinese characters in GBK at most).

export interface PatchExportColumn {
  /** Header in XLSX and property name in GeoJSON. */
  header: string;
  /** DBF field name (ASCII, ≤ 10 characters). */
  dbf: string;
  value: (row: PatchRow, breakdown: Breakdown | null) => string | number | null;
}

/** Areas in mu to 4 decimals: enough to add up to the total at the 0.0001 mu a ledger shows. */
const mu4 = (x: number | undefined | null) => (x === undefined || x === null ? null : roundMu4(x));

export const PATCH_EXPORT_COLUMNS: readonly PatchExportColumn[] = [
  { header: '图斑编号', dbf: 'JCBH', value: (r) => r.id },
  { header: '行政区代码', dbf: 'XZQDM', value: (r) => r.district },
  { header: '图斑类型', dbf: 'TBLX', value: (r) => r.type },
  { header: '前时相', dbf: 'QSX', value: (r) => r.beforeDate ?? '' },
  { header: '后时相', dbf: 'HSX', value: (r) => r.afterDate ?? '' },
  { header: '判定', dbf: 'PD', value: (r) => r.judgement ?? '' },
  { header: '判定子类', dbf: 'PDZL', value: (r) => r.subtype },
  { header: '新增存量', dbf: 'XZCL', value: (r) => (r.judgement === '违法' ? r.vintage ?? '' : '') },
  { header: '面积（亩）', dbf: 'MJ_MU', value: (r) => mu4(r.areaMu) },
  { header: '面积（平方米）', dbf: 'MJ_M2', value: (r) => Math.round(r.areaM2 * 100) / 100 },
  { header: '占耕地（亩）', dbf: 'GD_MU', value: (_, b) => mu4(b?.farmlandMu) },
  { header: '占非耕农用地（亩）', dbf: 'FGNYD_MU', value: (_, b) => mu4(b?.otherAgriculturalMu) },
  { header: '占未利用地（亩）', dbf: 'WLYD_MU', value: (_, b) => mu4(b?.unusedMu) },
  { header: '建设用地（亩）', dbf: 'JSYD_MU', value: (_, b) => mu4(b?.constructionMu) },
  { header: '占永久基本农田（亩）', dbf: 'JBNT_MU', value: (_, b) => mu4(b?.basicFarmlandMu) },
  { header: '占生态保护红线（亩）', dbf: 'STHX_MU', value: (_, b) => mu4(b?.ecoRedlineMu) },
  { header: '涉及永久基本农田', dbf: 'SFYN', value: (r) => (r.basicFarmland ? '是' : '否') },
  { header: '涉及生态保护红线', dbf: 'SFHX', value: (r) => (r.redline ? '是' : '否') },
  { header: '建议判定', dbf: 'JYPD', value: (r) => r.suggested ?? '' },
  { header: '建议理由', dbf: 'JYLY', value: (r) => r.reason },
  { header: '判定来源', dbf: 'PDLY', value: (r) => (r.from === 'review' ? '核查' : r.from === 'file' ? '原数据' : '') },
  { header: '核查人', dbf: 'HCR', value: (r) => r.reviewer },
  { header: '核查时间', dbf: 'HCSJ', value: (r) => r.at },
  { header: '备注', dbf: 'BZ', value: (r) => r.note },
];

/** One record per patch: header → value, or DBF name → value. */
export function patchExportRecord(row: PatchRow, breakdown: Breakdown | null, names: 'header' | 'dbf'): Record<string, string | number | null> {
  return Object.fromEntries(PATCH_EXPORT_COLUMNS.map((c) => [c[names], c.value(row, breakdown)]));
}

