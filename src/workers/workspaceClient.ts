import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { WorkspaceWorkerApi } from './workspace.worker';

export type { ViewImagery, ViewLayer, ViewWorkspace } from './workspace.worker';

/** A typed handle on the workspace worker; one worker per page. */
export function workspaceWorker(): Remote<WorkspaceWorkerApi> {
  const worker = new Worker(new URL('./workspace.worker.ts', import.meta.url), { type: 'module' });
  return wrap<WorkspaceWorkerApi>(worker);
}
