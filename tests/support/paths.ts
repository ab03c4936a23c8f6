import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../../src/io/workspace';
import type { LoadedWorkspace } from '../../src/io/workspace';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared real-world data, beside the checkout (CI has it there too). */
export const SHARED_DATA = resolve(ROOT, '../shared/data');
export const SAMPLE_DIR = join(ROOT, 'data/sample');
export const SAMPLE_MANIFEST = 'sample.landcheck.json';

export const hasSharedData = existsSync(SHARED_DATA);

/** Loads a workspace from a folder on disk, the way the CLI does. */
export function loadWorkspaceFromDir(dir: string, manifest = SAMPLE_MANIFEST): Promise<LoadedWorkspace> {
  return loadWorkspace(
    manifest,
    async () => new Uint8Array(readFileSync(join(dir, manifest))),
    async (path) => new Uint8Array(readFileSync(join(dir, path))),
  );
}
