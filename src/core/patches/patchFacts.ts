import { parseLedgerDate } from '../cases/ledger';
import { M2_PER_MU } from '../crs/area';
import { landUseClass } from '../landuse/gbt21010';
import { evaluateRules } from '../rules/registry';
import type { Lang } from '../rules/ruleSet';
import { featurePolygons, searchStore } from '../store/layerStore';
import { bboxOf } from '../verify/overlay';
import { polygonDistance } from '../verify/nearest';
import { breakdownOf, examineZone, uncoveredArea } from '../verify/verify';
import type { VerifyWorkspace } from '../verify/verify';
import type { Breakdown, Flag, Overlap } from '../verify/types';
import type { MultiRings } from '../geometry/clip';
import type { PatchInfo } from './patchModel';

// The overlay facts of one patch (DESIGN §2): the 套合 breakdown, the approvals over it with their
// numbers and dates, the land-use classes, basic farmland, red line and registry parcels. Computed
// from the same examination as a case, with the patch's own layer left out.

export interface PatchApproval {
  id: string;
  /** 批准日期 as the layer gives it (YYYY-MM-DD when readable), or null. */
  date: string | null;
  project: string | null;
  areaM2: number;
  /** Share of the patch this approval covers (0–1). */
  share: number;
  /** Dated on or before the patch's after-date (null when either date is unknown). */
  beforeChange: boolean | null;
}

export interface PatchLandUse {
  code: string;
  name: string;
  areaM2: number;
  areaMu: number;
  share: number;
}

export interface PatchParcel {
  id: string;
  owner: string | null;
  use: string | null;
  areaM2: number;
}

export interface PatchFacts {
  patchId: string;
  /** Planar area in the workspace's area CRS. */
  areaM2: number;
  areaMu: number;
  breakdown: Breakdown;
  approvals: PatchApproval[];
  /** Share of the patch covered by approvals dated on or before its after-date (union of them, 0–1). */
  approvedBeforeShare: number;
  /** Share covered by any approval, whatever its date (0–1). */
  approvedAnyShare: number;
  landUse: PatchLandUse[];
  basicFarmlandM2: number;
  redlineM2: number;
  parcels: PatchParcel[];
  /** Distance to the nearest rural homestead land (地类 0702), 0 when touching, null when none is near. */
  homesteadDistanceM: number | null;
  /** The patch lies outside the workspace's land-use survey: nothing can be said of it. */
  outside: boolean;
  /** The case rules' flags for the patch area (BASIC_FARMLAND, ECO_REDLINE, NO_APPROVAL …). */
  flags: Flag[];
}

const HOMESTEAD = '0702';
/** How far to look for homestead land next to a patch at least, m (further when the suggestion's setting asks). */
export const HOMESTEAD_SEARCH_M = 100;

const str = (v: unknown) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

/** An approval date as YYYY-MM-DD, read as patch dates are (2020/5/6, 2020年5月6日, an Excel serial…); else the text as given. */
function dateText(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const t = str(v);
  if (!t) return null;
  return parseLedgerDate(t) ?? t;
}

function homesteadDistance(ws: VerifyWorkspace, zone: MultiRings, overlaps: Overlap[], searchM: number): number | null {
  if (overlaps.some((o) => o.layerKind === 'land_use' && String(o.mapped.code ?? '').trim() === HOMESTEAD)) return 0;
  // Grow the patch by the search distance and look again: the nearest homestead plot within it, by edge distance.
  let best: number | null = null;
  for (const layer of ws.layers.filter((l) => l.store.kind === 'land_use')) {
    const codeField = layer.fields.code;
    if (!codeField) continue;
    const [minX, minY, maxX, maxY] = bboxOf(zone);
    for (const i of searchStore(layer.store, minX - searchM, minY - searchM, maxX + searchM, maxY + searchM)) {
      if (String(layer.store.attributes[i]![codeField] ?? '').trim() !== HOMESTEAD) continue;
      const d = polygonDistance(featurePolygons(layer.store, i), zone);
      if (d <= searchM && (best === null || d < best)) best = d;
    }
  }
  return best;
}

/**
 * The facts of one patch of a satellite_patch layer of `ws`. `homesteadSearchM`: how far to look for
 * homestead land (the suggestion's homesteadDistanceM when that is more than HOMESTEAD_SEARCH_M).
 */
export function patchFacts(ws: VerifyWorkspace, patch: PatchInfo, lang: Lang = 'zh-CN', options: { homesteadSearchM?: number } = {}): PatchFacts {
  const layer = ws.layers.find((l) => l.store.id === patch.layerId);
  if (!layer) throw new Error(`patch layer ${patch.layerId} is not loaded`);
  const zone = featurePolygons(layer.store, patch.featureIndex);
  const found = examineZone(ws, zone, { skipLayerIds: [patch.layerId] });
  const { overlaps, caseAreaM2: areaM2 } = found;
  const share = (m2: number) => (areaM2 > 0 ? m2 / areaM2 : 0);
  const origin: [number, number] = [zone[0]?.[0]?.[0]?.[0] ?? 0, zone[0]?.[0]?.[0]?.[1] ?? 0];

  const approvalOverlaps = overlaps.filter((o) => o.layerKind === 'approved_land');
  // An approval is its feature (layer and position): numbers can repeat across layers, and a layer without an id field numbers by position.
  const keyOf = (o: Overlap) => `${o.layerId}\u0000${o.featureIndex}`;
  const beforeKeys = new Set<string>();
  const approvals: PatchApproval[] = approvalOverlaps.map((o) => {
    const date = dateText(o.mapped.date);
    const beforeChange = date && patch.afterDate && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date <= patch.afterDate : null;
    if (beforeChange) beforeKeys.add(keyOf(o));
    return {
      id: o.featureId,
      date,
      project: str(o.mapped.project),
      areaM2: o.planarAreaM2,
      share: o.shareOfCase,
      beforeChange,
    };
  });
  const coveredBy = (list: Overlap[]) => (list.length === 0 ? 0 : share(areaM2 - uncoveredArea(zone, list, origin)));

  const byCode = new Map<string, number>();
  for (const o of overlaps.filter((x) => x.layerKind === 'land_use')) {
    const code = String(o.mapped.code ?? '').trim();
    byCode.set(code, (byCode.get(code) ?? 0) + o.planarAreaM2);
  }
  const landUse = [...byCode].map(([code, m2]) => {
    const cls = landUseClass(code);
    return { code, name: cls ? (lang === 'zh-CN' ? cls.nameZh : cls.nameEn) : code, areaM2: m2, areaMu: m2 / M2_PER_MU, share: share(m2) };
  }).sort((a, b) => b.areaM2 - a.areaM2 || a.code.localeCompare(b.code));

  const sum = (kind: string) => overlaps.filter((o) => o.layerKind === kind).reduce((s, o) => s + o.planarAreaM2, 0);
  return {
    patchId: patch.id,
    areaM2,
    areaMu: areaM2 / M2_PER_MU,
    breakdown: breakdownOf(areaM2, overlaps),
    approvals,
    approvedBeforeShare: coveredBy(approvalOverlaps.filter((o) => beforeKeys.has(keyOf(o)))),
    // The examination already measured what all approvals leave uncovered; only outside the data is it null.
    approvedAnyShare: found.facts.uncoveredByApprovalM2 !== null ? share(areaM2 - found.facts.uncoveredByApprovalM2) : coveredBy(approvalOverlaps),
    landUse,
    basicFarmlandM2: sum('basic_farmland'),
    redlineM2: sum('eco_redline'),
    parcels: overlaps.filter((o) => o.layerKind === 'real_estate').map((o) => ({ id: o.featureId, owner: str(o.mapped.owner), use: str(o.mapped.use), areaM2: o.planarAreaM2 })),
    homesteadDistanceM: homesteadDistance(ws, zone, overlaps, Math.max(HOMESTEAD_SEARCH_M, options.homesteadSearchM ?? 0)),
    outside: found.outsideLayers.length > 0 || !ws.layers.some((l) => l.store.kind === 'land_use'),
    flags: evaluateRules(found.facts, ws.ruleSet, lang),
  };
}
