// What the page exposes to end-to-end tests and the screenshot script: whether the data is drawn, and
// where a lon/lat lands on screen. Nothing else reads it.
export interface PageHook {
  ready: boolean;
  project: (lon: number, lat: number) => { x: number; y: number };
}

declare global {
  interface Window {
    __landcheck?: PageHook;
  }
}
