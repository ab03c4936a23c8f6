import { M2_PER_MU } from '../crs/area';
import { transformBetween } from '../crs/reproject';
import { bufferLine, circle, difference, intersect, union } from '../geometry/clip';
import type { MultiRings } from '../geometry/clip';
import { landUseClass } from '../landuse/gbt21010';
import type { CaseRecord, Geometry, LayerKind, Position } from '../model';
import { evaluateRules } from '../rules/registry';
import type { ApprovalAfterChange, CaseFacts } from '../rules/rule';
import type { Lang, RuleSet } from '../rules/ruleSet';
import { featurePolygons } from '../store/layerStore';
import { bboxOf, overlayLayer, planarArea } from './overlay';
import { nearestFeature } from './nearest';
import type { VerifyLayer } from './overlay';
import type { Bbox } from '../crs/detect';
import type { Breakdown, CaseVerification, Nearest, Overlap } from './types';

// From a complaint location and the loaded layers to facts and flags (DESIGN §4). Deterministic: the
// same inputs give the same output, in the browser, in a worker and on the command line.

export interface VerifyWorkspace {
  /** Planar CRS of the layer stores and of every area figure. */
  areaCrs: string;
  layers: VerifyLayer[];
  /** Every case of the ledger, for repeat detection. */
  cases: CaseRecord[];
  ruleSet: RuleSet;
}

function layerExtent(layer: VerifyLayer): Bbox | null {
  const b = layer.store.bbox;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < layer.store.featureCount; i++) {
    if (Number.isNaN(b[i * 4]!)) continue;
    minX = Math.min(minX, b[i * 4]!); minY = Math.min(minY, b[i * 4 + 1]!);
    maxX = Math.max(maxX, b[i * 4 + 2]!); maxY = Math.max(maxY, b[i * 4 + 3]!);
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

const extents = new WeakMap<VerifyLayer, Bbox | null>();
const extentOf = (layer: VerifyLayer) => {
  if (!extents.has(layer)) extents.set(layer, layerExtent(layer));
  return extents.get(layer)!;
};
const contains = (outer: Bbox, inner: Bbox) => inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

/** The area a case is verified over, planar: its polygon, a line buffered by its radius, or a circle of its radius around a point. */
export function caseZone(record: CaseRecord, areaCrs: string): MultiRings {
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  const g = record.geometry;
  if (g.type === 'Point') return [circle(toPlane(g.coordinates), record.radiusM)];
  if (g.type === 'LineString') return bufferLine(g.coordinates.map(toPlane), record.radiusM);
  return [g.coordinates.map((ring) => ring.map(toPlane))];
}

function casePoint(record: CaseRecord, areaCrs: string): Position {
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  const g = record.geometry;
  const first = g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  return toPlane(first);
}

/** Earlier cases within the repeat distance, or from the same petitioner (name or phone). */
export function findRepeats(record: CaseRecord, cases: CaseRecord[], areaCrs: string, distanceM: number): string[] {
  const here = casePoint(record, areaCrs);
  const key = (c: CaseRecord) => `${c.receivedDate ?? ''}\u0000${c.id}`;
  return cases
    .filter((other) => other.id !== record.id && key(other) < key(record))
    .filter((other) => {
      const there = casePoint(other, areaCrs);
      const near = Math.hypot(here[0] - there[0], here[1] - there[1]) <= distanceM;
      const samePerson = (record.petitioner !== null && record.petitioner === other.petitioner) || (record.phone !== null && record.phone === other.phone);
      return near || samePerson;
    })
    .map((other) => other.id);
}

/** Area of the zone that the covering overlaps leave uncovered, m². */
export function uncoveredArea(zone: MultiRings, covering: Overlap[], origin: Position): number {
  const pieces = covering.flatMap((o) => o.pieces);
  const covered = pieces.length === 0 ? [] : union(pieces, origin);
  return planarArea(difference(zone, covered, origin));
}

function approvalsAfterChange(ws: VerifyWorkspace, overlaps: Overlap[]): ApprovalAfterChange[] {
  const patches = overlaps.filter((o) => o.layerKind === 'satellite_patch' && o.mapped.after);
  const approvals = overlaps.filter((o) => o.layerKind === 'approved_land' && o.mapped.date);
  const pairs: ApprovalAfterChange[] = [];
  const storeOf = (id: string) => ws.layers.find((l) => l.store.id === id)!.store;
  for (const patch of patches) {
    const after = String(patch.mapped.after);
    for (const approval of approvals) {
      const date = String(approval.mapped.date);
      if (date <= after) continue;
      const a = featurePolygons(storeOf(approval.layerId), approval.featureIndex);
      const p = featurePolygons(storeOf(patch.layerId), patch.featureIndex);
      if (planarArea(intersect(a, p)) > 0) pairs.push({ approvalId: approval.featureId, approvalDate: date, patchId: patch.featureId, patchAfterDate: after });
    }
  }
  return pairs.filter((pair, i) => pairs.findIndex((q) => q.approvalId === pair.approvalId && q.patchId === pair.patchId) === i);
}

/** The 套合 breakdown in mu from the land-use overlaps; the parts must add up to the total, the remainder says by how much they do not. */
export function breakdownOf(caseAreaM2: number, overlaps: Overlap[]): Breakdown {
  const sum = (pred: (o: Overlap) => boolean) => overlaps.filter(pred).reduce((s, o) => s + o.planarAreaM2, 0) / M2_PER_MU;
  const group = (name: string) => (o: Overlap) => o.layerKind === 'land_use' && landUseClass(String(o.mapped.code ?? ''))?.group === name;
  const totalMu = caseAreaM2 / M2_PER_MU;
  const farmlandMu = sum(group('farmland'));
  const otherAgriculturalMu = sum(group('otherAgricultural'));
  const unusedMu = sum(group('unused'));
  const constructionMu = sum(group('construction'));
  return {
    totalMu,
    farmlandMu,
    otherAgriculturalMu,
    unusedMu,
    constructionMu,
    basicFarmlandMu: sum((o) => o.layerKind === 'basic_farmland'),
    ecoRedlineMu: sum((o) => o.layerKind === 'eco_redline'),
    remainderMu: totalMu - farmlandMu - otherAgriculturalMu - unusedMu - constructionMu,
  };
}

/** What lies under one planar zone: overlaps per layer, nearest features, the facts the rules read. */
export interface ZoneExamination {
  zone: MultiRings;
  caseAreaM2: number;
  overlaps: Overlap[];
  nearest: Nearest[];
  outsideLayers: string[];
  facts: CaseFacts;
}

/**
 * Examines a planar zone against the workspace's layers, except those named in `skipLayerIds` (a patch is
 * not examined against its own layer). `repeats` is what the caller found of earlier cases; patches have none.
 */
export function examineZone(ws: VerifyWorkspace, zone: MultiRings, options: { skipLayerIds?: string[]; repeats?: string[] } = {}): ZoneExamination {
  const layers = options.skipLayerIds?.length ? ws.layers.filter((l) => !options.skipLayerIds!.includes(l.store.id)) : ws.layers;
  const zoneBbox = bboxOf(zone);
  const origin: Position = [zoneBbox[0], zoneBbox[1]];
  const caseAreaM2 = planarArea(zone);
  // The workspace's extent is that of its wall-to-wall land-use survey (or of all layers without one).
  const coverage = layers.filter((l) => l.store.kind === 'land_use');
  const outsideWorkspace = !(coverage.length ? coverage : layers).some((l) => {
    const e = extentOf(l);
    return e !== null && contains(e, zoneBbox);
  });
  const outsideLayers = outsideWorkspace ? layers.filter((l) => { const e = extentOf(l); return !e || !contains(e, zoneBbox); }).map((l) => l.store.id) : [];
  const overlaps: Overlap[] = [];
  const nearest: Nearest[] = [];
  for (const layer of layers) {
    const found = overlayLayer(layer, zone, zoneBbox, caseAreaM2);
    overlaps.push(...found);
    if (found.length === 0) {
      const n = nearestFeature(layer, zone, zoneBbox);
      if (n) nearest.push(n);
    }
  }
  const hasKind = (kind: LayerKind) => layers.some((l) => l.store.kind === kind);
  const byKind = (kind: LayerKind) => overlaps.filter((o) => o.layerKind === kind);
  const facts: CaseFacts = {
    caseAreaM2,
    overlaps,
    byKind,
    hasKind,
    uncoveredByApprovalM2: hasKind('approved_land') && !outsideWorkspace ? uncoveredArea(zone, byKind('approved_land'), origin) : null,
    outsideUrbanBoundaryM2: hasKind('urban_boundary') && !outsideWorkspace ? uncoveredArea(zone, byKind('urban_boundary'), origin) : null,
    approvalsAfterChange: approvalsAfterChange(ws, overlaps),
    repeats: options.repeats ?? [],
    outsideLayers,
  };
  return { zone, caseAreaM2, overlaps, nearest, outsideLayers, facts };
}

export function verifyCase(ws: VerifyWorkspace, record: CaseRecord, lang: Lang = 'zh-CN'): CaseVerification {
  const zone = caseZone(record, ws.areaCrs);
  const found = examineZone(ws, zone, { repeats: findRepeats(record, ws.cases, ws.areaCrs, ws.ruleSet.repeatDistanceM) });
  return {
    id: record.id,
    geometry: record.geometry as Geometry,
    zone,
    caseAreaM2: found.caseAreaM2,
    overlaps: found.overlaps,
    nearest: found.nearest,
    breakdown: breakdownOf(found.caseAreaM2, found.overlaps),
    flags: evaluateRules(found.facts, ws.ruleSet, lang),
    outsideLayers: found.outsideLayers,
  };
}
