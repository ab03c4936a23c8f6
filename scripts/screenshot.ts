// Takes the README screenshot of the app on the sample county: `npm run build && npm run screenshot [-- OUT.png [QUERY]]`.
import { startHarness } from '../tests/e2e/harness';

const out = process.argv[2] ?? 'docs/screenshot.png';
const harness = await startHarness();
try {
  const { page } = await harness.newSession({ width: 1280, height: 760 });
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  await page.goto(`${harness.baseUrl}${process.argv[3] ?? ''}`);
  await page.waitForFunction(() => window.__landcheck?.ready === true, null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(`screenshot written to ${out}`);
} finally {
  await harness.close();
}
