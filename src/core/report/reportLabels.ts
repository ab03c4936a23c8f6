import type { LayerKind } from '../model';
import type { PatchJudgement } from '../patches/patchModel';
import type { Lang } from '../rules/ruleSet';

// Every word the reports print, in zh-CN and en: one interface so the English table cannot miss a label.

export interface CaseReportLabels {
  title: string;
  subtitle: (caseNumber: string, bureau: string) => string;
  footerNote: string;
  sections: { caseData: string; map: string; imagery: string; overlaps: string; nearest: string; breakdown: string; flags: string; opinion: string; signatures: string; sources: string };
  fields: {
    caseNumber: string; receivedDate: string; channel: string; category: string; petitioner: string; phone: string; idNumber: string;
    complaint: string; demands: string; place: string; coordinates: string; zone: string; officer: string; status: string;
  };
  maskedNote: string;
  unmaskedNote: string;
  /** lon/lat and the planar X/Y of the point standing for the case. */
  coordinates: (lon: string, lat: string, x: string, y: string, crs: string, centre: boolean) => string;
  zone: (point: boolean, radiusM: number, m2: string, mu: string) => string;
  noImagery: string;
  overlapColumns: { layer: string; feature: string; attributes: string; areaM2: string; areaMu: string; share: string };
  noOverlaps: string;
  nearestColumns: { layer: string; feature: string; distanceM: string };
  outsideLayers: (names: string) => string;
  /** The key attributes of each layer kind: canonical field (through the layer's mapping) and its label. */
  keyAttributes: Record<LayerKind, [field: string, label: string][]>;
  attributeSeparator: string;
  keyValue: (label: string, value: string) => string;
  breakdownColumns: { item: string; areaMu: string };
  breakdown: { total: string; farmland: string; otherAgricultural: string; unused: string; construction: string; remainder: string; basicFarmland: string; ecoRedline: string };
  noFlags: string;
  opinionFromDraft: string;
  opinionEdited: (by: string, at: string) => string;
  signatures: string[];
  sourceColumns: { layer: string; file: string; date: string; sha256: string };
  sourceFields: { areaCrs: string; rulesVersion: string; verifiedWith: string; verifiedAt: string; reportWith: string; generatedAt: string };
  mapCaption: string;
}

export const CASE_REPORT_LABELS: Record<Lang, CaseReportLabels> = {
  'zh-CN': {
    title: '信访举报核查报告',
    subtitle: (id, bureau) => [`案件编号：${id}`, bureau].filter((t) => t !== '').join('\u3000'),
    footerNote: '内部资料 注意保密',
    sections: {
      caseData: '一、案件基本情况',
      map: '二、位置及套合示意图',
      imagery: '三、遥感影像',
      overlaps: '四、套合情况',
      nearest: '未重叠图层的最近要素',
      breakdown: '套合结果（亩）',
      flags: '五、核查发现',
      opinion: '六、处理意见',
      signatures: '七、签署',
      sources: '八、数据来源',
    },
    fields: {
      caseNumber: '案件编号', receivedDate: '登记日期', channel: '来源渠道', category: '问题类别', petitioner: '信访人', phone: '联系电话', idNumber: '身份证号',
      complaint: '反映问题', demands: '诉求', place: '涉及地点', coordinates: '坐标', zone: '核查范围', officer: '承办人', status: '状态',
    },
    maskedNote: '注：信访人姓名、联系电话、身份证号已脱敏。',
    unmaskedNote: '注：本报告含信访人未脱敏的个人信息，不得向被反映人提供。',
    coordinates: (lon, lat, x, y, crs, centre) => `${centre ? '中心点' : ''}经度 ${lon}°，纬度 ${lat}°（CGCS2000）；X=${x}，Y=${y}（${crs}）`,
    zone: (point, r, m2, mu) => `${point ? `以该点为圆心、半径${r}米的区域` : '所附范围'}，面积 ${m2} 平方米（${mu} 亩）`,
    noImagery: '无覆盖该位置的影像。',
    overlapColumns: { layer: '图层', feature: '要素编号', attributes: '主要属性', areaM2: '面积（平方米）', areaMu: '面积（亩）', share: '占比' },
    noOverlaps: '核查范围与各图层要素均无重叠。',
    nearestColumns: { layer: '图层', feature: '最近要素', distanceM: '距离（米）' },
    outsideLayers: (names) => `核查范围位于以下图层的数据范围之外，无法核查：${names}。`,
    keyAttributes: {
      approved_land: [['date', '批准日期'], ['use', '用途'], ['name', '项目名称']],
      land_supply: [['method', '供地方式'], ['grantee', '受让人'], ['date', '供地日期']],
      real_estate: [['owner', '权利人'], ['rightType', '权利性质'], ['use', '用途']],
      land_use: [['code', '地类'], ['owner', '权属单位']],
      basic_farmland: [],
      eco_redline: [['type', '类型']],
      urban_boundary: [],
      planning_zone: [['zone', '分区类型']],
      satellite_patch: [['type', '图斑类型'], ['before', '前时相'], ['after', '后时相'], ['judgement', '判定'], ['subtype', '子类']],
    },
    attributeSeparator: '；',
    keyValue: (label, value) => `${label}：${value}`,
    breakdownColumns: { item: '项目', areaMu: '面积（亩）' },
    breakdown: {
      total: '地块面积', farmland: '占耕地', otherAgricultural: '占非耕农用地', unused: '占未利用地', construction: '建设用地',
      remainder: '无地类余量', basicFarmland: '占永久基本农田', ecoRedline: '占生态保护红线',
    },
    noFlags: '经核查，未发现违法违规用地情形。',
    opinionFromDraft: '（以下为系统根据核查结果起草的意见，尚未经承办人修改保存。）',
    opinionEdited: (by, at) => `（承办人${by}于${at}保存。）`,
    signatures: ['承办人', '审核人', '负责人'],
    sourceColumns: { layer: '图层', file: '文件', date: '数据日期', sha256: 'SHA-256 校验值' },
    sourceFields: { areaCrs: '面积计算坐标系', rulesVersion: '规则版本', verifiedWith: '核查软件版本', verifiedAt: '核查时间', reportWith: '报告生成软件版本', generatedAt: '报告生成时间' },
    mapCaption: '图1 案件位置及套合示意图',
  },
  en: {
    title: 'Verification report',
    subtitle: (id, bureau) => [`Case ${id}`, bureau].filter((t) => t !== '').join(' · '),
    footerNote: 'Internal — confidential',
    sections: {
      caseData: '1. Case data',
      map: '2. Location and overlaps map',
      imagery: '3. Remote-sensing imagery',
      overlaps: '4. Overlaps',
      nearest: 'Nearest features of layers without overlap',
      breakdown: 'Overlay breakdown (mu)',
      flags: '5. Findings',
      opinion: '6. Processing opinion',
      signatures: '7. Signatures',
      sources: '8. Data sources',
    },
    fields: {
      caseNumber: 'Case number', receivedDate: 'Received', channel: 'Channel', category: 'Category', petitioner: 'Petitioner', phone: 'Phone', idNumber: 'ID number',
      complaint: 'Complaint', demands: 'Demands', place: 'Place', coordinates: 'Coordinates', zone: 'Area verified', officer: 'Officer', status: 'Status',
    },
    maskedNote: "Note: the petitioner's name, phone and ID number are masked.",
    unmaskedNote: "Note: this report holds the petitioner's unmasked personal data; it must not be passed to the persons complained of.",
    coordinates: (lon, lat, x, y, crs, centre) => `${centre ? 'centre ' : ''}longitude ${lon}°, latitude ${lat}° (CGCS2000); X = ${x}, Y = ${y} (${crs})`,
    zone: (point, r, m2, mu) => `${point ? `a circle of ${r} m radius around the point` : 'the attached area'}, ${m2} m² (${mu} mu)`,
    noImagery: 'No imagery covers this place.',
    overlapColumns: { layer: 'Layer', feature: 'Feature', attributes: 'Key attributes', areaM2: 'Area (m²)', areaMu: 'Area (mu)', share: 'Share' },
    noOverlaps: 'The area verified overlaps no feature of any layer.',
    nearestColumns: { layer: 'Layer', feature: 'Nearest feature', distanceM: 'Distance (m)' },
    outsideLayers: (names) => `The area verified lies outside the data of these layers and cannot be verified there: ${names}.`,
    keyAttributes: {
      approved_land: [['date', 'approved'], ['use', 'use'], ['name', 'project']],
      land_supply: [['method', 'supplied by'], ['grantee', 'grantee'], ['date', 'supplied']],
      real_estate: [['owner', 'owner'], ['rightType', 'right'], ['use', 'use']],
      land_use: [['code', 'class'], ['owner', 'owned by']],
      basic_farmland: [],
      eco_redline: [['type', 'type']],
      urban_boundary: [],
      planning_zone: [['zone', 'zone']],
      satellite_patch: [['type', 'type'], ['before', 'before'], ['after', 'after'], ['judgement', 'judgement'], ['subtype', 'subtype']],
    },
    attributeSeparator: '; ',
    keyValue: (label, value) => `${label}: ${value}`,
    breakdownColumns: { item: 'Item', areaMu: 'Area (mu)' },
    breakdown: {
      total: 'Total', farmland: 'Cultivated land', otherAgricultural: 'Other agricultural land', unused: 'Unused land', construction: 'Construction land',
      remainder: 'Remainder without a land-use class', basicFarmland: 'Permanent basic farmland', ecoRedline: 'Ecological red line',
    },
    noFlags: 'The verification found no illegal or irregular land use.',
    opinionFromDraft: '(The opinion below was drafted from the verification facts and has not been edited and saved by the officer.)',
    opinionEdited: (by, at) => `(Saved by ${by} at ${at}.)`,
    signatures: ['Officer', 'Reviewer', 'Head of office'],
    sourceColumns: { layer: 'Layer', file: 'File', date: 'Data date', sha256: 'SHA-256' },
    sourceFields: { areaCrs: 'Area CRS', rulesVersion: 'Rule-set version', verifiedWith: 'Verified with', verifiedAt: 'Verified at', reportWith: 'Report made with', generatedAt: 'Report generated' },
    mapCaption: 'Figure 1 Case location and overlaps',
  },
};

/** Words of the map figure. */
export interface MapLabels {
  legend: string;
  zone: string;
  casePoint: string;
  north: string;
  metres: (m: number) => string;
  /** The CRS note under the legend: datum, projection and what the Y labels carry. */
  crsNote: (datum: string, zoneWidth: number | null, zone: number | null, centralMeridian: number | null) => string[];
}

export const MAP_LABELS: Record<Lang, MapLabels> = {
  'zh-CN': {
    legend: '图例',
    zone: '核查范围',
    casePoint: '案件位置',
    north: '北',
    metres: (m) => `${m} 米`,
    crsNote: (datum, width, zone, cm) => [
      datum === 'CGCS2000' ? '2000国家大地坐标系' : datum,
      width === null ? '' : `高斯-克吕格投影 ${width}°带${zone === null ? '' : ` 第${zone}带`}`,
      cm === null ? '' : `中央经线 ${cm}°E`,
      zone === null ? '' : `Y 坐标前冠带号 ${zone}`,
    ].filter((line) => line !== ''),
  },
  en: {
    legend: 'Legend',
    zone: 'Area verified',
    casePoint: 'Case location',
    north: 'N',
    metres: (m) => `${m} m`,
    crsNote: (datum, width, zone, cm) => [
      datum,
      width === null ? '' : `Gauss-Kruger ${width}° zone${zone === null ? '' : ` ${zone}`}`,
      cm === null ? '' : `central meridian ${cm}°E`,
      zone === null ? '' : `Y prefixed with zone ${zone}`,
    ].filter((line) => line !== ''),
  },
};

export interface PatchReportLabels {
  title: string;
  footerNote: string;
  sections: { progress: string; judgements: string; illegal: string; byType: string; patches: string; sources: string };
  progress: { total: string; judged: string; unjudged: string };
  countArea: (count: number, mu: string) => string;
  judgementColumns: { judgement: string; count: string; areaMu: string };
  judgements: Record<PatchJudgement, string>;
  unjudged: string;
  total: string;
  vintages: { 新增: string; 存量: string; unknown: string };
  illegalColumns: { vintage: string; count: string; areaMu: string };
  byTypeColumns: { type: string; total: string };
  byTypeNote: string;
  patchColumns: { id: string; type: string; judgement: string; subtype: string; areaMu: string; farmlandMu: string; basicFarmlandMu: string; reviewer: string; note: string };
  sourceFields: { layer: string; software: string; generatedAt: string };
  /** 图斑类型 (TBLX) codes → name (DESIGN §2). */
  types: Record<string, string>;
}

export const PATCH_REPORT_LABELS: Record<Lang, PatchReportLabels> = {
  'zh-CN': {
    title: '卫片图斑核查结果汇总',
    footerNote: '内部资料 注意保密',
    sections: { progress: '一、核查进度', judgements: '二、判定结果', illegal: '违法图斑新增与存量', byType: '三、按图斑类型统计', patches: '四、图斑核查明细', sources: '五、说明' },
    progress: { total: '图斑总数', judged: '已判定', unjudged: '未判定' },
    countArea: (n, mu) => `${n} 个，${mu} 亩`,
    judgementColumns: { judgement: '判定', count: '图斑数（个）', areaMu: '面积（亩）' },
    judgements: { 合法: '合法', 违法: '违法', 其他: '其他', 伪变化: '伪变化' },
    unjudged: '未判定',
    total: '合计',
    vintages: { 新增: '新增', 存量: '存量', unknown: '无法区分' },
    illegalColumns: { vintage: '新增/存量', count: '图斑数（个）', areaMu: '面积（亩）' },
    byTypeColumns: { type: '图斑类型', total: '合计' },
    byTypeNote: '表中各格为“图斑数 / 面积（亩）”。',
    patchColumns: { id: '编号', type: '类型', judgement: '判定', subtype: '子类', areaMu: '面积（亩）', farmlandMu: '占耕地（亩）', basicFarmlandMu: '占永久基本农田（亩）', reviewer: '核查人', note: '备注' },
    sourceFields: { layer: '图斑图层', software: '软件版本', generatedAt: '生成时间' },
    types: {
      '20': '建（构）筑物', YH: '硬化地面', DT: '动土', TD: '推土堆土', DL1: '道路（已建）', DL2: '道路（在建）', DL3: '路网', TL: '铁路', ND: '农村道路',
      SJ: '水利设施', CK: '采矿', GF: '光伏', LD: '公园绿地', '01': '耕地', '02': '园地', '03': '林地', '04': '草地', SM: '水面', KT: '坑塘', SK: '水库',
      HL: '河流', GQ: '沟渠', TP: '推平', LT: '裸土', WH: '围海', TH: '填海', QT: '其他',
    },
  },
  en: {
    title: 'Satellite change patch review summary',
    footerNote: 'Internal — confidential',
    sections: { progress: '1. Progress', judgements: '2. Judgements', illegal: 'Illegal patches, new and existing', byType: '3. By patch type', patches: '4. Every patch', sources: '5. Notes' },
    progress: { total: 'Patches', judged: 'Judged', unjudged: 'Not judged' },
    countArea: (n, mu) => `${n}, ${mu} mu`,
    judgementColumns: { judgement: 'Judgement', count: 'Patches', areaMu: 'Area (mu)' },
    judgements: { 合法: 'Legal', 违法: 'Illegal', 其他: 'Other', 伪变化: 'False change' },
    unjudged: 'Not judged',
    total: 'Total',
    vintages: { 新增: 'New', 存量: 'Existing', unknown: 'Cannot tell' },
    illegalColumns: { vintage: 'New / existing', count: 'Patches', areaMu: 'Area (mu)' },
    byTypeColumns: { type: 'Patch type', total: 'Total' },
    byTypeNote: 'Each cell reads "patches / area (mu)".',
    patchColumns: { id: 'Patch', type: 'Type', judgement: 'Judgement', subtype: 'Subtype', areaMu: 'Area (mu)', farmlandMu: 'Farmland (mu)', basicFarmlandMu: 'Basic farmland (mu)', reviewer: 'Reviewer', note: 'Note' },
    sourceFields: { layer: 'Patch layer', software: 'Software', generatedAt: 'Generated' },
    types: {
      '20': 'building or structure', YH: 'hardened ground', DT: 'earthworks', TD: 'pushed or piled soil', DL1: 'road built', DL2: 'road under construction', DL3: 'road network',
      TL: 'railway', ND: 'rural road', SJ: 'hydraulic works', CK: 'mining', GF: 'photovoltaic', LD: 'park green', '01': 'farmland', '02': 'orchard', '03': 'forest', '04': 'grassland',
      SM: 'water surface', KT: 'pond', SK: 'reservoir', HL: 'river', GQ: 'ditch', TP: 'levelled', LT: 'bare soil', WH: 'sea enclosure', TH: 'reclamation', QT: 'other',
    },
  },
};

/** A finding's severity as the reports print it (DOCX and PDF alike). */
export const SEVERITY_LABELS: Record<Lang, Record<'high' | 'medium' | 'info' | 'warning', string>> = {
  'zh-CN': { high: '高', medium: '中', info: '提示', warning: '警告' },
  en: { high: 'high', medium: 'medium', info: 'info', warning: 'warning' },
};

/** Captions of a case report's before/after clips. */
export const IMAGE_CLIP_LABELS: Record<Lang, { before: string; after: string }> = {
  'zh-CN': { before: '较早影像', after: '最新影像' },
  en: { before: 'Earlier image', after: 'Latest image' },
};
