import { booleanPointInPolygon } from '@turf/turf';
import { crsFromTxtHeader, InputError } from '../core';
import type { CrsFinding, Feature, FeatureCollection, MultiPolygon, Polygon, Position } from '../core';
import { decodeChineseText } from './text';

// The ministry's boundary coordinate file (用地红线坐标 txt), DESIGN §3:
//   [属性描述]  key=value lines (坐标系, 几度分带, 投影类型, 计量单位, 带号 …)
//   [地块坐标]  per plot a header line ending in "@" (points, area ha, plot id, name, 面, sheet, use, class)
//              then "point, ring, X, Y" lines with X = northing and Y = easting, each ring closed.

export const PLOT_FIELDS = ['界址点数', '地块面积', '地块编号', '地块名称', '图形属性', '图幅号', '地块用途', '地类编码'] as const;

export interface BoundaryTxtRead {
  collection: FeatureCollection<Polygon | MultiPolygon>;
  header: Record<string, string>;
  crs: CrsFinding | null;
  encoding: string;
}

interface RingPoint { name: string; ring: number; x: number; y: number; line: number }

function sameSpot(a: RingPoint, b: RingPoint): boolean {
  return Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6;
}

function plotGeometry(points: RingPoint[], file: string, plotLine: number): Polygon | MultiPolygon {
  const rings = new Map<number, RingPoint[]>();
  for (const p of points) rings.set(p.ring, [...(rings.get(p.ring) ?? []), p]);
  const closedRings: Position[][] = [];
  for (const [ringNo, ring] of rings) {
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (ring.length < 4 || !sameSpot(first, last)) {
      throw new InputError(file, `line ${last.line}`, `ring ${ringNo} of the plot on line ${plotLine} is not closed (expected its last point to repeat point ${first.name} and at least 4 points)`);
    }
    // GIS order: easting (Y) first.
    closedRings.push(ring.map((p) => [p.y, p.x]));
  }
  const [outer, ...others] = closedRings;
  const polygons: Position[][][] = [[outer!]];
  for (const ring of others) {
    const host = polygons.find((poly) => booleanPointInPolygon(ring[0]!, { type: 'Polygon', coordinates: [poly[0]!] }));
    if (host) host.push(ring);
    else polygons.push([ring]);
  }
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

export function readBoundaryTxt(bytes: Uint8Array, file: string): BoundaryTxtRead {
  const { text, encoding } = decodeChineseText(bytes);
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let section = 'none' as 'none' | 'attributes' | 'plots';
  const plots: { fields: string[]; line: number; points: RingPoint[] }[] = [];
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    const lineNo = index + 1;
    if (line === '') continue;
    if (line === '[属性描述]') { section = 'attributes'; continue; }
    if (line === '[地块坐标]') { section = 'plots'; continue; }
    if (section === 'attributes') {
      const eq = line.indexOf('=');
      if (eq > 0) header[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      continue;
    }
    if (section !== 'plots') throw new InputError(file, `line ${lineNo}`, 'expected the [属性描述] section first');
    if (line.endsWith('@')) {
      plots.push({ fields: line.slice(0, -1).split(','), line: lineNo, points: [] });
      continue;
    }
    const plot = plots[plots.length - 1];
    if (!plot) throw new InputError(file, `line ${lineNo}`, 'a coordinate line comes before any plot header line (ending in @)');
    const parts = line.split(',');
    const ring = Number(parts[1]);
    const x = Number(parts[2]);
    const y = Number(parts[3]);
    if (parts.length < 4 || !Number.isInteger(ring) || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new InputError(file, `line ${lineNo}`, `expected "point,ring,X,Y" with numbers, found "${line}"`);
    }
    plot.points.push({ name: parts[0]!.trim(), ring, x, y, line: lineNo });
  }
  if (section !== 'plots') throw new InputError(file, null, 'no [地块坐标] section; expected the ministry boundary coordinate format');
  if (plots.length === 0) throw new InputError(file, null, 'the [地块坐标] section holds no plot');
  const features: Feature<Polygon | MultiPolygon>[] = plots.map((plot) => {
    if (plot.points.length === 0) throw new InputError(file, `line ${plot.line}`, 'the plot has no coordinate lines');
    const properties: Record<string, string | number | null> = {};
    PLOT_FIELDS.forEach((name, i) => {
      const value = plot.fields[i]?.trim() ?? '';
      properties[name] = value === '' ? null : name === '界址点数' || name === '地块面积' ? Number(value) : value;
    });
    return { type: 'Feature', geometry: plotGeometry(plot.points, file, plot.line), properties };
  });
  const sampleEasting = plots[0]?.points[0]?.y ?? null;
  return { collection: { type: 'FeatureCollection', features }, header, crs: crsFromTxtHeader(header, sampleEasting), encoding };
}

export interface BoundaryPlot {
  /** Rings in GIS order (easting, northing), closed, outer ring first. */
  rings: Position[][];
  areaHa: number;
  id: string;
  name: string;
  use: string;
  sheet?: string;
  landClass?: string;
}

/** Writes the boundary coordinate format; X (northing) first on each point line, as surveyors write it. */
export function writeBoundaryTxt(header: Record<string, string>, plots: readonly BoundaryPlot[], decimals = 3): string {
  const out: string[] = ['[属性描述]'];
  for (const [key, value] of Object.entries(header)) out.push(`${key}=${value}`);
  out.push('[地块坐标]');
  for (const plot of plots) {
    const pointCount = plot.rings.reduce((n, r) => n + r.length, 0);
    out.push([pointCount, plot.areaHa.toFixed(4), plot.id, plot.name, '面', plot.sheet ?? '', plot.use, plot.landClass ?? '', '@'].join(','));
    let pointNo = 0;
    plot.rings.forEach((ring, ringIndex) => {
      const firstNo = pointNo + 1;
      ring.forEach((p, i) => {
        const closing = i === ring.length - 1;
        const name = closing ? `J${firstNo}` : `J${++pointNo}`;
        out.push(`${name},${ringIndex + 1},${p[1].toFixed(decimals)},${p[0].toFixed(decimals)}`);
      });
    });
  }
  return out.join('\r\n') + '\r\n';
}
