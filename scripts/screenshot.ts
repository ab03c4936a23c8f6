// Takes the README screenshot of the app on the sample county: `npm run build && npm run screenshot [-- OUT.png [QUERY]]`.
import { execFileSync } from 'node:child_process';
import '../src/ui/pageHook';
import { startHarness } from '../tests/e2e/harness';

const out = process.argv[2] ?? 'docs/screenshot.png';
const harness = await startHarness();
try {
  const { page } = await harness.newSession({ width: 1200, height: 720 });
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  await page.goto(`${harness.baseUrl}${process.argv[3] ?? ''}`);
  await page.waitForFunction(() => window.__landcheck?.ready === true, null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  // Keep the committed PNG small: quantise it when Debian's pngquant is installed.
  try {
    execFileSync('pngquant', ['--force', '--skip-if-larger', '--quality=60-85', '--output', out, out]);
  } catch {
    // pngquant missing or no gain: the full-colour PNG stays.
  }
  console.log(`screenshot written to ${out}`);
} finally {
  await harness.close();
}
