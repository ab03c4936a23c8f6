/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import { loadWorkspace } from '../io/workspace';
import type { LoadedImagery, LoadedWorkspace } from '../io/workspace';

// Reads and parses a workspace off the main thread. Imagery leaves as ImageBitmaps, transferred.

export type ViewImagery = Omit<LoadedImagery, 'rgba'> & { image: ImageBitmap };
export type ViewWorkspace = Omit<LoadedWorkspace, 'imagery'> & { imagery: ViewImagery[] };

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

const api = {
  async load(manifestUrl: string): Promise<ViewWorkspace> {
    const base = new URL(manifestUrl, self.location.href);
    const name = decodeURIComponent(base.pathname.split('/').pop() ?? manifestUrl);
    const loaded = await loadWorkspace(name, () => fetchBytes(base), (path) => fetchBytes(new URL(path, base)));
    const imagery = await Promise.all(
      loaded.imagery.map(async ({ rgba, ...rest }) => ({
        ...rest,
        image: await createImageBitmap(new ImageData(new Uint8ClampedArray(rgba), rest.width, rest.height)),
      })),
    );
    return transfer({ ...loaded, imagery }, imagery.map((i) => i.image));
  },
};

export type WorkspaceWorkerApi = typeof api;
expose(api);
