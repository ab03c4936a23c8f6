import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_DIR } from '../support/paths';

const run = promisify(execFile);
const dirs: string[] = [];

async function generate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'landcheck-sample-'));
  dirs.push(dir);
  await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/make-sample-data.ts'), '--out', dir], { cwd: ROOT });
  return dir;
}

const listing = (dir: string) => readdirSync(dir).sort();

describe('the sample county generator', () => {
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives byte-identical files on two runs, identical to the committed data/sample', async () => {
    const [first, second] = await Promise.all([generate(), generate()]);
    expect(listing(first)).toEqual(listing(second));
    expect(listing(first)).toEqual(listing(SAMPLE_DIR));
    for (const name of listing(first)) {
      const a = readFileSync(join(first, name));
      expect(a.equals(readFileSync(join(second, name))), `${name} differs between two runs`).toBe(true);
      expect(a.equals(readFileSync(join(SAMPLE_DIR, name))), `${name} differs from the committed data/sample (run npm run sample)`).toBe(true);
    }
  });

  it('keeps data/ under 5 MB', () => {
    const size = (dir: string): number =>
      readdirSync(dir).reduce((total, name) => {
        const path = join(dir, name);
        const stat = statSync(path);
        return total + (stat.isDirectory() ? size(path) : stat.size);
      }, 0);
    expect(size(join(ROOT, 'data'))).toBeLessThan(5 * 1024 * 1024);
  });
});
