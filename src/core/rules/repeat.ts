import { flag } from './rule';
import type { Rule } from './rule';

/** REPEAT: an earlier case nearby or from the same petitioner. */
export const repeat: Rule = {
  code: 'REPEAT',
  evaluate: (facts, params, lang) => (facts.repeats.length > 0 ? flag(params, lang, 0, facts.repeats) : null),
};
