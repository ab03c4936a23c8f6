import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

describe('the core stays pure (STYLE.md: imports flow ui → map, workers → io → core)', () => {
  it('imports nothing from ui, map, workers, io or cli, and no DOM/Node/React/map library', () => {
    const offenders: string[] = [];
    for (const file of files(join(ROOT, 'src/core'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+'([^']+)'/g)) {
        const spec = match[1]!;
        if (/\/(ui|map|workers|io|cli)\//.test(spec) || /^(node:|react|maplibre|@deck\.gl|deck\.gl)/.test(spec)) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the io layer never touches file paths or the UI', () => {
    const offenders = files(join(ROOT, 'src/io')).filter((file) => /from\s+'(node:fs|node:path|react|\.\.\/ui|\.\.\/map)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
