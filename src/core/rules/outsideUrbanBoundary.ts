import { flag } from './rule';
import type { Rule } from './rule';

/** OUTSIDE_URBAN_BOUNDARY: part of the area, at least minAreaM2, lies outside the urban development boundary. */
export const outsideUrbanBoundary: Rule = {
  code: 'OUTSIDE_URBAN_BOUNDARY',
  evaluate: (facts, params, lang) => {
    const outside = facts.outsideUrbanBoundaryM2;
    return outside !== null && outside > 0 && outside >= (params.minAreaM2 ?? 0) ? flag(params, lang, outside, []) : null;
  },
};
