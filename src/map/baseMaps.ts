import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { lonLatTileUrl } from './lonLatProtocol';
import { C_MAX_LEVEL } from './lonLatTiles';
import type { PmtilesArchive } from './pmtilesSource';
import { parseTileTemplate } from './tileTemplate';
import type { TemplateProblem } from './tileTemplate';

// Base maps: an offline default that needs no network, and online sources a bureau configures (Tianditu
// with its key, in Web Mercator "_w" or lon/lat "_c" tiles, optionally from an intranet mirror; any XYZ/WMTS
// template; a PMTiles archive by URL or from a local file). The choice is remembered in localStorage.

export type TiandituMatrixSet = 'w' | 'c';

export type BaseMapSettings =
  | { kind: 'offline' }
  | {
      kind: 'tianditu-img' | 'tianditu-vec';
      key: string;
      /** `w`: Web Mercator tiles, shown as they are; `c`: lon/lat tiles, resampled (lonLatProtocol.ts). */
      matrixSet: TiandituMatrixSet;
      /** Base URL of an intranet Tianditu mirror laid out as t0.tianditu.gov.cn is (…/vec_w/wmts?…); '' for Tianditu itself. */
      mirror: string;
    }
  | { kind: 'xyz'; url: string }
  | { kind: 'pmtiles'; url: string }
  /** A local file: a File cannot be stored, so its name and size are remembered and it is picked again after a reload. */
  | { kind: 'pmtiles-file'; name: string; size: number };

export const BASE_MAP_STORAGE_KEY = 'landcheck.baseMap';
/** 1: offline, tianditu-img/vec {key} (Web Mercator), xyz, pmtiles {url}. 2: + matrixSet, mirror, pmtiles-file. */
export const BASE_MAP_STORAGE_VERSION = 2;

export const OFFLINE_BACKGROUND = '#e9ece4';

/** Every source and layer of a base map is named with this prefix, so that one base map can replace another under the data. */
export const BASE_MAP_PREFIX = 'basemap-';
const BASE = `${BASE_MAP_PREFIX}base`;
const LABELS = `${BASE_MAP_PREFIX}labels`;

// No background layer: the map's container shows OFFLINE_BACKGROUND through the transparent canvas
// (MapController sets it). A background layer is one more full-screen pass in every frame, which on
// desktops that draw WebGL in software costs as much as the data itself.
const offline: StyleSpecification = { version: 8, sources: {}, layers: [] };

export const TIANDITU_HOSTS = Array.from({ length: 8 }, (_, i) => `https://t${i}.tianditu.gov.cn`);

type TiandituLayer = 'img' | 'cia' | 'vec' | 'cva';

/**
 * Tianditu WMTS GetTile templates with WMTS placeholders, one per host (t0–t7, or the mirror). The layer path is
 * `<layer>_<set>/wmts`, TILEMATRIXSET is the set (`w` or `c`); the key goes in `tk`, left out for a keyless mirror.
 */
export function tiandituTemplates(layer: TiandituLayer, matrixSet: TiandituMatrixSet, key: string, mirror = ''): string[] {
  const hosts = mirror.trim() ? [mirror.trim().replace(/\/+$/, '')] : TIANDITU_HOSTS;
  const tk = key.trim() ? `&tk=${encodeURIComponent(key.trim())}` : '';
  return hosts.map(
    (host) =>
      `${host}/${layer}_${matrixSet}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=${matrixSet}&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}${tk}`,
  );
}

/** maplibre tile URLs for a Tianditu layer: the WMTS placeholders as {z}/{y}/{x} for `w`, through the lon/lat protocol for `c`. */
function tiandituTiles(layer: TiandituLayer, matrixSet: TiandituMatrixSet, key: string, mirror: string): string[] {
  const templates = tiandituTemplates(layer, matrixSet, key, mirror);
  if (matrixSet === 'c') {
    // The protocol spreads requests over the hosts itself ({s}), so one URL is enough.
    const template = mirror.trim() ? templates[0]! : templates[0]!.replace('https://t0.', 'https://t{s}.');
    return [lonLatTileUrl(template, C_MAX_LEVEL)];
  }
  return templates.map((t) => t.replace('{TileMatrix}', '{z}').replace('{TileRow}', '{y}').replace('{TileCol}', '{x}'));
}

const TIANDITU_ATTRIBUTION = '© 天地图 Tianditu';

function rasterSource(tiles: string[], attribution: string, extra: Partial<{ maxzoom: number; minzoom: number; scheme: 'xyz' | 'tms'; bounds: [number, number, number, number] }> = {}): SourceSpecification {
  return { type: 'raster', tiles, tileSize: 256, attribution, maxzoom: 18, ...extra };
}

const rasterLayer = (source: string): LayerSpecification => ({ id: source, type: 'raster', source });

/** Neutral colours for a vector archive without a style of its own. */
const VECTOR_FILL = '#c2cab6';
const VECTOR_LINE = '#7f8a7a';
const VECTOR_POINT = '#5f6b73';

/** A plain style that draws every layer of a vector archive: polygons filled and outlined, lines, points as dots. */
export function vectorArchiveLayers(archive: PmtilesArchive, source: string): LayerSpecification[] {
  return archive.vectorLayers.flatMap(({ id, geometry }) => {
    const layers: LayerSpecification[] = [];
    const base = { source, 'source-layer': id } as const;
    const name = `${BASE_MAP_PREFIX}${id}`;
    if (geometry === null || geometry === 'polygon') {
      layers.push({ id: `${name}-fill`, type: 'fill', ...base, filter: ['==', '$type', 'Polygon'], paint: { 'fill-color': VECTOR_FILL, 'fill-opacity': 0.7 } });
      layers.push({ id: `${name}-outline`, type: 'line', ...base, filter: ['==', '$type', 'Polygon'], paint: { 'line-color': VECTOR_LINE, 'line-width': 0.6 } });
    }
    if (geometry === null || geometry === 'line')
      layers.push({ id: `${name}-line`, type: 'line', ...base, filter: ['==', '$type', 'LineString'], paint: { 'line-color': VECTOR_LINE, 'line-width': 1 } });
    if (geometry === null || geometry === 'point')
      layers.push({ id: `${name}-point`, type: 'circle', ...base, filter: ['==', '$type', 'Point'], paint: { 'circle-color': VECTOR_POINT, 'circle-radius': 2.5 } });
    return layers;
  });
}

/** The style of a PMTiles archive: raster tiles as they are, vector tiles with the neutral style. */
export function pmtilesStyle(archive: PmtilesArchive): StyleSpecification {
  const tiles = [`pmtiles://${archive.key}/{z}/{x}/{y}`];
  const range = { minzoom: archive.minZoom, maxzoom: archive.maxZoom, ...(archive.bounds ? { bounds: archive.bounds } : {}) };
  if (archive.format === 'mvt' || archive.format === 'mlt') {
    return {
      version: 8,
      sources: { [BASE]: { type: 'vector', tiles, attribution: archive.attribution, ...range, ...(archive.format === 'mlt' ? { encoding: 'mlt' as const } : {}) } },
      layers: [...vectorArchiveLayers(archive, BASE)],
    };
  }
  return { version: 8, sources: { [BASE]: rasterSource(tiles, archive.attribution, range) }, layers: [rasterLayer(BASE)] };
}

/**
 * The maplibre style of a base map. A PMTiles base map needs its archive (read from its header and metadata,
 * see pmtilesSource.ts); without it the offline map is shown.
 */
export function baseMapStyle(settings: BaseMapSettings, archive?: PmtilesArchive): StyleSpecification {
  switch (settings.kind) {
    case 'offline':
      return offline;
    case 'tianditu-img':
    case 'tianditu-vec': {
      const [base, labels] = settings.kind === 'tianditu-img' ? (['img', 'cia'] as const) : (['vec', 'cva'] as const);
      const { key, matrixSet, mirror } = settings;
      return {
        version: 8,
        sources: {
          [BASE]: rasterSource(tiandituTiles(base, matrixSet, key, mirror), TIANDITU_ATTRIBUTION),
          [LABELS]: rasterSource(tiandituTiles(labels, matrixSet, key, mirror), ''),
        },
        // Annotation (cia/cva) over the imagery or vector map, as on map.tianditu.gov.cn.
        layers: [rasterLayer(BASE), rasterLayer(LABELS)],
      };
    }
    case 'xyz': {
      const parsed = parseTileTemplate(settings.url);
      if (!parsed.ok) return offline;
      return { version: 8, sources: { [BASE]: rasterSource(parsed.template.tiles, '', { scheme: parsed.template.scheme }) }, layers: [rasterLayer(BASE)] };
    }
    case 'pmtiles':
    case 'pmtiles-file':
      return archive ? pmtilesStyle(archive) : offline;
  }
}

/** A problem with what the user entered: an i18n key under baseMap.error and its values. */
export interface BaseMapProblem {
  key: string;
  values?: Record<string, string>;
}

function templateProblem(problem: TemplateProblem): BaseMapProblem {
  switch (problem.code) {
    case 'empty':
    case 'scheme':
      return { key: 'baseMap.error.templateScheme' };
    case 'missing':
      return { key: 'baseMap.error.templateMissing', values: { missing: problem.missing.join(' ') } };
    case 'unknown':
      return { key: 'baseMap.error.templateUnknown', values: { placeholder: problem.placeholder } };
    case 'subdomains':
      return { key: 'baseMap.error.templateSubdomains' };
    case 'geographic':
      return { key: 'baseMap.error.templateGeographic', values: { matrixSet: problem.matrixSet } };
  }
}

/** Checks what a user entered; returns the problem to show, or null. */
export function baseMapProblem(settings: BaseMapSettings): BaseMapProblem | null {
  switch (settings.kind) {
    case 'offline':
      return null;
    case 'tianditu-img':
    case 'tianditu-vec': {
      const mirror = settings.mirror.trim();
      if (mirror && !/^https?:\/\/[^/?#{}\s]+(\/[^?#{}\s]*)?$/i.test(mirror)) return { key: 'baseMap.error.mirror' };
      // Tianditu itself needs a key; an intranet mirror may not.
      if (!mirror && !settings.key.trim()) return { key: 'baseMap.error.key' };
      return null;
    }
    case 'xyz': {
      const parsed = parseTileTemplate(settings.url);
      return parsed.ok ? null : templateProblem(parsed.problem);
    }
    case 'pmtiles':
      return /^https?:\/\/.+\.pmtiles(\?.*)?$/i.test(settings.url) ? null : { key: 'baseMap.error.pmtiles' };
    case 'pmtiles-file':
      return settings.name && Number.isFinite(settings.size) ? null : { key: 'baseMap.error.noFile' };
  }
}

/** Reads saved settings of any version ever written (1, 2) into the current shape; null when unusable. */
export function migrateBaseMapSettings(saved: unknown): BaseMapSettings | null {
  if (!saved || typeof saved !== 'object') return null;
  const { version, settings } = saved as { version?: unknown; settings?: Record<string, unknown> };
  if ((version !== 1 && version !== 2) || !settings || typeof settings !== 'object') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  let result: BaseMapSettings | null = null;
  switch (settings.kind) {
    case 'offline':
      result = { kind: 'offline' };
      break;
    case 'tianditu-img':
    case 'tianditu-vec':
      // Version 1 knew only Tianditu's Web Mercator sets and no mirror.
      result = { kind: settings.kind, key: text(settings.key), matrixSet: settings.matrixSet === 'c' ? 'c' : 'w', mirror: text(settings.mirror) };
      break;
    case 'xyz':
    case 'pmtiles':
      result = { kind: settings.kind, url: text(settings.url) };
      break;
    case 'pmtiles-file':
      if (version === 2 && typeof settings.size === 'number') result = { kind: 'pmtiles-file', name: text(settings.name), size: settings.size };
      break;
  }
  return result && baseMapProblem(result) === null ? result : null;
}

export function loadBaseMapSettings(storage: Pick<Storage, 'getItem'>): BaseMapSettings {
  try {
    return migrateBaseMapSettings(JSON.parse(storage.getItem(BASE_MAP_STORAGE_KEY) ?? 'null')) ?? { kind: 'offline' };
  } catch {
    // A damaged entry falls back to the offline map rather than breaking the app.
    return { kind: 'offline' };
  }
}

export function saveBaseMapSettings(storage: Pick<Storage, 'setItem'>, settings: BaseMapSettings): void {
  storage.setItem(BASE_MAP_STORAGE_KEY, JSON.stringify({ version: BASE_MAP_STORAGE_VERSION, settings }));
}

/**
 * The base map to show when the page opens: the saved one, except a local PMTiles file, which a new page cannot
 * read until it is picked again; then the offline map, and `missingFile` names the file to ask for.
 */
export function restoreBaseMap(storage: Pick<Storage, 'getItem'>, isOpen: (name: string, size: number) => boolean = () => false): {
  settings: BaseMapSettings;
  missingFile: { name: string; size: number } | null;
} {
  const saved = loadBaseMapSettings(storage);
  if (saved.kind === 'pmtiles-file' && !isOpen(saved.name, saved.size)) return { settings: { kind: 'offline' }, missingFile: { name: saved.name, size: saved.size } };
  return { settings: saved, missingFile: null };
}

/** File sizes as people read them: 812 B, 35.2 KB, 1.4 MB, 2.10 GB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
