import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';
import { LandCheck } from './driver';
import { startHarness } from './harness';
import type { Harness } from './harness';

// Render cases as data (deck.gl's habit): a view and what is on it, compared with a reviewed reference
// image within a small tolerance. Regenerate with UPDATE=1 and look at the image before committing it.

const CASES = [{ name: 'sample-county', query: '', viewport: { width: 1000, height: 700 } }];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe.each(CASES)('render: $name', ({ name, query, viewport }) => {
  it('matches its reference image', async () => {
    const app = await LandCheck.start(harness, viewport);
    try {
      await app.givenTheSampleCounty(query);
      await app.untilTheMapIsStill();
      const shot = PNG.sync.read(await app.page.locator('#map').screenshot());
      const file = join(ROOT, `tests/fixtures/render/${name}.png`);
      if (process.env.UPDATE === '1' || !existsSync(file)) writeFileSync(file, PNG.sync.write(shot));
      const reference = PNG.sync.read(readFileSync(file));
      expect([shot.width, shot.height]).toEqual([reference.width, reference.height]);
      let differing = 0;
      for (let i = 0; i < shot.data.length; i += 4) {
        const d = Math.abs(shot.data[i]! - reference.data[i]!) + Math.abs(shot.data[i + 1]! - reference.data[i + 1]!) + Math.abs(shot.data[i + 2]! - reference.data[i + 2]!);
        if (d > 48) differing++;
      }
      // Software GL antialiases edges a little differently from run to run: allow 1% of pixels.
      expect(differing / (shot.width * shot.height)).toBeLessThan(0.01);
    } finally {
      await app.close();
    }
  });
});
