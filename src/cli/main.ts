// `landcheck` — the command line over the same core and readers as the app (DESIGN §9).
// Exit codes: 0 success, 1 findings problem, 2 bad input (one line on stderr, nothing written).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core';
import { loadWorkspace } from '../io/workspace';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

const USAGE = `landcheck ${VERSION} — verify land complaints against a bureau's base data

Usage:
  landcheck workspace MANIFEST   load a workspace manifest and print what it holds (JSON)
  landcheck --version
  landcheck --help

Exit codes: 0 success, 1 findings problem, 2 bad input.`;

class UsageError extends Error {}

async function workspaceSummary(manifestPath: string): Promise<unknown> {
  const dir = dirname(manifestPath);
  const read = async (path: string) => {
    try {
      return new Uint8Array(readFileSync(path));
    } catch (error) {
      throw new Error((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message, { cause: error });
    }
  };
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await read(manifestPath);
  } catch (error) {
    throw new InputError(manifestPath, null, (error as Error).message);
  }
  const ws = await loadWorkspace(basename(manifestPath), async () => manifestBytes, (path) => read(join(dir, path)));
  return {
    name: ws.manifest.name,
    schemaVersion: ws.manifest.schemaVersion,
    areaCrs: ws.manifest.areaCrs ?? null,
    layers: ws.layers.map((l) => ({ id: l.id, kind: l.kind, path: l.path, format: l.format, encoding: l.encoding, crs: l.crs, featureCount: l.featureCount, bbox: l.bboxLonLat })),
    imagery: ws.imagery.map((i) => ({ id: i.id, path: i.path, date: i.date, crs: i.crs, width: i.width, height: i.height })),
    caseCount: ws.cases.length,
  };
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'workspace': {
        if (args.length !== 1) throw new UsageError('workspace takes one MANIFEST argument');
        process.stdout.write(`${JSON.stringify(await workspaceSummary(args[0]!), null, 2)}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}" (see landcheck --help)`);
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      process.stderr.write(`landcheck: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
