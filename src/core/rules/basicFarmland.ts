import { flag, sumArea } from './rule';
import type { Rule } from './rule';

/** BASIC_FARMLAND: overlap with permanent basic farmland of at least minAreaM2. */
export const basicFarmland: Rule = {
  code: 'BASIC_FARMLAND',
  evaluate: (facts, params, lang) => {
    const hits = facts.byKind('basic_farmland');
    const area = sumArea(hits);
    return area > 0 && area >= (params.minAreaM2 ?? 0) ? flag(params, lang, area, hits.map((o) => o.featureId)) : null;
  },
};
