// shpjs ships no types; these cover the two low-level functions LandCheck uses.
declare module 'shpjs' {
  import type { Geometry } from '../core';
  export function parseShp(shp: ArrayBuffer | DataView | Uint8Array, prj?: string | false): (Geometry | null)[];
  export function parseDbf(dbf: ArrayBuffer | DataView | Uint8Array, encoding?: string): Record<string, string | number | boolean | null>[];
}
