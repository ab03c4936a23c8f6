import polylabel from 'polylabel';
import { bboxOf, planarArea } from '../verify/overlay';
import { lookupCrs } from '../crs/registry';
import type { MultiRings, PolygonRings } from '../geometry/clip';
import { LAYER_KINDS } from '../model';
import type { LayerKind, Position } from '../model';
import { KIND_NAMES } from '../opinion/layerNames';
import type { Lang } from '../rules/ruleSet';
import { REPORT_FONT_FAMILY } from './reportDocument';
import type { ReportFigure } from './reportDocument';
import { CASE_REPORT_LABELS, MAP_LABELS } from './reportLabels';

// The report's map (DESIGN §5): the verified zone, the overlap pieces by layer kind with their feature
// ids, a legend, a scale bar, a north arrow and a Gauss-Kruger coordinate frame, drawn as SVG text.
// Deterministic: fixed number formatting, elements in input order, fixed ids, no dates, nothing random.

/** One overlapping feature's pieces (an Overlap of the verification fits). Planar, area CRS. */
export interface MapFeaturePieces {
  layerKind: LayerKind;
  featureId: string;
  pieces: MultiRings;
}

/** A whole feature drawn as thin outline for context (e.g. the full parcel an overlap is part of). Planar, area CRS. */
export interface MapContextFeature {
  layerKind: LayerKind;
  featureId: string;
  polygons: MultiRings;
}

export interface CaseMapFigureInput {
  /** The verified zone (CaseVerification.zone), planar in the area CRS. */
  zone: MultiRings;
  /** The overlaps of the verification, in its order. */
  overlaps: readonly MapFeaturePieces[];
  /** The planar CRS of every coordinate given here, e.g. EPSG:4547. */
  areaCrs: string;
  /** The case's point, planar in the area CRS, when the case is a point. */
  casePoint?: Position | null;
  lang: Lang;
  /** Whole overlapping features, outlined under the pieces and cut to the map frame. */
  context?: readonly MapContextFeature[];
  /** Defaults to 图1 案件位置及套合示意图 / Figure 1 Case location and overlaps. */
  caption?: string;
}

export const MAP_FIGURE_WIDTH_MM = 160;
export const MAP_FIGURE_HEIGHT_MM = 120;
const DPI = 200;
const WIDTH_PX = Math.round((MAP_FIGURE_WIDTH_MM / 25.4) * DPI);
const HEIGHT_PX = Math.round((MAP_FIGURE_HEIGHT_MM / 25.4) * DPI);

/** The map frame inside the figure, in figure pixels; the legend panel lies to its right. */
const FRAME = { left: 120, top: 36, width: 780, height: 850 };
const FRAME_RIGHT = FRAME.left + FRAME.width;
const FRAME_BOTTOM = FRAME.top + FRAME.height;
const PANEL = { left: 930, width: WIDTH_PX - 930 - 15 };
/** The view is the zone's bounding box grown by this share, and at least MIN_VIEW_M across. */
const VIEW_GROWTH = 0.3;
const MIN_VIEW_M = 60;
const SCALE_BAR_MAX_PX = 280;
const TICK_PX = 12;
const TICKS_ACROSS = 7;
const LABEL_FONT_PX = 18;
const LABEL_LINE_PX = 24;

interface KindFigureStyle {
  fill: string;
  fillOpacity: number;
  stroke: string;
  strokeWidth: number;
  dash: string | null;
  label: string;
}

// The colours of src/map/palette.ts (KIND_STYLE), repeated here because the core cannot import the map.
// Fill opacities are stronger than on screen: the report prints on white paper, not over imagery.
// Land use is outlined grey rather than white for the same reason; the kinds the screen leaves unfilled
// (parcels, the urban boundary) get a faint fill of their line colour so the overlap piece shows.
const KIND_FIGURE_STYLE: Record<LayerKind, KindFigureStyle> = {
  satellite_patch: { fill: '#ff00a0', fillOpacity: 0.3, stroke: '#e6008c', strokeWidth: 3, dash: null, label: '#b4006e' },
  approved_land: { fill: '#1e6ee6', fillOpacity: 0.3, stroke: '#145ad2', strokeWidth: 3, dash: null, label: '#145ad2' },
  land_supply: { fill: '#00aaaa', fillOpacity: 0.3, stroke: '#008c8c', strokeWidth: 2.5, dash: null, label: '#006e6e' },
  real_estate: { fill: '#78461e', fillOpacity: 0.15, stroke: '#78461e', strokeWidth: 2, dash: null, label: '#78461e' },
  basic_farmland: { fill: '#fac800', fillOpacity: 0.35, stroke: '#d29600', strokeWidth: 2, dash: null, label: '#966400' },
  eco_redline: { fill: '#e61e1e', fillOpacity: 0.3, stroke: '#dc1414', strokeWidth: 3, dash: null, label: '#b40000' },
  urban_boundary: { fill: '#8c28b4', fillOpacity: 0.12, stroke: '#8c28b4', strokeWidth: 3, dash: '12 6', label: '#6e1e96' },
  planning_zone: { fill: '#7878c8', fillOpacity: 0.3, stroke: '#5a5aaa', strokeWidth: 2, dash: null, label: '#46468c' },
  land_use: { fill: '#c8c8c8', fillOpacity: 0.35, stroke: '#969696', strokeWidth: 1.5, dash: null, label: '#505050' },
};

const ZONE_COLOUR = '#ff0000';
/** Bottom to top: the survey under everything, patches on top (LAYER_KINDS lists the top first). */
const DRAW_ORDER: readonly LayerKind[] = [...LAYER_KINDS].reverse();

/** Fixed one-decimal pixels (1/200 inch), never "-0.0". */
function px(v: number): string {
  const r = Math.round(v * 10) / 10;
  return (r === 0 ? 0 : r).toFixed(1);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** 38512340 → "38 512 340", as Chinese map frames group their coordinates. */
function groupedMetres(v: number): string {
  const r = Math.round(v);
  const sign = r < 0 ? '-' : '';
  return sign + String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** The smallest of 1, 2, 5 × 10^n at least `v`. */
function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v - 1e-9 * p)!;
}

/** The largest of 1, 2, 5 × 10^n at most `v`. */
function niceFloor(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [5, 2, 1].map((m) => m * p).find((n) => n <= v + 1e-9 * p)!;
}

/** Rough advance of text in the report font: CJK a full em, the rest a little over half. */
function textWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.58;
  return em * fontPx;
}

const polygonArea = (rings: PolygonRings): number => planarArea([rings]);

/** The point deepest inside a polygon (polylabel), computed relative to its first vertex for precision. */
function labelPoint(rings: PolygonRings, precisionM: number): Position {
  const [x0, y0] = rings[0]![0]!;
  const local = rings.map((ring) => ring.map((p): [number, number] => [p[0] - x0, p[1] - y0]));
  const [x, y] = polylabel(local, precisionM);
  return [x0 + x, y0 + y];
}

/**
 * What the Y (easting) labels carry: Chinese maps write the zone number before the easting
 * (38 500 000), which a zone-prefixed CRS already holds and a CM-form CRS (EPSG:4534–4554) leaves out.
 */
interface GridCrs {
  eastingOffset: number;
  zone: number | null;
  zoneWidth: number | null;
  centralMeridian: number | null;
  datum: string;
}

function gridCrs(areaCrs: string): GridCrs {
  const info = lookupCrs(areaCrs);
  if (!info) return { eastingOffset: 0, zone: null, zoneWidth: null, centralMeridian: null, datum: areaCrs };
  const gaussKruger = !info.geographic && info.zoneWidth !== undefined && info.centralMeridian !== undefined && ['CGCS2000', 'Xian 1980', 'Beijing 1954'].includes(info.datum);
  if (!gaussKruger) return { eastingOffset: 0, zone: null, zoneWidth: null, centralMeridian: info.centralMeridian ?? null, datum: info.name };
  const cm = info.centralMeridian!;
  const zone = info.zonePrefix ?? (info.zoneWidth === 3 ? cm / 3 : (cm + 3) / 6);
  return { eastingOffset: info.zonePrefix === undefined ? zone * 1_000_000 : 0, zone, zoneWidth: info.zoneWidth!, centralMeridian: cm, datum: info.datum };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlapsBox = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function clampBox(box: Box): Box {
  const x = Math.min(Math.max(box.x, FRAME.left + 4), FRAME_RIGHT - 4 - box.w);
  const y = Math.min(Math.max(box.y, FRAME.top + 4), FRAME_BOTTOM - 4 - box.h);
  return { ...box, x, y };
}

/** The polygons' box, or null when they have no vertex. */
function boundsOf(polygons: MultiRings): [number, number, number, number] | null {
  const box = bboxOf(polygons);
  return box[0] <= box[2] ? box : null;
}

/** The case's map as an SVG figure, about 160 × 120 mm, for the verification report. */
export function caseMapFigure(input: CaseMapFigureInput): ReportFigure {
  const { lang } = input;
  const words = MAP_LABELS[lang];

  // The view: the zone's box grown by 30%, at least 60 m each way, fitted to the frame at one scale.
  const bounds = boundsOf(input.zone) ?? boundsOf(input.overlaps.flatMap((o) => o.pieces)) ?? (input.casePoint ? [input.casePoint[0], input.casePoint[1], input.casePoint[0], input.casePoint[1]] : null);
  if (!bounds) throw new RangeError('caseMapFigure: the zone, the overlaps and the case point are all empty: there is nothing to centre the map on');
  const viewW = Math.max((bounds[2] - bounds[0]) * (1 + VIEW_GROWTH), MIN_VIEW_M);
  const viewH = Math.max((bounds[3] - bounds[1]) * (1 + VIEW_GROWTH), MIN_VIEW_M);
  const metresPerPx = Math.max(viewW / FRAME.width, viewH / FRAME.height);
  const centreE = (bounds[0] + bounds[2]) / 2;
  const centreN = (bounds[1] + bounds[3]) / 2;
  const minE = centreE - (FRAME.width * metresPerPx) / 2;
  const maxE = centreE + (FRAME.width * metresPerPx) / 2;
  const minN = centreN - (FRAME.height * metresPerPx) / 2;
  const maxN = centreN + (FRAME.height * metresPerPx) / 2;
  const toX = (e: number) => FRAME.left + (e - minE) / metresPerPx;
  const toY = (n: number) => FRAME.top + (maxN - n) / metresPerPx;

  const pathOf = (polygons: MultiRings): string => {
    const parts: string[] = [];
    for (const rings of polygons) {
      for (const ring of rings) {
        const pts: string[] = [];
        let last = '';
        const n = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.length - 1 : ring.length;
        for (let i = 0; i < n; i++) {
          const pt = `${px(toX(ring[i]![0]))} ${px(toY(ring[i]![1]))}`;
          if (pt !== last) pts.push(pt);
          last = pt;
        }
        if (pts.length >= 3) parts.push(`M${pts.join('L')}Z`);
      }
    }
    return parts.join('');
  };
  const kindAttrs = (s: KindFigureStyle, fill: boolean) =>
    `fill="${fill ? s.fill : 'none'}"${fill ? ` fill-opacity="${s.fillOpacity}"` : ''} stroke="${s.stroke}" stroke-width="${s.strokeWidth}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linejoin="round"`;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH_PX}" height="${HEIGHT_PX}" viewBox="0 0 ${WIDTH_PX} ${HEIGHT_PX}" font-family="${REPORT_FONT_FAMILY}">`,
    `<defs><clipPath id="map-clip"><rect x="${FRAME.left}" y="${FRAME.top}" width="${FRAME.width}" height="${FRAME.height}"/></clipPath></defs>`,
    `<rect id="background" x="0" y="0" width="${WIDTH_PX}" height="${HEIGHT_PX}" fill="#ffffff"/>`,
  );

  // Map content, cut to the frame.
  out.push('<g id="map" clip-path="url(#map-clip)">');
  const context = input.context ?? [];
  if (context.length > 0) {
    out.push('<g id="context">');
    for (const f of context) {
      const s = KIND_FIGURE_STYLE[f.layerKind];
      out.push(`<path class="context kind-${f.layerKind}" d="${pathOf(f.polygons)}" fill="none" stroke="${s.stroke}" stroke-width="1.5" stroke-opacity="0.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    }
    out.push('</g>');
  }
  const drawn = input.overlaps
    .map((o, i) => ({ o, i }))
    .sort((a, b) => DRAW_ORDER.indexOf(a.o.layerKind) - DRAW_ORDER.indexOf(b.o.layerKind) || a.i - b.i);
  out.push('<g id="overlaps" fill-rule="evenodd">');
  for (const { o } of drawn) {
    const d = pathOf(o.pieces);
    if (d !== '') out.push(`<path class="piece kind-${o.layerKind}" d="${d}" ${kindAttrs(KIND_FIGURE_STYLE[o.layerKind], true)}/>`);
  }
  out.push('</g>');

  // Grid crosses at the frame's round coordinates, as large-scale Chinese maps mark them.
  const step = niceCeil(Math.max(maxE - minE, maxN - minN) / TICKS_ACROSS);
  const eastings: number[] = [];
  for (let e = Math.ceil(minE / step) * step; e <= maxE; e += step) if (toX(e) > FRAME.left + 2 && toX(e) < FRAME_RIGHT - 2) eastings.push(e);
  const northings: number[] = [];
  for (let n = Math.ceil(minN / step) * step; n <= maxN; n += step) if (toY(n) > FRAME.top + 2 && toY(n) < FRAME_BOTTOM - 2) northings.push(n);
  out.push('<g id="grid" stroke="#808080" stroke-width="1">');
  for (const e of eastings) {
    for (const n of northings) {
      const x = toX(e), y = toY(n);
      out.push(`<path d="M${px(x - 8)} ${px(y)}H${px(x + 8)}M${px(x)} ${px(y - 8)}V${px(y + 8)}"/>`);
    }
  }
  out.push('</g>');

  out.push(`<path id="case-zone" d="${pathOf(input.zone)}" fill="none" stroke="${ZONE_COLOUR}" stroke-width="4" stroke-linejoin="round" fill-rule="evenodd"/>`);
  const placed: Box[] = [];
  if (input.casePoint) {
    const x = toX(input.casePoint[0]), y = toY(input.casePoint[1]);
    out.push(`<g id="case-point"><circle cx="${px(x)}" cy="${px(y)}" r="7" fill="${ZONE_COLOUR}" stroke="#ffffff" stroke-width="2"/></g>`);
    placed.push({ x: x - 9, y: y - 9, w: 18, h: 18 });
  }

  // Feature ids at the point deepest inside each feature's largest piece; one label per id (the same
  // approval may come from two layers); a label that would cover another moves up or down, with a leader.
  const labels: { id: string; kind: LayerKind; at: Position }[] = [];
  for (const o of input.overlaps) {
    if (labels.some((l) => l.id === o.featureId)) continue;
    const largest = o.pieces.reduce<PolygonRings | null>((best, rings) => (rings[0] && rings[0].length >= 4 && (!best || polygonArea(rings) > polygonArea(best)) ? rings : best), null);
    if (!largest) continue;
    labels.push({ id: o.featureId, kind: o.layerKind, at: labelPoint(largest, metresPerPx) });
  }
  const leaders: string[] = [];
  const texts: string[] = [];
  for (const label of labels) {
    const ax = toX(label.at[0]), ay = toY(label.at[1]);
    const w = textWidth(label.id, LABEL_FONT_PX) + 6;
    const base: Box = clampBox({ x: ax - w / 2, y: ay - LABEL_LINE_PX / 2, w, h: LABEL_LINE_PX });
    let box = base;
    for (let k = 1; k <= 16 && placed.some((p) => overlapsBox(p, box)); k++) {
      const dy = Math.ceil(k / 2) * LABEL_LINE_PX * (k % 2 === 1 ? 1 : -1);
      box = clampBox({ ...base, y: base.y + dy });
    }
    placed.push(box);
    const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    const colour = KIND_FIGURE_STYLE[label.kind].label;
    if (Math.hypot(cx - ax, cy - ay) > LABEL_LINE_PX) {
      const ly = cy > ay ? box.y : box.y + box.h;
      leaders.push(`<path d="M${px(ax)} ${px(ay)}L${px(cx)} ${px(ly)}" stroke="${colour}"/><circle cx="${px(ax)}" cy="${px(ay)}" r="3" fill="${colour}"/>`);
    }
    texts.push(`<text class="feature-label" x="${px(cx)}" y="${px(cy + LABEL_FONT_PX * 0.35)}" fill="${colour}">${escapeXml(label.id)}</text>`);
  }
  // Leaders go under every label, so the labels' white halo keeps them off the text.
  if (leaders.length > 0) out.push('<g id="leaders" stroke-width="1.5" fill="none">', ...leaders, '</g>');
  out.push(`<g id="labels" font-size="${LABEL_FONT_PX}" text-anchor="middle" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">`, ...texts, '</g>');
  out.push('</g>');

  // The frame, its ticks and the coordinate labels: X (northing) left, Y (easting, zone-prefixed) below.
  const grid = gridCrs(input.areaCrs);
  out.push(`<rect id="frame" x="${FRAME.left}" y="${FRAME.top}" width="${FRAME.width}" height="${FRAME.height}" fill="none" stroke="#000000" stroke-width="2"/>`);
  out.push('<g id="coordinates" font-size="18" fill="#000000">');
  for (const n of northings) {
    const y = px(toY(n));
    out.push(
      `<g class="tick-x"><path d="M${FRAME.left} ${y}H${FRAME.left + TICK_PX}M${FRAME_RIGHT - TICK_PX} ${y}H${FRAME_RIGHT}" stroke="#000000" stroke-width="1.5"/>`,
      `<text x="${FRAME.left - 8}" y="${px(toY(n) + 6)}" text-anchor="end">${groupedMetres(n)}</text></g>`,
    );
  }
  for (const e of eastings) {
    const x = px(toX(e));
    out.push(
      `<g class="tick-y"><path d="M${x} ${FRAME_BOTTOM}V${FRAME_BOTTOM - TICK_PX}M${x} ${FRAME.top}V${FRAME.top + TICK_PX}" stroke="#000000" stroke-width="1.5"/>`,
      `<text x="${x}" y="${FRAME_BOTTOM + 28}" text-anchor="middle">${groupedMetres(e + grid.eastingOffset)}</text></g>`,
    );
  }
  out.push('</g>');

  // North arrow. Gauss-Kruger grid north, i.e. straight up the frame: it differs from true north by the
  // meridian convergence (about Δλ·sin φ, under 1° inside a 3° zone), which large-scale maps leave out.
  const arrowX = PANEL.left + PANEL.width / 2;
  out.push(
    `<g id="north-arrow"><text x="${px(arrowX)}" y="58" font-size="26" font-weight="bold" text-anchor="middle">${escapeXml(words.north)}</text>`,
    `<path d="M${px(arrowX)} 68L${px(arrowX - 18)} 138L${px(arrowX)} 120Z" fill="#000000" stroke="#000000" stroke-width="1.5" stroke-linejoin="round"/>`,
    `<path d="M${px(arrowX)} 68L${px(arrowX + 18)} 138L${px(arrowX)} 120Z" fill="#ffffff" stroke="#000000" stroke-width="1.5" stroke-linejoin="round"/></g>`,
  );

  // Legend: the zone, the case point, then each layer kind present, top of the map first.
  const kinds = LAYER_KINDS.filter((k) => input.overlaps.some((o) => o.layerKind === k) || context.some((c) => c.layerKind === k));
  const kindName = (k: LayerKind) => {
    const name = KIND_NAMES[lang][k];
    return lang === 'en' ? name[0]!.toUpperCase() + name.slice(1) : name;
  };
  out.push(`<g id="legend" font-size="17"><text x="${PANEL.left + 4}" y="186" font-size="20" font-weight="bold">${escapeXml(words.legend)}</text>`);
  let rowY = 204;
  const swatchX = PANEL.left + 4;
  const legendRow = (swatch: string, text: string) => {
    out.push(`<g class="legend-entry">${swatch}<text x="${swatchX + 54}" y="${rowY + 17}">${escapeXml(text)}</text></g>`);
    rowY += 34;
  };
  legendRow(`<rect x="${swatchX}" y="${rowY}" width="40" height="22" fill="none" stroke="${ZONE_COLOUR}" stroke-width="4"/>`, words.zone);
  if (input.casePoint) legendRow(`<circle cx="${swatchX + 20}" cy="${rowY + 11}" r="7" fill="${ZONE_COLOUR}" stroke="#ffffff" stroke-width="2"/>`, words.casePoint);
  for (const k of kinds) legendRow(`<rect x="${swatchX}" y="${rowY}" width="40" height="22" ${kindAttrs(KIND_FIGURE_STYLE[k], true)}/>`, kindName(k));
  out.push('</g>');

  // Scale bar: the longest round length (1, 2 or 5 × 10^n m) that fits the panel.
  const barM = niceFloor(SCALE_BAR_MAX_PX * metresPerPx);
  const barPx = barM / metresPerPx;
  const barX = PANEL.left + 10;
  out.push(
    `<g id="scale-bar" font-size="17">`,
    `<rect class="scale-bar-length" x="${px(barX)}" y="760" width="${px(barPx)}" height="10" fill="#ffffff" stroke="#000000" stroke-width="1.5"/>`,
    `<rect x="${px(barX)}" y="760" width="${px(barPx / 2)}" height="10" fill="#000000" stroke="none"/>`,
    `<text x="${px(barX)}" y="752" text-anchor="middle">0</text>`,
    `<text class="scale-bar-label" x="${px(barX + barPx)}" y="752" text-anchor="middle">${escapeXml(words.metres(barM))}</text>`,
    '</g>',
  );

  // What the coordinates are: datum, zone, central meridian, and that Y carries the zone number.
  const note = words.crsNote(grid.datum, grid.zoneWidth, grid.zone, grid.centralMeridian);
  out.push(`<g id="crs-note" font-size="15" fill="#333333">`);
  note.forEach((line, i) => out.push(`<text x="${PANEL.left + 4}" y="${812 + i * 22}">${escapeXml(line)}</text>`));
  out.push('</g>', '</svg>');

  return {
    svg: `${out.join('\n')}\n`,
    widthMm: MAP_FIGURE_WIDTH_MM,
    heightMm: MAP_FIGURE_HEIGHT_MM,
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    caption: input.caption ?? CASE_REPORT_LABELS[lang].mapCaption,
  };
}
