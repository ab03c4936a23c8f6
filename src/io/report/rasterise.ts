import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { REPORT_FONT_FAMILY } from '../../core/report/reportDocument';

// SVG → PNG for the report writers (a DOCX cannot hold the core's SVG map for every reader), with
// resvg compiled to WebAssembly so the page, a worker and the CLI draw the same pixels. The host
// hands over the wasm: the CLI its bytes from node_modules (src/cli/reportAssets.ts), a page or worker
// its URL (with Vite e.g. `import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url'`, the fonts the
// same way from @expo-google-fonts/noto-sans-sc, fetched once). resvg sees no system fonts here, only
// those passed in, so the same SVG gives the same bytes on every machine.

/** What initRasteriser accepts: the .wasm bytes, its URL, a fetch Response for it, or a compiled module. */
export type RasteriserWasm = Uint8Array | URL | Response | WebAssembly.Module;

let ready: Promise<void> | null = null;

/**
 * Loads resvg's wasm once per realm (page, worker or Node process); later calls return the same
 * promise whatever they pass, because resvg's initWasm may run only once.
 */
export function initRasteriser(wasm: RasteriserWasm): Promise<void> {
  ready ??= initWasm(wasm).catch((error: unknown) => {
    // Something else in this realm loaded resvg already: that is as good.
    if (error instanceof Error && /Already initialized/.test(error.message)) return;
    ready = null; // a failed load (bad URL, offline) may be retried with other bytes
    throw error;
  });
  return ready;
}

/**
 * Draws an SVG document as a PNG `widthPx` wide (height from the SVG's aspect ratio). `fonts` are
 * TTF/OTF bytes; text in REPORT_FONT_FAMILY (and generic sans-serif/serif) resolves to them.
 * Call initRasteriser first.
 */
export async function rasteriseSvg(svg: string, widthPx: number, fonts: Uint8Array[]): Promise<Uint8Array> {
  if (!ready) throw new Error('rasteriseSvg: call initRasteriser(wasm) first');
  await ready;
  if (!Number.isFinite(widthPx) || widthPx < 1) throw new Error(`rasteriseSvg: width must be a positive number of pixels, got ${widthPx}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    font: {
      fontBuffers: fonts,
      defaultFontFamily: REPORT_FONT_FAMILY,
      sansSerifFamily: REPORT_FONT_FAMILY,
      serifFamily: REPORT_FONT_FAMILY,
      monospaceFamily: REPORT_FONT_FAMILY,
    },
    // Anti-aliased and hinted the same way whatever the SVG asks, so maps look alike in every report.
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
