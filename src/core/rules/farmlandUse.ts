import { landUseClass } from '../landuse/gbt21010';
import { flag, sumArea } from './rule';
import type { Rule } from './rule';

/** FARMLAND_USE: land-use class 01 (耕地) inside the area, at least minAreaM2. */
export const farmlandUse: Rule = {
  code: 'FARMLAND_USE',
  evaluate: (facts, params, lang) => {
    const hits = facts.byKind('land_use').filter((o) => landUseClass(String(o.mapped.code ?? ''))?.group === 'farmland');
    const area = sumArea(hits);
    return area > 0 && area >= (params.minAreaM2 ?? 0) ? flag(params, lang, area, hits.map((o) => o.featureId)) : null;
  },
};
