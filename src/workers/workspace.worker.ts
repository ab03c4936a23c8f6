/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import defaultRules from '../../data/rules/default.json?raw';
import type { Lang, VerificationDocument, VerifyWorkspace } from '../core';
import { loadRuleSet, prepareVerification, runVerification } from '../io/verification';
import { loadWorkspace } from '../io/workspace';
import type { LoadedImagery, LoadedWorkspace } from '../io/workspace';

// Reads, parses and verifies a workspace off the main thread. Imagery leaves as transferred
// ImageBitmaps; the layer stores stay here, where verification runs.

export type ViewImagery = Omit<LoadedImagery, 'rgba'> & { image: ImageBitmap };
export type ViewWorkspace = Omit<LoadedWorkspace, 'imagery'> & { imagery: ViewImagery[] };

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

let current: { loaded: LoadedWorkspace; base: URL; verify: VerifyWorkspace | null } | null = null;

const api = {
  async load(manifestUrl: string): Promise<ViewWorkspace> {
    const base = new URL(manifestUrl, self.location.href);
    const name = decodeURIComponent(base.pathname.split('/').pop() ?? manifestUrl);
    const loaded = await loadWorkspace(name, () => fetchBytes(base), (path) => fetchBytes(new URL(path, base)));
    current = { loaded, base, verify: null };
    const imagery = await Promise.all(
      loaded.imagery.map(async ({ rgba, ...rest }) => ({
        ...rest,
        image: await createImageBitmap(new ImageData(new Uint8ClampedArray(rgba), rest.width, rest.height)),
      })),
    );
    return transfer({ ...loaded, imagery }, imagery.map((i) => i.image));
  },

  /** Verifies the loaded workspace's cases (all, or those named) exactly as `landcheck verify` does. */
  async verify(options: { caseIds?: string[]; lang: Lang; generatedAt: string; date: string }): Promise<VerificationDocument> {
    if (!current) throw new Error('no workspace is loaded');
    const { loaded, base } = current;
    const read = (path: string) => fetchBytes(new URL(path, base));
    if (!current.verify) current.verify = prepareVerification(loaded, await loadRuleSet(loaded, read, { text: defaultRules, file: 'data/rules/default.json' }));
    const layerBytes = Object.fromEntries(await Promise.all(loaded.layers.map(async (l) => [l.id, await read(l.path)] as const)));
    const run = await runVerification(loaded, current.verify, { ...options, layerBytes });
    return run.document;
  },
};

export type WorkspaceWorkerApi = typeof api;
expose(api);
