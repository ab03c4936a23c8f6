import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

const run = promisify(execFile);
const landcheck = (...args: string[]) =>
  run(process.execPath, [join(ROOT, 'src/cli/bin.js'), ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('landcheck CLI', () => {
  it('summarises the sample workspace as JSON', async () => {
    const { code, stdout } = await landcheck('workspace', 'data/sample/sample.landcheck.json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { layers: { id: string; crs: { code: string } }[]; caseCount: number };
    expect(summary.caseCount).toBe(30);
    expect(summary.layers.find((l) => l.id === 'land-use')?.crs.code).toBe('EPSG:4547');
  });

  it('exits 2 with one line naming the file for bad input', async () => {
    const { code, stderr, stdout } = await landcheck('workspace', 'missing.landcheck.json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['landcheck: missing.landcheck.json: file not found']);
  });

  it('exits 2 for an unknown command', async () => {
    expect((await landcheck('frobnicate')).code).toBe(2);
  });
});
