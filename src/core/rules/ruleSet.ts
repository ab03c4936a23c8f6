import { InputError } from '../errors';

// The rules file (data/rules/default.json): thresholds, message templates in zh-CN and en, legal basis
// and handling texts. A bureau edits this file, not the code.

export type Severity = 'high' | 'medium' | 'info' | 'warning';
export type Lang = 'zh-CN' | 'en';
export type Localised = Record<Lang, string>;

export interface RuleParams {
  code: string;
  severity: Severity;
  minAreaM2?: number;
  minShare?: number;
  message: Localised;
  legalBasis: string[];
  handling: string;
}

export interface RuleSet {
  schemaVersion: number;
  version: string;
  name: Localised;
  repeatDistanceM: number;
  enforcementDays: number;
  rules: RuleParams[];
  legalBasis: Record<string, Localised>;
  handling: Record<string, Localised>;
}

const SEVERITIES = new Set(['high', 'medium', 'info', 'warning']);

function localised(value: unknown, file: string, place: string): Localised {
  const v = value as Partial<Localised> | null;
  if (!v || typeof v['zh-CN'] !== 'string' || typeof v.en !== 'string') throw new InputError(file, place, 'expected texts for "zh-CN" and "en"');
  return { 'zh-CN': v['zh-CN'], en: v.en };
}

export function parseRuleSet(text: string, file: string): RuleSet {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(file, null, `not valid JSON (${(error as Error).message})`);
  }
  if (raw.schemaVersion !== 1) throw new InputError(file, 'schemaVersion', `expected 1, found ${JSON.stringify(raw.schemaVersion)}`);
  if (!Array.isArray(raw.rules)) throw new InputError(file, 'rules', 'expected an array of rules');
  const legalBasis = Object.fromEntries(Object.entries((raw.legalBasis ?? {}) as Record<string, unknown>).map(([k, v]) => [k, localised(v, file, `legalBasis.${k}`)]));
  const handling = Object.fromEntries(Object.entries((raw.handling ?? {}) as Record<string, unknown>).map(([k, v]) => [k, localised(v, file, `handling.${k}`)]));
  const rules = raw.rules.map((r: Record<string, unknown>, i: number): RuleParams => {
    const place = `rules[${i}]`;
    if (typeof r.code !== 'string') throw new InputError(file, `${place}.code`, 'expected a rule code');
    if (!SEVERITIES.has(r.severity as string)) throw new InputError(file, `${place}.severity`, 'expected high, medium, info or warning');
    for (const key of ['minAreaM2', 'minShare'] as const) {
      if (r[key] !== undefined && (typeof r[key] !== 'number' || (r[key] as number) < 0)) throw new InputError(file, `${place}.${key}`, 'expected a number ≥ 0');
    }
    const basis = (r.legalBasis ?? []) as string[];
    for (const b of basis) if (!legalBasis[b]) throw new InputError(file, `${place}.legalBasis`, `"${b}" is not in the legalBasis table`);
    if (typeof r.handling !== 'string' || !handling[r.handling]) throw new InputError(file, `${place}.handling`, `expected one of ${Object.keys(handling).join(', ')}`);
    const rule: RuleParams = { code: r.code, severity: r.severity as Severity, message: localised(r.message, file, `${place}.message`), legalBasis: basis, handling: r.handling };
    if (r.minAreaM2 !== undefined) rule.minAreaM2 = r.minAreaM2 as number;
    if (r.minShare !== undefined) rule.minShare = r.minShare as number;
    return rule;
  });
  return {
    schemaVersion: 1,
    version: String(raw.version ?? ''),
    name: localised(raw.name, file, 'name'),
    repeatDistanceM: typeof raw.repeatDistanceM === 'number' ? raw.repeatDistanceM : 50,
    enforcementDays: typeof raw.enforcementDays === 'number' ? raw.enforcementDays : 15,
    rules,
    legalBasis,
    handling,
  };
}

/** Fills {name} placeholders. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (values[key] === undefined ? `{${key}}` : String(values[key])));
}
