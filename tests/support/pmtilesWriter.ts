import { zxyToTileId } from 'pmtiles';

// A test-only PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): the `pmtiles`
// npm package reads archives but does not write them. Enough for small fixtures: one root directory (no leaf
// directories), no compression, tiles clustered in tile-id order. Not for the app.

export interface PmtilesFixture {
  tiles: { z: number; x: number; y: number; data: Uint8Array }[];
  /** 1 MVT, 2 PNG, 3 JPEG, 4 WebP, 5 AVIF, 6 MLT (spec §3.1). */
  tileType: number;
  metadata: unknown;
  /** west, south, east, north */
  bounds: [number, number, number, number];
}

const HEADER_BYTES = 127;
const ROOT_LIMIT = 16_384 - HEADER_BYTES;

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** The directory encoding of spec §4: ids as deltas, then run lengths, lengths, offsets (0 = right after the previous). */
function directory(entries: { tileId: number; offset: number; length: number }[]): Uint8Array {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (let i = 0; i < entries.length; i++) varint(out, 1);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    varint(out, previous && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

export function writePmtiles(fixture: PmtilesFixture): Uint8Array<ArrayBuffer> {
  const tiles = fixture.tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  let offset = 0;
  const entries = tiles.map((t) => {
    const entry = { tileId: t.tileId, offset, length: t.data.length };
    offset += t.data.length;
    return entry;
  });
  const root = directory(entries);
  if (root.length > ROOT_LIMIT) throw new Error(`test PMTiles writer: root directory of ${root.length} bytes needs leaf directories`);
  const metadata = new TextEncoder().encode(JSON.stringify(fixture.metadata));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const dataOffset = metadataOffset + metadata.length;
  const out = new Uint8Array(dataOffset + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3);
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, dataOffset); // no leaf directories: offset at the tile data, length 0
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, tiles.length); // addressed tiles
  u64(80, tiles.length); // tile entries
  u64(88, tiles.length); // tile contents
  view.setUint8(96, 1); // clustered
  view.setUint8(97, 1); // internal compression: none
  view.setUint8(98, 1); // tile compression: none
  view.setUint8(99, fixture.tileType);
  const zooms = tiles.map((t) => t.z);
  view.setUint8(100, Math.min(...zooms));
  view.setUint8(101, Math.max(...zooms));
  const [w, s, e, n] = fixture.bounds;
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  e7(102, w);
  e7(106, s);
  e7(110, e);
  e7(114, n);
  view.setUint8(118, Math.max(...zooms));
  e7(119, (w + e) / 2);
  e7(123, (s + n) / 2);
  out.set(root, rootOffset);
  out.set(metadata, metadataOffset);
  let at = dataOffset;
  for (const t of tiles) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}

/** XYZ tiles covering a lon/lat box at zoom z (inclusive). */
export function tilesCovering(bounds: [number, number, number, number], z: number): { x: number; y: number }[] {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => Math.floor(((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * n);
  const out: { x: number; y: number }[] = [];
  for (let x = tx(bounds[0]); x <= tx(bounds[2]); x++) for (let y = ty(bounds[3]); y <= ty(bounds[1]); y++) out.push({ x, y });
  return out;
}
