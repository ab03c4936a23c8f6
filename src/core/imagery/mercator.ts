import type { Position } from '../model';
import type { PositionTransform } from '../crs/reproject';
import type { Bbox } from '../crs/detect';

// Web Mercator in units of the whole world (0–1 across, 0 at the north edge), the plane the map draws in.

export function lonLatToWorld([lon, lat]: Position): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}

export function worldToLonLat([x, y]: [number, number]): Position {
  return [x * 360 - 180, (360 / Math.PI) * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90];
}

/**
 * How far, in pixels of a window, the map's drawing of it by its four corners strays from where its pixels
 * truly are. deck.gl's BitmapLayer draws four corners as two triangles (0-2-1 and 0-3-2), each mapped
 * affinely in the Web Mercator plane; the true place of a pixel is its CRS position taken to lon/lat.
 * Measured on a grid of `steps` × `steps` points.
 */
export function cornerDrawingErrorPx(bbox: Bbox, widthPx: number, heightPx: number, toLonLat: PositionTransform, steps = 8): number {
  const [x0, y0, x1, y1] = bbox;
  const world = (u: number, v: number) => lonLatToWorld(toLonLat([x0 + (x1 - x0) * u, y0 + (y1 - y0) * v]));
  // Corners as the layer takes them: bottom-left, top-left, top-right, bottom-right; u across, v up.
  const c = [world(0, 0), world(0, 1), world(1, 1), world(1, 0)];
  const pixelWorld = Math.hypot(c[3]![0] - c[0]![0], c[3]![1] - c[0]![1]) / widthPx;
  const pixelWorldY = Math.hypot(c[1]![0] - c[0]![0], c[1]![1] - c[0]![1]) / heightPx;
  const pixel = Math.min(pixelWorld, pixelWorldY);
  let worst = 0;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const u = i / steps, v = j / steps;
      // Triangle 0-3-2 holds u ≥ v (below the diagonal from bottom-left to top-right), 0-2-1 the rest.
      const drawn: [number, number] = u >= v
        ? [c[0]![0] + (c[3]![0] - c[0]![0]) * (u - v) + (c[2]![0] - c[0]![0]) * v, c[0]![1] + (c[3]![1] - c[0]![1]) * (u - v) + (c[2]![1] - c[0]![1]) * v]
        : [c[0]![0] + (c[1]![0] - c[0]![0]) * (v - u) + (c[2]![0] - c[0]![0]) * u, c[0]![1] + (c[1]![1] - c[0]![1]) * (v - u) + (c[2]![1] - c[0]![1]) * u];
      const truth = world(u, v);
      worst = Math.max(worst, Math.hypot(truth[0] - drawn[0], truth[1] - drawn[1]) / pixel);
    }
  }
  return worst;
}

export interface WarpedRaster {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** west, south, east, north: a Web-Mercator-aligned rectangle. */
  boundsLonLat: Bbox;
}

/**
 * Resamples an RGBA window (its extent `bbox` in the image CRS) onto a grid aligned with Web Mercator, by
 * nearest neighbour, keeping about as many pixels. The CRS transform is computed exactly on a node every
 * `cell` pixels and interpolated between them (as GDAL's approximate transformer does): proj4 for each of a
 * million pixels would take seconds.
 */
export function warpToMercator(
  rgba: Uint8ClampedArray, width: number, height: number, bbox: Bbox,
  toLonLat: PositionTransform, fromLonLat: PositionTransform, cell = 16,
): WarpedRaster {
  const [w, s, e, n] = (() => {
    const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
    const steps = 16;
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      for (const p of [[bbox[0] + (bbox[2] - bbox[0]) * t, bbox[1]], [bbox[0] + (bbox[2] - bbox[0]) * t, bbox[3]], [bbox[0], bbox[1] + (bbox[3] - bbox[1]) * t], [bbox[2], bbox[1] + (bbox[3] - bbox[1]) * t]] as Position[]) {
        const [lon, lat] = toLonLat(p);
        b[0] = Math.min(b[0], lon); b[1] = Math.min(b[1], lat); b[2] = Math.max(b[2], lon); b[3] = Math.max(b[3], lat);
      }
    }
    return b;
  })();
  const [wx0, wy0] = lonLatToWorld([w, n]);
  const [wx1, wy1] = lonLatToWorld([e, s]);
  const aspect = (wx1 - wx0) / (wy1 - wy0);
  const outW = Math.max(1, Math.round(Math.sqrt(width * height * aspect)));
  const outH = Math.max(1, Math.round((width * height) / outW));
  const nodesX = Math.ceil(outW / cell) + 1, nodesY = Math.ceil(outH / cell) + 1;
  // Source pixel (column, row) of each node.
  const nodes = new Float64Array(nodesX * nodesY * 2);
  for (let j = 0; j < nodesY; j++) {
    for (let i = 0; i < nodesX; i++) {
      const px = Math.min(i * cell, outW), py = Math.min(j * cell, outH);
      const [x, y] = fromLonLat(worldToLonLat([wx0 + ((wx1 - wx0) * px) / outW, wy0 + ((wy1 - wy0) * py) / outH]));
      nodes[(j * nodesX + i) * 2] = ((x - bbox[0]) / (bbox[2] - bbox[0])) * width;
      nodes[(j * nodesX + i) * 2 + 1] = ((bbox[3] - y) / (bbox[3] - bbox[1])) * height;
    }
  }
  const out = new Uint8ClampedArray(outW * outH * 4);
  for (let py = 0; py < outH; py++) {
    const j = Math.min(Math.floor(py / cell), nodesY - 2);
    const fy = (py + 0.5 - j * cell) / (Math.min((j + 1) * cell, outH) - j * cell);
    for (let px = 0; px < outW; px++) {
      const i = Math.min(Math.floor(px / cell), nodesX - 2);
      const fx = (px + 0.5 - i * cell) / (Math.min((i + 1) * cell, outW) - i * cell);
      const a = (j * nodesX + i) * 2, b = a + 2, c = a + nodesX * 2, d = c + 2;
      const sx = (nodes[a]! * (1 - fx) + nodes[b]! * fx) * (1 - fy) + (nodes[c]! * (1 - fx) + nodes[d]! * fx) * fy;
      const sy = (nodes[a + 1]! * (1 - fx) + nodes[b + 1]! * fx) * (1 - fy) + (nodes[c + 1]! * (1 - fx) + nodes[d + 1]! * fx) * fy;
      const col = Math.floor(sx), row = Math.floor(sy);
      if (col < 0 || row < 0 || col >= width || row >= height) continue;
      const from = (row * width + col) * 4, to = (py * outW + px) * 4;
      out[to] = rgba[from]!; out[to + 1] = rgba[from + 1]!; out[to + 2] = rgba[from + 2]!; out[to + 3] = rgba[from + 3]!;
    }
  }
  return { rgba: out, width: outW, height: outH, boundsLonLat: [w, s, e, n] };
}
