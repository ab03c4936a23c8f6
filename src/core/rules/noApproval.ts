import { flag } from './rule';
import type { Rule } from './rule';

/** NO_APPROVAL: the part not covered by approved land is at least minShare of the area or at least minAreaM2. */
export const noApproval: Rule = {
  code: 'NO_APPROVAL',
  evaluate: (facts, params, lang) => {
    const uncovered = facts.uncoveredByApprovalM2;
    if (uncovered === null || uncovered <= 0) return null;
    const share = facts.caseAreaM2 > 0 ? uncovered / facts.caseAreaM2 : 0;
    const bigShare = params.minShare !== undefined && share >= params.minShare;
    const bigArea = params.minAreaM2 !== undefined && uncovered >= params.minAreaM2;
    return bigShare || bigArea ? flag(params, lang, uncovered, [], { sharePct: (share * 100).toFixed(1) }) : null;
  },
};
