// Angles as people type them: decimal degrees, and degrees-minutes-seconds with symbols (114°52'30.5"E),
// Chinese units (东经114度52分30.5秒) or colons (114:52:30.5), with a hemisphere letter before or after.

export interface ParsedAngle {
  degrees: number;
  /** 'lon' for E/W (东经/西经), 'lat' for N/S (北纬/南纬), null when the text does not say. */
  axis: 'lon' | 'lat' | null;
}

const HEMISPHERE: Record<string, { sign: 1 | -1; axis: 'lon' | 'lat' }> = {
  E: { sign: 1, axis: 'lon' }, W: { sign: -1, axis: 'lon' }, N: { sign: 1, axis: 'lat' }, S: { sign: -1, axis: 'lat' },
  东经: { sign: 1, axis: 'lon' }, 西经: { sign: -1, axis: 'lon' }, 北纬: { sign: 1, axis: 'lat' }, 南纬: { sign: -1, axis: 'lat' },
};

const PATTERN = new RegExp(
  '^\\s*(东经|西经|北纬|南纬|[NSEW])?\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*(?:[°度:]|\\s)?\\s*' +
    "(?:(\\d+(?:\\.\\d+)?)\\s*(?:['′’分:]|\\s)?\\s*)?" +
    '(?:(\\d+(?:\\.\\d+)?)\\s*(?:["″”秒]|\'\'|′′)?\\s*)?' +
    '(东经|西经|北纬|南纬|[NSEW])?\\s*$',
  'i',
);

/** Parses an angle, or returns null when the text is not one (minutes and seconds must be below 60). */
export function parseAngle(text: string): ParsedAngle | null {
  const m = PATTERN.exec(text.normalize('NFKC').replace(/\s+/g, ' '));
  if (!m) return null;
  const [, before, d, min, sec, after] = m;
  if (before && after) return null;
  const minutes = min === undefined ? 0 : Number(min);
  const seconds = sec === undefined ? 0 : Number(sec);
  if (minutes >= 60 || seconds >= 60) return null;
  if ((min !== undefined || sec !== undefined) && d!.includes('.')) return null;
  const whole = Number(d);
  const magnitude = Math.abs(whole) + minutes / 60 + seconds / 3600;
  const hemi = before ?? after;
  const h = hemi ? HEMISPHERE[hemi.toUpperCase()] ?? HEMISPHERE[hemi] : undefined;
  const sign = (whole < 0 || Object.is(whole, -0) ? -1 : 1) * (h?.sign ?? 1);
  return { degrees: sign * magnitude, axis: h?.axis ?? null };
}
