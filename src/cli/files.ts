import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core';
import type { VectorInput } from '../io/formats';
import { loadWorkspace } from '../io/workspace';
import type { LoadedWorkspace } from '../io/workspace';

// The CLI's file access: the io layer takes bytes, the CLI finds them on disk.

export function readBytes(path: string): Uint8Array {
  if (!existsSync(path)) throw new InputError(path, null, 'file not found');
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new InputError(path, null, `cannot be read (${(error as Error).message})`);
  }
}

/** A file as the readers take it; a loose .shp brings its .dbf, .shx, .prj and .cpg from beside it. */
export function readInput(path: string): VectorInput {
  if (!/\.shp$/i.test(path)) return readBytes(path);
  const base = path.slice(0, -4);
  const sidecar = (ext: string): Uint8Array | null => {
    for (const candidate of [`${base}.${ext}`, `${base}.${ext.toUpperCase()}`]) if (existsSync(candidate)) return new Uint8Array(readFileSync(candidate));
    return null;
  };
  return { shp: readBytes(path), dbf: sidecar('dbf'), shx: sidecar('shx'), prj: sidecar('prj'), cpg: sidecar('cpg') };
}

/** Writes the whole file or nothing: to a temporary name first, then renamed into place. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

/** A workspace manifest on disk, loaded, with a reader for paths relative to it. */
export async function openWorkspace(manifestPath: string): Promise<{ ws: LoadedWorkspace; read: (path: string) => Promise<Uint8Array> }> {
  const manifestBytes = readBytes(manifestPath);
  const read = async (path: string) => readBytes(join(dirname(manifestPath), path));
  return { ws: await loadWorkspace(basename(manifestPath), async () => manifestBytes, read), read };
}
