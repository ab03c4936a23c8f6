// Tile URL templates a bureau pastes into the base map dialog: XYZ ({z}/{x}/{y}, TMS {-y}) and OGC WMTS
// (KVP `TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}` or REST `/{TileMatrix}/{TileRow}/{TileCol}.png`),
// turned into what maplibre reads ({z}/{x}/{y}), or a precise reason why not. Pure; no DOM.

export interface TileTemplate {
  /** One URL per subdomain, with maplibre's placeholders. */
  tiles: string[];
  /** 'tms' when rows count from the bottom ({-y}). */
  scheme: 'xyz' | 'tms';
}

export type TemplateProblem =
  | { code: 'empty' }
  | { code: 'scheme' }
  | { code: 'missing'; missing: string[] }
  | { code: 'unknown'; placeholder: string }
  | { code: 'subdomains' }
  | { code: 'geographic'; matrixSet: string };

export type TemplateResult = { ok: true; template: TileTemplate } | { ok: false; problem: TemplateProblem };

/** Placeholders and what they stand for, by lower-cased name. WMTS names as in OGC 07-057r7; Esri's level/row/col too. */
const AXES: Record<string, 'z' | 'x' | 'y' | '-y'> = {
  z: 'z', tilematrix: 'z', level: 'z',
  x: 'x', tilecol: 'x', col: 'x',
  y: 'y', tilerow: 'y', row: 'y',
  '-y': '-y',
};
/** maplibre's own placeholders, passed through; each locates a tile by itself. */
const NATIVE_COMPLETE = new Set(['quadkey', 'bbox-epsg-3857']);
const NATIVE_EXTRA = new Set(['ratio', 'prefix']);

/**
 * Matrix sets that are geographic (lon/lat), which the Web Mercator map cannot show as they are: Tianditu's `c`,
 * EPSG:4326/4490 and CRS84 grids. Tianditu's c sets are offered, resampled, under the Tianditu option.
 */
const GEOGRAPHIC_SET = /^(c|crs84|wgs84|worldcrs84quad|cgcs2000|cgcs2000quad|.*\b(4326|4490)\b.*)$/i;

export function parseTileTemplate(input: string): TemplateResult {
  const url = input.trim();
  const fail = (problem: TemplateProblem): TemplateResult => ({ ok: false, problem });
  if (!url) return fail({ code: 'empty' });
  if (!/^https?:\/\/[^/?#\s]+/i.test(url)) return fail({ code: 'scheme' });

  const matrixSet = /[?&]tilematrixset=([^&#]*)/i.exec(url)?.[1];
  if (matrixSet !== undefined && GEOGRAPHIC_SET.test(decodeURIComponent(matrixSet))) return fail({ code: 'geographic', matrixSet: decodeURIComponent(matrixSet) });
  const tiandituC = /\/(vec|img|ter|cva|cia|cta|eva|eia|eta)_c\//i.exec(url);
  if (tiandituC) return fail({ code: 'geographic', matrixSet: `${tiandituC[1]}_c` });

  const found = new Set<string>();
  let tms = false;
  let ranges: string[] | null = null;
  let problem: TemplateProblem | null = null;
  const converted = url.replace(/\{([^{}]*)\}/g, (whole, inner: string) => {
    const name = inner.trim().toLowerCase();
    const axis = AXES[name];
    if (axis) {
      found.add(axis === '-y' ? 'y' : axis);
      if (axis === '-y') tms = true;
      return `{${axis === '-y' ? 'y' : axis}}`;
    }
    if (NATIVE_COMPLETE.has(name)) {
      found.add('z').add('x').add('y');
      return whole;
    }
    if (NATIVE_EXTRA.has(name)) return whole;
    // OpenLayers-style subdomains: {0-7} or {a-c}.
    const range = /^([0-9a-z])-([0-9a-z])$/.exec(name);
    if (range && range[1]! < range[2]! && ranges === null) {
      ranges = [];
      for (let c = range[1]!.charCodeAt(0); c <= range[2]!.charCodeAt(0); c++) ranges.push(String.fromCharCode(c));
      return '\u0000';
    }
    problem ??= name === 's' || name === 'subdomain' ? { code: 'subdomains' } : { code: 'unknown', placeholder: whole };
    return whole;
  });
  if (problem) return fail(problem);
  const missing = (['z', 'x', 'y'] as const).filter((axis) => !found.has(axis));
  if (missing.length > 0) return fail({ code: 'missing', missing: missing.map((axis) => `{${axis}}`) });
  const subdomains: string[] = ranges ?? [''];
  return {
    ok: true,
    template: { tiles: subdomains.map((s) => converted.replace('\u0000', s)), scheme: tms ? 'tms' : 'xyz' },
  };
}
