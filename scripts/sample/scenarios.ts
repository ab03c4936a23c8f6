// The stories the sample county tells: approvals, satellite change patches and about 30 complaint
// cases, each placed on land chosen so that it shows the flag it was made for (DESIGN §4).
import polylabel from 'polylabel';
import type { MultiPolygon, Polygon, Position } from '../../src/core';
import { pointInPolygon, rotatedRect, blob, band, closeRing } from './geometry';
import type { XY } from './geometry';
import { GENERAL_FARMLAND_ZONE, INDUSTRIAL_PARK, MAIN_ROAD_LINE, PARK_CENTRE, TOWN, VILLAGES, WIDTH_M, inBox, inTown } from './landscape';
import type { Landscape, LandPlot } from './landscape';

export const BEFORE_DATE = '2025-03-18';
export const AFTER_DATE = '2026-06-22';

export type FlagCode =
  | 'BASIC_FARMLAND' | 'ECO_REDLINE' | 'NO_APPROVAL' | 'PATCH_ILLEGAL' | 'FARMLAND_USE' | 'OUTSIDE_URBAN_BOUNDARY'
  | 'APPROVED_AFTER_CHANGE' | 'PATCH_UNJUDGED' | 'REGISTERED_RIGHTS' | 'REPEAT' | 'NO_DATA';

export interface Approval {
  number: string;
  date: string;
  project: string;
  use: string;
  authority: string;
  geometry: Polygon;
}

export interface Patch {
  id: string;
  type: string;
  geometry: Polygon;
  /** Land-use class under the patch centre in the survey. */
  landClass: string;
  judgement: '' | '合法' | '违法' | '其他';
  subtype: string;
  note: string;
  /**
   * What a reviewer should conclude, for the review tests: the judgement and subtype, why, and which rule of
   * the suggested judgement (src/core/patches/suggest.ts) the facts were laid out to trigger.
   */
  expected: { judgement: '合法' | '违法' | '其他'; subtype: string; why: string; reason: string };
}

export interface SampleCase {
  no: number;
  id: string;
  receivedDate: string;
  channel: string;
  category: string;
  petitioner: string;
  phone: string;
  complaint: string;
  demands: string;
  place: string;
  officer: string;
  status: string;
  point: XY;
  madeFor: FlagCode[];
  patchId: string | null;
  story: string;
}

const dist = (a: XY, b: XY) => Math.hypot(a[0] - b[0], a[1] - b[1]);

type Site = (plot: LandPlot, ls: Landscape) => boolean;
const farmland = (p: LandPlot) => p.code === '0101' || p.code === '0103';
const SITES = {
  basicFarmland: (p: LandPlot) => p.basicFarmland && p.code === '0101',
  basicAny: (p: LandPlot) => p.basicFarmland,
  generalFarmland: (p: LandPlot) => p.code === '0103' && inBox(p.seed, GENERAL_FARMLAND_ZONE),
  nonBasicFarmland: (p: LandPlot) => farmland(p) && !p.basicFarmland,
  redlineForest: (p: LandPlot, ls: Landscape) => (p.code === '0301' || p.code === '0305') && pointInPolygon(p.seed, ls.redLine),
  forestOutsideRedline: (p: LandPlot, ls: Landscape) => (p.code === '0301' || p.code === '0305') && !pointInPolygon(p.seed, ls.redLine),
  village: (p: LandPlot) => p.code === '0702',
  villageEdgeFarmland: (p: LandPlot) => p.code === '0101' && !p.basicFarmland && VILLAGES.some((v) => dist(p.seed, v.centre) < 280),
  townResidential: (p: LandPlot) => p.code === '0701' && inTown(p.seed, 0.7),
  townAny: (p: LandPlot) => p.zone === 'town',
  industrialPhase1: (p: LandPlot) => p.code === '0601' && p.seed[0] < 4400,
  industrialPhase2: (p: LandPlot) => p.code === '0601' && p.seed[0] > 4500,
  orchard: (p: LandPlot) => p.code === '0201',
  grassland: (p: LandPlot) => p.code === '0404',
  riverbank: (p: LandPlot) => p.code === '1106',
  facility: (p: LandPlot) => p.code === '1202',
  anyRural: (p: LandPlot) => p.zone === 'rural',
} satisfies Record<string, Site>;
type SiteName = keyof typeof SITES;

interface PatchPlan {
  type: string;
  size: [number, number];
  angle?: number;
  judged?: { judgement: '合法' | '违法' | '其他'; subtype: string; note: string };
  expected: Patch['expected'];
}

interface ApprovalPlan {
  number: string;
  date: string;
  project: string;
  use: string;
  margin: number;
}

interface CasePlan {
  site?: SiteName;
  near: XY;
  /** Place the case relative to an earlier case instead of a site. */
  besideCase?: { no: number; offset: XY };
  at?: XY;
  patch?: PatchPlan;
  approval?: ApprovalPlan;
  madeFor: FlagCode[];
  category: string;
  channel: string;
  complaint: string;
  demands: string;
  petitioner?: string;
  samePetitionerAs?: number;
  story: string;
}

const E = (judgement: Patch['expected']['judgement'], subtype: string, why: string, reason: string) => ({ judgement, subtype, why, reason });

const CASES: CasePlan[] = [
  { site: 'basicFarmland', near: [600, 1050], patch: { type: '20', size: [52, 38], expected: E('违法', '民生公益-城镇住房', 'a building on permanent basic farmland with no approval', 'basicFarmland') },
    madeFor: ['BASIC_FARMLAND', 'NO_APPROVAL', 'FARMLAND_USE', 'OUTSIDE_URBAN_BOUNDARY', 'PATCH_UNJUDGED'], category: '基本农田破坏', channel: '12336热线',
    complaint: '村民在永久基本农田上建房，已建起两层。', demands: '请求依法查处并恢复耕地', story: 'house on permanent basic farmland, patch not judged yet' },
  { site: 'basicFarmland', near: [2050, 2900], patch: { type: 'YH', size: [70, 50], judged: { judgement: '违法', subtype: '工矿商服-硬化', note: '未批先建，硬化作停车场' }, expected: E('违法', '工矿商服-硬化', 'hardened ground on basic farmland, no approval', 'basicFarmland') },
    madeFor: ['BASIC_FARMLAND', 'PATCH_ILLEGAL'], category: '违法占地', channel: '来信',
    complaint: '有人将农田用水泥硬化，停放货车。', demands: '请求查处', story: 'hardening on basic farmland; the patch is already judged illegal' },
  { site: 'basicFarmland', near: [3000, 420], patch: { type: 'KT', size: [80, 60], expected: E('违法', '圈占堆放', 'a pond dug in paddy fields (basic farmland)', 'basicFarmland') },
    madeFor: ['BASIC_FARMLAND', 'FARMLAND_USE'], category: '基本农田破坏', channel: '网上信箱',
    complaint: '有人在水田中挖塘养鱼，破坏耕作层。', demands: '请求恢复耕地', story: 'pond dug in basic farmland paddies' },
  { site: 'redlineForest', near: [480, 3700], patch: { type: 'CK', size: [90, 70], angle: 0.4, judged: { judgement: '违法', subtype: '工矿商服-采矿', note: '无证采石' }, expected: E('违法', '工矿商服-采矿', 'quarry in the ecological red line', 'redline') },
    madeFor: ['ECO_REDLINE', 'PATCH_ILLEGAL'], category: '矿产违法', channel: '上级转办',
    complaint: '山上有人开山采石，炮声不断。', demands: '请求立即制止', story: 'quarry inside the ecological red line; patch judged illegal' },
  { site: 'redlineForest', near: [950, 3400], patch: { type: '20', size: [40, 30], expected: E('违法', '工矿商服-旅游', 'a farm-stay building in the ecological red line', 'redline') },
    madeFor: ['ECO_REDLINE', 'PATCH_UNJUDGED'], category: '违法占地', channel: '来访',
    complaint: '林地里新建了农家乐。', demands: '请求核实是否合法', story: 'farm-stay built in the red line' },
  { site: 'generalFarmland', near: [2150, 1850], patch: { type: '20', size: [90, 60], expected: E('违法', '工矿商服-厂房', 'a factory on farmland without approval', 'farmland') },
    madeFor: ['NO_APPROVAL', 'FARMLAND_USE', 'PATCH_UNJUDGED'], category: '违法建设', channel: '12336热线', petitioner: '黄建国',
    complaint: '村旁旱地上新建厂房，未见任何审批公示。', demands: '请求查处违法建设', story: 'factory on general farmland, no approval' },
  { site: 'generalFarmland', near: [2580, 1950], patch: { type: 'DT', size: [70, 70], judged: { judgement: '违法', subtype: '圈占堆放', note: '堆土' }, expected: E('违法', '圈占堆放', 'earthworks on farmland', 'farmland') },
    madeFor: ['PATCH_ILLEGAL', 'NO_APPROVAL'], category: '违法占地', channel: '网上信箱',
    complaint: '耕地上堆放大量渣土。', demands: '请求清理渣土', story: 'earthworks on farmland, patch judged illegal' },
  { site: 'industrialPhase1', near: [4250, 1900], patch: { type: '20', size: [70, 45], judged: { judgement: '合法', subtype: '', note: '鄂政土批〔2015〕212号' }, expected: E('合法', '', 'covered by the 2015 industrial park approval', 'approved') },
    madeFor: ['REGISTERED_RIGHTS'], category: '违法建设', channel: '来信',
    complaint: '工业园某企业扩建厂房，怀疑超范围占地。', demands: '请求核实用地范围', story: 'factory extension inside the approved industrial park' },
  { site: 'nonBasicFarmland', near: [4700, 2700], patch: { type: '20', size: [100, 70], expected: E('违法', '工矿商服-厂房', 'built before its approval (approved after the after-date): 先建后批', 'approvedAfterChange') },
    approval: { number: '鄂政土批〔2026〕141号', date: '2026-09-08', project: '河口镇2026年度第3批次建设用地', use: '工业用地', margin: 25 },
    madeFor: ['APPROVED_AFTER_CHANGE', 'PATCH_UNJUDGED'], category: '违法建设', channel: '12336热线',
    complaint: '厂房早已建成，近期才公示征地批复。', demands: '请求核实是否先建后批', story: 'built before approval: the approval is dated after the patch after-date' },
  { at: PARK_CENTRE, near: PARK_CENTRE,
    madeFor: [], category: '其他', channel: '来访',
    complaint: '反映镇公园绿地被占用。', demands: '请求核实', story: 'the no-finding case: an approved town park inside the urban boundary' },
  { besideCase: { no: 1, offset: [28, 12] }, near: [0, 0],
    madeFor: ['REPEAT', 'BASIC_FARMLAND'], category: '基本农田破坏', channel: '网上信箱',
    complaint: '再次反映村民在基本农田上建房的问题，至今未处理。', demands: '请求尽快查处', story: 'repeat complaint about case 1' },
  { site: 'generalFarmland', near: [2300, 1720], samePetitionerAs: 6,
    madeFor: ['REPEAT', 'FARMLAND_USE'], category: '违法占地', channel: '来信',
    complaint: '同一人反映旱地被推平。', demands: '请求制止', story: 'repeat by the same petitioner as case 6' },
  { at: [WIDTH_M + 450, 2100], near: [0, 0],
    madeFor: ['NO_DATA'], category: '违法占地', channel: '上级转办',
    complaint: '邻县交界处有人违法占地。', demands: '请求核实', story: 'outside the county data: cannot be verified' },
  { site: 'village', near: VILLAGES[0]!.centre,
    madeFor: ['REGISTERED_RIGHTS'], category: '界址纠纷', channel: '来访',
    complaint: '与邻居宅基地界址有争议，邻居砌墙占了我家地。', demands: '请求确认界址', story: 'boundary dispute between homesteads' },
  { site: 'villageEdgeFarmland', near: VILLAGES[1]!.centre, patch: { type: '20', size: [35, 28], expected: E('其他', '农村宅基地', 'a house at the village edge: rural homestead', 'homesteadEdge') },
    madeFor: ['NO_APPROVAL', 'FARMLAND_USE', 'PATCH_UNJUDGED'], category: '违法建设', channel: '12336热线',
    complaint: '村民在自家承包田边新建住房。', demands: '请求核实', story: 'homestead extension onto farmland' },
  { site: 'facility', near: [3000, 2900], patch: { type: '20', size: [60, 40], expected: E('其他', '设施农用地', 'greenhouses on facility agricultural land', 'facilityAgriculture') },
    madeFor: ['PATCH_UNJUDGED'], category: '违法建设', channel: '网上信箱',
    complaint: '农田里建了大棚，怀疑改作他用。', demands: '请求核实用途', story: 'greenhouses on facility agricultural land' },
  { site: 'basicFarmland', near: [1900, 560], patch: { type: 'ND', size: [130, 12], angle: 0.2, judged: { judgement: '其他', subtype: '农村道路', note: '机耕路' }, expected: E('其他', '农村道路', 'a field road through the paddies', 'ruralRoad') },
    madeFor: ['BASIC_FARMLAND', 'FARMLAND_USE'], category: '违法占地', channel: '来信',
    complaint: '田间新修了一条路。', demands: '请求核实', story: 'field road, judged other (rural road)' },
  { site: 'grassland', near: [4650, 3650], patch: { type: 'GF', size: [140, 90], expected: E('违法', '工矿商服-光伏', 'photovoltaic panels without approval', 'noApproval') },
    madeFor: ['NO_APPROVAL', 'OUTSIDE_URBAN_BOUNDARY', 'PATCH_UNJUDGED'], category: '违法占地', channel: '12336热线',
    complaint: '荒坡上铺设了大片光伏板。', demands: '请求核实是否合法', story: 'photovoltaic on grassland' },
  { site: 'nonBasicFarmland', near: [3100, 1550], patch: { type: 'YH', size: [80, 60], expected: E('合法', '', 'covered by an approval dated before the after-date', 'approved') },
    approval: { number: '鄂政土批〔2025〕56号', date: '2025-06-16', project: '河口镇2025年度第1批次建设用地', use: '商服用地', margin: 30 },
    madeFor: ['PATCH_UNJUDGED'], category: '征地补偿', channel: '来访',
    complaint: '征地补偿款至今未足额发放。', demands: '请求落实征地补偿', story: 'compensation complaint on approved land' },
  { site: 'townResidential', near: TOWN.centre,
    madeFor: ['REGISTERED_RIGHTS'], category: '登记争议', channel: '来信',
    complaint: '不动产登记的宗地面积与实际不符。', demands: '请求更正登记', story: 'registration dispute in the old town' },
  { site: 'forestOutsideRedline', near: [1700, 3050], patch: { type: 'CK', size: [80, 60], judged: { judgement: '违法', subtype: '工矿商服-采矿', note: '无证开采' }, expected: E('违法', '工矿商服-采矿', 'mining without a licence or approval', 'noApproval') },
    madeFor: ['PATCH_ILLEGAL', 'NO_APPROVAL'], category: '矿产违法', channel: '12336热线',
    complaint: '山脚有人挖山取土卖钱。', demands: '请求查处', story: 'mining outside the red line, judged illegal' },
  { site: 'basicFarmland', near: [1000, 420], patch: { type: 'TD', size: [60, 50], expected: E('违法', '圈占堆放', 'soil piled on basic farmland', 'basicFarmland') },
    madeFor: ['BASIC_FARMLAND', 'PATCH_UNJUDGED'], category: '基本农田破坏', channel: '来访',
    complaint: '河边农田被倒了大量土方。', demands: '请求清理', story: 'soil piled on basic farmland' },
  { site: 'orchard', near: [2550, 3550], patch: { type: '20', size: [70, 45], expected: E('违法', '工矿商服-仓储', 'a warehouse in the orchard without approval', 'noApproval') },
    madeFor: ['NO_APPROVAL', 'PATCH_UNJUDGED'], category: '违法建设', channel: '网上信箱',
    complaint: '果园里新建仓库。', demands: '请求核实', story: 'warehouse in an orchard' },
  { site: 'riverbank', near: [2300, 520], patch: { type: 'CK', size: [90, 40], expected: E('违法', '工矿商服-采矿', 'sand mining on the river flat', 'noApproval') },
    madeFor: ['NO_APPROVAL', 'PATCH_UNJUDGED'], category: '矿产违法', channel: '上级转办',
    complaint: '河滩有人非法采砂。', demands: '请求制止', story: 'sand mining on the inland flat' },
  { site: 'village', near: VILLAGES[3]!.centre, patch: { type: 'YH', size: [40, 30], expected: E('其他', '农村宅基地', 'yard hardened inside the homestead', 'homestead') },
    madeFor: ['REGISTERED_RIGHTS', 'PATCH_UNJUDGED'], category: '违法建设', channel: '来访',
    complaint: '邻居硬化院坝占用公共通道。', demands: '请求恢复通道', story: 'hardening inside a village' },
  { site: 'townAny', near: [4000, 2600], patch: { type: '20', size: [80, 55], judged: { judgement: '合法', subtype: '', note: '鄂政土批〔2021〕39号' }, expected: E('合法', '', 'the urban housing approval of 2021 covers it', 'approved') },
    approval: { number: '鄂政土批〔2021〕39号', date: '2021-03-30', project: '河口镇城东安置小区', use: '城镇住宅用地', margin: 30 },
    madeFor: ['REGISTERED_RIGHTS'], category: '违法建设', channel: '12336热线',
    complaint: '城东小区建设是否合法。', demands: '请求公开审批信息', story: 'approved urban housing project' },
  { site: 'redlineForest', near: [300, 3300],
    madeFor: ['ECO_REDLINE'], category: '其他', channel: '来信',
    complaint: '有人在山上砍伐林木。', demands: '请求制止', story: 'tree felling in the red line, nothing seen from space' },
  { site: 'basicFarmland', near: [4000, 3800],
    madeFor: ['BASIC_FARMLAND', 'FARMLAND_USE'], category: '其他', channel: '网上信箱',
    complaint: '基本农田常年撂荒无人耕种。', demands: '请求督促复耕', story: 'abandoned basic farmland' },
  { at: [1000, 2178], near: [1000, 2178], patch: { type: 'DL2', size: [150, 26], angle: 0.025, judged: { judgement: '合法', subtype: '', note: '鄂政土批〔2022〕131号' }, expected: E('合法', '', 'the highway widening approval covers it', 'approved') },
    madeFor: ['OUTSIDE_URBAN_BOUNDARY'], category: '征地补偿', channel: '来访',
    complaint: '国道拓宽占了我家的地，补偿标准太低。', demands: '请求提高补偿', story: 'highway widening, approved in 2022' },
  { besideCase: { no: 4, offset: [-20, 15] }, near: [0, 0],
    madeFor: ['REPEAT', 'ECO_REDLINE'], category: '矿产违法', channel: '12336热线',
    complaint: '采石场仍在开采，前次反映后没有变化。', demands: '请求彻底关停', story: 'repeat complaint about the quarry of case 4' },
];

/** Patches that no complaint names: the rest of the quarter's batch for reviewers. */
const EXTRA_PATCHES: { site: SiteName; near: XY; plan: PatchPlan; approval?: ApprovalPlan }[] = [
  { site: 'townAny', near: [2900, 2300], plan: { type: '20', size: [60, 50], expected: E('合法', '', 'the 2025 school approval covers it', 'approved') }, approval: { number: '鄂政土批〔2025〕12号', date: '2025-03-02', project: '河口镇中心小学扩建', use: '教育用地', margin: 25 } },
  { site: 'anyRural', near: [1900, 2300], plan: { type: '20', size: [90, 60], expected: E('合法', '', 'the logistics approval of 2025-11-20 predates the after-date', 'approved') }, approval: { number: '鄂政土批〔2025〕97号', date: '2025-11-20', project: '河口物流园', use: '物流仓储用地', margin: 25 } },
  { site: 'industrialPhase2', near: [4600, 1760], plan: { type: '20', size: [70, 50], expected: E('合法', '', 'inside the 2020 industrial park approval', 'approved') } },
  { site: 'basicFarmland', near: [3800, 3600], plan: { type: '20', size: [45, 35], expected: E('违法', '民生公益-城镇住房', 'a building on basic farmland without approval', 'basicFarmland') } },
  { site: 'basicAny', near: [2150, 3050], plan: { type: 'YH', size: [55, 40], expected: E('违法', '工矿商服-硬化', 'hardening on basic farmland', 'basicFarmland') } },
  { site: 'basicFarmland', near: [4200, 1200], plan: { type: 'TD', size: [60, 45], expected: E('违法', '圈占堆放', 'soil piled on farmland', 'basicFarmland') } },
  { site: 'facility', near: [1200, 1200], plan: { type: '20', size: [50, 35], expected: E('其他', '设施农用地', 'greenhouses on facility agricultural land', 'facilityAgriculture') } },
  { site: 'village', near: VILLAGES[4]!.centre, plan: { type: '20', size: [30, 25], expected: E('其他', '农村宅基地', 'a house inside the village', 'homestead') } },
  { site: 'basicFarmland', near: [3300, 3300], plan: { type: 'ND', size: [120, 12], angle: 1.3, expected: E('其他', '农村道路', 'a field road', 'ruralRoad') } },
  { site: 'basicFarmland', near: [3900, 950], plan: { type: '20', size: [60, 40], judged: { judgement: '违法', subtype: '工矿商服-厂房', note: '已立案' }, expected: E('违法', '工矿商服-厂房', 'a workshop on basic farmland', 'basicFarmland') } },
  { site: 'industrialPhase1', near: [4150, 2060], plan: { type: 'YH', size: [50, 40], judged: { judgement: '合法', subtype: '', note: '鄂政土批〔2015〕212号' }, expected: E('合法', '', 'inside the 2015 industrial park approval', 'approved') } },
  { site: 'basicFarmland', near: [1700, 1050], plan: { type: 'KT', size: [70, 50], expected: E('违法', '圈占堆放', 'a pond dug in paddies', 'basicFarmland') } },
];

/** The approvals that exist before and apart from the stories (the town, the park, the highway). */
function baseApprovals(random: () => number): Approval[] {
  const rect = (minX: number, minY: number, maxX: number, maxY: number): Polygon => ({ type: 'Polygon', coordinates: [closeRing([[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY]])] });
  return [
    { number: '鄂政土批〔2008〕45号', date: '2008-06-18', project: '河口镇2008年度第1批次城镇建设用地', use: '城镇住宅用地', authority: '湖北省人民政府',
      geometry: { type: 'Polygon', coordinates: [blob(TOWN.centre, TOWN.rx * 0.93, TOWN.ry * 0.93, random, 40, 0.02)] } },
    { number: '鄂政土批〔2015〕212号', date: '2015-09-10', project: '河口工业园一期', use: '工业用地', authority: '湖北省人民政府', geometry: rect(INDUSTRIAL_PARK.minX, INDUSTRIAL_PARK.minY, 4450, INDUSTRIAL_PARK.maxY) },
    { number: '鄂政土批〔2020〕88号', date: '2020-04-22', project: '河口工业园二期', use: '工业用地', authority: '湖北省人民政府', geometry: rect(4450, INDUSTRIAL_PARK.minY, INDUSTRIAL_PARK.maxX, INDUSTRIAL_PARK.maxY) },
    { number: '鄂政土批〔2022〕131号', date: '2022-05-10', project: 'G347国道河口段改扩建工程', use: '公路用地', authority: '湖北省人民政府',
      geometry: { type: 'Polygon', coordinates: [band(MAIN_ROAD_LINE.filter((p) => p[0] <= 2400).map((p) => [p[0] + (p[0] === 0 ? 300 : 0), p[1]] as XY), 32)] } },
  ];
}

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '桂兰', '建华', '志强', '海燕'];
const OFFICERS = ['程晓东', '方丽', '余志刚'];

function sitePoint(plot: LandPlot): { point: XY; clearance: number } {
  const rings = plot.geometry.type === 'Polygon' ? plot.geometry.coordinates : (plot.geometry as MultiPolygon).coordinates[0]!;
  const label = polylabel(rings as [number, number][][], 0.5) as number[] & { distance: number };
  return { point: [label[0]!, label[1]!], clearance: label.distance };
}

function plotAt(point: XY, plots: LandPlot[]): LandPlot | null {
  return plots.find((p) => pointInPolygon(point, p.geometry)) ?? null;
}

export interface Stories {
  approvals: Approval[];
  patches: Patch[];
  cases: SampleCase[];
}

export function makeStories(landscape: Landscape, random: () => number): Stories {
  const approvals = baseApprovals(random);
  const patches: Patch[] = [];
  const usedPlots = new Set<number>();
  let patchSeq = 0;

  const pickSite = (site: SiteName, near: XY, minClearance: number): LandPlot => {
    const candidates = landscape.plots
      .filter((p) => !usedPlots.has(p.no) && SITES[site](p, landscape))
      .map((p) => ({ p, d: dist(p.seed, near), c: sitePoint(p).clearance }))
      .filter((x) => x.c >= minClearance)
      .sort((a, b) => a.d - b.d);
    const chosen = candidates[0];
    if (!chosen) throw new Error(`sample design: no ${site} plot with ${minClearance} m clearance near ${near.join(',')}`);
    usedPlots.add(chosen.p.no);
    return chosen.p;
  };

  const addPatch = (centre: XY, plan: PatchPlan): Patch => {
    patchSeq += 1;
    const geometry: Polygon = { type: 'Polygon', coordinates: [rotatedRect(centre, plan.size[0], plan.size[1], plan.angle ?? random() * 0.6 - 0.3)] };
    const patch: Patch = {
      id: `4211022026${String(patchSeq).padStart(3, '0')}`,
      type: plan.type,
      geometry,
      landClass: plotAt(centre, landscape.plots)?.code ?? '',
      judgement: plan.judged?.judgement ?? '',
      subtype: plan.judged?.subtype ?? '',
      note: plan.judged?.note ?? '',
      expected: plan.expected,
    };
    patches.push(patch);
    return patch;
  };

  const addApproval = (around: Polygon, plan: ApprovalPlan) => {
    const xs = around.coordinates[0]!.map((p) => p[0]);
    const ys = around.coordinates[0]!.map((p) => p[1]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs) - plan.margin, Math.max(...xs) + plan.margin, Math.min(...ys) - plan.margin, Math.max(...ys) + plan.margin];
    approvals.push({ number: plan.number, date: plan.date, project: plan.project, use: plan.use, authority: '湖北省人民政府',
      geometry: { type: 'Polygon', coordinates: [closeRing([[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY]])] } });
  };

  const cases: SampleCase[] = [];
  const names: string[] = [];
  CASES.forEach((plan, index) => {
    const no = index + 1;
    let point: XY;
    if (plan.besideCase) {
      const earlier = cases[plan.besideCase.no - 1]!;
      point = [earlier.point[0] + plan.besideCase.offset[0], earlier.point[1] + plan.besideCase.offset[1]];
    } else if (plan.at) {
      point = plan.at;
    } else {
      const plot = pickSite(plan.site!, plan.near, plan.patch ? 18 : 24);
      point = sitePoint(plot).point;
    }
    let patchId: string | null = null;
    if (plan.patch) {
      const patch = addPatch(point, plan.patch);
      patchId = patch.id;
      if (plan.approval) addApproval(patch.geometry, plan.approval);
    }
    // Names are unique unless a case is meant to come from the same petitioner (a REPEAT by person).
    let name = plan.samePetitionerAs ? names[plan.samePetitionerAs - 1]! : plan.petitioner ?? '';
    while (!name || (!plan.samePetitionerAs && names.includes(name))) name = `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`;
    names.push(name);
    const received = new Date(Date.UTC(2026, 6, 1) + Math.floor((index / CASES.length) * 135 + random() * 3) * 86_400_000).toISOString().slice(0, 10);
    const plot = plotAt(point, landscape.plots);
    cases.push({
      no,
      id: `HK-2026-${String(no).padStart(3, '0')}`,
      receivedDate: received,
      channel: plan.channel,
      category: plan.category,
      petitioner: name,
      phone: `13${Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      complaint: plan.complaint,
      demands: plan.demands,
      place: plot ? `${TOWN.name}${plot.owner === '国有' ? '镇区' : plot.owner}` : '县界以外',
      officer: OFFICERS[index % OFFICERS.length]!,
      status: '登记',
      point,
      madeFor: plan.madeFor,
      patchId,
      story: plan.story,
    });
  });
  for (const extra of EXTRA_PATCHES) {
    const plot = pickSite(extra.site, extra.near, 18);
    const patch = addPatch(sitePoint(plot).point, extra.plan);
    if (extra.approval) addApproval(patch.geometry, extra.approval);
  }
  return { approvals, patches, cases };
}

export { type Position };
