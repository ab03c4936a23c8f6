import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleSet, prepareVerification, runVerification } from '../../src/io/verification';
import type { VerificationRun } from '../../src/io/verification';
import { loadWorkspaceFromDir, ROOT, SAMPLE_DIR } from './paths';

/** The sample county verified as the CLI does, with a fixed clock so the output can be a golden. */
export async function verifySample(): Promise<VerificationRun> {
  const ws = await loadWorkspaceFromDir(SAMPLE_DIR);
  const read = async (path: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, path)));
  const ruleSet = await loadRuleSet(ws, read, { text: readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8'), file: 'default.json' });
  const layerBytes = Object.fromEntries(await Promise.all(ws.layers.map(async (l) => [l.id, await read(l.path)] as const)));
  return runVerification(ws, prepareVerification(ws, ruleSet), {
    generatedAt: '2026-11-21T00:00:00.000Z',
    date: '2026-11-21',
    layerBytes,
  });
}
