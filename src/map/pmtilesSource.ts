import { FileSource, PMTiles, Protocol, TileType } from 'pmtiles';
import type { Header } from 'pmtiles';

// PMTiles archives as base maps: a local file the user picks (read with the File API, never uploaded) or a URL.
// One Protocol instance serves every archive to maplibre under pmtiles://KEY/{z}/{x}/{y}.

export const pmtilesProtocol = new Protocol();

export type PmtilesTileFormat = 'png' | 'jpg' | 'webp' | 'avif' | 'mvt' | 'mlt';
export type VectorGeometry = 'point' | 'line' | 'polygon';

/** What the map needs to know about an archive, read from its header and metadata. */
export interface PmtilesArchive {
  /** The archive's key in the protocol: the source URL is pmtiles://KEY/{z}/{x}/{y}. */
  key: string;
  format: PmtilesTileFormat;
  minZoom: number;
  maxZoom: number;
  /** west, south, east, north; null when the header's bounds are not usable. */
  bounds: [number, number, number, number] | null;
  /** Vector layers from the metadata, with their geometry when the metadata's tilestats say it. */
  vectorLayers: { id: string; geometry: VectorGeometry | null }[];
  /** Plain text (the archive's attribution may be HTML; it is shown as text). */
  attribution: string;
}

/** A file or URL that is not a usable PMTiles archive; `reason` says what was found. */
export class PmtilesProblem extends Error {
  constructor(readonly code: 'notPmtiles' | 'tileType', readonly reason: string) {
    super(reason);
    this.name = 'PmtilesProblem';
  }
}

const FORMATS: Partial<Record<TileType, PmtilesTileFormat>> = {
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
  [TileType.Mvt]: 'mvt',
  [TileType.Mlt]: 'mlt',
};

const TILESTATS_GEOMETRY: Record<string, VectorGeometry> = {
  point: 'point', multipoint: 'point', linestring: 'line', multilinestring: 'line', polygon: 'polygon', multipolygon: 'polygon',
};

const stripTags = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&copy;/g, '©').replace(/&amp;/g, '&').trim();

/** Describes an archive from its parsed header and metadata (pure; the metadata is whatever JSON the archive holds). */
export function describeArchive(key: string, header: Header, metadata: unknown): PmtilesArchive {
  const format = FORMATS[header.tileType];
  if (!format) throw new PmtilesProblem('tileType', `tile type ${header.tileType}`);
  const meta = (metadata && typeof metadata === 'object' ? metadata : {}) as {
    vector_layers?: { id?: unknown }[];
    tilestats?: { layers?: { layer?: unknown; geometry?: unknown }[] };
    attribution?: unknown;
  };
  const geometryOf = new Map<string, VectorGeometry>();
  for (const layer of Array.isArray(meta.tilestats?.layers) ? meta.tilestats.layers : []) {
    const geometry = TILESTATS_GEOMETRY[String(layer.geometry ?? '').toLowerCase()];
    if (typeof layer.layer === 'string' && geometry) geometryOf.set(layer.layer, geometry);
  }
  const vectorLayers =
    format === 'mvt' || format === 'mlt'
      ? (Array.isArray(meta.vector_layers) ? meta.vector_layers : [])
          .filter((l): l is { id: string } => typeof l?.id === 'string')
          .map((l) => ({ id: l.id, geometry: geometryOf.get(l.id) ?? null }))
      : [];
  const { minLon, minLat, maxLon, maxLat } = header;
  const boundsOk = [minLon, minLat, maxLon, maxLat].every(Number.isFinite) && minLon < maxLon && minLat < maxLat && minLat >= -90 && maxLat <= 90;
  return {
    key,
    format,
    minZoom: header.minZoom,
    maxZoom: Math.max(header.minZoom, header.maxZoom),
    bounds: boundsOk ? [Math.max(-180, minLon), minLat, Math.min(180, maxLon), maxLat] : null,
    vectorLayers,
    attribution: typeof meta.attribution === 'string' ? stripTags(meta.attribution) : '',
  };
}

/** Checks the 127-byte header before the library parses it, to say precisely what is wrong with a file. */
export function headerProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 127) return `${bytes.length} bytes, shorter than a PMTiles header (127 bytes)`;
  const magic = String.fromCharCode(...bytes.subarray(0, 7));
  if (magic !== 'PMTiles') return `starts with ${JSON.stringify(String.fromCharCode(...bytes.subarray(0, 7)).replace(/[^\x20-\x7e]/g, '?'))}, not "PMTiles"`;
  if (bytes[7] !== 3) return `PMTiles version ${bytes[7]}, only version 3 is read`;
  return null;
}

async function open(archive: PMTiles, key: string): Promise<PmtilesArchive> {
  let header: Header;
  let metadata: unknown;
  try {
    header = await archive.getHeader();
    metadata = await archive.getMetadata();
    // The root directory must be readable too: ask for one tile (a missing tile is fine).
    await archive.getZxy(header.minZoom, 0, 0);
  } catch (error) {
    throw new PmtilesProblem('notPmtiles', error instanceof Error ? error.message : String(error));
  }
  const described = describeArchive(key, header, metadata);
  pmtilesProtocol.add(archive);
  return described;
}

/** A local file, keyed so that two picks of files with the same name never share tiles. */
class LocalFileSource extends FileSource {
  constructor(file: File, private readonly key: string) {
    super(file);
  }

  override getKey(): string {
    return this.key;
  }
}

const localArchives = new Map<string, PmtilesArchive>();
const localKey = (name: string, size: number) => `${name}\u0000${size}`;
let localCount = 0;

/** Opens a file the user picked; throws PmtilesProblem when it is not a PMTiles v3 archive of a known tile type. */
export async function openLocalPmtiles(file: File): Promise<PmtilesArchive> {
  const problem = headerProblem(new Uint8Array(await file.slice(0, 127).arrayBuffer()));
  if (problem) throw new PmtilesProblem('notPmtiles', problem);
  localCount += 1;
  const key = `local-file-${localCount}/${file.name.replace(/[^\w.\u4e00-\u9fff-]+/g, '_')}`;
  const archive = await open(new PMTiles(new LocalFileSource(file, key)), key);
  localArchives.set(localKey(file.name, file.size), archive);
  return archive;
}

/** The archive of a file picked in this page session, if it was. */
export function localPmtiles(name: string, size: number): PmtilesArchive | undefined {
  return localArchives.get(localKey(name, size));
}

const remoteArchives = new Map<string, Promise<PmtilesArchive>>();

/** Opens (once per page) an archive served over HTTP with range requests. */
export function openRemotePmtiles(url: string): Promise<PmtilesArchive> {
  let opening = remoteArchives.get(url);
  if (!opening) {
    opening = open(new PMTiles(url), url);
    opening.catch(() => remoteArchives.delete(url));
    remoteArchives.set(url, opening);
  }
  return opening;
}
