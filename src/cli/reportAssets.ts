import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The bytes the report writers need that the io layer may not read itself: resvg's wasm and the CJK
// font the figures are drawn in (REPORT_FONT_FAMILY, Noto Sans SC), both from node_modules. Read
// once per process: the two fonts are about 20 MB.

export interface ReportAssets {
  wasm: Uint8Array;
  fonts: { regular: Uint8Array; bold: Uint8Array };
}

const require = createRequire(import.meta.url);
let cached: ReportAssets | null = null;

function readPackageFile(specifier: string): Uint8Array {
  let path: string;
  try {
    path = require.resolve(specifier);
  } catch (error) {
    throw new Error(`report asset ${specifier} not found in node_modules (${(error as Error).message}); run npm install`, { cause: error });
  }
  return new Uint8Array(readFileSync(path));
}

export function loadReportAssets(): ReportAssets {
  cached ??= {
    wasm: readPackageFile('@resvg/resvg-wasm/index_bg.wasm'),
    fonts: {
      regular: readPackageFile('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
      bold: readPackageFile('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
    },
  };
  return cached;
}
