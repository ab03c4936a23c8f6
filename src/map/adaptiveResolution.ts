import type { Map as MapLibreMap } from 'maplibre-gl';

// Many bureau desktops draw WebGL in software (no GPU, remote desktops): there a frame's cost grows with
// its pixels and blocks the page while it is drawn. While the map moves, it is drawn at a resolution
// that fits the frame budget, and sharp again as soon as it stops. With a GPU, frames cost next to
// nothing on the page's thread and nothing changes.

/** What a frame may cost on the page's thread while moving, ms. */
const FRAME_BUDGET_MS = 25;
/** Never coarser than this fraction of the screen's resolution. */
const MIN_SCALE = 0.3;

export function adaptResolutionWhileMoving(map: MapLibreMap): () => void {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('longtask')) return () => {};
  const full = () => window.devicePixelRatio || 1;
  /** What the last slow full-resolution frame cost here, ms (0: frames are cheap). */
  let fullFrameMs = 0;
  let scale = 1;
  /** When the last few full-resolution frames were drawn, and how many since a slow one. */
  const renders: number[] = [];
  let cheapFrames = 0;
  map.on('render', () => {
    if (scale !== 1) return;
    renders.push(performance.now());
    if (renders.length > 30) renders.shift();
    if (++cheapFrames > 20) fullFrameMs = 0;
  });
  // The drawing happens in the frame's task, around maplibre's render event, so the length of a long
  // task (the Long Tasks API reports every task of 50 ms or more) holding a render is the frame's cost.
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const end = entry.startTime + entry.duration;
      if (!renders.some((t) => t >= entry.startTime && t <= end)) continue;
      fullFrameMs = entry.duration;
      cheapFrames = 0;
    }
  });
  observer.observe({ type: 'longtask' });
  // setPixelRatio resizes the map, which itself fires movestart and moveend: those are ours, not the user's.
  let adjusting = false;
  const setScale = (next: number) => {
    scale = next;
    adjusting = true;
    try {
      map.setPixelRatio(full() * next);
    } finally {
      adjusting = false;
    }
  };
  map.on('movestart', () => {
    if (adjusting || scale !== 1 || fullFrameMs <= FRAME_BUDGET_MS) return;
    // Fill cost goes with the number of pixels, the square of the scale.
    setScale(Math.max(MIN_SCALE, Math.sqrt(FRAME_BUDGET_MS / fullFrameMs)));
  });
  map.on('moveend', () => {
    if (adjusting || scale === 1) return;
    setScale(1);
  });
  return () => observer.disconnect();
}
