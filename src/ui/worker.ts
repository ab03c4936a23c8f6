import { workspaceWorker } from '../workers/workspaceClient';

// The page's one workspace worker, shared by the features that talk to it.
let worker: ReturnType<typeof workspaceWorker> | null = null;

export function getWorker(): ReturnType<typeof workspaceWorker> {
  worker ??= workspaceWorker();
  return worker;
}
