// Land-use classes of GB/T 21010-2017 as the third national land survey (三调) uses them, with the
// 三大类 (agricultural / construction / unused) each class counts toward in the 套合 breakdown.

/** The groups of the overlay breakdown (DESIGN §2). */
export type LandGroup = 'farmland' | 'otherAgricultural' | 'construction' | 'unused';

export interface LandUseClass {
  code: string;
  nameZh: string;
  nameEn: string;
  group: LandGroup;
}

const C = (code: string, nameZh: string, nameEn: string, group: LandGroup): LandUseClass => ({ code, nameZh, nameEn, group });

export const LAND_USE_CLASSES: readonly LandUseClass[] = [
  C('0101', '水田', 'Paddy field', 'farmland'),
  C('0102', '水浇地', 'Irrigated land', 'farmland'),
  C('0103', '旱地', 'Dry land', 'farmland'),
  C('0201', '果园', 'Orchard', 'otherAgricultural'),
  C('0202', '茶园', 'Tea garden', 'otherAgricultural'),
  C('0203', '橡胶园', 'Rubber plantation', 'otherAgricultural'),
  C('0204', '其他园地', 'Other garden land', 'otherAgricultural'),
  C('0301', '乔木林地', 'Arbor forest', 'otherAgricultural'),
  C('0302', '竹林地', 'Bamboo forest', 'otherAgricultural'),
  C('0305', '灌木林地', 'Shrub land', 'otherAgricultural'),
  C('0307', '其他林地', 'Other forest land', 'otherAgricultural'),
  C('0401', '天然牧草地', 'Natural pasture', 'otherAgricultural'),
  C('0403', '人工牧草地', 'Artificial pasture', 'otherAgricultural'),
  C('0404', '其他草地', 'Other grassland', 'unused'),
  C('05H1', '商业服务业设施用地', 'Commercial and service land', 'construction'),
  C('0508', '物流仓储用地', 'Logistics and warehousing land', 'construction'),
  C('0601', '工业用地', 'Industrial land', 'construction'),
  C('0602', '采矿用地', 'Mining land', 'construction'),
  C('0701', '城镇住宅用地', 'Urban residential land', 'construction'),
  C('0702', '农村宅基地', 'Rural homestead', 'construction'),
  C('08H1', '机关团体新闻出版用地', 'Public administration land', 'construction'),
  C('08H2', '科教文卫用地', 'Science, education, culture and health land', 'construction'),
  C('0809', '公用设施用地', 'Public utilities land', 'construction'),
  C('0810', '公园与绿地', 'Parks and green space', 'construction'),
  C('09', '特殊用地', 'Special-use land', 'construction'),
  C('1001', '铁路用地', 'Railway land', 'construction'),
  C('1003', '公路用地', 'Highway land', 'construction'),
  C('1004', '城镇村道路用地', 'Urban and village road land', 'construction'),
  C('1005', '交通服务场站用地', 'Transport station land', 'construction'),
  C('1006', '农村道路', 'Rural road', 'otherAgricultural'),
  C('1009', '管道运输用地', 'Pipeline land', 'construction'),
  C('1101', '河流水面', 'River surface', 'unused'),
  C('1102', '湖泊水面', 'Lake surface', 'unused'),
  C('1103', '水库水面', 'Reservoir surface', 'construction'),
  C('1104', '坑塘水面', 'Pond surface', 'otherAgricultural'),
  C('1106', '内陆滩涂', 'Inland tidal flat', 'unused'),
  C('1107', '沟渠', 'Ditch', 'otherAgricultural'),
  C('1109', '水工建筑用地', 'Hydraulic construction land', 'construction'),
  C('1201', '空闲地', 'Vacant land', 'construction'),
  C('1202', '设施农用地', 'Facility agricultural land', 'otherAgricultural'),
  C('1203', '田坎', 'Field ridge', 'otherAgricultural'),
  C('1206', '裸土地', 'Bare soil', 'unused'),
  C('1207', '裸岩石砾地', 'Bare rock and gravel', 'unused'),
];

const BY_CODE = new Map(LAND_USE_CLASSES.map((c) => [c.code, c]));

/** The class for a 地类编码, or null for codes outside the table. */
export function landUseClass(code: string): LandUseClass | null {
  return BY_CODE.get(code.trim().toUpperCase()) ?? null;
}

/** First-level class (耕地 01, 林地 03 …) of a code. */
export function landUseFirstLevel(code: string): string {
  return code.trim().slice(0, 2);
}
