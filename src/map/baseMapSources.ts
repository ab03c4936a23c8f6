import { addProtocol } from 'maplibre-gl';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { BASE_MAP_PREFIX, baseMapStyle } from './baseMaps';
import type { BaseMapSettings } from './baseMaps';
import { LONLAT_PROTOCOL, loadLonLatTile } from './lonLatProtocol';
import { localPmtiles, openRemotePmtiles, pmtilesProtocol } from './pmtilesSource';

// What the map controller needs for base maps beyond a style: the tile protocols, registered once, the
// archives behind PMTiles base maps, read before their style can be written, and the swap of one base map
// for another under the data.

let registered = false;

/** Registers pmtiles:// (one shared Protocol for URLs and local files) and the lon/lat (Tianditu _c) protocol. */
export function registerBaseMapProtocols(): void {
  if (registered) return;
  registered = true;
  addProtocol('pmtiles', pmtilesProtocol.tile);
  addProtocol(LONLAT_PROTOCOL, loadLonLatTile);
}

/**
 * The style of a base map once whatever it depends on is read: a PMTiles archive's header and metadata (raster or
 * vector, zoom range, bounds). A local file not picked in this page gives the offline map; a remote archive that
 * cannot be read rejects with the reason.
 */
export async function resolveBaseMapStyle(settings: BaseMapSettings): Promise<StyleSpecification> {
  if (settings.kind === 'pmtiles') return baseMapStyle(settings, await openRemotePmtiles(settings.url));
  if (settings.kind === 'pmtiles-file') return baseMapStyle(settings, localPmtiles(settings.name, settings.size));
  return baseMapStyle(settings);
}

/**
 * Puts a base map's sources and layers (all named BASE_MAP_PREFIX…) in place of the current ones, below every
 * other layer. Unlike map.setStyle, this leaves deck.gl's interleaved layers and terra-draw's drawing layers
 * where they are: deck.gl re-adds its layers after a new style only once every source has loaded, so a new
 * online base map would hide the data until its tiles arrived, or for good.
 */
export function replaceBaseMap(map: MapLibreMap, style: StyleSpecification): void {
  if (!map.style?._loaded) {
    map.once('style.load', () => replaceBaseMap(map, style));
    return;
  }
  for (const id of map.getLayersOrder()) if (id.startsWith(BASE_MAP_PREFIX)) map.removeLayer(id);
  for (const id of Object.keys(map.getStyle().sources ?? {})) if (id.startsWith(BASE_MAP_PREFIX)) map.removeSource(id);
  for (const [id, source] of Object.entries(style.sources)) map.addSource(id, source);
  const bottom = map.getLayersOrder()[0];
  for (const layer of style.layers) map.addLayer(layer, bottom);
}
