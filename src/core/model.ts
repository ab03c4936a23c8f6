// The domain model shared by the app, the workers and the CLI.
// Geometry types follow GeoJSON (RFC 7946) so any GIS viewer can open what we write.

/**
 * Version of the workspace backup and of the workspace as stored in the browser.
 * 2: the backup holds the satellite-patch review logs (`patches.json`); version 1 backups stay readable.
 */
export const WORKSPACE_SCHEMA_VERSION = 2;

/** Version of the workspace manifest (DESIGN §9): unchanged since 1, which other tools write and read. */
export const MANIFEST_SCHEMA_VERSION = 1;

/** Layer kinds of DESIGN §2, in the order the layer panel lists them (top of the map first). */
export const LAYER_KINDS = [
  'satellite_patch',
  'approved_land',
  'land_supply',
  'real_estate',
  'basic_farmland',
  'eco_redline',
  'urban_boundary',
  'planning_zone',
  'land_use',
] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

export function isLayerKind(value: unknown): value is LayerKind {
  return typeof value === 'string' && (LAYER_KINDS as readonly string[]).includes(value);
}

export type Position = [number, number] | [number, number, number];
export type Point = { type: 'Point'; coordinates: Position };
export type MultiPoint = { type: 'MultiPoint'; coordinates: Position[] };
export type LineString = { type: 'LineString'; coordinates: Position[] };
export type MultiLineString = { type: 'MultiLineString'; coordinates: Position[][] };
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Geometry = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon;

export type Attributes = Record<string, string | number | boolean | null>;

export interface Feature<G extends Geometry | null = Geometry | null> {
  type: 'Feature';
  geometry: G;
  properties: Attributes;
}

export interface FeatureCollection<G extends Geometry | null = Geometry | null> {
  type: 'FeatureCollection';
  features: Feature<G>[];
}

/** How a CRS was determined: named by the file, by a header, by GeoTIFF keys, inferred, or the default. */
export type CrsSource = 'manifest' | 'prj' | 'header' | 'geojson' | 'geotiff' | 'inferred' | 'default';

export interface CrsFinding {
  /** e.g. "EPSG:4547" */
  code: string;
  source: CrsSource;
  /** Why we believe it, in words a user can check. */
  reason: string;
}

/** One layer entry of a workspace manifest (DESIGN §9). */
export interface ManifestLayer {
  id: string;
  kind: LayerKind;
  /** Path relative to the manifest. */
  path: string;
  /** e.g. "EPSG:4547"; detected from the file when absent. */
  crs?: string;
  /** Canonical field → source field, e.g. {"id": "PZWH"}. */
  fields?: Record<string, string>;
  /** Display name; the translated kind name is used when absent. */
  name?: string;
  /** Shown on the map when the workspace opens (default true). */
  visible?: boolean;
}

export interface ManifestImagery {
  id: string;
  path: string;
  /** ISO date the image was taken, YYYY-MM-DD. */
  date: string;
  name?: string;
  crs?: string;
}

export interface Manifest {
  schemaVersion: number;
  name: string;
  areaCrs?: string;
  layers: ManifestLayer[];
  imagery: ManifestImagery[];
  cases?: string;
  rules?: string;
}

/** A complaint location: a point with a radius, a line, or a polygon, in lon/lat (EPSG:4490). */
export interface CaseRecord {
  id: string;
  receivedDate: string | null;
  channel: string | null;
  category: string | null;
  petitioner: string | null;
  phone: string | null;
  complaint: string | null;
  demands: string | null;
  place: string | null;
  status: string | null;
  officer: string | null;
  geometry: Point | Polygon | LineString;
  /** Search radius around a point location, metres (DESIGN §4: default 20 m). */
  radiusM: number;
  /** The row as read, untouched. */
  attributes: Attributes;
}

export const DEFAULT_CASE_RADIUS_M = 20;
