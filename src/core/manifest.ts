import { lookupCrs } from './crs/registry';
import { InputError } from './errors';
import { isLayerKind, LAYER_KINDS, MANIFEST_SCHEMA_VERSION } from './model';
import type { Manifest, ManifestImagery, ManifestLayer } from './model';

// Reads a workspace manifest (DESIGN §9). Every problem names the manifest file and the JSON path.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function requireString(obj: Json, key: string, file: string, place: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(file, `${place}.${key}`, `expected a non-empty string, found ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

function optionalString(obj: Json, key: string, file: string, place: string): string | undefined {
  if (obj[key] === undefined) return undefined;
  return requireString(obj, key, file, place);
}

function checkPath(path: string, file: string, place: string): string {
  if (/^([a-z]+:|\/)/i.test(path) || path.split(/[\\/]/).includes('..')) {
    throw new InputError(file, place, `expected a path relative to the manifest inside its folder, found "${path}"`);
  }
  return path;
}

function checkCrs(code: string | undefined, file: string, place: string): string | undefined {
  if (code === undefined) return undefined;
  const info = lookupCrs(code);
  if (!info) throw new InputError(file, place, `unknown CRS "${code}" (expected an EPSG code such as EPSG:4547)`);
  return info.code;
}

function parseLayer(raw: unknown, index: number, file: string): ManifestLayer {
  const place = `layers[${index}]`;
  if (!isObject(raw)) throw new InputError(file, place, 'expected an object with id, kind and path');
  const id = requireString(raw, 'id', file, place);
  const kind = raw.kind;
  if (!isLayerKind(kind)) {
    throw new InputError(file, `${place}.kind`, `unknown layer kind ${JSON.stringify(kind)} (expected one of ${LAYER_KINDS.join(', ')})`);
  }
  const layer: ManifestLayer = { id, kind, path: checkPath(requireString(raw, 'path', file, place), file, `${place}.path`) };
  const crs = checkCrs(optionalString(raw, 'crs', file, place), file, `${place}.crs`);
  if (crs) layer.crs = crs;
  const name = optionalString(raw, 'name', file, place);
  if (name) layer.name = name;
  if (raw.fields !== undefined) {
    if (!isObject(raw.fields) || !Object.values(raw.fields).every((v) => typeof v === 'string')) {
      throw new InputError(file, `${place}.fields`, 'expected an object mapping canonical field names to source field names');
    }
    layer.fields = raw.fields as Record<string, string>;
  }
  if (raw.visible !== undefined) {
    if (typeof raw.visible !== 'boolean') throw new InputError(file, `${place}.visible`, 'expected true or false');
    layer.visible = raw.visible;
  }
  return layer;
}

function parseImagery(raw: unknown, index: number, file: string): ManifestImagery {
  const place = `imagery[${index}]`;
  if (!isObject(raw)) throw new InputError(file, place, 'expected an object with id, path and date');
  const date = requireString(raw, 'date', file, place);
  if (!ISO_DATE.test(date)) throw new InputError(file, `${place}.date`, `expected a date as YYYY-MM-DD, found "${date}"`);
  const imagery: ManifestImagery = {
    id: requireString(raw, 'id', file, place),
    path: checkPath(requireString(raw, 'path', file, place), file, `${place}.path`),
    date,
  };
  const name = optionalString(raw, 'name', file, place);
  if (name) imagery.name = name;
  const crs = checkCrs(optionalString(raw, 'crs', file, place), file, `${place}.crs`);
  if (crs) imagery.crs = crs;
  return imagery;
}

function uniqueIds(items: { id: string }[], file: string, section: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new InputError(file, `${section}[${i}].id`, `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
}

/** Parses manifest text; `file` is the name used in error messages. */
export function parseManifest(text: string, file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, null, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new InputError(file, null, 'expected a JSON object with "name" and "layers"');
  const schemaVersion = raw.schemaVersion === undefined ? 1 : raw.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new InputError(file, 'schemaVersion', 'expected a positive whole number');
  }
  if (schemaVersion > MANIFEST_SCHEMA_VERSION) {
    throw new InputError(file, 'schemaVersion', `version ${schemaVersion} is newer than this LandCheck reads (${MANIFEST_SCHEMA_VERSION}); update LandCheck`);
  }
  if (!Array.isArray(raw.layers)) throw new InputError(file, 'layers', 'expected an array of layers');
  const layers = raw.layers.map((l, i) => parseLayer(l, i, file));
  uniqueIds(layers, file, 'layers');
  if (raw.imagery !== undefined && !Array.isArray(raw.imagery)) throw new InputError(file, 'imagery', 'expected an array');
  const imagery = ((raw.imagery as unknown[] | undefined) ?? []).map((m, i) => parseImagery(m, i, file));
  uniqueIds(imagery, file, 'imagery');
  const manifest: Manifest = { schemaVersion, name: requireString(raw, 'name', file, '$'), layers, imagery };
  const areaCrs = checkCrs(optionalString(raw, 'areaCrs', file, '$'), file, 'areaCrs');
  if (areaCrs) manifest.areaCrs = areaCrs;
  const cases = optionalString(raw, 'cases', file, '$');
  if (cases) manifest.cases = checkPath(cases, file, 'cases');
  const rules = optionalString(raw, 'rules', file, '$');
  if (rules) manifest.rules = checkPath(rules, file, 'rules');
  return manifest;
}
