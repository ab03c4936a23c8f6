import { flag, sumArea } from './rule';
import type { Rule } from './rule';

/** The judgement (判定) values that mean illegal. */
export const ILLEGAL = new Set(['违法', 'illegal']);

/** PATCH_ILLEGAL: overlaps a satellite patch judged illegal. */
export const patchIllegal: Rule = {
  code: 'PATCH_ILLEGAL',
  evaluate: (facts, params, lang) => {
    const hits = facts.byKind('satellite_patch').filter((o) => ILLEGAL.has(String(o.mapped.judgement ?? '').trim()));
    return hits.length > 0 ? flag(params, lang, sumArea(hits), hits.map((o) => o.featureId)) : null;
  },
};
