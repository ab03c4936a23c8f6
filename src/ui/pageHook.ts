// What the page exposes to end-to-end tests and the screenshot script: whether the data is drawn, and
// where a lon/lat lands on screen. Nothing else reads it.
import type { VerificationDocument } from '../core';

export interface PageHook {
  ready: boolean;
  /** The stored cases (or the manifest's ledger) are loaded and the imported layers restored. */
  casesReady?: boolean;
  project: (lon: number, lat: number) => { x: number; y: number };
  /** The lon/lat under a pixel of the map container. */
  unproject: (x: number, y: number) => [number, number];
  /** Resolves when the map has stopped moving and drawing. */
  idle: () => Promise<void>;
  /** Verifies the open workspace in its worker (as `landcheck verify` does) with a fixed clock. */
  verify?: (generatedAt: string, date: string) => Promise<VerificationDocument>;
  /** The right map when two are side by side (its container is #map-right). */
  right?: { project: PageHook['project']; unproject: PageHook['unproject']; idle: PageHook['idle'] } | null;
  /** Each shown image's newest picture: the overview level it was read from and how it was drawn. */
  imageryPictures?: () => Record<string, { level: number; drawn: string }>;
  /** How long the worker's recent jobs took, for the performance e2e. */
  workerTimings: () => Promise<{ job: string; ms: number }[]>;
}

declare global {
  interface Window {
    __landcheck?: PageHook;
  }
}

let verifier: PageHook['verify'];

/** Registers how the page verifies (the App owns the worker); the map's hook exposes it. */
export function setVerifier(fn: NonNullable<PageHook['verify']>): void {
  verifier = fn;
  if (window.__landcheck) window.__landcheck.verify = fn;
}

export function currentVerifier(): PageHook['verify'] {
  return verifier;
}
