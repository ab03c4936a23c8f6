import { flag } from './rule';
import type { Rule } from './rule';

/** NO_DATA: the location lies outside a layer's extent, so it cannot be verified there. */
export const noData: Rule = {
  code: 'NO_DATA',
  evaluate: (facts, params, lang) => (facts.outsideLayers.length > 0 ? flag(params, lang, 0, facts.outsideLayers) : null),
};
