import { isIsoDate } from './dates';

// Case numbers as the bureau writes them (XF-2026-0042): a pattern with the year, month and a
// zero-padded running number. The number runs per period the pattern names: with {YYYY} it starts
// again each year, with {MM} too each month, without either it never restarts.

export const DEFAULT_CASE_NUMBER_PATTERN = 'XF-{YYYY}-{NNNN}';

export class CaseNumberPatternError extends Error {
  constructor(pattern: string, problem: string) {
    super(`case number pattern "${pattern}": ${problem}`);
    this.name = 'CaseNumberPatternError';
  }
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

interface Part {
  kind: 'text' | 'YYYY' | 'YY' | 'MM' | 'sequence';
  text: string;
}

function partsOf(pattern: string): { parts: Part[]; width: number } {
  const parts: Part[] = [];
  let width = 0;
  let last = 0;
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    parts.push({ kind: 'text', text: pattern.slice(last, m.index) });
    const name = m[1]!;
    if (/^N+$/.test(name)) {
      if (width > 0) throw new CaseNumberPatternError(pattern, 'it has more than one running number {N…}');
      width = name.length;
      parts.push({ kind: 'sequence', text: '' });
    } else if (name === 'YYYY' || name === 'YY' || name === 'MM') parts.push({ kind: name, text: '' });
    else throw new CaseNumberPatternError(pattern, `unknown placeholder {${name}} (expected {YYYY}, {YY}, {MM} or {NNNN})`);
    last = m.index + m[0].length;
  }
  parts.push({ kind: 'text', text: pattern.slice(last) });
  if (width === 0) throw new CaseNumberPatternError(pattern, 'it needs a running number such as {NNNN} (one N per digit)');
  if (/[{}]/.test(parts.filter((p) => p.kind === 'text').map((p) => p.text).join(''))) {
    throw new CaseNumberPatternError(pattern, 'a brace is not part of a placeholder');
  }
  return { parts, width };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The next free case number for a case received on `receivedDate` (YYYY-MM-DD): one more than the
 * highest number already used in the same period, padded to the pattern's width (wider if it outgrows
 * it). Numbers not written by the pattern are ignored. Throws CaseNumberPatternError for a bad pattern.
 */
export function nextCaseNumber(pattern: string, existingIds: Iterable<string>, receivedDate: string): string {
  const { parts, width } = partsOf(pattern);
  if (!isIsoDate(receivedDate)) throw new RangeError(`"${receivedDate}" is not a date YYYY-MM-DD`);
  const values: Record<Exclude<Part['kind'], 'text' | 'sequence'>, string> = {
    YYYY: receivedDate.slice(0, 4),
    YY: receivedDate.slice(2, 4),
    MM: receivedDate.slice(5, 7),
  };
  const fill = (sequence: string) => parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'sequence' ? sequence : values[p.kind])).join('');
  const matcher = new RegExp(`^${parts.map((p) => (p.kind === 'text' ? escapeRegExp(p.text) : p.kind === 'sequence' ? '(\\d+)' : escapeRegExp(values[p.kind]))).join('')}$`);
  let highest = 0;
  for (const id of existingIds) {
    const m = matcher.exec(id.trim());
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return fill(String(highest + 1).padStart(width, '0'));
}
