import type { LayerKind } from '../core';

// Colours of the map and its legend. Land-use colours follow the conventional 三调 map colours
// (approximated); protected layers are outlined so the land under them stays readable.

export type RGBA = [number, number, number, number];

export interface KindStyle {
  fill: RGBA;
  line: RGBA;
  lineWidthPx: number;
  /** Dashed outline (boundaries drawn as lines, not areas). */
  dashed?: boolean;
}

export const KIND_STYLE: Record<LayerKind, KindStyle> = {
  satellite_patch: { fill: [255, 0, 160, 60], line: [230, 0, 140, 255], lineWidthPx: 2 },
  approved_land: { fill: [30, 110, 230, 40], line: [20, 90, 210, 255], lineWidthPx: 2 },
  land_supply: { fill: [0, 170, 170, 40], line: [0, 140, 140, 255], lineWidthPx: 1.5 },
  real_estate: { fill: [0, 0, 0, 0], line: [120, 70, 30, 200], lineWidthPx: 1 },
  basic_farmland: { fill: [250, 200, 0, 40], line: [210, 150, 0, 220], lineWidthPx: 1 },
  eco_redline: { fill: [230, 30, 30, 45], line: [220, 20, 20, 255], lineWidthPx: 2.5 },
  urban_boundary: { fill: [0, 0, 0, 0], line: [140, 40, 180, 255], lineWidthPx: 3, dashed: true },
  planning_zone: { fill: [120, 120, 200, 50], line: [90, 90, 170, 255], lineWidthPx: 1 },
  land_use: { fill: [200, 200, 200, 160], line: [255, 255, 255, 120], lineWidthPx: 0.5 },
};

/** First-level 三调 classes → colour (RGB); second-level codes use their first-level colour unless listed. */
const LAND_USE_RGB: Record<string, [number, number, number]> = {
  '0101': [255, 255, 100], '0102': [255, 255, 150], '0103': [255, 230, 130],
  '02': [230, 175, 100], '03': [50, 170, 100], '0305': [120, 200, 130], '04': [170, 215, 110],
  '05': [255, 150, 150], '06': [200, 130, 170], '0701': [255, 180, 150], '0702': [255, 200, 170],
  '08': [255, 120, 180], '0810': [110, 210, 110], '09': [160, 120, 120], '10': [190, 190, 190], '1006': [210, 190, 150],
  '11': [150, 200, 255], '1104': [120, 180, 240], '1106': [210, 230, 240], '12': [220, 210, 190], '1202': [240, 240, 200],
};

export function landUseColour(code: string, alpha = 120): RGBA {
  const rgb = LAND_USE_RGB[code] ?? LAND_USE_RGB[code.slice(0, 2)] ?? [200, 200, 200];
  return [rgb[0], rgb[1], rgb[2], alpha];
}

/** Patches by judgement (判定): not judged, legal, illegal, other. */
export const JUDGEMENT_COLOUR: Record<'unjudged' | 'legal' | 'illegal' | 'other', RGBA> = {
  unjudged: [255, 140, 0, 255],
  legal: [30, 160, 60, 255],
  illegal: [220, 0, 40, 255],
  other: [120, 120, 220, 255],
};

export function judgementKey(value: unknown): keyof typeof JUDGEMENT_COLOUR {
  if (value === '合法' || value === 'legal') return 'legal';
  if (value === '违法' || value === 'illegal') return 'illegal';
  if (typeof value === 'string' && value.trim() !== '') return 'other';
  return 'unjudged';
}

export const CASE_PIN: { fill: RGBA; selected: RGBA; outline: RGBA } = {
  fill: [0, 90, 200, 255],
  selected: [255, 210, 0, 255],
  outline: [255, 255, 255, 255],
};

export const cssColour = (c: RGBA) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(2)})`;

export interface Palette {
  fill: RGBA[];
  line: RGBA[];
}

/** Fill and line colour of each style value of a layer (index as in its styleValues). */
export function paletteOf(kind: LayerKind, styleValues: string[]): Palette {
  const style = KIND_STYLE[kind];
  if (kind === 'land_use') return { fill: styleValues.map((v) => (v ? landUseColour(v) : style.fill)), line: styleValues.map(() => style.line) };
  if (kind === 'satellite_patch') {
    const line = styleValues.map((v) => JUDGEMENT_COLOUR[judgementKey(v)]);
    return { fill: line.map((c): RGBA => [c[0], c[1], c[2], 70]), line };
  }
  return { fill: styleValues.map(() => style.fill), line: styleValues.map(() => style.line) };
}
