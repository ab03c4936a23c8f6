// Reads picked or dropped files through their streams, so a large file reports how far it has got and
// can be stopped, and the page never waits on one long read.

/** Bytes read so far of all the files, and of how many. */
export type ReadProgress = (loadedBytes: number, totalBytes: number) => void;

/**
 * The bytes of each file, in order; null when `signal` stopped the reading. `onProgress` is called as
 * chunks arrive (and once at the start), with counts over all the files.
 */
export async function readFiles(files: readonly Blob[], onProgress: ReadProgress, signal?: AbortSignal): Promise<Uint8Array[] | null> {
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  let loadedBytes = 0;
  onProgress(0, totalBytes);
  const result: Uint8Array[] = [];
  for (const file of files) {
    if (signal?.aborted) return null;
    const reader = file.stream().getReader();
    const stop = () => void reader.cancel();
    signal?.addEventListener('abort', stop, { once: true });
    // The size is known up front: chunks are copied into place rather than joined at the end.
    let bytes = new Uint8Array(file.size);
    let offset = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (offset + value.byteLength > bytes.byteLength) {
          const grown = new Uint8Array(Math.max(bytes.byteLength * 2, offset + value.byteLength));
          grown.set(bytes.subarray(0, offset));
          bytes = grown;
        }
        bytes.set(value, offset);
        offset += value.byteLength;
        loadedBytes += value.byteLength;
        onProgress(loadedBytes, totalBytes);
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      reader.releaseLock();
    }
    if (signal?.aborted) return null;
    result.push(offset === bytes.byteLength ? bytes : bytes.slice(0, offset));
  }
  return result;
}
