import { M2_PER_MU } from '../crs/area';
import type { Lang } from '../rules/ruleSet';
import type { PatchFacts } from './patchFacts';
import type { PatchInfo, PatchJudgement, PatchVintage } from './patchModel';

// The suggested judgement of a patch, computed from its facts with the reason in words (DESIGN §2).
// A suggestion, never a verdict: the reviewer confirms or changes it. 伪变化 is never suggested.

export interface SuggestionSettings {
  /** Approvals dated on or before the after-date must cover at least this share of the patch for 合法. */
  approvalCoverShare: number;
  /** A house or yard this close to rural homestead land (and on no protected land) suggests 农村宅基地, m. */
  homesteadDistanceM: number;
  /**
   * First day of the review period: illegal use whose before-date is on or after it is 新增, earlier 存量.
   * Null: 1 January of the year before the patch's after-date (the annual round of 卫片执法).
   */
  periodStart: string | null;
}

export const DEFAULT_SUGGESTION_SETTINGS: SuggestionSettings = { approvalCoverShare: 0.95, homesteadDistanceM: 50, periodStart: null };

export type SuggestionReason =
  | 'outside'
  | 'approved'
  | 'approvedAfterChange'
  | 'ruralRoad'
  | 'facilityAgriculture'
  | 'homestead'
  | 'homesteadEdge'
  | 'restoration'
  | 'basicFarmland'
  | 'redline'
  | 'farmland'
  | 'noApproval'
  | 'constructionLand';

export interface PatchSuggestion {
  /** Null when the facts do not point anywhere (the reviewer decides). */
  judgement: PatchJudgement | null;
  /** '' when the facts do not tell the subtype (a building's use cannot be seen from space). */
  subtype: string;
  reason: SuggestionReason;
  /** The reason in words, with the figures and ids it rests on. */
  text: string;
  /** For an illegal suggestion: 新增 or 存量 from the dates; null otherwise or when the before-date is unknown. */
  vintage: PatchVintage | null;
}

/** What a patch type says of an illegal use (DESIGN §2 types → subtypes); '' when the type does not tell. */
const ILLEGAL_SUBTYPE_BY_TYPE: Readonly<Record<string, string>> = {
  CK: '工矿商服-采矿',
  GF: '工矿商服-光伏',
  YH: '工矿商服-硬化',
  DT: '圈占堆放',
  TD: '圈占堆放',
  KT: '圈占堆放',
  TP: '圈占堆放',
  LT: '圈占堆放',
  TL: '道路交通-铁路公路',
  DL1: '道路交通-铁路公路',
  DL2: '道路交通-干线道路',
  DL3: '道路交通-地方道路',
};

/** Types whose change is towards agricultural land (farmland, orchard, forest, grass): restoration, not construction. */
const GREENING_TYPES = new Set(['01', '02', '03', '04']);
const HOUSE_TYPES = new Set(['20', 'YH']);
const DOMINANT_SHARE = 0.5;

const mu = (m2: number) => (m2 / M2_PER_MU).toFixed(2);
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The period start that applies to a patch. */
export function periodStartFor(patch: PatchInfo, settings: SuggestionSettings): string | null {
  if (settings.periodStart) return settings.periodStart;
  return patch.afterDate ? `${Number(patch.afterDate.slice(0, 4)) - 1}-01-01` : null;
}

/** 新增 or 存量 of a change from its before-date and the review period; null when the date is unknown. */
export function vintageOf(patch: PatchInfo, settings: SuggestionSettings): PatchVintage | null {
  const start = periodStartFor(patch, settings);
  if (!patch.beforeDate || !start) return null;
  return patch.beforeDate >= start ? '新增' : '存量';
}

type Words = { zh: string; en: string };

export function suggestJudgement(patch: PatchInfo, facts: PatchFacts, settings: SuggestionSettings = DEFAULT_SUGGESTION_SETTINGS, lang: Lang = 'zh-CN'): PatchSuggestion {
  const say = (judgement: PatchJudgement | null, subtype: string, reason: SuggestionReason, words: Words): PatchSuggestion => ({
    judgement,
    subtype,
    reason,
    text: lang === 'zh-CN' ? words.zh : words.en,
    vintage: judgement === '违法' ? vintageOf(patch, settings) : null,
  });
  if (facts.outside) return say(null, '', 'outside', { zh: '图斑在土地调查数据范围之外，无法套合', en: 'the patch lies outside the land-use survey: nothing to overlay' });

  const after = patch.afterDate ?? '?';
  const before = facts.approvals.filter((a) => a.beforeChange === true);
  const list = (approvals: typeof facts.approvals) => approvals.map((a) => `${a.id}（${a.date ?? '日期不详'}）`).join('、');
  const listEn = (approvals: typeof facts.approvals) => approvals.map((a) => `${a.id} (${a.date ?? 'date unknown'})`).join(', ');
  if (facts.approvedBeforeShare >= settings.approvalCoverShare) {
    return say('合法', '', 'approved', {
      zh: `后时相 ${after} 之前的批准 ${list(before)} 覆盖图斑 ${pct(facts.approvedBeforeShare)}（不低于 ${pct(settings.approvalCoverShare)}）`,
      en: `approvals dated on or before the after-date ${after}, ${listEn(before)}, cover ${pct(facts.approvedBeforeShare)} of the patch (at least ${pct(settings.approvalCoverShare)})`,
    });
  }

  const dominant = facts.landUse[0];
  const dominantIs = (code: string) => dominant !== undefined && dominant.code === code && dominant.share >= DOMINANT_SHARE;
  if (patch.type === 'ND') {
    return say('其他', '农村道路', 'ruralRoad', { zh: '图斑类型 ND（农村道路）', en: 'patch type ND (rural road)' });
  }
  if (dominantIs('1202')) {
    return say('其他', '设施农用地', 'facilityAgriculture', {
      zh: `图斑 ${pct(dominant!.share)} 位于设施农用地（1202）`,
      en: `${pct(dominant!.share)} of the patch is facility agricultural land (1202)`,
    });
  }
  if (dominantIs('0702')) {
    return say('其他', '农村宅基地', 'homestead', {
      zh: `图斑 ${pct(dominant!.share)} 位于农村宅基地（0702）`,
      en: `${pct(dominant!.share)} of the patch is rural homestead land (0702)`,
    });
  }
  if (GREENING_TYPES.has(patch.type)) {
    return say('其他', '生态修复', 'restoration', { zh: `图斑类型 ${patch.type}：变为农用地`, en: `patch type ${patch.type}: the land became agricultural` });
  }

  const subtype = ILLEGAL_SUBTYPE_BY_TYPE[patch.type] ?? '';
  const late = facts.approvals.filter((a) => a.beforeChange === false);
  if (late.length > 0 && facts.approvedAnyShare >= settings.approvalCoverShare) {
    return say('违法', subtype, 'approvedAfterChange', {
      zh: `批准 ${list(late)} 晚于后时相 ${after}：先建后批`,
      en: `approval ${listEn(late)} is dated after the after-date ${after}: built before approval`,
    });
  }
  const unapprovedShare = `${pct(1 - facts.approvedBeforeShare)}`;
  const protectedLand = facts.basicFarmlandM2 >= 1 || facts.redlineM2 >= 1;
  if (
    HOUSE_TYPES.has(patch.type) && !protectedLand && facts.homesteadDistanceM !== null && facts.homesteadDistanceM <= settings.homesteadDistanceM
  ) {
    return say('其他', '农村宅基地', 'homesteadEdge', {
      zh: `建房/硬化紧邻农村宅基地（相距 ${facts.homesteadDistanceM.toFixed(1)} 米，不涉及永久基本农田和生态保护红线）`,
      en: `a house or yard next to rural homestead land (${facts.homesteadDistanceM.toFixed(1)} m away, no basic farmland or red line)`,
    });
  }
  if (facts.basicFarmlandM2 >= 1) {
    return say('违法', subtype, 'basicFarmland', {
      zh: `占用永久基本农田 ${mu(facts.basicFarmlandM2)} 亩，未批部分 ${unapprovedShare}`,
      en: `takes ${mu(facts.basicFarmlandM2)} mu of permanent basic farmland; ${unapprovedShare} not approved`,
    });
  }
  if (facts.redlineM2 >= 1) {
    return say('违法', subtype, 'redline', {
      zh: `占用生态保护红线 ${mu(facts.redlineM2)} 亩，未批部分 ${unapprovedShare}`,
      en: `takes ${mu(facts.redlineM2)} mu of the ecological red line; ${unapprovedShare} not approved`,
    });
  }
  const farmlandM2 = facts.breakdown.farmlandMu * M2_PER_MU;
  if (farmlandM2 >= 1) {
    return say('违法', subtype, 'farmland', {
      zh: `占用耕地 ${mu(farmlandM2)} 亩，未批部分 ${unapprovedShare}`,
      en: `takes ${mu(farmlandM2)} mu of farmland; ${unapprovedShare} not approved`,
    });
  }
  const constructionShare = facts.areaM2 > 0 ? (facts.breakdown.constructionMu * M2_PER_MU) / facts.areaM2 : 0;
  if (constructionShare >= DOMINANT_SHARE) {
    return say(null, '', 'constructionLand', {
      zh: `图斑 ${pct(constructionShare)} 原为建设用地且无批准覆盖：请人工判定`,
      en: `${pct(constructionShare)} of the patch was already construction land and no approval covers it: the reviewer decides`,
    });
  }
  const nonConstructionM2 = (facts.breakdown.otherAgriculturalMu + facts.breakdown.unusedMu) * M2_PER_MU;
  return say('违法', subtype, 'noApproval', {
    zh: `占用农用地或未利用地 ${mu(nonConstructionM2)} 亩，未批部分 ${unapprovedShare}`,
    en: `takes ${mu(nonConstructionM2)} mu of agricultural or unused land; ${unapprovedShare} not approved`,
  });
}
