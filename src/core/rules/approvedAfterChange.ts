import { flag } from './rule';
import type { Rule } from './rule';

/** APPROVED_AFTER_CHANGE: an approval covering a changed patch is dated after the patch's after-date. */
export const approvedAfterChange: Rule = {
  code: 'APPROVED_AFTER_CHANGE',
  evaluate: (facts, params, lang) => {
    const pairs = facts.approvalsAfterChange;
    if (pairs.length === 0) return null;
    const zh = lang === 'zh-CN';
    const approvals = pairs.map((p) => (zh ? `${p.approvalId}（${p.approvalDate}）` : `${p.approvalId} (${p.approvalDate})`));
    const dates = [...new Set(pairs.map((p) => `${p.patchId}${zh ? '：' : ': '}${p.patchAfterDate}`))].join(zh ? '、' : ', ');
    return flag(params, lang, 0, approvals, { dates });
  },
};
