import { flag, sumArea } from './rule';
import type { Rule } from './rule';

/** ECO_REDLINE: overlap with the ecological red line of at least minAreaM2. */
export const ecoRedline: Rule = {
  code: 'ECO_REDLINE',
  evaluate: (facts, params, lang) => {
    const hits = facts.byKind('eco_redline');
    const area = sumArea(hits);
    return area > 0 && area >= (params.minAreaM2 ?? 0) ? flag(params, lang, area, hits.map((o) => o.featureId)) : null;
  },
};
