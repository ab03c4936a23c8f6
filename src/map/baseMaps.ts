import type { StyleSpecification } from 'maplibre-gl';

// Base maps: an offline default that needs no network, and online sources a bureau configures
// (Tianditu with its key, any XYZ/WMTS template, a raster PMTiles file). The choice is remembered.

export type BaseMapSettings =
  | { kind: 'offline' }
  | { kind: 'tianditu-img' | 'tianditu-vec'; key: string }
  | { kind: 'xyz'; url: string }
  | { kind: 'pmtiles'; url: string };

export const BASE_MAP_STORAGE_KEY = 'landcheck.baseMap';
const STORAGE_VERSION = 1;

export const OFFLINE_BACKGROUND = '#e9ece4';

const offline: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': OFFLINE_BACKGROUND } }],
};

/** Tianditu WMTS in Web Mercator ("_w" sets), one URL per subdomain t0–t7. */
function tiandituTiles(layer: 'img' | 'cia' | 'vec' | 'cva', key: string): string[] {
  return Array.from({ length: 8 }, (_, i) =>
    `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

function raster(id: string, tiles: string[] | { url: string }, attribution: string, maxzoom = 18): StyleSpecification['sources'][string] {
  return Array.isArray(tiles)
    ? { type: 'raster', tiles, tileSize: 256, attribution, maxzoom }
    : { type: 'raster', url: tiles.url, tileSize: 256, attribution };
}

export function baseMapStyle(settings: BaseMapSettings): StyleSpecification {
  const background = offline.layers[0]!;
  switch (settings.kind) {
    case 'offline':
      return offline;
    case 'tianditu-img':
    case 'tianditu-vec': {
      const [base, labels] = settings.kind === 'tianditu-img' ? (['img', 'cia'] as const) : (['vec', 'cva'] as const);
      return {
        version: 8,
        sources: {
          base: raster('base', tiandituTiles(base, settings.key), '© 天地图 Tianditu'),
          labels: raster('labels', tiandituTiles(labels, settings.key), ''),
        },
        layers: [background, { id: 'base', type: 'raster', source: 'base' }, { id: 'labels', type: 'raster', source: 'labels' }],
      };
    }
    case 'xyz':
      return { version: 8, sources: { base: raster('base', [settings.url], '') }, layers: [background, { id: 'base', type: 'raster', source: 'base' }] };
    case 'pmtiles':
      return { version: 8, sources: { base: raster('base', { url: `pmtiles://${settings.url}` }, '') }, layers: [background, { id: 'base', type: 'raster', source: 'base' }] };
  }
}

/** Checks what a user typed; returns an i18n key of the problem, or null. */
export function baseMapProblem(settings: BaseMapSettings): string | null {
  if (settings.kind === 'tianditu-img' || settings.kind === 'tianditu-vec') return settings.key.trim() ? null : 'baseMap.error.key';
  if (settings.kind === 'xyz') return /^https?:\/\/.+\{z\}.*\{x\}.*\{y\}|^https?:\/\/.+\{z\}.*\{y\}.*\{x\}/.test(settings.url) ? null : 'baseMap.error.template';
  if (settings.kind === 'pmtiles') return /^https?:\/\/.+\.pmtiles(\?.*)?$/i.test(settings.url) ? null : 'baseMap.error.pmtiles';
  return null;
}

export function loadBaseMapSettings(storage: Pick<Storage, 'getItem'>): BaseMapSettings {
  try {
    const raw = JSON.parse(storage.getItem(BASE_MAP_STORAGE_KEY) ?? 'null') as { version?: number; settings?: BaseMapSettings } | null;
    if (raw && raw.version === STORAGE_VERSION && raw.settings && baseMapProblem(raw.settings) === null) return raw.settings;
  } catch {
    // A damaged entry falls back to the offline map rather than breaking the app.
  }
  return { kind: 'offline' };
}

export function saveBaseMapSettings(storage: Pick<Storage, 'setItem'>, settings: BaseMapSettings): void {
  storage.setItem(BASE_MAP_STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION, settings }));
}
