import { flag, sumArea } from './rule';
import type { Rule } from './rule';

/** REGISTERED_RIGHTS: registered parcels (and so owners) inside the area. */
export const registeredRights: Rule = {
  code: 'REGISTERED_RIGHTS',
  evaluate: (facts, params, lang) => {
    const hits = facts.byKind('real_estate');
    return hits.length > 0 ? flag(params, lang, sumArea(hits), hits.map((o) => o.featureId)) : null;
  },
};
