import { unzipSync } from 'fflate';

// Unzipping what users hand in: a hostile archive (a zip bomb) is refused before it fills the memory.

/** The most an archive may unpack to. */
const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3;

/**
 * The entries of a zip, name → bytes, those `keep` accepts. Throws an Error (the caller names the file)
 * when the bytes are not a zip or would unpack to more than 2 GiB.
 */
export function unzipBounded(bytes: Uint8Array, keep: (name: string) => boolean = () => true): Record<string, Uint8Array> {
  let unzipped = 0;
  return unzipSync(bytes, {
    filter: (info) => {
      unzipped += info.originalSize;
      if (unzipped > MAX_UNZIPPED_BYTES) throw new Error('the archive would unpack to more than 2 GiB');
      return keep(info.name);
    },
  });
}
