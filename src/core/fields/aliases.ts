import type { LayerKind } from '../model';

// Field names differ between bureaus (DESIGN §2): each layer kind has an alias table from canonical
// fields to the names seen in the wild. Auto-mapping picks the first alias present; the user can correct
// it; the original attributes are never changed.

export type FieldMapping = Record<string, string>;

export const FIELD_ALIASES: Record<LayerKind, Record<string, readonly string[]>> = {
  approved_land: {
    id: ['批准文号', 'PZWH', 'PFWH', '批复文号', 'APPROVAL_NO'],
    date: ['批准日期', 'PZRQ', 'PFRQ', '批复日期', 'APPROVAL_DATE'],
    area: ['批准面积', 'PZMJ', 'PFMJ', 'AREA_HA'],
    use: ['用途', 'YT', 'TDYT'],
    name: ['项目名称', 'XMMC', 'NAME'],
  },
  land_supply: {
    id: ['电子监管号', 'DZJGH', 'JGH'],
    method: ['供地方式', 'GDFS'],
    grantee: ['受让人', 'SRR', '土地使用权人'],
    date: ['供地日期', 'GDRQ', '合同签订日期'],
  },
  real_estate: {
    id: ['宗地代码', 'ZDDM', '不动产单元号', 'BDCDYH', 'ML', 'MAP_LOT', 'PARCEL_ID', 'PIN', 'APN'],
    owner: ['权利人', 'QLR', 'QLRMC', 'OWNER'],
    rightType: ['权利性质', 'QLXZ'],
    use: ['用途', 'YT', 'TDYT'],
    area: ['宗地面积', 'ZDMJ', 'MJ'],
  },
  land_use: {
    id: ['标识码', 'BSM', 'TBBH', '图斑编号'],
    code: ['地类编码', 'DLBM', 'DLDM'],
    name: ['地类名称', 'DLMC'],
    area: ['图斑面积', 'TBMJ', 'MJ'],
    owner: ['权属单位名称', 'QSDWMC'],
  },
  basic_farmland: {
    id: ['图斑编号', 'TBBH', 'JBNTTBBH', 'BSM'],
    area: ['面积', 'MJ', 'TBMJ', 'JBNTMJ'],
  },
  eco_redline: {
    id: ['名称', 'HXMC', 'MC', 'BSM', 'NAME'],
    type: ['类型', 'HXLX', 'LX', 'TYPE'],
  },
  urban_boundary: {
    id: ['名称', 'MC', 'BSM', 'NAME'],
  },
  planning_zone: {
    id: ['编号', 'BSM', 'FQBH'],
    zone: ['分区类型', 'FQLX', 'YTFQ', 'GNFQ'],
  },
  satellite_patch: {
    id: ['图斑编号', 'JCBH', 'TBBH', '监测编号'],
    district: ['行政区代码', 'XZQDM'],
    type: ['图斑类型', 'TBLX'],
    before: ['前时相', 'QSX'],
    after: ['后时相', 'HSX'],
    landClass: ['原地类', 'DLBM', 'YDL'],
    basicFarmland: ['是否涉及永久基本农田', 'SFYN', 'SFJBNT'],
    redline: ['是否涉及生态保护红线', 'SFHX', 'SFSTHX'],
    area: ['监测面积', 'JCMJ', '面积', 'MJ', 'TBMJ'],
    judgement: ['判定', 'PD', 'PDLX', '判定类型'],
    subtype: ['判定子类', 'PDZL', '子类'],
    note: ['备注', 'BZ', '说明'],
  },
};

/** Auto-maps source fields to canonical ones by the alias table; a name in `overrides` wins. */
export function mapFields(kind: LayerKind, sourceFields: readonly string[], overrides: FieldMapping = {}): FieldMapping {
  const byUpper = new Map(sourceFields.map((f) => [f.trim().toUpperCase(), f]));
  const mapping: FieldMapping = {};
  for (const [canonical, aliases] of Object.entries(FIELD_ALIASES[kind])) {
    const hit = aliases.map((a) => byUpper.get(a.toUpperCase())).find((f) => f !== undefined);
    if (hit !== undefined) mapping[canonical] = hit;
  }
  for (const [canonical, source] of Object.entries(overrides)) mapping[canonical] = source;
  return mapping;
}

/** The field that identifies features when the layer kind is not known: the first id alias of any kind present. */
export function guessIdField(sourceFields: readonly string[]): string | null {
  const byUpper = new Map(sourceFields.map((f) => [f.trim().toUpperCase(), f]));
  const generic = ['ID', 'FID', 'OBJECTID'];
  const aliases = [...Object.values(FIELD_ALIASES).flatMap((k) => k.id ?? []), ...generic];
  for (const alias of aliases) {
    const hit = byUpper.get(alias.toUpperCase());
    if (hit !== undefined) return hit;
  }
  return null;
}
