import { parseLedgerDate } from '../cases/ledger';
import type { Attributes } from '../model';
import type { LayerStore } from '../store/layerStore';

// Satellite change patches (卫片图斑, DESIGN §2): what a patch says of itself, the judgements a reviewer
// gives, and their subtypes. The attributes of the layer stay untouched; this reads them through the
// layer's field mapping.

/** The judgements of patch review (判定). 伪变化 is never suggested: it is the reviewer's call. */
export const PATCH_JUDGEMENTS = ['合法', '违法', '其他', '伪变化'] as const;
export type PatchJudgement = (typeof PATCH_JUDGEMENTS)[number];

/** The subtypes a reviewer picks from, by judgement (ministry practice; DESIGN §2). */
export const PATCH_SUBTYPES: Readonly<Record<PatchJudgement, readonly string[]>> = {
  合法: ['建设用地审批', '临时用地', '设施农用地备案'],
  违法: [
    '工矿商服-厂房', '工矿商服-仓储', '工矿商服-光伏', '工矿商服-硬化', '工矿商服-旅游', '工矿商服-采矿',
    '民生公益-公共服务', '民生公益-城镇住房', '民生公益-特殊用地',
    '道路交通-铁路公路', '道路交通-干线道路', '道路交通-地方道路',
    '圈占堆放',
  ],
  其他: ['农村宅基地', '设施农用地', '农村道路', '电力设施', '灾毁', '生态修复', '边角细缝'],
  伪变化: [],
};

/** Illegal use split by when it was built (DESIGN §2): in the review period (新增) or before it (存量). */
export const PATCH_VINTAGES = ['新增', '存量'] as const;
export type PatchVintage = (typeof PATCH_VINTAGES)[number];

/** The one judgement that takes a 新增/存量 split and counts as a violation. */
export const ILLEGAL: PatchJudgement = '违法';

/** ASCII names of the judgements and vintages (translation keys, file-safe names). */
export const PATCH_JUDGEMENT_CODES: Readonly<Record<PatchJudgement, 'legal' | 'illegal' | 'other' | 'falseChange'>> = { 合法: 'legal', 违法: 'illegal', 其他: 'other', 伪变化: 'falseChange' };
export const PATCH_VINTAGE_CODES: Readonly<Record<PatchVintage, 'new' | 'existing'>> = { 新增: 'new', 存量: 'existing' };

export function isPatchJudgement(value: unknown): value is PatchJudgement {
  return typeof value === 'string' && (PATCH_JUDGEMENTS as readonly string[]).includes(value);
}

/** One patch as its layer describes it. */
export interface PatchInfo {
  layerId: string;
  /** Position of the feature in its layer. */
  featureIndex: number;
  id: string;
  /** 行政区代码, or '' when the layer has none. */
  district: string;
  /** 图斑类型 (TBLX), upper-cased and trimmed. */
  type: string;
  /** 前时相 and 后时相 as YYYY-MM-DD, null when missing or unreadable. */
  beforeDate: string | null;
  afterDate: string | null;
  /** 原地类 as the patch file gives it. */
  landClass: string;
  /** SFYN / SFHX as declared by the file (null when the layer has no such field). */
  declaredBasicFarmland: boolean | null;
  declaredRedline: boolean | null;
  /** The area the file declares (JCMJ), m², or null. */
  declaredAreaM2: number | null;
  /** A judgement the file already carries (PD), with its subtype and note. */
  fileJudgement: PatchJudgement | null;
  fileSubtype: string;
  fileNote: string;
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim());

/** 是/否, Y/N, 1/0, true/false → boolean; anything else → null. */
export function yesNo(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const t = text(value).toUpperCase();
  if (['是', 'Y', 'YES', '1', 'TRUE', '涉及'].includes(t)) return true;
  if (['否', 'N', 'NO', '0', 'FALSE', '不涉及'].includes(t)) return false;
  return null;
}

function dateValue(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const t = text(value);
  return t ? parseLedgerDate(t) : null;
}

function numberValue(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number(text(value));
  return text(value) !== '' && Number.isFinite(n) ? n : null;
}

/** A judgement as files write it: 合法, 违法, 其他, 伪变化 (also 不变化/未变化 for a false change). */
export function parseJudgement(value: unknown): PatchJudgement | null {
  const t = text(value);
  if (isPatchJudgement(t)) return t;
  if (t === '不变化' || t === '未变化' || t === '伪变') return '伪变化';
  return null;
}

/** The patch at `index` of a satellite_patch layer, read through its field mapping (canonical → source field). */
export function patchInfo(store: Pick<LayerStore, 'id' | 'ids' | 'attributes'>, fields: Record<string, string>, index: number): PatchInfo {
  const attributes: Attributes = store.attributes[index] ?? {};
  const get = (canonical: string): unknown => (fields[canonical] ? attributes[fields[canonical]!] : undefined);
  return {
    layerId: store.id,
    featureIndex: index,
    id: store.ids[index]!,
    district: text(get('district')),
    type: text(get('type')).toUpperCase(),
    beforeDate: dateValue(get('before')),
    afterDate: dateValue(get('after')),
    landClass: text(get('landClass')),
    declaredBasicFarmland: fields.basicFarmland ? yesNo(get('basicFarmland')) : null,
    declaredRedline: fields.redline ? yesNo(get('redline')) : null,
    declaredAreaM2: numberValue(get('area')),
    fileJudgement: parseJudgement(get('judgement')),
    fileSubtype: text(get('subtype')),
    fileNote: text(get('note')),
  };
}
