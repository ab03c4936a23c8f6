import { flag, sumArea } from './rule';
import type { Rule } from './rule';

/** PATCH_UNJUDGED: overlaps a satellite patch not judged yet. */
export const patchUnjudged: Rule = {
  code: 'PATCH_UNJUDGED',
  evaluate: (facts, params, lang) => {
    const hits = facts.byKind('satellite_patch').filter((o) => String(o.mapped.judgement ?? '').trim() === '');
    return hits.length > 0 ? flag(params, lang, sumArea(hits), hits.map((o) => o.featureId)) : null;
  },
};
