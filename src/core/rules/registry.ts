import { approvedAfterChange } from './approvedAfterChange';
import { basicFarmland } from './basicFarmland';
import { ecoRedline } from './ecoRedline';
import { farmlandUse } from './farmlandUse';
import { noApproval } from './noApproval';
import { noData } from './noData';
import { outsideUrbanBoundary } from './outsideUrbanBoundary';
import { patchIllegal } from './patchIllegal';
import { patchUnjudged } from './patchUnjudged';
import { registeredRights } from './registeredRights';
import { repeat } from './repeat';
import type { CaseFacts, Rule } from './rule';
import type { Lang, RuleSet } from './ruleSet';
import type { Flag } from '../verify/types';

// The rules in the order their flags are listed (DESIGN §4): the order is explicit, not discovered.
export const RULES: readonly Rule[] = [
  basicFarmland,
  ecoRedline,
  noApproval,
  patchIllegal,
  farmlandUse,
  outsideUrbanBoundary,
  approvedAfterChange,
  patchUnjudged,
  registeredRights,
  repeat,
  noData,
];

/** Flags of one case: every rule of the registry that the rule set configures, in registry order. */
export function evaluateRules(facts: CaseFacts, ruleSet: RuleSet, lang: Lang): Flag[] {
  const flags: Flag[] = [];
  for (const rule of RULES) {
    const params = ruleSet.rules.find((r) => r.code === rule.code);
    if (!params) continue; // a bureau may switch a rule off by leaving it out
    const result = rule.evaluate(facts, params, lang);
    if (result) flags.push(result);
  }
  return flags;
}
