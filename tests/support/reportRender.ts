import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { ROOT } from './paths';

// Reports rendered as a reader sees them: LibreOffice headless for DOCX, poppler's pdftoppm for PDF, at
// 50 dpi, compared with a committed, reviewed reference image within a tolerance. LibreOffice draws with
// the Noto Sans SC of node_modules only (a private fontconfig), so the pixels do not depend on the fonts
// a machine happens to have. Needs the Debian packages libreoffice-writer-nogui and poppler-utils.

const require = createRequire(import.meta.url);

export const hasCommand = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8', timeout: 150_000 });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}); the render tests need libreoffice-writer-nogui and poppler-utils`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Converts a DOCX to PDF with LibreOffice (a fresh profile, fonts from node_modules); returns the PDF's path in `dir`. */
export function docxToPdf(docx: string, dir: string): string {
  const fontDirs = ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf'].map((file) => dirname(require.resolve(`@expo-google-fonts/noto-sans-sc/${file}`)));
  mkdirSync(join(dir, 'fontcache'), { recursive: true });
  writeFileSync(
    join(dir, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fontDirs.map((d) => `  <dir>${d}</dir>\n`).join('')}  <cachedir>${join(dir, 'fontcache')}</cachedir>\n</fontconfig>\n`,
  );
  const env = { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf'), HOME: dir };
  const profile = pathToFileURL(join(tmpdir(), `lo-profile-${process.pid}-${Date.now()}`)).href;
  try {
    run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], env);
  } finally {
    rmSync(new URL(profile), { recursive: true, force: true });
  }
  const pdf = join(dir, docx.replace(/^.*[\\/]/, '').replace(/\.docx$/i, '.pdf'));
  expect(existsSync(pdf), 'LibreOffice wrote no PDF').toBe(true);
  return pdf;
}

/** Page 1 of a PDF as a PNG at 50 dpi. */
export function pdfPage1(pdf: string, dir: string): Uint8Array {
  run('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(dir, 'page1')]);
  return new Uint8Array(readFileSync(join(dir, 'page1.png')));
}

/** Share of pixels whose largest channel difference is over `threshold` (0–255). */
export function differingShare(a: PNG, b: PNG, threshold = 48): number {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!));
    if (d > threshold) differing++;
  }
  return differing / (a.width * a.height);
}

/**
 * The page looks like the committed reference: fewer than 2 % of pixels differ. UPDATE=1 (or a missing
 * reference outside CI) writes the reference instead: look at it before committing it.
 */
export function expectLikeReference(actualBytes: Uint8Array, reference: string, name: string): void {
  if (process.env.UPDATE === '1' || (!existsSync(reference) && !process.env.CI)) {
    mkdirSync(dirname(reference), { recursive: true });
    writeFileSync(reference, actualBytes);
    return;
  }
  const actual = PNG.sync.read(Buffer.from(actualBytes));
  const expected = PNG.sync.read(readFileSync(reference));
  const share = actual.width === expected.width && actual.height === expected.height ? differingShare(actual, expected) : 1;
  if (share >= 0.02) {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, `test-results/${name}.actual.png`), actualBytes);
  }
  expect(share, `page 1 differs from ${reference} (actual in test-results/${name}.actual.png; UPDATE=1 to accept)`).toBeLessThan(0.02);
}
