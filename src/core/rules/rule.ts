import { areaFigures } from '../crs/area';
import type { LayerKind } from '../model';
import type { Flag, Overlap } from '../verify/types';
import { fillTemplate } from './ruleSet';
import type { Lang, RuleParams } from './ruleSet';

// What every rule sees (the facts of one case) and the one function it implements.

export interface ApprovalAfterChange {
  approvalId: string;
  approvalDate: string;
  patchId: string;
  patchAfterDate: string;
}

export interface CaseFacts {
  caseAreaM2: number;
  overlaps: Overlap[];
  byKind: (kind: LayerKind) => Overlap[];
  /** Whether the workspace has a layer of this kind at all. */
  hasKind: (kind: LayerKind) => boolean;
  /** Case area not covered by any approved-land feature, m² (null without an approvals layer). */
  uncoveredByApprovalM2: number | null;
  /** Case area outside the urban development boundary, m² (null without that layer). */
  outsideUrbanBoundaryM2: number | null;
  approvalsAfterChange: ApprovalAfterChange[];
  /** Earlier cases this one may repeat. */
  repeats: string[];
  /** Layers whose extent does not cover the case. */
  outsideLayers: string[];
}

export interface Rule {
  code: string;
  evaluate: (facts: CaseFacts, params: RuleParams, lang: Lang) => Flag | null;
}

const unique = (ids: string[]) => [...new Set(ids)];

/** A flag in the rule's words, with areas formatted as officers write them (mu to 2 decimals, m² to 1). */
export function flag(params: RuleParams, lang: Lang, areaM2: number, featureIds: string[], extra: Record<string, string | number> = {}): Flag {
  const ids = unique(featureIds);
  const message = fillTemplate(params.message[lang], {
    areaMu: areaFigures(areaM2).mu.toFixed(2),
    areaM2: areaM2.toFixed(1),
    ids: ids.join(lang === 'zh-CN' ? '、' : ', '),
    count: ids.length,
    ...extra,
  });
  return { code: params.code, severity: params.severity, message, areaM2, featureIds: ids };
}

export const sumArea = (overlaps: Overlap[]) => overlaps.reduce((s, o) => s + o.planarAreaM2, 0);

/** A rule that flags overlap with a layer kind once it reaches the rule's minAreaM2. */
export function overlapAreaRule(code: string, kind: LayerKind): Rule {
  return {
    code,
    evaluate: (facts, params, lang) => {
      const hits = facts.byKind(kind);
      const area = sumArea(hits);
      return area > 0 && area >= (params.minAreaM2 ?? 0) ? flag(params, lang, area, hits.map((o) => o.featureId)) : null;
    },
  };
}
