import Flatbush from 'flatbush';
import { inferCrs, InputError, lookupCrs, transformBetween } from '../core';
import type { Attributes, LayerKind, LayerStore } from '../core';

// FlatGeobuf straight into a LayerStore (issue 9): no GeoJSON objects, no per-feature objects for geometry.
//
// The flatgeobuf package's own paths all allocate per feature — `deserialize` is an async generator that builds
// a Feature and a Geometry accessor and typed-array views for each feature (and `ArrayReader.open` reads the
// header through `bytes.buffer` without the byte offset) — so this reader walks the same FlatBuffers tables
// (the package's schema, flat-geobuf/{header,feature,geometry,column,crs}.js) with one DataView: a counting
// pass that sizes the typed arrays and checks every offset against the file length, then a filling pass that
// writes planar coordinates, ring/part/feature offsets, bboxes and the flatbush index. Attributes are decoded
// eagerly into plain objects, as the package's parseProperties does.

export interface FlatGeobufStoreOptions {
  id: string;
  kind: LayerKind;
  /** The planar CRS of the store; coordinates are transformed into it unless the file is already in it. */
  planarCrs: string;
  idField: string | null;
  /** The file's CRS when its header names none (otherwise inferred from the extent, as other readers do). */
  sourceCrs?: string;
  /** Keep the attributes as their bytes and decode a feature's on access (see lazyAttributes). */
  lazyAttributes?: boolean;
}

const MAGIC = [0x66, 0x67, 0x62];
const enum GeometryType { Unknown = 0, Polygon = 3, MultiPolygon = 6 }
const enum ColumnType { Byte, UByte, Bool, Short, UShort, Int, UInt, Long, ULong, Float, Double, String, Json, DateTime, Binary }

interface Column { name: string; type: number }

class Corrupt extends Error {}

/** A bounds-checked reader of FlatBuffers tables over one DataView; vector() leaves its answer in `at` and `count`. */
class Tables {
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly length: number;
  at = -1;
  count = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.byteLength;
  }

  check(position: number, size: number): void {
    if (position < 0 || position + size > this.length) throw new Corrupt(`the file ends early (needs byte ${position + size}, has ${this.length})`);
  }
  u32(position: number): number {
    this.check(position, 4);
    return this.view.getUint32(position, true);
  }
  /** The byte offset of field `slot` inside the table at `table`, 0 when absent. */
  field(table: number, slot: number): number {
    this.check(table, 4);
    const vtable = table - this.view.getInt32(table, true);
    this.check(vtable, 4);
    const o = 4 + slot * 2;
    if (o + 2 > this.view.getUint16(vtable, true)) return 0;
    this.check(vtable + o, 2);
    return this.view.getUint16(vtable + o, true);
  }
  /** The table a table field points to, or -1. */
  table(table: number, slot: number): number {
    const o = this.field(table, slot);
    return o ? table + o + this.u32(table + o) : -1;
  }
  /** A vector field: its data start in `at` (-1 when absent) and length in `count`, bounds-checked; whether present. */
  vector(table: number, slot: number, elementSize: number): boolean {
    const o = this.field(table, slot);
    if (!o) {
      this.at = -1;
      this.count = 0;
      return false;
    }
    const vector = table + o + this.u32(table + o);
    const count = this.u32(vector);
    this.check(vector + 4, count * elementSize);
    this.at = vector + 4;
    this.count = count;
    return true;
  }
  u8(table: number, slot: number, fallback: number): number {
    const o = this.field(table, slot);
    if (!o) return fallback;
    this.check(table + o, 1);
    return this.view.getUint8(table + o);
  }
  string(table: number, slot: number): string | null {
    return this.vector(table, slot, 1) ? decodeUtf8(this.bytes, this.at, this.count) : null;
  }
}

const textDecoder = new TextDecoder();

const codes: number[] = [];

/**
 * UTF-8 to a string. Short well-formed strings of 1–3-byte sequences by hand into one reused array and
 * String.fromCharCode (about twice as fast as TextDecoder's call per string; building with += would leave chains
 * of cons strings that a million ids keep alive); everything else through TextDecoder, so results are the same.
 */
function decodeUtf8(bytes: Uint8Array, start: number, length: number): string {
  if (length > 64) return textDecoder.decode(bytes.subarray(start, start + length));
  const end = start + length;
  let n = 0;
  for (let i = start; i < end; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      codes[n++] = b;
      i++;
    } else if (b >= 0xc2 && b < 0xe0 && i + 1 < end && (bytes[i + 1]! & 0xc0) === 0x80) {
      codes[n++] = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0 && i + 2 < end && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
      const c = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      if (c < 0x800 || (c >= 0xd800 && c < 0xe000)) return textDecoder.decode(bytes.subarray(start, end)); // overlong or surrogate
      codes[n++] = c;
      i += 3;
    } else return textDecoder.decode(bytes.subarray(start, end)); // 4-byte sequences and anything malformed
  }
  codes.length = n;
  return String.fromCharCode.apply(null, codes);
}

/** Bytes of a fixed-size value of a column type; -1 for the length-prefixed ones, -2 for unknown types. */
function valueSize(type: number): number {
  switch (type) {
    case ColumnType.Bool: case ColumnType.Byte: case ColumnType.UByte: return 1;
    case ColumnType.Short: case ColumnType.UShort: return 2;
    case ColumnType.Int: case ColumnType.UInt: case ColumnType.Float: return 4;
    case ColumnType.Long: case ColumnType.ULong: case ColumnType.Double: return 8;
    case ColumnType.String: case ColumnType.Json: case ColumnType.DateTime: case ColumnType.Binary: return -1;
    default: return -2;
  }
}

/** The value at `offset` (after its column number) of a column type, as flatgeobuf's parseProperties decodes it. */
function readValue(view: DataView, bytes: Uint8Array, offset: number, type: number, size: number): unknown {
  switch (type) {
    case ColumnType.Bool: return !!view.getUint8(offset);
    case ColumnType.Byte: return view.getInt8(offset);
    case ColumnType.UByte: return view.getUint8(offset);
    case ColumnType.Short: return view.getInt16(offset, true);
    case ColumnType.UShort: return view.getUint16(offset, true);
    case ColumnType.Int: return view.getInt32(offset, true);
    case ColumnType.UInt: return view.getUint32(offset, true);
    case ColumnType.Long: return Number(view.getBigInt64(offset, true));
    case ColumnType.ULong: return Number(view.getBigUint64(offset, true));
    case ColumnType.Float: return view.getFloat32(offset, true);
    case ColumnType.Double: return view.getFloat64(offset, true);
    case ColumnType.Binary: return bytes.slice(offset + 4, offset + 4 + size);
    case ColumnType.Json: return JSON.parse(decodeUtf8(bytes, offset + 4, size));
    default: return decodeUtf8(bytes, offset + 4, size); // String, DateTime
  }
}

/**
 * Walks the property bytes [start, end): checks every value's bounds and returns the properties as an object, or
 * (`only` ≥ 0) just the value of column `only` (undefined when the feature has none).
 */
function readProperties(view: DataView, bytes: Uint8Array, start: number, end: number, columns: Column[], only: number): unknown {
  const properties: Record<string, unknown> | null = only < 0 ? {} : null;
  let offset = start;
  while (offset < end) {
    if (offset + 2 > end) throw new Corrupt('a property runs past the end of its feature');
    const c = view.getUint16(offset, true);
    const column = columns[c];
    if (!column) throw new Corrupt(`property column ${c} is not in the header`);
    offset += 2;
    let size = valueSize(column.type), total = size;
    if (size === -2) throw new Corrupt(`unknown column type ${column.type}`);
    if (size === -1) {
      if (offset + 4 > end) throw new Corrupt('a property runs past the end of its feature');
      size = view.getUint32(offset, true);
      total = 4 + size;
    }
    if (offset + total > end) throw new Corrupt('a property runs past the end of its feature');
    if (properties) properties[column.name] = readValue(view, bytes, offset, column.type, size);
    else if (c === only) return readValue(view, bytes, offset, column.type, size);
    offset += total;
  }
  return properties ?? undefined;
}

/**
 * The attributes of a layer kept as their FlatGeobuf bytes (copied out of the file into one buffer) and decoded
 * on each access: an array-like Proxy over them (index, length, iteration and the Array methods work; not
 * structured-cloneable, so a store with lazy attributes cannot be posted to a worker as is).
 */
function lazyAttributes(buffer: Uint8Array, starts: Uint32Array, columns: Column[]): Attributes[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const n = starts.length - 1;
  const target: Attributes[] = new Array(n);
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string') {
        const i = key.length > 0 && key.length < 11 && key.charCodeAt(0) <= 57 ? Number(key) : NaN;
        if (Number.isInteger(i) && i >= 0 && i < n && String(i) === key) return readProperties(view, buffer, starts[i]!, starts[i + 1]!, columns, -1);
      }
      return Reflect.get(object, key, receiver);
    },
    has(object, key) {
      if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key) && Number(key) < n) return true;
      return Reflect.has(object, key);
    },
    getOwnPropertyDescriptor(object, key) {
      if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key) && Number(key) < n) {
        const i = Number(key);
        return { value: readProperties(view, buffer, starts[i]!, starts[i + 1]!, columns, -1), writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(object, key);
    },
    ownKeys(object) {
      return [...Array.from({ length: n }, (_, i) => String(i)), ...Reflect.ownKeys(object).filter((k) => !(typeof k === 'string' && /^\d+$/.test(k)))];
    },
  });
}

const enum Pass { Count, Fill }

/** The mutable state of a reading pass (one object, so the geometry walk allocates nothing per feature). */
interface Walk {
  pass: Pass;
  t: Tables;
  parts: number;
  rings: number;
  vertices: number;
  // Pass.Count: the raw extent, when wanted.
  extent: boolean;
  rawMinX: number; rawMinY: number; rawMaxX: number; rawMaxY: number;
  // Pass.Fill.
  coords: Float64Array;
  ringStart: Uint32Array;
  partStart: Uint32Array;
  transform: ((p: [number, number]) => readonly number[]) | null;
  position: [number, number];
  minX: number; minY: number; maxX: number; maxY: number;
}

/** One geometry of the file (a Polygon, a MultiPolygon's parts; others are left empty, as buildLayerStore does). */
function walkGeometry(w: Walk, geometry: number, type: number): void {
  const t = w.t;
  if (type === GeometryType.Unknown) type = t.u8(geometry, 6, GeometryType.Unknown);
  if (type === GeometryType.MultiPolygon) {
    if (!t.vector(geometry, 7, 4)) return;
    const partsAt = t.at, parts = t.count;
    for (let k = 0; k < parts; k++) walkGeometry(w, partsAt + k * 4 + t.u32(partsAt + k * 4), GeometryType.Polygon);
    return;
  }
  if (type !== GeometryType.Polygon || !t.vector(geometry, 1, 8) || t.count === 0) return;
  const xyAt = t.at, doubles = t.count;
  if (doubles % 2) throw new Corrupt('an odd number of xy values');
  const vertices = doubles / 2;
  t.vector(geometry, 0, 4);
  const endsAt = t.at, ends = t.count;
  const view = t.view;
  if (w.pass === Pass.Count) {
    let previous = 0;
    for (let e = 0; e < ends; e++) {
      const end = view.getUint32(endsAt + e * 4, true);
      if (end <= previous || end > vertices) throw new Corrupt(`ring end ${end} is out of order or past the ${vertices} vertices`);
      previous = end;
    }
    if (ends > 0 && previous !== vertices) throw new Corrupt(`ring ends stop at ${previous} of ${vertices} vertices`);
    w.parts++;
    w.rings += Math.max(1, ends);
    if (w.extent) {
      for (let k = 0; k < vertices; k++) {
        const x = view.getFloat64(xyAt + k * 16, true), y = view.getFloat64(xyAt + k * 16 + 8, true);
        if (x < w.rawMinX) w.rawMinX = x;
        if (x > w.rawMaxX) w.rawMaxX = x;
        if (y < w.rawMinY) w.rawMinY = y;
        if (y > w.rawMaxY) w.rawMaxY = y;
      }
    }
    w.vertices += vertices;
    return;
  }
  const v = w.vertices;
  w.partStart[w.parts++] = w.rings;
  w.ringStart[w.rings++] = v;
  for (let e = 0; e + 1 < ends; e++) w.ringStart[w.rings++] = v + view.getUint32(endsAt + e * 4, true);
  const coords = w.coords, transform = w.transform, position = w.position;
  let minX = w.minX, minY = w.minY, maxX = w.maxX, maxY = w.maxY;
  for (let k = 0, c = v * 2; k < vertices; k++, c += 2) {
    let x = view.getFloat64(xyAt + k * 16, true), y = view.getFloat64(xyAt + k * 16 + 8, true);
    if (transform) {
      position[0] = x;
      position[1] = y;
      const q = transform(position);
      x = q[0]!;
      y = q[1]!;
    }
    coords[c] = x;
    coords[c + 1] = y;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  w.minX = minX; w.minY = minY; w.maxX = maxX; w.maxY = maxY;
  w.vertices = v + vertices;
}

/**
 * Reads a FlatGeobuf polygon layer into a LayerStore in `planarCrs`; `crs` is the file's CRS (from its header,
 * else `sourceCrs`, else inferred from the extent). Attributes are plain objects decoded as the file is read, or
 * with `lazyAttributes` kept as bytes and decoded on access. Ids are always decoded (from `idField`, else "#n").
 */
export function readFlatGeobufStore(bytes: Uint8Array, file: string, options: FlatGeobufStoreOptions): { store: LayerStore; crs: string; featureCount: number } {
  const t = new Tables(bytes);
  if (bytes.length < 12 || !MAGIC.every((b, i) => bytes[i] === b)) throw new InputError(file, null, 'not a readable FlatGeobuf file (no FlatGeobuf magic bytes)');
  const view = t.view;

  // Header.
  let headerGeometryType: number, declaredCount: number, headerCrs: string | null = null, featuresAt: number;
  const columns: Column[] = [];
  try {
    const headerLength = t.u32(8);
    t.check(12, headerLength);
    const header = 12 + t.u32(12);
    headerGeometryType = t.u8(header, 2, GeometryType.Unknown);
    if (t.vector(header, 7, 4)) {
      const columnsAt = t.at, columnCount = t.count;
      for (let c = 0; c < columnCount; c++) {
        const column = columnsAt + c * 4 + t.u32(columnsAt + c * 4);
        columns.push({ name: t.string(column, 0) ?? '', type: t.u8(column, 1, 0) });
      }
    }
    const countField = t.field(header, 8);
    if (countField) t.check(header + countField, 8);
    declaredCount = countField ? Number(view.getBigUint64(header + countField, true)) : 0;
    const nodeSizeField = t.field(header, 9);
    if (nodeSizeField) t.check(header + nodeSizeField, 2);
    const indexNodeSize = nodeSizeField ? view.getUint16(header + nodeSizeField, true) : 16;
    const crs = t.table(header, 10);
    if (crs >= 0) {
      const org = t.string(crs, 0);
      const codeField = t.field(crs, 1);
      if (codeField) t.check(crs + codeField, 4);
      const code = codeField ? view.getInt32(crs + codeField, true) : 0;
      if (code > 0 && (!org || org.toUpperCase() === 'EPSG')) headerCrs = `EPSG:${code}`;
    }
    featuresAt = 12 + headerLength;
    if (indexNodeSize > 0 && declaredCount > 0) featuresAt += packedTreeSize(declaredCount, indexNodeSize);
  } catch (error) {
    throw new InputError(file, 'header', `not a readable FlatGeobuf file (${(error as Error).message})`);
  }
  const idColumn = options.idField === null ? -1 : columns.findIndex((c) => c.name === options.idField);

  // Pass 1: count features, parts, rings, vertices and property bytes, checking every offset and every value's
  // bounds; the raw extent when the file's CRS is unknown.
  const w: Walk = {
    pass: Pass.Count, t, parts: 0, rings: 0, vertices: 0, extent: !headerCrs && !options.sourceCrs,
    rawMinX: Infinity, rawMinY: Infinity, rawMaxX: -Infinity, rawMaxY: -Infinity,
    coords: new Float64Array(0), ringStart: new Uint32Array(0), partStart: new Uint32Array(0), transform: null, position: [0, 0],
    minX: 0, minY: 0, maxX: 0, maxY: 0,
  };
  let featureCount = 0, propertyBytes = 0;
  for (let offset = featuresAt; offset < t.length; featureCount++) {
    try {
      const size = t.u32(offset);
      t.check(offset + 4, size);
      const feature = offset + 4 + t.u32(offset + 4);
      const geometry = t.table(feature, 0);
      if (geometry >= 0) walkGeometry(w, geometry, headerGeometryType);
      if (t.vector(feature, 1, 1)) {
        propertyBytes += t.count;
        readProperties(view, bytes, t.at, t.at + t.count, columns, columns.length); // bounds only: no such column
      }
      offset += 4 + size;
    } catch (error) {
      throw new InputError(file, `feature ${featureCount + 1}`, `not a readable FlatGeobuf feature (${(error as Error).message})`);
    }
  }
  if (declaredCount > 0 && featureCount !== declaredCount) {
    throw new InputError(file, `feature ${featureCount + 1}`, `the header announces ${declaredCount} features but the file holds ${featureCount} (truncated?)`);
  }

  // The file's CRS.
  let crs = headerCrs ?? options.sourceCrs ?? null;
  if (!crs) {
    const inference = w.rawMinX <= w.rawMaxX ? inferCrs([w.rawMinX, w.rawMinY, w.rawMaxX, w.rawMaxY], options.planarCrs) : null;
    if (!inference || inference.axesSwapped) throw new InputError(file, 'header', 'names no CRS and its coordinates do not tell one; give the CRS');
    crs = inference.finding.code;
  }
  const source = lookupCrs(crs), target = lookupCrs(options.planarCrs);
  if (!source) throw new InputError(file, 'header', `names ${crs}, a CRS LandCheck does not know`);
  if (!target) throw new InputError(file, null, `the planar CRS ${options.planarCrs} is not one LandCheck knows`);
  const transform = source.code === target.code ? null : transformBetween(source.code, target.code);

  // Pass 2: fill the store (everything was checked by pass 1).
  const { parts: partCount, rings: ringCount, vertices: vertexCount } = w;
  Object.assign(w, {
    pass: Pass.Fill, parts: 0, rings: 0, vertices: 0, transform,
    coords: new Float64Array(vertexCount * 2), ringStart: new Uint32Array(ringCount + 1), partStart: new Uint32Array(partCount + 1),
  });
  const featureStart = new Uint32Array(featureCount + 1);
  const bbox = new Float64Array(featureCount * 4);
  const index = new Flatbush(Math.max(1, featureCount));
  const ids: string[] = new Array(featureCount);
  const lazy = options.lazyAttributes === true;
  const attributes: Attributes[] = lazy ? [] : new Array(featureCount);
  const propertyBuffer = lazy ? new Uint8Array(propertyBytes) : null;
  const propertyStart = lazy ? new Uint32Array(featureCount + 1) : null;
  let propertyAt = 0;
  for (let i = 0, offset = featuresAt; i < featureCount; i++) {
    const size = view.getUint32(offset, true);
    const feature = offset + 4 + view.getUint32(offset + 4, true);
    featureStart[i] = w.parts;
    w.minX = w.minY = Infinity;
    w.maxX = w.maxY = -Infinity;
    const geometry = t.table(feature, 0);
    if (geometry >= 0) walkGeometry(w, geometry, headerGeometryType);
    if (w.minX > w.maxX) {
      bbox[i * 4] = bbox[i * 4 + 1] = bbox[i * 4 + 2] = bbox[i * 4 + 3] = NaN; // empty: never found by a search
      index.add(Infinity, Infinity, Infinity, Infinity);
    } else {
      bbox[i * 4] = w.minX;
      bbox[i * 4 + 1] = w.minY;
      bbox[i * 4 + 2] = w.maxX;
      bbox[i * 4 + 3] = w.maxY;
      index.add(w.minX, w.minY, w.maxX, w.maxY);
    }
    const hasProperties = t.vector(feature, 1, 1) && columns.length > 0;
    const at = t.at, end = t.at + t.count;
    let value: unknown;
    if (lazy) {
      propertyStart![i] = propertyAt;
      if (hasProperties) {
        for (let b = at; b < end; b++) propertyBuffer![propertyAt++] = bytes[b]!; // short: a loop beats subarray + set
      }
      value = hasProperties && idColumn >= 0 ? readProperties(view, bytes, at, end, columns, idColumn) : undefined;
    } else {
      const properties = (hasProperties ? readProperties(view, bytes, at, end, columns, -1) : {}) as Attributes;
      attributes[i] = properties;
      value = idColumn >= 0 ? properties[options.idField!] : undefined;
    }
    ids[i] = value === null || value === undefined || value === '' ? `#${i + 1}` : String(value);
    offset += 4 + size;
  }
  featureStart[featureCount] = w.parts;
  w.partStart[partCount] = w.rings;
  w.ringStart[ringCount] = w.vertices;
  if (featureCount === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  if (lazy) propertyStart![featureCount] = propertyAt;
  const store: LayerStore = {
    id: options.id, kind: options.kind, crs: options.planarCrs, featureCount, coords: w.coords, ringStart: w.ringStart, partStart: w.partStart,
    featureStart, bbox, index: index.data as ArrayBuffer, ids,
    attributes: lazy ? lazyAttributes(propertyBuffer!.subarray(0, propertyAt), propertyStart!, columns) : attributes,
  };
  return { store, crs, featureCount };
}

/** Bytes of a packed Hilbert R-tree of `items` with `nodeSize` (flatgeobuf's calcTreeSize). */
function packedTreeSize(items: number, nodeSize: number): number {
  const size = Math.min(Math.max(nodeSize, 2), 65535);
  let n = items, nodes = items;
  do {
    n = Math.ceil(n / size);
    nodes += n;
  } while (n !== 1);
  return nodes * 40;
}
