import Flatbush from 'flatbush';
import { inferCrs, InputError, lookupCrs, transformBetween } from '../core';
import type { Attributes, LayerKind, LayerStore } from '../core';
import type { RangeSource } from './rangeSource';

// FlatGeobuf straight into a LayerStore (issue 9): no GeoJSON objects, no per-feature objects for geometry.
//
// The flatgeobuf package's own paths all allocate per feature — `deserialize` is an async generator that builds
// a Feature and a Geometry accessor and typed-array views for each feature (and `ArrayReader.open` reads the
// header through `bytes.buffer` without the byte offset) — so this reader walks the same FlatBuffers tables
// (the package's schema, flat-geobuf/{header,feature,geometry,column,crs}.js) with one DataView: a counting
// pass that sizes the typed arrays and checks every offset, then a filling pass that writes planar coordinates,
// ring/part/feature offsets, bboxes and the flatbush index. Attributes are decoded eagerly into plain objects,
// as the package's parseProperties does, or kept as their bytes (lazyAttributes).
//
// readFlatGeobufStoreFrom reads the file through a RangeSource (a file descriptor or handle, a Blob) in windows
// of `chunkBytes`, so the file is never held whole: both passes read it again window by window, the windows
// overlapping a little so that a feature crossing one's end is whole in the next (a larger one is read whole), and
// with an asynchronous source the next window is read while this one is walked. readFlatGeobufStore is the same
// reader over bytes in memory, as one window. The walk is a generator that yields the byte ranges it needs and is
// handed windows, so one body serves the synchronous and the asynchronous reader.

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
  /** readFlatGeobufStoreFrom: bytes read at a time (default 1 MiB; a feature or header larger is read whole). */
  chunkBytes?: number;
}

export interface FlatGeobufStoreResult { store: LayerStore; crs: string; featureCount: number }

const DEFAULT_CHUNK_BYTES = 1 << 20;

const MAGIC = [0x66, 0x67, 0x62];
const enum GeometryType { Unknown = 0, Polygon = 3, MultiPolygon = 6 }
const enum ColumnType { Byte, UByte, Bool, Short, UShort, Int, UInt, Long, ULong, Float, Double, String, Json, DateTime, Binary }

interface Column { name: string; type: number }

class Corrupt extends Error {}

/**
 * A bounds-checked reader of FlatBuffers tables over one window of the file (positions are window positions);
 * every access must fall in [lo, hi), the size-prefixed buffer being read (the header, a feature). vector() leaves
 * its answer in `at` and `count`.
 */
class Tables {
  view: DataView = new DataView(new ArrayBuffer(0));
  bytes: Uint8Array = new Uint8Array(0);
  lo = 0;
  hi = 0;
  /** What [lo, hi) is, for messages. */
  what = 'header';
  at = -1;
  count = 0;

  /** Reads `bytes` from now on. */
  window(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  bound(lo: number, hi: number): void {
    this.lo = lo;
    this.hi = hi;
  }
  check(position: number, size: number): void {
    if (position < this.lo || position + size > this.hi) throw new Corrupt(`an offset points outside the ${this.what} (bytes ${position - this.lo}–${position - this.lo + size} of its ${this.hi - this.lo})`);
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

/** Reused arrays of char codes, one per length (String.fromCharCode.apply takes an array's whole length). */
const codeArrays: number[][] = Array.from({ length: 65 }, (_, n) => new Array<number>(n).fill(0));

/**
 * UTF-8 to a string. Short well-formed strings of 1–3-byte sequences by hand into reused arrays and
 * String.fromCharCode (about twice as fast as TextDecoder's call per string; building with += would leave chains
 * of cons strings that a million ids keep alive; one array per length, since setting an array's length to fit
 * trims and regrows it each time); everything else through TextDecoder, so results are the same.
 */
function decodeUtf8(bytes: Uint8Array, start: number, length: number): string {
  if (length > 64) return textDecoder.decode(bytes.subarray(start, start + length));
  const end = start + length;
  const codes = codeArrays[length]!;
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
  if (n === length) return String.fromCharCode.apply(null, codes);
  const fit = codeArrays[n]!; // fewer characters than bytes: the codes into the array of their length
  for (let k = 0; k < n; k++) fit[k] = codes[k]!;
  return String.fromCharCode.apply(null, fit);
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

/** A length prefix no file value can have (it would pass the end of its feature): in lazy attributes, "the id". */
const ELIDED = 0xffffffff;

/** Where readProperties found the `only` value: the offset of its bytes (of its length prefix, if any). */
let foundAt = -1;

/**
 * Walks the property bytes [start, end): checks every value's bounds and returns the properties as an object, or
 * (`only` ≥ 0) just the value of column `only` (undefined when the feature has none; its offset in foundAt).
 * `elided` is the value of a length-prefixed value whose length is ELIDED (lazy attributes' id), else undefined.
 */
function readProperties(view: DataView, bytes: Uint8Array, start: number, end: number, columns: Column[], only: number, elided?: string): unknown {
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
      if (size === ELIDED && elided !== undefined) {
        if (properties) properties[column.name] = elided;
        else if (c === only) return elided;
        offset += 4;
        continue;
      }
      total = 4 + size;
    }
    if (offset + total > end) throw new Corrupt('a property runs past the end of its feature');
    if (properties) properties[column.name] = readValue(view, bytes, offset, column.type, size);
    else if (c === only) {
      foundAt = offset;
      return readValue(view, bytes, offset, column.type, size);
    }
    offset += total;
  }
  return properties ?? undefined;
}

/**
 * Checks the bounds of every property in [start, end) as readProperties does, without decoding; returns the byte
 * length of the first value of column `id` when it is a non-empty String (what lazy attributes leave out, since
 * the store's ids hold it), else 0.
 */
function checkProperties(view: DataView, start: number, end: number, columns: Column[], id: number): number {
  let offset = start, elidable = -1;
  while (offset < end) {
    if (offset + 2 > end) throw new Corrupt('a property runs past the end of its feature');
    const c = view.getUint16(offset, true);
    const column = columns[c];
    if (!column) throw new Corrupt(`property column ${c} is not in the header`);
    offset += 2;
    let total = valueSize(column.type);
    if (total === -2) throw new Corrupt(`unknown column type ${column.type}`);
    if (total === -1) {
      if (offset + 4 > end) throw new Corrupt('a property runs past the end of its feature');
      const size = view.getUint32(offset, true);
      if (c === id && elidable < 0) elidable = column.type === ColumnType.String ? size : 0;
      total = 4 + size;
    }
    if (offset + total > end) throw new Corrupt('a property runs past the end of its feature');
    offset += total;
  }
  return Math.max(0, elidable);
}

/**
 * The attributes of a layer kept as their FlatGeobuf bytes (copied out of the file into one buffer, the id
 * column's string left out: the store's `ids` hold it) and decoded on each access: an array-like Proxy over them
 * (index, length, iteration and the Array methods work; each access decodes a new object, so writes to it are
 * lost; not structured-cloneable, so a store with lazy attributes cannot be posted to a worker as is).
 */
function lazyAttributes(buffer: Uint8Array, starts: Uint32Array, columns: Column[], ids: string[]): Attributes[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const n = starts.length - 1;
  const target: Attributes[] = [];
  if (n > 0) {
    target[n - 1] = {}; // the length, in sparse (dictionary) elements: no backing store of n slots
    delete target[n - 1];
  }
  const decode = (i: number) => readProperties(view, buffer, starts[i]!, starts[i + 1]!, columns, -1, ids[i]) as Attributes;
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string') {
        const i = key.length > 0 && key.length < 11 && key.charCodeAt(0) <= 57 ? Number(key) : NaN;
        if (Number.isInteger(i) && i >= 0 && i < n && String(i) === key) return decode(i);
      }
      return Reflect.get(object, key, receiver);
    },
    has(object, key) {
      if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key) && Number(key) < n) return true;
      return Reflect.has(object, key);
    },
    getOwnPropertyDescriptor(object, key) {
      if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key) && Number(key) < n) {
        return { value: decode(Number(key)), writable: true, enumerable: true, configurable: true };
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

/** A byte range the walk needs: [offset, offset + length) of the file. */
interface Range { offset: number; length: number }

/** Bytes of the file from `start` on, handed to the walk: at least the range it asked for. */
interface Window { start: number; bytes: Uint8Array }

/**
 * Reads a FlatGeobuf polygon layer into a LayerStore in `planarCrs`; `crs` is the file's CRS (from its header,
 * else `sourceCrs`, else inferred from the extent). Attributes are plain objects decoded as the file is read, or
 * with `lazyAttributes` kept as bytes and decoded on access. Ids are always decoded (from `idField`, else "#n").
 * The bytes are read as one window; see readFlatGeobufStoreFrom to read a file without holding it.
 */
export function readFlatGeobufStore(bytes: Uint8Array, file: string, options: FlatGeobufStoreOptions): FlatGeobufStoreResult {
  const walk = readLayer(bytes.length, file, options);
  const whole: Window = { start: 0, bytes };
  for (let step = walk.next(); ; ) {
    if (step.done) return step.value;
    step = walk.next(whole);
  }
}

/**
 * readFlatGeobufStore over a file read by ranges (positionedReadSource, fileHandleSource, blobSource): it holds
 * a window of `chunkBytes` of the file at a time (a feature or the header whole, when larger), two with an
 * asynchronous source (the next is read ahead while one is walked). Reads the file twice, skipping its index.
 */
export async function readFlatGeobufStoreFrom(source: RangeSource, file: string, options: FlatGeobufStoreOptions): Promise<FlatGeobufStoreResult> {
  const size = source.size;
  const chunk = Math.max(64, Math.floor(options.chunkBytes ?? DEFAULT_CHUNK_BYTES));
  /** How much consecutive windows share: a feature up to this size crossing a window's end is whole in the next. */
  const overlap = Math.min(64 << 10, chunk >> 2);
  const walk = readLayer(size, file, options);
  /** Whether the source answers with promises: then the next window is read ahead. */
  let asynchronous = false;
  /** The window being read ahead: file bytes [start, end). */
  let ahead: { start: number; end: number; bytes: Promise<Uint8Array> } | null = null;
  try {
    for (let step = walk.next(); ; ) {
      if (step.done) return step.value;
      const { offset, length } = step.value;
      let start: number, bytes: Uint8Array;
      if (ahead && ahead.start <= offset && offset + length <= ahead.end) {
        start = ahead.start;
        bytes = await ahead.bytes;
      } else {
        if (ahead) await ahead.bytes.catch(() => null); // let it land: its buffer may be the one the next read reuses
        start = offset;
        const read = source.read(offset, Math.min(Math.max(chunk, length), size - offset));
        asynchronous = typeof (read as Partial<Promise<Uint8Array>>).then === 'function';
        bytes = asynchronous ? await read : (read as Uint8Array);
      }
      ahead = null;
      const end = start + bytes.length, next = Math.max(start + 1, end - overlap);
      if (asynchronous && end < size) {
        const read = Promise.resolve(source.read(next, Math.min(chunk, size - next)));
        read.catch(() => null); // awaited when used; never an unhandled rejection when not
        ahead = { start: next, end: next + Math.min(chunk, size - next), bytes: read };
      }
      step = walk.next({ start, bytes });
    }
  } finally {
    if (ahead) await ahead.bytes.catch(() => null); // no read left running into a buffer, or a handle the caller closes
  }
}

/**
 * The reader: yields the byte ranges it needs, never past `size`, and is handed windows that hold them; returns
 * the store. A window is walked until a range it lacks is needed; windows only ever move forward within a pass.
 */
function* readLayer(size: number, file: string, options: FlatGeobufStoreOptions): Generator<Range, FlatGeobufStoreResult, Window> {
  const t = new Tables();
  // The window: file bytes [windowStart, windowEnd) are t.bytes.
  let windowStart = 0, windowEnd = 0;
  /** The range to read so that [offset, offset + length) is in the window, or null when it already is. */
  const need = (offset: number, length: number): Range | null => {
    if (offset >= windowStart && offset + length <= windowEnd) return null;
    if (offset + length > size) throw new Corrupt(`the file ends early (needs byte ${offset + length}, has ${size})`);
    return { offset, length };
  };
  const install = (range: Range, window: Window): void => {
    const end = window.start + window.bytes.length;
    if (window.start > range.offset || end < range.offset + range.length) {
      throw new Corrupt(`the file ends early (needs byte ${range.offset + range.length}, has ${end}; did it change while being read?)`);
    }
    t.window(window.bytes);
    windowStart = window.start;
    windowEnd = end;
  };

  // Header.
  const magic = size >= 12 ? need(0, 12)! : null;
  const first = magic ? yield magic : null;
  if (!first || first.start !== 0 || first.bytes.length < 12 || !MAGIC.every((b, i) => first.bytes[i] === b)) {
    throw new InputError(file, null, 'not a readable FlatGeobuf file (no FlatGeobuf magic bytes)');
  }
  install(magic!, first);
  let headerGeometryType: number, declaredCount: number, headerCrs: string | null = null, featuresAt: number;
  const columns: Column[] = [];
  try {
    const headerLength = t.view.getUint32(8, true);
    const range = need(0, 12 + headerLength);
    if (range) install(range, yield range);
    t.what = 'header';
    t.bound(12, 12 + headerLength);
    const view = t.view;
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
  t.what = 'feature';

  // Pass 1: count features, parts, rings, vertices and property bytes, checking every offset and every value's
  // bounds; the raw extent when the file's CRS is unknown.
  const w: Walk = {
    pass: Pass.Count, t, parts: 0, rings: 0, vertices: 0, extent: !headerCrs && !options.sourceCrs,
    rawMinX: Infinity, rawMinY: Infinity, rawMaxX: -Infinity, rawMaxY: -Infinity,
    coords: new Float64Array(0), ringStart: new Uint32Array(0), partStart: new Uint32Array(0), transform: null, position: [0, 0],
    minX: 0, minY: 0, maxX: 0, maxY: 0,
  };
  const lazy = options.lazyAttributes === true;
  /** The column whose non-empty strings lazy attributes leave out (ids[i] holds them), or -1. */
  const elideId = lazy ? idColumn : -1;
  let featureCount = 0, propertyBytes = 0;
  for (let offset = featuresAt; offset < size; featureCount++) {
    try {
      let range = need(offset, 4);
      if (range) install(range, yield range);
      const length = 4 + t.view.getUint32(offset - windowStart, true);
      range = need(offset, length);
      if (range) install(range, yield range);
      const at = offset - windowStart;
      t.bound(at + 4, at + length);
      const feature = at + 4 + t.u32(at + 4);
      const geometry = t.table(feature, 0);
      if (geometry >= 0) walkGeometry(w, geometry, headerGeometryType);
      if (t.vector(feature, 1, 1)) propertyBytes += t.count - checkProperties(t.view, t.at, t.at + t.count, columns, elideId);
      offset += length;
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

  // Pass 2: fill the store. Everything was checked by pass 1; the bounds checks stay, and a file that changed in
  // between is refused by the counts at the end.
  const { parts: partCount, rings: ringCount, vertices: vertexCount } = w;
  Object.assign(w, {
    pass: Pass.Fill, parts: 0, rings: 0, vertices: 0, transform,
    coords: new Float64Array(vertexCount * 2), ringStart: new Uint32Array(ringCount + 1), partStart: new Uint32Array(partCount + 1),
  });
  const featureStart = new Uint32Array(featureCount + 1);
  const bbox = new Float64Array(featureCount * 4);
  const index = new Flatbush(Math.max(1, featureCount));
  const ids: string[] = new Array(featureCount);
  const attributes: Attributes[] = lazy ? [] : new Array(featureCount);
  const propertyBuffer = lazy ? new Uint8Array(propertyBytes) : null;
  const propertyStart = lazy ? new Uint32Array(featureCount + 1) : null;
  let propertyAt = 0;
  for (let i = 0, offset = featuresAt; i < featureCount; i++) {
    try {
      // The same framing as pass 1, written out again: a helper generator (yield*) would cost a generator object
      // per feature and pass, two million at 10^6.
      let range = need(offset, 4);
      if (range) install(range, yield range);
      const length = 4 + t.view.getUint32(offset - windowStart, true);
      range = need(offset, length);
      if (range) install(range, yield range);
      const at = offset - windowStart;
      t.bound(at + 4, at + length);
      const feature = at + 4 + t.u32(at + 4);
      featureStart[i] = w.parts;
      w.minX = w.minY = Infinity;
      w.maxX = w.maxY = -Infinity;
      if (w.vertices > vertexCount || w.rings > ringCount || w.parts > partCount) throw new Corrupt('the file changed while being read');
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
      const view = t.view, bytes = t.bytes, start = t.at, end = t.at + t.count;
      let value: unknown;
      if (lazy) {
        propertyStart![i] = propertyAt;
        value = hasProperties && idColumn >= 0 ? readProperties(view, bytes, start, end, columns, idColumn) : undefined;
        if (hasProperties) {
          // The bytes, but an id string's: its length prefix becomes ELIDED and its bytes are left out.
          const elide = typeof value === 'string' && value !== '' && columns[idColumn]!.type === ColumnType.String;
          const skipFrom = elide ? foundAt : end, skipTo = elide ? foundAt + 4 + view.getUint32(foundAt, true) : end;
          if (propertyAt + (end - start) - (skipTo - skipFrom) + (elide ? 4 : 0) > propertyBytes) throw new Corrupt('the file changed while being read');
          const buffer = propertyBuffer!;
          for (let b = start; b < skipFrom; b++) buffer[propertyAt++] = bytes[b]!; // short: a loop beats subarray + set
          if (elide) {
            buffer[propertyAt++] = 0xff;
            buffer[propertyAt++] = 0xff;
            buffer[propertyAt++] = 0xff;
            buffer[propertyAt++] = 0xff;
          }
          for (let b = skipTo; b < end; b++) buffer[propertyAt++] = bytes[b]!;
        }
      } else {
        const properties = (hasProperties ? readProperties(view, bytes, start, end, columns, -1) : {}) as Attributes;
        attributes[i] = properties;
        value = idColumn >= 0 ? properties[options.idField!] : undefined;
      }
      ids[i] = value === null || value === undefined || value === '' ? `#${i + 1}` : String(value);
      offset += length;
    } catch (error) {
      throw new InputError(file, `feature ${i + 1}`, `not a readable FlatGeobuf feature (${(error as Error).message})`);
    }
  }
  if (w.vertices !== vertexCount || w.rings !== ringCount || w.parts !== partCount || (lazy && propertyAt !== propertyBytes)) throw new InputError(file, null, 'not a readable FlatGeobuf file (it changed while being read)');
  featureStart[featureCount] = w.parts;
  w.partStart[partCount] = w.rings;
  w.ringStart[ringCount] = w.vertices;
  if (featureCount === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  if (lazy) propertyStart![featureCount] = propertyAt;
  const store: LayerStore = {
    id: options.id, kind: options.kind, crs: options.planarCrs, featureCount, coords: w.coords, ringStart: w.ringStart, partStart: w.partStart,
    featureStart, bbox, index: index.data as ArrayBuffer, ids,
    attributes: lazy ? lazyAttributes(propertyBuffer!.subarray(0, propertyAt), propertyStart!, columns, ids) : attributes,
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
